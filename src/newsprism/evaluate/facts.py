"""facts-dev: does ``compare`` find what a person finds when reading every article of a story?

Each story of ``facts-dev`` (``stories/NAME.jsonl``, a few articles about one event) has a hand-made gold
(``gold/NAME.json``, see the dataset's ``GUIDELINES.md``): every checkable claim as an atomic fact, with the
exact words of each article that states it and whether independent sources corroborate it, only one reports
it, or they differ or conflict; and every reported utterance, grouped across outlets. We run the shipped
``compare`` on each story exactly as ``newsprism compare story.jsonl --format json`` does, and score its JSON
report against the gold.

The scorer is ours, written from the definitions of the dataset's ``score.py`` (its docstring is the
reference) and kept to the same counts and figures (a test checks that on real and synthetic reports):

- The gold's evidence quotes are located in the report's own article texts (exactly, else with quote marks
  unified and runs of whitespace as one space), and each gold article is mapped to the report article that
  holds most of its quotes, so a tool may normalise texts and choose its own ids.
- A report span *covers* an evidence span when they overlap by at least half of the evidence; it *touches* it
  when they overlap by at least half of the shorter of the two. A report fact *claims corroboration* when its
  status is not single-source and it counts two or more independent sources.
- Counts are summed over stories before any figure is divided out (pooled, not averaged).

Baseline, measured in the same run: MiniLM sentence alignment (the dataset's ``baseline.py minilm``). The
articles are cut into sentences by one regular expression, two sentences of two articles are linked when each
is the other's best match in that article pair with cosine >= 0.6, and linked sentences form one fact
(single-source when all its sentences come from one article). It finds no quotes, differences or summary, so
its recalls of those are 0 and their precisions empty.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import InputError

if TYPE_CHECKING:
    from ..backends.embedders import Embedder

log = logging.getLogger(__name__)

DEFAULT_DATA = Path("..") / "shared" / "data" / "facts-dev"

MULTI_SOURCE = frozenset({"corroborated", "differs", "conflicts"})  # gold statuses stated by >= 2 independent sources
DIFFERENCE = frozenset({"differs", "conflicts"})

FIGURES: dict[str, tuple[str, str]] = {  # figure -> (numerator count, denominator count); score.py's order
    "corroboration_recall": ("linked", "gold_multi"),
    "false_corroboration": ("overclaimed", "gold_single"),
    "pair_precision": ("pairs_ok", "pairs"),
    "difference_recall": ("diff_found", "gold_diff"),
    "difference_precision": ("report_diff_ok", "report_diff"),
    "conflict_type_accuracy": ("diff_type_ok", "diff_found"),
    "quote_recall": ("quote_linked", "gold_quote_groups"),
    "quote_precision": ("report_quote_ok", "report_quote_groups"),
    "citation_precision": ("citations_ok", "citations"),
    "summary_full_support": ("summary_full", "summary_sentences"),
    "speaker_accuracy": ("speaker_ok", "speaker_checked"),
}
COUNTS = ("missing_quotes", *dict.fromkeys(name for pair in FIGURES.values() for name in pair))
LOWER_IS_BETTER = frozenset({"false_corroboration"})

# The goals of the issue that asked for this evaluation (facts-dev, pooled); conflict_type_accuracy has none.
GOALS: dict[str, float] = {
    "false_corroboration": 0.10,
    "corroboration_recall": 0.85,
    "pair_precision": 0.90,
    "difference_recall": 0.70,
    "difference_precision": 0.70,
    "quote_recall": 0.85,
    "quote_precision": 0.90,
    "citation_precision": 0.97,
    "summary_full_support": 0.90,
    "speaker_accuracy": 0.95,
}

ERROR_KINDS = ("false_links", "missed_links", "overclaimed", "missed_differences", "false_differences")

Span = tuple[str, int, int]  # report article id, start, end (exclusive)


# --- the stories -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Story:
    """One annotated story: its articles (JSONL) and its gold."""

    name: str
    articles: Path
    gold_path: Path

    @cached_property
    def gold(self) -> dict[str, Any]:
        return json.loads(self.gold_path.read_text(encoding="utf-8"))


def find_stories(data: Path, names: Iterable[str] | None = None) -> list[Story]:
    """The stories of ``data`` that have a gold (``stories/NAME.jsonl`` with ``gold/NAME.json``), by name.

    A story without a gold is for trying the tool, not for scoring, so it is left out.

    Args:
        data: a facts folder (``../shared/data/facts-dev`` or one with the same layout).
        names: only these stories; every name must be one with a gold.

    Raises:
        InputError: ``data`` is not a facts folder, holds no scorable story, or a name is not one of them.
    """
    if not (data / "stories").is_dir() or not (data / "gold").is_dir():
        raise InputError(f"{data} is not a facts folder: it needs stories/NAME.jsonl and gold/NAME.json "
                         "(see ../shared/data/facts-dev/README.md); give the folder with --data.")
    found = [Story(p.stem, p, data / "gold" / f"{p.stem}.json") for p in sorted((data / "stories").glob("*.jsonl"))]
    found = [s for s in found if s.gold_path.is_file()]
    if not found:
        raise InputError(f"No story in {data / 'stories'} has a gold in {data / 'gold'}; nothing to score.")
    if names:
        wanted = list(dict.fromkeys(names))
        unknown = [n for n in wanted if n not in {s.name for s in found}]
        if unknown:
            raise InputError(f"No scorable story named {', '.join(unknown)} in {data}. "
                             f"Available: {', '.join(s.name for s in found)}")
        found = [s for s in found if s.name in wanted]
    return found


def read_records(path: Path) -> list[dict[str, Any]]:
    """The story's articles as its JSONL records (``id``, ``text``, ...), the input of the baseline."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def compare_story(path: Path) -> dict[str, Any]:
    """The JSON report of ``newsprism compare PATH --format json``: read, analyse, compare, as the CLI chains them.

    An article that cannot be read or analysed is left out with a warning, as the CLI does.

    Raises:
        InputError: no article of ``path`` could be read.
    """
    from ..analyze import analyze_articles
    from ..compare import compare_articles
    from ..ingest import read_articles
    from ..report.jsonout import comparison_to_json

    read = read_articles([path])
    for failure in read.failures:
        log.warning("skipped %s: %s", failure.source, failure.message)
    if not read.articles:
        raise InputError(f"None of the articles of {path} could be read; nothing to compare.")
    analysed = analyze_articles(read.articles)
    for failed in analysed.failed:
        log.warning("could not analyse %s: %s", failed.source, failed.message)
    ok_ids = {a.article_id for a in analysed.ok}
    comparison = compare_articles([a for a in read.articles if a.id in ok_ids], analyses=analysed.ok)
    return comparison_to_json(comparison)


