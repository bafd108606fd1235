"""What differs between two claims that state the same thing, and whether it is a contradiction.

Only claims already aligned as one fact are compared (silence is not a difference): numbers of the
same kind, dates, negation, named people and places, and who said it. A difference of precision,
scope or time frame ("at least eight killed on Thursday" vs "hundreds over the week") is a difference;
values that cannot both be true of the same thing (two different days for one arrest) a conflict.
Currencies and units are part of a value: numbers are compared only within one unit.
"""

from __future__ import annotations

from ..analyze.numbers import compatible, same_quantity
from ..analyze.numbers import describe as describe_number
from ..model import Difference, Number, Statement
from .claims import WORD, ClaimRecord, statement_of

AUXILIARIES = frozenset({"be", "is", "are", "was", "were", "have", "has", "had", "do", "does", "did"})
ENTITY_DIFF_LABELS = ("PERSON", "GPE", "LOC")  # organisations are too often named by a place or a building
SAME_EVENT_MIN_COSINE = 0.7  # from here two aligned claims are about one event: their dates and places must agree
ATTRIBUTION_DIFF_MIN_COSINE = 0.8  # below it, two people saying similar things are two facts, not one misattributed


def differences_between(a: ClaimRecord, b: ClaimRecord) -> list[Difference]:
    """Typed differences between two aligned statements from different articles."""
    pair = (statement_of(a), statement_of(b))
    cosine = float(a.vector @ b.vector)
    same_event = cosine >= SAME_EVENT_MIN_COSINE  # dates and places are only compared within one event
    out = _number_differences(a, b, pair) + (_date_differences(a, b) if same_event else [])
    out += _negation_differences(a, b, pair) + (_entity_differences(a, b) if same_event else [])
    if a.speaker and b.speaker and a.speaker != b.speaker and cosine >= ATTRIBUTION_DIFF_MIN_COSINE:
        out.append(Difference("attribution", f"attributed to {a.attribution} in one, to {b.attribution} in the other", pair))
    return out


def _entity_differences(a: ClaimRecord, b: ClaimRecord) -> list[Difference]:
    """The same kind of named thing but a different one, and none in common: "killed in Kharkiv" vs "killed in Kyiv".

    Only for names the other article never uses: "Moscow" in one and "Russia" in the other is a figure
    of speech when both articles use both. The speakers are left to the attribution check.
    """
    out = []
    for label in ENTITY_DIFF_LABELS:
        xs = {eid: m for eid, lab, m in a.named if lab == label and eid != a.speaker}
        ys = {eid: m for eid, lab, m in b.named if lab == label and eid != b.speaker}
        if not xs or not ys or xs.keys() & b.in_article or ys.keys() & a.in_article:
            continue
        x, y = next(iter(xs.values())), next(iter(ys.values()))
        spans = (Statement(a.article, x.start, x.end, x.text), Statement(b.article, y.start, y.end, y.text))
        out.append(Difference("entity", f"{x.text} vs {y.text} ({label.lower()})", spans))
    return out


def _negation_differences(a: ClaimRecord, b: ClaimRecord, pair: tuple[Statement, Statement]) -> list[Difference]:
    """A negated predicate on one side that the other side states without negation ("did not discuss" vs "discussed")."""
    out = []
    for neg, pos in ((a, b), (b, a)):
        if pos.negated_terms:  # negated too, maybe with another scope ("is not the intent ... to discriminate")
            continue
        for term in neg.negated_terms:
            if term in AUXILIARIES:  # "has not," elides its verb: nothing to compare
                continue
            if any(_stem(term) == _stem(w) for w in pos.words | _lemma_guesses(pos.text)):
                detail = f"{neg.article}: not {term} (\"{_clip(neg.text)}\") vs {pos.article}: {term} (\"{_clip(pos.text)}\")"
                out.append(Difference("negation", detail, pair, conflict=True))
    return out


def _stem(word: str) -> str:
    return word.lower()[:5]


def _lemma_guesses(text: str) -> frozenset[str]:
    return frozenset(m.group().lower() for m in WORD.finditer(text))


