"""PropSegmEnt: are our claims the propositions a person finds, and does the aligner link what another document entails?

PropSegmEnt (Chen et al. 2023) gives clusters of documents on one topic. Raters split every sentence into
**propositions** (each a set of the sentence's tokens, possibly discontiguous: "X, who founded Y in 2001,
died" gives "X founded Y", "X founded Y in 2001", "X died") and judged, for a proposition and another
document of its cluster, whether that document **entails** it. Those are newsprism's two questions: what are
a sentence's claims (``analyze.claims``), and does another source state this claim (``compare.align``)? We
measure the shipped splitter and the shipped aligner, untouched, on the Wikipedia half of the corpus (the
news half ships without text).

**Segmentation.** Each document becomes an Article and is analysed as ``compare`` analyses it. Each dataset
sentence is located in the Article's text (searched from the end of the previous one), and each of our claims
goes to the dataset sentence holding most of its characters. A claim becomes the set of the sentence's tokens
(the dataset's tokens) that its character ranges overlap. Which ranges: a proposition is "a predicate with its
arguments", and a claim's ``parts`` alone are a detail without the clause it details ("on Sunday"), so the
reported figure uses ``parts`` plus ``context`` ("the quake struck" + "on Sunday"); ``parts`` alone are scored
beside it. The choice follows the definition, not the figures, and is the same for every sentence.
Scoring as in the paper: the predicted and gold propositions of a sentence are matched one to one, keeping
pairs whose token Jaccard is >= 0.8, by a maximum matching (the assignment that keeps the most such pairs);
precision, recall and F1 pool the matched pairs over all sentences. Exact match (Jaccard 1) is scored the
same way. Gold is the reference response; a sentence without one is left out. Baseline, same run: each
sentence is one proposition (all its tokens).

**Entailment.** Gold: the majority of the raters' responses, ENTAILS against the rest (NEITHER, CONTRADICTS);
a response that gives no relationship (UNSPECIFIED) is no vote, and a tie is not entailed. For each
hypothesis document, a story is built as ``compare`` would see it: the hypothesis document, whose claims are
replaced by the hypothesis propositions (one ``Claim`` each, its ``parts`` the runs of consecutive tokens of the
proposition; its predicate and negation read off the parse of the document, as the splitter reads them), and
every premise document with its own claims. Records, entities, embeddings, features and probabilities are
computed by the shipped ``compare`` functions. Ours says "entailed" when the best probability of the
hypothesis against any claim of the premise document reaches the shipped threshold. The aligner was trained
on news (facts-dev), not on this data, so ours is also scored at the best threshold chosen by two-fold
cross-validation over clusters (a stable hash of the cluster id; each fold decided by the threshold that
maximises balanced accuracy on the other). Baseline, same run and same cross-validation: the MiniLM cosine of
the proposition's tokens (joined by spaces) to the premise document's best sentence.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import InputError
from ..model import Analysis, Article, Claim, Span
from .scoring import balanced_accuracy, best_threshold
from .shipped import (
    Memoised,
    analyse_texts,
    probabilities,
    records_of,
    span_claim,
    texts_to_embed,
)

if TYPE_CHECKING:

    from ..backends.embedders import Embedder

DEFAULT_DATA = Path("..") / "shared" / "data" / "propsegment"
MATCH_JACCARD = 0.8  # the paper's criterion for a predicted proposition to match a gold one
ENTAILS = "RELATIONSHIP_ENTAILS"
NO_VOTE = "RELATIONSHIP_UNSPECIFIED"
STORIES_PER_BATCH = 6  # hypothesis documents whose claims are embedded in one call

# Table 3 of the paper (full test set, Wikipedia + news), for context: not the same data as ours.
PUBLISHED: dict[str, dict[str, float]] = {
    "T5-Large": {"segmentation_f1": 0.555, "segmentation_exact_f1": 0.323, "entailment_accuracy": 0.914, "entailment_balanced_accuracy": 0.898},
    "T5-Base": {"segmentation_f1": 0.534, "entailment_accuracy": 0.852, "entailment_balanced_accuracy": 0.814},
    "human": {"segmentation_f1": 0.671, "entailment_accuracy": 0.902, "entailment_balanced_accuracy": 0.883},
}

TokenSet = frozenset[int]


# --- the data ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    """One dataset sentence: its text and its tokens as (start, end) character ranges within the sentence."""

    index: int
    text: str
    tokens: tuple[tuple[int, int], ...]
    words: tuple[str, ...]

    def token_text(self, tokens: Iterable[int]) -> str:
        """The proposition's tokens in sentence order, joined by spaces (how the dataset shows a proposition)."""
        return " ".join(self.words[i] for i in sorted(tokens))


