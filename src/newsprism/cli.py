"""The ``newsprism`` command: thin click commands over the public API."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .errors import NewsprismError

if TYPE_CHECKING:
    from rich.console import Console

    from .corpus import IngestSummary
    from .model import Comparison
    from .store import StorySummary

log = logging.getLogger(__name__)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsprism")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Compare how news sources report the same event.

    \b
    Example:
        newsprism compare examples/putin-trump-call/afp-wire.txt examples/putin-trump-call/lbc.txt
    """
    ctx.obj = {"debug": debug}
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md", "html"]), default="text", show_default=True, help="Report format (html: one self-contained page).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), help="Write the report to FILE instead of the terminal.")
@click.option("--outlet", help="Outlet name for every article given (overrides what is found in the files).")
@click.option("--published", help="Publication date (YYYY-MM-DD) for every article; resolves 'Thursday', 'last week'.")
@click.option("--width", type=int, default=None, help="Width of the text report (default: the terminal's).")
def compare(sources: tuple[str, ...], fmt: str, output: Path | None, outlet: str | None, published: str | None, width: int | None) -> None:
    """Compare articles that report the same event.

    SOURCES are files (.txt, .html, .json, .jsonl) or http(s) URLs. A FILE.meta.json beside a file
    gives its outlet, title, authors, published date or URL.

    \b
    Examples:
        newsprism compare examples/putin-trump-call/*.txt
        newsprism compare a.html b.txt --format json -o report.json
        newsprism compare examples/putin-trump-call/*.txt --format html -o report.html
        newsprism compare story.jsonl --published 2025-07-03 --format md
    """
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from .analyze import analyze_articles
    from .compare import compare_articles
    from .ingest import read_articles
    err = Console(stderr=True)
    pub = _parse_date(published)
    read = read_articles(sources, outlet=outlet, published=pub)
    for failure in read.failures:
        err.print(f"[yellow]skipped[/] {failure.source}: {failure.message}")
    if not read.articles:
        raise NewsprismError("None of the inputs could be read; nothing to compare.")
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("analysing articles", total=len(read.articles))
        analysed = analyze_articles(read.articles, progress=lambda n: bar.advance(task, n))
        for failure in analysed.failed:
            err.print(f"[yellow]could not analyse[/] {failure.source}: {failure.message}")
        bar.update(task, description="comparing")
        ok_ids = {a.article_id for a in analysed.ok}
        comparison = compare_articles([a for a in read.articles if a.id in ok_ids], analyses=analysed.ok,
                                      progress=lambda name: bar.update(task, description=f"comparing: {name}"))
    _emit_report(comparison, fmt, output, width)


def _emit_report(comparison: Comparison, fmt: str, output: Path | None, width: int | None) -> None:
    """Write a report to ``output``, or print it (coloured in a terminal when it is text)."""
    from rich.console import Console

    from .report import print_report, render_report

    if output is not None:
        output.write_text(render_report(comparison, fmt, width=width or 100), encoding="utf-8")
        Console(stderr=True).print(f"wrote {output}")
    elif fmt == "text":
        print_report(comparison, Console(width=width) if width else Console())
    else:
        click.echo(render_report(comparison, fmt))


def db_option(command: Callable[..., None]) -> Callable[..., None]:
    """The ``--db`` option of the corpus commands."""
    return click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default=Path("newsprism.db"),
                        show_default=True, help="The store: one SQLite file.")(command)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@click.option("--batch-size", type=click.IntRange(1), default=64, show_default=True, help="Articles analysed and committed together.")
@click.option("--fetch/--no-fetch", default=True, show_default=True, help="Fetch URLs, the feeds of OPML lists and the pages of teaser-only feed entries.")
@click.option("--outlet", help="Outlet name for every article (overrides what the inputs say).")
@click.option("--published", help="Publication date (YYYY-MM-DD) for every article.")
def ingest(sources: tuple[str, ...], db: Path, batch_size: int, fetch: bool, outlet: str | None, published: str | None) -> None:
    """Read articles into the store, find the copies and group them into stories.

    SOURCES are files, folders, URLs, JSONL/CSV record files, RSS/Atom feeds, OPML lists of feeds and
    WARC archives, in any mix. Articles already stored are recognised and skipped, so running the
    same command again after a crash or Ctrl-C resumes where it stopped. Ends with a summary of what
    was stored and what was skipped, and why.

    \b
    Examples:
        newsprism ingest corpus.jsonl feeds.opml crawl.warc.gz folder_of_html/
        newsprism ingest https://example.org/rss --db news.db
        newsprism ingest articles.csv --no-fetch --batch-size 32
    """
    from rich.console import Console

    from .corpus import IngestOptions, ingest_corpus
    from .store import open_store

    options = IngestOptions(batch_size=batch_size, fetch=fetch, outlet=outlet, published=_parse_date(published))
    err = Console(stderr=True)
    with open_store(db) as store, _ingest_progress(err, sources) as progress:
        try:
            summary = ingest_corpus(sources, store, options=options, progress=progress)
        except KeyboardInterrupt:
            err.print(f"[yellow]Interrupted.[/] What was stored is kept; run the same command again to resume. ({db})")
            raise
    _print_ingest_summary(summary, db)


