"""Find quantities in article text and say what values their wording allows.

Pure text + regex: no NLP model, so it is cheap enough to run on every article. A quantity is a
number (digits, number words, scale words such as "5 million" or "hundreds of thousands", or "a"
before a time unit as in "nearly an hour") with its qualifier ("at least", "nearly", ...) and the
counted thing's head noun (its *unit*).

Unit convention: the unit is the head noun lower-cased and singularised ("civilians" ->
"civilian", "hours" -> "hour", "casualties" -> "casualty"), except that "person"/"persons"/
"people" are all ``"people"``. Symbols and abbreviations are spelled out ("%" and "per cent" ->
"percent", "$" -> "dollar", "£" -> "pound", "€" -> "euro", "km" -> "kilometre", "hrs" -> "hour").
A hyphen compound gives its noun ("hour-long" and "two-hour" -> "hour"); ages give "year-old".

Intervals (``low``/``high``), by qualifier, for a written value ``v``:

* none: ``[v, v]``; vague plurals: "dozens" ``[24, 119]``, "scores" ``[40, 199]``, "hundreds"
  ``[200, 999]``, "thousands" ``[2000, 9999]``, "tens of thousands" ``[20000, 99999]``,
  "hundreds of thousands" ``[200000, 999999]`` (in general ``[2S, 10S - 1]``); "several hundred"
  ``[300, 900]``, "a few hundred" ``[200, 500]``, "a couple of hundred" ``[200, 300]``;
  "between 20 and 30" (also "20-30 people", "20 to 30 people") ``[20, 30]``;
* "at least", "no fewer than", "or more": ``[v, inf]``;
* "more than", "over", "beyond", "upwards of": ``(v, inf]`` (``low`` is the float just above v);
* "just over", "slightly more than": ``(v, 1.2v]``;
* "nearly", "almost", "close to", "just under": ``[0.8v, v]``;
* "about", "around", "roughly", "some", "approximately", "an estimated", "or so": ``[0.85v, 1.15v]``;
* "up to", "as many as", "at most", "no more than": ``[0, v]``;
* "fewer than", "less than", "under", "below": ``[0, v)``.

Not quantities: ordinals ("third", "3rd"), years ("in 2016", "Russia's 2022 invasion"), dates
("July 3", "3 July"), times of day ("10:30", "3 pm", "0900 GMT"), phone numbers, list markers
("1.", "2)"), codes and names ("G7", "F-16", "COVID-19", "Article 5", "S&P 500"), scores
("3-1"), ratios ("one in five", "nine out of 10") and the pronoun "one" ("one of the", "no one").
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Sequence

from newsprism.model import Number, Span
from newsprism.util import sentence_index, strip_possessive

__all__ = [
    "compatible",
    "describe",
    "find_numbers",
    "looks_like_year",
    "normalise_unit",
    "same_quantity",
]

INF = math.inf

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_WORD_SCALES = {
    "hundred": 100.0, "dozen": 12.0, "thousand": 1e3, "million": 1e6, "billion": 1e9,
    "trillion": 1e12,
}  # fmt: skip
_ABBR_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
_VAGUE_SCALES = {
    "tens": 10.0, "dozens": 12.0, "scores": 20.0, "hundreds": 100.0, "thousands": 1e3,
    "millions": 1e6, "billions": 1e9,
}  # fmt: skip
_FEW_FACTORS = {"several": (3.0, 9.0), "a few": (2.0, 5.0), "a couple": (2.0, 3.0), "a couple of": (2.0, 3.0)}
_CURRENCIES = {
    "$": "dollar", "us$": "dollar", "a$": "dollar", "c$": "dollar", "hk$": "dollar",
    "£": "pound", "€": "euro", "¥": "yen", "₽": "rouble", "₴": "hryvnia",
}  # fmt: skip
_CURRENCY_SYMBOLS = {"dollar": "$", "pound": "£", "euro": "€", "yen": "¥"}
_TIME_UNITS = ("second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "century")

# Qualifier -> interval rule (see the module docstring).
_QUALIFIERS = {
    "at least": "min", "no fewer than": "min", "no less than": "min", "not less than": "min",
    "a minimum of": "min",
    "more than": "above", "over": "above", "well over": "above", "upwards of": "above",
    "in excess of": "above", "above": "above", "beyond": "above", "greater than": "above",
    "exceeding": "above", "well above": "above",
    "just over": "just_above", "just above": "just_above", "slightly more than": "just_above",
    "a little over": "just_above", "a little more than": "just_above",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "just below": "nearly", "nearly all of": "nearly", "approaching": "nearly",
    "about": "approx", "around": "approx", "roughly": "approx", "some": "approx",
    "approximately": "approx", "an estimated": "approx", "estimated": "approx",
    "circa": "approx", "approx.": "approx", "or so": "approx",
    "up to": "max", "as many as": "max", "as much as": "max", "at most": "max",
    "no more than": "max", "a maximum of": "max", "not more than": "max",
    "fewer than": "below", "less than": "below", "under": "below", "below": "below",
}  # fmt: skip
_POST_QUALIFIERS = {"more": "at least", "so": "or so", "fewer": "at most", "less": "at most"}

_IRREGULAR = {
    "people": "people", "person": "people", "persons": "people", "children": "child",
    "men": "man", "women": "woman", "feet": "foot", "teeth": "tooth", "mice": "mouse",
    "geese": "goose", "lives": "life", "wives": "wife", "knives": "knife", "halves": "half",
    "thieves": "thief", "shelves": "shelf", "crises": "crisis", "analyses": "analysis",
    "bases": "base", "series": "series", "species": "species", "news": "news", "police": "police",
    "staff": "staff", "personnel": "personnel", "aircraft": "aircraft", "data": "data",
    "media": "media", "sheep": "sheep", "fish": "fish", "deer": "deer", "cattle": "cattle",
    "troops": "troop", "heroes": "hero", "centuries": "century", "%": "percent",
    "per cent": "percent", "pct": "percent", "percent": "percent",
}  # fmt: skip
_ALIASES = {
    "hr": "hour", "hrs": "hour", "min": "minute", "mins": "minute", "sec": "second",
    "secs": "second", "yr": "year", "yrs": "year", "km": "kilometre", "kms": "kilometre",
    "kilometer": "kilometre", "kg": "kilogram", "kgs": "kilogram", "meter": "metre",
    "mi": "mile", "mph": "mile per hour", "lb": "pound weight", "lbs": "pound weight",
    "usd": "dollar", "eur": "euro", "gbp": "pound", "sterling": "pound", "ruble": "rouble",
    "buck": "dollar", "mw": "megawatt", "gw": "gigawatt", "kw": "kilowatt",
}  # fmt: skip
# Units that count the same kind of thing (``same_quantity``).
_UNIT_CLASSES = {
    "civilian": "people", "individual": "people", "resident": "people", "inhabitant": "people",
    "fatality": "death", "troop": "soldier", "serviceman": "soldier", "servicemember": "soldier",
    "fortnight": "fortnight",
}  # fmt: skip
_PLURAL_IRREGULAR = {
    "people": "people", "percent": "percent", "child": "children", "man": "men", "woman": "women",
    "foot": "feet", "crisis": "crises", "personnel": "personnel", "police": "police", "staff": "staff",
    "aircraft": "aircraft", "series": "series", "species": "species", "yen": "yen", "data": "data",
    "percentage point": "percentage points",
}  # fmt: skip

# Words that end a noun phrase after a number (the unit is before them, if anywhere).
_STOP = frozenset(
    """a an the of in on at to for from by with and or but nor as than that which who whom whose
    was were is are be been being have has had do does did will would can could may might must
    shall should it its they them their he she his her we our you your i me my this these those
    there here not no most least also each per ago after before later earlier into onto over under
    about around since until while during another such so if then when where whether all both any
    many much few according said says say only just even still yet ever again against including
    like out up down off away back already among amid despite without within across between
    through via toward towards upon amongst whilst because though although once what how why one
    s t""".split()
)
# Words that look plural (end in -s) but are not nouns.
_NOT_PLURAL = frozenset(
    """is was has its his this thus as us yes less unless perhaps whereas always sometimes
    afterwards towards besides nevertheless various numerous serious previous famous nervous
    anonymous dangerous enormous obvious continuous tremendous ambitious us plus bus gas
    status virus campus census bonus focus chaos means news series species""".split()
)
_ADJ_SUFFIXES = ("ian", "ese", "ish", "al", "ic", "ive", "ous", "ful", "less", "able", "ible", "ary", "ern")
_ADJECTIVES = frozenset(
    """other more additional further new old young senior junior extra single whole entire full
    major minor small large big key top main separate different similar armed unarmed unnamed
    unidentified innocent foreign local elderly total estimated confirmed reported registered
    military civilian""".split()
)
_FRACTIONS = frozenset(
    "half halves third thirds quarter quarters fourth fourths fifth fifths sixth sixths seventh "
    "sevenths eighth eighths ninth ninths tenth tenths".split()
)
_BAD_HYPHEN_WORDS = frozenset(
    "off time way on to by liner and or odd plus something some ish first second third fourth "
    "fifth sixth seventh eighth ninth".split()
)
# Plural nouns that a year commonly qualifies ("the 2024 elections", "the 2014 protests").
_YEAR_NOUNS = frozenset(
    "election poll midterm primary game olympic protest riot talk negotiation accord agreement "
    "sanction flood fire attack bombing strike championship result figure statistic census "
    "budget cut reform law rule guideline".split()
)
_IRREGULAR_PLURALS = frozenset(
    "people children men women feet teeth mice geese lives wives knives halves thieves shelves "
    "crises analyses police personnel staff aircraft media data cattle".split()
)

# --------------------------------------------------------------------------------------------
# Regular expressions
# --------------------------------------------------------------------------------------------


def _alt(words: Sequence[str]) -> str:
    """Return a regex alternation of ``words``, longest first, spaces matching any whitespace."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