# --- locating the gold in a report --------------------------------------------------------------------------

_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_CHARACTER_OR_SPACES = re.compile(r"\s+|\S")


def _normalise(text: str) -> tuple[str, list[int]]:
    """``text`` with curly quote marks made straight and each run of whitespace one space, and where each
    character of the result starts in ``text`` (a tool may re-space or re-quote the articles)."""
    chars, origin = [], []
    for m in _CHARACTER_OR_SPACES.finditer(text):
        chars.append(" " if m.group().isspace() else m.group().translate(_QUOTE_MARKS))
        origin.append(m.start())
    return "".join(chars), origin


class _Texts:
    """The report's article texts, each normalised once, and where a quote lies in one of them."""

    def __init__(self, report: Mapping[str, Any]) -> None:
        self.text = {a["id"]: a.get("text", "") for a in report.get("articles", [])}
        self._normalised: dict[str, tuple[str, list[int]]] = {}

    def find(self, article: str, quote: str) -> tuple[int, int] | None:
        text = self.text[article]
        at = text.find(quote)
        if at >= 0:
            return at, at + len(quote)
        wanted = _normalise(quote.strip())[0]
        if not wanted:
            return None
        if article not in self._normalised:
            self._normalised[article] = _normalise(text)
        normal, origin = self._normalised[article]
        at = normal.find(wanted)
        return None if at < 0 else (origin[at], origin[at + len(wanted) - 1] + 1)


@dataclass(frozen=True)
class Evidence:
    """Where a report article states a gold item: the located quote."""

    span: Span
    chain: str  # the gold reporting chain of the gold article (its first member's id)
    value: str  # the differing value as written ("" when none)
    quote: str


