"""Statements: the sentences an article asserts, with negation and attribution."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ..model import Claim, Quote, Span

MIN_CLAIM_WORDS = 4
NEGATIONS = frozenset({"not", "n't", "never", "nor", "neither", "no longer"})


def find_claims(doc: Doc, sentences: Sequence[Span], quotes: Sequence[Quote]) -> list[Claim]:
    """Return one claim per sentence of at least four words.

    A claim is negated when its main verbs carry a negation ("did not discuss", "will never"); the
    lemmas of those verbs are kept so that compare can check the other side makes the same predication.
    its attribution is the speaker of a quote that covers most of it.
    """
    claims = []
    for index, sentence in enumerate(sentences):
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None or sum(1 for t in span if t.is_alpha) < MIN_CLAIM_WORDS:
            continue
        negated_terms = tuple(
            t.head.lemma_.lower()
            for t in span
            if t.dep_ == "neg" and t.head.pos_ in {"VERB", "AUX"} and t.head.dep_ in {"ROOT", "ccomp", "conj"}
        )
        claims.append(
            Claim(sentence.start, sentence.end, index, bool(negated_terms), _attribution(sentence, quotes), negated_terms)
        )
    return claims


def _attribution(sentence: Span, quotes: Sequence[Quote]) -> str | None:
    length = sentence.end - sentence.start
    for quote in quotes:
        covered = min(sentence.end, quote.content.end) - max(sentence.start, quote.content.start)
        if covered > 0.5 * length and quote.speaker_text:
            return quote.speaker_text
    return None
