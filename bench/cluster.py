"""Time story clustering per article as the corpus grows (10k to 200k articles), on one core.

Single-threaded (the ANN index is built and searched with one thread), so the other core stays free.
The corpus is made from the real articles of ECB+, BASIL and NewsWCL50 (../shared/data): replica r
of the whole set is moved to its own fortnight (each gold story on a day of it, its articles keeping
their day gaps) and lightly perturbed (each sentence dropped with probability 0.1, a new id), so a
200k corpus is about 150 fortnights of about 1,300 articles in about 200 stories each. It is fed to
``StoryClusterer.add`` in batches of 1,000, in date order, as ``newsprism ingest`` would.

Figures: milliseconds per article over the first 10k articles and over the last 10k before each
size, their growth ratio, the peak memory (max RSS) of the run, and B³ F1 against the replicated
gold stories. The baseline, run in the same process on the first ``--baseline-size`` articles, is
naive all-pairs clustering: the same vectors and rule, with every earlier article scored (no index,
no time window), whose time per article grows with the corpus. Nothing is asserted.

Usage:
    python bench/cluster.py [--sizes 10000,50000,100000,200000] [--baseline-size 5000] [--json]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import platform
import re
import resource
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from newsprism import _story_vectors as sv
from newsprism.cluster import StoryClusterer, article_vectors
from newsprism.evaluate.stories import bcubed, stream_order
from newsprism.evaluate.story_data import GoldArticle, load_dataset
from newsprism.model import Article

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
START = date(2015, 1, 1)
FORTNIGHT = 14
STORY_DAYS = 10  # a story's first article falls on one of the first 10 days of its fortnight
BATCH = 1000
CHUNK = 10_000
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def base_items() -> list[GoldArticle]:
    items = [*load_dataset("ecbplus", DATA, "train+dev+test"), *load_dataset("basil", DATA), *load_dataset("newswcl50", DATA)]
    return sorted(items, key=lambda i: i.article.id)


def replicas(items: list[GoldArticle], total: int) -> Iterator[tuple[list[Article], list[str]]]:
    """Yield batches of ``BATCH`` (articles, gold stories), in date order, until ``total`` articles."""
    first: dict[str, date] = {}
    for item in items:
        if item.article.published:
            first[item.story] = min(first.get(item.story, item.article.published), item.article.published)
    stream = (pair for r in itertools.count() for pair in _replica(items, first, r))
    while total > 0:
        batch = list(itertools.islice(stream, min(BATCH, total)))
        total -= len(batch)
        yield [a for a, _ in batch], [g for _, g in batch]


def _replica(items: list[GoldArticle], first: dict[str, date], r: int) -> list[tuple[Article, str]]:
    """Replica ``r``: every article moved to fortnight ``r`` and perturbed, with its gold story, in date order."""
    out = []
    for item in items:
        a = item.article
        story_day = int(hashlib.sha1(f"{r}/{item.story}".encode()).hexdigest()[:8], 16) % STORY_DAYS
        gap = (a.published - first[item.story]).days if a.published else 0
        day = START + timedelta(days=r * FORTNIGHT + story_day + min(gap, FORTNIGHT - STORY_DAYS))
        rng = np.random.default_rng(int(hashlib.sha1(f"{r}/{a.id}".encode()).hexdigest()[:8], 16))
        sentences = _SENTENCE.split(a.text)
        kept = [s for s in sentences if rng.random() > 0.1] or sentences[:1]
        out.append((replace(a, id=f"{a.id}~{r}", text=" ".join(kept), published=day), f"{item.story}~{r}"))
    gold = dict((a.id, g) for a, g in out)
    return [(a, gold[a.id]) for a in stream_order([a for a, _ in out])]


def run_ours(items: list[GoldArticle], sizes: list[int]) -> dict:
    clusterer = StoryClusterer()
    rss_before = _max_rss_mb()
    done, elapsed, gold, predicted = 0, 0.0, [], []
    clock = {0: 0.0}  # articles done -> seconds spent
    for batch, batch_gold in replicas(items, max(sizes)):
        start = time.perf_counter()
        assignments = clusterer.add(batch)
        elapsed += time.perf_counter() - start
        done += len(batch)
        gold += batch_gold
        predicted += [a.story_id for a in assignments]
        clock[done] = elapsed
    per_article = {}
    for size in sizes:  # over the last CHUNK articles before each size (sizes are multiples of BATCH)
        since = max(0, size - CHUNK)
        per_article[size] = 1000 * (clock[size] - clock[since]) / (size - since)
    return {
        "ms_per_article": {str(k): round(v, 3) for k, v in per_article.items()},
        "growth": round(per_article[max(sizes)] / per_article[min(sizes)], 3),
        "total_s": round(elapsed, 1),
        "max_rss_mb": round(_max_rss_mb(), 1),
        "max_rss_before_mb": round(rss_before, 1),
        "bcubed_f1": round(bcubed(gold, predicted)[2], 4),
    }


def run_naive(items: list[GoldArticle], size: int) -> dict:
    """All-pairs: every earlier article scored, the story chosen by the same two-best-members rule."""
    articles = [a for batch, _ in replicas(items, size) for a in batch]
    threshold = StoryClusterer().options.threshold
    vectors = np.zeros((size, sv.vector_dim()), dtype=np.float32)
    story: list[int] = []
    times = []
    for i, article in enumerate(articles):
        start = time.perf_counter()
        vectors[i] = article_vectors([article])[0]
        label = len(set(story))
        if i:
            best: dict[int, list[float]] = {}
            for s, value in zip(story, sv.similarities(vectors[i], vectors[:i]).tolist()):
                best.setdefault(s, []).append(value)
            linkage = {s: float(np.mean(sorted(v)[-2:])) for s, v in best.items()}
            top = max(linkage, key=linkage.__getitem__)
            label = top if linkage[top] >= threshold else label
        story.append(label)
        times.append(time.perf_counter() - start)
    tenth = max(1, size // 10)
    first, last = 1000 * np.mean(times[:tenth]), 1000 * np.mean(times[-tenth:])
    return {"size": size, "ms_per_article_first_tenth": round(first, 3), "ms_per_article_last_tenth": round(last, 3),
            "growth": round(last / first, 2)}


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,50000,100000,200000")
    parser.add_argument("--baseline-size", type=int, default=5000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    items = base_items()
    naive = run_naive(items, args.baseline_size)
    ours_small = run_ours(items, [args.baseline_size])
    ours = run_ours(items, sizes)
    result = {"machine": platform.platform(), "base_articles": len(items), "ours": ours,
              "ours_at_baseline_size": ours_small, "naive_all_pairs": naive}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"corpus: replicas of {len(items)} real articles (ECB+, BASIL, NewsWCL50), one fortnight each, perturbed")
    print(f"{'size':>8} {'ms/article (last 10k)':>22}")
    for size, ms in ours["ms_per_article"].items():
        print(f"{size:>8} {ms:>22.3f}")
    print(f"growth {max(sizes)} vs {min(sizes)}: {ours['growth']}x; total {ours['total_s']} s; "
          f"max RSS {ours['max_rss_mb']} MB (before clustering {ours['max_rss_before_mb']} MB); B3 F1 {ours['bcubed_f1']}")
    print(f"baseline naive all-pairs on {naive['size']}: {naive['ms_per_article_first_tenth']} -> "
          f"{naive['ms_per_article_last_tenth']} ms/article (first -> last tenth, {naive['growth']}x); "
          f"ours on the same {args.baseline_size}: {ours_small['ms_per_article'][str(args.baseline_size)]} ms/article")


if __name__ == "__main__":
    main()