@dataclass(frozen=True)
class GoldItem:
    """A gold fact or utterance, its evidence located in the report."""

    id: str
    status: str
    text: str  # a fact's claim, an utterance's speaker
    evidence: tuple[Evidence, ...]
    difference: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class LocatedGold:
    facts: list[GoldItem]
    quotes: list[GoldItem]
    chain_of: dict[str, str]  # report article id -> gold chain
    missing: int  # evidence quotes found in no report article
    texts: _Texts


def locate_gold(gold: Mapping[str, Any], report: Mapping[str, Any]) -> LocatedGold:
    """Map each gold article to the report article holding most of its quotes, and each quote to offsets there.

    Ties go to the report's first article; a gold article none of whose quotes is found maps to nothing, and
    its evidence counts as missing.
    """
    texts = _Texts(report)
    items = [*gold.get("facts", []), *gold.get("quotes", [])]
    quotes_of: dict[str, list[str]] = {}
    for item in items:
        for e in item["evidence"]:
            quotes_of.setdefault(e["article"], []).append(e["quote"])
    article_of: dict[str, str] = {}
    for gold_id, quotes in quotes_of.items():
        found = {rid: sum(texts.find(rid, q) is not None for q in quotes) for rid in texts.text}
        best = max(found, key=found.__getitem__, default=None)
        if best is not None and found[best]:
            article_of[gold_id] = best

    chain = {a["id"]: a["id"] for a in gold["articles"]}
    for members in gold.get("chains", []):
        chain.update({member: members[0] for member in members})
    missing = 0

    def located(item: Mapping[str, Any], text_key: str) -> GoldItem:
        nonlocal missing
        evidence = []
        for e in item["evidence"]:
            rid = article_of.get(e["article"])
            at = texts.find(rid, e["quote"]) if rid else None
            if at is None:
                missing += 1
            else:
                evidence.append(Evidence((rid, *at), chain[e["article"]], e.get("value") or "", e["quote"]))
        return GoldItem(item["id"], item["status"], item.get(text_key, ""), tuple(evidence), item.get("difference") or {})

    facts = [located(f, "claim") for f in gold.get("facts", [])]
    quotes = [located(q, "speaker") for q in gold.get("quotes", [])]
    chain_of = {rid: chain[gold_id] for gold_id, rid in article_of.items()}
    return LocatedGold(facts, quotes, chain_of, missing, texts)


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[2], b[2]) - max(a[1], b[1]))


def covers(span: Span, evidence: Span) -> bool:
    """The report span holds at least half of the evidence (the report states that fact there)."""
    return span[0] == evidence[0] and _overlap(span, evidence) >= 0.5 * (evidence[2] - evidence[1])


def touches(span: Span, evidence: Span) -> bool:
    """They share at least half of the shorter one (a long sentence may state a short fact, and vice versa)."""
    shorter = min(evidence[2] - evidence[1], span[2] - span[1])
    return span[0] == evidence[0] and _overlap(span, evidence) >= 0.5 * shorter


def links(spans: Sequence[Span], evidence: Sequence[Evidence], *, values_differ: bool = False) -> bool:
    """Whether the spans touch evidence of the item in two gold chains (with two different values, for a difference)."""
    hit = [e for e in evidence if any(touches(s, e.span) for s in spans)]
    return any(
        a.chain != b.chain and (not values_differ or a.value.lower() != b.value.lower()) for a, b in combinations(hit, 2)
    )


_NAME_STOP_WORDS = frozenset({"the", "a", "an", "of", "mr", "mrs", "ms", "dr", "and", "s"})


def _name_words(name: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _NAME_STOP_WORDS]


