"""One story -> ``Comparison``: align statements across articles, classify them, group quotes.

Statements (the claims of each article) are embedded with MiniLM; a pair from two articles is a
candidate when its score (cosine, plus shared entities, shared content words and compatible numbers)
passes ``align_threshold`` and it is the best match of one side in the other article. Linked statements
form a fact. A fact carried by articles of one reporting chain only (copies) has one independent source.
Within a fact, numbers, dates, negation and attribution are compared pairwise, and each difference is
typed and marked as a conflict or a difference of scope. Parts of an aligned sentence that no other
article carries ("... specifically the exchange of films") become single-source facts of their own.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
from scipy import sparse
from spacy.lang.en.stop_words import STOP_WORDS

from .analyze import analyze_articles
from .analyze.numbers import compatible, describe as describe_number, same_quantity
from .backends.embedders import Embedder, resolve_embedder
from .dedup import reporting_chains
from .errors import InputError
from .model import (
    Analysis,
    Article,
    Citation,
    Comparison,
    Difference,
    Fact,
    Mention,
    Number,
    Quote,
    QuoteGroup,
    QuoteVariant,
    Statement,
    TimeExpression,
    TimelineEntry,
)
from .resolve import Resolution, resolve_entities
from .summary import summarize
from .util import DisjointSet

log = logging.getLogger(__name__)

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+|\d+")
SEGMENT_BREAK = re.compile(r"[,;:]\s+|\s+[—–]\s+|\s+(?=(?:but|while|whereas|specifically|including|as well as)\s)")
QUOTE_CHARS = "\"“”«»„'‘’`"
SAME_EVENT_MIN_COSINE = 0.7  # from here two aligned statements must be about one event: their dates and places must agree
SPEAKER_PENALTY = 0.1
AUXILIARIES = frozenset({"be", "is", "are", "was", "were", "have", "has", "had", "do", "does", "did"})
ATTRIBUTION_DIFF_MIN_COSINE = 0.8  # below it, two people saying similar things are two facts, not one misattributed
SPEAKER_NOUNS = frozenset(
    """official officials spokesman spokeswoman spokesperson aide aides adviser advisers minister ministry president
    leader leaders source sources analyst analysts expert experts diplomat diplomats lawmaker lawmakers senator
    governor mayor secretary chief police witness witnesses resident residents he she they we i who""".split()
)
SPEAKER_LABELS = frozenset({"PERSON", "ORG"})
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP"})
ENTITY_DIFF_LABELS = ("PERSON", "GPE", "LOC")  # organisations are too often named by a place or a building


@dataclass(frozen=True)
class CompareOptions:
    """Thresholds of the comparison.

    The defaults were set by reading the scored pairs of the example story and one BASIL event; they
    are yet to be calibrated on the annotated alignment datasets (qa-align, discord-questions, basil).
    """

    align_threshold: float = 0.47
    segment_threshold: float = 0.45
    quote_threshold: float = 0.65
    copy_threshold: float = 0.5
    summary_sentences: int = 6


@dataclass
class _Statement:
    index: int
    article: str
    start: int
    end: int
    text: str
    negated_terms: tuple[str, ...]
    attribution: str | None
    speaker: str | None  # the attribution's person entity, when it names one
    entities: frozenset[str]
    words: frozenset[str]
    numbers: tuple[Number, ...]
    times: tuple[TimeExpression, ...]
    position: int  # sentence index in its article
    named: tuple[tuple[str, str, Mention], ...] = ()  # (entity id, entity label, mention) of each named mention
    in_article: frozenset[str] = frozenset()  # the entities its whole article names
    vector: np.ndarray = field(default_factory=lambda: np.zeros(0))


def compare_articles(
    articles: Sequence[Article],
    *,
    analyses: Sequence[Analysis] | None = None,
    embedder: str | Embedder = "minilm",
    options: CompareOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> Comparison:
    """Compare articles that report one story.

    Args:
        articles: two or more articles (one gives a report of that article alone). Duplicates are
            dropped with a note.
        analyses: their analyses, when already computed; analysed here otherwise.
        embedder: the sentence embedder, by name or instance.
        options: thresholds.
        progress: called with the name of each step as it starts.
    Returns:
        The comparison.
    Raises:
        InputError: no articles.
    """
    options = options or CompareOptions()
    step = progress or (lambda _name: None)
    unique, notes = _drop_duplicates(articles)
    if not unique:
        raise InputError("No articles to compare.")
    if analyses is None:
        step("analyze")
        result = analyze_articles(unique)
        notes += [f"could not analyse {f.source}: {f.message}" for f in result.failed]
        analyses = result.ok
    by_id = {a.id: a for a in unique}
    analyses = list({a.article_id: a for a in analyses if a.article_id in by_id}.values())
    unique = [by_id[a.article_id] for a in analyses]
    if not unique:
        raise InputError("None of the articles could be analysed: " + "; ".join(notes))
    notes += _language_notes(unique)
    if len(unique) == 1:
        notes.append("Only one article: there is nothing to compare it against; every statement is single-source.")
    step("chains")
    chains = reporting_chains(unique, threshold=options.copy_threshold)
    chain_of = {aid: i for i, chain in enumerate(chains) for aid in chain}
    notes += _copy_notes(chains, by_id)
    step("entities")
    resolution = resolve_entities(unique, analyses)
    step("embed")
    emb = resolve_embedder(embedder)
    statements = _statements(unique, analyses, resolution)
    vectors = emb.encode([s.text for s in statements])
    for s, v in zip(statements, vectors):
        s.vector = v
    step("align")
    facts = _facts(statements, chain_of, by_id, emb, options)
    step("quotes")
    quotes = _quote_groups(unique, analyses, resolution, chain_of, emb, options)
    timeline = _timeline(unique, analyses)
    if any(not t.resolved for a in analyses for t in a.times) and any(a.published is None for a in unique):
        notes.append("Some publication dates are unknown, so relative dates (\"Thursday\") are left unresolved; pass --published.")
    step("summary")
    summary = summarize(facts, by_id, max_sentences=options.summary_sentences)
    return Comparison(
        articles=tuple(unique),
        independence=tuple(tuple(c) for c in chains),
        entities=resolution.entities,
        facts=tuple(facts),
        quotes=tuple(quotes),
        timeline=tuple(timeline),
        summary=tuple(summary),
        notes=tuple(notes),
    )


def _drop_duplicates(articles: Sequence[Article]) -> tuple[list[Article], list[str]]:
    seen: dict[str, Article] = {}
    notes = []
    for a in articles:
        if a.id in seen:
            notes.append(f"{a.source or a.id} is the same article as {seen[a.id].source or a.id}: counted once.")
        else:
            seen[a.id] = a
    return list(seen.values()), notes


def _language_notes(articles: Sequence[Article]) -> list[str]:
    return [
        f"{a.label} looks like it is not in English (language: {a.language}); the English models may do poorly on it."
        for a in articles
        if a.language not in (None, "en")
    ]


def _copy_notes(chains: Sequence[Sequence[str]], by_id: dict[str, Article]) -> list[str]:
    return [
        "These articles share most of their text (one reporting chain, counted as one source): "
        + ", ".join(by_id[a].label for a in chain)
        for chain in chains
        if len(chain) > 1
    ]


def content_words(text: str) -> frozenset[str]:
    """Lower-cased words of ``text`` that are not stop words."""
    return frozenset(w for w in (m.group().lower() for m in WORD.finditer(text)) if w not in STOP_WORDS and len(w) > 2)


def _statements(articles: Sequence[Article], analyses: Sequence[Analysis], resolution: Resolution) -> list[_Statement]:
    out: list[_Statement] = []
    label_of = {e.id: e.label for e in resolution.entities}
    for article, analysis in zip(articles, analyses):
        in_article = frozenset(eid for m in analysis.mentions if (eid := resolution.entity_for(article.id, m)))
        for claim in analysis.claims:
            inside = lambda x: claim.start <= x.start and x.end <= claim.end  # noqa: E731
            named = tuple(
                (eid, label_of[eid], m)
                for m in analysis.mentions
                if inside(m) and m.label in NAMED_LABELS and (eid := resolution.entity_for(article.id, m))
            )
            text = article.text[claim.start : claim.end]
            out.append(
                _Statement(
                    len(out), article.id, claim.start, claim.end, text, claim.negated_terms, claim.attribution,
                    resolution.entity_named(claim.attribution, "PERSON"), frozenset(eid for eid, _, _ in named),
                    content_words(text), tuple(n for n in analysis.numbers if inside(n)),
                    tuple(t for t in analysis.times if inside(t)), claim.sentence, named, in_article,
                )
            )
    return out


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared items over all items (0 when either set is empty)."""
    return len(a & b) / len(a | b) if a and b else 0.0