_ONE_TO_NINE = _alt([w for w, v in _SMALL.items() if 1 <= v <= 9])
_BASIC = rf"(?:(?:{_alt(list(_TENS))})(?:[-\s](?:{_ONE_TO_NINE}))?|(?:{_alt(list(_SMALL))}))\b"
_A_SCALE = r"a(?=\s+(?:hundred|thousand|million|billion|trillion|dozen)\b)"
_HUNDREDS = rf"(?:{_BASIC}|{_A_SCALE})(?:\s+(?:hundred|dozen)\b(?:(?:\s+and)?\s+{_BASIC})?)?"
_WORDNUM = rf"\b{_HUNDREDS}(?:\s+(?:thousand|million|billion|trillion)\b(?:(?:\s+and)?\s+{_HUNDREDS})?)*"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SCALE_WORD = r"(?:thousand|million|billion|trillion)\b|(?:k|m|mn|bn|b|tn|trn)\b"
_DIGIT_SCALE = r"(?:\s*(?:thousand|million|billion|trillion)\b|(?:k|m|mn|bn|b|tn|trn)\b)"
_ATTACHED_UNIT_RE = re.compile(r"(?:km|kg|mph|kmh|mm|cm|ft|lbs?|mw|gw|kw|hrs?|mins?|yrs?)\b", re.IGNORECASE)
_CUR = r"(?:US\$|A\$|C\$|HK\$|\$|£|€|¥|₽|₴)"
_TU = f"(?:{_alt(list(_TIME_UNITS))})"
_A_TU = f"(?:{_alt([u for u in _TIME_UNITS if u != 'second'])})"
_QUALS = _alt(list(_QUALIFIERS))

