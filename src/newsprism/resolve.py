"""Cross-article entity resolution: one ``Entity`` per real-world person, organisation or place.

The mentions are NER's, plus those ``recover`` finds where NER missed them: the story's own names in the
articles where NER did not mark them, long names it never marked, party letters ("(R-Texas)") and abbreviated
states ("(R-N.Y.)"). Names are compared on a folded key (ASCII, lower case, titles dropped, transliteration
variants such as y/i and doubled letters folded: "Yury"/"Yuri", "Zelenskyy"/"Zelensky"); then, each rule a merge
of keys:

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

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz
from unidecode import unidecode

from .entity_types import (
    AGENCY_WORDS,
    BODY_WORDS,
    DESIGNATORS,
    PLACE_LABELS,
    TITLES,
    country_code,
    decide_type,
    is_country,
    is_subdivision,
    listed_beside,
    nicknamer,
    seems_person,
    starts_with_a_word,
)
from .model import Analysis, Article, Entity, EntityMention, Mention
from .recover import (
    PARTY_LETTERS,
    RUN_CONNECTORS,
    party_letters,
    place_abbreviations,
    recovered_mentions,
    unmarked_names,
)
from .util import DisjointSet

PERSON_LIKE = frozenset({"PERSON"})
ORG_LIKE = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})
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

    Mentions NER missed are added first (``recover``: the story's own names, long names, party letters, abbreviated
    states).
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
    named = {k for k in candidates if not starts_with_a_word(_name_parts(groups[k])[0])}
    candidates = named or candidates
    if len(candidates) <= 1:
        return candidates
    ranked = sorted(candidates, key=lambda k: -len(groups[k]))
    return {ranked[0]} if len(groups[ranked[0]]) >= 3 * len(groups[ranked[1]]) else set()


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
        listed_with_places = listed_beside([a for e in entities if e.label == "GPE" for a in e.aliases])
        changed = False
        for k, e in enumerate(entities):
            if e.label not in {"PERSON", "NORP", "LOC", "ORG"}:
                continue
            contexts = [_context(texts, m.article, m.start, m.end) for m in e.mentions]
            if listed_with_places(contexts) * 2 > len(contexts) and not seems_person(e.name, contexts):
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