@dataclass(frozen=True)
class Document:
    id: str
    cluster: str
    text: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Relationship:
    """Does document ``premise`` entail the proposition ``tokens`` of sentence ``sentence`` of ``document``?"""

    cluster: str
    premise: str
    document: str
    sentence: int
    tokens: TokenSet
    entails: bool


@dataclass(frozen=True)
class PropSegment:
    """One split: its documents (with text), the gold segmentation of each sentence, the entailment judgements,
    and how many entries were left out and why."""

    documents: tuple[Document, ...]
    gold: dict[tuple[str, int], tuple[TokenSet, ...]]  # (document id, sentence index) -> gold propositions
    relationships: tuple[Relationship, ...]
    skipped: dict[str, int]


def load_propsegment(data: Path, split: str = "dev") -> PropSegment:
    """Read ``document_clusters.SPLIT.json``, ``propositions.SPLIT.json`` and, when present, ``relationships.SPLIT.json``.

    Only clusters whose documents have text are kept (the news clusters ship masked); propositions and
    relationships of the others are counted in ``skipped``.

    Raises:
        InputError: ``data`` lacks the split's cluster or proposition file.
    """
    paths = {name: data / f"{name}.{split}.json" for name in ("document_clusters", "propositions", "relationships")}
    for name in ("document_clusters", "propositions"):
        if not paths[name].is_file():
            raise InputError(f"{paths[name]} not found: --data must be a PropSegmEnt folder holding "
                             f"document_clusters.{split}.json and propositions.{split}.json (see ../shared/data/propsegment/README.md).")
    skipped = {"clusters_without_text": 0, "sentences_without_text": 0, "sentences_without_reference": 0,
               "relationships_without_text": 0, "relationships_without_vote": 0}
    documents = []
    for cluster in _read(paths["document_clusters"]):
        found = [_document(cluster["cluster_id"], d) for d in cluster.get("documents", []) if d.get("document")]
        skipped["clusters_without_text"] += not found
        documents += found
    known = {(d.id, s.index) for d in documents for s in d.sentences}
    with_text = {d.id for d in documents}
    gold = {}
    for entry in _read(paths["propositions"]):
        key, reference = _reference(entry)
        if key not in known:
            skipped["sentences_without_text"] += 1
        elif reference is None:
            skipped["sentences_without_reference"] += 1
        else:
            gold[key] = reference
    relationships = []
    if paths["relationships"].is_file():
        for entry in _read(paths["relationships"]):
            hypothesis = entry["hypothesis_proposition"]
            if (hypothesis["document_id"], hypothesis["sentence_index"]) not in known or entry["premise_document_id"] not in with_text:
                skipped["relationships_without_text"] += 1
            elif (relationship := _relationship(entry)) is None:
                skipped["relationships_without_vote"] += 1
            else:
                relationships.append(relationship)
    return PropSegment(tuple(documents), gold, tuple(relationships), skipped)


def _read(path: Path) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))


