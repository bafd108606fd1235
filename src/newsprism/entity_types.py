"""One type per entity, decided from all its mentions: the head word of its name and the words around it.

spaCy's small model types a name one mention at a time, and rare names often wrongly ("Gavarzin" a PERSON,
"George Washington Bridge" an ORG, "Politico" a PERSON). ``resolve`` votes NER's labels across an entity's
mentions first; this module then corrects the vote with evidence NER does not weigh:

- **the head word** of a multi-word name says what it is: "... Bridge", "... Hotel", "Rue ..." are
  facilities, "... Sea", "... Riviera" locations, "... Festival" events, "... Party", "... Committee"
  organisations (OntoNotes' definitions, which spaCy's labels follow);
- **a country's name** (``pycountry``) is a GPE, and so are a state or province of ISO 3166-2 ("Kyiv", "Texas")
  and a name written as a settlement ("the port city of Bandar Abbas", "the villages of Tonban"); a country's
  people or adjective ("Ukrainian") is a NORP;
- **a "person" with no sign of being one** (no known first name, no "Mr." or "President" before it, never the
  subject of "said" and its kin)
  is a place when most of its mentions follow a locative preposition ("in Gavarzin", "near Bandar Abbas"),
  and an organisation when it is introduced as one, reports or is told something ("the law firm Patton
  Boggs", "Politico reported", "told France Info").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from .analyze.entities import TITLES as MENTION_TITLES

# The last word of a name and the type it makes the whole name (OntoNotes: FAC = buildings, airports,
# highways, bridges; LOC = non-GPE locations, mountain ranges, bodies of water; EVENT = named events).
LAST_WORD_TYPES = {
    **dict.fromkeys([
        "bridge", "street", "avenue", "boulevard", "road", "highway", "square", "hotel", "tower", "towers",
        "airport", "prison", "stadium", "station", "building", "hall", "capitol", "arena", "tunnel", "canal", "dam"
    ], "FAC"),
    **dict.fromkeys(["sea", "ocean", "river", "lake", "mountains", "gulf", "bay", "riviera", "coast", "valley", "desert", "peninsula"], "LOC"),
    **dict.fromkeys(["festival", "games", "olympics", "war", "championship", "championships", "summit"], "EVENT"),
    **dict.fromkeys([
        "party", "committee", "department", "ministry", "agency", "council", "commission", "authority", "university", "college",
        "inc", "corp", "corporation", "company", "association", "union", "institute", "foundation",
        "post", "times", "news", "journal", "herald", "tribune", "gazette", "telegraph", "chronicle",  # newspapers
    ], "ORG"),
}
FIRST_WORD_TYPES = {"rue": "FAC", "place": "FAC", "mount": "LOC", "lake": "LOC", "port": "GPE"}
SETTLEMENT_BEFORE = re.compile(
    r"\b(?:city|cities|town|towns|village|villages|port|capital|province|county|suburb|commune|municipality) of\s+$", re.IGNORECASE
)
SETTLEMENT_AFTER = re.compile(r"^\s+(?:city|town|village|county|province|municipality)\b", re.IGNORECASE)  # "the Deyrestan village"
LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|at|from|outside|of the (?:village|town|city) of|village of|town of)\s+$", re.IGNORECASE)
SPEECH_AFTER = re.compile(r"^[’']?s?\s*(?:said|says|told|added|wrote|explained|argued|stated|asked|testified|denied)\b", re.IGNORECASE)
ORGANISATION_BEFORE = re.compile(
    r"\b(?:told|firm|company|network|newspaper|radio|station|channel|website|magazine|outlet|agency|group|publication"
    r"|partners? (?:at|with|of|in)|works? (?:at|for)|worked (?:at|for))\s+(?:the\s+)?$"
    r"|\b(?-i:[A-Z][a-z]+ [A-Z][a-z]+),? of\s+$",  # "William McGinley of Patton Boggs": a person's firm
    re.IGNORECASE,
)
TITLE_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|President|Senator|Sen|Rep|Gov|Governor|Judge|Mayor|Minister)\.?\s+$")
ORGANISATION_AFTER = re.compile(
    r"^\s*(?:reported|reports|was (?:the )?first to report|radio|newspaper|magazine|website|news agency|account|page|profile|feed)\b",
    re.IGNORECASE,
)


def decide_type(name: str, voted: str, contexts: Sequence[tuple[str, str]]) -> str:
    """The type of an entity called ``name`` whose mentions NER voted ``voted``.

    Args:
        name: its display name.
        voted: the label NER's mentions voted for.
        contexts: for each mention, the text just before it and just after it (a few dozen characters).
    """
    head = name.split(" of ")[0]  # "Port Authority of New York": an authority
    words = [w.lower() for w in re.findall(r"[A-ZÀ-Þ]?[a-zß-ÿ0-9]+|[A-ZÀ-Þ0-9]+(?![a-z])", head)]  # "HuffPost": huff, post
    if not words:
        return voted
    speaks = voted == "PERSON" and any(SPEECH_AFTER.match(a) or TITLE_BEFORE.search(b) for b, a in contexts)
    if len(words) > 1 and not speaks and (by_head := LAST_WORD_TYPES.get(words[-1]) or FIRST_WORD_TYPES.get(words[0])):
        return by_head  # not for a person who speaks or has a title: "Arsenio Hall said", "Mrs. Post"
    if len(words) == 1 and words[0] in {"western", "eastern", "northern", "southern"}:
        return "NORP"  # "Western nations": a bloc's adjective, as OntoNotes types it
    if len(words) == 1 and voted != "PERSON" and LAST_WORD_TYPES.get(words[0]) == "LOC":
        return "LOC"  # "the Riviera", "the Gulf"
    if voted in {"GPE", "LOC", "ORG", "PERSON", "FAC"} and is_country(name):
        return "GPE"
    if voted in {"GPE", "LOC", "ORG"} and len(words) == 1 and is_demonym(name):
        return "NORP"  # "Ukrainian" is the people, not the country
    if voted != "GPE" and is_subdivision(name) and not _seems_person(words, contexts):
        return "GPE"  # "according to Kyiv", "Kyiv says": the city, however NER read it
    if voted not in {"GPE", "NORP"} and any(SETTLEMENT_BEFORE.search(before) or SETTLEMENT_AFTER.match(after) for before, after in contexts):
        return "GPE"
    if voted == "PERSON" and not _seems_person(words, contexts):
        if sum(bool(LOCATIVE_BEFORE.search(before)) for before, _ in contexts) * 2 > len(contexts):
            return "GPE"
        if any(ORGANISATION_BEFORE.search(before) or ORGANISATION_AFTER.match(after) for before, after in contexts):
            return "ORG"
    return voted


def listed_beside(names: Sequence[str]) -> Callable[[Sequence[tuple[str, str]]], int]:
    """A counter of the mentions (by their contexts) that stand in a list beside one of ``names`` ("Tonban, Gavarzin
    and Khaledin"); the names' pattern is compiled once for all the entities counted."""
    if not names:
        return lambda contexts: 0
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    before = re.compile(rf"(?:{alternatives})(?:,| and|, and)\s+$")
    after = re.compile(rf"^(?:,| and|, and)\s+(?:{alternatives})\b")
    return lambda contexts: sum(bool(before.search(b) or after.match(a)) for b, a in contexts)


def seems_person(name: str, contexts: Sequence[tuple[str, str]]) -> bool:
    """A known first name, or a mention that speaks ("X said")."""
    return _seems_person(re.findall(r"[A-Za-zÀ-ÿ0-9]+", name.lower()), contexts)


def _seems_person(words: Sequence[str], contexts: Sequence[tuple[str, str]]) -> bool:
    """A known first name, a person's title before a mention ("Mr. Obama"), or a mention that speaks ("X said")."""
    return ((len(words) > 1 and is_given_name(words[0]))
            or any(SPEECH_AFTER.match(after) or TITLE_BEFORE.search(before) for before, after in contexts))


@functools.lru_cache(maxsize=8192)
def is_given_name(word: str) -> bool:
    """True when ``word`` (lower case) is an English given name or nickname of the ``nicknames`` table."""
    table = nicknamer()
    return bool(table.nicknames_of(word) or table.canonicals_of(word))


@functools.lru_cache(maxsize=1)
def nicknamer():  # type: ignore[no-untyped-def]
    """The ``nicknames`` package's table of English given names and their nicknames (loaded once)."""
    from nicknames import NickNamer

    return NickNamer()


# English short names of countries that ISO 3166 does not list among a country's names.
COUNTRY_SHORT_NAMES = {
    "america": "USA", "britain": "GBR", "great britain": "GBR", "holland": "NLD", "burma": "MMR",
    "ivory coast": "CIV", "swaziland": "SWZ",
}


@functools.lru_cache(maxsize=8192)
def country_code(text: str) -> str | None:
    """The ISO 3166 alpha-3 code of the country ``text`` names or abbreviates ("USA", "United States", "America"),
    else None."""
    import pycountry

    try:
        return pycountry.countries.lookup(text.strip()).alpha_3
    except LookupError:
        return COUNTRY_SHORT_NAMES.get(text.strip().lower())


def is_country(text: str) -> bool:
    return country_code(text) is not None


@functools.lru_cache(maxsize=8192)
def is_subdivision(text: str) -> bool:
    """True when ``text`` names a state, province or capital region of ISO 3166-2 (``pycountry``: "Kyiv", "Texas")."""
    import pycountry

    try:
        pycountry.subdivisions.lookup(text.strip())
        return True
    except LookupError:
        return False


DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "an", "i")


