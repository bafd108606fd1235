"""Mentions NER missed, found in the story itself, for ``resolve``.

- **the story's own names** (``recovered_mentions``): a name NER marked in one article, looked up where it did not
  mark it (also in capitals, for datelines), but not inside a longer name;
- **long names NER never marked** (``unmarked_names``): runs of capitalised words the story repeats or whose head
  says they are a body ("Christie for Governor", "Port Authority of New York and New Jersey");
- **party letters** ("(R-Texas)", "Gov. Chris Christie (R)") and **abbreviated states** ("(R-N.Y.)", "Corpus
  Christi, Tex.") whose full name the story writes elsewhere.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from .analyze.speakers import PERSON_NOUNS
from .entity_types import (
    AGENCY_WORDS,
    BODY_WORDS,
    LAST_WORD_TYPES,
    PLACE_LABELS,
    TITLES,
    is_demonym,
    starts_with_a_word,
    without_designator,
)
from .model import Analysis, Article, Mention
from .util import sentence_index, strip_possessive


def recovered_mentions(articles: Sequence[Article], analyses: Sequence[Analysis]) -> dict[str, list[Mention]]:
    """Occurrences of the story's names that NER did not mark, per article id.

    spaCy's small model finds a name in one sentence and misses it in the next ("Bruce Braley" tagged in one
    outlet, not in another); the story's own mentions are the best gazetteer for it. Each name NER found
    anywhere in the story (two characters or more, with a capital) is looked up as a whole word in every
    article, written as found or in capitals (datelines: "WASHINGTON"), and an occurrence that no mention
    overlaps becomes a mention with the name's most frequent label. An occurrence inside a longer name
    (a capitalised word right after it, or right before it when that word is not a title) is left alone:
    "New York" in "New York State Workers' Compensation Board" is not New York.
    """
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for analysis in analyses:
        for m in analysis.mentions:
            name = strip_possessive(m.text.strip())
            if len(name) >= 2 and any(ch.isupper() for ch in name) and not name.isdigit():
                labels[name][m.label] += 1
                short = without_designator(name)
                if short and m.label in PLACE_LABELS:  # "the Mediterranean" of "the Mediterranean Sea"
                    labels[short][m.label] += 1
    if not labels:
        return {}
    forms = {form: name for name in labels for form in (name, name.upper()) if form == name or len(name) >= 4}
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w-])")
    texts = {a.id: a.text for a in articles}
    out: dict[str, list[Mention]] = {}
    for analysis in analyses:
        text = texts.get(analysis.article_id, "")
        taken = sorted((m.start, m.end) for m in analysis.mentions)
        found = []
        for match in pattern.finditer(text):
            start, end = match.span()
            if _overlaps(taken, start, end) or _inside_longer_name(text, start, end):
                continue
            label = labels[forms[match.group()]].most_common(1)[0][0]
            found.append(Mention(start, end, match.group(), label, sentence_index(analysis.sentences, start)))
        if found:
            out[analysis.article_id] = found
    return out


# A name of capitalised words, joined by "of", "for", "and" or "the" ("Port Authority of New York and New Jersey").
CAPITALISED_RUN = re.compile(r"[A-ZÀ-Þ][\w&'’-]*(?:\s(?:(?:of|for|and|the)\s)*[A-ZÀ-Þ][\w&'’-]*)+")
RUN_CONNECTORS = frozenset({"of", "for", "and", "the"})
CALENDAR_WORDS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                            "february", "march", "april", "may", "june", "july", "august", "september", "october",
                            "november", "december", "day"})  # "Labor Day" is a date


def unmarked_names(articles: Sequence[Article], analyses: Sequence[Analysis], recovered: dict[str, list[Mention]]) -> dict[str, list[Mention]]:
    """Names of several capitalised words that NER never marked but the story writes twice or more, per article id.

    spaCy's small model misses long names of bodies and campaigns ("Port Authority of New York and New Jersey",
    "Christie for Governor", "New Jersey Republican State Committee"), or marks only a place inside them. A run of
    capitalised words is taken when the story repeats it, it is not a line of a title-case headline, it holds no
    date word, is no role or group ("FBI Special Agent", "New York Democrat") and a person named inside it is followed
    by "for" (not "President Barack Obama"). Its type comes from its head word ("Committee"), else it is an
    organisation."""
    texts = {a.id: a.text for a in articles}
    found: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    counts: Counter[str] = Counter()
    for analysis in analyses:
        text = texts.get(analysis.article_id, "")
        marked = [*analysis.mentions, *recovered.get(analysis.article_id, ())]
        for start, end, name in _capitalised_runs(text, marked):
            found[analysis.article_id].append((start, end, name))
            counts[name] += 1
    labels = {strip_possessive(m.text): m.label for a in analyses for m in a.mentions}
    out: dict[str, list[Mention]] = {}
    for article_id, runs in found.items():
        kept = [Mention(s, e, name, _run_label(name, labels), 0) for s, e, name in runs if counts[name] >= 2 or _names_a_body(name)]
        if kept:
            out[article_id] = kept
    return out


def _capitalised_runs(text: str, marked: Sequence[Mention]) -> list[tuple[int, int, str]]:
    spans = sorted((m.start, m.end) for m in marked)
    people = [m for m in marked if m.label == "PERSON"]
    groups = {strip_possessive(m.text).lower() for m in marked if m.label == "NORP"}
    first_words = {m.text.split()[0] for m in marked if " " in m.text}
    out = []
    for line_start, line in _lines(text):
        words = re.findall(r"[A-Za-z][\w'’-]*", line)
        if len(words) >= 3 and sum(w[0].isupper() for w in words) * 3 >= len(words) * 2:
            continue  # a title-case headline capitalises every word
        for match in CAPITALISED_RUN.finditer(line):
            at = line_start + match.start()
            for tokens in _list_items([(at + t.start(), at + t.end(), t.group()) for t in re.finditer(r"\S+", match.group())]):
                tokens = _trimmed_run(text, tokens, first_words, {m.start for m in marked})
                if len(tokens) < 2:
                    continue
                start, end = tokens[0][0], tokens[-1][1]
                if any(s <= start and end <= e or s < start < e or s < end < e for s, e in spans):
                    continue  # a name NER marked, inside one, or across one's border
                if _is_a_name(text, tokens, people, groups):
                    out.append((start, end, text[start:end]))
    return out


def _list_items(tokens: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """A run split at each "and" that no "of" comes before: "Christie for Governor and the New Jersey Republican State
    Committee" is two names, "Port Authority of New York and New Jersey" one."""
    items: list[list[tuple[int, int, str]]] = [[]]
    for token in tokens:
        words = [t.lower() for _, _, t in items[-1]]
        if token[2] == "and" and "of" not in words:
            items.append([])
        else:
            items[-1].append(token)
    return items