_CORE_RE = re.compile(
    rf"(?P<few>\b(?P<fw>several|a\s+few|a\s+couple(?:\s+of)?)\s+(?P<fs>hundred|thousand|million|billion|dozen)\b)"
    rf"|(?P<vague>\b(?P<v1>tens|dozens|scores|hundreds|thousands|millions|billions)\b"
    rf"(?:\s+of\s+(?P<v2>thousands|millions|billions)\b)?)"
    rf"|(?P<long>\b(?P<lu>{_TU})-long\b)"
    rf"|(?P<half>\bhalf\s+an?\s+(?P<hu>{_TU}|million|billion|dozen)\b)"
    rf"|(?P<aunit>\ban?\s+(?P<au>{_A_TU})\b(?!-))"
    rf"|(?P<num>(?:(?P<cur>{_CUR})\s?)?(?P<digits>{_DIGITS})(?P<dscale>{_DIGIT_SCALE})?)"
    rf"|(?P<words>{_WORDNUM})",
    re.IGNORECASE,
)
_RANGE_NUM = rf"(?:{_DIGITS}(?:{_DIGIT_SCALE})?|{_WORDNUM})"
_RANGE_RE = re.compile(
    rf"(?:(?P<between>\bbetween)\s+(?P<cur>{_CUR})?(?P<a>{_RANGE_NUM})\s+and\s+"
    rf"|(?P<cur2>{_CUR})?(?P<a2>{_DIGITS}(?:{_DIGIT_SCALE})?)(?:\s*[-–—]\s*|\s+to\s+))"
    rf"{_CUR}?(?P<b>{_RANGE_NUM})",
    re.IGNORECASE,
)
_RANGE_VALUE_RE = re.compile(rf"({_DIGITS})\s*({_SCALE_WORD})?", re.IGNORECASE)
_QUAL_BACK_RE = re.compile(rf"(?<!\w)(?P<q>{_QUALS})\s+$", re.IGNORECASE)
_RATIO_NUM = r"(?:\d{1,3}(?![\d,.]\d)|one|two|three|four|five|six|seven|eight|nine|ten|a\s+hundred)"
_RATIO_AFTER_RE = re.compile(rf"\s+(?:in|out\s+of)\s+{_RATIO_NUM}\b(?!\s+{_TU}s?\b)", re.IGNORECASE)
_RATIO_BEFORE_RE = re.compile(rf"(?<![\w,.]){_RATIO_NUM}\s+(?:in|out\s+of)\s+$", re.IGNORECASE)
_TIME_UNIT_AFTER_RE = re.compile(rf"\s+{_TU}s?\b", re.IGNORECASE)
_ARTICLE_BACK_RE = re.compile(r"\b(?:an?|An?)\s+$")
_POST_QUAL_RE = re.compile(r"\s+or\s+(?P<p>more|so|fewer|less)\b", re.IGNORECASE)
_PERCENT_RE = re.compile(r"\s*(?:%|per\s?cent\b|percent\b|pct\b)|\s+(?P<pp>percentage\s+points?)\b", re.IGNORECASE)
_HYPHEN_UNIT_RE = re.compile(r"-(?P<w>[A-Za-z]+)(?:-(?P<suf>long|old))?\b")
_NP_WORD_RE = re.compile(r"[ \t]+(?P<w>[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*)")
_OF_RE = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)
_A_UNIT_BLOCK_RE = re.compile(r"\b(?:once|twice|thrice|times|per|every|each)\s+$", re.IGNORECASE)

_MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
)
_MONTH_BEFORE_RE = re.compile(rf"\b{_MONTH_NAMES}\.?\s+$")
_MONTH_AFTER_RE = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_NAMES}\b")
_CLOCK_AFTER_RE = re.compile(
    r"\s*(?:[ap]\.m\.|[ap]m\b|o['’]clock|(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|ET|PT|MSK)\b)",
    re.IGNORECASE,
)
_LABEL_BEFORE_RE = re.compile(
    r"(?:\b(?:Article|Section|Chapter|Resolution|Flight|Number|No|Nos|Boeing|Airbus|Room|Route|"
    r"Highway|Gate|Level|Phase|Stage|Category|Title|Paragraph|Clause|Item|Version|Channel|Studio|"
    r"Terminal|Platform|Block|Unit|Building|Floor|Page|Vol|Volume|Part|Episode|Season|Game|Day|"
    r"Week|Act|Amendment|Apollo|Windows|Formula|Brigade|Battalion|Division|Regiment|Corps|Army|"
    r"Squadron|Ward|District|Zone|Sector|Line|Bus|Train|Patriot|Iskander|Kinzhal|Kalibr|Shahed|"
    r"FTSE|Nasdaq|Fortune|Stoxx|Nikkei|DAX|CAC|Hang\s+Seng)\.?\s+|\bS&P\s+|#\s*)$"
)
_PHONE_RE = re.compile(
    r"\+\d[\d\s().-]{6,}\d|\(\d{2,5}\)\s?\d[\d\s.-]{4,}\d|\b\d{3}[-.]\d{3}[-.]\d{4}\b"
    r"|\b0\d{2,4}[ -]\d{3,4}[ -]\d{3,4}\b"
)
_LIST_PREFIX_RE = re.compile(r"(?:^|\n)[ \t]*\(?$")
_LIST_SUFFIX_RE = re.compile(r"[.)](?:\s|$)")
_PRONOUN_ONE_RE = re.compile(r"\b(?:no|any|every|some|each|the|this|that|which)\s+$", re.IGNORECASE)
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:\n][\"'”’)]*\s+|[\"“(]\s*)$")
_YEAR_PREV_RE = re.compile(
    r"(?:\b(?:in|since|by|until|till|from|before|after|during|early|late|mid|spring|summer|"
    r"autumn|fall|winter|circa|year|fiscal)|['’]s)[\s-]+$",
    re.IGNORECASE,
)
_VAGUE_TEXT_RE = re.compile(
    r"\b(?:tens|dozens|scores|hundreds|thousands|millions|billions)(?:\s+of\s+(?:thousands|millions|billions))?"
    r"|\b(?:several|a\s+few|a\s+couple(?:\s+of)?)\s+(?:hundred|thousand|million|billion|dozen)\b",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def find_numbers(text: str, sentences: Sequence[Span] = ()) -> list[Number]:
    """Find the quantities in ``text``.

    Args:
        text: The article text.
        sentences: The article's sentence spans, in order; each number's ``sentence`` is the index
            of the sentence holding it (0 when none are given).

    Returns:
        The quantities, in text order, with spans covering qualifier, number and unit.
    """
    blocked = [(m.start(), m.end()) for m in _PHONE_RE.finditer(text)]
    found: list[Number] = []
    for m in _RANGE_RE.finditer(text):
        number = _range_number(text, m)
        if number is not None:
            found.append(number)
            blocked.append((m.start(), m.end()))
    for m in _CORE_RE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in blocked):
            continue
        number = _core_number(text, m)
        if number is not None:
            found.append(number)
    found.sort(key=lambda n: n.start)
    return [_with_sentence(n, sentences) for n in _drop_overlaps(found)]


def compatible(a: Number, b: Number) -> bool:
    """Say whether two numbers can both be true of one quantity, i.e. their intervals overlap."""
    return a.low <= b.high and b.low <= a.high


def same_quantity(a: Number, b: Number) -> bool:
    """Say whether two numbers count the same kind of thing (same unit after normalisation).

    "hour"/"hours"/"hour-long" are one unit; so are "people"/"person"/"civilians"/"residents",
    "deaths"/"fatalities" and "soldiers"/"troops". Two numbers without a unit also count the same.
    """
    return _unit_class(a.unit) == _unit_class(b.unit)


def describe(n: Number) -> str:
    """Describe a number for a reader: "at least 8 people", "about 1 hour", "hundreds (200-999) of civilians"."""
    unit = n.unit
    vague = _VAGUE_TEXT_RE.search(n.text)
    symbolic = unit in _CURRENCY_SYMBOLS or unit == "percent"
    if n.qualifier == "between":
        amount = f"between {_amount(n.low, unit)} and {_amount(n.high, unit)}"
        noun = "" if symbolic or unit is None else f" {_pluralise(unit)}"
    elif vague is not None:
        phrase = " ".join(vague.group(0).lower().split())
        lo, hi = _vague_bounds(phrase)
        amount = f"{phrase} ({_fmt(lo)}-{_fmt(hi)})"
        link = " of" if phrase.endswith("s") else ""
        noun = f"{link} {_pluralise(unit)}" if unit else ""
    else:
        amount = _amount(n.value, unit)
        noun = "" if symbolic or unit is None else f" {_pluralise(unit) if n.value != 1 else _singular_display(unit)}"
    qualifier = n.qualifier if n.qualifier not in ("between", "or so") else None
    head = f"{qualifier} " if qualifier else ""
    tail = " or so" if n.qualifier == "or so" else ""
    return f"{head}{amount}{noun}{tail}"


