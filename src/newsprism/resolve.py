"""Cross-article entity resolution: one ``Entity`` per real-world person, organisation or place.

The mentions are NER's, plus the story's own names where NER missed them in another article
(``recovered_mentions``) and the party letters of "(R-Texas)". Names are compared on a folded key (ASCII,
lower case, titles dropped, transliteration variants such as y/i and doubled letters folded: "Yury"/"Yuri",
"Zelenskyy"/"Zelensky"); then, each rule a merge of keys:

- near-identical spellings; middle initials ("Donald Trump"/"Donald J. Trump", unless two different sets of
  initials compete: "George H. W. Bush"/"George W. Bush");
- a person's nickname or middle name ("Chuck Grassley"/"Charles E. Grassley", ``nicknames``; "Jr." apart);
- one country however written (``pycountry``), an agency named both ways round, a name with and without its
  designator ("Qeshm Island"), a body's name inside a longer one unless the longer adds a place;
- a one-word name onto the one full name it ends (or starts: "Kim" of "Kim Jong Un"), an acronym onto the name
  whose initials it spells ("EU").

Each entity's type is voted across its mentions and corrected by ``entity_types`` (head words, countries,
context), so one mislabelled mention does not split a person in two. Descriptions ("the Kremlin aide") and
pronouns are resolved by the quote analysis, not here.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz
from unidecode import unidecode

from .analyze.entities import TITLES as MENTION_TITLES
from .analyze.speakers import PERSON_NOUNS
from .entity_types import (
    LAST_WORD_TYPES,
    country_code,
    decide_type,
    is_country,
    is_demonym,
    is_given_name,
    is_subdivision,
    listed_with,
    nicknamer,
    seems_person,
)
from .model import Analysis, Article, Entity, EntityMention, Mention
from .util import DisjointSet, strip_possessive

# the name-key also drops the royal and religious titles that a mention keeps ("King Charles" ~ "Charles")
TITLES = MENTION_TITLES | frozenset({"sir", "dame", "lord", "lady", "king", "queen", "prince", "princess", "pope"})
PERSON_LIKE = frozenset({"PERSON"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ORG_LIKE = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})
# the last word of a body's name: a title before it is part of the name ("State Department", "Justice Department")
BODY_WORDS = frozenset({"department", "ministry", "office", "bureau", "committee", "court", "council", "commission", "agency"})
COMMON_WORD_ZIPF = 5.0  # about once in 100,000 words: "anything" (5.6), "former" (5.3); "Barack" is 4.0
CONTEXT = 40  # characters each side of a mention that type decisions read
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
NON_WORD = re.compile(r"[^a-z0-9 ]+")
VOWELS = frozenset("aeiou")


@dataclass(frozen=True)
class Resolution:
    """The entities, and which entity each mention (article id, start, end) belongs to."""

    entities: tuple[Entity, ...]
    entity_of: dict[tuple[str, int, int], str]

    def entity_for(self, article: str, mention: Mention) -> str | None:
        return self.entity_of.get((article, mention.start, mention.end))

    def by_id(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    def entity_named(self, name: str | None, label: str | None = None) -> str | None:
        """The id of the first entity (of ``label``, if given) with an alias that folds to ``name``'s key."""
        if not name:
            return None
        key = fold_name(name)
        candidates = [e for e in self.entities if label is None or e.label == label]
        for entity in candidates:
            if any(fold_name(a) == key for a in entity.aliases):
                return entity.id
        # "Donald J. Trump" names the entity seen only as "Donald Trump" (or the reverse), if just one fits
        near = {e.id for e in candidates if any(_same_but_initials(fold_name(a), key) for a in e.aliases)}
        return near.pop() if len(near) == 1 else None


