"""Find time expressions in article text and resolve them to dates.

Pure text + regex + ``datetime``: no NLP model and no dateparser call (the explicit forms below are
parsed directly, which is faster and never guesses), so it is cheap enough for every article.

What is found (the span is the expression itself; a leading "on"/"in"/"since" is left out):

* weekdays: "Thursday", "on Friday", "Thursday's strikes" (span "Thursday"), "last/next Friday";
* relative days: "today", "tonight", "this morning", "yesterday", "tomorrow", "last night",
  "earlier in the day", "later today";
* periods: "this/last/next week|month|year", "earlier/later this week|month|year",
  "the past week|month|year", "this/last/next weekend", "(over) the weekend";
* windows: "recent days/weeks/months/years", "the past/last few|N days|weeks|months|years";
* "N days|weeks|months|years ago";
* explicit dates: "2025-07-03", "3 July 2025", "3rd of July", "July 3, 2025", "July 3", "July 3-4",
  "July 2025", "(in|since|by|early|last|...) March", "in 2022", "since 2014", "Russia's 2022
  invasion", "2014-2016", "the 1990s", with "early"/"mid"/"late" taking the first, middle or last
  third of a month or year.

"Sept. 11", "September 11" and "9/11" naming the 2001 attacks ("the Sept. 11 attacks", "families of
9/11 victims", "post-9/11") are not times: an expression inside such a name is dropped.

Durations ("for months", "more than three years", "a three-year war") are not points in time and
are skipped; their lengths are quantities, found by ``numbers.find_numbers``. Times of day are
skipped too.

Resolution against the publication date ``published`` (news convention):

* a bare weekday on the publication weekday is the publication date; otherwise it is the most
  recent such day before it (1-6 days back) unless the clause before the weekday has a future cue
  ("will", "plan(ned) to", "expected", "scheduled", "due", "set to", "going to", "would", "next",
  "upcoming"), in which case it is the next such day (1-6 days ahead). "last Friday" is the most
  recent Friday before the publication date, "next Friday" the first one after it;
* "today", "tonight", "earlier in the day" -> the publication date; "yesterday"/"last night" -> the
  day before; "tomorrow" -> the day after;
* "this week" -> Monday..Sunday of the publication week, "last week" the week before, "next week"
  the week after; months and years likewise by the calendar; "earlier this week" -> Monday of
  the week .. publication date, "later this month" -> publication date .. month end; "the past
  week" -> the 7 days up to the publication date (likewise month and year);
* windows are approximate (``note="approximate"``): "recent days" 7 days, "recent weeks" 28 days,
  "recent months" 6 months, "recent years" 5 years before the publication date; "few"/"several"
  count as 3; "N months/years ago" is the same day N months/years back;
* a date or month without a year takes the publication year ("last March"/"next March" take the
  one before/after the publication month);
* "this weekend" is the Saturday-Sunday of the publication week, "the weekend" the most recent
  one on or before the publication date.

Every result has ``reference`` = ``published`` (None when unknown). When ``published`` is None,
expressions that need it come back unresolved with ``note="publication date unknown"``; dates
with a year still resolve. An impossible date ("February 30") comes back with ``note="invalid date"``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from newsprism.analyze.numbers import looks_like_year
from newsprism.util import sentence_index
from newsprism.model import Span, TimeExpression

__all__ = ["describe", "find_times"]

UNKNOWN = "publication date unknown"
APPROXIMATE = "approximate"
INVALID = "invalid date"

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "few": 3, "a few": 3,
    "several": 3, "couple of": 2, "a couple of": 2,
}  # fmt: skip
_APPROX_COUNTS = frozenset({"few", "a few", "several", "couple of", "a couple of"})
_RECENT_DAYS = {"day": 7, "week": 28}
_RECENT_MONTHS = {"month": 6, "year": 60}

_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ANY = rf"(?:{_MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY2 = r"(?:\s*[-–]\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)?"
_YEAR_OPT = r"(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?"
_PART = r"(?:(?P<part>early|mid|late|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)[-\s]+)?"
_COUNT = (
    r"(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|(?:a\s+)?few|several|(?:a\s+)?couple\s+of)"
)
_I = "(?i:{})".format

_ISO_RE = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
_DMY_RE = re.compile(rf"\b{_DAY}{_DAY2}\s+(?:{_I('of')}\s+)?(?P<m>{_MONTH_ANY})(?!\w){_YEAR_OPT}")
_MDY_RE = re.compile(rf"\b(?P<m>{_MONTH_ANY})\s+{_DAY}\b(?![:.]?\d){_DAY2}{_YEAR_OPT}")
_MY_RE = re.compile(rf"\b{_I(_PART)}(?P<m>{_MONTH_ANY}),?\s+(?P<y>(?:19|20)\d\d)\b")
_MONTH_RE = re.compile(
    rf"\b(?:(?P<prep>{_I('in|since|by|until|till|from|during|through|throughout|before|after')})\s+)?"
    rf"(?:(?P<mod>{_I('early|mid|late|last|next|this|the end of|the start of|the beginning of')})[-\s]+)?"
    rf"(?P<m>{_MONTH_FULL})\b(?!\s+[0-3]?\d\b)"
)
_YEAR_RE = re.compile(
    rf"\b{_I(_PART)}(?P<y>(?:19|20)\d\d)(?P<decade>s\b)?"
    r"(?:\s*[-–]\s*(?P<y2>(?:19|20)?\d\d)\b)?(?![\d,.]\d|%)"
)
_WEEKDAY_RE = re.compile(
    rf"\b(?:(?P<mod>{_I('last|next|this|past|coming')})\s+)?"
    r"(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!s\b)\b"
)
_RELATIVE_RE = re.compile(
    r"\b(?:today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night"
    r"|(?:earlier|later)\s+(?:in\s+the\s+day|today))\b",
    re.IGNORECASE,
)
_PERIOD_RE = re.compile(
    r"\b(?:(?P<side>earlier|later)\s+)?(?P<which>this|last|next|past|coming)\s+(?P<u>week|month|year|weekend)\b"
    r"|\b(?P<theweekend>the\s+weekend)\b",
    re.IGNORECASE,
)
_WINDOW_RE = re.compile(
    rf"\b(?:recent\s+(?P<ru>day|week|month|year)s?"
    rf"|(?:past|last)\s+{_COUNT}\s+(?P<wu>day|week|month|year|decade)s)\b",
    re.IGNORECASE,
)
_AGO_RE = re.compile(rf"\b{_COUNT}\s+(?P<u>day|week|month|year|decade)s?\s+ago\b", re.IGNORECASE)

_FUTURE_CUE_RE = re.compile(
    r"\b(?:will|won['’]t|shall|plans?\s+to|planned\s+to|planning\s+to|expected|scheduled|due|"
    r"set\s+to|going\s+to|would|next|upcoming|intends?\s+to|aims?\s+to)\b|['’]ll\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK_RE = re.compile(r"[.!?;:,()\"“”—–\n]")
_NAMED_DAY_BEFORE_RE = re.compile(r"\b(?:Black|Good|Super|Bloody|Cyber|Easter|Palm|Ash|Holy|Maundy|Giving)\s+$")
_NAMED_DAY_AFTER_RE = re.compile(r"\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Independent|Star|People|Mail)\b")
# "Sept. 11" as the name of the 2001 attacks: before a noun it modifies, after "post-"/"pre-" or "anniversary of";
# "on Sept. 11, 2001, hijackers ..." is a date
_NINE_ELEVEN = r"(?:(?:Sept?\.?|September)\s+11(?:th)?|9/11)(?:,?\s+2001,?)?"
_NINE_ELEVEN_NOUNS = (
    r"attacks?|attackers?|victims?|famil(?:y|ies)|hijack(?:ers?|ings?)|commission|terror(?:ism|ists?)?|memorial|museum"
    r"|anniversary|survivors?|(?:first\s+)?responders?|plot(?:ters)?|mastermind|era|generation|fund|widows?|style"
    r"|defendants?|trials?|(?:law)?suits?|litigation|bill|law|report|tragedy|strikes?|bombings?|advocates?"
)
_EVENT_NAME_RE = re.compile(
    rf"(?<![\w/]){_I('post|pre')}-{_NINE_ELEVEN}"
    rf"|{_I('anniversary')}\s+of\s+(?:the\s+)?{_NINE_ELEVEN}"
    rf"|(?<!\w)(?<!{_I('on')}\s){_NINE_ELEVEN}(?:\s+|-)(?:{_I(_NINE_ELEVEN_NOUNS)})\b"
)
_MAY_MODAL_RE = re.compile(r"^May\s+(?:be|have|not|also|well|still|only|never|even|soon|yet)\b")


@dataclass(frozen=True)
class _Hit:
    """A matched expression and its resolution (dates None and a note when unresolved)."""

    start: int
    end: int
    start_date: date | None = None
    end_date: date | None = None
    note: str | None = None


def find_times(text: str, published: date | None, sentences: Sequence[Span] = ()) -> list[TimeExpression]:
    """Find the time expressions in ``text`` and resolve them against the publication date.

    Args:
        text: The article text.
        published: The publication date, the reference for relative expressions; None if unknown.
        sentences: The article's sentence spans, in order; each result's ``sentence`` is the index
            of the sentence holding it (0 when none are given).

    Returns:
        The time expressions, in text order, without overlaps (the longest match wins).
    """
    names = [m.span() for m in _EVENT_NAME_RE.finditer(text)]
    hits: list[_Hit] = []
    for regex, handler in _FINDERS:
        for m in regex.finditer(text):
            hit = handler(text, m, published)
            if hit is not None and not _overlaps(hit, names):
                hits.append(hit)
    return [
        TimeExpression(
            h.start,
            h.end,
            text[h.start : h.end],
            h.start_date,
            h.end_date,
            published,
            h.note,
            sentence_index(sentences, h.start),
        )
        for h in _drop_overlaps(hits)
    ]


def describe(t: TimeExpression) -> str:
    """Describe a time expression: "Thursday (= 2025-07-03)", "Thursday (unresolved: publication date unknown)"."""
    if t.start_date is None or t.end_date is None:
        return f"{t.text} (unresolved: {t.note or 'unknown'})"
    when = t.start_date.isoformat()
    if t.end_date != t.start_date:
        when += f"..{t.end_date.isoformat()}"
    if t.note:
        when += f", {t.note}"
    return f"{t.text} (= {when})"


# --------------------------------------------------------------------------------------------
# Handlers: one per regex; each returns a _Hit or None (not a time expression)
# --------------------------------------------------------------------------------------------


def _iso(text: str, m: re.Match[str], published: date | None) -> _Hit | None:
    """Resolve "2025-07-03"."""
    return _day_hit(m.start(), m.end(), int(m.group("y")), int(m.group("m")), int(m.group("d")))


def _day_month(text: str, m: re.Match[str], published: date | None) -> _Hit | None:
    """Resolve "3 July 2025", "July 3, 2025", "July 3", "July 3-4" (no year: the publication year)."""
    if m.group("m").startswith("May") and _MAY_MODAL_RE.match(text, m.start("m")):
        return None
    month = _MONTHS[m.group("m").rstrip(".").lower()]
    day = int(m.group("d"))
    day2 = int(m.group("d2")) if m.group("d2") else day
    if m.group("y"):
        year = int(m.group("y"))
    elif published is None:
        return _Hit(m.start(), m.end(), note=UNKNOWN)
    else:
        year = published.year
    first, last = _safe_date(year, month, day), _safe_date(year, month, day2)
    if first is None or last is None or last < first:
        return _Hit(m.start(), m.end(), note=INVALID)
    return _Hit(m.start(), m.end(), first, last)


def _month_year(text: str, m: re.Match[str], published: date | None) -> _Hit | None:
    """Resolve "July 2025", "early March 2022"."""
    month = _MONTHS[m.group("m").rstrip(".").lower()]
    first, last = _month_range(int(m.group("y")), month)
    first, last = _part(first, last, m.group("part"))
    return _Hit(m.start(), m.end(), first, last)


def _month(text: str, m: re.Match[str], published: date | None) -> _Hit | None:
    """Resolve "in March", "since May", "last March", "early June" (needs a preposition or modifier)."""
    prep, mod = m.group("prep"), (m.group("mod") or "").lower()
    if not prep and not mod:
        return None
    start = m.start("mod") if mod else m.start("m")
    if published is None:
        return _Hit(start, m.end(), note=UNKNOWN)
    month = _MONTHS[m.group("m").lower()]
    year = published.year
    if mod == "last":
        year -= month >= published.month
    elif mod == "next":
        year += month <= published.month
    first, last = _month_range(year, month)
    first, last = _part(first, last, mod if mod not in ("last", "next", "this") else None)
    return _Hit(start, m.end(), first, last)


def _year(text: str, m: re.Match[str], published: date | None) -> _Hit | None:
    """Resolve "in 2022", "since 2014", "Russia's 2022 invasion", "2014-2016", "the 1990s", "early 2023"."""
    y_start, y_end = m.start("y"), m.end("y")
    before = text[y_start - 1 : y_start]
    if not m.group("part") and before and (before in "$£€¥#/-–" or before.isalnum()):
        return None
    year = int(m.group("y"))
    if m.group("decade"):
        return _Hit(m.start(), m.end(), date(year - year % 10, 1, 1), date(year - year % 10 + 9, 12, 31))
    if m.group("y2"):
        y2 = m.group("y2")
        year2 = int(y2) if len(y2) == 4 else year - year % 100 + int(y2)
        if year2 <= year:
            return None
        return _Hit(m.start(), m.end(), date(year, 1, 1), date(year2, 12, 31))
    if not looks_like_year(text, y_start, y_end):
        return None
    first, last = _part(date(year, 1, 1), date(year, 12, 31), m.group("part"))
    return _Hit(m.start(), m.end(), first, last)


def _weekday(text: str, m: re.Match[str], published: date | None) -> _Hit | None:
    """Resolve a weekday by the rule in the module docstring."""
    if _NAMED_DAY_BEFORE_RE.search(text, max(0, m.start("w") - 12), m.start("w")):
        return None  # "Good Friday", "Super Tuesday"
    if _NAMED_DAY_AFTER_RE.match(text, m.end()):
        return None  # "The Sunday Times"
    mod = (m.group("mod") or "").lower()
    start = m.start() if mod in ("last", "next", "past", "coming") else m.start("w")
    if published is None:
        return _Hit(start, m.end(), note=UNKNOWN)
    weekday = _WEEKDAYS.index(m.group("w").lower())
    back = (published.weekday() - weekday) % 7
    if mod in ("last", "past"):
        day = published - timedelta(days=back or 7)
    elif mod in ("next", "coming"):
        day = published + timedelta(days=(7 - back) or 7)
    elif back == 0:
        day = published
    elif _future_cue_before(text, m.start()):
        day = published + timedelta(days=7 - back)
    else:
        day = published - timedelta(days=back)
    return _Hit(start, m.end(), day, day)


def _relative_day(text: str, m: re.Match[str], published: date | None) -> _Hit | None:
    """Resolve "today", "yesterday", "tomorrow", "tonight", "last night", "earlier in the day"."""
    if published is None:
        return _Hit(m.start(), m.end(), note=UNKNOWN)
    word = m.group(0).lower()
    offset = -1 if word in ("yesterday",) or word.startswith("last") else 1 if word == "tomorrow" else 0
    day = published + timedelta(days=offset)
    return _Hit(m.start(), m.end(), day, day)


def _period(text: str, m: re.Match[str], published: date | None) -> _Hit | None:
    """Resolve "this/last/next week|month|year|weekend", "earlier this month", "the past year", "the weekend"."""
    if published is None:
        return _Hit(m.start(), m.end(), note=UNKNOWN)
    if m.group("theweekend"):
        return _Hit(m.start(), m.end(), *_weekend(published, "recent"))
    which, unit, side = m.group("which").lower(), m.group("u").lower(), (m.group("side") or "").lower()
    if unit == "weekend":
        first, last = _weekend(published, which)
    elif which == "past":
        first, last = _shift(published, unit, -1), published
    elif which == "coming":
        first, last = published + timedelta(days=1), _shift(published, unit, 1)
    else:
        step = {"this": 0, "last": -1, "next": 1}[which]
        first, last = _calendar_period(published, unit, step)
    if side == "earlier":
        last = min(last, published)
    elif side == "later":
        first = max(first, published)
    if last < first:
        return None
    return _Hit(m.start(), m.end(), first, last)


def _window(text: str, m: re.Match[str], published: date | None) -> _Hit | None:
    """Resolve "recent weeks", "the past few days", "the last three years" (approximate)."""
    if published is None:
        return _Hit(m.start(), m.end(), note=UNKNOWN)
    if m.group("ru"):
        unit = m.group("ru").lower()
        if unit in _RECENT_DAYS:
            first = published - timedelta(days=_RECENT_DAYS[unit])
        else:
            first = _add_months(published, -_RECENT_MONTHS[unit])
        return _Hit(m.start(), m.end(), first, published, APPROXIMATE)
    count, approximate = _count(m.group("n"))
    first = _shift(published, m.group("wu").lower(), -count)
    return _Hit(m.start(), m.end(), first, published, APPROXIMATE if approximate else None)


def _ago(text: str, m: re.Match[str], published: date | None) -> _Hit | None:
    """Resolve "three days ago", "a year ago", "a few weeks ago"."""
    if published is None:
        return _Hit(m.start(), m.end(), note=UNKNOWN)
    count, approximate = _count(m.group("n"))
    unit = m.group("u").lower()
    day = _shift(published, unit, -count)
    note = APPROXIMATE if approximate or unit not in ("day", "week") else None
    return _Hit(m.start(), m.end(), day, day, note)


_Handler = Callable[[str, re.Match[str], date | None], _Hit | None]
_FINDERS: tuple[tuple[re.Pattern[str], _Handler], ...] = (
    (_ISO_RE, _iso),
    (_DMY_RE, _day_month),
    (_MDY_RE, _day_month),
    (_MY_RE, _month_year),
    (_MONTH_RE, _month),
    (_YEAR_RE, _year),
    (_WEEKDAY_RE, _weekday),
    (_RELATIVE_RE, _relative_day),
    (_PERIOD_RE, _period),
    (_WINDOW_RE, _window),
    (_AGO_RE, _ago),
)


# --------------------------------------------------------------------------------------------
# Date arithmetic
# --------------------------------------------------------------------------------------------


def _future_cue_before(text: str, pos: int) -> bool:
    """Say whether the clause before ``pos`` (back to a comma, bracket or sentence end) has a future cue."""
    window = text[max(0, pos - 80) : pos]
    breaks = list(_CLAUSE_BREAK_RE.finditer(window))
    clause = window[breaks[-1].end() :] if breaks else window
    return _FUTURE_CUE_RE.search(clause) is not None


def _day_hit(start: int, end: int, year: int, month: int, day: int) -> _Hit:
    """Return a one-day hit, or an invalid-date hit for an impossible date."""
    d = _safe_date(year, month, day)
    return _Hit(start, end, d, d) if d else _Hit(start, end, note=INVALID)


def _safe_date(year: int, month: int, day: int) -> date | None:
    """Return ``date(year, month, day)``, or None if there is no such day."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_range(year: int, month: int) -> tuple[date, date]:
    """Return the first and last day of a month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _part(first: date, last: date, part: str | None) -> tuple[date, date]:
    """Narrow [first, last] to its early/mid/late third (or its start/end) as ``part`` says."""
    if not part:
        return first, last
    part = " ".join(part.lower().split())
    span = (last - first).days + 1
    third = span // 3
    if part == "early":
        return first, first + timedelta(days=third - 1)
    if part == "mid":
        return first + timedelta(days=third), last - timedelta(days=span - 2 * third)
    if part == "late":
        return last - timedelta(days=span - 2 * third - 1), last
    if part == "the end of":
        return last - timedelta(days=span // 6), last
    return first, first + timedelta(days=span // 6)  # the start/beginning of


def _add_months(d: date, months: int) -> date:
    """Return ``d`` moved by ``months`` calendar months (the day clipped to the month's length)."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _shift(d: date, unit: str, count: int) -> date:
    """Return ``d`` moved by ``count`` days, weeks, months, years or decades."""
    if unit == "day":
        return d + timedelta(days=count)
    if unit == "week":
        return d + timedelta(weeks=count)
    months = {"month": 1, "year": 12, "decade": 120}[unit]
    return _add_months(d, months * count)


def _calendar_period(published: date, unit: str, step: int) -> tuple[date, date]:
    """Return the calendar week/month/year holding ``published``, moved by ``step`` periods."""
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        first = _add_months(published.replace(day=1), step)
        return _month_range(first.year, first.month)
    year = published.year + step
    return date(year, 1, 1), date(year, 12, 31)


def _weekend(published: date, which: str) -> tuple[date, date]:
    """Return the Saturday-Sunday meant by "this/last/next/past weekend" or "the weekend" ("recent")."""
    saturday = published - timedelta(days=published.weekday()) + timedelta(days=5)
    if which == "recent":
        if published.weekday() < 5:
            saturday -= timedelta(weeks=1)
    elif which in ("last", "past"):
        saturday -= timedelta(weeks=1)
    elif which in ("next", "coming"):
        saturday += timedelta(weeks=1)
    return saturday, saturday + timedelta(days=1)


def _count(word: str) -> tuple[int, bool]:
    """Return the count a word gives ("three" -> 3, "12" -> 12, "few" -> 3) and whether it is approximate."""
    key = " ".join(word.lower().split())
    if key.isdigit():
        return int(key), False
    return _COUNTS[key], key in _APPROX_COUNTS


def _overlaps(hit: _Hit, spans: Sequence[tuple[int, int]]) -> bool:
    """Say whether ``hit`` overlaps any of ``spans``."""
    return any(hit.start < end and start < hit.end for start, end in spans)


def _drop_overlaps(hits: list[_Hit]) -> list[_Hit]:
    """Keep the longest of overlapping hits (the earliest on a tie), in text order."""
    kept: list[_Hit] = []
    for h in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(h.end <= k.start or k.end <= h.start for k in kept):
            kept.append(h)
    return sorted(kept, key=lambda h: h.start)