@contextmanager
def _ingest_progress(err: Console, sources: tuple[str, ...]) -> Iterator[Callable[[IngestSummary], None]]:
    """A progress bar on stderr: inputs read of the total, the rate and the time left. The total is counted on a
    thread while the ingest runs (``count_items``); while it is unknown (URLs, feeds) the bar shows counts only."""
    import threading
    import time

    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from .ingest.stream import count_items

    started = time.monotonic()
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
                  TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(), console=err, transient=True,
                  disable=not err.is_terminal) as bar:
        task = bar.add_task("reading", total=None, rate="")

        def count() -> None:
            total = count_items(sources)
            if total is not None:
                bar.update(task, total=total)

        if err.is_terminal:
            threading.Thread(target=count, name="count-inputs", daemon=True).start()

        def update(summary: IngestSummary) -> None:
            skipped = sum(summary.skipped.values())
            elapsed = max(time.monotonic() - started, 1e-6)
            bar.update(task, completed=summary.seen, rate=f"{summary.seen / elapsed:.1f}/s",
                       description=f"{summary.stored} stored, {summary.duplicates} duplicates, {skipped} skipped")

        yield update


def _print_ingest_summary(summary: IngestSummary, db: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Ingest into {db}", show_header=False)
    table.add_column(justify="left")
    table.add_column(justify="right")
    rate = summary.stored / summary.seconds if summary.seconds else 0.0
    table.add_row("stored", f"{summary.stored}  ({summary.seconds:.1f} s, {rate:.1f}/s)")
    table.add_row("  of which copies of an earlier article", str(summary.copies))
    table.add_row("  new stories", str(summary.new_stories))
    table.add_row("duplicates (already stored)", str(summary.duplicates))
    for reason, count in summary.skipped.most_common():
        table.add_row(f"skipped: {reason}", str(count))
    console = Console()
    console.print(table)
    for reason, failures in summary.examples.items():
        for failure in failures:
            console.print(f"  [dim]{reason}: {failure.source}: {failure.message}[/]", highlight=False, soft_wrap=True)


@cli.command()
@db_option
@click.option("--since", help="Only stories with an article published on or after DATE (YYYY-MM-DD).")
@click.option("--min-sources", type=click.IntRange(1), help="Only stories reported by at least N outlets.")
@click.option("--min-independent", type=click.IntRange(1), default=2, show_default=True,
              help="Only stories told by at least N independent sources (outlets not copying one another).")
@click.option("--all", "show_all", is_flag=True, help="List every story, single-source ones too (same as --min-independent 1).")
@click.option("--outlet", help="Only stories with an article from this outlet: its name or its web domain, any case.")
@click.option("--search", "query", help="Only stories with an article holding these words.")
@click.option("--entity", help="Only stories naming this person, organisation or place, however written.")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "tsv", "json"]), default="text", show_default=True,
              help="text: a table (ids never cut); tsv: one tab-separated line per story, with a header.")
