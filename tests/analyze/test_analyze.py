"""``analyze_articles`` across worker processes gives what one process gives, in input order."""

from __future__ import annotations

import pytest

from newsprism.analyze import analyze_articles
from newsprism.ingest import article_from_text

pytestmark = [pytest.mark.model, pytest.mark.slow]


def test_workers_give_the_same_analyses_in_order():
    articles = [
        article_from_text(f"Officials said {n} people were hurt on Monday in Tulsa. \"We are safe,\" the mayor said.", source=f"{n}.txt")
        for n in range(12)
    ]
    serial = analyze_articles(articles, batch_size=4)
    parallel = analyze_articles(articles, batch_size=4, n_process=2)
    assert [a.article_id for a in parallel.ok] == [a.id for a in articles]
    assert parallel.ok == serial.ok and not parallel.failed