def _number_bonus(a: _Statement, b: _Statement) -> float:
    for x in a.numbers:
        for y in b.numbers:
            if x.unit and same_quantity(x, y) and compatible(x, y):
                return 1.0
    return 0.0


def pair_score(a: _Statement, b: _Statement, cosine: float) -> float:
    """How likely two statements report the same fact (about 0..1).

    A shared quantity (same unit, compatible value: "nearly an hour" and "nearly hour-long") weighs
    as much as the word overlap: a specific figure rarely recurs by chance. Two statements put in
    different people's mouths are less likely one fact.
    """
    return (
        0.7 * cosine
        + 0.15 * jaccard(a.entities, b.entities)
        + 0.15 * jaccard(a.words, b.words)
        + 0.2 * _number_bonus(a, b)
        - SPEAKER_PENALTY * _other_speaker(a, b)
    )


def _other_speaker(a: _Statement, b: _Statement) -> float:
    return float(bool(a.speaker and b.speaker and a.speaker != b.speaker))


def _facts(
    statements: list[_Statement],
    chain_of: dict[str, int],
    by_id: dict[str, Article],
    emb: Embedder,
    options: CompareOptions,
) -> list[Fact]:
    if not statements:
        return []
    matrix = np.stack([s.vector for s in statements])
    cos = matrix @ matrix.T
    links = _links(statements, cos, options.align_threshold)
    groups = _group_links(statements, links)
    link_scores = {(i, j): score for i, j, score in links}
    facts: list[Fact] = []
    for members in groups:
        members.sort(key=lambda k: (list(by_id).index(statements[k].article), statements[k].start))
        facts.append(_fact(members, statements, link_scores, chain_of))
    facts += _uncovered_parts(facts, statements, matrix, emb, options)
    facts.sort(key=_fact_order)
    return [Fact(f"f{i + 1}", f.status, f.independent_sources, f.statements, f.differences, f.score) for i, f in enumerate(facts)]


