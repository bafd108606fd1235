"""The peer for quote attribution: textacy's rule-based ``direct_quotations``, in the scorer's format.

``newsprism eval polnear`` scores this beside our own quotes. textacy is run as it comes (0.13.0), once per
paragraph, on the same spaCy pipeline we use (``load_nlp``); the text is never altered, so every offset is a
Python ``str`` index into the text as given.

What textacy does, and so what this peer does:

* ``content`` is the span from the opening to the closing quotation-mark token, the marks included.
* Quotation marks are the tokens spaCy flags ``is_quote``: straight ``"``, curly double and single marks, and
  the NYT's ``''`` (one token, used to open and to close). A backtick is one too, so a LaTeX-style opening
  pair of backticks counts twice (PolNeAR dev has none). A ``’`` tokenized on its own (the plural possessive
  "voters’") counts too.
* It pairs the marks in order and raises ``ValueError`` on an odd count (a quote running on into the next
  paragraph, a stray apostrophe); such a paragraph yields nothing (logged at DEBUG).
* ``speaker`` is the subject of a reporting verb next to the quote with its conjuncts and compounds (no
  determiners: "the source" gives "source"); ``cue`` is the verb with its auxiliaries and negation.
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Iterable, Iterator
from typing import Any

log = logging.getLogger(__name__)

__all__ = ["paragraphs", "textacy_quotes"]

# PolNeAR texts separate paragraphs by a blank line ("\n\n"), but HuffPost articles often by a single "\n",
# so every line is a paragraph (our pipeline starts a sentence at every line break anyway).
_LINE = re.compile(r"[^\r\n]+")


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, paragraph)`` for each non-blank line of ``text``, stripped of surrounding whitespace."""
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            yield match.start() + (len(line) - len(line.lstrip())), stripped


def _direct_quotations() -> Any:
    """textacy's ``direct_quotations``, imported on first use (textacy is an optional, eval-only dependency)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from textacy.extract import direct_quotations
    except ImportError as error:  # pragma: no cover - depends on the environment
        from ..errors import ModelError

        raise ModelError(
            "textacy is not installed; install the eval extra: pip install -e '.[eval]' (textacy==0.13.0)"
        ) from error
    return direct_quotations


def _runs(tokens: Iterable[Any], offset: int) -> list[list[int]]:
    """Character spans of the runs of consecutive tokens (by index), shifted by ``offset``."""
    spans: list[list[int]] = []
    last_i: int | None = None
    for token in sorted(tokens, key=lambda t: t.i):
        start, end = offset + token.idx, offset + token.idx + len(token.text)
        if last_i is not None and token.i == last_i + 1:
            spans[-1][1] = end
        elif last_i is None or token.i != last_i:  # a token listed twice is kept once
            spans.append([start, end])
        last_i = token.i
    return spans


def textacy_quotes(text: str, nlp=None) -> list[dict]:
    """textacy's direct_quotations, run per paragraph, pieces merged; offsets into `text`.

    Args:
        text: the article, exactly as read (``open(path, encoding="utf-8", newline="")``).
        nlp: a spaCy English pipeline with a parser; default ``load_nlp()``.

    Returns:
        One dict per attribution, ``{"content": [[s, e], ...], "speaker": [[s, e], ...], "cue": [[s, e], ...]}``,
        in text order. Quotes of one paragraph with the same speaker and cue (``"A," he said. "B."``) are one
        attribution with several content spans. A paragraph textacy rejects (odd number of quote marks)
        gives none.
    """
    if nlp is None:
        from ..analyze import load_nlp

        nlp = load_nlp()
    direct_quotations = _direct_quotations()

    found = list(paragraphs(text))
    predictions: list[dict] = []
    failed = 0
    for (offset, paragraph), doc in zip(found, nlp.pipe(p for _, p in found)):
        try:
            triples = list(direct_quotations(doc))
        except Exception as error:  # textacy bails out on unbalanced quote marks; skip the paragraph
            failed += 1
            log.debug("textacy: paragraph at %d skipped: %s", offset, error)
            continue
        merged: dict[tuple, dict] = {}
        for triple in triples:
            speaker = _runs(triple.speaker, offset)
            cue = _runs(triple.cue, offset)
            content = [offset + triple.content.start_char, offset + triple.content.end_char]
            key = (tuple(map(tuple, speaker)), tuple(map(tuple, cue)))
            if key in merged:
                merged[key]["content"].append(content)
            else:
                merged[key] = {"content": [content], "speaker": speaker, "cue": cue}
        for prediction in merged.values():
            prediction["content"].sort()
            predictions.append(prediction)
    if failed:
        log.debug("textacy: %d of %d paragraphs skipped", failed, len(found))
    predictions.sort(key=lambda p: p["content"][0])
    return predictions