def stories(
    db: Path, since: str | None, min_sources: int | None, min_independent: int, show_all: bool, outlet: str | None,
    query: str | None, entity: str | None, limit: int, fmt: str,
) -> None:
    """List the stories in the store, newest first: how many articles, outlets and independent sources, the title.

    By default only stories that two or more independent sources tell (the ones a comparison can say anything of).

    \b
    Examples:
        newsprism stories
        newsprism stories --since 2025-07-01 --min-sources 3
        newsprism stories --outlet mothership --search ceasefire --format json
        newsprism stories --entity "Yury Ushakov"    # also "Yuri Ushakov", "Ushakov"
        newsprism stories --all --format tsv | cut -f1   # every story id
    """
    import json

    from .model import to_dict
    from .store import open_store

    with open_store(db, create=False) as store:
        found = store.stories(
            since=_parse_date(since, "--since"), min_sources=min_sources, min_independent=1 if show_all else min_independent,
            outlet=outlet, query=query, entity=entity, limit=limit,
        )
    if fmt == "json":
        click.echo(json.dumps(to_dict(found), indent=2, ensure_ascii=False))
    elif fmt == "tsv":
        click.echo("\t".join(STORY_COLUMNS))
        for row in _story_rows(found):
            click.echo("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in row))
    else:
        _print_stories(found, hidden=not show_all and min_independent > 1)


STORY_COLUMNS = ("id", "latest", "articles", "sources", "independent", "corroborated", "single_source", "conflicting",
                 "outlets", "title")


def _story_rows(found: list[StorySummary]) -> list[tuple[str, ...]]:
    """One row per story in STORY_COLUMNS; the fact counts are empty until the story is compared."""
    def count(s: StorySummary, status: str) -> str:
        return "" if s.facts is None else str(s.facts.get(status, 0))

    return [(s.id, s.last_published.isoformat() if s.last_published else "", str(s.size), str(s.sources), str(s.independent),
             count(s, "corroborated"), count(s, "single-source"), count(s, "conflicts"), ", ".join(s.outlets), s.title or "")
            for s in found]


def _print_stories(found: list[StorySummary], *, hidden: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not found:
        console.print("No stories match." + (" (Single-source stories are hidden: --all lists them.)" if hidden else ""))
        return
    table = Table(title="Stories, newest first")
    width = max(len(s.id) for s in found)
    table.add_column("id", no_wrap=True, min_width=width)  # an id is copied into `newsprism report`: never cut
    table.add_column("latest", no_wrap=True)
    for name in ("articles", "sources", "independent"):
        table.add_column(name, justify="right")
    table.add_column("facts", no_wrap=True)
    table.add_column("outlets")
    table.add_column("title", ratio=1, min_width=24)
    for s, row in zip(found, _story_rows(found)):
        outlets = row[8].split(", ")
        facts = "" if s.facts is None else f"{row[5]} corroborated\n{row[6]} single-source\n" + (
            f"[bold red]{row[7]} conflicting ⚠[/]" if s.conflicting else f"{row[7]} conflicting")
        table.add_row(*row[:5], facts, ", ".join(outlets[:4]) + (" …" if len(outlets) > 4 else ""), row[9])
    console.print(table)
    if any(s.facts is None for s in found):
        console.print("[dim]facts: counted once a story is compared (newsprism report STORY_ID)[/]")


@cli.command()
@click.argument("story_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json", "html"]), default="text", show_default=True, help="Report format (html: one self-contained page).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), help="Write the report to FILE instead of the terminal.")
@click.option("--refresh", is_flag=True, help="Compare anew even when the cached comparison is up to date.")
@click.option("--width", type=int, default=None, help="Width of the text report (default: the terminal's).")
def report(story_id: str, db: Path, fmt: str, output: Path | None, refresh: bool, width: int | None) -> None:
    """Print the comparison of one stored story (the same report as ``newsprism compare``).

    The comparison is cached in the store and computed again when the story has grown.

    \b
    Examples:
        newsprism report 3f9c2a71d0b4e6a8
        newsprism report 3f9c2a71d0b4e6a8 --format md -o story.md
    """
    from .corpus import story_comparison
    from .store import open_store

    with open_store(db, create=False) as store:
        comparison = story_comparison(store, story_id, refresh=refresh)
    _emit_report(comparison, fmt, output, width)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; beyond loopback a token is required.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--token", is_flag=False, flag_value="", default=None, envvar="NEWSPRISM_TOKEN",
              help="Require this token on every request (also read from NEWSPRISM_TOKEN); --token alone makes one up.")
def serve(db: Path, host: str, port: int, token: str | None) -> None:
    """Serve the web UI and the JSON API over a store (API docs at /docs).

    Pages: the stories with search and filters, each story's HTML report, the articles, and a page
    to compare 2 to 20 pasted or uploaded articles or URLs. The store need not exist for that page.

    \b
    Examples:
        newsprism serve --db newsprism.db
        NEWSPRISM_TOKEN=s3cret newsprism serve --host 0.0.0.0 --port 8080
    """
    import secrets

    from .serve import run_server

    if token == "":
        token = secrets.token_urlsafe(24)
        click.echo(f"token: {token} (open http://{host}:{port}/?token={token} once, or send 'Authorization: Bearer {token}')")
    run_server(db, host=host, port=port, token=token)


@cli.group(name="eval")
def eval_group() -> None:
    """Measure quality on annotated datasets (see docs/eval.md for the figures' meaning)."""


@eval_group.command("polnear")
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), default=Path("..") / "shared" / "data" / "polnear",
              show_default=True, help="A PolNeAR folder (<split>/text, <split>/attributions).")
