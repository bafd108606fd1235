"""Time ``compare_articles`` against spaCy alone, and the cold ``newsprism compare`` CLI.

Cases:
    example: the two articles in ``examples/putin-trump-call``.
    ecbplus: ten real articles about one event (an ECB+ sub-topic) from the shared data folder;
        skipped, with a note, when that folder is absent.

For each case it reports the warm in-process time of ``compare_articles`` (models loaded by a
warm-up call first), the baseline ``nlp.pipe`` over the same texts with the same ``load_nlp()``
pipeline, their ratio, and the wall time of a fresh ``python -m newsprism.cli compare`` process.
Every figure is a median of ``--repeat`` runs. Nothing is gated on absolute times.

Usage:
    python bench/compare.py [--repeat N] [--json]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newsprism.analyze import load_nlp
from newsprism.compare import compare_articles
from newsprism.ingest import read_articles

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
EXAMPLE = REPO / "examples" / "putin-trump-call"
STORY_SIZE = 10


@dataclass
class Case:
    """One set of article files to compare.

    Attributes:
        name: short key used in the table and the JSON.
        description: what the articles are and where they come from.
        paths: the article files, as given to the CLI.
    """

    name: str
    description: str
    paths: list[Path]


def example_case() -> Case:
    """The two-article example shipped with the repository."""
    paths = [EXAMPLE / "afp-wire.txt", EXAMPLE / "lbc.txt"]
    return Case("example", "examples/putin-trump-call: afp-wire.txt + lbc.txt", paths)


def ecbplus_case(workdir: Path) -> Case | None:
    """Ten ECB+ articles about one event, written to ``workdir`` as .txt files.

    The event is the ECB+ sub-topic with the most documents that have a body (ties: the first
    in file order); its first ten documents are used. If no sub-topic has ten, the first topic
    with ten is used instead. Each file holds the title, a blank line, then the body.

    Args:
        workdir: folder for the article files.
    Returns:
        The case, or None when ``docs.jsonl`` is absent or no group has ten documents.
    """
    docs_file = DATA / "ecbplus" / "docs.jsonl"
    if not docs_file.is_file():
        return None
    docs = [json.loads(line) for line in docs_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    docs = [d for d in docs if d["text"].strip()]
    for key, kind in (("subtopic", "sub-topic (one event)"), ("topic", "topic (two events of one kind)")):
        groups: dict[str, list[dict]] = defaultdict(list)
        for d in docs:
            groups[str(d[key])].append(d)
        big = [g for g in groups if len(groups[g]) >= STORY_SIZE]
        if big:
            group = max(big, key=lambda g: len(groups[g]))  # max keeps the first of equals
            break
    else:
        return None
    chosen = groups[group][:STORY_SIZE]
    paths = []
    for d in chosen:
        path = workdir / f"{d['doc_id']}.txt"
        path.write_text(f"{d['title'].strip()}\n\n{d['text'].strip()}\n", encoding="utf-8")
        paths.append(path)
    ids = ", ".join(d["doc_id"] for d in chosen)
    description = (f"ECB+ {kind} {group!r} ({len(groups[group])} docs with text; first {STORY_SIZE} used: {ids}); "
                   f"first doc title: {chosen[0]['title'].strip()[:80]!r}")
    return Case("ecbplus", description, paths)


def median_time(fn: Callable[[], object], repeat: int) -> tuple[float, list[float]]:
    """Run ``fn`` ``repeat`` times.

    Returns:
        The median wall time in seconds, and every run's time.
    """
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), runs


def run_cli(paths: list[Path], output: Path) -> None:
    """Run ``newsprism compare`` in a fresh interpreter, writing a JSON report to ``output``.

    Raises:
        RuntimeError: the command failed.
    """
    cmd = [sys.executable, "-m", "newsprism.cli", "compare", *map(str, paths), "--format", "json", "-o", str(output)]
    done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"newsprism compare exited with {done.returncode}: {done.stderr.strip()[-500:]}")


def measure(case: Case, repeat: int, workdir: Path) -> dict:
    """Time one case: warm ``compare_articles``, baseline ``nlp.pipe``, cold CLI.

    Args:
        case: the articles.
        repeat: runs per figure (the median is reported).
        workdir: folder for the CLI's report file.
    Returns:
        The figures for the case (times in seconds).
    """
    read = read_articles([str(p) for p in case.paths])
    if read.failures:
        raise RuntimeError(f"could not read: {[f.source for f in read.failures]}")
    articles = read.articles
    texts = [a.text for a in articles]
    nlp = load_nlp()
    compare_articles(articles)  # warm-up: loads spaCy and the embedder, touches every code path once
    compare_s, compare_runs = median_time(lambda: compare_articles(articles), repeat)
    spacy_s, spacy_runs = median_time(lambda: list(nlp.pipe(texts)), repeat)
    report = workdir / f"{case.name}-report.json"
    cli_s, cli_runs = median_time(lambda: run_cli(case.paths, report), repeat)
    return {
        "case": case.name,
        "description": case.description,
        "articles": len(articles),
        "words": sum(len(t.split()) for t in texts),
        "compare_warm_s": compare_s,
        "spacy_pipe_s": spacy_s,
        "ratio": compare_s / spacy_s,
        "cli_cold_s": cli_s,
        "runs": {"compare_warm_s": compare_runs, "spacy_pipe_s": spacy_runs, "cli_cold_s": cli_runs},
    }


def print_table(results: list[dict], notes: list[str], repeat: int) -> None:
    """Print the figures as a rich table, with the case descriptions and notes below it."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"newsprism compare timings (median of {repeat})")
    for column in ("case", "articles", "words", "compare (warm)", "spaCy nlp.pipe", "ratio", "CLI (cold)"):
        table.add_column(column, justify="left" if column == "case" else "right")
    for r in results:
        table.add_row(r["case"], str(r["articles"]), str(r["words"]), f"{r['compare_warm_s']:.2f} s",
                      f"{r['spacy_pipe_s']:.2f} s", f"{r['ratio']:.1f}x", f"{r['cli_cold_s']:.2f} s")
    console = Console()
    console.print(table)
    for r in results:
        console.print(f"[bold]{r['case']}[/]: {r['description']}", highlight=False)
    for note in notes:
        console.print(f"[yellow]note[/]: {note}", highlight=False)


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments, run every available case and print the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is reported (default 3)")
    parser.add_argument("--json", action="store_true", help="print a JSON object instead of a table")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    notes: list[str] = []
    results = []
    with tempfile.TemporaryDirectory(prefix="newsprism-bench-") as tmp:
        workdir = Path(tmp)
        cases = [example_case()]
        story = ecbplus_case(workdir)
        if story is None:
            docs = DATA / "ecbplus" / "docs.jsonl"
            notes.append(f"ecbplus case skipped: no {docs} (or no event with {STORY_SIZE} documents)")
        else:
            cases.append(story)
        for case in cases:
            print(f"timing {case.name} ...", file=sys.stderr)
            results.append(measure(case, args.repeat, workdir))

    if args.json:
        meta = {"repeat": args.repeat, "python": platform.python_version(), "machine": platform.machine(),
                "spacy_model": load_nlp().meta.get("name"), "spacy_pipes": load_nlp().pipe_names}
        print(json.dumps({**meta, "cases": results, "notes": notes}, indent=2))
    else:
        print_table(results, notes, args.repeat)


if __name__ == "__main__":
    main()