def normalise_unit(word: str) -> str:
    """Return the unit form of a noun: lower case, singular, abbreviations spelled out (see module doc)."""
    w = word.lower().strip()
    w = re.sub(r"['’]s?$", "", w)
    w = " ".join(w.split())
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if w in _ALIASES:
        return _ALIASES[w]
    if "-" in w:
        head, _, last = w.rpartition("-")
        return f"{head}-{normalise_unit(last)}"
    singular = _singularise(w)
    return _ALIASES.get(singular, singular)


def looks_like_year(text: str, start: int, end: int) -> bool:
    """Say whether the digits ``text[start:end]`` are a calendar year rather than a count.

    A four-digit number from 1900 to 2099 is a year unless the wording makes it a count: a
    qualifier or currency before it ("about 2000", "$2000"), or a plural noun or "%" after it
    ("2000 troops") without a year cue before it ("in", "since", "Russia's", "early", ...); a
    plural noun that years commonly qualify ("the 2024 elections", "the 2014 protests") keeps it
    a year.
    """
    s = text[start:end]
    if len(s) != 4 or not s.isdigit() or not 1900 <= int(s) <= 2099:
        return False
    before = text[max(0, start - 30) : start]
    if _YEAR_PREV_RE.search(before):
        return True
    if _QUAL_BACK_RE.search(before) or re.search(rf"{_CUR}\s?$", before):
        return False
    if _PERCENT_RE.match(text, end):
        return False
    unit, _ = _scan_unit(text, end, plural=True)
    return unit is None or unit in _YEAR_NOUNS


# --------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------


def _core_number(text: str, m: re.Match[str]) -> Number | None:
    """Build the Number for one core match, or None when the match is not a quantity."""
    kind = m.lastgroup
    if kind == "few":
        return _few_number(text, m)
    if kind == "vague":
        return _vague_number(text, m)
    if kind == "long":
        return _long_number(text, m)
    if kind == "half":
        return _half_number(text, m)
    if kind == "aunit":
        if _A_UNIT_BLOCK_RE.search(text, max(0, m.start() - 12), m.start()):
            return None
        return _finish(text, m.start(), m.end(), 1.0, 1.0, 1.0, normalise_unit(m.group("au")))
    if kind == "num":
        return _digit_number(text, m)
    return _word_number(text, m)


def _few_number(text: str, m: re.Match[str]) -> Number | None:
    """Build the Number for "several hundred", "a few thousand", "a couple of dozen"."""
    lo_f, hi_f = _FEW_FACTORS[" ".join(m.group("fw").lower().split())]
    scale = _WORD_SCALES[m.group("fs").lower()]
    unit, end = _scan_unit(text, m.end(), plural=True)
    if unit is None:
        of = _OF_RE.match(text, m.end())
        if of:
            unit, end = _scan_unit(text, of.end() - 1, plural=True)
            end = end if unit else m.end()
    return _finish(text, m.start(), end, lo_f * scale, lo_f * scale, hi_f * scale, unit)


def _vague_number(text: str, m: re.Match[str]) -> Number | None:
    """Build the Number for "hundreds", "tens of thousands", "dozens" (unit after "of")."""
    v1, v2 = m.group("v1").lower(), (m.group("v2") or "").lower()
    if (v1 == "tens" and not v2) or (v1 == "scores" and not _OF_RE.match(text, m.end())):
        return None
    lo, hi = _vague_bounds(f"{v1} of {v2}" if v2 else v1)
    unit, end = None, m.end()
    of = _OF_RE.match(text, m.end())
    if of:
        unit, unit_end = _scan_unit(text, of.end() - 1, plural=True)
        if unit is not None:
            end = unit_end
    return _finish(text, m.start(), end, lo, lo, hi, unit)


def _long_number(text: str, m: re.Match[str]) -> Number | None:
    """Build the Number for "hour-long", "an hour-long call", "a nearly hour-long call"."""
    unit = normalise_unit(m.group("lu"))
    qualifier, start = _qualifier_before(text, m.start())
    am = _ARTICLE_BACK_RE.search(text, max(0, start - 4), start)
    if am is not None:
        start = am.start()
    return _finish(text, start, m.end(), 1.0, 1.0, 1.0, unit, qualifier=qualifier)


def _half_number(text: str, m: re.Match[str]) -> Number | None:
    """Build the Number for "half an hour", "half a million"."""
    word = m.group("hu").lower()
    if word in _WORD_SCALES:
        value = 0.5 * _WORD_SCALES[word]
        unit, end = _scan_unit(text, m.end(), plural=True)
        return _finish(text, m.start(), end if unit else m.end(), value, value, value, unit)
    return _finish(text, m.start(), m.end(), 0.5, 0.5, 0.5, normalise_unit(word))


def _digit_number(text: str, m: re.Match[str]) -> Number | None:
    """Build the Number for digits, with currency, scale, percent or a unit noun."""
    start, digits_start, end = m.start(), m.start("digits"), m.end()
    cur = m.group("cur")
    if _digits_excluded(text, digits_start, m.end("digits"), has_scale=bool(m.group("dscale"))):
        return None
    digits = m.group("digits")
    value = float(digits.replace(",", ""))
    scale = m.group("dscale")
    if scale:
        s = scale.strip().lower()
        value *= _WORD_SCALES.get(s) or _ABBR_SCALES[s]
    elif cur is None and digits.isdigit() and looks_like_year(text, digits_start, m.end("digits")):
        return None
    unit = _CURRENCIES[cur.lower()] if cur else None
    return _after_core(text, start, end, value, unit, allow_hyphen=not scale and not cur)