@functools.lru_cache(maxsize=8192)
def is_demonym(word: str) -> bool:
    """True when ``word`` is a country's people or adjective ("Ukrainian", "Chinese", "Israeli", "Afghan"): it
    ends like one and, without that ending, begins a country's name in ``pycountry``."""
    import pycountry

    lower = word.strip().lower()
    if is_country(word) or not lower.isalpha():
        return False
    for ending in DEMONYM_ENDINGS:
        stem = lower[: -len(ending)]
        if lower.endswith(ending) and len(stem) >= 4:
            return any(c.name.lower().startswith(stem) or getattr(c, "common_name", "").lower().startswith(stem)
                       for c in pycountry.countries)
    return False


# --- name knowledge that resolution and mention recovery share ---------------------------------------------

# the name-key also drops the royal and religious titles that a mention keeps ("King Charles" ~ "Charles")
TITLES = MENTION_TITLES | frozenset({"sir", "dame", "lord", "lady", "king", "queen", "prince", "princess", "pope"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# the last word of a body's name: a title before it is part of the name ("State Department", "Justice Department")
BODY_WORDS = frozenset({"department", "ministry", "office", "bureau", "committee", "court", "council", "commission", "agency"})
COMMON_WORD_ZIPF = 5.0  # about once in 100,000 words: "anything" (5.6), "former" (5.3); "Barack" is 4.0
# The word that says what kind of place or body a name is, which outlets write or leave out.
DESIGNATORS = frozenset({
    "island", "islands", "isle", "sea", "ocean", "river", "lake", "mountain", "mountains", "bay", "gulf", "strait",
    "canal", "valley", "peninsula", "desert", "hotel", "tower", "towers", "airport", "bridge", "prison", "stadium",
    "museum", "corps", "company", "corporation", "group", "inc", "ltd", "llc"
})
AGENCY_WORDS = frozenset({"department", "ministry", "office", "bureau", "agency"})


def starts_with_a_word(first: str) -> bool:
    """A first token that is a common English word (Zipf frequency >= 5, "anything", "former") and no given name."""
    from wordfreq import zipf_frequency

    return zipf_frequency(first, "en") >= COMMON_WORD_ZIPF and not is_given_name(first)


def without_designator(name: str) -> str | None:
    """ "Mediterranean Sea" -> "Mediterranean", "Qeshm Island" -> "Qeshm"; None when the name has no designator
    or too little would be left."""
    words = name.split()
    if len(words) > 1 and words[-1].lower() in DESIGNATORS and len(" ".join(words[:-1])) >= 4 and words[-2][0].isupper():
        return " ".join(words[:-1])
    return None
