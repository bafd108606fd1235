"""BASIL: what one outlet reports that the other two do not.

BASIL (Fan et al. 2019) has 100 events, each reported by Fox News, the New York Times and HuffPost.
Annotators marked *informational bias*: content that only the outlet chose to include (tangential,
speculative or one-sided facts). We score the single-source content found by ``compare_articles``
against those spans.

Mapping (sentence level):

- An article's text is its BASIL sentences, joined by a space within a paragraph and by a blank line
  between paragraphs; each sentence keeps its character extent, so the annotations (offsets inside a
  sentence) map exactly.
- **Gold**: a sentence is positive when it holds at least one informational-bias span (``bias == "inf"``).
  Lexical-bias spans (loaded wording) are not content and are ignored, and so are spans in the headline.
- **Prediction**: each statement of a ``single-source`` fact is assigned to the BASIL sentence that holds
  most of its characters; that sentence is positive. A sentence no single-source statement falls in is
  negative.
- Precision, recall and F1 of the positive class, over every sentence of every article of the split.

Informational-bias spans are a subset of what one outlet adds (only content biased towards a target is
marked), so precision is low for every system; the figures are for comparing systems on the same data.

Splits: BASIL has none; here ``dev`` = the events of 2010–2014 (tune on it), ``test`` = 2015–2019.

Baseline: a sentence is single-source when its best MiniLM cosine to any sentence of the other two
articles is under a threshold, the one that maximises F1 on dev.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..model import Analysis, Article, Comparison, content_id
from .scoring import best_threshold, prf

log = logging.getLogger(__name__)

DEFAULT_DATA = Path("..") / "shared" / "data" / "basil"
SPLIT_YEARS = {"dev": range(2010, 2015), "test": range(2015, 2020), "all": range(2010, 2020)}


@dataclass(frozen=True)
class BasilArticle:
    article: Article
    sentences: tuple[tuple[int, int], ...]  # character extent of each BASIL sentence in article.text
    gold: frozenset[int]  # indices of sentences holding an informational-bias span


@dataclass(frozen=True)
class BasilEvent:
    id: str  # the triplet uuid
    year: int
    articles: tuple[BasilArticle, ...]


def load_basil(data: Path, split: str = "dev") -> list[BasilEvent]:
    """Read the events of ``split`` (dev | test | all) from a BASIL folder (``articles/``, ``annotations/``)."""
    if split not in SPLIT_YEARS:
        raise InputError(f"Unknown BASIL split {split!r}; use one of {', '.join(SPLIT_YEARS)}.")
    if not (data / "articles").is_dir():
        raise InputError(f"{data} is not a BASIL folder (no articles/ in it).")
    by_event: dict[str, list[BasilArticle]] = {}
    years: dict[str, int] = {}
    for year in SPLIT_YEARS[split]:
        for path in sorted((data / "articles" / str(year)).glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            ann_path = data / "annotations" / str(year) / f"{path.stem}_ann.json"
            annotations = json.loads(ann_path.read_text(encoding="utf-8")) if ann_path.exists() else {}
            event = record["triplet-uuid"]
            by_event.setdefault(event, []).append(_basil_article(record, annotations))
            years[event] = year
    return [BasilEvent(e, years[e], tuple(arts)) for e, arts in by_event.items()]


def _basil_article(record: dict, annotations: dict) -> BasilArticle:
    parts, sentences, offset = [], [], 0
    for p, paragraph in enumerate(record.get("body-paragraphs", [])):
        for s, sentence in enumerate(paragraph):
            if p or s:
                sep = " " if s else "\n\n"
                parts.append(sep)
                offset += len(sep)
            sentences.append((offset, offset + len(sentence)))
            parts.append(sentence)
            offset += len(sentence)
    text = "".join(parts)
    gold = frozenset(
        int(a["id"][1:])
        for a in annotations.get("phrase-level-annotations", [])
        if a.get("bias") == "inf" and a.get("id", "")[1:].isdigit()  # "title" marks the headline, not the body
    )
    published = record.get("date")
    article = Article(
        id=content_id(text), text=text, title=record.get("title"), outlet=str(record.get("source", "")).lower() or None,
        url=record.get("url"), published=date.fromisoformat(published) if published else None, language="en",
        source=record.get("uuid"),
    )
    return BasilArticle(article, tuple(sentences), gold)


def sentence_of(item: BasilArticle, start: int, end: int) -> int | None:
    """The index of the BASIL sentence holding most of the characters ``start:end``."""
    best, best_overlap = None, 0
    for k, (s, e) in enumerate(item.sentences):
        overlap = min(e, end) - max(s, start)
        if overlap > best_overlap:
            best, best_overlap = k, overlap
    return best


def single_source_sentences(event: BasilEvent, comparison: Comparison) -> dict[str, set[int]]:
    """Per article id, the sentences that a single-source fact of ``comparison`` falls in."""
    by_id = {item.article.id: item for item in event.articles}
    out: dict[str, set[int]] = {aid: set() for aid in by_id}
    for fact in comparison.facts:
        if fact.status != "single-source":
            continue
        for st in fact.statements:
            k = sentence_of(by_id[st.article], st.start, st.end)
            if k is not None:
                out[st.article].add(k)
    return out


def baseline_scores(event: BasilEvent, embed: Callable[[Sequence[str]], np.ndarray]) -> dict[str, np.ndarray]:
    """Per article id, each sentence's best cosine to any sentence of the other articles of the event."""
    texts = {item.article.id: [item.article.text[s:e] for s, e in item.sentences] for item in event.articles}
    vectors = {aid: embed(t) if t else np.zeros((0, 384), dtype=np.float32) for aid, t in texts.items()}
    out = {}
    for aid, v in vectors.items():
        others = [w for bid, w in vectors.items() if bid != aid and len(w)]
        out[aid] = (v @ np.vstack(others).T).max(axis=1) if others and len(v) else np.zeros(len(v))
    return out