def _word_number(text: str, m: re.Match[str]) -> Number | None:
    """Build the Number for number words: "eight", "twenty-one", "two hundred", "a million"."""
    phrase = m.group("words")
    value = _parse_words(phrase)
    if value is None:
        return None
    if value == 1 and _PRONOUN_ONE_RE.search(text, max(0, m.start() - 12), m.start()):
        return None  # "no one", "every one", "the one"
    first = phrase.split()[0].split("-")[0]
    number = _after_core(text, m.start(), m.end(), value, None, allow_hyphen=True)
    if number is None:
        return None
    if number.unit is None and number.qualifier is None:
        if first.lower() == "one" and value == 1:
            return None  # the pronoun: "one of the", "one another"
        if first[0].isupper() and not _SENTENCE_START_RE.search(text, max(0, m.start() - 4), m.start()):
            return None  # a name: "Group of Seven", "the Big Four"
    return number


def _after_core(
    text: str, start: int, end: int, value: float, unit: str | None, *, allow_hyphen: bool
) -> Number | None:
    """Find the unit after a number core (percent, hyphen compound, noun) and build the Number."""
    if _is_ratio(text, start, end):
        return None
    post = None
    pm = _PERCENT_RE.match(text, end)
    if pm:
        unit = "percentage point" if pm.group("pp") else "percent"
        end = pm.end()
    elif (am := _ATTACHED_UNIT_RE.match(text, end)) is not None:
        unit, end = normalise_unit(am.group(0)), am.end()
    elif allow_hyphen and text.startswith("-", end):
        hm = _HYPHEN_UNIT_RE.match(text, end)
        if hm is None:
            return None  # "3-1", "9-11"
        hyphen_unit = _hyphen_unit(hm, value)
        if hyphen_unit is None:
            return None
        unit, end = hyphen_unit, hm.end()
    elif unit is None:
        pq = _POST_QUAL_RE.match(text, end)
        if pq:
            post, end = _POST_QUALIFIERS[pq.group("p").lower()], pq.end()
        unit, unit_end = _scan_unit(text, end, plural=value != 1)
        if unit is not None:
            end = unit_end
        elif _next_is_name(text, end):
            return None  # "10 Downing Street"
    if post is None:
        pq = _POST_QUAL_RE.match(text, end)
        if pq:
            post, end = _POST_QUALIFIERS[pq.group("p").lower()], pq.end()
    return _finish(text, start, end, value, value, value, unit, post_qualifier=post)


def _is_ratio(text: str, start: int, end: int) -> bool:
    """Say whether the number at ``text[start:end]`` is part of a ratio ("one in five", "9 out of 10")."""
    if _RATIO_AFTER_RE.match(text, end):
        return True
    return bool(_RATIO_BEFORE_RE.search(text, max(0, start - 16), start)) and not _TIME_UNIT_AFTER_RE.match(text, end)


def _hyphen_unit(hm: re.Match[str], value: float) -> str | None:
    """Return the unit of a hyphen compound ("two-hour", "24-hour", "five-year-old"), or None."""
    word, suffix = hm.group("w").lower(), (hm.group("suf") or "").lower()
    if word in _FRACTIONS or word in _STOP or word in _BAD_HYPHEN_WORDS or word.endswith("ed"):
        return None
    if word in _SMALL or word in _TENS:
        return None
    unit = normalise_unit(word)
    if value == 1 and unit not in _TIME_UNITS:
        return None  # "one-sided", "one-man"
    if suffix == "old" and unit == "year":
        return "year-old"
    return unit


def _range_number(text: str, m: re.Match[str]) -> Number | None:
    """Build the Number for "between 20 and 30", "20-30 people", "20 to 30 people", or None."""
    between = m.group("between") is not None
    if text[max(0, m.start() - 5) : m.start()].lower().endswith("from "):
        return None  # "rose from 5 to 10": a change, not a range
    a_group = "a" if between else "a2"
    a_text, b_text = m.group(a_group), m.group("b")
    a, a_scaled = _range_value(a_text)
    b, b_scaled = _range_value(b_text)
    if a is None or b is None:
        return None
    if b_scaled and not a_scaled and b_scaled > 1:
        a *= b_scaled
    if not a < b:
        return None
    a_start = m.start(a_group)
    if a_text[0].isdigit() and _digits_excluded(text, a_start, a_start + len(a_text), has_scale=bool(a_scaled)):
        return None
    if b_text[0].isdigit() and _digits_excluded(
        text, m.start("b"), m.end("b"), has_scale=bool(b_scaled), after_only=True
    ):
        return None
    if re.fullmatch(r"(?:19|20)\d\d", a_text) and re.fullmatch(r"(?:19|20)?\d\d", b_text):
        return None  # a span of years: times.py
    cur = m.group("cur") or m.group("cur2")
    unit = _CURRENCIES[cur.lower()] if cur else None
    end = m.end()
    pm = _PERCENT_RE.match(text, end)
    if pm:
        unit, end = ("percentage point" if pm.group("pp") else "percent"), pm.end()
    elif unit is None:
        unit, unit_end = _scan_unit(text, end, plural=True)
        if unit is not None:
            end = unit_end
    if unit is None and not between:
        return None  # "3-1" (a score), "9-11"
    start = m.start("between") if between else m.start()
    return Number(start, end, text[start:end], a, a, b, unit, "between")