def _group_links(statements: list[_Statement], links: list[tuple[int, int, float]]) -> list[list[int]]:
    """Join linked statements into facts, strongest links first.

    One sentence may hold several facts of another article (one-to-many), but two articles may not
    both bring several statements to one fact: such chains drift from one topic to the next.
    """
    groups = DisjointSet(range(len(statements)))
    members: dict[int, list[int]] = {k: [k] for k in range(len(statements))}
    for i, j, _ in sorted(links, key=lambda link: -link[2]):
        ri, rj = groups.find(i), groups.find(j)
        if ri == rj:
            continue
        merged = members[ri] + members[rj]
        per_article: dict[str, int] = {}
        for k in merged:
            per_article[statements[k].article] = per_article.get(statements[k].article, 0) + 1
        if sum(1 for n in per_article.values() if n > 1) > 1:
            continue
        root = groups.union(ri, rj)
        members[root] = merged
    return groups.groups()


def score_matrix(statements: list[_Statement], cos: np.ndarray) -> np.ndarray:
    """``pair_score`` for every pair at once: the set overlaps as sparse products, numbers pair by pair."""
    entity_sets = _overlap_matrix([s.entities for s in statements])
    word_sets = _overlap_matrix([s.words for s in statements])
    numbers = np.zeros_like(cos)
    counted = [s for s in statements if any(n.unit for n in s.numbers)]
    for a in counted:
        for b in counted:
            if a.index < b.index and _number_bonus(a, b):
                numbers[a.index, b.index] = numbers[b.index, a.index] = 1.0
    speakers = np.array([s.speaker or "" for s in statements])
    other_speaker = (speakers[:, None] != speakers[None, :]) & (speakers[:, None] != "") & (speakers[None, :] != "")
    return 0.7 * cos + 0.15 * entity_sets + 0.15 * word_sets + 0.2 * numbers - SPEAKER_PENALTY * other_speaker