def same_entity_names(query: str, names: Iterable[str]) -> set[str]:
    """The ``names`` that may name what ``query`` names, for finding an entity across a corpus: the same name however
    spelled or transliterated ("Yury Ushakov" / "Yuri Ushakov"), the same country ("U.S." / "United States"), and for a
    person's full name the same person with a nickname, initial or middle name ("Chuck Grassley" / "Charles E.
    Grassley") or by surname alone; a one-word query also finds full names ending with it ("Putin")."""
    key = fold_name(query)
    if not key:
        return set()
    parts = _name_parts([("", Mention(0, 0, query, "PERSON", 0))])
    code = country_code(query)
    found = set()
    for name in names:
        other = fold_name(name)
        if not other:
            continue
        if other == key or (code is not None and country_code(name.replace(".", "") if "." in name else name) == code):
            found.add(name)
        elif len(key.split()) == 1 and other.split()[-1] == key:
            found.add(name)  # "Putin": "Vladimir Putin"
        elif parts[2] and (other == _fold_token(parts[2]) or _same_person(parts, _name_parts([("", Mention(0, 0, name, "PERSON", 0))]))):
            found.add(name)  # "Chuck Grassley": "Grassley", "Charles E. Grassley"
    return found


def leading_names(counts: Sequence[tuple[str, int, int]], limit: int) -> list[str]:
    """The ``limit`` most reported names of a set of articles, each person or place once however it is written.

    Args:
        counts: (name, articles naming it, mentions) per distinct name, as a corpus store counts them.
        limit: how many names to return.
    Names that fold to one key ("Yury Ushakov" / "Yuri Ushakov"), one country's forms ("U.S." / "United States")
    and a one-word name that ends (or, for a family name written first, starts) only one longer name ("Putin" /
    "Vladimir Putin") are one; each group is shown by its most reported longest form and ranked by the most
    articles any of its forms is in (forms of one name share articles), then by the mentions of all its forms.
    """
    keys = {name: fold_name(name) for name, _, _ in counts if fold_name(name)}
    groups = DisjointSet(list(dict.fromkeys(keys.values())))
    by_country: dict[str, str] = {}
    for name, key in keys.items():
        code = country_code(name)
        if code:
            groups.union(by_country.setdefault(code, key), key)
    long_keys = [k for k in set(keys.values()) if len(k.split()) > 1]
    for key in {k for k in keys.values() if len(k.split()) == 1}:
        ends = {groups.find(k) for k in long_keys if k.split()[-1] == key}
        fits = ends or {groups.find(k) for k in long_keys if k.split()[0] == key}
        if len(fits) == 1:
            groups.union(fits.pop(), key)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # the most articles one form has, all mentions
    shown: dict[str, tuple[int, int, str]] = {}
    for name, articles, mentions in counts:
        if name not in keys:
            continue
        root = groups.find(keys[name])
        totals[root][0] = max(totals[root][0], articles)
        totals[root][1] += mentions
        rank = (len(keys[name].split()), articles * 1000 + mentions, name)
        if root not in shown or rank[:2] > shown[root][:2]:
            shown[root] = rank
    ranked = sorted(totals, key=lambda r: (-totals[r][0], -totals[r][1], shown[r][2]))
    return [shown[r][2] for r in ranked[:limit]]


def fold_name(name: str) -> str:
    """Return the comparison key of a name: ASCII, lower case, no titles or punctuation, folded spelling.

    >>> fold_name("Yury Ushakov") == fold_name("Yuri Ushakov")
    True
    >>> fold_name("President Volodymyr Zelenskyy") == fold_name("Zelensky")
    False
    >>> fold_name("Zelenskyy") == fold_name("Zelensky")
    True
    """
    text = unidecode(name).lower().replace("'s", "").replace("’s", "")
    text = NON_WORD.sub(" ", text.replace(".", ""))
    tokens = [t for t in text.split() if t]
    while len(tokens) > 1 and tokens[0] in TITLES and tokens[-1] not in BODY_WORDS:
        tokens = tokens[1:]
    return " ".join(_fold_token(t) for t in tokens)


def _fold_token(token: str) -> str:
    token = token.replace("y", "i").replace("kh", "h").replace("ph", "f")
    return re.sub(r"(.)\1+", r"\1", token)


