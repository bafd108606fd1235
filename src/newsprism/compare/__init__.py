"""One story's analyses -> ``Comparison``: what the sources corroborate, what one reports, where they differ.

The stages, one module each, in the order ``compare_analyses`` runs them:

- ``independence``: which articles copy one another (one reporting chain, one source);
- ``claims``: every claim of every article (atomic propositions, smaller than the sentence);
- ``align``: which claims of two articles state the same thing (a learned scorer over similarity,
  predicate, entity, number and time features);
- ``facts`` and ``differences``: linked claims become facts, with their status, their independent
  sources and what differs between the sources' values;
- ``quotes``: who said what, one utterance across outlets;
- ``timeline`` and ``summary``: the dates, and a merged summary citing only the articles that state
  each of its claims.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..analyze import analyze_articles
from ..backends.embedders import Embedder, resolve_embedder
from ..errors import InputError
from ..model import Analysis, Article, Comparison
from ..resolve import resolve_entities
from .align import feature_matrices, group_links, links, load_aligner, value_links
from .claims import ClaimRecord, claim_records, content_words, jaccard
from .differences import differences_between, differing_values
from .facts import build_facts
from .independence import chains_of
from .quotes import quote_groups
from .summary import summarize
from .timeline import timeline

__all__ = ["CompareOptions", "compare_analyses", "compare_articles", "content_words", "differences_between", "jaccard"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CompareOptions:
    """Settings of the comparison.

    ``align_threshold`` overrides the probability from which the shipped aligner links two claims
    (None: the threshold it was trained with, see ``compare/aligner.json``). ``quote_threshold`` is the
    MiniLM cosine from which two quotes of one speaker are one utterance (0.2 more when a speaker is
    unknown); 0.55 gave the best quote recall and precision of 0.45-0.65 on facts-dev (0.385 / 0.882 against
    0.333 / 0.800 at 0.65; ``newsprism eval facts``). ``copy_threshold`` is the shingle containment from which
    two articles are copies (``dedup.COPY_THRESHOLD``).
    """

    align_threshold: float | None = None
    quote_threshold: float = 0.55
    copy_threshold: float = 0.5
    summary_sentences: int = 6


def compare_articles(
    articles: Sequence[Article],
    *,
    analyses: Sequence[Analysis] | None = None,
    embedder: str | Embedder = "minilm",
    options: CompareOptions | None = None,
    progress: Callable[[str], None] | None = None,
) -> Comparison:
    """Compare articles that report one story, analysing them first unless ``analyses`` are given.

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
        InputError: no articles, or none could be analysed.
    """
    unique, notes = _drop_duplicates(articles)
    if not unique:
        raise InputError("No articles to compare.")
    if analyses is None:
        (progress or (lambda _name: None))("analyze")
        result = analyze_articles(unique)
        notes += [f"could not analyse {f.source}: {f.message}" for f in result.failed]
        analyses = result.ok
    return compare_analyses(unique, analyses, embedder=embedder, options=options, progress=progress, notes=notes)


def compare_analyses(
    articles: Sequence[Article],
    analyses: Sequence[Analysis],
    *,
    embedder: str | Embedder = "minilm",
    options: CompareOptions | None = None,
    progress: Callable[[str], None] | None = None,
    notes: Sequence[str] = (),
) -> Comparison:
    """The comparison pipeline over analysed articles (it does not run the analysis itself)."""
    options = options or CompareOptions()
    step = progress or (lambda _name: None)
    unique, dropped = _drop_duplicates(articles)
    notes = list(notes) + [n for n in dropped if n not in notes]
    by_id = {a.id: a for a in unique}
    analyses = list({a.article_id: a for a in analyses if a.article_id in by_id}.values())
    unique = [by_id[a.article_id] for a in analyses]
    if not unique:
        raise InputError("None of the articles could be analysed: " + "; ".join(notes))
    notes += _language_notes(unique)
    if len(unique) == 1:
        notes.append("Only one article: there is nothing to compare it against; every claim is single-source.")
    step("chains")
    chains, chain_of = chains_of(unique, options.copy_threshold)
    notes += _copy_notes(chains, by_id)
    step("entities")
    resolution = resolve_entities(unique, analyses)
    step("embed")
    emb = resolve_embedder(embedder)
    records = claim_records(unique, analyses, resolution)
    step("align")
    pairs = align_claims(records, emb, options)
    facts, claims = build_facts(records, group_links(records, pairs), pairs, chain_of, list(by_id))
    step("quotes")
    quotes = quote_groups(unique, analyses, resolution, chain_of, emb, options.quote_threshold)
    dates = timeline(unique, analyses)
    if any(not t.resolved for a in analyses for t in a.times) and any(a.published is None for a in unique):
        notes.append("Some publication dates are unknown, so relative dates (\"Thursday\") are left unresolved; pass --published.")
    step("summary")
    summary = summarize(facts, records, by_id, analyses, max_sentences=options.summary_sentences)
    return Comparison(
        articles=tuple(unique),
        independence=tuple(tuple(c) for c in chains),
        entities=resolution.entities,
        facts=tuple(facts),
        quotes=tuple(quotes),
        timeline=tuple(dates),
        summary=tuple(summary),
        notes=tuple(notes),
        boilerplate=tuple(replace(b, article=a.article_id) for a in analyses for b in a.boilerplate),
        claims=tuple(claims),
    )


def align_claims(records: list[ClaimRecord], emb: Embedder, options: CompareOptions) -> list[tuple[int, int, float]]:
    """The links (i, j, probability) between claims of different articles that state the same thing."""
    if not records:
        return []
    aligner = load_aligner()
    probability = aligner.probabilities(feature_matrices(records, *embed_claims(records, emb)))
    threshold = aligner.threshold if options.align_threshold is None else options.align_threshold
    return link_claims(records, probability, threshold, aligner.value_gate)


def link_claims(records: list[ClaimRecord], probability: np.ndarray, threshold: float, value_gate: float) -> list[tuple[int, int, float]]:
    """Links of claims that state the same thing, and of claims of one slot whose values differ."""
    found = links(records, probability, threshold)
    linked = {(i, j) for i, j, _ in found}

    def same_event(a: int, b: int) -> bool:  # two details' clauses are as likely one claim as the details must be
        return max(probability[a, b], probability[b, a]) >= value_gate

    return found + [x for x in value_links(records, probability, value_gate, differing_values, same_event) if x[:2] not in linked]


def embed_claims(records: list[ClaimRecord], emb: Embedder) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unit vectors of every claim's reading, of its own words and of its sentence (each distinct text once)."""
    texts = list(dict.fromkeys([r.reading for r in records] + [r.text for r in records] + [r.sentence for r in records]))
    at = {t: k for k, t in enumerate(texts)}
    vectors = np.asarray(emb.encode(texts))
    readings, focuses, sentences = (vectors[[at[getattr(r, key)] for r in records]] for key in ("reading", "text", "sentence"))
    for r, v in zip(records, readings):
        r.vector = v
    return readings, focuses, sentences


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


