"""The throughput cost of attribution: spaCy's own ``nlp.pipe`` vs the same parse plus our quote finder.

Runs on the PolNeAR dev texts (``../shared/data/polnear``) or, when they are absent, on the example
articles repeated. Prints the times, articles/s and the ratio of (parse + attribution) to the parse
alone, measured in the same run; textacy's ``direct_quotations`` on the same parse for reference.

    python bench/attribution.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from newsprism.analyze import _sentence_spans, load_nlp
from newsprism.analyze.entities import find_mentions
from newsprism.analyze.quotes import find_quotes

REPO = Path(__file__).resolve().parents[1]
POLNEAR_DEV = REPO.parent / "shared" / "data" / "polnear" / "dev" / "text"


def texts() -> tuple[str, list[str]]:
    if POLNEAR_DEV.is_dir():
        files = sorted(POLNEAR_DEV.glob("*.txt"))
        return f"PolNeAR dev ({len(files)} articles)", [f.read_text(encoding="utf-8") for f in files]
    examples = [p.read_text(encoding="utf-8") for p in sorted((REPO / "examples" / "putin-trump-call").glob("*.txt"))]
    return "the example articles x 20 (PolNeAR not found)", examples * 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    name, corpus = texts()
    nlp = load_nlp()
    list(nlp.pipe(corpus[:4]))  # warm up

    def parse_only() -> None:
        list(nlp.pipe(corpus, batch_size=16))

    def parse_and_attribute() -> None:
        for doc in nlp.pipe(corpus, batch_size=16):
            sentences = _sentence_spans(doc)
            find_quotes(doc, sentences, find_mentions(doc, sentences))

    def parse_and_textacy() -> None:
        from newsprism.evaluate.textacy_peer import textacy_quotes

        for text in corpus:
            textacy_quotes(text, nlp)

    timings = {}
    for label, fn in (("spaCy nlp.pipe", parse_only), ("nlp.pipe + newsprism quotes", parse_and_attribute),
                      ("textacy (per paragraph, own parse)", parse_and_textacy)):
        runs = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            fn()
            runs.append(time.perf_counter() - start)
        timings[label] = statistics.median(runs)
    base = timings["spaCy nlp.pipe"]
    words = sum(len(t.split()) for t in corpus)
    print(f"{name}: {len(corpus)} articles, {words} words, median of {args.repeat}")
    for label, seconds in timings.items():
        print(f"  {label:38s} {seconds:7.2f} s  {len(corpus) / seconds:6.1f} articles/s  ratio {seconds / base:.2f}x")


if __name__ == "__main__":
    main()
