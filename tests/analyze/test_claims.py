"""Tests for newsprism.analyze.claims: one claim per sentence, with negation and attribution."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from newsprism.analyze.claims import find_claims
from newsprism.model import Claim, Quote, Span

pytestmark = pytest.mark.model


def parse(text: str) -> tuple[Doc, list[Span]]:
    from newsprism.analyze import load_nlp

    doc = load_nlp()(text)
    return doc, [Span(s.start_char, s.end_char) for s in doc.sents]


def claims_of(text: str, quotes: tuple[Quote, ...] = ()) -> list[Claim]:
    doc, sentences = parse(text)
    return find_claims(doc, sentences, quotes)


def only_claim(text: str, quotes: tuple[Quote, ...] = ()) -> Claim:
    found = claims_of(text, quotes)
    assert len(found) == 1, found
    return found[0]


def test_find_claims_negated():
    claim = only_claim("The two leaders did not discuss a recent pause in weapons shipments.")
    assert claim.negated
    assert "discuss" in claim.negated_terms


def test_find_claims_negated_contraction():
    claim = only_claim("The leaders didn't discuss the pause in weapons deliveries.")
    assert claim.negated
    assert claim.negated_terms == ("discuss",)


def test_find_claims_negated_never():
    claim = only_claim("Russia will never give up its aims in Ukraine, officials say.")
    assert claim.negated
    assert claim.negated_terms == ("give",)


def test_find_claims_not_negated():
    claim = only_claim("The two leaders discussed a recent pause in weapons shipments.")
    assert not claim.negated
    assert claim.negated_terms == ()


def test_find_claims_span_is_the_sentence():
    text = "The two leaders did not discuss a recent pause in weapons shipments."
    claim = only_claim(text)
    assert (claim.start, claim.end, claim.sentence) == (0, len(text), 0)


def test_find_claims_skips_short_sentences():
    text = "He left. Yes, it is. The two leaders did not discuss the pause."
    found = claims_of(text)
    assert len(found) == 1
    assert found[0].sentence == 2
    assert text[found[0].start : found[0].end] == "The two leaders did not discuss the pause."


def test_find_claims_one_per_sentence_in_order():
    text = "Putin spoke with Trump on Thursday. The call lasted nearly an hour. They did not discuss weapons."
    found = claims_of(text)
    assert [c.sentence for c in found] == [0, 1, 2]
    assert [c.negated for c in found] == [False, False, True]


def test_find_claims_attribution_from_covering_quote():
    text = '"The economy is growing faster than anyone expected," Smith said.'
    quote = Quote(Span(0, 53), "direct", speaker=Span(54, 59), speaker_text="Smith")
    claim = only_claim(text, (quote,))
    assert claim.attribution == "Smith"


def test_find_claims_no_attribution_when_quote_covers_little():
    text = 'The government announced on Tuesday a plan it calls "bold" for the northern regions.'
    start = text.index('"bold"')
    quote = Quote(Span(start, start + 6), "direct", speaker_text="Smith")
    assert only_claim(text, (quote,)).attribution is None


def test_find_claims_no_attribution_without_speaker_text():
    text = '"The economy is growing faster than anyone expected," a voice said.'
    quote = Quote(Span(0, 53), "direct")
    assert only_claim(text, (quote,)).attribution is None


def test_find_claims_attribution_only_for_covered_sentence():
    text = 'Smith arrived in Paris on Monday morning. "We will not accept this deal under any circumstances."'
    start = text.index('"We')
    quote = Quote(Span(start, len(text)), "direct", speaker_text="Smith")
    found = claims_of(text, (quote,))
    assert [(c.sentence, c.attribution) for c in found] == [(0, None), (1, "Smith")]
    assert found[1].negated


def test_find_claims_attribution_through_pipeline():
    from newsprism.analyze import analyze_articles
    from newsprism.ingest import article_from_text

    article = article_from_text(
        'Senator Jane Smith arrived in Paris on Monday. "We will not accept this deal under any circumstances," she said.'
    )
    analysis = analyze_articles([article]).ok[0]
    assert [(c.sentence, c.attribution, c.negated) for c in analysis.claims] == [
        (0, None, False),
        (1, "Jane Smith", True),
    ]
