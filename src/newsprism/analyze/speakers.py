"""Who a speaker span names: a person named in it, a pronoun's antecedent, or the person a description introduced.

A pronoun speaker is the last person named before it, skipping to the last nearby person of the
pronoun's gender where the article gives one (a Mr./Mrs./Ms. title, or "X said he ..."). A definite
description ("the Kremlin aide") names the last person introduced with its word ("Kremlin aide Yuri
Ushakov"). Anything else is named by its own words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from ..model import Mention, Span
from .entities import doc_text

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
WORD = re.compile(r"\w+")
PRONOUN_REACH = 400  # characters back within which a person of the pronoun's known gender is preferred
GENDERED_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
TITLE_GENDER = re.compile(r"\b(?:(Mr)|(Mrs|Ms|Miss))\.?\s+$")


def speaker_name(doc: Doc, speaker: Span | None, persons: Sequence[Mention]) -> str | None:
    """The name behind a speaker span: a person named in it, a pronoun's antecedent, or the span itself."""
    if speaker is None:
        return None
    inside = [m for m in persons if speaker.start <= m.start and m.end <= speaker.end]
    if inside:
        return max(inside, key=lambda m: m.end - m.start).text
    text = doc_text(doc)[speaker.start : speaker.end]
    if text.lower() in PRONOUNS:
        before = [m for m in persons if m.end <= speaker.start]
        pronoun_gender = GENDERED_PRONOUNS.get(text.lower())
        if pronoun_gender is not None:  # "she": the last woman named nearby, else the last person who may be one
            genders = _genders(doc, persons)
            known = [m for m in before if genders.get(_surname(m.text)) == pronoun_gender and speaker.start - m.end < PRONOUN_REACH]
            fitting = [m for m in before if genders.get(_surname(m.text), pronoun_gender) == pronoun_gender]
            before = known or fitting or before
        return before[-1].text if before else text
    described = _described_person(doc, speaker, persons)
    return described.text if described is not None else text


def _described_person(doc: Doc, speaker: Span, persons: Sequence[Mention]) -> Mention | None:
    """The person a definite description names: "the Kremlin aide" is the last person introduced with
    that word before the name ("Kremlin aide Yuri Ushakov", "President Volodymyr Zelensky")."""
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if span is None or len(span) > 4 or span[0].lower_ != "the" or span.root.pos_ != "NOUN":
        return None
    role = span.root.lower_
    for mention in reversed([m for m in persons if m.end <= speaker.start]):
        introduced = WORD.findall(doc_text(doc)[max(0, mention.start - 40) : mention.start].lower())[-3:]
        if role in introduced:
            return mention
    return None


def _surname(name: str) -> str:
    return name.split()[-1].lower() if name.split() else ""


def _genders(doc: Doc, persons: Sequence[Mention]) -> dict[str, str]:
    """The gender the article itself gives each person (by surname): a title before a mention ("Mrs.
    Clinton"), or a he/she later in a sentence the person is the subject of ("Trump said he would").
    Cached on the doc; a person with evidence both ways is left out."""
    cached = doc.user_data.get("newsprism_genders")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    votes: dict[str, set[str]] = {}
    text = doc_text(doc)
    for mention in persons:
        found = set()
        title = TITLE_GENDER.search(text[max(0, mention.start - 6) : mention.start])
        if title:
            found.add("m" if title.group(1) else "f")
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and span.root.dep_ in {"nsubj", "nsubjpass"}:
            later = [t for t in span.root.sent if t.i > span.end - 1 and t.lower_ in GENDERED_PRONOUNS]
            others = [m for m in persons if mention.end < m.start < (later[0].idx if later else mention.end)]
            if later and not others:
                found.add(GENDERED_PRONOUNS[later[0].lower_])
        votes.setdefault(_surname(mention.text), set()).update(found)
    genders = {name: found.pop() for name, found in votes.items() if len(found) == 1}
    doc.user_data["newsprism_genders"] = genders
    return genders
