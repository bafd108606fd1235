"""Fixtures shared by all tests: paths, the shared datasets, and comparisons computed once per session."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "putin-trump-call"
SHARED_DATA = REPO.parent / "shared" / "data"
SCHEMA = REPO / "docs" / "comparison.schema.json"


def shared_dataset(name: str) -> Path:
    """Return ``../shared/data/NAME``; skip the test when it is absent, except under CI=true where that fails."""
    path = SHARED_DATA / name
    if not path.is_dir():
        message = f"dataset {name!r} not found at ../shared/data/{name} (it ships with the workplace, not the repo)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def dataset_script(path: Path, name: str):  # type: ignore[no-untyped-def]
    """A dataset's own Python file (its ``score.py``, ``baseline.py``) imported as module ``name``."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def script():
    """``script(PATH, NAME)``: a dataset's own Python file imported as a module (see ``dataset_script``)."""
    return dataset_script


@pytest.fixture(scope="session")
def dataset():
    """``dataset(NAME)``: the path of ../shared/data/NAME, skipping (or failing under CI=true) when absent."""
    return shared_dataset


@pytest.fixture(scope="session")
def schema() -> dict:
    """The JSON Schema of the report (docs/comparison.schema.json)."""
    import json

    return json.loads(SCHEMA.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def example_articles():
    from newsprism.ingest import read_articles

    result = read_articles([EXAMPLES / "afp-wire.txt", EXAMPLES / "lbc.txt"])
    assert not result.failures
    return result.articles


@pytest.fixture(scope="session")
def example_comparison(example_articles):
    """The comparison of the example pair (AFP wire copy, LBC), computed once."""
    from newsprism.compare import compare_articles

    return compare_articles(example_articles)


@pytest.fixture(scope="session")
def example_json(example_comparison) -> dict:
    """The JSON report of the example pair (AFP wire copy, LBC), computed once."""
    from newsprism.report import comparison_to_json

    return comparison_to_json(example_comparison)


@pytest.fixture(scope="session")
def basil_json() -> dict:
    """The JSON report of one BASIL event (Fox, NYT, HuffPost on the 2016 override of Obama's 9/11-bill veto)."""
    from newsprism.compare import compare_articles
    from newsprism.ingest import read_articles
    from newsprism.report import comparison_to_json

    folder = shared_dataset("basil") / "articles" / "2016"
    paths = sorted(folder.glob("1b96a5db-8974-46d3-82d7-5dfef02f650e_*.json"))
    assert len(paths) == 3
    result = read_articles(paths)
    assert not result.failures
    return comparison_to_json(compare_articles(result.articles))


HOSTILE_TEXT = (
    'Officials said <script>window.__pwned = "script"; alert(1)</script> nothing more.\n\n'
    "A photo <img src=x onerror=\"window.__pwned = 'img'; alert(2)\"> was shared.\n\n"
    "Read <a href=\"javascript:window.__pwned='link'\">more</a> or javascript:alert(3) here.\n\n"
    "It ended </script><!-- <script>window.__pwned = 'comment'</script> --> there & then.\n\n"
    + "W" * 50_000
    + "\n\nThe last line."
)
"""An article body made of markup that must show as text: script, onerror, javascript: links, a huge line."""


@pytest.fixture(scope="session")
def hostile_comparison():
    """A comparison whose every string field carries markup that a browser would run if not escaped."""
    from newsprism import model as m

    evil = m.Article(
        "evil0000",
        HOSTILE_TEXT,
        title='<svg onload="window.__pwned=\'title\'">Headline</svg>',
        outlet='"><script>window.__pwned="outlet"</script>',
        url="javascript:window.__pwned='url'",
        authors=("<b onmouseover=alert(4)>Mallory</b>",),
    )
    plain = m.Article("plain000", "Officials said nothing more. A photo was shared.", title="Plain <i>title</i>",
                      outlet="Plain <i>Post</i>", url="https://plain.example/a?b=1&c=2")

    def span(article: m.Article, phrase: str) -> tuple[str, int, int, str]:
        start = article.text.index(phrase)
        return article.id, start, start + len(phrase), phrase

    script = span(evil, 'Officials said <script>window.__pwned = "script"; alert(1)</script> nothing more.')
    img = span(evil, "<img src=x onerror=\"window.__pwned = 'img'; alert(2)\">")
    comment = span(evil, "</script><!-- <script>window.__pwned = 'comment'</script> -->")
    said, shared = span(plain, "Officials said nothing more."), span(plain, "A photo was shared.")
    facts = (
        m.Fact("f1", "corroborated", 2, (m.Statement(*script), m.Statement(*said))),
        m.Fact("f2", "conflicts", 2, (m.Statement(*span(evil, "A photo " + img[3] + " was shared.")), m.Statement(*shared)),
               (m.Difference("wording", "<img src=x onerror=alert(5)>", (m.Statement(*img), m.Statement(*shared)), True),)),
        m.Fact("f3", "single-source", 1, (m.Statement(*comment),)),
    )
    quotes = (m.QuoteGroup("q1", "<script>alert(6)</script>", "variant", (
        m.QuoteVariant(*script, "direct", "said", "<i>x</i>"), m.QuoteVariant(*said, "indirect", "<b>said</b>"))),)
    entities = (m.Entity("e1", "<img src=x onerror=alert(7)>", "PERSON", ("<u>x</u>",),
                         (m.EntityMention(*img), m.EntityMention(*said))),)
    return m.Comparison(
        articles=(evil, plain),
        independence=(),
        entities=entities,
        facts=facts,
        quotes=quotes,
        timeline=(m.TimelineEntry("2024-01-01", "</script><!--", (m.Citation(*comment[:3]),)),),
        summary=(m.SummarySentence("<script>alert(8)</script>", (m.Citation(*img[:3]), m.Citation(*said[:3]))),),
        notes=("<img src=x onerror=alert(9)>",),
    )


@pytest.fixture
def make_store(tmp_path):
    """``make_store(*comparisons)``: a store file holding each comparison's articles as one story, its comparison cached."""
    import numpy as np

    from newsprism.store import Membership, open_store

    def make(*comparisons) -> Path:
        path = tmp_path / "news.db"
        with open_store(path) as store:
            for comparison in comparisons:
                story = comparison.articles[0].id
                store.add_articles(comparison.articles)
                store.assign_stories(
                    [Membership(a.id, story, np.zeros(4, np.float32), a.published) for a in comparison.articles]
                )
                store.save_comparison(story, comparison)
        return path

    return make