def _range_value(s: str) -> tuple[float | None, float]:
    """Parse one end of a range; return its value and the scale it was written with (0 if none)."""
    sm = _RANGE_VALUE_RE.fullmatch(s)
    if sm:
        scale_word = (sm.group(2) or "").strip().lower()
        scale = _WORD_SCALES.get(scale_word) or _ABBR_SCALES.get(scale_word, 0.0)
        return float(sm.group(1).replace(",", "")) * (scale or 1.0), scale
    value = _parse_words(s)
    scale = next((_WORD_SCALES[w] for w in reversed(s.lower().split()) if w in _WORD_SCALES), 0.0)
    return value, scale


def _digits_excluded(text: str, start: int, end: int, *, has_scale: bool, after_only: bool = False) -> bool:
    """Say whether the digits ``text[start:end]`` are a code, date, time, list marker or ordinal.

    With ``after_only`` only what follows the digits is looked at (the second number of a range).
    """
    before = text[start - 1] if start else " "
    before2 = text[start - 2] if start > 1 else " "
    after = text[end] if end < len(text) else " "
    if not after_only and (before.isalnum() or before in "/:#+_" or (before == "." and before2.isdigit())):
        return True
    if not after_only and before in "-–" and before2.isalnum():
        return True  # F-16, COVID-19, 3-1
    if after.isalpha() and not has_scale and not _ATTACHED_UNIT_RE.match(text, end):
        return True  # 3rd, 1990s, 5G
    if after in "/_" or (after == ":" and text[end + 1 : end + 2].isdigit()):
        return True  # 24/7, 10:30
    if _CLOCK_AFTER_RE.match(text, end):
        return True
    if _MONTH_AFTER_RE.match(text, end):
        return True
    if after_only:
        return False
    lookback = text[max(0, start - 40) : start]
    if _MONTH_BEFORE_RE.search(lookback) or _LABEL_BEFORE_RE.search(lookback):
        return True
    if _LIST_SUFFIX_RE.match(text, end) and _LIST_PREFIX_RE.search(text, max(0, start - 20), start):
        return True
    return False


def _scan_unit(text: str, pos: int, *, plural: bool) -> tuple[str | None, int]:
    """Find the head noun of the phrase starting after ``pos``; return its unit and end offset.

    For a plural value the unit is the first plural-looking word within four words (adjectives
    before it are skipped: "eight Ukrainian civilians"); for a value of one, the first word that
    does not look like an adjective (or the last adjective, for "one civilian killed").
    """
    words: list[tuple[str, int]] = []
    while len(words) < 4:
        wm = _NP_WORD_RE.match(text, pos)
        if wm is None:
            break
        word = wm.group("w")
        if word.lower() in _STOP:
            break
        words.append((word, wm.end()))
        pos = wm.end()
    if not words:
        return None, pos
    first = words[0][0].lower()
    if first in _ALIASES:
        return _ALIASES[first], words[0][1]
    if plural:
        for word, end in words:
            if _looks_plural(word):
                return normalise_unit(word), end
        return None, pos
    last_adj: tuple[str, int] | None = None
    for word, end in words:
        lw = strip_possessive(word.lower())
        if lw.endswith(("ed", "ing")) and lw not in ("thing", "building", "meeting", "offering"):
            break
        if _looks_adjective(word):
            last_adj = (word, end)
            continue
        return normalise_unit(word), end
    if last_adj is not None:
        return normalise_unit(last_adj[0]), last_adj[1]
    return None, pos


def _next_is_name(text: str, pos: int) -> bool:
    """Say whether the word after ``pos`` is a capitalised non-plural word ("10 Downing Street")."""
    wm = _NP_WORD_RE.match(text, pos)
    if wm is None:
        return False
    word = wm.group("w")
    return word[0].isupper() and word.lower() not in _STOP and not _looks_adjective(word)


def _finish(
    text: str,
    start: int,
    end: int,
    value: float,
    low: float,
    high: float,
    unit: str | None,
    *,
    qualifier: str | None = None,
    post_qualifier: str | None = None,
) -> Number:
    """Apply the qualifier before ``start`` (or a given one) to the bounds and build the Number."""
    if qualifier is None:
        qualifier, start = _qualifier_before(text, start)
    if qualifier is None and post_qualifier is not None:
        qualifier = post_qualifier
    if qualifier is not None:
        low, high = _apply_qualifier(_QUALIFIERS[qualifier], value, low, high)
    return Number(start, end, text[start:end], value, low, high, unit, qualifier)


def _qualifier_before(text: str, start: int) -> tuple[str | None, int]:
    """Return the qualifier just before ``start`` ("at least", "nearly", ...) and where it starts."""
    qm = _QUAL_BACK_RE.search(text, max(0, start - 25), start)
    if qm is None:
        return None, start
    return " ".join(qm.group("q").lower().split()), qm.start("q")


