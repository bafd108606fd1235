"""NewsWCL50: do one actor's name variants across five outlets end up in one entity?

NewsWCL50 (Hamborg et al. 2019) marks every mention of each event's main concepts in five outlets' articles and
links the mentions of one concept across the outlets (``mentions.jsonl``: ``chain``). Here only **named**
mentions of **actors** (chains of type ACTOR: people; a COUNTRY chain also holds its capital, its government
and its leader's administration, which are not one entity) are scored (every word capitalised once a leading "the" is dropped: "Kim Jong - un", "Mr. Kim",
"North Korea", not "the North Korean leader"): the task is cross-outlet linking of names, which is what
``resolve`` does. Items are the distinct name strings of an event, each in the chain most of its mentions are
in. For every pair of an event's strings: gold says "same" when they share that chain; ours when the event's
five articles, analysed and resolved as ``compare`` resolves a story, give both strings to one entity (a string's
entity is the one with that alias, else the one whose longest alias it contains: the gold's spans may hold a
title or a country, "U.S. President Donald Trump"; a string with neither is on its own). Pairwise precision, recall and F1, pooled over the ten events.
Baseline, same run: two strings are one when their last words are the same (lower case, possessive dropped).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from ..errors import InputError
from .scoring import prf

DEFAULT_DATA = Path("..") / "shared" / "data" / "newswcl50"
ACTOR_TYPES = frozenset({"ACTOR"})  # people; COUNTRY, GROUP and the rest chain metonyms ("Washington", "the White House")
ROLE_WORDS = frozenset({"director", "leader", "head", "chief", "dictator", "counsel", "prosecutor", "attorney"})
NAME_FILLERS = frozenset({"of", "the", "-", ".", "'s", "’s", "and", "de", "al", "bin"})


@dataclass(frozen=True)
class Event:
    id: int
    texts: tuple[str, ...]  # its articles' texts (docs.jsonl)
    names: dict[str, str]  # each named string of the event -> the chain most of its mentions are in


def is_name(text: str) -> bool:
    """Every word capitalised once a leading "the" is dropped, and the last one not a title ("Kim Jong - un",
    "Mr. Kim", "Director Comey"; not "the leader", "U.S. President", "CIA Director")."""
    from ..resolve import TITLES

    words = strip_article(text).split()
    capitalised = all(w[0].isupper() or w in NAME_FILLERS or not w[0].isalpha() or (k and words[k - 1] == "-")
                      for k, w in enumerate(words))  # "Kim Jong - un": a hyphenated part may be lower case
    return bool(words) and capitalised and words[-1].lower().rstrip(".") not in TITLES | ROLE_WORDS


def strip_article(text: str) -> str:
    return re.sub(r"^(?:the|The|THE)\s+", "", text.strip())


def load_newswcl50(data: Path) -> list[Event]:
    """The ten events: their articles and their named strings with their chains."""
    docs, mentions = data / "docs.jsonl", data / "mentions.jsonl"
    if not docs.is_file() or not mentions.is_file():
        raise InputError(f"{data} is not a NewsWCL50 folder: it needs docs.jsonl and mentions.jsonl.")
    texts: dict[int, list[str]] = defaultdict(list)
    for line in docs.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            texts[int(record["event_id"])].append(record["text"])
    chains: dict[int, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for line in mentions.read_text(encoding="utf-8").splitlines():
        if line.strip():
            m = json.loads(line)
            if m["chain_type"] in ACTOR_TYPES and is_name(m["text"]):
                chains[int(m["event_id"])][strip_article(m["text"])][m["chain"]] += 1
    return [Event(e, tuple(texts[e]), {name: c.most_common(1)[0][0] for name, c in chains[e].items()}) for e in sorted(texts)]


def head_word(name: str) -> str:
    """The last word of a name, lower case, without a possessive ending (the baseline's key)."""
    words = [w for w in re.findall(r"[\w’'-]+", name.lower()) if w not in {"-", "'s", "’s"}]
    return re.sub(r"['’]s$", "", words[-1]) if words else name.lower()


def pair_labels(event: Event, same: Callable[[str, str], bool]) -> tuple[list[bool], list[bool]]:
    """Gold and predicted "same concept" for every pair of the event's named strings."""
    gold, predicted = [], []
    for a, b in combinations(sorted(event.names), 2):
        gold.append(event.names[a] == event.names[b])
        predicted.append(same(a, b))
    return gold, predicted


def entity_of_names(texts: Sequence[str], names: Sequence[str]) -> dict[str, str]:
    """The entity ``resolve`` gives each string (by an alias equal to it, else one that folds the same) when the
    texts are analysed and resolved as ``compare`` resolves a story's articles."""
    from ..analyze import analyze_articles
    from ..ingest import article_from_text
    from ..resolve import fold_name, resolve_entities

    articles = [article_from_text(t, source=f"newswcl50:{k}") for k, t in enumerate(texts)]
    result = analyze_articles(articles)
    ok = {a.article_id for a in result.ok}
    resolution = resolve_entities([a for a in articles if a.id in ok], result.ok)
    exact = {alias: e.id for e in resolution.entities for alias in e.aliases}
    folded = {fold_name(alias): e.id for e in resolution.entities for alias in e.aliases}

    def within(name: str) -> str | None:  # "U.S. President Donald Trump": the entity of its longest alias inside
        inside = [a for a in exact if len(a) > 2 and re.search(rf"(?<!\w){re.escape(a)}(?!\w)", name)]
        return exact[max(inside, key=len)] if inside else None

    return {n: eid for n in names if (eid := exact.get(n) or folded.get(fold_name(n)) or within(n))}


def evaluate_newswcl50(data: Path, progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Pairwise figures of ours and of the same-head-word baseline over every event's named strings."""
    events = load_newswcl50(data)
    gold, ours, baseline = [], [], []
    found = 0
    for event in events:
        entity = entity_of_names(event.texts, list(event.names))
        found += len(entity)
        g, p = pair_labels(event, lambda a, b, entity=entity: a in entity and entity.get(a) == entity.get(b))
        gold += g
        ours += p
        baseline += pair_labels(event, lambda a, b: head_word(a) == head_word(b))[1]
        if progress:
            progress(1)
    names = sum(len(e.names) for e in events)
    return {"events": len(events), "names": names, "names_found": found, **prf(gold, ours), "baseline": prf(gold, baseline)}
