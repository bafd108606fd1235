"""Tests for newsprism.analyze.claims: sentences cut into atomic claims on the dependency parse."""

from __future__ import annotations

import json
import random
import re

import pytest
from spacy.tokens import Doc

from newsprism.analyze.claims import find_claims
from newsprism.model import Claim, Quote, Span

pytestmark = pytest.mark.model


def parse(text: str) -> tuple[Doc, list[Span]]:
    from newsprism.analyze import _sentence_spans, load_nlp

    doc = load_nlp()(text)
    return doc, _sentence_spans(doc)


def claims_of(text: str, quotes: tuple[Quote, ...] = ()) -> list[Claim]:
    doc, sentences = parse(text)
    return find_claims(doc, sentences, quotes)


def own_text(text: str, claim: Claim) -> str:
    return " ".join(text[p.start : p.end] for p in claim.parts)


def by_kind(text: str, claims: list[Claim], kind: str) -> list[str]:
    return [own_text(text, c) for c in claims if c.kind == kind]


def test_a_call_its_day_and_what_was_said_are_three_claims():
    text = "Putin told Trump in a call on Thursday that Russia will not give up its aims in Ukraine."
    claims = claims_of(text)
    assert by_kind(text, claims, "time") == ["on Thursday"]
    assert by_kind(text, claims, "place") == ["in Ukraine"]
    told = next(c for c in claims if "told" in own_text(text, c))
    assert "Thursday" not in own_text(text, told) and "give" not in own_text(text, told)
    aims = next(c for c in claims if "give up" in own_text(text, c))
    assert aims.negated and aims.negated_terms == ("give",)
    assert not told.negated
    time = next(c for c in claims if c.kind == "time")
    assert claims[time.parent] is told  # the day details the call
    assert any("told" in text[p.start : p.end] for p in time.context)  # and is read with it


def test_reported_speech_gives_the_attribution_and_the_content():
    text = "An earthquake razed villages on the island of Qeshm on Sunday, killing ten people, officials said."
    claims = claims_of(text)
    said = next(c for c in claims if own_text(text, c) == "officials said")
    content = next(c for c in claims if c.kind == "content")
    assert own_text(text, content).startswith("An earthquake razed villages")
    assert claims[content.parent] is said
    assert any("razed" in text[p.start : p.end] for p in said.context)  # "officials said" reads with what they said
    assert by_kind(text, claims, "time") == ["on Sunday"]
    assert any(own_text(text, c) == "killing ten people" for c in claims)


def test_apposition_is_a_description_and_leaves_its_clause_discontiguous():
    text = "Mark Sheridan, a partner with Patton Boggs, confirmed the subpoenas on Thursday."
    claims = claims_of(text)
    assert by_kind(text, claims, "description") == ["a partner with Patton Boggs"]
    main = next(c for c in claims if "confirmed" in own_text(text, c))
    assert [text[p.start : p.end] for p in main.parts] == ["Mark Sheridan", "confirmed the subpoenas"]
    assert (main.start, main.end) == (0, text.index(" on Thursday"))


def test_according_to_is_an_attribution_and_a_reason_is_its_own_claim():
    text = (
        "According to the Kremlin, Moscow will keep its troops in the region "
        "following recent U.S. strikes on nuclear facilities in Iran."
    )
    claims = claims_of(text)
    assert by_kind(text, claims, "attribution") == ["According to the Kremlin"]
    reasons = by_kind(text, claims, "reason")
    assert reasons and reasons[0].startswith("following recent U.S. strikes")
    assert not any("strikes" in own_text(text, c) for c in claims if c.kind == "clause")


def test_a_list_of_figures_gives_a_claim_per_figure():
    text = "Traffic was cut: 55 % with Saudi Arabia, 52 % with Egypt and 51 % with Pakistan."
    items = by_kind(text, claims_of(text), "item")
    assert items == ["55 % with Saudi Arabia", "52 % with Egypt", "51 % with Pakistan"]


def test_a_copular_place_is_the_claim_itself():
    text = "The epicenter of the earthquake was in the waters of the Persian Gulf."
    claims = claims_of(text)
    assert len(claims) == 1 and own_text(text, claims[0]) == text[:-1]


