"""Cross-article entity resolution: one ``Entity`` per real-world person, organisation or place.

Names are compared on a folded key (ASCII, lower case, titles dropped, transliteration variants such
as y/i and doubled letters folded: "Yury"/"Yuri", "Zelenskyy"/"Zelensky"), then near-identical keys
are merged, a name joins the same name with middle initials ("Donald Trump"/"Donald J. Trump") unless
two different sets of initials compete ("George H. W. Bush"/"George W. Bush"), surname-only mentions
("Putin") attach to the one full name that ends with them, and an acronym ("U.S.", "EU") joins the name
whose initials it spells. The label is voted across all mentions,
so one mention that NER mislabelled does not split a person in two.

Does not resolve descriptions ("the Kremlin aide") or pronouns; quotes handle pronoun speakers.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from unidecode import unidecode

from .model import Analysis, Article, Entity, EntityMention, Mention
from .util import DisjointSet

TITLES = frozenset(
    """president vice prime minister mr mrs ms miss dr sir dame lord lady sen senator rep representative gov governor
    gen general col colonel capt captain sgt lt adm admiral secretary chancellor king queen prince princess pope
    judge justice mayor chairman chairwoman chair ceo spokesman spokeswoman spokesperson aide envoy ambassador
    foreign defence defense interior state deputy former late gop""".split()
)
PERSON_LIKE = frozenset({"PERSON"})
ORG_LIKE = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC"})
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
    while len(tokens) > 1 and tokens[0] in TITLES:
        tokens = tokens[1:]
    return " ".join(_fold_token(t) for t in tokens)


def _fold_token(token: str) -> str:
    token = token.replace("y", "i").replace("kh", "h").replace("ph", "f")
    return re.sub(r"(.)\1+", r"\1", token)


def resolve_entities(articles: Sequence[Article], analyses: Sequence[Analysis]) -> Resolution:
    """Group the entity mentions of all ``analyses`` into entities shared across articles."""
    groups: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    for analysis in analyses:
        for mention in analysis.mentions:
            key = fold_name(mention.text)
            if key:
                groups[key].append((analysis.article_id, mention))
    keys = sorted(groups, key=lambda k: (-len(k.split()), -len(groups[k])))
    names = DisjointSet(keys)  # longer, more frequent keys come first and so become the roots
    _merge_spelling_variants(keys, groups, names)
    _merge_middle_initials(keys, groups, names)
    _merge_short_forms(keys, groups, names)
    entities = [_entity([m for k in ks for m in groups[k]]) for ks in names.groups()]
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    entities = _with_unique_ids(entities)
    entity_of = {(m.article, m.start, m.end): e.id for e in entities for m in e.mentions}
    return Resolution(tuple(entities), entity_of)


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


def _merge_short_forms(keys: Sequence[str], groups: dict[str, list[tuple[str, Mention]]], names: DisjointSet[str]) -> None:
    """Attach one-word names to the one longer name ending with them, and acronyms to their long form."""
    long_keys = [k for k in keys if len(k.split()) > 1]
    for key in [k for k in keys if len(k.split()) == 1]:
        labels = Counter(m.label for _, m in groups[key])
        if labels.most_common(1)[0][0] in PERSON_LIKE or labels.get("PERSON", 0):
            candidates = {names.find(k) for k in long_keys if _votes_person(groups[k]) and _last_matches(k, key)}
            candidates = _dominant(candidates, groups)
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
    """Among several full names a surname could mean, keep one only if it is mentioned far more often."""
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


def _entity(mentions: list[tuple[str, Mention]]) -> Entity:
    # full names are the most reliably labelled ("Trump campaign" makes NER call "Trump" an ORG)
    full = [(a, m) for a, m in mentions if len(fold_name(m.text).split()) > 1]
    label = _voted_label(full or mentions)
    surface = Counter(m.text for _, m in mentions)
    name = max(surface, key=lambda s: (len(fold_name(s).split()), surface[s], len(s)))
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


def _with_unique_ids(entities: list[Entity]) -> list[Entity]:
    seen: Counter[str] = Counter()
    result = []
    for e in entities:
        slug = re.sub(r"[^a-z0-9]+", "-", unidecode(e.name).lower()).strip("-") or "entity"
        seen[slug] += 1
        eid = slug if seen[slug] == 1 else f"{slug}-{seen[slug]}"
        result.append(Entity(eid, e.name, e.label, e.aliases, e.mentions, e.aliases_by_article))
    return result
