"""Reports of a comparison: a terminal view (rich), Markdown, JSON, and a self-contained HTML page.

Usage::

    text = render_report(comparison)                   # plain text, 100 columns
    md = render_report(comparison, "md")
    page = render_report(comparison, "html")           # one offline page, articles side by side
    data = comparison_to_json(comparison)              # the JSON contract (docs/comparison.schema.json)
    print_report(comparison, rich.console.Console())   # coloured, in a terminal
"""

from __future__ import annotations

from newsprism.model import Comparison
from newsprism.report.jsonout import SCHEMA_VERSION, check_spans, comparison_to_json, dumps
from newsprism.report.markdown import render_markdown
from newsprism.report.text import print_report, render_text

FORMATS = ("text", "json", "md", "html")

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "check_spans",
    "comparison_to_json",
    "print_report",
    "render_report",
]


def render_report(comparison: Comparison, format: str = "text", *, width: int = 100, color: bool = False) -> str:
    """Render a comparison in one of :data:`FORMATS`.

    Args:
        comparison: The comparison to report.
        format: "text" (the terminal view as plain text), "json" (the JSON contract, indented),
            "md" (Markdown) or "html" (one self-contained page).
        width: Line width of the text view; ignored by the other formats.
        color: Keep ANSI colour codes in the text view; ignored by the other formats.

    Returns:
        The report, ending with a newline.

    Raises:
        ValueError: ``format`` is not one of :data:`FORMATS`.
    """
    if format == "text":
        return render_text(comparison, width=width, color=color)
    if format == "json":
        return dumps(comparison) + "\n"
    if format == "md":
        return render_markdown(comparison)
    if format == "html":
        from newsprism.report.html import render_html  # jinja2 is imported only for this format

        return render_html(comparison)
    raise ValueError(f"unknown report format {format!r}; valid formats: {', '.join(FORMATS)}")
