"""Claims: the atomic propositions of each sentence, found on the dependency parse.

A news sentence carries several claims, and another outlet may report any one of them without the
others: "Putin told Trump in a call on Thursday that Russia will not give up its aims" is a call, its
day, and what was said. Comparing whole sentences marks all of them corroborated as soon as one is.
So each sentence is cut into units, each a claim of its own:

- **clauses**: every verbal predicate (main, coordinated, subordinate, relative, participial,
  reported) with its own arguments; "X said that Y" gives the attribution "X said" and the content Y;
- **modifiers another outlet could give or omit**: a time ("on Thursday"), a place ("in Kharkiv"),
  an attribution ("according to the Kremlin"), a reason ("following U.S. strikes on Iran");
- **appositions and descriptions**: "Mark Sheridan, a partner with Patton Boggs" says who Sheridan is.

A unit's own tokens are its subtree less the units inside it. ``Claim.parts`` are the runs of those
tokens (the claim's own characters; ``start``/``end`` span them all); ``Claim.context`` adds the words
a reader needs to read it as a proposition: for a detail, the clause it details ("the quake struck" +
"on Sunday"); for an apposition, the noun it describes; for a relative or participial clause, its noun;
for a coordinated clause, its subject; for "X said", the core of what was said.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..model import Claim, Quote, Span

NEGATIONS = frozenset({"not", "n't", "never", "nor", "neither", "no longer"})
CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "advcl", "relcl", "acl", "csubj", "parataxis", "pcomp"})
REASON_WORDS = frozenset({"after", "following", "amid", "because", "despite", "since", "before", "due"})
TIME_LABELS = frozenset({"DATE", "TIME"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVES = frozenset({
    "in", "at", "on", "near", "outside", "inside", "across", "off", "around", "throughout", "within", "along",
    "between", "beyond", "behind", "below", "above"
})
COPULAS = frozenset({"be"})
EDGE_TRIM_DEPS = frozenset({"punct", "cc", "mark", "prep", "preconj"})
MIN_UNIT_WORDS = 2  # a unit of one word (other than a time) reads as nothing on its own; it stays with its parent
MIN_SENTENCE_WORDS = 3
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
MIN_READING_WORDS = 3  # a clause with fewer content words is read with the core of the clause it belongs to


@dataclass
class _Unit:
    head: Token
    kind: str  # clause | content | attribution | time | place | reason | description | item
    parent: _Unit | None
    tokens: list[Token] = field(default_factory=list)


def find_claims(doc: Doc, sentences: Sequence[Span], quotes: Sequence[Quote]) -> list[Claim]:
    """Return the claims of every sentence of ``doc``, in text order.

    Args:
        doc: the parsed article.
        sentences: its sentence spans (``Analysis.sentences``).
        quotes: its quotes, which give a claim inside reported speech its attribution.
    """
    claims: list[Claim] = []
    for index, sentence in enumerate(sentences):
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None or sum(1 for t in span if t.is_alpha) < MIN_SENTENCE_WORDS:
            continue
        units = _units(span)
        offset = len(claims)
        position = {id(u): offset + k for k, u in enumerate(units)}
        for unit in units:
            children = [u for u in units if u.parent is unit]
            claims.append(_claim(unit, children, index, position, quotes))
    return claims


def _units(sentence: SpacySpan) -> list[_Unit]:
    """The units of one sentence, each with its own tokens, in the order their heads appear."""
    unit_of: dict[int, _Unit] = {}
    roots = [t for t in sentence if t.head == t or t.head.i < sentence.start or t.head.i >= sentence.end]
    units: list[_Unit] = []

    def visit(token: Token, current: _Unit | None) -> None:
        kind = _unit_kind(token, current) if current is not None else "clause"
        if kind is not None:
            current = _Unit(token, kind, current)
            units.append(current)
        assert current is not None
        unit_of[token.i] = current
        for child in token.children:
            if sentence.start <= child.i < sentence.end:
                visit(child, current)

    for root in roots:
        visit(root, None)
    for token in sentence:
        unit_of[token.i].tokens.append(token)
    kept = _merge_small(units)
    kept.sort(key=lambda u: min(t.i for t in u.tokens))
    return kept


def _unit_kind(token: Token, parent: _Unit) -> str | None:
    """The kind of unit ``token`` heads inside ``parent``, or None when it belongs to its parent."""
    dep = token.dep_
    if dep in CLAUSE_DEPS and token.pos_ in {"VERB", "AUX"}:
        if dep == "ccomp" and _is_speech(token.head):
            return "content"
        if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in REASON_WORDS for c in token.children):
            return "reason"
        return "clause"
    counted = dep in {"conj", "npadvmod"} or dep == "appos" and any(c.dep_ == "nummod" for c in token.children)
    if counted and token.pos_ in {"NOUN", "PROPN", "NUM"} and any(t.like_num for t in _phrase(token)):
        return "item"  # "52 % with Egypt and 51 % with Pakistan": each figure is a claim another outlet may omit
    if parent.kind not in {"clause", "content"}:
        return None  # a detail's own details ("the island of Qeshm") are read with it
    if dep == "appos":
        return "description"
    if dep == "compound" and token.pos_ == "NOUN" and token.ent_iob_ == "O" and _names_someone(token.head):
        return "description"  # "Kremlin aide" in "Kremlin aide Yuri Ushakov" says who he is
    if dep == "prep" and token.lower_ == "according":
        return "attribution"
    if dep in {"compound", "amod", "nmod", "npadvmod"} and token.head.pos_ in {"NOUN", "PROPN"} and _all_time(token):
        return "time"  # "a January fund-raiser", "a nearly hour-long call"
    if dep not in {"prep", "npadvmod", "advmod", "tmod"} or _is_copular_complement(token):
        return None
    if token.lower_ in REASON_WORDS and any(c.dep_ in {"pobj", "pcomp"} for c in token.children):
        return "reason"
    if _phrase_head(token).ent_type_ in TIME_LABELS:
        return "time"
    labels = {t.ent_type_ for t in _phrase(token)} - {""}
    if dep == "prep" and token.lower_ in LOCATIVES and labels & PLACE_LABELS and not labels & {"PERSON", "ORG"}:
        return "place"  # "in Kharkiv" places an event; "to Kyiv" and "of Qeshm" are arguments of their verb or noun
    return None


def _all_time(token: Token) -> bool:
    """Every named thing in the token's subtree is a date or time, and there is one."""
    labels = {t.ent_type_ for t in token.subtree} - {""}
    return bool(labels) and labels <= TIME_LABELS


