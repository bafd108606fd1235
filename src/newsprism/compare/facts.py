"""Facts: linked claims, each with its status and its independent sources.

A fact is one claim, or claims of several articles linked by the aligner. Its status is
``corroborated`` when two or more independent sources state it with compatible values,
``single-source`` when only one does, ``differs`` or ``conflicts`` when the sources give values that
differ (see ``differences``).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Difference, Fact, StatedClaim
from .claims import ClaimRecord, statement_of
from .differences import dedupe_differences, differences_between
from .independence import independent_sources

STATUS_ORDER = ("conflicts", "differs", "corroborated", "single-source")


def build_facts(
    records: Sequence[ClaimRecord], groups: list[list[int]], pairs: list[tuple[int, int, float]], chain_of: dict[str, int], article_order: Sequence[str]
) -> tuple[list[Fact], list[StatedClaim]]:
    """One fact per group of linked claims, most contested first, then best corroborated; and every claim with
    the id of its fact."""
    link_score = {(i, j): p for i, j, p in pairs}
    order = {a: k for k, a in enumerate(article_order)}
    built = []
    for members in groups:
        members = sorted(members, key=lambda k: (order[records[k].article], records[k].start))
        built.append((_fact(members, records, link_score, chain_of), members))
    built.sort(key=lambda item: (STATUS_ORDER.index(item[0].status), -item[0].independent_sources))
    facts, claims = [], []
    for n, (f, members) in enumerate(built, start=1):
        facts.append(Fact(f"f{n}", f.status, f.independent_sources, f.statements, f.differences, f.score))
        claims += [stated_claim(records[k], f"f{n}") for k in members]
    claims.sort(key=lambda c: (order[c.article], c.start))
    return facts, [StatedClaim(f"c{k}", c.article, c.start, c.end, c.text, c.parts, c.sentence, c.kind, c.fact)
                   for k, c in enumerate(claims, start=1)]


def stated_claim(record: ClaimRecord, fact: str) -> StatedClaim:
    """The report's record of a claim (its id is set once all claims are in text order)."""
    sentence = record.sentence_span or (record.start, record.end)
    text = record.source_text[record.start : record.end]
    return StatedClaim("", record.article, record.start, record.end, text, record.parts, sentence, record.kind, fact)


def _fact(members: list[int], records: Sequence[ClaimRecord], link_score: dict[tuple[int, int], float], chain_of: dict[str, int]) -> Fact:
    claims = [records[k] for k in members]
    inside = set(members)
    linked = [(i, j) for (i, j) in link_score if i in inside and j in inside]
    sources = independent_sources(claims, chain_of)
    differences: list[Difference] = []
    for i, j in linked:
        if chain_of[records[i].article] != chain_of[records[j].article]:
            differences += differences_between(records[i], records[j])
    differences = dedupe_differences(differences)
    if sources < 2:
        status = "single-source"
    elif any(d.conflict for d in differences):
        status = "conflicts"
    elif differences:
        status = "differs"
    else:
        status = "corroborated"
    score = max((link_score[key] for key in linked), default=0.0)
    statements = tuple(statement_of(c) for c in claims)
    return Fact("", status, sources, statements, tuple(differences), round(score, 3))
