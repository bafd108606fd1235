"""Tests of the HTML report as a document: structure, spans, escaping, no external resources.

What it does in a browser (highlights, citation jumps, inert markup) is tested in tests/browser.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from html.parser import HTMLParser

import pytest

from newsprism.model import Article, Citation, Comparison, Fact, Statement, SummarySentence
from newsprism.report import FORMATS, comparison_to_json, render_report
from newsprism.report.html import align_words, render_html, safe_url, segment_article

DATA_SCRIPT = re.compile(r'<script type="application/json" id="newsprism-data">(.*?)</script>', re.S)
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


class _Tags(HTMLParser):
    """Collects every element's tag and attributes, as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


@pytest.fixture(scope="module")
def hostile_page(hostile_comparison: Comparison) -> str:
    return render_html(hostile_comparison)


def test_html_is_a_registered_format(hostile_comparison: Comparison, hostile_page: str) -> None:
    assert "html" in FORMATS
    assert render_report(hostile_comparison, "html") == hostile_page
    assert hostile_page.startswith("<!doctype html>") and hostile_page.endswith("</html>\n")


def test_html_segments_join_up_to_the_text(hostile_comparison: Comparison) -> None:
    for article in hostile_comparison.articles:
        segments = segment_article(article, hostile_comparison)
        assert "".join(s.text for s in segments) == article.text
        assert all(s.start < s.end for s in segments)


def test_html_every_span_is_a_run_of_whole_segments(hostile_comparison: Comparison) -> None:
    data = comparison_to_json(hostile_comparison)
    spans = [c for item in data["summary"] + data["timeline"] for c in item["citations"]]
    spans += [s for f in data["facts"] for s in f["statements"]]
    spans += [s for f in data["facts"] for d in f["differences"] for s in d["spans"]]
    segments = {a.id: segment_article(a, hostile_comparison) for a in hostile_comparison.articles}
    texts = {a.id: a.text for a in hostile_comparison.articles}
    for span in spans:
        inside = [s for s in segments[span["article"]] if span["start"] <= s.start and s.end <= span["end"]]
        assert "".join(s.text for s in inside) == texts[span["article"]][span["start"] : span["end"]]


def test_html_segment_shows_the_strongest_status_and_the_differing_part() -> None:
    text = "Twelve people died in the flood. Rescue went on."
    article = Article("a", text)
    whole, part = Statement("a", 0, 32, text[:32]), Statement("a", 0, 6, "Twelve")
    facts = (
        Fact("f1", "single-source", 1, (whole,)),
        Fact("f2", "differs", 2, (part,)),
    )
    comparison = Comparison((article,), (), (), facts, (), (), ())
    segments = segment_article(article, comparison)
    first, second, rest = segments
    assert (first.text, first.status, first.facts, first.lead) == ("Twelve", "differs", ("f1", "f2"), True)
    assert (second.status, second.facts, second.lead) == ("single-source", ("f1",), False)
    assert (rest.text, rest.status, rest.facts) == (" Rescue went on.", None, ())


def test_html_escapes_article_text_and_metadata(hostile_page: str) -> None:
    elements = tags(hostile_page)
    assert [t for t, _ in elements if t == "script"] == ["script", "script"]  # the JSON data and our script
    assert not [t for t, _ in elements if t in ("img", "svg", "iframe", "object", "embed", "link", "b", "i", "u")]
    assert not [(t, a) for t, a in elements for name in a if name.startswith("on")]
    assert "&lt;script&gt;window.__pwned = &#34;script&#34;" in hostile_page
    assert "onerror=&#34;window.__pwned" in hostile_page  # shown as text, attribute quotes escaped