@click.option("--split", type=click.Choice(["dev", "test", "train"]), default="dev", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path), help="Write our predictions, one JSON line per article.")
@click.option("--peer/--no-peer", default=True, show_default=True, help="Score textacy's direct quotations beside ours.")
def eval_polnear(data: Path, split: str, fmt: str, predictions: Path | None, peer: bool) -> None:
    """Score quote attribution (who said what) on PolNeAR, ours beside textacy's.

    \b
    Examples:
        newsprism eval polnear
        newsprism eval polnear --split train --format json --predictions dev.jsonl
    """
    import json

    from .evaluate.polnear import evaluate_polnear, write_prediction

    total = sum(1 for _ in (data / split / "text").glob("*.txt")) if (data / split / "text").is_dir() else None
    out = predictions.open("w", encoding="utf-8") if predictions else None
    try:
        results = _with_progress(f"PolNeAR {split}", total, lambda progress: evaluate_polnear(
            data, split, peers=("textacy",) if peer else (), progress=progress,
            predictions=(lambda name, preds: write_prediction(out, name, preds)) if out else None,
        ))
    finally:
        if out:
            out.close()
    if fmt == "json":
        click.echo(json.dumps(results, indent=2, sort_keys=True))
    else:
        _print_figures(results)


def _data_option(name: str) -> Callable[..., None]:
    return click.option("--data", type=click.Path(file_okay=False, path_type=Path), default=Path("..") / "shared" / "data" / name,
                        show_default=True, help=f"The {name} folder (any folder with the same layout).")


_FORMAT_OPTION = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)


@eval_group.command("nanco")
@_data_option("discord-questions")
@_FORMAT_OPTION
def eval_nanco(data: Path, fmt: str) -> None:
    """Do two sources' answers say the same thing? NAnCo balanced accuracy of the shipped claim aligner.

    Thresholds come from the validation questions (Q2, Q3, Q5, Q6); the figure is the mean over the
    test questions (Q4, Q7, Q8, Q9). Beside it: the aligner at its own threshold, a score fitted on
    NAnCo's validation questions, and MiniLM cosine.

    \b
    Example:
        newsprism eval nanco --format json
    """
    from .evaluate.nanco import evaluate_nanco

    _print_alignment("NAnCo (balanced accuracy on the test questions)", evaluate_nanco(data), fmt, ("balanced_accuracy", "validation_balanced_accuracy"),
                     (("at the shipped threshold", "at_shipped_threshold"), ("fitted on NAnCo", "fitted_here"), ("MiniLM cosine", "baseline")))


@eval_group.command("qa-align")
@_data_option("qa-align")
@_FORMAT_OPTION
def eval_qa_align(data: Path, fmt: str) -> None:
    """Which facts do two sentences share? The shipped claim aligner on the QA-Align dev gold.

    Beside it: its probability cut at a 2-fold cross-validated threshold, a model fitted on QA-Align
    (cross-validated the same way), and MiniLM cosine.

    \b
    Example:
        newsprism eval qa-align --format json
    """
    from .evaluate.qa_align import evaluate_qa_align

    _print_alignment("QA-Align dev: aligned proposition pairs", evaluate_qa_align(data), fmt, ("precision", "recall", "f1"),
                     (("cross-validated threshold", "cross_validated"), ("fitted on QA-Align", "fitted_here"), ("MiniLM cosine", "baseline")))


@eval_group.command("basil")
@_data_option("basil")
@click.option("--split", type=click.Choice(["dev", "test", "all"]), default="dev", show_default=True,
              help="dev = events of 2010-2014, test = 2015-2019 (BASIL has no split of its own).")
@_FORMAT_OPTION
def eval_basil(data: Path, split: str, fmt: str) -> None:
    """What does one outlet report that the others do not? Single-source sentences vs BASIL's informational-bias spans.

    \b
    Example:
        newsprism eval basil --split dev --format json
    """

    from .evaluate.basil import evaluate_basil

    results = _with_progress(f"BASIL {split}", None, lambda progress: evaluate_basil(data, split, progress=progress))
    _print_alignment(f"BASIL {split}: single-source sentences", results, fmt, ("precision", "recall", "f1"))


