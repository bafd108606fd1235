"""Read files and turn their bytes into text: BOMs, UTF-8, a guessed legacy encoding, or a clear refusal."""

from __future__ import annotations

import codecs
import logging
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from newsprism.errors import InputError

log = logging.getLogger(__name__)

MAX_BYTES = 50 * 1024 * 1024
"""The largest input file read (50 MB); news articles are far smaller."""

_SAMPLE = 8192
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive, perhaps a Word .docx or an .epub"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
_ALLOWED_CONTROLS = frozenset(b"\t\n\r\x0c\x0b\x1b")
_HARMLESS_SYMBOLS = frozenset("%$€£¥°©®™²+=<>")
_NONLATIN_HINTS = ("CYRILLIC", "GREEK", "ARABIC", "HEBREW", "THAI", "CJK", "HANGUL", "HIRAGANA", "KATAKANA")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes and the encoding it was read with."""

    text: str
    encoding: str


def read_file_bytes(path: str | os.PathLike[str]) -> bytes:
    """Read a whole input file, refusing what is missing, a folder, unreadable or too large.

    Args:
        path: The file to read.

    Returns:
        The file's bytes.

    Raises:
        InputError: The file does not exist, is a folder, cannot be read, or is over ``MAX_BYTES``.
    """
    p = Path(path)
    name = os.fspath(path)
    if not p.exists():
        raise InputError(f"{name}: file not found; check the path and the spelling")
    if p.is_dir():
        raise InputError(f"{name}: this is a folder, not a file; pass the files in it instead")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"{name}: the file is too large ({size / 1e6:.0f} MB; the limit is {MAX_BYTES // 1_000_000} MB); "
                "split it into one file per article"
            )
        return p.read_bytes()
    except PermissionError as exc:
        raise InputError(f"{name}: the file cannot be read (permission denied)") from exc
    except OSError as exc:
        raise InputError(f"{name}: the file cannot be read ({exc.strerror or exc})") from exc


def decode_bytes(data: bytes, name: str = "input", *, what: str = "file") -> Decoded:
    """Decode an input's bytes to text with ``\\n`` newlines.

    Tries a byte-order mark, then strict UTF-8, then charset-normalizer's guess (checked against
    cp1252, the usual encoding of text saved on Windows), then cp1252 with replacements.

    Args:
        data: The raw bytes.
        name: What to call the input in error messages (its path or URL).
        what: What the input is, for messages: "file" or "page".

    Returns:
        The decoded text and the encoding used.

    Raises:
        InputError: The bytes are empty, only whitespace, or look binary.
    """
    if not data.strip():
        raise InputError(f"{name}: the {what} is empty")
    decoded = _decode_bom(data)
    if decoded is None:
        _refuse_binary(data, name)
        decoded = _decode_utf8(data) or _decode_utf16_without_bom(data) or _decode_guess(data)
    text = normalise_newlines(decoded.text)
    if not text.strip():
        raise InputError(f"{name}: the {what} is empty")
    log.debug("%s decoded as %s", name, decoded.encoding)
    return Decoded(text, decoded.encoding)


def normalise_newlines(text: str) -> str:
    """Return ``text`` with Windows and old Mac line endings turned into ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_bom(data: bytes) -> Decoded | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(encoding.replace("-sig", ""), errors="replace")
            return Decoded(text, encoding)
    return None


def _decode_utf8(data: bytes) -> Decoded | None:
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return None


def _decode_utf16_without_bom(data: bytes) -> Decoded | None:
    if b"\x00" not in data[:_SAMPLE]:
        return None
    encoding = _utf16_order(data)
    return Decoded(data.decode(encoding, errors="replace"), encoding) if encoding else None


def _utf16_order(data: bytes) -> str | None:
    """Return ``utf-16-le``/``-be`` when the NUL bytes fall where UTF-16 puts them, else None."""
    sample = data[: _SAMPLE - _SAMPLE % 2]
    if len(sample) < 4:
        return None
    half = len(sample) // 2
    even_nuls = sample[0::2].count(0) / half
    odd_nuls = sample[1::2].count(0) / half
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _refuse_binary(data: bytes, name: str) -> None:
    """Raise InputError when ``data`` (without a BOM) is not text."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(
                f"{name}: this looks like a binary file, not text (it seems to be {what}); "
                "save the article as text or HTML and pass that instead"
            )
    sample = data[:_SAMPLE]
    if b"\x00" in sample and _utf16_order(data) is None:
        raise InputError(f"{name}: this looks like a binary file, not text")
    controls = sum(1 for b in sample if b < 0x20 and b not in _ALLOWED_CONTROLS and b != 0)
    if controls > max(2, len(sample) * 0.05):
        raise InputError(f"{name}: this looks like a binary file, not text")


def _decode_guess(data: bytes) -> Decoded:
    """Decode non-UTF-8 bytes with charset-normalizer's guess, preferring cp1252 when it reads as well."""
    cp1252 = _try_decode(data, "cp1252")
    guess = _charset_normalizer_guess(data)
    if guess is None:
        if cp1252 is not None:
            return Decoded(cp1252, "cp1252")
        return Decoded(data.decode("cp1252", errors="replace"), "cp1252")
    guessed_text = _try_decode(data, guess)
    if guessed_text is None or guessed_text == cp1252:
        return Decoded(cp1252, "cp1252") if cp1252 is not None else Decoded(
            data.decode("cp1252", errors="replace"), "cp1252"
        )
    if cp1252 is not None and _oddity(cp1252) <= _oddity(guessed_text):
        return Decoded(cp1252, "cp1252")
    return Decoded(guessed_text, guess)


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _charset_normalizer_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 256 * 1024]).best()
    return best.encoding if best is not None else None


def _oddity(text: str) -> int:
    """Score how garbled ``text`` looks: symbols inside words, mixed scripts, words made of accents.

    Mis-decoded text (Cyrillic read as cp1252, Polish read as cp1252, Latin read as cp1251) scores
    high; the right decoding scores low.
    """
    score = 0
    for token in text[:20000].split():
        word = token.strip(".,;:!?()[]{}\"'“”‘’«»—–-…")
        if len(word) < 2:
            continue
        score += _word_oddity(word)
    return score


def _word_oddity(word: str) -> int:
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return 0
    if any(_is_symbol(c) for c in word.lstrip("¿¡")):
        return 2
    scripts = {_script(c) for c in letters}
    if len(scripts) > 1:
        return 2
    if len(letters) >= 4 and scripts == {"LATIN"}:
        accented = sum(1 for c in letters if not c.isascii())
        if accented * 2 > len(letters):
            return 1
    return 0


def _is_symbol(char: str) -> bool:
    """Tell whether ``char`` is a symbol or odd number sign that does not belong inside a word."""
    category = unicodedata.category(char)
    return (category[0] == "S" or category == "No") and char not in _HARMLESS_SYMBOLS


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    for hint in _NONLATIN_HINTS:
        if name.startswith(hint):
            return hint
    return "LATIN"
