"""Train the scorer that keeps or drops candidate attributions, from PolNeAR train; set its threshold on dev.

Candidates are what every verb, and every cue noun of the lexicon, proposes (see
``newsprism.analyze.quotes``); a candidate is positive when it matches a gold attribution under the
*half* criterion. A logistic regression over sparse features (cue lemma, rule, dependency, tense,
speaker kind, how the content opens, length) and the context vectors of cue, speaker and content
(en_core_web_sm's ``doc.tensor``) is fitted on train; the probability threshold that maximises
all-attribution half-F1 on dev is kept. Writes ``src/newsprism/analyze/quote_scorer.json`` (weights
and threshold). Takes about five minutes here.

    python scripts/learn_cues.py && python scripts/train_quote_scorer.py
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from newsprism.analyze import _sentence_spans, load_nlp
from newsprism.analyze import quotes as quotes_module
from newsprism.analyze.entities import find_mentions
from newsprism.analyze.quotes import quote_regions, reported_candidates
from newsprism.evaluate.attribution import Attribution, match
from newsprism.evaluate.polnear import evaluate_polnear, load_polnear

OUT = quotes_module.QUOTE_SCORER
THRESHOLDS = [round(0.15 + 0.05 * k, 2) for k in range(8)]


def candidates(data: str, split: str) -> tuple[list[dict[str, float]], list[int]]:
    """Features and half-match labels of every candidate in a split (scored as if no model existed)."""
    nlp = load_nlp()
    articles = list(load_polnear(data, split))
    features, labels = [], []
    for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=16, n_process=2)):
        sentences = _sentence_spans(doc)
        regions = quote_regions(doc.text)
        persons = [m for m in find_mentions(doc, sentences) if m.label == "PERSON"]
        found = list(reported_candidates(doc, regions, sentences, persons))
        predicted = [Attribution(((q.content.start, q.content.end),)) for q, _ in found]
        matched = {j for _, j in match(article.text, article.gold, predicted, "half")}
        for j, (_, f) in enumerate(found):
            features.append(f)
            labels.append(int(j in matched))
    return features, labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"))
    args = parser.parse_args()
    OUT.unlink(missing_ok=True)  # candidates must come from the lexicon alone
    quotes_module._scorer.cache_clear()
    quotes_module._learned_cues.cache_clear()
    OUT.write_text(json.dumps({"weights": {}, "threshold": 0.0}), encoding="utf-8")  # propose every lexicon cue
    quotes_module._scorer.cache_clear()
    quotes_module._learned_cues.cache_clear()
    features, labels = candidates(args.data, "train")
    print(f"{len(labels)} train candidates, {sum(labels)} positive")
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=0.5, max_iter=3000, fit_intercept=False)
    model.fit(vectorizer.fit_transform(features), labels)
    weights = {name: round(float(w), 4) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0]) if abs(w) > 1e-4}
    best = (-1.0, 0.5)
    for threshold in THRESHOLDS:
        OUT.write_text(json.dumps({"weights": weights, "threshold": threshold}), encoding="utf-8")
        quotes_module._scorer.cache_clear()
        quotes_module._learned_cues.cache_clear()
        f1 = evaluate_polnear(args.data, "dev", peers=())["newsprism"]["all.half.f1"]
        print(f"threshold {threshold}: dev all.half.f1 {f1}")
        best = max(best, (f1, threshold))
    OUT.write_text(json.dumps({"threshold": best[1], "weights": weights}, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"kept threshold {best[1]} (dev all.half.f1 {best[0]}) -> {OUT}")


if __name__ == "__main__":
    main()