def resolve_entities(articles: Sequence[Article], analyses: Sequence[Analysis]) -> Resolution:
    """Group the entity mentions of all ``analyses`` into entities shared across articles.

    Names that NER found in one article are also looked for where it missed them (``recovered_mentions``).
    """
    groups: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    recovered = recovered_mentions(articles, analyses)
    places = {m.text for a in analyses for m in a.mentions if m.label == "GPE" and len(m.text) > 3}
    abbreviated: dict[str, str] = {}  # key of an abbreviation -> key of the place it abbreviates
    for article_id, found in unmarked_names(articles, analyses, recovered).items():
        recovered.setdefault(article_id, []).extend(found)
    for article in articles:
        recovered.setdefault(article.id, []).extend(party_letters(article.text))
        for mention, place in place_abbreviations(article.text, places):
            recovered[article.id].append(mention)
            abbreviated[fold_name(mention.text)] = fold_name(place)
    trimmed: dict[tuple[str, int, int], tuple[str, int, int]] = {}  # an analysis mention's span -> the span resolved
    for analysis in analyses:
        for original in (*analysis.mentions, *recovered.get(analysis.article_id, ())):
            mention = _without_direction(original)
            if mention is not original:
                trimmed[(analysis.article_id, original.start, original.end)] = (analysis.article_id, mention.start, mention.end)
            key = fold_name(mention.text)
            if key:
                groups[key].append((analysis.article_id, mention))
    keys = sorted(groups, key=lambda k: (-len(k.split()), -len(groups[k])))
    names = DisjointSet(keys)  # longer, more frequent keys come first and so become the roots
    _merge_spelling_variants(keys, groups, names)
    _merge_middle_initials(keys, groups, names)
    _merge_person_variants(keys, groups, names)
    _merge_name_forms(keys, groups, names)
    _merge_short_forms(keys, groups, names)
    _merge_party_letters(keys, groups, names)
    for short, place in abbreviated.items():
        if short in groups and place in groups:
            names.union(names.find(place), short)
    texts = {a.id: a.text for a in articles}
    entities = _places_listed_with_places([_entity([m for k in ks for m in groups[k]], texts) for ks in names.groups()], texts)
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    entities = _with_unique_ids(entities)
    entity_of = {(m.article, m.start, m.end): e.id for e in entities for m in e.mentions}
    entity_of.update({span: entity_of[resolved] for span, resolved in trimmed.items() if resolved in entity_of})
    return Resolution(tuple(entities), entity_of)


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
                short = _without_designator(name)
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
        starts = [s.start for s in analysis.sentences]
        found = []
        for match in pattern.finditer(text):
            start, end = match.span()
            if _overlaps(taken, start, end) or _inside_longer_name(text, start, end):
                continue
            label = labels[forms[match.group()]].most_common(1)[0][0]
            found.append(Mention(start, end, match.group(), label, max(0, bisect.bisect_right(starts, start) - 1)))
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
    by "for" (not "President Barack Obama"). Its type
    comes from its head word ("Committee"), else it is an organisation."""
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
    names = {(m.start, m.end) for m in marked}
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
                if (start, end) in names or any(s <= start and end <= e or s < start < e or s < end < e for s, e in spans):
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
    name NER marked: "America" of "America Rising"),
    connectors after it, or a possessive ending."""
    while tokens and (tokens[0][2].lower() in TITLES | RUN_CONNECTORS or _at_sentence_start(text, tokens[0][0])
                      and _starts_with_a_word(tokens[0][2].lower()) and tokens[0][2] not in first_words and tokens[0][0] not in starts):
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


def _merge_party_letters(keys: Sequence[str], groups: dict[str, list[tuple[str, Mention]]], names: DisjointSet[str]) -> None:
    """ "R" joins the story's Republicans (the group, not the party's organisation), "D" its Democrats."""
    for letter, words in PARTY_LETTERS.items():
        key = letter.lower()
        if key not in groups:
            continue
        members = [k for k in keys if k in words and _voted_label(groups[k]) == "NORP"]
        if members:
            names.union(names.find(members[0]), key)


DIRECTIONS = frozenset({"southern", "northern", "eastern", "western", "central", "southeastern", "southwestern",
                        "northeastern", "northwestern"})


def _without_direction(mention: Mention) -> Mention:
    """ "Southern Iran" -> "Iran": a compass adjective before a country or province that is not part of its name
    ("Northern Ireland", "Western Sahara" keep theirs)."""
    first, _, rest = mention.text.partition(" ")
    if mention.label in PLACE_LABELS and first.lower() in DIRECTIONS and rest and not is_country(mention.text) \
            and not is_subdivision(mention.text) and (is_country(rest) or is_subdivision(rest)):
        return Mention(mention.end - len(rest), mention.end, rest, "GPE", mention.sentence)
    return mention


