"""The ``newsprism`` command: thin click commands over the public API."""

from __future__ import annotations

import logging
import sys
from datetime import date
from pathlib import Path

import click

from . import __version__
from .errors import NewsprismError

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
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md"]), default="text", show_default=True, help="Report format.")
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
        newsprism compare story.jsonl --published 2025-07-03 --format md
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .analyze import analyze_articles
    from .compare import compare_articles
    from .ingest import read_articles
    from .report import print_report, render_report

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
    if output is not None:
        output.write_text(render_report(comparison, fmt, width=width or 100), encoding="utf-8")
        err.print(f"wrote {output}")
    elif fmt == "text":
        print_report(comparison, Console(width=width) if width else Console())
    else:
        click.echo(render_report(comparison, fmt))


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

    from rich.console import Console
    from rich.progress import Progress

    from .evaluate.polnear import evaluate_polnear, write_prediction

    total = sum(1 for _ in (data / split / "text").glob("*.txt")) if (data / split / "text").is_dir() else None
    out = predictions.open("w", encoding="utf-8") if predictions else None
    err = Console(stderr=True)
    try:
        with Progress(console=err, transient=True, disable=not err.is_terminal) as bar:
            task = bar.add_task(f"PolNeAR {split}", total=total)
            results = evaluate_polnear(
                data, split, peers=("textacy",) if peer else (), progress=lambda n: bar.advance(task, n),
                predictions=(lambda name, preds: write_prediction(out, name, preds)) if out else None,
            )
    finally:
        if out:
            out.close()
    if fmt == "json":
        click.echo(json.dumps(results, indent=2, sort_keys=True))
    else:
        _print_figures(results)


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


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param_hint="--published") from None


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
