"""Shared fixtures for the ingest tests."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "putin-trump-call"


@pytest.fixture
def examples_dir() -> Path:
    """Return the folder of the example articles shipped with the repository."""
    return EXAMPLES
