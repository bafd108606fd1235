"""How often do compare's typed differences fire on ClaimDiff train pairs, by human label?

ClaimDiff (Ko et al. 2023) labels claim pairs from two outlets' articles on one story as *weakening*
(one undercuts or qualifies the other: the ``differs`` cases a reader needs flagged) and
*strengthening* (one supports the other: never a ``conflicts``). For every train pair this runs the
same difference checks that ``compare`` runs on aligned claims (numbers, dates, negation,
entities, attribution), on every pair of claims of the two texts and prints, per label, the share of pairs flagged, the share flagged as a
conflict, and the kinds. Train split only; the test split is kept for the final word.

Usage: python scripts/claimdiff_check.py [--data ../shared/data/claimdiff]   (about 15 minutes)
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path

import numpy as np

from newsprism.analyze import analyze_articles
from newsprism.backends.embedders import get_embedder
from newsprism.compare import differences_between
from newsprism.compare.claims import claim_records
from newsprism.model import Article, content_id
from newsprism.resolve import resolve_entities


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("..") / "shared" / "data" / "claimdiff")
    args = parser.parse_args()
    weak = json.loads((args.data / "ClaimDiff-W" / "ClaimDiff-weak-train.json").read_text(encoding="utf-8"))["data"]
    strong = json.loads((args.data / "ClaimDiff-S" / "ClaimDiff-strength-train.json").read_text(encoding="utf-8"))["data"]
    supports = {(x["claim_a"], x["claim_b"]): x["relation"] for x in strong}
    texts = sorted({x["claim_a"] for x in weak} | {x["claim_b"] for x in weak})
    articles = {t: Article(content_id(t), t) for t in texts}
    analyses = {a.article_id: a for a in analyze_articles(list(articles.values())).ok}
    embed = get_embedder().encode
    rows = []
    for pair in weak:
        a, b = articles[pair["claim_a"]], articles[pair["claim_b"]]
        if a.id == b.id or a.id not in analyses or b.id not in analyses:
            continue
        found = _differences(a, b, [analyses[a.id], analyses[b.id]], embed)
        rows.append((pair["relation"], supports.get((pair["claim_a"], pair["claim_b"])), found))
    for name, keep in (("weakening", lambda r: r[0] == 1), ("not weakening", lambda r: r[0] == 0), ("strengthening", lambda r: r[1] == 1)):
        chosen = [found for *labels, found in rows if keep((*labels, found))]
        flagged = np.mean([bool(f) for f in chosen])
        conflicts = np.mean([any(d.conflict for d in f) for f in chosen])
        kinds = collections.Counter(k for f in chosen for k in {d.kind for d in f})
        print(f"{name:>14}: {len(chosen):5d} pairs, flagged {flagged:.3f}, as conflict {conflicts:.3f}, kinds {dict(kinds)}")


def _differences(a: Article, b: Article, analyses: list, embed) -> list:
    statements = claim_records([a, b], analyses, resolve_entities([a, b], analyses))
    for s, v in zip(statements, embed([s.reading for s in statements])):
        s.vector = v
    left = [s for s in statements if s.article == a.id]
    right = [s for s in statements if s.article == b.id]
    return [d for x in left for y in right for d in differences_between(x, y)]


if __name__ == "__main__":
    main()
