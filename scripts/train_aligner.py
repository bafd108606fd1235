"""Fit the claim aligner (``src/newsprism/compare/aligner.json``) on the annotated stories of facts-dev.

Every story with a gold is read, analysed and cut into claims exactly as ``newsprism compare`` does.
Candidate pairs are each claim's three likeliest partners (by reading cosine) in every other article;
a pair is positive when both claims touch evidence of one gold fact that two or more independent
sources state (the definition of ``pair_precision`` in facts-dev's score.py). A logistic regression
over ``align.FEATURES`` is fitted on them.

The link threshold is chosen leave-one-story-out: each story is linked with weights fitted on the
others, the facts are built and scored as the report would be, and the threshold whose pooled figures
fall least short of the goals (corroboration recall 0.85, false corroboration 0.10, pair precision 0.90;
the sum of each figure's shortfall relative to its goal, the precision figures' counted double) is kept. Then, at that threshold, the gate from
which claims whose values differ link (``align.value_links``) is chosen the same way, adding the goals
of difference recall and precision (0.70 each). The pooled leave-one-out figures are written beside the
weights.

    python scripts/train_aligner.py [--data ../shared/data/facts-dev]   (about two minutes here)
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from newsprism.analyze import analyze_articles
from newsprism.backends.embedders import resolve_embedder
from newsprism.compare import embed_claims, link_claims
from newsprism.compare.align import (
    ALIGNER,
    FEATURES,
    Aligner,
    feature_matrices,
    group_links,
)
from newsprism.compare.claims import claim_records
from newsprism.compare.facts import build_facts
from newsprism.compare.independence import chains_of
from newsprism.evaluate.facts import find_stories, locate_gold, score_report, touches
from newsprism.ingest import read_articles
from newsprism.model import to_dict
from newsprism.resolve import resolve_entities

MULTI = {"corroborated", "differs", "conflicts"}
CANDIDATES_PER_ARTICLE = 3
THRESHOLDS = [round(0.2 + 0.05 * k, 2) for k in range(14)]
GOALS = {"corroboration_recall": 0.85, "false_corroboration": 0.10, "pair_precision": 0.90,
         "difference_recall": 0.70, "difference_precision": 0.70}  # the goals of the "compare claims" issue
# Being right comes first: a report that says two outlets agree (or disagree) when they do not is worse than
# one that misses it, so a shortfall of these figures counts double.
PRECISION = frozenset({"false_corroboration", "pair_precision", "difference_precision"})
GATES = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 1.0]


def story_data(path: Path, gold: dict, emb) -> dict:
    """Claims, feature matrices, candidate pairs and labels of one story."""
    read = read_articles([path]).articles
    analyses = analyze_articles(read).ok
    by_id = {a.id: a for a in read}
    articles = [by_id[a.article_id] for a in analyses]  # claim_records pairs them in this order
    records = claim_records(articles, analyses, resolve_entities(articles, analyses))
    features = feature_matrices(records, *embed_claims(records, emb))
    report = {"articles": [{"id": a.id, "text": a.text} for a in articles]}
    located = locate_gold(gold, report)
    fact_of = [[k for k, f in enumerate(located.facts)
                if f.status in MULTI and any(touches((r.article, *p), e.span) for p in r.parts for e in f.evidence)]
               for r in records]
    pairs, labels = candidate_pairs(records, features["reading_cosine"], features["compatible"]), []
    for i, j in pairs:
        labels.append(int(bool(set(fact_of[i]) & set(fact_of[j]))))
    _, chain_of = chains_of(articles, 0.5)
    return {"name": path.stem, "articles": articles, "records": records, "features": features, "pairs": pairs,
            "labels": np.array(labels), "gold": gold, "chain_of": chain_of}


def candidate_pairs(records, cos: np.ndarray, compatible: np.ndarray) -> list[tuple[int, int]]:
    """Each claim's likeliest partners in every other article, among those its kind can link to."""
    cos = np.where(compatible > 0, cos, -2.0)
    articles = np.array([r.article for r in records])
    out = set()
    for article in dict.fromkeys(articles):
        cols = np.flatnonzero(articles == article)
        for i in np.flatnonzero(articles != article):
            for j in cols[np.argsort(-cos[i, cols])[:CANDIDATES_PER_ARTICLE]]:
                if compatible[i, j]:
                    out.add((min(i, int(j)), max(i, int(j))))
    return sorted(out)