def _number_differences(a: ClaimRecord, b: ClaimRecord, pair: tuple[Statement, Statement]) -> list[Difference]:
    out = []
    for x in a.numbers:
        peers = slot_peers(x, a, b)
        if not peers or any(_same_figure(x, y) for y in peers):
            continue
        if len(peers) > 1 or sum(1 for z in a.numbers if same_quantity(x, z)) > 1:
            continue  # several figures of one kind on a side: which is which is a guess, and guesses flood the report
        y = peers[0]
        exact = x.low == x.high and y.low == y.high
        conflict = exact and not compatible(x, y) and _same_times(a, b)
        if conflict:
            detail = f"{describe_number(x)} vs {describe_number(y)}"
        else:
            detail = f"{describe_number(x)} vs {describe_number(y)}: a different scope or precision ({_scope(a, b)}), not a contradiction"
        spans = (Statement(a.article, x.start, x.end, x.text), Statement(b.article, y.start, y.end, y.text))
        out.append(Difference("number", detail, spans, conflict))
    return out


def slot_peers(x: Number, a: ClaimRecord, b: ClaimRecord) -> list[Number]:
    """The numbers of ``b`` that count what ``x`` counts in ``a``: the same unit ("people", "euros"), or, when
    neither names a unit ("magnitude 5.9", "wounding 70"), the only bare number on each side."""
    if x.unit:
        return [y for y in b.numbers if y.unit and same_quantity(x, y)]
    bare_a = [z for z in a.numbers if not z.unit]
    bare_b = [y for y in b.numbers if not y.unit]
    return bare_b if len(bare_a) == 1 and len(bare_b) == 1 else []


def differing_values(a: ClaimRecord, b: ClaimRecord) -> bool:
    """The two claims give a value of one slot that differs: a figure of one kind, or dates that cannot meet."""
    if any(peers and not any(_same_figure(x, y) for y in peers) for x in a.numbers for peers in [slot_peers(x, a, b)]):
        return True
    return bool(_date_differences(a, b))


def _same_figure(x: Number, y: Number) -> bool:
    """Two figures that a reader would call the same: the same number whatever its qualifier ("60" and "over
    60" evacuated), or compatible and written within a factor of two."""
    if x.value == y.value:
        return True
    if not compatible(x, y):
        return False
    small, big = sorted((abs(x.value), abs(y.value)))
    return big <= 2 * small


def _scope(a: ClaimRecord, b: ClaimRecord) -> str:
    ta = ", ".join(t.text for t in a.times) or "no time given"
    tb = ", ".join(t.text for t in b.times) or "no time given"
    return f"time: {ta} vs {tb}" if ta != tb else "same time words, different qualifiers"


def _date_differences(a: ClaimRecord, b: ClaimRecord) -> list[Difference]:
    """Dates that cannot be the same day."""
    xs = [t for t in a.times if t.resolved]
    ys = [t for t in b.times if t.resolved]
    if not xs or not ys:
        return []
    if any(x.start_date <= y.end_date and y.start_date <= x.end_date for x in xs for y in ys):  # type: ignore[operator]
        return []
    x, y = xs[0], ys[0]
    if x.text.lower() == y.text.lower():  # "Wednesday" vs "Wednesday": the resolution differs, not the report
        return []
    spans = (Statement(a.article, x.start, x.end, x.text), Statement(b.article, y.start, y.end, y.text))
    # one event on two days that cannot meet is a contradiction; a vaguer date ("this year") would have met
    return [Difference("date", f"{x.text} ({x.start_date}) vs {y.text} ({y.start_date})", spans, conflict=True)]


def _same_times(a: ClaimRecord, b: ClaimRecord) -> bool:
    """True unless the two statements carry time expressions that point at different periods."""
    xs, ys = a.times, b.times
    if not xs and not ys:
        return True
    if bool(xs) != bool(ys):
        return False
    if all(t.resolved for t in xs + ys):
        return any(x.start_date == y.start_date and x.end_date == y.end_date for x in xs for y in ys)
    return {t.text.lower() for t in xs} == {t.text.lower() for t in ys}


def dedupe_differences(differences: list[Difference]) -> list[Difference]:
    seen = set()
    out = []
    for d in differences:
        key = (d.kind, d.detail)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _clip(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


