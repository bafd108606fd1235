"""Ingest throughput: ``newsprism ingest`` (read, analyse, find copies, cluster, store) vs spaCy alone.

The articles are the first ``--articles`` PolNeAR train texts from the shared data folder, written to
a JSONL file. In the same run it times:

- the baseline: spaCy's full ``en_core_web_sm`` ``nlp.pipe`` over the same texts, one process;
- ``ingest_corpus`` into a fresh SQLite store with the defaults (analysis shared out among worker
  processes, the story clusterer, the copy index), models loaded by a warm-up ingest first;

and prints articles/s of each and their ratio (above 1: ingest keeps up with spaCy alone).
Nothing is gated on absolute times.

Usage:
    python bench/ingest.py [--articles N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path

from newsprism.analyze import load_nlp
from newsprism.corpus import ingest_corpus
from newsprism.store import open_store

REPO = Path(__file__).resolve().parents[1]
POLNEAR = REPO.parent / "shared" / "data" / "polnear" / "train" / "text"


def corpus(n: int, folder: Path) -> tuple[Path, list[str]]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(POLNEAR.glob("*.txt"))[:n]]
    path = folder / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            fh.write(json.dumps({"id": str(i), "text": text, "outlet": f"outlet{i % 7}"}) + "\n")
    return path, texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args()
    if not POLNEAR.is_dir():
        raise SystemExit(f"PolNeAR train texts not found at {POLNEAR} (they ship with the workplace)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path, texts = corpus(args.articles, folder)
        words = sum(len(t.split()) for t in texts)
        (folder / "warm").mkdir()
        warm, _ = corpus(20, folder / "warm")
        with open_store(folder / "warm.db") as store:
            ingest_corpus([warm], store)  # loads spaCy, the workers and the embedder
        nlp = load_nlp()
        started = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=16):
            pass
        spacy_s = time.perf_counter() - started
        with open_store(folder / "bench.db") as store:
            started = time.perf_counter()
            summary = ingest_corpus([path], store)
            ingest_s = time.perf_counter() - started
    figures = {
        "articles": len(texts), "words": words, "cpus": os.cpu_count(), "python": platform.python_version(),
        "stored": summary.stored, "spacy_nlp_pipe_s": round(spacy_s, 2), "ingest_s": round(ingest_s, 2),
        "spacy_articles_per_s": round(len(texts) / spacy_s, 2), "ingest_articles_per_s": round(summary.stored / ingest_s, 2),
        "ratio": round((summary.stored / ingest_s) / (len(texts) / spacy_s), 3),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{figures['articles']} PolNeAR articles, {words} words, {figures['cpus']} CPUs")
    print(f"spaCy nlp.pipe (one process): {spacy_s:7.1f} s  {figures['spacy_articles_per_s']:6.1f} articles/s")
    print(f"newsprism ingest:             {ingest_s:7.1f} s  {figures['ingest_articles_per_s']:6.1f} articles/s")
    print(f"ratio (ingest / spaCy):       {figures['ratio']:.2f}x")


if __name__ == "__main__":
    main()
