"""Tests for newsprism.analyze.entities: sentence lookup and cleaned NER mentions.

``find_mentions`` is tested on blank-pipeline docs with hand-set entities (no model), and once
through the real pipeline.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsprism.analyze.entities import find_mentions, sentence_index
from newsprism.model import Span

SENTENCES = (Span(0, 10), Span(11, 20), Span(25, 30))


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def doc_with(blank, text: str, *ents: tuple[int, int, str]) -> Doc:
    """A tokenised ``text`` whose entities are the token ranges ``ents`` (start, end, label)."""
    doc = blank(text)
    doc.ents = [SpacySpan(doc, start, end, label=label) for start, end, label in ents]
    return doc


def whole(text: str) -> list[Span]:
    return [Span(0, len(text))]


# --- sentence_index ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(0, 0), (5, 0), (9, 0), (11, 1), (19, 1), (25, 2), (29, 2)],
)
def test_sentence_index_finds_the_sentence_holding_offset(offset, expected):
    assert sentence_index(SENTENCES, offset) == expected


def test_sentence_index_end_is_exclusive():
    assert sentence_index(SENTENCES, 20) == 2
    assert sentence_index(SENTENCES, 30) == 2  # past the last sentence: clamped to it


def test_sentence_index_gap_goes_to_next_sentence():
    assert sentence_index(SENTENCES, 10) == 1
    assert sentence_index(SENTENCES, 22) == 2


def test_sentence_index_out_of_range_is_clamped():
    assert sentence_index(SENTENCES, 1000) == 2
    assert sentence_index(SENTENCES, -5) == 0


def test_sentence_index_no_sentences_is_zero():
    assert sentence_index([], 7) == 0


def test_sentence_index_many_sentences():
    sentences = [Span(i * 10, i * 10 + 9) for i in range(100)]
    assert [sentence_index(sentences, i * 10 + 4) for i in range(100)] == list(range(100))


# --- find_mentions -----------------------------------------------------------------------------------


def test_find_mentions_trims_leading_the(blank):
    text = "The United Nations met in Geneva."
    doc = doc_with(blank, text, (0, 3, "ORG"), (5, 6, "GPE"))
    mentions = find_mentions(doc, whole(text))
    assert [(m.text, m.label) for m in mentions] == [("United Nations", "ORG"), ("Geneva", "GPE")]
    assert (mentions[0].start, mentions[0].end) == (4, 18)
    for m in mentions:
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize("possessive", ["'s", "’s"])
def test_find_mentions_trims_possessive(blank, possessive):
    text = f"the European Union{possessive} envoy met Putin{possessive} aides."
    doc = doc_with(blank, text, (0, 4, "ORG"), (6, 8, "PERSON"))
    mentions = find_mentions(doc, whole(text))
    assert [m.text for m in mentions] == ["European Union", "Putin"]
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_find_mentions_trims_trailing_punctuation_but_keeps_abbreviation(blank):
    text = "The U.S. and Russia, the two powers."
    doc = doc_with(blank, text, (0, 2, "GPE"), (3, 5, "GPE"))
    assert [m.text for m in find_mentions(doc, whole(text))] == ["U.S.", "Russia"]


def test_find_mentions_trims_a_persons_title_but_not_a_kings_or_an_agencys(blank):
    text = "Representative Bruce Braley met Sen. Grassley, King Charles and State Department staff."
    doc = doc_with(blank, text, (0, 3, "PERSON"), (4, 6, "PERSON"), (7, 9, "PERSON"), (10, 12, "ORG"))
    assert [m.text for m in find_mentions(doc, whole(text))] == ["Bruce Braley", "Grassley", "King Charles", "State Department"]


def test_find_mentions_ends_a_name_at_its_last_capitalised_word(blank):
    text = "Cables in the Mediterranean sea and the Obama administration."
    doc = doc_with(blank, text, (3, 5, "LOC"), (7, 9, "ORG"))
    assert [m.text for m in find_mentions(doc, whole(text))] == ["Mediterranean", "Obama"]
    text = "Kim Jong - un met them."
    assert [m.text for m in find_mentions(doc_with(blank, text, (0, 4, "PERSON")), whole(text))] == ["Kim Jong - un"]


def test_find_mentions_drops_all_lowercase(blank):
    text = "Forces in eastern Ukraine advanced."
    doc = doc_with(blank, text, (2, 3, "ORG"), (3, 4, "GPE"))
    assert [m.text for m in find_mentions(doc, whole(text))] == ["Ukraine"]


def test_find_mentions_drops_entity_that_is_only_an_article(blank):
    text = "The talks ended."
    doc = doc_with(blank, text, (0, 1, "ORG"))
    assert find_mentions(doc, whole(text)) == []


def test_find_mentions_drops_non_name_labels(blank):
    text = "Eight people died on Thursday in Kyiv."
    doc = doc_with(blank, text, (0, 1, "CARDINAL"), (4, 5, "DATE"), (6, 7, "GPE"))
    assert [(m.text, m.label) for m in find_mentions(doc, whole(text))] == [("Kyiv", "GPE")]


def test_find_mentions_records_sentence_index(blank):
    text = "Putin called. Trump answered."
    doc = doc_with(blank, text, (0, 1, "PERSON"), (3, 4, "PERSON"))
    mentions = find_mentions(doc, [Span(0, 13), Span(14, 29)])
    assert [(m.text, m.sentence) for m in mentions] == [("Putin", 0), ("Trump", 1)]


@pytest.mark.model
def test_find_mentions_through_pipeline_trims_the_and_possessive():
    from newsprism.analyze import analyze_articles
    from newsprism.ingest import article_from_text

    article = article_from_text(
        "The United Nations said the Kremlin's plan was unacceptable. Putin's aides met the European Union's envoy."
    )
    analysis = analyze_articles([article]).ok[0]
    assert [(m.text, m.label, m.sentence) for m in analysis.mentions] == [
        ("United Nations", "ORG", 0),
        ("Kremlin", "ORG", 0),
        ("Putin", "PERSON", 1),
        ("European Union", "ORG", 1),
    ]
    for m in analysis.mentions:
        assert article.text[m.start : m.end] == m.text


def test_find_mentions_splits_a_span_at_an_owners_possessive(blank):
    text = "when Congress's Office of Compliance released details"
    doc = doc_with(blank, text, (1, 6, "ORG"))
    assert [m.text for m in find_mentions(doc, whole(text))] == ["Congress", "Office of Compliance"]


@pytest.mark.model
def test_find_mentions_cuts_a_span_ner_ran_over_a_verb():
    from newsprism.analyze.pipeline import load_nlp

    text = "In January 2012, the New York State Workers’ Compensation Board ordered Healthalicious to pay $88,000 for it."
    doc = load_nlp()(text)
    doc.ents = [SpacySpan(doc, 5, 14, label="ORG")]  # what spaCy's small model marks here
    assert doc.ents[0].text == "New York State Workers’ Compensation Board ordered Healthalicious"
    assert [m.text for m in find_mentions(doc, whole(text))] == ["New York State Workers’ Compensation Board"]
