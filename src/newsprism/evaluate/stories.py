"""Story clustering quality: B-cubed precision, recall and F1 and the adjusted Rand index against a gold
story per article, ours beside a TF-IDF + average-linkage agglomerative baseline on the same articles.

Our clusterer sees the articles as a stream: ordered by publication date, and within a date (or
without dates) by a hash of the id, so that neither the dataset's file order, which often lists an
event's articles together, nor the gold label leaks into the order.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date

from ..cluster import ClusterOptions, StoryClusterer
from ..model import Article
from .story_data import GoldArticle

# Distance threshold of the baseline, tuned on ECB+ train+dev by scripts/tune_cluster.py.
BASELINE_THRESHOLD = 0.8


def bcubed(gold: Sequence[str], predicted: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998): per item, the share of its predicted
    cluster that shares its gold story, and of its gold story that shares its predicted cluster, averaged."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    if not gold:
        return 0.0, 0.0, 0.0
    pairs = Counter(zip(gold, predicted))
    gold_sizes, predicted_sizes = Counter(gold), Counter(predicted)
    precision = sum(n * n / predicted_sizes[p] for (_, p), n in pairs.items()) / len(gold)
    recall = sum(n * n / gold_sizes[g] for (g, _), n in pairs.items()) / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def clustering_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """``bcubed_precision``, ``bcubed_recall``, ``bcubed_f1`` and ``ari`` (adjusted Rand index)."""
    from sklearn.metrics import adjusted_rand_score

    precision, recall, f1 = bcubed(gold, predicted)
    return {"bcubed_precision": precision, "bcubed_recall": recall, "bcubed_f1": f1,
            "ari": float(adjusted_rand_score(list(gold), list(predicted)))}


def stream_order(articles: Sequence[Article]) -> list[Article]:
    """The articles by publication date (undated first), ties by a hash of the id."""
    return sorted(articles, key=lambda a: (a.published or date.min, hashlib.sha1(a.id.encode("utf-8")).hexdigest()))


def tfidf_baseline(articles: Sequence[Article], threshold: float = BASELINE_THRESHOLD) -> list[str]:
    """The baseline: TF-IDF (sublinear tf, English stop words) of headline and body, average-linkage
    agglomerative clustering on cosine distance, cut at ``threshold``. One label per article."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(articles) < 2:
        return ["0"] * len(articles)
    texts = [f"{a.title or ''}\n{a.text}" for a in articles]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts).toarray()
    labels = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average", distance_threshold=threshold).fit_predict(matrix)
    return [str(label) for label in labels]


def evaluate_stories(items: Sequence[GoldArticle], options: ClusterOptions | None = None, *, baseline: bool = True) -> dict:
    """Cluster the articles of ``items`` as a stream and score them against the gold stories.

    Returns:
        The figures of ``clustering_scores``, plus ``articles``, ``gold_stories``, ``stories`` (ours)
        and, with ``baseline``, the baseline's figures under ``"baseline"``.
    """
    articles = stream_order([item.article for item in items])
    gold_of = {item.article.id: item.story for item in items}
    if len(gold_of) != len(items):
        raise ValueError("Article ids must be unique within an evaluation set.")
    gold = [gold_of[a.id] for a in articles]
    predicted = [a.story_id for a in StoryClusterer(options).add(articles)]
    out: dict = {**clustering_scores(gold, predicted), "articles": len(articles), "gold_stories": len(set(gold)), **_sizes(predicted)}
    if baseline:
        labels = tfidf_baseline(articles)
        out["baseline"] = {**clustering_scores(gold, labels), **_sizes(labels)}
    return out


def _sizes(labels: Sequence[str]) -> dict[str, int]:
    counts = Counter(labels)
    return {"stories": len(counts), "largest": max(counts.values(), default=0)}


# The story sets `newsprism eval stories` scores in one run: (dataset, split).
EVAL_SETS = (("ecbplus", "test"), ("basil", None), ("newswcl50", None), ("newswcl50-tokens", None), ("allsides", None))
# Join thresholds the leave-one-dataset-out figure chooses from (the shipped one is among them).
LEAVE_OUT_THRESHOLDS = (0.175, 0.2, 0.225, 0.25, 0.275, 0.3)


def evaluate_story_sets(data: str | None = None, sets: Sequence[tuple[str, str | None]] = EVAL_SETS,
                        progress: Callable[[int], None] | None = None) -> dict[str, dict]:
    """Every story set scored as ``evaluate_stories`` does, plus a leave-one-dataset-out figure.

    The leave-one-out figure of a set is its B³ F1 at the join threshold (of ``LEAVE_OUT_THRESHOLDS``) that scores
    best on the mean of the other sets' B³ F1: how the clusterer does on data its setting was not chosen on. The two
    joins of NewsWCL50 count as one dataset there. ``progress`` is called with 1 per clustering run.
    """
    from dataclasses import replace

    from .story_data import load_dataset

    loaded = {_name(n, s): load_dataset(n, data, s) for n, s in sets}
    out = {}
    for name, items in loaded.items():
        out[name] = evaluate_stories(items)
        _advance(progress)
    by_threshold: dict[float, dict[str, float]] = {}
    for threshold in LEAVE_OUT_THRESHOLDS:
        options = replace(ClusterOptions(), threshold=threshold)
        by_threshold[threshold] = {name: evaluate_stories(items, options, baseline=False)["bcubed_f1"] for name, items in loaded.items()}
        _advance(progress)
    for name in loaded:
        others = [other for other in loaded if other.split("-")[0] != name.split("-")[0]]
        if not others:
            continue
        chosen = max(LEAVE_OUT_THRESHOLDS, key=lambda t: (sum(by_threshold[t][o] for o in others) / len(others), -abs(t - ClusterOptions().threshold)))
        out[name]["leave_one_out"] = {"bcubed_f1": by_threshold[chosen][name], "threshold": chosen}
    return out


def _name(dataset: str, split: str | None) -> str:
    return f"{dataset} {split}" if split else dataset


def _advance(progress: Callable[[int], None] | None) -> None:
    if progress is not None:
        progress(1)