def test_attribution_from_a_covering_quote():
    text = '"The economy is growing faster than anyone expected," Smith said.'
    quote = Quote(Span(0, 53), "direct", speaker=Span(54, 59), speaker_text="Smith")
    claims = claims_of(text, (quote,))
    content = next(c for c in claims if "economy" in own_text(text, c))
    assert content.attribution == "Smith"
    assert next(c for c in claims if own_text(text, c) == "Smith said").attribution is None


def test_short_sentences_give_no_claims_and_claims_come_in_text_order():
    text = "He left. Yes. The two leaders did not discuss the pause on Monday. They met in Paris after the vote."
    claims = claims_of(text)
    assert {c.sentence for c in claims} == {2, 3}
    assert [c.start for c in claims] == sorted(c.start for c in claims)


def test_claims_through_the_pipeline_skip_boilerplate():
    from newsprism.analyze import analyze_articles
    from newsprism.ingest import article_from_text

    article = article_from_text(
        "WASHINGTON (Reuters) - Senator Jane Smith arrived in Paris on Monday.\n\n"
        "Sign up for our politics newsletter to get the latest news every morning.\n\n"
        '"We will not accept this deal under any circumstances," she said in a statement issued on Tuesday.'
    )
    analysis = analyze_articles([article]).ok[0]
    assert [b.kind for b in analysis.boilerplate] == ["dateline", "newsletter"]
    newsletter = analysis.boilerplate[-1]
    assert not any(newsletter.start <= c.start < newsletter.end for c in analysis.claims)
    for claim in analysis.claims:  # parents renumbered after the boilerplate's claims were left out
        assert claim.parent is None or analysis.claims[claim.parent].sentence == claim.sentence
    negated = [c for c in analysis.claims if c.negated]
    assert negated and negated[0].attribution == "Jane Smith"


def _check_invariants(text: str, claims: list[Claim], sentences: list[Span]) -> None:
    for claim in claims:
        sentence = sentences[claim.sentence]
        assert claim.parts, claim
        for part in claim.parts + claim.context:
            assert sentence.start <= part.start < part.end <= sentence.end
        assert claim.start == claim.parts[0].start and claim.end == claim.parts[-1].end
        assert re.search(r"\w", own_text(text, claim))
        assert claim.parent is None or 0 <= claim.parent < len(claims) and claims[claim.parent].sentence == claim.sentence
    owned = [(claim.sentence, p.start, p.end) for claim in claims for p in claim.parts]
    for (s1, a1, b1), (s2, a2, b2) in zip(sorted(owned), sorted(owned)[1:]):
        assert s1 != s2 or b1 <= a2, "two claims own the same characters"


def _sample_texts(dataset, count: int) -> list[str]:
    """Article texts from three datasets of other outlets and genres: facts-dev (BASIL, ECB+), PolNeAR, PropSegmEnt."""
    texts = []
    for path in sorted((dataset("facts-dev") / "stories").glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    polnear = sorted((dataset("polnear") / "dev" / "text").glob("*.txt"))
    texts += [p.read_text(encoding="utf-8") for p in polnear[:10]]
    clusters = json.loads((dataset("propsegment") / "document_clusters.dev.json").read_text(encoding="utf-8"))
    texts += [d["document"] for c in clusters[:5] for d in c["documents"]]
    return random.Random(0).sample(texts, min(count, len(texts)))


def test_splitter_on_real_sentences_of_several_datasets(dataset):
    """On real news and encyclopedic text: claims stay inside their sentence, never share characters, cover
    most of each sentence's words, and a sentence gives between one and a handful of them on average."""
    from newsprism.analyze import _sentence_spans, load_nlp

    nlp = load_nlp()
    sentences_seen = claims_seen = words = covered = 0
    for text in _sample_texts(dataset, 40):
        doc = nlp(text[:20000])
        sentences = _sentence_spans(doc)
        claims = find_claims(doc, sentences, ())
        _check_invariants(doc.text, claims, sentences)
        owned = {i for c in claims for p in c.parts for i in range(p.start, p.end)}
        for token in doc:
            if token.is_alpha and not token.is_stop:
                words += 1
                covered += token.idx in owned
        sentences_seen += len({c.sentence for c in claims})
        claims_seen += len(claims)
    assert 2.0 <= claims_seen / sentences_seen <= 5.0
    assert covered / words >= 0.95