def _overlap_matrix(sets: list[frozenset[str]]) -> np.ndarray:
    """Jaccard index of every pair of sets (0 where either is empty)."""
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for i, items in enumerate(sets):
        for item in items:
            rows.append(i)
            cols.append(vocabulary.setdefault(item, len(vocabulary)))
    members = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(sets), max(1, len(vocabulary))))
    shared = (members @ members.T).toarray()
    sizes = np.asarray(members.sum(axis=1)).ravel()
    union = sizes[:, None] + sizes[None, :] - shared
    return np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)


def _links(statements: list[_Statement], cos: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    """Pairs (i, j, score) where j is i's best match in j's article (or the reverse) above the threshold."""
    indices_of: dict[str, list[int]] = {}
    for s in statements:
        indices_of.setdefault(s.article, []).append(s.index)
    by_article = {article: np.asarray(indices) for article, indices in indices_of.items()}
    scores = score_matrix(statements, cos)
    best: dict[tuple[int, int], float] = {}
    for s in statements:
        for article, indices in by_article.items():
            if article == s.article:
                continue
            row = scores[s.index, indices]
            k = int(np.argmax(row))
            score, j = float(row[k]), int(indices[k])
            if score >= threshold:
                key = (min(s.index, j), max(s.index, j))
                best[key] = max(best.get(key, 0.0), score)
    return [(i, j, score) for (i, j), score in best.items()]


def _fact(members: list[int], statements: list[_Statement], link_scores: dict[tuple[int, int], float], chain_of: dict[str, int]) -> Fact:
    stmts = [statements[k] for k in members]
    sources = len({chain_of[s.article] for s in stmts})
    differences: list[Difference] = []
    for (i, j), _score in link_scores.items():
        if i in members and j in members:
            differences += differences_between(statements[i], statements[j])
    differences = _dedupe_differences(differences)
    articles = {s.article for s in stmts}
    if len(articles) == 1 or sources == 1 and not differences:
        status = "single-source" if sources == 1 else "corroborated"
    elif any(d.conflict for d in differences):
        status = "conflicts"
    elif differences:
        status = "differs"
    else:
        status = "corroborated"
    score = max((v for (i, j), v in link_scores.items() if i in members and j in members), default=0.0)
    return Fact("", status, sources, tuple(Statement(s.article, s.start, s.end, s.text) for s in stmts), tuple(differences), round(score, 3))


def differences_between(a: _Statement, b: _Statement) -> list[Difference]:
    """Typed differences between two aligned statements from different articles."""
    pair = (Statement(a.article, a.start, a.end, a.text), Statement(b.article, b.start, b.end, b.text))
    cosine = float(a.vector @ b.vector)
    same_event = cosine >= SAME_EVENT_MIN_COSINE  # dates and places are only compared within one event
    out = _number_differences(a, b, pair) + (_date_differences(a, b) if same_event else [])
    out += _negation_differences(a, b, pair) + (_entity_differences(a, b) if same_event else [])
    if a.speaker and b.speaker and a.speaker != b.speaker and cosine >= ATTRIBUTION_DIFF_MIN_COSINE:
        out.append(Difference("attribution", f"attributed to {a.attribution} in one, to {b.attribution} in the other", pair))
    return out


def _entity_differences(a: _Statement, b: _Statement) -> list[Difference]:
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


def _negation_differences(a: _Statement, b: _Statement, pair: tuple[Statement, Statement]) -> list[Difference]:
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


def _number_differences(a: _Statement, b: _Statement, pair: tuple[Statement, Statement]) -> list[Difference]:
    out = []
    for x in a.numbers:
        peers = [y for y in b.numbers if x.unit and same_quantity(x, y)]
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


def _same_figure(x: Number, y: Number) -> bool:
    """Two figures that a reader would call the same: compatible, and written within a factor of two."""
    if not compatible(x, y):
        return False
    small, big = sorted((abs(x.value), abs(y.value)))
    return big <= 2 * small


def _scope(a: _Statement, b: _Statement) -> str:
    ta = ", ".join(t.text for t in a.times) or "no time given"
    tb = ", ".join(t.text for t in b.times) or "no time given"
    return f"time: {ta} vs {tb}" if ta != tb else "same time words, different qualifiers"


def _date_differences(a: _Statement, b: _Statement) -> list[Difference]:
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
    return [Difference("date", f"{x.text} ({x.start_date}) vs {y.text} ({y.start_date})", spans)]


def _same_times(a: _Statement, b: _Statement) -> bool:
    """True unless the two statements carry time expressions that point at different periods."""
    xs, ys = a.times, b.times
    if not xs and not ys:
        return True
    if bool(xs) != bool(ys):
        return False
    if all(t.resolved for t in xs + ys):
        return any(x.start_date == y.start_date and x.end_date == y.end_date for x in xs for y in ys)
    return {t.text.lower() for t in xs} == {t.text.lower() for t in ys}


def _dedupe_differences(differences: list[Difference]) -> list[Difference]:
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


def _uncovered_parts(
    facts: list[Fact], statements: list[_Statement], matrix: np.ndarray, emb: Embedder, options: CompareOptions
) -> list[Fact]:
    """Single-source facts for the parts of aligned sentences that no other article carries."""
    aligned = {(st.article, st.start) for f in facts if len({s.article for s in f.statements}) > 1 for st in f.statements}
    pieces: list[tuple[_Statement, int, int, str]] = []
    for s in statements:
        if (s.article, s.start) not in aligned:
            continue
        for start, end in _segments(s.text):
            piece = s.text[start:end]
            if len(content_words(piece)) >= 5:
                pieces.append((s, s.start + start, s.start + end, piece))
    if not pieces:
        return []
    vectors = emb.encode([p[3] for p in pieces])
    out = []
    for (s, start, end, piece), v in zip(pieces, vectors):
        others = [t.index for t in statements if t.article != s.article]
        if not others:
            continue
        best = float(np.max(matrix[others] @ v))
        words = content_words(piece)
        overlap = max(len(words & statements[k].words) / len(words) for k in others)
        if best < options.segment_threshold and overlap < 0.5:
            out.append(Fact("", "single-source", 1, (Statement(s.article, start, end, piece),), (), round(best, 3)))
    return out


def _segments(text: str) -> list[tuple[int, int]]:
    """Clause-like pieces of a sentence, as (start, end) offsets, quote marks and punctuation trimmed."""
    bounds = [0] + [m.end() for m in SEGMENT_BREAK.finditer(text)] + [len(text)]
    out = []
    for start, end in zip(bounds, bounds[1:]):
        while start < end and (text[start].isspace() or text[start] in QUOTE_CHARS):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in QUOTE_CHARS + ",;:.—–"):
            end -= 1
        if end > start:
            out.append((start, end))
    return out if len(out) > 1 else []