def _document(cluster: str, record: dict[str, Any]) -> Document:
    sentences = tuple(
        Sentence(
            k, s["sentence_text"],
            tuple((t["character_offset_of_token_in_sentence"], t["character_offset_of_token_in_sentence"] + len(t["text"])) for t in s["tokens"]),
            tuple(t["text"] for t in s["tokens"]),
        )
        for k, s in enumerate(record.get("sentences", []))
    )
    return Document(record["document_id"], cluster, record["document"], sentences)


def _reference(entry: dict[str, Any]) -> tuple[tuple[str, int], tuple[TokenSet, ...] | None]:
    """The sentence's key and its reference segmentation (None when no response is the reference)."""
    key = (entry["sentence_id"]["document_id"], entry["sentence_id"]["sentence_index"])
    for response in entry.get("segmentation_responses", []):
        if response.get("is_reference_response"):
            props = tuple(frozenset(p["token_indices"]) for p in response.get("propositions", []) if p.get("token_indices"))
            return key, props
    return key, None


def _relationship(entry: dict[str, Any]) -> Relationship | None:
    """The judgement with its majority gold; None when no rater gave a relationship (or the proposition is empty)."""
    votes = [r["relationship"] for r in entry.get("relationship_responses", []) if r.get("relationship", NO_VOTE) != NO_VOTE]
    hypothesis = entry["hypothesis_proposition"]
    if not votes or not hypothesis["proposition"].get("token_indices"):
        return None
    return Relationship(
        entry["cluster_id"], entry["premise_document_id"], hypothesis["document_id"], hypothesis["sentence_index"],
        frozenset(hypothesis["proposition"]["token_indices"]), entails=2 * votes.count(ENTAILS) > len(votes),
    )


# --- scoring a segmentation -------------------------------------------------------------------------------


def token_jaccard(a: TokenSet, b: TokenSet) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def matched_pairs(predicted: Sequence[TokenSet], gold: Sequence[TokenSet], threshold: float = MATCH_JACCARD) -> int:
    """How many predicted and gold propositions can be paired one to one with token Jaccard >= ``threshold``.

    A maximum matching, not a greedy one: one prediction close to two gold propositions must not take the one
    another prediction needed (``linear_sum_assignment`` on the 0/1 matrix of admissible pairs).
    """
    if not predicted or not gold:
        return 0
    from scipy.optimize import linear_sum_assignment

    ok = np.array([[token_jaccard(p, g) >= threshold for g in gold] for p in predicted], dtype=float)
    rows, cols = linear_sum_assignment(ok, maximize=True)
    return int(ok[rows, cols].sum())


def segmentation_scores(sentences: Iterable[tuple[Sequence[TokenSet], Sequence[TokenSet]]], threshold: float = MATCH_JACCARD) -> dict[str, float]:
    """Precision, recall and F1 over propositions, pooled over (predicted, gold) sentences, with the counts."""
    matched = predicted = gold = 0
    for ours, theirs in sentences:
        matched += matched_pairs(ours, theirs, threshold)
        predicted += len(ours)
        gold += len(theirs)
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "matched": matched, "predicted": predicted, "gold": gold}


# --- our claims as dataset tokens -----------------------------------------------------------------------------


def locate_sentences(document: Document, text: str) -> list[int | None]:
    """Where each dataset sentence starts in ``text`` (the Article's text), searched in order; None when absent."""
    starts: list[int | None] = []
    at = 0
    for sentence in document.sentences:
        found = text.find(sentence.text, at)
        starts.append(found if found >= 0 else None)
        if found >= 0:
            at = found + len(sentence.text)
    return starts


def tokens_overlapping(sentence: Sentence, start: int, ranges: Iterable[Span | tuple[int, int]]) -> TokenSet:
    """The indices of the sentence's tokens (the sentence starting at ``start``) that any range overlaps."""
    spans = [(r.start, r.end) if isinstance(r, Span) else r for r in ranges]
    return frozenset(
        k for k, (a, b) in enumerate(sentence.tokens) if any(s < start + b and start + a < e for s, e in spans)
    )


