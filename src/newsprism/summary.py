"""A merged extractive summary: corroborated facts first, every sentence cited.

Each summary sentence is one article's own wording of a fact (so its citation span is exact);
the citations list every article that carries the fact. Near-repeats are skipped (MMR-style on words).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Article, Citation, Fact, Statement, SummarySentence

WORD = re.compile(r"\w+")
PRONOUNS = frozenset({"he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "their", "its", "we", "i"})
STATUS_RANK = {"corroborated": 0, "differs": 1, "conflicts": 2, "single-source": 3}


def summarize(facts: Sequence[Fact], articles: dict[str, Article], *, max_sentences: int = 6) -> list[SummarySentence]:
    """Pick up to ``max_sentences`` facts, best corroborated first, and give each as a cited sentence.

    Facts are ranked by status (corroborated, differs, conflicts, then single-source), then by the number
    of independent sources, then by how early they come in their articles (news puts what matters first).
    The chosen sentences are then put in the order of the first article that carries them.
    """
    order = list(articles)
    candidates = [f for f in facts if _whole_sentence(f, articles)]
    ranked = sorted(candidates, key=lambda f: (STATUS_RANK[f.status], -f.independent_sources, _position(f, articles)))
    chosen: list[Fact] = []
    seen_words: list[set[str]] = []
    for fact in ranked:
        words = set(WORD.findall(_representative(fact).text.lower()))
        if any(len(words & w) / max(1, len(words)) > 0.6 for w in seen_words):
            continue
        chosen.append(fact)
        seen_words.append(words)
        if len(chosen) == max_sentences:
            break
    chosen.sort(key=lambda f: (order.index(_representative(f).article), _representative(f).start))
    return [SummarySentence(_representative(f).text, _citations(f)) for f in chosen]


def _citations(fact: Fact) -> tuple[Citation, ...]:
    """Every statement of the fact, the quoted one first (its span is the summary sentence itself)."""
    first = _representative(fact)
    rest = [s for s in fact.statements if s != first]
    return tuple(Citation(s.article, s.start, s.end) for s in [first, *rest])


def _representative(fact: Fact) -> Statement:
    """The statement to quote: the shortest wording that stands on its own, which is usually the plainest."""
    standalone = [s for s in fact.statements if _stands_alone(s.text)] or list(fact.statements)
    return min(standalone, key=lambda s: (len(s.text), s.article))


def _stands_alone(text: str) -> bool:
    """A sentence a reader can take out of its article: capitalised, not a bare quote, no leading pronoun."""
    first = text.split(" ", 1)[0].strip(",").lower()
    return text[:1].isupper() and first not in PRONOUNS


def _whole_sentence(fact: Fact, articles: dict[str, Article]) -> bool:
    """Only facts with a statement that stands on its own read well in a summary."""
    return any(_stands_alone(s.text) for s in fact.statements)


def _position(fact: Fact, articles: dict[str, Article]) -> float:
    s = fact.statements[0]
    return s.start / max(1, len(articles[s.article].text))