def _trimmed_run(text: str, tokens: list[tuple[int, int, str]], first_words: set[str], starts: set[int]) -> list[tuple[int, int, str]]:
    """Without a title, "the" or a common word starting a sentence before the name (not the "New" of "New York", nor a
    name NER marked: "America" of "America Rising"), connectors after it, or a possessive ending."""
    while tokens and (tokens[0][2].lower() in TITLES | RUN_CONNECTORS or _at_sentence_start(text, tokens[0][0])
                      and starts_with_a_word(tokens[0][2].lower()) and tokens[0][2] not in first_words and tokens[0][0] not in starts):
        tokens = tokens[1:]
    while tokens and tokens[-1][2].lower() in RUN_CONNECTORS:
        tokens = tokens[:-1]
    if tokens and strip_possessive(tokens[-1][2]) != tokens[-1][2]:
        start, _, word = tokens[-1]
        tokens = [*tokens[:-1], (start, start + len(strip_possessive(word)), strip_possessive(word))]
    return tokens


def _is_a_name(text: str, tokens: list[tuple[int, int, str]], people: Sequence[Mention], groups: set[str]) -> bool:
    """No date, no two names ("Germany's Ahrweiler"), no person but one a campaign is for, no role or group
    ("Member of Congress", "FBI Special Agent", "New York Democrat"; "Christie for Governor" is a campaign)."""
    start, end = tokens[0][0], tokens[-1][1]
    words = [t.lower() for _, _, t in tokens]
    if any(w in CALENDAR_WORDS for w in words) or any(strip_possessive(t) != t for _, _, t in tokens[:-1]):
        return False
    if any(_person_ends_run(text, p, start, end) for p in people):
        return False
    head = words[words.index("of") - 1] if "of" in words else words[-1]
    role = head in TITLES or head in PERSON_NOUNS or head in groups or is_demonym(words[-1].removesuffix("s"))
    return not role or "for" in words