def design(story: dict) -> np.ndarray:
    return np.array([[story["features"][f][i, j] for f in FEATURES] for i, j in story["pairs"]])


def fit(stories: list[dict]) -> LogisticRegression:
    x = np.vstack([design(s) for s in stories])
    y = np.concatenate([s["labels"] for s in stories])
    return LogisticRegression(C=1.0, max_iter=2000).fit(x, y)


def probabilities(model: LogisticRegression, story: dict) -> np.ndarray:
    weights = {f: float(w) for f, w in zip(FEATURES, model.coef_[0])}
    return Aligner(weights, float(model.intercept_[0]), 0.5, 1.0).probabilities(story["features"])


def score_at(story: dict, probability: np.ndarray, threshold: float, value_gate: float = 1.0) -> Counter:
    records = story["records"]
    pairs = link_claims(records, probability, threshold, value_gate)
    facts, _ = build_facts(records, group_links(records, pairs), pairs, story["chain_of"], [a.id for a in story["articles"]])
    report = {"articles": [{"id": a.id, "text": a.text} for a in story["articles"]], "facts": to_dict(facts),
              "quotes": [], "summary": []}
    return Counter(score_report(story["gold"], report).counts)


def ratios(c: Counter) -> dict[str, float]:
    r = lambda a, b: round(c[a] / c[b], 3) if c[b] else 0.0
    return {"corroboration_recall": r("linked", "gold_multi"), "false_corroboration": r("overclaimed", "gold_single"),
            "pair_precision": r("pairs_ok", "pairs"), "difference_recall": r("diff_found", "gold_diff"),
            "difference_precision": r("report_diff_ok", "report_diff")}


def objective(f: dict[str, float], figures: tuple[str, ...] = ("corroboration_recall", "false_corroboration", "pair_precision")) -> float:
    """Minus the summed relative shortfalls of ``figures`` from the issue's goals (0 when every goal is met)."""
    shortfall = 0.0
    for name in figures:
        goal = GOALS[name]
        short = max(0.0, f[name] - goal) / goal if name == "false_corroboration" else max(0.0, goal - f[name]) / goal
        shortfall += short * (2.0 if name in PRECISION else 1.0)
    return -shortfall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("..") / "shared" / "data" / "facts-dev")
    parser.add_argument("--out", type=Path, default=ALIGNER)
    args = parser.parse_args()
    emb = resolve_embedder("minilm")
    stories = [story_data(s.articles, s.gold, emb) for s in find_stories(args.data)]
    held_out = {}
    for k, story in enumerate(stories):
        held_out[story["name"]] = probabilities(fit(stories[:k] + stories[k + 1 :]), story)
    table = {}
    for t in THRESHOLDS:
        pooled = sum((score_at(s, held_out[s["name"]], t) for s in stories), Counter())
        table[t] = ratios(pooled)
        print(t, table[t], round(objective(table[t]), 3))
    threshold = max(THRESHOLDS, key=lambda t: objective(table[t]))
    gates = {}
    for gate in GATES:
        pooled = sum((score_at(s, held_out[s["name"]], threshold, gate) for s in stories), Counter())
        gates[gate] = ratios(pooled)
        print("value gate", gate, gates[gate])
    value_gate = max(GATES, key=lambda g: (objective(gates[g], tuple(GOALS)), g))
    model = fit(stories)
    out = {
        "weights": {f: round(float(w), 4) for f, w in zip(FEATURES, model.coef_[0])},
        "bias": round(float(model.intercept_[0]), 4),
        "threshold": threshold,
        "value_gate": value_gate,
        "trained_on": f"facts-dev: {len(stories)} stories, {sum(len(s['pairs']) for s in stories)} candidate pairs, "
                      f"{int(sum(s['labels'].sum() for s in stories))} positive",
        "leave_one_story_out": gates[value_gate],
        "command": "python scripts/train_aligner.py",
    }
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