def same_speaker(gold_speaker: str, report_speaker: str) -> bool:
    """Whether the report names the gold speaker.

    The gold may give alternatives ("Washington / Donald Trump") and a description after a comma ("Yuri Ushakov,
    Kremlin aide"); only the names before the comma count. Two names match when the last word of either is a word
    of the other (a surname), or when they share half the words of the gold's (a description).
    """
    said = _name_words(report_speaker)
    for alternative in gold_speaker.split("/"):
        name = _name_words(alternative.split(",")[0])
        if name and said and (name[-1] in said or said[-1] in name or len(set(name) & set(said)) >= max(1, len(name) // 2)):
            return True
    return False


# --- scoring one report ---------------------------------------------------------------------------------------


@dataclass
class StoryScore:
    """The counts behind the figures of one report, and what it got wrong (for ``--verbose``)."""

    counts: Counter[str]
    errors: dict[str, list[dict[str, Any]]]

    @property
    def figures(self) -> dict[str, float | None]:
        return figures(self.counts)


def figures(counts: Mapping[str, int]) -> dict[str, float | None]:
    """Each figure of ``FIGURES`` from its counts, to three decimals; None when its denominator is 0."""
    return {
        name: round(counts.get(num, 0) / counts[den], 3) if counts.get(den) else None for name, (num, den) in FIGURES.items()
    }


def meets_goal(figure: str, value: float | None, goal: float) -> bool:
    """Whether ``value`` reaches ``goal`` (at most it for a figure where lower is better); an empty figure does not."""
    if value is None:
        return False
    return value <= goal if figure in LOWER_IS_BETTER else value >= goal


def _spans(item: Mapping[str, Any], key: str = "statements") -> list[Span]:
    return [(s["article"], s["start"], s["end"]) for s in item.get(key) or []]


def score_report(gold: Mapping[str, Any], report: Mapping[str, Any]) -> StoryScore:
    """Score one JSON report (``comparison_to_json``'s contract) against a story's gold.

    Only the report's ``articles`` (ids, texts), ``facts``, ``quotes`` and ``summary`` are read, so any system
    that writes them (the baseline here) is scored by the same code. The gold is not modified.
    """
    gold_spans = locate_gold(gold, report)
    score = StoryScore(Counter(dict.fromkeys(COUNTS, 0)), {kind: [] for kind in ERROR_KINDS})
    score.counts["missing_quotes"] = gold_spans.missing
    report_facts = report.get("facts", [])
    corroborating = [
        f for f in report_facts if f.get("status") != "single-source" and (f.get("independent_sources") or 0) >= 2
    ]
    _score_gold_facts(gold_spans, corroborating, [f for f in report_facts if f.get("status") in DIFFERENCE], score)
    _score_pairs(gold_spans, corroborating, score)
    _score_report_differences(gold_spans, report_facts, score)
    _score_quote_groups(gold_spans, report.get("quotes", []), score)
    _score_speakers(gold_spans, report.get("quotes", []), score)
    _score_summary(gold_spans, report.get("summary", []), score)
    return score


def _text(gold_spans: LocatedGold, span: Span) -> str:
    return gold_spans.texts.text.get(span[0], "")[span[1]:span[2]]


def _score_gold_facts(gold_spans: LocatedGold, corroborating: list[dict], differences: list[dict], score: StoryScore) -> None:
    """Recall over the gold facts: linked when multi-source, over-claimed when single-source, found when differing."""
    c, errors = score.counts, score.errors
    for fact in gold_spans.facts:
        if fact.status in MULTI_SOURCE:
            c["gold_multi"] += 1
            if any(links(_spans(r), fact.evidence) for r in corroborating):
                c["linked"] += 1
            else:
                errors["missed_links"].append({"fact": fact.id, "claim": fact.text, "evidence": [e.quote for e in fact.evidence]})
        else:
            c["gold_single"] += 1
            covering = next((s for r in corroborating for s in _spans(r) if any(covers(s, e.span) for e in fact.evidence)), None)
            if covering is not None:
                c["overclaimed"] += 1
                errors["overclaimed"].append({"fact": fact.id, "claim": fact.text, "statement": _text(gold_spans, covering)})
        if fact.status in DIFFERENCE:
            c["gold_diff"] += 1
            found = [r for r in differences if links(_spans(r), fact.evidence, values_differ=True)]
            if found:
                c["diff_found"] += 1
                c["diff_type_ok"] += any(r.get("status") == fact.status for r in found)
            else:
                errors["missed_differences"].append({
                    "fact": fact.id, "claim": fact.text, "status": fact.status, "kind": fact.difference.get("kind"),
                    "detail": fact.difference.get("detail"), "values": [e.value for e in fact.evidence],
                })


def _score_pairs(gold_spans: LocatedGold, corroborating: list[dict], score: StoryScore) -> None:
    """Precision over the cross-chain statement pairs that a corroborating report fact calls one fact."""
    multi = [f for f in gold_spans.facts if f.status in MULTI_SOURCE]
    chain_of = gold_spans.chain_of
    for r in corroborating:
        for a, b in combinations(_spans(r), 2):
            if a[0] == b[0] or chain_of.get(a[0]) == chain_of.get(b[0]):
                continue
            score.counts["pairs"] += 1
            if any(any(touches(a, e.span) for e in f.evidence) and any(touches(b, e.span) for e in f.evidence) for f in multi):
                score.counts["pairs_ok"] += 1
            else:
                pair = [_text(gold_spans, a), _text(gold_spans, b)]
                score.errors["false_links"].append({"fact": r.get("id"), "statements": pair})


def _chains(gold_spans: LocatedGold, spans: list[Span]) -> int:
    """How many gold chains the spans come from (an article the gold does not know counts as one more)."""
    return len({gold_spans.chain_of.get(s[0]) for s in spans})


def _score_report_differences(gold_spans: LocatedGold, report_facts: list[dict], score: StoryScore) -> None:
    """Precision over the report's differs/conflicts facts that span two chains."""
    gold_differences = [f for f in gold_spans.facts if f.status in DIFFERENCE]
    for r in report_facts:
        if r.get("status") not in DIFFERENCE or _chains(gold_spans, _spans(r)) < 2:
            continue
        score.counts["report_diff"] += 1
        if any(links(_spans(r), f.evidence, values_differ=True) for f in gold_differences):
            score.counts["report_diff_ok"] += 1
        else:
            score.errors["false_differences"].append({
                "fact": r.get("id"), "status": r.get("status"), "statements": [_text(gold_spans, s) for s in _spans(r)],
                "details": [d.get("detail") for d in r.get("differences") or []],
            })


def _score_quote_groups(gold_spans: LocatedGold, report_quotes: list[dict], score: StoryScore) -> None:
    """Recall over the gold utterances several chains report; precision over the report's cross-chain groups."""
    c = score.counts
    grouped = [q for q in gold_spans.quotes if q.status != "single-source"]
    for q in grouped:
        c["gold_quote_groups"] += 1
        c["quote_linked"] += any(links(_spans(r, "variants"), q.evidence) for r in report_quotes)
    for r in report_quotes:
        variants = _spans(r, "variants")
        if _chains(gold_spans, variants) < 2:
            continue
        c["report_quote_groups"] += 1
        c["report_quote_ok"] += any(links(variants, q.evidence) for q in grouped)


def _score_speakers(gold_spans: LocatedGold, report_quotes: list[dict], score: StoryScore) -> None:
    """Of the gold utterances a report quote touches (each evidence item), those whose report speaker is right."""
    for q in gold_spans.quotes:
        for e in q.evidence:
            hit = [r for r in report_quotes if any(touches(s, e.span) for s in _spans(r, "variants"))]
            if hit:
                score.counts["speaker_checked"] += 1
                score.counts["speaker_ok"] += any(same_speaker(q.text, r.get("speaker") or "") for r in hit)


def _own_citation(sentence: Mapping[str, Any], cited: list[Span], gold_spans: LocatedGold) -> Span | None:
    """The citation a summary sentence is taken from: its whole text, else one holding its first 40 characters."""
    text = sentence.get("text", "")
    own = next((x for x in cited if _text(gold_spans, x).strip() == text.strip()), None)
    return own if own is not None else next((x for x in cited if text[:40] in _text(gold_spans, x)), None)


def _score_summary(gold_spans: LocatedGold, summary: list[dict], score: StoryScore) -> None:
    """Whether each summary sentence's citations of other chains state the gold facts of the sentence's own source."""
    c = score.counts
    for sentence in summary:
        cited = [(x["article"], x["start"], x["end"]) for x in sentence.get("citations", [])]
        own = _own_citation(sentence, cited, gold_spans)
        if own is None:
            continue
        others = [x for x in cited if x != own and gold_spans.chain_of.get(x[0]) != gold_spans.chain_of.get(own[0])]
        if not others:
            continue
        facts_here = [f for f in gold_spans.facts if any(covers(own, e.span) for e in f.evidence)]
        c["summary_sentences"] += 1
        full = bool(facts_here)
        for x in others:
            c["citations"] += 1
            c["citations_ok"] += any(any(touches(x, e.span) for e in f.evidence) for f in facts_here)
            full = full and all(any(e.span[0] == x[0] for e in f.evidence) for f in facts_here)
        c["summary_full"] += full


# --- the baseline ----------------------------------------------------------------------------------------------

SENTENCE = re.compile(r"[^\n]+?(?:[.!?][\"”’']?(?=\s+[A-Z\"“‘'(])|$)", re.MULTILINE)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences as the baseline cuts them: up to . ! or ? (and a closing quote) before a capital, or a line's end.

    A sentence after another on the same line starts with the space between them, as in the dataset's baseline.
    """
    return [(m.start(), m.end()) for m in SENTENCE.finditer(text) if m.group().strip()]


def align_sentences(
    articles: Sequence[Mapping[str, Any]], *, embedder: str | Embedder = "minilm", threshold: float = 0.6
) -> dict[str, Any]:
    """The baseline's JSON report: sentences linked when mutual best MiniLM matches of an article pair, grouped.

    Does not look for quotes, differences or a summary; every article is its own chain.

    Args:
        articles: records with ``id`` and ``text``.
        embedder: backend name or instance (``resolve_embedder``).
        threshold: the least cosine of a link.
    """
    from ..backends.embedders import resolve_embedder
    from ..util import DisjointSet

    items = [(a["id"], s, e) for a in articles for s, e in split_sentences(a["text"])]
    text = {a["id"]: a["text"] for a in articles}
    vectors = resolve_embedder(embedder).encode([text[a][s:e] for a, s, e in items])
    cosine = vectors @ vectors.T
    rows: dict[str, list[int]] = {}
    for i, (aid, _, _) in enumerate(items):
        rows.setdefault(aid, []).append(i)
    groups = DisjointSet(range(len(items)))
    for x, y in combinations(sorted(rows), 2):
        block = cosine[np.ix_(rows[x], rows[y])]
        best_in_y, best_in_x = block.argmax(axis=1), block.argmax(axis=0)
        for r, col in enumerate(best_in_y):
            if block[r, col] >= threshold and best_in_x[col] == r:
                groups.union(rows[x][r], rows[y][col])
    facts = []
    for k, members in enumerate(groups.groups()):
        sources = len({items[i][0] for i in members})
        facts.append({
            "id": f"f{k}", "status": "corroborated" if sources > 1 else "single-source", "independent_sources": sources,
            "statements": [{"article": items[i][0], "start": items[i][1], "end": items[i][2]} for i in members],
        })
    return {"articles": [{"id": a["id"], "text": a["text"]} for a in articles], "independence": [[a["id"]] for a in articles],
            "facts": facts, "quotes": [], "summary": []}


# --- the evaluation ---------------------------------------------------------------------------------------------


def pool(scores: Mapping[str, StoryScore]) -> dict[str, Any]:
    """Figures of the summed counts (pooled over stories), with each story's own."""
    total: Counter[str] = Counter(dict.fromkeys(COUNTS, 0))
    for s in scores.values():
        total.update(s.counts)
    return {
        "figures": figures(total), "counts": dict(total),
        "stories": {name: {"figures": s.figures, "counts": dict(s.counts)} for name, s in scores.items()},
    }


def evaluate_facts(
    data: Path,
    *,
    stories: Iterable[str] | None = None,
    baseline: bool = True,
    verbose: bool = False,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Score ``compare`` on every story of ``data`` that has a gold; with ``baseline`` the MiniLM sentence baseline too.

    Args:
        data: a facts folder (``stories/``, ``gold/``).
        stories: only these story names.
        baseline: score the baseline beside ours (it loads MiniLM; ``compare`` does anyway).
        verbose: add each story's errors under ``errors`` (ours only).
        progress: called with 1 after each story.

    Returns:
        ``figures`` and ``counts`` pooled over the stories, ``stories`` (name -> its figures and counts), and
        the same three under ``baseline``; ``errors`` (name -> kind -> items) when ``verbose``.

    Raises:
        InputError: no story to score (see :func:`find_stories`).
    """
    ours: dict[str, StoryScore] = {}
    theirs: dict[str, StoryScore] = {}
    for story in find_stories(data, stories):
        ours[story.name] = score_report(story.gold, compare_story(story.articles))
        if baseline:
            theirs[story.name] = score_report(story.gold, align_sentences(read_records(story.articles)))
        if progress:
            progress(1)
    results = pool(ours)
    if baseline:
        results["baseline"] = pool(theirs)
    if verbose:
        results["errors"] = {name: s.errors for name, s in ours.items()}
    return results