def _phrase_head(token: Token) -> Token:
    """The noun a prepositional phrase is about ("Thursday" in "on Thursday"), else the token itself."""
    objects = [c for c in token.children if c.dep_ in {"pobj", "pcomp"}]
    return objects[0] if token.dep_ == "prep" and objects else token


def _names_someone(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}


def _phrase(token: Token) -> list[Token]:
    """The tokens of the phrase ``token`` heads, without the clauses and prepositional phrases inside it."""
    out = [token]
    for child in token.children:
        if child.dep_ not in CLAUSE_DEPS and child.dep_ not in {"prep", "appos", "punct", "cc"}:
            out.extend(_phrase(child))
    return out


def _is_speech(token: Token) -> bool:
    """A verb that reports speech or thought ("say", "tell", "confirm"), by its lemma."""
    return token.lemma_.lower() in SPEECH_VERBS


SPEECH_VERBS = frozenset({
    "say", "tell", "add", "announce", "claim", "confirm", "deny", "report", "state", "explain", "insist", "warn",
    "argue", "note", "write", "believe", "think", "acknowledge", "admit", "allege", "assert", "declare",
    "disclose", "estimate", "predict", "reveal", "suggest", "indicate", "concede", "contend", "testify", "urge",
    "agree", "complain", "stress", "emphasize", "emphasise", "maintain", "reply", "respond", "recall"
})


def _is_copular_complement(token: Token) -> bool:
    """The place or time a copula predicates ("the epicenter was in the Gulf") is the claim, not a modifier."""
    head = token.head
    return head.lemma_ in COPULAS and not any(c.dep_ in {"attr", "acomp"} for c in head.children)


def _merge_small(units: list[_Unit]) -> list[_Unit]:
    """Give the tokens of a unit too small to stand alone back to its parent."""
    kept = []
    for unit in units:
        words = sum(1 for t in unit.tokens if t.is_alpha or t.like_num)
        if unit.parent is not None and words < MIN_UNIT_WORDS and unit.kind != "time":
            target = unit.parent  # a kept unit: units come parent first, and a merged unit's children move up
            target.tokens.extend(unit.tokens)
            _reparent(units, unit, target)
            continue
        kept.append(unit)
    return [u for u in kept if _has_words(u)]


def _reparent(units: list[_Unit], gone: _Unit, target: _Unit) -> None:
    for u in units:
        if u.parent is gone:
            u.parent = target


def _has_words(unit: _Unit) -> bool:
    return any(t.is_alpha or t.like_num for t in unit.tokens)


