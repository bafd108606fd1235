"""Read plain-text articles: headline, byline, picture captions, body, and wire-agency hints."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from newsprism.ingest.metadata import ArticleFields

log = logging.getLogger(__name__)

MAX_TITLE_WORDS = 25
MAX_BYLINE_WORDS = 12
MAX_CAPTION_WORDS = 90
BYLINE_SEARCH = 4
"""How many paragraphs at the top (after the headline) may hold the byline."""

# A line ending a sentence: ". ! ?" or "…", possibly followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")
_BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n")
_BY_PREFIX = re.compile(r"^(?:(?:Written|Words|Report(?:ing|ed))\s+)?[Bb]y\s+(?=\S)")
_PLACE_SUFFIX = re.compile(r"\s+in\s+[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)?\s*$")
_NAME_SEPARATORS = re.compile(r"\s*(?:,|\||;|\band\b|&|\s[-–—]\s)\s*")
# Words a hard-wrapped line may end with but a headline hardly ever does.
_CONTINUATION_WORDS = frozenset(
    "a an the of to in on at for and or but with by from that as is was were has had have will would "
    "his her their its our this these those who which than into after before about".split()
)
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december today tonight then now".split()
)
_NAME_PARTICLES = frozenset("de da del della der den van von bin ibn al el la le du dos di".split())
_TRAILING_CREDIT = re.compile(
    r"^\(?(?:Additional\s+)?[Rr]eporting\s+by\s+(?P<names>[^;()\n]{3,200}?)(?:;[^\n]*)?\)?\.?\s*$"
)
_CREDIT_LABEL = re.compile(
    r"(?:^|(?<=[\s.!?”\"’)|\-–—]))"
    r"(?P<label>(?:Photo|Picture|Image)\s+credit|Pictures?|Photos?|Photograph|Images?|Credit|Illustration|Video)"
    r"\s*:\s*(?P<credit>[^\n:]{1,100}?)\s*\.?\s*$"
)
_CREDIT_PAREN = re.compile(
    r"\(\s*(?:Photos?|Pictures?|Images?|Photograph)\s*(?:by|credit:?|:)\s*(?P<credit>[^()\n]{1,120}?)\s*\)\s*\.?\s*$",
    re.IGNORECASE,
)
_PHOTO_AGENCIES = frozenset(
    "getty alamy shutterstock afp reuters ap epa pa rex bloomberg anadolu nurphoto sopa xinhua tass sputnik".split()
)
_CREDIT_TAIL = re.compile(r"[.!?][\"'”’]?\s+(?P<credit>[A-Z][^.!?\n]{1,80})$")
_CREDIT_LINKS = frozenset({"via", "for", "and", "/", "&"})

_WIRE_NAMES = {
    "AFP": "AFP",
    "Agence France-Presse": "AFP",
    "Agence France Presse": "AFP",
    "AP": "AP",
    "Associated Press": "AP",
    "Reuters": "Reuters",
    "dpa": "dpa",
    "Deutsche Presse-Agentur": "dpa",
    "EFE": "EFE",
    "ANSA": "ANSA",
    "PA": "PA",
    "PA Media": "PA",
    "Press Association": "PA",
    "Xinhua": "Xinhua",
    "TASS": "TASS",
    "Interfax": "Interfax",
    "RIA Novosti": "RIA Novosti",
    "Ukrinform": "Ukrinform",
    "Kyodo": "Kyodo",
    "Yonhap": "Yonhap",
    "UPI": "UPI",
    "Bloomberg": "Bloomberg",
}
_WIRE_ALT = "|".join(re.escape(n) for n in sorted(_WIRE_NAMES, key=len, reverse=True))
_WIRE_FULL = (
    "Agence France-Presse",
    "Agence France Presse",
    "Associated Press",
    "Deutsche Presse-Agentur",
    "Press Association",
)
_WIRE_PATTERNS = (
    re.compile(rf"\((?:the\s+)?(?P<agency>{_WIRE_ALT})\)"),
    re.compile(
        rf"\b(?:told|said\s+to|according\s+to|reported\s+by|cited\s+by|quoted\s+by|speaking\s+to|"
        rf"in\s+an\s+interview\s+with|confirmed\s+to)\s+(?:the\s+)?(?P<agency>{_WIRE_ALT})\b"
    ),
    re.compile(rf"[—–]\s*(?P<agency>{_WIRE_ALT})\b"),
    re.compile(rf"(?:^|\s)-\s+(?P<agency>{_WIRE_ALT})\s*$", re.MULTILINE),
    re.compile(rf"\b(?P<agency>{'|'.join(re.escape(n) for n in _WIRE_FULL)})\b"),
)
_AFFILIATION_WORDS = re.compile(
    r"\b(correspondent|editor|reporter|writer|staff|news|agency|bureau|desk|columnist|producer|analyst)", re.IGNORECASE
)


@dataclass
class PlainText:
    """The parts of a plain-text article."""

    body: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    wire: list[str] = field(default_factory=list)
    reporting: str | None = None


def parse_plain_text(text: str, *, detect_title: bool = True) -> PlainText:
    """Split a plain-text article into headline, byline, captions and body.

    Paragraphs are separated by blank lines, or by single newlines when the text has no blank
    line. The first line is the headline when it is short, does not end a sentence and is not all
    there is. A short "By NAME" paragraph near the top gives the authors; a paragraph ending in a
    picture credit ("Picture: Alamy", "(Photo by X/AFP)") is a caption. Both leave the body.

    Args:
        text: The article with ``\\n`` newlines.
        detect_title: Whether the first line may be a headline (False when the title is known).

    Returns:
        The parts; ``body`` keeps each remaining paragraph's characters, joined by blank lines.
    """
    paragraphs = split_paragraphs(text)
    result = PlainText(body="")
    if detect_title:
        result.title, paragraphs = _take_title(paragraphs)
    paragraphs = _take_byline(paragraphs, result)
    paragraphs = _take_trailing_credit(paragraphs, result)
    paragraphs = _take_captions(paragraphs, result)
    result.body = "\n\n".join(paragraphs)
    for agency in find_wire(result.body):
        if agency not in result.wire:
            result.wire.append(agency)
    return result


def fields_from_plain_text(text: str, *, detect_title: bool = True) -> ArticleFields:
    """Return the article fields of a plain-text article (see ``parse_plain_text``)."""
    parsed = parse_plain_text(text, detect_title=detect_title)
    return ArticleFields(text=parsed.body, title=parsed.title, authors=parsed.authors, meta=plain_text_meta(parsed))


def plain_text_meta(parsed: PlainText) -> dict[str, Any]:
    """Return the non-empty captions, credits, wire and reporting parts of ``parsed`` as ``meta`` entries."""
    meta: dict[str, Any] = {"captions": parsed.captions, "credits": parsed.credits, "wire": parsed.wire}
    meta = {key: list(value) for key, value in meta.items() if value}
    if parsed.reporting:
        meta["reporting"] = parsed.reporting
    return meta


def split_paragraphs(text: str) -> list[str]:
    """Split text into stripped, non-empty paragraphs: at blank lines, else at every newline."""
    text = text.strip("\n")
    if _BLANK_LINE.search(text):
        parts = _BLANK_LINE.split(text)
    else:
        parts = text.split("\n")
    return [p.strip() for p in parts if p.strip()]


def find_wire(text: str) -> list[str]:
    """Return the news agencies ``text`` credits ("told AFP", "(Reuters)", "Associated Press"), in order.

    A hint only: a story that quotes an agency is not necessarily that agency's copy.
    """
    found: list[tuple[int, str]] = []
    for pattern in _WIRE_PATTERNS:
        for m in pattern.finditer(text):
            found.append((m.start("agency"), _WIRE_NAMES[m.group("agency")]))
    agencies: list[str] = []
    for _, agency in sorted(found):
        if agency not in agencies:
            agencies.append(agency)
    return agencies


def looks_like_title(line: str) -> bool:
    """Tell whether a line reads as a headline: short, not a finished sentence, not a byline."""
    line = line.strip()
    if not line or len(line.split()) > MAX_TITLE_WORDS or len(line) > 300:
        return False
    if _SENTENCE_END.search(line) or line.endswith((",", ";", ":", "-", "–", "—")):
        return False
    return not parse_byline(line)[0]


def _take_title(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    if not paragraphs:
        return None, paragraphs
    first, _, rest = paragraphs[0].partition("\n")
    first = first.lstrip("#").strip() if first.startswith("#") else first  # a Markdown heading
    if not looks_like_title(first):
        return None, paragraphs
    if not rest.strip() and len(paragraphs) == 1:
        return None, paragraphs  # the only paragraph is the text, not a headline
    if rest.strip() and _wraps(first, rest):
        return None, paragraphs  # a hard-wrapped sentence, not a headline
    remaining = ([rest.strip()] if rest.strip() else []) + paragraphs[1:]
    return first.strip(), remaining


def _wraps(line: str, following: str) -> bool:
    """Tell whether ``line`` is the first line of a hard-wrapped sentence that goes on in ``following``."""
    last_word = line.split()[-1].lower()
    return following.lstrip()[:1].islower() or last_word in _CONTINUATION_WORDS


def _take_byline(paragraphs: list[str], result: PlainText) -> list[str]:
    for i, paragraph in enumerate(paragraphs[:BYLINE_SEARCH]):
        authors, agency = parse_byline(paragraph)
        if authors and len(paragraphs) > 1:
            result.authors = authors
            if agency:
                result.wire.append(agency)
            return paragraphs[:i] + paragraphs[i + 1 :]
    return paragraphs


def parse_byline(line: str) -> tuple[tuple[str, ...], str | None]:
    """Return the names in a byline ("By A and B, Reuters") and the agency named after them, if any.

    Args:
        line: One paragraph.

    Returns:
        ``(names, agency)``; ``names`` is empty when the line is not a byline.
    """
    line = line.strip()
    prefix = _BY_PREFIX.match(line)
    if prefix is None or "\n" in line or len(line.split()) > MAX_BYLINE_WORDS:
        return (), None
    if _SENTENCE_END.search(line) and not re.search(r"\b[A-Z]\.$", line):
        return (), None
    names: list[str] = []
    agency = None
    for part in _NAME_SEPARATORS.split(_PLACE_SUFFIX.sub("", line[prefix.end() :])):
        part = part.strip()
        if not part:
            continue
        if part in _WIRE_NAMES:
            agency = _WIRE_NAMES[part]
        elif names and _AFFILIATION_WORDS.search(part):
            break  # "By A, Political Correspondent": the rest is a job title
        elif _is_name(part):
            names.append(part)
        else:
            return (), None
    return (tuple(names), agency) if names else ((), None)


def _is_name(text: str) -> bool:
    """Tell whether ``text`` reads as a person's name: up to five capitalised words (particles allowed)."""
    words = text.split()
    if not 1 <= len(words) <= 5 or (len(words) == 1 and words[0].lower() in _NOT_NAMES):
        return False
    for word in words:
        particle = re.split(r"[-'’]", word, maxsplit=1)[0]
        if not (word[:1].isupper() or particle in _NAME_PARTICLES):
            return False
    return any(w[:1].isupper() for w in words)