def sentence_of_claim(claim: Claim, sentences: Sequence[Sentence], starts: Sequence[int | None]) -> int | None:
    """The position of the dataset sentence that holds most of the claim's own characters (None: none does)."""
    best, most = None, 0
    for k, (sentence, start) in enumerate(zip(sentences, starts)):
        if start is None:
            continue
        inside = sum(max(0, min(p.end, start + len(sentence.text)) - max(p.start, start)) for p in _parts(claim))
        if inside > most:
            best, most = k, inside
    return best


def _parts(claim: Claim) -> tuple[Span, ...]:
    return claim.parts or (Span(claim.start, claim.end),)


def predicted_segmentation(document: Document, text: str, analysis: Analysis, *, with_context: bool = True) -> dict[int, list[TokenSet]]:
    """Our claims of each dataset sentence as token sets: ``parts`` (plus ``context`` under ``with_context``)."""
    starts = locate_sentences(document, text)
    out: dict[int, list[TokenSet]] = {}
    for claim in analysis.claims:
        k = sentence_of_claim(claim, document.sentences, starts)
        if k is None:
            continue
        ranges = _parts(claim) + (claim.context if with_context else ())
        tokens = tokens_overlapping(document.sentences[k], starts[k], ranges)  # type: ignore[arg-type]
        if tokens:
            out.setdefault(document.sentences[k].index, []).append(tokens)
    return out


def one_per_sentence(document: Document) -> dict[int, list[TokenSet]]:
    """The baseline: every sentence is one proposition holding all its tokens."""
    return {s.index: [frozenset(range(len(s.tokens)))] for s in document.sentences}


# --- the hypothesis as a claim ---------------------------------------------------------------------------------


def proposition_parts(sentence: Sentence, start: int, tokens: TokenSet) -> tuple[Span, ...]:
    """The proposition's characters: one range per run of consecutive tokens (the claim's ``parts``)."""
    runs: list[list[int]] = []
    for k in sorted(tokens):
        if runs and k == runs[-1][-1] + 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    return tuple(Span(start + sentence.tokens[r[0]][0], start + sentence.tokens[r[-1]][1]) for r in runs)


# --- running the shipped pipeline ------------------------------------------------------------------------------


@dataclass
class Analysed:
    """A document as the shipped analysis sees it (``shipped.Analysed``), with the dataset's document."""

    document: Document
    article: Article
    analysis: Analysis
    doc: Any


def analyse_documents(documents: Sequence[Document], progress: Callable[[int], None] | None = None) -> dict[str, Analysed]:
    """Analyse every document once, as ``compare`` analyses an article, keeping the parse for the hypotheses."""
    texts = analyse_texts([d.text for d in documents], "propsegment", progress)
    return {d.id: Analysed(d, t.article, t.analysis, t.doc) for d, t in zip(documents, texts)}


def segment(dataset: PropSegment, analysed: dict[str, Analysed]) -> dict[str, Any]:
    """Our segmentation (parts + context, and parts only) and the one-per-sentence baseline, scored on the gold."""
    ours: dict[bool, list[tuple[list[TokenSet], tuple[TokenSet, ...]]]] = {True: [], False: []}
    baseline = []
    for item in analysed.values():
        document = item.document
        whole = one_per_sentence(document)
        for with_context in (True, False):
            predicted = predicted_segmentation(document, item.article.text, item.analysis, with_context=with_context)
            ours[with_context] += [(predicted.get(s.index, []), dataset.gold[(document.id, s.index)])
                                   for s in document.sentences if (document.id, s.index) in dataset.gold]
        baseline += [(whole[s.index], dataset.gold[(document.id, s.index)]) for s in document.sentences if (document.id, s.index) in dataset.gold]
    results = {"sentences": len(baseline), "propositions": "parts+context"}
    results["newsprism"] = {**segmentation_scores(ours[True]), "exact_f1": segmentation_scores(ours[True], 1.0)["f1"]}
    results["newsprism_parts_only"] = {**segmentation_scores(ours[False]), "exact_f1": segmentation_scores(ours[False], 1.0)["f1"]}
    results["baseline"] = {**segmentation_scores(baseline), "exact_f1": segmentation_scores(baseline, 1.0)["f1"]}
    return results


