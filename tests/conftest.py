"""Fixtures shared by all tests: paths, the shared datasets, and comparisons computed once per session."""

from __future__ import annotations

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
def example_json(example_articles) -> dict:
    """The JSON report of the example pair (AFP wire copy, LBC), computed once."""
    from newsprism.compare import compare_articles
    from newsprism.report import comparison_to_json

    return comparison_to_json(compare_articles(example_articles))


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