def gold_labels(event: BasilEvent) -> dict[str, np.ndarray]:
    return {item.article.id: np.array([k in item.gold for k in range(len(item.sentences))]) for item in event.articles}


def evaluate_basil(
    data: Path,
    split: str = "dev",
    *,
    baseline: bool = True,
    analyses: Callable[[Sequence[Article]], Sequence[Analysis]] | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict:
    """Score single-source content on ``split``; with ``baseline`` the MiniLM-cosine decision beside ours.

    The baseline's threshold is always tuned on dev, whatever split is scored.
    """
    from ..analyze import analyze_articles
    from ..backends.embedders import get_embedder
    from ..compare import compare_articles

    events = load_basil(data, split)
    if not events:
        raise InputError(f"No BASIL events found in {data} for split {split!r}.")
    analyse = analyses or (lambda arts: analyze_articles(arts).ok)
    predicted, gold = [], []
    for event in events:
        articles = [item.article for item in event.articles]
        comparison = compare_articles(articles, analyses=analyse(articles))
        found = single_source_sentences(event, comparison)
        labels = gold_labels(event)
        for aid, y in labels.items():
            gold.append(y)
            predicted.append(np.array([k in found[aid] for k in range(len(y))]))
        if progress:
            progress(1)
    results = {"events": len(events), "sentences": int(sum(len(y) for y in gold)), **prf(np.concatenate(gold), np.concatenate(predicted))}
    if baseline:
        results["baseline"] = _baseline(data, events, split, get_embedder().encode)
    return results


def _baseline(data: Path, events: list[BasilEvent], split: str, embed: Callable[[Sequence[str]], np.ndarray]) -> dict:
    def scored(evs: list[BasilEvent]) -> tuple[np.ndarray, np.ndarray]:
        scores, labels = [], []
        for e in evs:
            s, y = baseline_scores(e, embed), gold_labels(e)
            for aid in y:
                scores.append(-s[aid])  # a low best cosine means single-source
                labels.append(y[aid])
        return np.concatenate(scores), np.concatenate(labels)

    dev = events if split == "dev" else load_basil(data, "dev")
    threshold = best_threshold(*scored(dev))
    scores, labels = scored(events)
    return {"threshold": round(-threshold, 4), **prf(labels, scores >= threshold)}
