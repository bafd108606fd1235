"""The shipped claim aligner, run on a dataset's own propositions.

The alignment evaluations (qa-align, nanco, propsegment) give propositions as spans of a text: a predicate
with its answer, an answer to a question, a rater's segment. Each is scored as ``compare`` would score it:
the text is analysed as ``compare`` analyses an article, the proposition becomes one ``Claim`` of that
analysis (its character ranges, its predicate and negation read off the parse as the splitter reads a
clause), and the claim records, embeddings, features and probabilities come from the very functions that
``compare`` chains. Nothing here is fitted.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..model import Analysis, Article, Claim, Span
from .scoring import memoised

if TYPE_CHECKING:
    from ..backends.embedders import Embedder
    from ..compare.claims import ClaimRecord


@dataclass
class Analysed:
    """A text as the shipped analysis sees it: its Article, Analysis and parse (kept for reading propositions)."""

    article: Article
    analysis: Analysis
    doc: Any


def analyse_texts(texts: Sequence[str], source: str, progress: Callable[[int], None] | None = None) -> list[Analysed]:
    """Analyse every text once, exactly as ``analyze_articles`` does (``nlp.pipe`` then ``analyze_doc``)."""
    from ..analyze import analyze_doc, load_nlp
    from ..ingest import article_from_text

    nlp = load_nlp()
    articles = [article_from_text(t, source=f"{source}:{k}", outlet=f"{source} {k}") for k, t in enumerate(texts)]
    out = []
    for article, doc in zip(articles, nlp.pipe([a.text for a in articles], batch_size=8)):
        out.append(Analysed(article, analyze_doc(article, doc), doc))
        if progress:
            progress(1)
    return out


def span_claim(parts: Sequence[Span], analysis: Analysis, doc: Any | None = None) -> Claim:
    """One ``Claim`` of kind ``clause`` for a proposition whose characters are ``parts`` (in text order).

    Its sentence is our sentence holding its first character (records read the sentence through it); its
    predicate is the lemma of the verb highest in the parse among its tokens (else of its highest token),
    and it is negated when it holds a negation of a verb, as the splitter reads a clause.
    """
    parts = tuple(parts)
    starts = [s.start for s in analysis.sentences]
    sentence = max(0, bisect.bisect_right(starts, parts[0].start) - 1)
    predicate, negated_terms = "", ()
    if doc is not None:
        inside = [t for t in doc if any(p.start < t.idx + len(t.text) and t.idx < p.end for p in parts) and not t.is_space]
        if inside:
            mine = {t.i for t in inside}
            tops = [t for t in inside if t.head.i not in mine or t.head.i == t.i]
            verbs = [t for t in tops if t.pos_ in {"VERB", "AUX"}] or tops
            predicate = min(verbs, key=lambda t: (_depth(t), t.i)).lemma_.lower()
            negated_terms = tuple(t.head.lemma_.lower() for t in inside if t.dep_ == "neg" and t.head.pos_ in {"VERB", "AUX"})
    return Claim(parts[0].start, parts[-1].end, sentence, bool(negated_terms), negated_terms=negated_terms,
                 kind="clause", parts=parts, predicate=predicate)


def _depth(token: Any) -> int:
    depth = 0
    while token.head.i != token.i and depth < 100:
        token, depth = token.head, depth + 1
    return depth


def merged_parts(ranges: Sequence[tuple[int, int]], text: str) -> tuple[Span, ...]:
    """Character ranges in text order, joined where only spaces separate them (one run of tokens, one part)."""
    out: list[list[int]] = []
    for start, end in sorted(ranges):
        if out and not text[out[-1][1] : start].strip():
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return tuple(Span(s, e) for s, e in out)


def records_of(articles: Sequence[Article], analyses: Sequence[Analysis]) -> list[ClaimRecord]:
    """The claim records of these articles, as ``compare`` builds them (entities resolved across them)."""
    from ..compare.claims import claim_records
    from ..resolve import resolve_entities

    return claim_records(articles, analyses, resolve_entities(articles, analyses))


def probabilities(records: list[ClaimRecord], embedder: Embedder) -> np.ndarray:
    """The shipped aligner's probability for every pair of ``records``."""
    from ..compare import embed_claims
    from ..compare.align import feature_matrices, load_aligner

    if not records:
        return np.zeros((0, 0))
    return load_aligner().probabilities(feature_matrices(records, *embed_claims(records, embedder)))


class Memoised:
    """An embedder that embeds each distinct text once (``scoring.memoised`` behind the ``Embedder`` protocol):
    warm it with every text of a dataset in one call, and later calls per story are look-ups."""

    def __init__(self, embedder: Embedder) -> None:
        self.name, self.dim = embedder.name, embedder.dim
        self._encode = memoised(embedder.encode)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts) if len(texts) else np.zeros((0, self.dim), dtype=np.float32)


def texts_to_embed(records: Sequence[ClaimRecord]) -> list[str]:
    """Every text ``probabilities`` embeds for these records (to warm a ``Memoised`` embedder in one batch)."""
    return [t for r in records for t in (r.reading, r.text, r.sentence)]