def _names_a_body(name: str) -> bool:
    """A name whose head word says it is a body or a building ("Office of Compliance", "Finance Committee")."""
    head = name.split(" of ")[0].split()[-1].lower()
    return head in BODY_WORDS or head in AGENCY_WORDS or head in LAST_WORD_TYPES


def _run_label(name: str, labels: dict[str, str]) -> str:
    """The type its head word gives a name, else that of the name it is "of" ("Upper East Side of Manhattan"), else ORG."""
    head = name.split(" of ")[0]
    return LAST_WORD_TYPES.get(head.split()[-1].lower()) or labels.get(head) or "ORG"


def _lines(text: str) -> list[tuple[int, str]]:
    out, at = [], 0
    for line in text.split("\n"):
        out.append((at, line))
        at += len(line) + 1
    return out


def _at_sentence_start(text: str, start: int) -> bool:
    return bool(re.search(r"(?:^|[.!?:\"“”]\s*|\n)$", text[max(0, start - 3) : start])) or start == 0


def _person_ends_run(text: str, person: Mention, start: int, end: int) -> bool:
    """A person named inside a run that the run does not continue with "for" ("Christie for Governor"; "Li Zuocheng of
    the People's Liberation Army" is a person and his army)."""
    if not (start <= person.start and person.end <= end):
        return False
    return not re.match(r"\s+for\s", text[person.end : end])


# US outlets write a member of Congress's party and state as "(R-Texas)" or ", D-Iowa,", a governor's as "(R)": the
# letter names the party's members, as the words of the second column do.
PARTY_LETTERS = {"R": ("republican", "republicans"), "D": ("democrat", "democrats", "democratic")}
PARTY_LETTER = re.compile(r"(?:\(|,\s)([RD])-(?=[A-Z][A-Za-z.]*[),])|[A-Z][a-z]+ \(([RD])\)")


def party_letters(text: str) -> list[Mention]:
    """The party letters of "(R-Texas)", ", D-Iowa," and "Gov. Chris Christie (R)" as NORP mentions."""
    return [Mention(m.start(g), m.end(g), m.group(g), "NORP", 0) for m in PARTY_LETTER.finditer(text) for g in (1, 2) if m.group(g)]


# A state written short after a party letter or a town: "(R-N.Y.)", "Corpus Christi, Tex.", "Fort Lee, N.J.,".
PLACE_ABBREVIATION = re.compile(r"(?:[(,]\s?[RDI]-|\b[A-Z][a-z]+,\s)((?:[A-Z]\.){2,3}|[A-Z][a-z]{1,4}\.)(?=[\s,);]|$)")


def place_abbreviations(text: str, places: set[str]) -> list[tuple[Mention, str]]:
    """Abbreviated places ("N.Y.", "Tex.") whose full name the story writes elsewhere ("New York", "Texas"): each as a
    GPE mention with that full name. An abbreviation that fits two of the story's places is left alone."""
    out = []
    for match in PLACE_ABBREVIATION.finditer(text):
        short = match.group(1)
        fits = {p for p in places if _abbreviates(short, p)}
        if len(fits) == 1:
            out.append((Mention(match.start(1), match.end(1), short, "GPE", 0), fits.pop()))
    return out


def _abbreviates(short: str, name: str) -> bool:
    """ "N.Y." abbreviates "New York" (initials); "Tex." abbreviates "Texas" (a one-word name's beginning)."""
    letters = short.replace(".", "")
    words = name.split()
    if len(letters) >= 2 and letters.isupper():
        return len(words) == len(letters) and all(w[0] == c for w, c in zip(words, letters))
    return len(words) == 1 and len(letters) >= 3 and name.startswith(letters) and len(name) > len(letters)


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    k = bisect.bisect_left(spans, (end, end))
    return any(s < end and start < e for s, e in spans[max(0, k - 8) : k])


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    after = re.match(r"[ \t]+([A-Z][\w'’-]*)", text[end : end + 40])
    if after and after.group(1).lower() not in {"the", "a", "an"}:
        return True
    before = re.search(r"([A-Za-z][\w'’.-]*)[ \t]+$", text[max(0, start - 40) : start])
    if not before:
        return False
    word = before.group(1)
    if word.endswith(".") and len(word.rstrip(".")) > 1:
        return False  # "... in December. Greene said": a sentence ended (an initial, "W." of "George W. Bush", did not)
    sentence_start = re.search(r"[.!?\"“”:]\s*$", text[max(0, start - 60) : start - len(before.group(0))] or ".")
    return word[0].isupper() and word.rstrip(".").lower() not in TITLES and not sentence_start