def _fact_order(f: Fact) -> tuple[int, int]:
    rank = {"conflicts": 0, "differs": 1, "corroborated": 2, "single-source": 3}[f.status]
    return (rank, -f.independent_sources)


def _quote_groups(
    articles: Sequence[Article],
    analyses: Sequence[Analysis],
    resolution: Resolution,
    chain_of: dict[str, int],
    emb: Embedder,
    options: CompareOptions,
) -> list[QuoteGroup]:
    items: list[tuple[Article, Quote, str | None]] = []
    for article, analysis in zip(articles, analyses):
        for q in analysis.quotes:
            speaker = _speaker_entity(article, analysis, q, resolution)
            if _is_said_by_someone(q, speaker):
                items.append((article, q, speaker))
    if not items:
        return []
    vectors = emb.encode([_bare(a.text[q.content.start : q.content.end]) for a, q, _ in items])
    groups = DisjointSet(range(len(items)))
    for i, j in combinations(range(len(items)), 2):
        (ai, _, si), (aj, _, sj) = items[i], items[j]
        if ai.id == aj.id or (si and sj and si != sj):
            continue
        similarity = float(vectors[i] @ vectors[j])
        if similarity >= options.quote_threshold + (0.0 if si and sj else 0.2):
            groups.union(i, j)
    names = resolution.by_id()
    out = []
    for members in groups.groups():
        members.sort()
        group = [items[k] for k in members]
        # one variant per article: the longest when an article quotes the utterance twice
        per_article: dict[str, tuple[Article, Quote, str | None]] = {}
        for entry in group:
            kept = per_article.get(entry[0].id)
            if kept is None or (entry[1].content.end - entry[1].content.start) > (kept[1].content.end - kept[1].content.start):
                per_article[entry[0].id] = entry
        variants = tuple(_variant(a, q) for a, q, _ in per_article.values())
        speaker_entity = next((s for _, _, s in group if s), None)
        speaker = names[speaker_entity].name if speaker_entity else next((q.speaker_text for _, q, _ in group if q.speaker_text), None)
        out.append(QuoteGroup(f"q{len(out) + 1}", speaker, _quote_status(variants, chain_of), variants, speaker_entity))
    out.sort(key=lambda g: ({"variant": 0, "identical": 1, "single-source": 2}[g.status], -len(g.variants)))
    return [QuoteGroup(f"q{i + 1}", g.speaker, g.status, g.variants, g.speaker_entity) for i, g in enumerate(out)]