def _apply_qualifier(rule: str, value: float, low: float, high: float) -> tuple[float, float]:
    """Return the bounds that a qualifier rule gives a value written with base bounds [low, high]."""
    if rule == "min":
        return low, INF
    if rule == "above":
        return math.nextafter(low, INF), INF
    if rule == "just_above":
        return math.nextafter(low, INF), _tidy(high * 1.2)
    if rule == "nearly":
        return _tidy(low * 0.8), high
    if rule == "approx":
        return _tidy(low * 0.85), _tidy(high * 1.15)
    if rule == "max":
        return 0.0, high
    return 0.0, math.nextafter(low, -INF)  # "below"


def _tidy(x: float) -> float:
    """Round away float noise from a scaled bound (229.99999999999997 -> 230.0)."""
    return round(x, 9)


def _drop_overlaps(numbers: list[Number]) -> list[Number]:
    """Keep the first of overlapping numbers (longer first at the same start), in text order."""
    kept: list[Number] = []
    for n in sorted(numbers, key=lambda n: (n.start, -(n.end - n.start))):
        if kept and n.start < kept[-1].end:
            continue
        kept.append(n)
    return kept


def _with_sentence(n: Number, sentences: Sequence[Span]) -> Number:
    """Return ``n`` with its sentence index set."""
    index = sentence_index(sentences, n.start)
    return n if index == n.sentence else dataclasses.replace(n, sentence=index)


# --------------------------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------------------------


def _parse_words(phrase: str) -> float | None:
    """Return the value of number words ("two hundred and fifty thousand" -> 250000), or None."""
    total, current, seen = 0.0, 0.0, False
    for token in re.split(r"[\s-]+", phrase.lower()):
        if token == "and":
            continue
        if token == "a":
            current, seen = 1.0, True
        elif token in _SMALL:
            current += _SMALL[token]
            seen = True
        elif token in _TENS:
            current += _TENS[token]
            seen = True
        elif token in ("hundred", "dozen"):
            current = (current or 1.0) * _WORD_SCALES[token]
        elif token in _WORD_SCALES:
            total += (current or 1.0) * _WORD_SCALES[token]
            current = 0.0
        else:
            return None
    return total + current if seen else None


def _vague_bounds(phrase: str) -> tuple[float, float]:
    """Return the bounds of a vague amount: "hundreds" -> (200, 999), "several hundred" -> (300, 900)."""
    words = phrase.split()
    if words[-1] in _WORD_SCALES:  # several/a few/a couple (of) + scale
        lo_f, hi_f = _FEW_FACTORS[" ".join(words[:-1])]
        scale = _WORD_SCALES[words[-1]]
        return lo_f * scale, hi_f * scale
    scale = _VAGUE_SCALES[words[0]]
    if len(words) == 3:
        scale *= _VAGUE_SCALES[words[2]]
    return 2 * scale, 10 * scale - 1


def _looks_plural(word: str) -> bool:
    """Say whether a word looks like a plural noun ("civilians", "people", "casualties")."""
    lw = strip_possessive(word.lower()).rpartition("-")[2]
    if lw in _IRREGULAR_PLURALS:
        return True
    if lw in _NOT_PLURAL or len(lw) < 3:
        return False
    return lw.endswith("s") and not lw.endswith(("ss", "us", "is", "ous"))


def _looks_adjective(word: str) -> bool:
    """Say whether a word looks like an adjective (nationality, -al, -ic, ...) rather than a noun."""
    lw = strip_possessive(word.lower())
    return lw in _ADJECTIVES or (len(lw) > 4 and lw.endswith(_ADJ_SUFFIXES))


def _singularise(w: str) -> str:
    """Return the singular of a regular English plural noun."""
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes", "zes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _pluralise(unit: str) -> str:
    """Return the plural of a unit for display ("hour" -> "hours", "casualty" -> "casualties")."""
    if unit in _PLURAL_IRREGULAR:
        return _PLURAL_IRREGULAR[unit]
    head, sep, last = unit.rpartition(" ")
    if sep:
        return f"{head} {_pluralise(last)}"
    if unit.endswith("y") and len(unit) > 2 and unit[-2] not in "aeiou":
        return unit[:-1] + "ies"
    if unit.endswith(("s", "x", "z", "ch", "sh")):
        return unit + "es"
    return unit + "s"


def _singular_display(unit: str) -> str:
    """Return the singular of a unit for display ("people" -> "person")."""
    return "person" if unit == "people" else unit


def _unit_class(unit: str | None) -> str | None:
    """Return the class of a unit for ``same_quantity`` (synonyms map to one name)."""
    if unit is None:
        return None
    unit = normalise_unit(unit)
    return _UNIT_CLASSES.get(unit, unit)


def _fmt(v: float) -> str:
    """Format a value for display: "8", "1,200", "3.5", "5 billion", "1.2 million"."""
    if math.isinf(v):
        return "infinity"
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if v >= scale and math.isclose(round(v / scale, 2) * scale, v):
            return f"{v / scale:g} {word}"
    if v == int(v):
        return f"{int(v):,}"
    return f"{v:,.6g}"


def _amount(v: float, unit: str | None) -> str:
    """Format a value with its currency symbol or percent sign where the unit has one."""
    if unit in _CURRENCY_SYMBOLS:
        return f"{_CURRENCY_SYMBOLS[unit]}{_fmt(v)}"
    if unit == "percent":
        return f"{_fmt(v)}%"
    return _fmt(v)