@eval_group.command("stories")
@click.argument("file", required=False, type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--gold-field", default="story", show_default=True, help="The field of each FILE item holding its gold story.")
@click.option("--dataset", type=click.Choice(["ecbplus", "basil", "newswcl50", "newswcl50-tokens", "allsides"]),
              help="Score one shared dataset instead of FILE.")
@click.option("--data", type=click.Path(file_okay=False, path_type=Path), default=Path("..") / "shared" / "data", show_default=True,
              help="The folder holding the datasets.")
@click.option("--split", type=click.Choice(["train", "dev", "test", "train+dev"]), help="ECB+ split (default test).")
@_FORMAT_OPTION
def eval_stories(file: Path | None, gold_field: str, dataset: str | None, data: Path, split: str | None, fmt: str) -> None:
    """Score story clustering (B-cubed, ARI) against gold stories, ours beside TF-IDF + agglomerative.

    With no FILE and no --dataset, scores every shared story set (ECB+ test, BASIL, NewsWCL50 joined and as
    raw tokens, AllSides-NeuS) in one run, each also leave-one-dataset-out: at the join threshold that does
    best on the other sets. Articles are fed in date order, as `ingest` does.

    FILE is JSONL, one item per line: {"id", "title", "text", "outlet", "published", "url", <gold field>}.

    \b
    Examples:
        newsprism eval stories
        newsprism eval stories --dataset ecbplus --split test
        newsprism eval stories corpus.jsonl --gold-field event --format json
    """
    from .evaluate.stories import (
        EVAL_SETS,
        LEAVE_OUT_THRESHOLDS,
        evaluate_stories,
        evaluate_story_sets,
    )
    from .evaluate.story_data import load_dataset, read_items

    if file is not None and dataset is not None:
        raise click.UsageError("Give FILE or --dataset, not both.")
    if file is None and dataset is None:
        runs = len(EVAL_SETS) + len(LEAVE_OUT_THRESHOLDS)
        results = _with_progress("story sets", runs, lambda progress: evaluate_story_sets(str(data), progress=progress))
        _print_story_sets(results, fmt)
        return
    items = read_items(file, gold_field) if file is not None else load_dataset(str(dataset), data, split)
    results = evaluate_stories(items)
    if fmt == "text":
        click.echo(f"{results['articles']} articles, {results['gold_stories']} gold stories; "
                   f"stories found: {results['stories']} (ours), {results['baseline']['stories']} (baseline)")
    _print_alignment(f"Story clustering: {dataset or file}" + (f" ({split})" if split else ""), results, fmt,
                     ("bcubed_precision", "bcubed_recall", "bcubed_f1", "ari", "largest"), (("TF-IDF + agglomerative", "baseline"),))


def _print_story_sets(results: dict[str, dict], fmt: str) -> None:
    import json

    from rich.console import Console
    from rich.table import Table

    if fmt == "json":
        click.echo(json.dumps(results, indent=2, sort_keys=True))
        return
    table = Table(title="Story clustering, B³ (articles fed in date order)", caption=(
        "largest: articles in the largest story found; TF-IDF: average-linkage agglomerative, its threshold tuned on "
        "ECB+ train+dev; left out: at the join threshold that does best on the other sets"))
    for column in ("set", "articles", "stories", "P", "R", "F1", "ARI", "largest", "TF-IDF F1", "largest", "left out"):
        table.add_column(column, justify="left" if column == "set" else "right")
    for name, r in results.items():
        b, loo = r["baseline"], r.get("leave_one_out")
        table.add_row(
            name, str(r["articles"]), f"{r['stories']} / {r['gold_stories']}", f"{r['bcubed_precision']:.3f}",
            f"{r['bcubed_recall']:.3f}", f"{r['bcubed_f1']:.3f}", f"{r['ari']:.3f}", str(r["largest"]),
            f"{b['bcubed_f1']:.3f}", str(b["largest"]), f"{loo['bcubed_f1']:.3f} @{loo['threshold']}" if loo else "–",
        )
    Console().print(table)


@eval_group.command("facts")
@_data_option("facts-dev")
@click.option("--story", "stories", multiple=True, metavar="NAME", help="Score only this story (stories/NAME.jsonl); repeat for several.")
@click.option("--baseline/--no-baseline", default=True, show_default=True, help="Score the MiniLM sentence-alignment baseline beside ours.")
@click.option("--verbose", is_flag=True, help="List each story's false and missed links, over-claimed facts, missed and false differences.")
@_FORMAT_OPTION
def eval_facts(data: Path, stories: tuple[str, ...], baseline: bool, verbose: bool, fmt: str) -> None:
    """Score compare's reports against the hand-annotated facts of multi-source stories (facts-dev).

    Runs `newsprism compare` on every story with a gold and prints the figures pooled over the stories
    beside the MiniLM sentence-alignment baseline and the goals, then each story's.

    \b
    Examples:
        newsprism eval facts
        newsprism eval facts --story ecbplus-24ecbplus --verbose
        newsprism eval facts --no-baseline --format json
    """
    import json

    from .evaluate.facts import evaluate_facts, find_stories

    results = _with_progress("facts-dev stories", len(find_stories(data, stories)), lambda progress: evaluate_facts(
        data, stories=stories, baseline=baseline, verbose=verbose, progress=progress))
    if fmt == "json":
        click.echo(json.dumps(results, indent=2, sort_keys=True, ensure_ascii=False))
    else:
        _print_facts(results)


@eval_group.command("entities")
@_data_option("entities-dev")
@click.option("--stories", "stories_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The folder of the stories' JSONL files (default: facts-dev/stories beside --data).")
@click.option("--story", "names", multiple=True, metavar="NAME", help="Score only this story; repeat for several.")
@click.option("--verbose", is_flag=True, help="List each story's split entities, merged entities, wrong types and missed forms.")
@_FORMAT_OPTION
def eval_entities(data: Path, stories_dir: Path | None, names: tuple[str, ...], verbose: bool, fmt: str) -> None:
    """Is one person one entity across outlets, with the right type? compare's entities against entities-dev.

    Runs `newsprism compare` on every story with an entity gold and prints the figures pooled over the
    stories (mention recall, B-cubed F1, cross-article recall, false merges, type accuracy) beside the goals,
    then each story's.

    \b
    Examples:
        newsprism eval entities
        newsprism eval entities --story basil-22b6e900 --verbose
        newsprism eval entities --format json
    """
    import json

    from .evaluate.entities import evaluate_entities, find_gold

    stories_dir = stories_dir or data.parent / "facts-dev" / "stories"
    results = _with_progress("entities-dev stories", len(find_gold(data, stories_dir, names)), lambda progress: evaluate_entities(
        data, stories_dir, names=names, verbose=verbose, progress=progress))
    if fmt == "json":
        click.echo(json.dumps(results, indent=2, sort_keys=True, ensure_ascii=False))
    else:
        _print_entities(results)


@eval_group.command("newswcl50")
@_data_option("newswcl50")
@_FORMAT_OPTION
def eval_newswcl50(data: Path, fmt: str) -> None:
    """Are one actor's name variants across five outlets one entity? Pairwise P/R/F1 on NewsWCL50's named actors.

    Each event's five articles are analysed and resolved as compare resolves a story; the baseline links two
    names when their last words are the same.

    \b
    Example:
        newsprism eval newswcl50 --format json
    """
    from .evaluate.newswcl50 import evaluate_newswcl50

    _print_alignment("NewsWCL50: name pairs of one actor (10 events x 5 outlets)", evaluate_newswcl50(data), fmt,
                     ("precision", "recall", "f1"), (("same head word", "baseline"),))


@eval_group.command("propsegment")
@_data_option("propsegment")
@click.option("--split", type=click.Choice(["dev", "test", "train"]), default="dev", show_default=True)
@_FORMAT_OPTION
def eval_propsegment(data: Path, split: str, fmt: str) -> None:
    """Score the claim splitter and the claim aligner on PropSegmEnt (Wikipedia half).

    Segmentation: our claims against the raters' propositions (token Jaccard >= 0.8, one to one), beside
    one proposition per sentence. Entailment: does the aligner link a proposition to a claim of another
    document that entails it? Ours at the shipped threshold and at a 2-fold cross-validated one, beside
    MiniLM cosine to the premise's best sentence.

    \b
    Examples:
        newsprism eval propsegment
        newsprism eval propsegment --format json
    """
    import json

    from .evaluate.propsegment import evaluate_propsegment, load_propsegment, steps

    dataset = load_propsegment(data, split)
    results = _with_progress(f"PropSegmEnt {split}", steps(dataset), lambda progress: evaluate_propsegment(
        dataset, split, progress=progress))
    if fmt == "json":
        click.echo(json.dumps(results, indent=2, sort_keys=True))
    else:
        _print_propsegment(results)


def _print_propsegment(results: dict) -> None:
    """One table: each figure for newsprism, the baseline and the published systems (other data: context only)."""
    from rich.console import Console
    from rich.table import Table

    seg, ent, published = results["segmentation"], results["entailment"], results["published"]
    systems = list(published)
    table = Table(title=f"PropSegmEnt {results['split']}: {results['clusters']} clusters, {results['documents']} documents")
    for column in ("figure", "newsprism", "baseline", *systems):
        table.add_column(column, justify="left" if column == "figure" else "right", no_wrap=column == "figure")

    def row(label: str, ours: float | None, base: float | None, key: str | None = None) -> None:
        cells = ["" if v is None else f"{v:.3f}" for v in (ours, base)]
        table.add_row(label, *cells, *("" if key is None or key not in published[s] else f"{published[s][key]:.3f}" for s in systems))

    row("segment precision", seg["newsprism"]["precision"], seg["baseline"]["precision"])
    row("segment recall", seg["newsprism"]["recall"], seg["baseline"]["recall"])
    row("segment F1", seg["newsprism"]["f1"], seg["baseline"]["f1"], "segmentation_f1")
    row("segment exact F1", seg["newsprism"]["exact_f1"], seg["baseline"]["exact_f1"], "segmentation_exact_f1")
    row("segment F1, parts only", seg["newsprism_parts_only"]["f1"], None)
    if ent.get("pairs"):
        row("entail accuracy", ent["newsprism"]["accuracy"], None, "entailment_accuracy")
        row("entail balanced acc", ent["newsprism"]["balanced_accuracy"], None, "entailment_balanced_accuracy")
        row("entail accuracy, CV", ent["newsprism_cv"]["accuracy"], ent["baseline"]["accuracy"], "entailment_accuracy")
        row("entail balanced, CV", ent["newsprism_cv"]["balanced_accuracy"], ent["baseline"]["balanced_accuracy"], "entailment_balanced_accuracy")
    console = Console()
    console.print(table)
    ours = seg["newsprism"]
    notes = [(f"Segmentation: {seg['sentences']} sentences, {ours['gold']} gold propositions, {ours['predicted']} claims, {ours['matched']} matched "
              "(token Jaccard >= 0.8, one to one; claims read as parts + context). Baseline: one proposition per sentence.")]
    if ent.get("pairs"):
        never = ent["always_not_entailed"]
        notes.append(f"Entailment: {ent['pairs']} pairs, {ent['entailed']} entailed; ours at the shipped threshold "
                     f"{ent['newsprism']['threshold']:.2f}, then at a 2-fold cross-validated one (by cluster). Baseline: MiniLM cosine to the "
                     f"premise's best sentence, cross-validated. Always 'not entailed': accuracy {never['accuracy']:.3f}, balanced 0.500.")
    notes.append("Published: the paper's Table 3, on the full test set with news; not the same data.")
    skipped = {k: v for k, v in results["skipped"].items() if v}
    if skipped:
        notes.append("Left out: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in skipped.items()) + ".")
    for note in notes:
        console.print(note, highlight=False)


def _print_entities(results: dict) -> None:
    """The pooled figures beside the goals, each story's figures, then the errors if any."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from .evaluate.entities import GOALS, LOWER_IS_BETTER

    console = Console()
    table = Table(title=f"entities-dev: {len(results['stories'])} stories, pooled")
    for column in ("figure", "newsprism", "goal"):
        table.add_column(column, justify="left" if column == "figure" else "right")
    for key, value in results["figures"].items():
        goal = GOALS.get(key)
        shown = "–" if value is None else f"{value:.3f}"
        if goal is not None and value is not None:
            met = value <= goal if key in LOWER_IS_BETTER else value >= goal
            shown = f"[{'green' if met else 'red'}]{shown}[/]"
        table.add_row(key, shown, "" if goal is None else f"{'≤' if key in LOWER_IS_BETTER else '≥'} {goal:.2f}")
    console.print(table)
    stories = Table(title="Each story")
    stories.add_column("story", no_wrap=True)
    keys = ("mention_recall", "b3_f1", "cross_article_recall", "false_merges", "type_accuracy")
    for key in keys:
        stories.add_column(key.replace("_", "\n", 1), justify="right")
    for name, story in results["stories"].items():
        stories.add_row(name, *("–" if story["figures"][k] is None else f"{story['figures'][k]:.3f}" for k in keys))
    console.print(stories)
    for name, errors in results.get("errors", {}).items():
        console.rule(name)
        for kind in ("split", "merge", "type", "missed"):
            for line in errors[kind]:
                console.print(f"  {kind}: {escape(line)}")


def _print_facts(results: dict) -> None:
    """The pooled figures (ours, baseline, goal), a table of each story's main figures, then the errors if any."""
    from rich.console import Console
    from rich.table import Table

    from .evaluate.facts import FIGURES, GOALS, LOWER_IS_BETTER, meets_goal

    def cell(figures: dict, counts: dict, key: str) -> str:
        value = figures.get(key)
        numerator, denominator = FIGURES[key]
        return "–" if value is None else f"{value:.3f} ({counts[numerator]}/{counts[denominator]})"

    console = Console()
    base = results.get("baseline")
    table = Table(title=f"facts-dev: {len(results['stories'])} stories, pooled")
    for column in ("figure", "newsprism", *(("MiniLM sentences",) if base else ()), "goal"):
        table.add_column(column, justify="left" if column == "figure" else "right")
    for key in FIGURES:
        goal = GOALS.get(key)
        ours = cell(results["figures"], results["counts"], key)
        if goal is not None:
            ours = f"[{'green' if meets_goal(key, results['figures'][key], goal) else 'red'}]{ours}[/]"
        theirs = (cell(base["figures"], base["counts"], key),) if base else ()
        table.add_row(key, ours, *theirs, "" if goal is None else f"{'≤' if key in LOWER_IS_BETTER else '≥'} {goal:.2f}")
    console.print(table)
    if results["counts"]["missing_quotes"]:
        console.print(f"[yellow]{results['counts']['missing_quotes']} gold evidence quotes were not found in the reports' texts.[/]")
    columns = {"corroboration_recall": "corr\nrecall", "false_corroboration": "false\ncorr", "pair_precision": "pair\nprec",
               "difference_recall": "diff\nrecall", "quote_recall": "quote\nrecall", "citation_precision": "cite\nprec",
               "summary_full_support": "summ\nfull"}
    stories = Table(title="Each story (newsprism)")
    stories.add_column("story", no_wrap=True)
    for header in columns.values():
        stories.add_column(header, justify="right")
    for name, story in results["stories"].items():
        stories.add_row(name, *("–" if story["figures"][k] is None else f"{story['figures'][k]:.3f}" for k in columns))
    console.print(stories)
    for name, errors in results.get("errors", {}).items():
        _print_fact_errors(console, name, errors)


def _print_fact_errors(console: Console, story: str, errors: dict[str, list[dict]]) -> None:
    from rich.markup import escape

    def quoted(texts: list) -> str:
        return " | ".join(f"“{escape(str(t))}”" for t in texts)

    console.rule(f"{story}: errors")
    lines = {
        "false_links": [f"{e['fact']}: {quoted(e['statements'][:1])}\n    linked with {quoted(e['statements'][1:])}" for e in errors["false_links"]],
        "missed_links": [f"{e['fact']}: {escape(e['claim'])}\n    {quoted(e['evidence'])}" for e in errors["missed_links"]],
        "overclaimed": [f"{e['fact']}: {escape(e['claim'])}\n    covered by {quoted([e['statement']])}" for e in errors["overclaimed"]],
        "missed_differences": [f"{e['fact']} ({e['status']}, {e['kind']}): {escape(str(e['detail']))}\n    values {quoted(e['values'])}"
                               for e in errors["missed_differences"]],
        "false_differences": [f"{e['fact']} ({e['status']}): {escape('; '.join(str(d) for d in e['details']))}\n    {quoted(e['statements'])}"
                              for e in errors["false_differences"]],
    }
    for kind, items in lines.items():
        console.print(f"[bold]{kind.replace('_', ' ')}[/] ({len(items)})")
        for item in items:
            console.print(f"  {item}", highlight=False, soft_wrap=True)


def _with_progress(label: str, total: int | None, run: Callable[[Callable[[int], None]], Any]) -> Any:
    """``run(progress)`` under a progress bar on stderr (none when stderr is not a terminal); its result."""
    from rich.console import Console
    from rich.progress import Progress

    err = Console(stderr=True)
    with Progress(console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task(label, total=total)
        return run(lambda n: bar.advance(task, n))


def _print_alignment(title: str, results: dict, fmt: str, keys: tuple[str, ...],
                     others: tuple[tuple[str, str], ...] = (("MiniLM cosine", "baseline"),)) -> None:
    """A figure per row: ours, then each (column title, results key) of ``others`` that the results hold."""
    import json

    from rich.console import Console
    from rich.table import Table

    if fmt == "json":
        click.echo(json.dumps(results, indent=2, sort_keys=True))
        return
    others = tuple((name, key) for name, key in others if key in results)
    table = Table(title=title)
    table.add_column("figure")
    for column in ("newsprism", *(name for name, _ in others)):
        table.add_column(column, justify="right")
    for key in keys:
        cells = [results.get(other, {}).get(key) for _, other in others]
        table.add_row(key, f"{results[key]:.3f}", *("" if c is None else f"{c:.3f}" for c in cells))
    Console().print(table)


def _print_figures(results: dict[str, dict[str, float]]) -> None:
    from rich.console import Console
    from rich.table import Table

    systems = list(results)
    table = Table(title="PolNeAR attribution (P / R / F1)")
    table.add_column("subset.criterion")
    for name in systems:
        table.add_column(name, justify="right")
    keys = sorted({k.rsplit(".", 1)[0] for k in results[systems[0]] if k.endswith(".f1")})
    for key in keys:
        table.add_row(key, *(f"{r[key + '.precision']:.3f} / {r[key + '.recall']:.3f} / {r[key + '.f1']:.3f}" for r in results.values()))
    for key in ("all.speaker_accuracy", "direct.speaker_accuracy", "all.gold", "all.predicted", "direct.gold", "direct.predicted"):
        table.add_row(key, *(f"{r[key]:.3f}" if isinstance(r[key], float) else str(r[key]) for r in results.values()))
    Console().print(table)


def _parse_date(value: str | None, option: str = "--published") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param_hint=option) from None


def main() -> None:
    """Run the CLI; a ``NewsprismError`` becomes a one-line message and exit status 1."""
    debug = "--debug" in sys.argv
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except NewsprismError as exc:
        if debug:
            raise
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