def _without_designator(name: str) -> str | None:
    """ "Mediterranean Sea" -> "Mediterranean", "Qeshm Island" -> "Qeshm"; None when the name has no designator
    or too little would be left."""
    words = name.split()
    if len(words) > 1 and words[-1].lower() in DESIGNATORS and len(" ".join(words[:-1])) >= 4 and words[-2][0].isupper():
        return " ".join(words[:-1])
    return None


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


def _merge_spelling_variants(
    keys: Sequence[str], groups: dict[str, list[tuple[str, Mention]]], names: DisjointSet[str]
) -> None:
    """Merge keys of the same length in tokens whose every token is a near-identical spelling.

    One-word names must also share their voted label, so that "Russia" (GPE) and "Russian" (NORP) stay apart.
    """
    for i, a in enumerate(keys):
        ta = a.split()
        for b in keys[i + 1 :]:
            tb = b.split()
            if len(ta) != len(tb) or a[0] != b[0]:
                continue
            if len(ta) == 1 and _voted_label(groups[a]) != _voted_label(groups[b]):
                continue
            if all(x == y or (x[0] == y[0] and fuzz.ratio(x, y) >= 80) for x, y in zip(ta, tb)) and fuzz.ratio(a, b) >= 88:
                names.union(a, b)


def _merge_middle_initials(keys: Sequence[str], groups: dict[str, list[tuple[str, Mention]]], names: DisjointSet[str]) -> None:
    """Merge person names that differ only in how their middle initials are written, or in having them.

    "George H. W. Bush" and "George H.W. Bush" merge, and "Donald J. Trump" with "Donald Trump" (so "Trump"
    then has one full name to join). "George H. W. Bush" and "George W. Bush" are different people, and
    "George Bush" beside both could be either, so it joins neither.
    """
    by_initials: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for key in keys:
        base, initials = _split_initials(key)
        by_initials[base][initials].append(key)
    for variants in by_initials.values():
        spelled = [ks for initials, ks in variants.items() if initials]
        if len(spelled) == 1:  # one set of initials: the bare name is the same person
            spelled = [spelled[0] + variants.get("", [])]
        for same in spelled:
            if len(same) > 1 and _votes_person([m for k in same for m in groups[k]]):
                for key in same[1:]:
                    names.union(same[0], key)


def _split_initials(key: str) -> tuple[str, str]:
    """Split a folded name into the name without middle initials and the initials.

    "donald j trump" -> ("donald trump", "j"); "george hw bush" -> ("george bush", "hw"), as "H.W." folds
    to one token, so a two-letter middle token without a vowel counts as initials ("da", "al" do not).
    A name that starts with an initial ("j d vance") is left whole: its first name is unknown.
    """
    tokens = key.split()
    if len(tokens) < 3 or len(tokens[0]) < 2:
        return key, ""
    middle = tokens[1:-1]
    is_initial = [len(t) == 1 or (len(t) == 2 and not VOWELS & set(t)) for t in middle]
    rest = [t for t, initial in zip(middle, is_initial) if not initial]
    initials = "".join(t for t, initial in zip(middle, is_initial) if initial)
    return " ".join([tokens[0], *rest, tokens[-1]]), initials


def _same_but_initials(a: str, b: str) -> bool:
    """True when two folded names are one name whose middle initials agree or are missing on one side."""
    (base_a, init_a), (base_b, init_b) = _split_initials(a), _split_initials(b)
    return base_a == base_b and (init_a == init_b or not init_a or not init_b)