def aligner_scores(dataset: PropSegment, analysed: dict[str, Analysed], embedder: Embedder,
                   progress: Callable[[int], None] | None = None) -> np.ndarray:
    """The shipped aligner's best probability of each relationship's hypothesis against its premise's claims.

    One story per hypothesis document: that document with its hypothesis propositions as its only claims,
    and its premise documents with their own claims, run through the functions ``compare`` chains. Every
    story's texts are embedded a few stories at a time (``embedder`` should memoise: ``Memoised``): larger
    batches run faster than a call per story, and the progress bar still moves.
    """
    by_document: dict[str, list[int]] = {}
    for k, r in enumerate(dataset.relationships):
        by_document.setdefault(r.document, []).append(k)
    stories = [(indices, _Story([dataset.relationships[k] for k in indices], analysed)) for indices in by_document.values()]
    scores = np.zeros(len(dataset.relationships))
    for at in range(0, len(stories), STORIES_PER_BATCH):
        batch = stories[at : at + STORIES_PER_BATCH]
        embedder.encode([t for _, story in batch for t in texts_to_embed(story.records)])
        for indices, story in batch:
            scores[indices] = story.scores(embedder)
            if progress:
                progress(1)
    return scores


class _Story:
    """The claim records of one hypothesis document's story, built as ``compare`` builds them."""

    def __init__(self, relationships: list[Relationship], analysed: dict[str, Analysed]) -> None:
        hypothesis = analysed[relationships[0].document]
        starts = locate_sentences(hypothesis.document, hypothesis.article.text)
        self.keys = list(dict.fromkeys((r.sentence, r.tokens) for r in relationships))
        claims = tuple(span_claim(proposition_parts(hypothesis.document.sentences[s], starts[s], t), hypothesis.analysis, hypothesis.doc)  # type: ignore[arg-type]
                       for s, t in self.keys)
        premises = [analysed[p] for p in dict.fromkeys(r.premise for r in relationships)]
        articles = [hypothesis.article] + [p.article for p in premises]
        analyses = [replace(hypothesis.analysis, claims=claims)] + [p.analysis for p in premises]
        self.relationships = relationships
        self.records = records_of(articles, analyses)
        self.columns = {p.document.id: np.array([r.index for r in self.records if r.article == p.article.id], dtype=int) for p in premises}

    def scores(self, embedder: Embedder) -> np.ndarray:
        """Each relationship's best probability over its premise's claims (its hypothesis is record ``keys.index``)."""
        probability = probabilities(self.records, embedder)
        out = []
        for r in self.relationships:
            row, cols = self.keys.index((r.sentence, r.tokens)), self.columns[r.premise]
            out.append(float(probability[row, cols].max()) if cols.size else 0.0)
        return np.array(out)


def baseline_scores(dataset: PropSegment, analysed: dict[str, Analysed], embed: Callable[[Sequence[str]], np.ndarray]) -> np.ndarray:
    """MiniLM cosine of each hypothesis proposition (its tokens joined) to the premise document's best sentence."""
    hypotheses = [analysed[r.document].document.sentences[r.sentence].token_text(r.tokens) for r in dataset.relationships]
    premises = {r.premise: [s.text for s in analysed[r.premise].document.sentences] for r in dataset.relationships}
    embed(hypotheses + [t for texts in premises.values() for t in texts])  # one batch; later calls are looked up
    return np.array([float((embed([h]) @ embed(premises[r.premise]).T).max()) if premises[r.premise] else 0.0
                     for h, r in zip(hypotheses, dataset.relationships)])


