"""Learn the attribution-cue lexicon from PolNeAR train: which lemmas introduce reported speech or belief.

For every gold cue in the train split, the lemma of its head token is counted; every occurrence of
that lemma in the train texts is counted too. Lemmas that are a cue at least MIN_COUNT times and in
at least MIN_RATE of their occurrences are written, with their rate, to
``src/newsprism/analyze/cue_lexicon.json``. Reproducible: same data, same spaCy model, same output.
Takes a few minutes on two cores.

    python scripts/learn_cues.py [--data ../shared/data/polnear]
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from newsprism.analyze import load_nlp
from newsprism.evaluate.polnear import load_polnear

OUT = Path(__file__).resolve().parents[1] / "src" / "newsprism" / "analyze" / "cue_lexicon.json"
MIN_COUNT = 3
MIN_RATE = 0.05
POS = {"VERB", "NOUN", "ADP", "AUX"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"))
    args = parser.parse_args()
    nlp = load_nlp()
    articles = list(load_polnear(args.data, "train"))
    as_cue: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=16, disable=["ner"])):
        cue_heads = set()
        for gold in article.gold:
            for start, end in gold.cue[:1]:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None and len(span):
                    cue_heads.add(span.root.i)
        for token in doc:
            if token.pos_ not in POS:
                continue
            lemma = token.lemma_.lower()
            seen[lemma] += 1
            if token.i in cue_heads:
                as_cue[lemma] += 1
    lexicon = {
        lemma: round(count / seen[lemma], 3)
        for lemma, count in as_cue.most_common()
        if count >= MIN_COUNT and count / seen[lemma] >= MIN_RATE and lemma.isalpha()
    }
    OUT.write_text(json.dumps(lexicon, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(lexicon)} cue lemmas -> {OUT}")


if __name__ == "__main__":
    main()