def _claim(unit: _Unit, children: list[_Unit], sentence: int, position: dict[int, int], quotes: Sequence[Quote]) -> Claim:
    own = _trim(sorted(unit.tokens, key=lambda t: t.i))
    parts = _pieces(own) or (Span(own[0].idx, own[-1].idx + len(own[-1].text)),)
    start, end = parts[0].start, parts[-1].end
    mine = {t.i for t in own}
    context_tokens = [t for t in _context(unit, children, own) if t.i not in mine]
    context = _pieces(sorted({t.i: t for t in context_tokens}.values(), key=lambda t: t.i))
    negated_terms = tuple(t.head.lemma_.lower() for t in own if t.dep_ == "neg" and t.head.pos_ in {"VERB", "AUX"})
    parent = position.get(id(unit.parent)) if unit.parent is not None else None
    return Claim(
        start, end, sentence, bool(negated_terms), _attribution(Span(start, end), quotes), negated_terms,
        kind=unit.kind, parts=parts, context=context, predicate=_predicate(unit), parent=parent,
    )


def _context(unit: _Unit, children: list[_Unit], own: list[Token]) -> list[Token]:
    """The words outside a claim that a reader needs to read it as a proposition."""
    head, out = unit.head, []
    if unit.kind == "description":
        out += _noun_phrase(head.head)  # "one of six characters" describes "Robbie Clark"
    elif unit.parent is not None and (unit.kind not in {"clause", "content"} or _content_words(own) < MIN_READING_WORDS):
        out += unit.parent.tokens  # a detail, or a clause too short to read alone ("to serve"), with its clause
    if head.dep_ in {"relcl", "acl"} and head.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        out += _noun_phrase(head.head)  # "which lasted an hour" is about "the call"; "directed by X", about the film
    if head.dep_ == "conj" and not any(c.dep_ in SUBJECTS for c in head.children):
        out += [t for c in head.head.children if c.dep_ in SUBJECTS for t in c.subtree]  # "... and made his breakthrough"
    out += [t for c in children if c.kind == "content" for t in _core(c)]  # "X said" reads with what X said
    return out


def _content_words(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if (t.is_alpha or t.like_num) and not t.is_stop)


def _core(unit: _Unit) -> list[Token]:
    """The subject, verb and objects of a clause: what a modifier's claim needs to be read."""
    keep = {"nsubj", "nsubjpass", "dobj", "attr", "acomp", "aux", "auxpass", "neg", "prt", "compound", "det", "poss", "amod"}
    head = unit.head
    out = [head]
    for child in head.children:
        if child.dep_ in keep and child in unit.tokens:
            out.extend(t for t in child.subtree if t in unit.tokens)
    return out


def _noun_phrase(noun: Token) -> list[Token]:
    """A noun with its determiners and modifiers ("the nearly hour-long call"), without clauses or phrases."""
    keep = {"det", "compound", "amod", "poss", "nummod", "case"}
    return [noun] + [t for c in noun.children if c.dep_ in keep for t in c.subtree]


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop punctuation, conjunctions and markers at the edges of a unit (", and", "that", "(")."""
    while len(tokens) > 1 and (tokens[0].dep_ in EDGE_TRIM_DEPS and tokens[0].dep_ != "prep" or tokens[0].is_punct):
        tokens = tokens[1:]
    while len(tokens) > 1 and (tokens[-1].dep_ in EDGE_TRIM_DEPS or tokens[-1].is_punct or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def _pieces(tokens: list[Token]) -> tuple[Span, ...]:
    """Contiguous character ranges covering ``tokens``: tokens next to each other join into one piece, and a
    piece of punctuation alone (the comma left between two nested clauses) is dropped."""
    runs: list[list[Token]] = []
    for t in tokens:
        if t.is_space:
            continue
        if runs and t.i == runs[-1][-1].i + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    out = []
    for run in runs:
        run = _trim(run)
        if any(t.is_alpha or t.like_num for t in run):
            out.append(Span(run[0].idx, run[-1].idx + len(run[-1].text)))
    return tuple(out)


def _predicate(unit: _Unit) -> str:
    head = unit.head
    if unit.kind in {"time", "place", "attribution", "reason"} and unit.parent is not None:
        head = unit.parent.head
    return head.lemma_.lower()


def _attribution(span: Span, quotes: Sequence[Quote]) -> str | None:
    """The speaker of the quote whose content holds most of the claim."""
    length = max(1, span.end - span.start)
    for quote in quotes:
        covered = min(span.end, quote.content.end) - max(span.start, quote.content.start)
        if covered > 0.5 * length and quote.speaker_text:
            return quote.speaker_text
    return None
