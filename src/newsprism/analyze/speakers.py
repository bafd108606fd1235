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


MODIFIER_AFTER = re.compile(r"^(?:['’]s?(?!\w)|\s+(?!(?:of|for|at|with|from|and|in|on|who|whose)\b)[a-z])")
# The roles news reports quote people by ("officials said", "a spokeswoman said").
SPEAKING_ROLES = frozenset({
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "aide", "aides", "adviser", "advisers",
    "minister", "president", "leader", "leaders", "source", "sources", "analyst", "analysts", "expert", "experts",
    "diplomat", "diplomats", "lawmaker", "lawmakers", "senator", "governor", "mayor", "secretary", "chief", "police",
    "witness", "witnesses", "resident", "residents",
})
# Nouns for people: a description ending in one ("a France Telecom spokeswoman") is someone's words.
PERSON_NOUNS = SPEAKING_ROLES | {
    "lawyer", "lawyers", "attorney", "attorneys", "prosecutor", "prosecutors", "congressman", "congresswoman",
    "representative", "officer", "officers", "insiders", "people", "person", "man", "woman", "director", "chairman",
    "chairwoman", "executive", "manager", "member", "members", "agent", "agents",
}
# Titles written before a name and the roles they make a person ("Rep. Blake Farenthold" is "the congressman").
TITLE_ROLES = {
    "rep": frozenset({"congressman", "congresswoman", "lawmaker", "representative"}),
    "representative": frozenset({"congressman", "congresswoman", "lawmaker"}),
    "congressman": frozenset({"lawmaker", "representative"}),
    "congresswoman": frozenset({"lawmaker", "representative"}),
    "sen": frozenset({"senator", "lawmaker"}),
    "senator": frozenset({"lawmaker"}),
    "gov": frozenset({"governor"}),
    "gen": frozenset({"general"}),
    "pres": frozenset({"president"}),
    "atty": frozenset({"attorney", "lawyer"}),
    "dr": frozenset({"doctor"}),
    "prof": frozenset({"professor"}),
}
# Role nouns that name the same role ("Grimm's attorney" is "Grimm's lawyer").
ROLE_SYNONYMS = {
    word: group
    for group in (frozenset({"lawyer", "attorney", "counsel"}), frozenset({"spokesman", "spokeswoman", "spokesperson"}))
    for word in group
}
PREPOSITIONS = frozenset({"for", "of", "to", "with", "at", "from", "by", "against", "about"})
# a name after a preposition only qualifies the speaker phrase ("a lawyer for Mr. Grimm", "close to the GOP chairman")
MODIFIER_BEFORE = re.compile(rf"\b(?:{'|'.join(sorted(PREPOSITIONS | {'in', 'on'}))})\s+(?:(?:the|a|an|Mr\.|Mrs\.|Ms\.|Dr\.)\s+)?$")
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})


def names_the_speaker(text: str, speaker: Span, mention: Mention) -> bool:
    """Whether a name inside a speaker phrase is the speaker, not a word that only qualifies it.

    "Bob Haueter, Farenthold's chief of staff": Bob Haueter, not Farenthold (a possessive); "Kremlin aide Yuri
    Ushakov": not Kremlin (a noun follows it); "a lawyer for Mr. Grimm", "some close to the GOP chairman":
    neither name (each follows a preposition: the speaker is the lawyer, the people close to him).
    """
    after = text[mention.end : speaker.end]
    before = text[speaker.start : mention.start]
    return not MODIFIER_AFTER.match(after) and not MODIFIER_BEFORE.search(before)


def speaker_name(doc: Doc, speaker: Span | None, persons: Sequence[Mention]) -> str | None:
    """The name behind a speaker span: a person named in it, a pronoun's antecedent, or the span itself."""
    if speaker is None:
        return None
    full = doc_text(doc)
    inside = [m for m in persons if speaker.start <= m.start and m.end <= speaker.end and names_the_speaker(full, speaker, m)]
    if inside:
        return max(inside, key=lambda m: m.end - m.start).text
    text = full[speaker.start : speaker.end]
    if text.lower() in RELATIVE_PRONOUNS:
        return _relative_antecedent(doc, speaker, persons) or text
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


def is_person_description(text: str) -> bool:
    """A speaker phrase that names a person: a proper name ("Braley", "Bob Haueter") or a description whose
    head is a person noun ("a France Telecom spokeswoman"), not "His company's sensors"."""
    words = WORD.findall(text)
    if not words:
        return False
    if all(w[0].isupper() for w in words) and words[0].lower() not in PRONOUNS:
        return True
    return words[-1].lower() in PERSON_NOUNS