def _take_trailing_credit(paragraphs: list[str], result: PlainText) -> list[str]:
    """Drop a closing "Reporting by A; Editing by B" line.

    The line is kept in ``reporting``, and its reporters become the authors when there is no byline.
    """
    if len(paragraphs) < 2:
        return paragraphs
    m = _TRAILING_CREDIT.match(paragraphs[-1])
    if m is None:
        return paragraphs
    if not result.authors:
        result.authors = tuple(n for n in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", m.group("names").strip()) if n)
    result.reporting = paragraphs[-1].strip("() ")
    return paragraphs[:-1]


def _take_captions(paragraphs: list[str], result: PlainText) -> list[str]:
    kept: list[str] = []
    for paragraph in paragraphs:
        caption = split_caption(paragraph)
        if caption is None:
            kept.append(paragraph)
            continue
        text, credit = caption
        if text:
            result.captions.append(text)
        result.credits.append(credit)
    if not kept:  # everything looked like a caption: trust the text instead
        result.captions.clear()
        result.credits.clear()
        return paragraphs
    return kept


def split_caption(paragraph: str) -> tuple[str, str] | None:
    """Return ``(caption, credit)`` when a paragraph ends in a picture credit, else None.

    Recognises "... Picture: Alamy", "... Photo: Getty Images", "... Credit: X",
    "... (Photo by X/AFP)" and "... sentence. Getty Images".
    """
    if len(paragraph.split()) > MAX_CAPTION_WORDS:
        return None
    for pattern in (_CREDIT_PAREN, _CREDIT_LABEL):
        m = pattern.search(paragraph)
        if m and _plausible_credit(m.group("credit")):
            return _caption_before(paragraph, m.start()), m.group("credit").strip()
    m = _CREDIT_TAIL.search(paragraph)
    if m and _names_photo_agency(m.group("credit")):
        return _caption_before(paragraph, m.start("credit")), m.group("credit").strip()
    return None


def _plausible_credit(credit: str) -> bool:
    return 0 < len(credit.split()) <= 12 and not re.search(r"[.!?]\s", credit)


def _names_photo_agency(credit: str) -> bool:
    """Tell whether a closing fragment is a bare photo credit: capitalised names including an agency."""
    words = [w.strip(",;") for w in re.split(r"[\s/]+", credit) if w.strip(",;")]
    if not words or len(words) > 8:
        return False
    if not all(w[:1].isupper() or w.lower() in _CREDIT_LINKS for w in words):
        return False  # "Zelensky told AFP" is a sentence, not a credit
    return any(w.lower() in _PHOTO_AGENCIES for w in words)


def _caption_before(paragraph: str, end: int) -> str:
    return paragraph[:end].rstrip(" \t|/-–—")
