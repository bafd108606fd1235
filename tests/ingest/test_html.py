"""HTML pages: main text through trafilatura, metadata, and sniffing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsprism.errors import InputError
from newsprism.ingest import read_article

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Putin tells Trump Russia will pursue its goals | The Daily Example</title>
<meta name="author" content="Jane Doe and John Smith">
<meta property="article:published_time" content="2025-07-03T18:00:00Z">
<meta property="og:site_name" content="The Daily Example">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li><li>Subscribe now</li></ul></nav>
<article>
<h1>Putin tells Trump Russia will pursue its goals</h1>
<p>Vladimir Putin told US president Donald Trump that Russia will continue to pursue its goals in Ukraine
during a nearly hour-long phone call on Thursday.</p>
<p>According to Kremlin aide Yury Ushakov, President Trump urged a swift end to the war during the
conversation, but the Russian president reiterated his position.</p>
<p>"Our president said that Russia will pursue its goals," Ushakov said, adding that the leaders also
discussed the situation in the Middle East.</p>
</article>
<footer><p>Copyright 2025 The Daily Example. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def test_html_file(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read_article(path)
    assert article.text.startswith("Vladimir Putin told US president Donald Trump")
    assert "Ushakov said" in article.text
    assert "Subscribe now" not in article.text
    assert "Privacy policy" not in article.text
    assert "Copyright" not in article.text
    assert article.title == "Putin tells Trump Russia will pursue its goals"
    assert article.authors == ("Jane Doe", "John Smith")
    assert article.published == date(2025, 7, 3)
    assert article.outlet == "The Daily Example"
    assert article.language == "en"
    assert article.meta["format"] == "html"
    assert "\n\n" in article.text


def test_html_sniffed_without_extension(tmp_path: Path) -> None:
    path = tmp_path / "saved-page"
    path.write_text(PAGE, encoding="utf-8")
    [article] = read_article(path)
    assert article.meta["format"] == "html"
    assert "Subscribe now" not in article.text


def test_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no article text"):
        read_article(path)
