"""The analyze stage: one ``Analysis`` per article (sentences, entities, quotes, claims, numbers, times).

spaCy runs once per article, batched with ``nlp.pipe``; spaCy objects never leave this package.
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc

from ..model import Analysis, Article, Boilerplate, Claim, Failure, Span
from .boilerplate import find_boilerplate
from .claims import find_claims
from .entities import find_mentions
from .numbers import find_numbers
from .pipeline import load_nlp
from .quotes import find_quotes
from .times import find_times

__all__ = ["AnalyzeResult", "analyze_articles", "analyze_doc", "load_nlp"]

log = logging.getLogger(__name__)


@dataclass
class AnalyzeResult:
    """Analyses of the articles that could be analysed, and a ``Failure`` for each that could not."""

    ok: list[Analysis] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)


def analyze_articles(
    articles: Sequence[Article],
    *,
    nlp: Language | None = None,
    batch_size: int = 16,
    n_process: int = 1,
    progress: Callable[[int], None] | None = None,
) -> AnalyzeResult:
    """Analyse ``articles`` with spaCy and the rule-based finders; one bad article never stops the batch.

    Args:
        articles: the articles to analyse.
        nlp: a loaded spaCy pipeline; the default English model when None.
        batch_size: articles per ``nlp.pipe`` batch.
        n_process: worker processes; above 1, the articles are shared out among workers that each load
            the default model once and keep it (worth it for corpora, not for a few articles).
        progress: called with 1 after each article (for a progress bar).
    Returns:
        The analyses, in input order, and the failures.
    """
    if n_process > 1 and nlp is None and len(articles) > batch_size:
        return _analyze_in_workers(articles, n_process, batch_size, progress)
    nlp = nlp or load_nlp()
    result = AnalyzeResult()
    texts = (a.text for a in articles)
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=batch_size)):
        try:
            result.ok.append(analyze_doc(article, doc))
        except Exception as exc:  # one article's bad luck must not sink the batch
            log.exception("analysis failed: %s", article.id)
            result.failed.append(Failure(article.source or article.id, "analyze", f"{type(exc).__name__}: {exc}"))
        if progress:
            progress(1)
    return result


@functools.lru_cache(maxsize=1)
def _workers(n_process: int) -> ProcessPoolExecutor:
    # spawn, not fork: the parent may hold torch threads, which a fork can deadlock on
    return ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("spawn"), initializer=load_nlp)


def _analyze_in_workers(articles: Sequence[Article], n_process: int, batch_size: int, progress: Callable[[int], None] | None) -> AnalyzeResult:
    chunks = [list(articles[i : i + batch_size]) for i in range(0, len(articles), batch_size)]
    result = AnalyzeResult()
    for part in _workers(n_process).map(_analyze_chunk, chunks):
        result.ok += part.ok
        result.failed += part.failed
        if progress:
            progress(len(part.ok) + len(part.failed))
    return result


def _analyze_chunk(articles: list[Article]) -> AnalyzeResult:
    return analyze_articles(articles, nlp=load_nlp(), batch_size=len(articles))


def analyze_doc(article: Article, doc: Doc) -> Analysis:
    """Build the ``Analysis`` of ``article`` from its parsed ``doc``.

    Boilerplate (datelines, adverts, "Also read" links, credits) is found first, and nothing found
    inside it becomes a mention, quote, claim, number or time.
    """
    boilerplate = tuple(Boilerplate(s, e, kind) for s, e, kind in find_boilerplate(article.text))
    story = _outside(boilerplate)
    sentences = tuple(_sentence_spans(doc))
    mentions = tuple(m for m in find_mentions(doc, sentences) if story(m))
    quotes = tuple(q for q in find_quotes(doc, sentences, mentions) if story(q.content))
    return Analysis(
        article_id=article.id,
        sentences=sentences,
        mentions=mentions,
        quotes=quotes,
        claims=_kept(find_claims(doc, sentences, quotes), story),
        numbers=tuple(n for n in find_numbers(article.text, sentences) if story(n)),
        times=tuple(t for t in find_times(article.text, article.published, sentences) if story(t)),
        language=article.language,
        boilerplate=boilerplate,
    )


def _kept(claims: Sequence[Claim], story: Callable[[object], bool]) -> tuple[Claim, ...]:
    """The claims outside boilerplate, each ``parent`` renumbered among them (None when its parent was dropped)."""
    kept = [k for k, c in enumerate(claims) if story(c)]
    number = {old: new for new, old in enumerate(kept)}
    return tuple(replace(claims[k], parent=number.get(claims[k].parent)) for k in kept)


def _outside(boilerplate: Sequence[Boilerplate]) -> Callable[[object], bool]:
    """A test that a record with ``start``/``end`` lies mostly outside the boilerplate spans."""

    def story(record: object) -> bool:
        start, end = record.start, record.end  # type: ignore[attr-defined]
        inside = sum(max(0, min(end, b.end) - max(start, b.start)) for b in boilerplate)
        return inside * 2 <= max(1, end - start)

    return story


def _sentence_spans(doc: Doc) -> list[Span]:
    """Sentence spans with surrounding whitespace trimmed; whitespace-only sentences dropped."""
    spans = []
    text = doc.text
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append(Span(start, end))
    return spans
