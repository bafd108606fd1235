"""Guess an article's language from its stop words (spaCy's lists, no model) or its script."""

from __future__ import annotations

import functools
import importlib
import importlib.util
import logging
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

log = logging.getLogger(__name__)

LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "pl", "sv", "tr")
"""Languages told apart by their stop words."""

UNKNOWN = "unknown"

_MAX_TOKENS = 3000
_MIN_TOKENS = 3
_MIN_RATIO = 0.15  # stop words in real text of the language run at 35-55 %
_MIN_LEAD = 0.05  # the winner's ratio must beat the runner-up by this much
_WORD = re.compile(r"[^\W\d_]+")
# Scripts used by one language only (among those newsprism is likely to meet).
_SCRIPTS = (
    ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"),
    ("HANGUL", "ko"),
    ("CJK", "zh"),
    ("GREEK", "el"),
    ("HEBREW", "he"),
    ("THAI", "th"),
    ("GEORGIAN", "ka"),
    ("ARMENIAN", "hy"),
)


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of the language ``text`` is written in, or ``"unknown"``.

    Scores the lowercase words against spaCy's stop-word lists for twelve European languages
    (see ``LANGUAGES``) and returns the best one when its share of stop words is clearly above
    chance and clearly ahead of the next. Text in a script that only one language uses (Greek,
    Hebrew, Japanese kana, Korean, Chinese, Thai) is recognised by its script.

    Args:
        text: Any text; the first few thousand words are used.

    Returns:
        A code such as ``"en"`` or ``"de"``, or ``"unknown"`` when unsure.
    """
    by_script = _language_by_script(text[:5000])
    if by_script:
        return by_script
    tokens = _WORD.findall(text.lower())[:_MAX_TOKENS]
    if len(tokens) < _MIN_TOKENS:
        return UNKNOWN
    counts = Counter(tokens)
    ratios = sorted(
        ((sum(n for word, n in counts.items() if word in _stop_words(code)) / len(tokens), code) for code in LANGUAGES),
        reverse=True,
    )
    (best, code), (second, _) = ratios[0], ratios[1]
    log.debug("language ratios: %s", ratios[:3])
    if best >= _MIN_RATIO and best - second >= _MIN_LEAD:
        return code
    return UNKNOWN


def _language_by_script(text: str) -> str | None:
    """Return the language a dominant single-language script points to, else None."""
    scripts: Counter[str] = Counter()
    letters = 0
    for char in text:
        if not char.isalpha():
            continue
        letters += 1
        name = unicodedata.name(char, "")
        for prefix, code in _SCRIPTS:
            if name.startswith(prefix):
                scripts[code] += 1
                break
    if not letters or not scripts:
        return None
    if scripts["ja"] and scripts["ja"] >= 0.1 * letters:
        return "ja"
    code, n = scripts.most_common(1)[0]
    return code if n >= 0.5 * letters else None


@functools.cache
def _stop_words(code: str) -> frozenset[str]:
    """Return spaCy's stop words for ``code``, loaded without importing spaCy itself (which is slow)."""
    module_name = f"spacy.lang.{code}.stop_words"
    if "spacy" not in sys.modules:
        words = _load_stop_words_file(code)
        if words is not None:
            return words
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        log.warning("no stop words for language %r (spaCy not installed?)", code)
        return frozenset()
    return frozenset(module.STOP_WORDS)


def _load_stop_words_file(code: str) -> frozenset[str] | None:
    """Execute spaCy's ``lang/<code>/stop_words.py`` on its own; None when it cannot be found."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "lang" / code / "stop_words.py"
    if not path.is_file():
        return None
    file_spec = importlib.util.spec_from_file_location(f"_newsprism_stop_words_{code}", path)
    if file_spec is None or file_spec.loader is None:
        return None
    module = importlib.util.module_from_spec(file_spec)
    try:
        file_spec.loader.exec_module(module)
    except Exception:  # noqa: BLE001 - any failure: fall back to the normal import
        log.debug("could not load %s directly", path, exc_info=True)
        return None
    words = getattr(module, "STOP_WORDS", None)
    return frozenset(words) if words else None