def _relative_antecedent(doc: Doc, speaker: Span, persons: Sequence[Mention]) -> str | None:
    """ "a lawyer who contacted ... to complain that": the noun phrase the relative clause hangs off, or the
    person named in it."""
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if span is None or span.root.head.dep_ != "relcl":
        return None
    noun = span.root.head.head
    tokens = [t for t in noun.subtree if t.i < span.root.i and t.dep_ not in {"relcl", "punct"} or t.i == noun.i]
    phrase = Span(min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens))
    text = doc_text(doc)
    named = [m for m in persons if phrase.start <= m.start and m.end <= phrase.end and names_the_speaker(text, phrase, m)]
    return max(named, key=lambda m: m.end - m.start).text if named else text[phrase.start : phrase.end]


def _described_person(doc: Doc, speaker: Span, persons: Sequence[Mention]) -> Mention | None:
    """The person a description names: "the (four-term) congressman" is the last person introduced with
    that word or a title that means it before the name ("Kremlin aide Yuri Ushakov", "Rep. Blake Farenthold");
    "Grimm's attorney" is the person the article introduces as such ("Grimm's lawyer, William McGinley")."""
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if span is None or span.root.pos_ != "NOUN":
        return None
    role = span.root.lower_
    if span[0].lower_ == "the":
        return _introduced_as(doc_text(doc), speaker, persons, role) if len(span) <= 6 else None
    owner = next((m for m in persons if speaker.start <= m.start and m.end <= speaker.end), None)
    if owner is not None and role in PERSON_NOUNS and span.root.i == span.end - 1:
        return _named_as_role_of(doc_text(doc), speaker, persons, owner, role)
    return None


def _introduced_as(text: str, speaker: Span, persons: Sequence[Mention], role: str) -> Mention | None:
    """The last person before ``speaker`` introduced with ``role`` or a title that means it."""
    for mention in reversed([m for m in persons if m.end <= speaker.start]):
        words = WORD.findall(text[max(0, mention.start - 50) : mention.start].lower())
        introduced = words[-3:]
        found = [i for i, w in enumerate(introduced) if w == role or role in TITLE_ROLES.get(w, ())]
        if not found:
            continue
        # "Kremlin aide Yuri Ushakov" introduces Ushakov as the aide; "the congressman's lawyer, William
        # McGinley" and "a lawyer for the congressman, William McGinley" do not introduce him as the congressman
        at = len(words) - len(introduced) + found[0]
        before = [w for w in words[:at] if w not in {"the", "a", "an"}]
        if "s" not in words[at + 1 :] and not (before and before[-1] in PREPOSITIONS):
            return mention
    return None


def _named_as_role_of(text: str, speaker: Span, persons: Sequence[Mention], owner: Mention, role: str) -> Mention | None:
    """The one person the article names as ``owner``'s ``role``: "Grimm's lawyer, William McGinley", "a lawyer for
    Mr. Grimm, William McGinley", "William McGinley, Grimm's attorney"."""
    surname = re.escape(owner.text.split()[-1])
    roles = "|".join(re.escape(r) for r in ROLE_SYNONYMS.get(role, {role}))
    before = re.compile(rf"(?:{surname}['’]s\s+(?:\w+\s+)?(?:{roles})|(?:{roles})\s+(?:for|to)\s+(?:\w+\.?\s+)?{surname}),?\s+$")
    after = re.compile(rf"^,\s+(?:the\s+)?{surname}['’]s\s+(?:\w+\s+)?(?:{roles})\b")
    named = [
        m for m in persons
        if not (speaker.start <= m.start < speaker.end) and owner.text.split()[-1] not in m.text
        and (before.search(text[max(0, m.start - 80) : m.start]) or after.match(text[m.end : m.end + 80]))
    ]
    return named[0] if len({m.text for m in named}) == 1 else None


def gender_clash(doc: Doc, persons: Sequence[Mention], pronoun: str, name: str) -> bool:
    """True when a gendered pronoun ("she") cannot be ``name``: the article gives that person the other gender."""
    wanted = GENDERED_PRONOUNS.get(pronoun.lower())
    known = _genders(doc, persons).get(_surname(name))
    return wanted is not None and known is not None and known != wanted


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