def decision_figures(gold: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    return {"accuracy": round(float((gold == predicted).mean()), 4) if len(gold) else 0.0,
            "balanced_accuracy": round(balanced_accuracy(gold, predicted), 4)}


def fold_of(cluster: str) -> int:
    """The cross-validation fold of a cluster: a stable hash, as the other evaluations split by topic."""
    return zlib.crc32(cluster.encode()) % 2


def cross_validated(scores: np.ndarray, gold: np.ndarray, folds: np.ndarray) -> tuple[np.ndarray, list[float]]:
    """Decisions for every row, each fold cut at the threshold that maximises balanced accuracy on the other fold."""
    decided = np.zeros(len(gold), dtype=bool)
    thresholds = []
    for fold in np.unique(folds):
        train, held = folds != fold, folds == fold
        if not train.any():  # one fold only: nothing to learn from; fall back to the held fold itself
            train = held
        threshold = best_threshold(scores[train], gold[train], metric=balanced_accuracy)
        decided[held] = scores[held] >= threshold
        thresholds.append(round(threshold, 4))
    return decided, thresholds


def entail(dataset: PropSegment, analysed: dict[str, Analysed], embedder: Embedder,
           progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Ours at the shipped threshold and at the cross-validated one, the cosine baseline, and always-not-entailed."""
    from ..compare.align import load_aligner

    gold = np.array([r.entails for r in dataset.relationships], dtype=bool)
    if not len(gold):
        return {"pairs": 0}
    folds = np.array([fold_of(r.cluster) for r in dataset.relationships])
    once = Memoised(embedder)  # a premise document serves several hypothesis documents: embed its claims once
    ours = aligner_scores(dataset, analysed, once, progress)
    cosine = baseline_scores(dataset, analysed, once.encode)
    shipped = load_aligner().threshold
    ours_cv, ours_thresholds = cross_validated(ours, gold, folds)
    base_cv, base_thresholds = cross_validated(cosine, gold, folds)
    return {
        "pairs": len(gold), "entailed": int(gold.sum()),
        "clusters_per_fold": [len({r.cluster for r, f in zip(dataset.relationships, folds) if f == k}) for k in (0, 1)],
        "newsprism": {**decision_figures(gold, ours >= shipped), "threshold": shipped},
        "newsprism_cv": {**decision_figures(gold, ours_cv), "thresholds": ours_thresholds},
        "baseline": {**decision_figures(gold, base_cv), "thresholds": base_thresholds},
        "always_not_entailed": decision_figures(gold, np.zeros(len(gold), dtype=bool)),
    }


def steps(dataset: PropSegment) -> int:
    """The progress bar's length: each document analysed, then each hypothesis document aligned."""
    return len(dataset.documents) + len({r.document for r in dataset.relationships})


def evaluate_propsegment(data: Path | PropSegment, split: str = "dev", *, embedder: str | Embedder = "minilm",
                         progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """The segmentation and entailment figures of the shipped splitter and aligner on a PropSegmEnt split.

    Args:
        data: a PropSegmEnt folder, or a split already loaded by ``load_propsegment``.
        split: dev | test | train (read from the folder; ignored for a loaded split).
        embedder: the sentence embedder ``compare`` uses (MiniLM).
        progress: called with 1 after each document analysed and each hypothesis document aligned.
    """
    from ..backends.embedders import resolve_embedder

    dataset = data if isinstance(data, PropSegment) else load_propsegment(data, split)
    if not dataset.documents:
        raise InputError(f"No cluster of the {split} split has text; nothing to score.")
    analysed = analyse_documents(dataset.documents, progress)
    results: dict[str, Any] = {
        "split": split, "clusters": len({d.cluster for d in dataset.documents}), "documents": len(dataset.documents),
        "skipped": dataset.skipped, "segmentation": segment(dataset, analysed),
    }
    results["entailment"] = entail(dataset, analysed, resolve_embedder(embedder), progress)
    results["published"] = PUBLISHED
    return results