def test_html_links_only_http_addresses(hostile_page: str) -> None:
    hrefs = [a["href"] for _, a in tags(hostile_page) if "href" in a]
    assert hrefs
    for href in hrefs:
        assert href.startswith("#") or href.startswith("https://"), href
    assert "https://plain.example/a?b=1&c=2" in hrefs


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        (" http://example.org ", "http://example.org"),
        ("javascript:alert(1)", None),
        ("JAVASCRIPT:alert(1)", None),
        ("data:text/html,<script>", None),
        ('https://x.org/"onmouseover=alert(1)', None),
        ("//evil.example/x", None),
        (None, None),
    ],
)
def test_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_html_embeds_the_json_report_safely(hostile_page: str, hostile_comparison: Comparison) -> None:
    blocks = DATA_SCRIPT.findall(hostile_page)
    assert len(blocks) == 1
    block = blocks[0]
    assert "</" not in block and "<!--" not in block and "<" not in block
    assert json.loads(block) == comparison_to_json(hostile_comparison)


def test_html_makes_no_external_requests(hostile_page: str) -> None:
    loads = {"src", "srcset", "action", "formaction", "poster", "data", "background", "manifest"}
    assert not [(t, a) for t, a in tags(hostile_page) if loads & set(a)]
    assert not [a for t, a in tags(hostile_page) if t == "meta" and a.get("http-equiv", "").lower() == "refresh"]
    assert "@import" not in hostile_page and "url(" not in hostile_page


def test_html_policy_allows_only_the_inline_script(hostile_page: str) -> None:
    policy = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', hostile_page).group(1))
    script = INLINE_SCRIPT.search(hostile_page).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    assert f"script-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1]


def test_html_citation_marks_carry_the_cited_spans(hostile_comparison: Comparison, hostile_page: str) -> None:
    img = hostile_comparison.summary[0].citations[0]
    said = hostile_comparison.summary[0].citations[1]
    assert f'data-spans="1:{img.start}:{img.end}"' in hostile_page
    assert f'data-spans="2:{said.start}:{said.end}"' in hostile_page


def test_html_one_citation_mark_per_article() -> None:
    article = Article("a", "One. Two. Three.")
    cites = (Citation("a", 0, 4), Citation("a", 10, 16), Citation("zzz", 0, 1))
    comparison = Comparison((article,), (), (), (), (), (), (SummarySentence("One and three.", cites),))
    page = render_html(comparison)
    assert page.count('class="cite"') == 1
    assert 'data-spans="1:0:4 1:10:16"' in page


def test_html_sections_and_legend(hostile_page: str) -> None:
    for title in ("Sources", "Notes", "Summary", "Articles", "Differences", "Corroborated", "Only in one source",
                  "Quotes", "People and organisations", "Timeline"):
        assert f">{title}</h2>" in hostile_page, title
    for status in ("corroborated", "single-source", "differs", "conflicts"):
        assert f'class="swatch s-{status}"' in hostile_page


def test_html_renders_empty_and_single_article_comparisons() -> None:
    assert "<h1>newsprism report</h1>" in render_html(Comparison((), (), (), (), (), (), ()))
    solo = Comparison((Article("s", "Only this."),), (), (), (), (), (), (), notes=("Only one article.",))
    page = render_html(solo)
    assert ">Only this.</span>" in page and "Only one article." in page


def test_html_home_link() -> None:
    page = render_html(Comparison((), (), (), (), (), (), ()), home_url="/stories")
    assert '<a href="/stories">' in page


def test_align_words_marks_changes_word_by_word() -> None:
    columns = align_words('"Russia will achieve the aims it set,"', "Russia will pursue its goals")
    ops = [(c.op, c.first, c.second) for c in columns]
    assert ops[:2] == [("equal", '"Russia', "Russia"), ("equal", "will", "will")]
    assert ("replace", 'achieve the aims it set,"', "pursue its goals") in ops
    assert [c.op for c in align_words("a b c", "a c")] == ["equal", "delete", "equal"]
    assert [c.op for c in align_words("a c", "a b c")] == ["equal", "insert", "equal"]


def test_cli_report_writes_the_html_page(make_store, hostile_comparison, tmp_path) -> None:
    from click.testing import CliRunner

    from newsprism.cli import cli

    out = tmp_path / "story.html"
    story = hostile_comparison.articles[0].id
    result = CliRunner().invoke(cli, ["report", story, "--db", str(make_store(hostile_comparison)), "--format", "html",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == render_html(hostile_comparison)