def _merge_person_variants(keys: Sequence[str], groups: dict[str, list[tuple[str, Mention]]], names: DisjointSet[str]) -> None:
    """Merge a person's full names that differ by a nickname or by a middle name given on one side only.

    "Chuck Grassley" and "Charles E. Grassley", "Bridget Kelly" and "Bridget Anne Kelly": the same surname,
    first names that are one name (equal, or one a nickname of the other in the ``nicknames`` table) and
    middle names that one side leaves out or that agree. A shorter name that fits two different full names
    ("Bridget Kelly" beside "Bridget Anne Kelly" and "Bridget Mary Kelly") joins neither.
    """
    people = [k for k in keys if len(k.split()) > 1 and _votes_person(groups[k])]
    parts = {k: _name_parts(groups[k]) for k in people}
    for k in sorted(people, key=lambda k: len(parts[k][1])):
        fits = {names.find(o) for o in people if o != k and len(parts[o][1]) >= len(parts[k][1]) and _same_person(parts[k], parts[o])}
        fits.discard(names.find(k))
        if len(fits) == 1:
            names.union(fits.pop(), k)


NameParts = tuple[str, tuple[str, ...], str, str]


def _name_parts(mentions: Sequence[tuple[str, Mention]]) -> NameParts:
    """(first name, middle names or initials, surname, suffix) of the most frequent spelling, ASCII lower case,
    titles dropped."""
    text = Counter(m.text for _, m in mentions).most_common(1)[0][0]
    tokens = [t for t in NON_WORD.sub(" ", unidecode(text).lower().replace(".", " ")).split()]
    while len(tokens) > 1 and tokens[0] in TITLES:
        tokens = tokens[1:]
    suffix = ""
    if len(tokens) > 2 and tokens[-1] in NAME_SUFFIXES:
        tokens, suffix = tokens[:-1], tokens[-1]
    if len(tokens) < 2:
        return (tokens[0] if tokens else "", (), "", suffix)
    return tokens[0], tuple(tokens[1:-1]), tokens[-1], suffix


def _same_person(a: NameParts, b: NameParts) -> bool:
    (first_a, middle_a, last_a, suffix_a), (first_b, middle_b, last_b, suffix_b) = a, b
    if suffix_a != suffix_b:  # "Donald Trump Jr." is not "Donald Trump"
        return False
    if not last_a or _fold_token(last_a) != _fold_token(last_b) or min(len(first_a), len(first_b)) < 2:
        return False  # an initial for a first name ("J. Vance") could be anyone of that surname
    if not same_first_name(first_a, first_b):
        return False
    if not middle_a or not middle_b:
        return True
    return len(middle_a) == len(middle_b) and all(x[0] == y[0] and (len(x) == 1 or len(y) == 1 or x == y) for x, y in zip(middle_a, middle_b))


def same_first_name(a: str, b: str) -> bool:
    """True when two (lower-case) first names are one: equal, or one a nickname of the other in the
    ``nicknames`` table (Chuck/Charles, Bill/William, Bob/Robert)."""
    if a == b:
        return True
    if len(a) < 2 or len(b) < 2:
        return False
    table = nicknamer()
    return b in table.nicknames_of(a) or a in table.nicknames_of(b)


def _merge_name_forms(keys: Sequence[str], groups: dict[str, list[tuple[str, Mention]]], names: DisjointSet[str]) -> None:
    """Merge the forms of one organisation or place that are not spelling variants.

    - one country however it is written (``pycountry``: "United States", "USA", "U.S.");
    - "Department of Justice" and "Justice Department" (an agency named both ways round);
    - a name and the same name with its designator ("Qeshm" / "Qeshm Island", "Carlton" / "Carlton Hotel") or
      with what it is "of" ("House" / "House of Representatives", "Port Authority" / "Port Authority of New York");
    - a name of two words or more and the one longer name that ends with it ("Judiciary Committee" / "Senate
      Judiciary Committee"), unless what the longer one adds is a place ("Republican Party" is not the
      "Wisconsin Republican Party").
    A short form that fits two longer names joins neither. People are left to the person rules.
    """
    others = [k for k in keys if not _votes_person(groups[k])]
    by_form: dict[str, list[str]] = defaultdict(list)
    for k in others:
        form = _country_code(groups[k]) or _agency_order(k)
        if form:
            by_form[form].append(k)
    for same in by_form.values():
        for k in same[1:]:
            names.union(same[0], k)
    places = {k for k in keys if _voted_label(groups[k]) in {"GPE", "LOC"}} | {k for k in keys if _country_code(groups[k])}
    for k in others:
        fits = {names.find(o) for o in others if o != k and _longer_form_of(o, k, places)}
        fits.discard(names.find(k))
        if len(fits) == 1:
            names.union(fits.pop(), k)