def _is_said_by_someone(quote: Quote, speaker_entity: str | None) -> bool:
    """Keep, for the report, what a person or organisation said; drop stances of things
    ("the conversation touched on ...", "a letter cited ...") that attribution also finds."""
    if quote.kind == "direct" or speaker_entity is not None:
        return True
    words = set(re.findall(r"[a-z]+", (quote.speaker_text or "").lower()))
    return bool(words & SPEAKER_NOUNS) or any(c.isupper() for c in (quote.speaker_text or "")[1:])


def _speaker_entity(article: Article, analysis: Analysis, quote: Quote, resolution: Resolution) -> str | None:
    if quote.speaker is None and not quote.speaker_text:
        return None
    if quote.speaker is not None:
        inside = [m for m in analysis.mentions if quote.speaker.start <= m.start and m.end <= quote.speaker.end]
        # the person named in "Kremlin aide Yuri Ushakov", not the organisation
        for m in sorted(inside, key=lambda m: (m.label != "PERSON", -m.start)):
            if m.label not in SPEAKER_LABELS:
                continue
            eid = resolution.entity_for(article.id, m)
            if eid:
                return eid
    return resolution.entity_named(quote.speaker_text)


def _variant(article: Article, quote: Quote) -> QuoteVariant:
    cue = article.text[quote.cue.start : quote.cue.end] if quote.cue else None
    return QuoteVariant(
        article.id, quote.content.start, quote.content.end, article.text[quote.content.start : quote.content.end], quote.kind, cue, quote.speaker_text
    )


def _bare(text: str) -> str:
    return " ".join(text.strip(QUOTE_CHARS + " ,.").split())


def _quote_status(variants: Sequence[QuoteVariant], chain_of: dict[str, int]) -> str:
    if len({chain_of[v.article] for v in variants}) < 2:
        return "single-source"
    texts = {re.sub(r"\W+", " ", v.text.lower()).strip() for v in variants}
    return "identical" if len(texts) == 1 else "variant"


def _timeline(articles: Sequence[Article], analyses: Sequence[Analysis]) -> list[TimelineEntry]:
    """Resolved dates, each with the sentence that mentions it, earliest first; one entry per date and article."""
    entries: dict[str, list[tuple[Article, int, int]]] = {}
    for article, analysis in zip(articles, analyses):
        for t in analysis.times:
            if not t.resolved or t.start_date is None or t.end_date is None:
                continue
            key = t.start_date.isoformat() if t.start_date == t.end_date else f"{t.start_date.isoformat()}/{t.end_date.isoformat()}"
            sentence = analysis.sentences[t.sentence] if t.sentence < len(analysis.sentences) else None
            if sentence is not None:
                entries.setdefault(key, []).append((article, sentence.start, sentence.end))
    out = []
    for key in sorted(entries):
        cites = entries[key]
        first = cites[0]
        out.append(
            TimelineEntry(key, first[0].text[first[1] : first[2]], tuple(dict.fromkeys(Citation(a.id, s, e) for a, s, e in cites)))
        )
    return out