# The word that says what kind of place or body a name is, which outlets write or leave out.
DESIGNATORS = frozenset({
    "island", "islands", "isle", "sea", "ocean", "river", "lake", "mountain", "mountains", "bay", "gulf", "strait",
    "canal", "valley", "peninsula", "desert", "hotel", "tower", "towers", "airport", "bridge", "prison", "stadium",
    "museum", "corps", "company", "corporation", "group", "inc", "ltd", "llc"
})
AGENCY_WORDS = frozenset({"department", "ministry", "office", "bureau", "agency"})


def _longer_form_of(long_key: str, short_key: str, places: set[str]) -> bool:
    long, short = long_key.split(), short_key.split()
    if len(long) <= len(short):
        return False
    if long[: len(short)] == short and len(long) == len(short) + 1 and long[-1] in DESIGNATORS:
        return True
    if long[: len(short) + 1] == [*short, "of"]:  # "House" of "House of Representatives"
        return True
    added = long[: len(long) - len(short)]
    if added[-1] in RUN_CONNECTORS:
        return False  # "New Jersey" is not the "Port Authority of New York and New Jersey"
    return len(short) >= 2 and long[-len(short) :] == short and " ".join(added) not in places and not is_country(" ".join(added))


def _agency_order(key: str) -> str | None:
    """ "department of justice" and "justice department" -> "justice department"; None for other names."""
    tokens = key.split()
    if len(tokens) >= 3 and tokens[0] in AGENCY_WORDS and tokens[1] == "of":
        return "agency:" + " ".join([*tokens[2:], tokens[0]])
    if len(tokens) >= 2 and tokens[-1] in AGENCY_WORDS:
        return "agency:" + key
    return None


def _country_code(mentions: Sequence[tuple[str, Mention]]) -> str | None:
    """The ISO code of the country the mentions name ("U.S.", "USA", "United States" -> "country:USA"), else None.

    Codes are read only from a place's capitalised abbreviation, so "US" in an ORG name or "IN" is not a country.
    """
    text = Counter(m.text for _, m in mentions).most_common(1)[0][0].strip()
    letters = text.replace(".", "")
    if letters.isupper() and letters.isalpha() and 2 <= len(letters) <= 3:
        if _voted_label(mentions) != "GPE":
            return None
        code = country_code(letters)
    else:
        code = country_code(text) if not letters.isupper() else None
    return f"country:{code}" if code else None


def _merge_short_forms(keys: Sequence[str], groups: dict[str, list[tuple[str, Mention]]], names: DisjointSet[str]) -> None:
    """Attach one-word names to the one longer name ending with them (or, when none ends with them, starting
    with them: family names written first, "Kim" of "Kim Jong Un"), and acronyms to their long form."""
    long_keys = [k for k in keys if len(k.split()) > 1]
    for key in [k for k in keys if len(k.split()) == 1]:
        labels = Counter(m.label for _, m in groups[key])
        if labels.most_common(1)[0][0] in PERSON_LIKE or labels.get("PERSON", 0):
            people = [k for k in long_keys if _votes_person(groups[k])]
            candidates = _dominant({names.find(k) for k in people if _last_matches(k, key)}, groups)
            if not any(_last_matches(k, key) for k in people):  # "Kim" of "Kim Jong Un", "Xi" of "Xi Jinping"
                candidates = _dominant({names.find(k) for k in people if k.split()[0] == key}, groups)
            if len(candidates) == 1:
                names.union(candidates.pop(), key)
                continue
        acronym = _acronym_of(groups[key])
        if acronym:
            candidates = {names.find(k) for k in long_keys if "".join(t[0] for t in k.split() if t not in {"of", "the", "and"}) == acronym}
            if len(candidates) == 1:
                names.union(candidates.pop(), key)


def _voted_label(mentions: Sequence[tuple[str, Mention]]) -> str:
    return Counter(m.label for _, m in mentions).most_common(1)[0][0]


def _votes_person(mentions: Sequence[tuple[str, Mention]]) -> bool:
    return _voted_label(mentions) == "PERSON"


def _last_matches(long_key: str, short: str) -> bool:
    last = long_key.split()[-1]
    return last == short or (last[0] == short[0] and fuzz.ratio(last, short) >= 88)


def _dominant(candidates: set[str], groups) -> set[str]:  # type: ignore[no-untyped-def]
    """Among several full names a surname could mean, drop those that start with a common English word that is
    no first name (NER's "Anything Obama" beside "Barack Obama"), then keep one only if it is mentioned far more
    often than the next."""
    named = {k for k in candidates if not _starts_with_a_word(_name_parts(groups[k])[0])}
    candidates = named or candidates
    if len(candidates) <= 1:
        return candidates
    ranked = sorted(candidates, key=lambda k: -len(groups[k]))
    return {ranked[0]} if len(groups[ranked[0]]) >= 3 * len(groups[ranked[1]]) else set()


def _starts_with_a_word(first: str) -> bool:
    """A first token that is a common English word (Zipf frequency >= 5, "anything", "former") and no given name."""
    from wordfreq import zipf_frequency

    return zipf_frequency(first, "en") >= COMMON_WORD_ZIPF and not is_given_name(first)


def _acronym_of(mentions: Sequence[tuple[str, Mention]]) -> str | None:
    """The letters of an acronym mention ("U.S." -> "us"), or None when the name is not one."""
    text = mentions[0][1].text.replace(".", "")
    if 2 <= len(text) <= 6 and text.isupper() and text.isalpha():
        return text.lower()
    return None


def _entity(mentions: list[tuple[str, Mention]], texts: dict[str, str]) -> Entity:
    # full names are the most reliably labelled ("Trump campaign" makes NER call "Trump" an ORG)
    full = [(a, m) for a, m in mentions if len(fold_name(m.text).split()) > 1]
    surface = Counter(m.text for _, m in mentions)
    name = max(surface, key=lambda s: (len(fold_name(s).split()), surface[s], len(s)))
    contexts = [_context(texts, a, m.start, m.end) for a, m in mentions]
    label = decide_type(name, _voted_label(full or mentions), contexts)
    by_article: dict[str, Counter[str]] = defaultdict(Counter)
    for article, m in mentions:
        by_article[article][m.text] += 1
    return Entity(
        id="",
        name=name,
        label=label,
        aliases=tuple(s for s, _ in surface.most_common()),
        mentions=tuple(EntityMention(a, m.start, m.end, m.text) for a, m in sorted(mentions, key=lambda x: (x[0], x[1].start))),
        aliases_by_article={a: tuple(s for s, _ in c.most_common()) for a, c in by_article.items()},
    )


def _places_listed_with_places(entities: list[Entity], texts: dict[str, str]) -> list[Entity]:
    """Entities listed beside places ("the villages of Tonban, Gavarzin and Khaledin") are places too, when
    most of their mentions stand in such a list and none shows signs of a person. Repeated, so that a list
    whose first place alone was known is typed from its first item on."""
    for _ in range(3):
        places = [a for e in entities if e.label == "GPE" for a in e.aliases]
        changed = False
        for k, e in enumerate(entities):
            if e.label not in {"PERSON", "NORP", "LOC", "ORG"}:
                continue
            contexts = [_context(texts, m.article, m.start, m.end) for m in e.mentions]
            listed = sum(listed_with([c], places) for c in contexts)
            if listed * 2 > len(contexts) and not seems_person(e.name, contexts):
                entities[k], changed = replace(e, label="GPE"), True
        if not changed:
            break
    return entities


def _context(texts: dict[str, str], article: str, start: int, end: int) -> tuple[str, str]:
    """The text just before and just after a mention (``CONTEXT`` characters each)."""
    text = texts.get(article, "")
    return text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def _with_unique_ids(entities: list[Entity]) -> list[Entity]:
    seen: Counter[str] = Counter()
    result = []
    for e in entities:
        slug = re.sub(r"[^a-z0-9]+", "-", unidecode(e.name).lower()).strip("-") or "entity"
        seen[slug] += 1
        eid = slug if seen[slug] == 1 else f"{slug}-{seen[slug]}"
        result.append(Entity(eid, e.name, e.label, e.aliases, e.mentions, e.aliases_by_article))
    return result
