"""End-to-end behaviour of ``compare_articles`` on real articles (the example pair and a BASIL event)."""

from __future__ import annotations

import jsonschema
import pytest

from newsprism.report import check_spans

pytestmark = pytest.mark.model


def _article_id(data: dict, label: str) -> str:
    return next(a["id"] for a in data["articles"] if a["label"] == label)


def _entity_with(data: dict, alias: str) -> dict:
    return next(e for e in data["entities"] if alias in e["aliases"])


def _facts_with(data: dict, needle: str) -> list[dict]:
    return [f for f in data["facts"] if any(needle in s["text"] for s in f["statements"])]


def test_compare_example_validates_against_schema(example_json, schema):
    jsonschema.validate(example_json, schema)
    assert check_spans(example_json) == []


@pytest.mark.parametrize(("one", "other"), [("Zelenskyy", "Zelensky"), ("Yuri Ushakov", "Yury Ushakov")])
def test_compare_example_merges_name_variants(example_json, one, other):
    entity = _entity_with(example_json, one)
    assert other in entity["aliases"]
    assert entity["label"] == "PERSON"
    assert {m["article"] for m in entity["mentions"]} == {a["id"] for a in example_json["articles"]}


def test_compare_example_links_ushakov_quote_as_variant(example_json):
    groups = [q for q in example_json["quotes"] if any("root causes that led" in v["text"] for v in q["variants"])]
    assert len(groups) == 1
    group = groups[0]
    assert group["status"] == "variant"
    assert "Ushakov" in group["speaker"]
    assert len({v["article"] for v in group["variants"]}) == 2


def test_compare_example_corroborates_the_negotiated_solution(example_json):
    """AFP's "seeking a political, negotiated solution" and LBC's "continues to seek a political negotiated
    solution" are one claim: corroborated by both, each in its own words."""
    afp, lbc = _article_id(example_json, "afp-wire"), _article_id(example_json, "LBC")
    facts = _facts_with(example_json, "negotiated solution")
    assert facts, "the negotiated-solution claim is missing"
    fact = facts[0]
    assert fact["status"] == "corroborated"
    assert fact["independent_sources"] == 2
    assert {s["article"] for s in fact["statements"]} == {afp, lbc}
    assert all(len(s["text"]) < 90 for s in fact["statements"])  # the claim, not its whole sentence


@pytest.mark.parametrize(
    ("needle", "label"),
    [("exchange of films", "LBC"), ("in Istanbul", "LBC"), ("planned to speak", "afp-wire")],
)
def test_compare_example_single_source_facts(example_json, needle, label):
    """The claim is single-source, whether its sentence is aligned with another article's or not."""
    facts = [f for f in _facts_with(example_json, needle) if f["status"] == "single-source"]
    assert facts, needle
    assert {s["article"] for f in facts for s in f["statements"]} == {_article_id(example_json, label)}
    assert all(f["independent_sources"] == 1 for f in facts)


def test_compare_example_flags_casualty_figures_as_scope_not_conflict(example_json):
    fact = _facts_with(example_json, "at least eight people")[0]
    numbers = [d for d in fact["differences"] if d["kind"] == "number"]
    assert fact["status"] == "differs"
    assert numbers and not numbers[0]["conflict"]
    assert "hundreds" in " ".join(s["text"] for s in numbers[0]["spans"])


def test_compare_example_summary_is_cited(example_json):
    """Article sentences cite their own span first, then only words of other articles that state their claims;
    the differences follow, each citing both values."""
    texts = {a["id"]: a["text"] for a in example_json["articles"]}
    stated = {(s["article"], s["start"], s["end"]) for f in example_json["facts"] if f["status"] != "single-source"
              for s in f["statements"]}
    assert 2 <= len(example_json["summary"]) <= 6
    for sentence in example_json["summary"]:
        first, *others = sentence["citations"]
        if sentence["text"].startswith("Sources differ"):
            assert {c["article"] for c in sentence["citations"]} == set(texts)
            continue
        assert texts[first["article"]][first["start"] : first["end"]] == sentence["text"]
        assert others and all((c["article"], c["start"], c["end"]) in stated for c in others)
    assert any(s["text"].startswith("Sources differ (number)") for s in example_json["summary"])


def test_compare_example_unknown_dates_are_flagged(example_json):
    assert any("publication dates are unknown" in n for n in example_json["notes"])


def test_compare_basil_event_validates(basil_json, schema):
    jsonschema.validate(basil_json, schema)
    assert check_spans(basil_json) == []
    assert len(basil_json["independence"]) == 3  # three outlets, none a copy of another


def test_compare_basil_event_resolves_main_entity_across_outlets(basil_json):
    obama = _entity_with(basil_json, "Obama")
    assert "Barack Obama" in obama["aliases"]
    assert len({m["article"] for m in obama["mentions"]}) == 3


def test_compare_basil_event_corroborates_across_outlets(basil_json):
    corroborated = [f for f in basil_json["facts"] if f["status"] == "corroborated"]
    assert len(corroborated) >= 3
    assert max(f["independent_sources"] for f in corroborated) >= 2
    vetoed = _facts_with(basil_json, "Obama vetoed")
    assert vetoed and vetoed[0]["independent_sources"] >= 2
    assert any(f["status"] == "single-source" for f in basil_json["facts"])


def test_compare_basil_event_summary_and_timeline(basil_json):
    assert basil_json["summary"] and all(s["citations"] for s in basil_json["summary"])
    assert basil_json["summary"][0]["citations"][0]["article"] in {a["id"] for a in basil_json["articles"]}
    assert any(t["date"].startswith("2016-09") for t in basil_json["timeline"])  # dates resolved against publication


def test_compare_counts_wire_copies_once(example_articles):
    from newsprism.compare import compare_articles
    from newsprism.ingest import article_from_text

    afp = next(a for a in example_articles if a.label == "afp-wire")
    paragraphs = afp.text.split("\n")
    copy = article_from_text("MOSCOW (AFP) - A new intro from the republishing site.\n" + "\n".join(paragraphs[:-1]), outlet="Copy Daily")
    comparison = compare_articles([afp, copy])
    assert sorted(map(len, comparison.independence)) == [2]
    assert all(f.independent_sources == 1 for f in comparison.facts)
    assert all(f.status == "single-source" for f in comparison.facts)
    assert any("one reporting chain" in n for n in comparison.notes)


def test_compare_groups_identical_quote_from_independent_outlets(example_articles):
    from newsprism.compare import compare_articles
    from newsprism.ingest import article_from_text

    afp = next(a for a in example_articles if a.label == "afp-wire")
    other = article_from_text(
        "Ukraine's president spent the day with European leaders in Copenhagen.\n\n"
        '"Continued American support for Ukraine, for our defence, for our people is in our common interest," '
        "Zelensky said on Wednesday.\n\nHe also met Danish officials to discuss air defence.",
        outlet="Other Wire",
    )
    comparison = compare_articles([afp, other])
    groups = [g for g in comparison.quotes if any("common interest" in v.text for v in g.variants)]
    assert len(groups) == 1
    assert groups[0].status == "identical"
    assert groups[0].speaker and "Zelensk" in groups[0].speaker
    assert {v.article for v in groups[0].variants} == {afp.id, other.id}


def test_compare_quotes_keep_people_and_drop_stances_of_things():
    from newsprism.compare.quotes import _is_said_by_someone
    from newsprism.model import Quote, Span

    def quote(kind: str, speaker_text: str | None) -> Quote:
        return Quote(Span(0, 10), kind, Span(20, 30), None, speaker_text)

    assert _is_said_by_someone(quote("indirect", "The conversation"), None) is False
    assert _is_said_by_someone(quote("indirect", "a letter"), None) is False
    assert _is_said_by_someone(quote("indirect", "A senior Ukrainian official"), None)
    assert _is_said_by_someone(quote("indirect", "the Kremlin"), None)  # a name, even unresolved
    assert _is_said_by_someone(quote("indirect", "the thing"), "vladimir-putin")  # resolved to an entity
    assert _is_said_by_someone(quote("direct", None), None)  # direct quotes always stay


def test_compare_alignment_features_equal_their_definitions(example_articles):
    """The feature matrices computed at once equal the pairwise definitions, and kinds gate the probabilities."""
    import numpy as np

    from newsprism.analyze import analyze_articles
    from newsprism.backends.embedders import get_embedder
    from newsprism.compare import embed_claims, jaccard
    from newsprism.compare.align import feature_matrices, load_aligner
    from newsprism.compare.claims import claim_records
    from newsprism.resolve import resolve_entities

    analyses = analyze_articles(example_articles).ok
    records = claim_records(example_articles, analyses, resolve_entities(example_articles, analyses))
    features = feature_matrices(records, *embed_claims(records, get_embedder("minilm")))
    for i in range(0, len(records), 7):
        for j in range(1, len(records), 5):
            a, b = records[i], records[j]
            assert features["word_overlap"][i, j] == pytest.approx(jaccard(a.words, b.words), abs=1e-6)
            assert features["entity_overlap"][i, j] == pytest.approx(jaccard(a.entities, b.entities), abs=1e-6)
            assert features["same_kind"][i, j] == float(a.kind == b.kind)
            assert features["reading_cosine"][i, j] == pytest.approx(float(a.vector @ b.vector), abs=1e-5)
    probability = load_aligner().probabilities(features)
    assert ((0 <= probability) & (probability <= 1)).all()
    times = [r.index for r in records if r.kind == "time"]
    plain = [r.index for r in records if r.kind == "clause" and not r.times]
    assert times and plain and not probability[np.ix_(times, plain)].any()  # a time never links to a claim without one


def test_compare_flags_a_different_place_as_an_entity_difference():
    from newsprism.compare import compare_articles
    from newsprism.ingest import article_from_text

    one = article_from_text(
        "A tornado killed five people in Tulsa on Monday, state officials said. "
        "Rescue teams searched the rubble of a school through the night.",
        source="one.txt", outlet="One",
    )
    other = article_from_text(
        "A tornado killed five people in Wichita on Monday, state officials said. "
        "The city's mayor declared a day of mourning.",
        source="other.txt", outlet="Other",
    )
    comparison = compare_articles([one, other])
    differences = [d for f in comparison.facts for d in f.differences if d.kind == "entity"]
    assert differences, [(f.status, [s.text for s in f.statements]) for f in comparison.facts]
    assert {s.text for s in differences[0].spans} == {"Tulsa", "Wichita"}
    assert any(f.status == "differs" for f in comparison.facts)


def _statement(article: str, text: str, *, negated=(), speaker=None, vector=(1.0, 0.0)):
    import numpy as np

    from newsprism.compare.claims import ClaimRecord, content_words

    return ClaimRecord(
        index=0, article=article, start=0, end=len(text), text=text, reading=text, kind="clause", predicate="",
        parent=None, negated_terms=tuple(negated), attribution=speaker, speaker=speaker, entities=frozenset(),
        words=content_words(text), reading_words=content_words(text), numbers=(), times=(), position=0,
        parts=((0, len(text)),), source_text=text, vector=np.array(vector),
    )


def test_compare_difference_spans_are_the_claims_characters():
    """A claim with an apposition inside is two parts; its difference spans still index the article text."""
    from newsprism.compare import compare_articles
    from newsprism.ingest import article_from_text
    from newsprism.report import check_spans, comparison_to_json

    one = article_from_text("Mr. Grimm, a former FBI agent, was expected to be indicted on Monday by prosecutors.", outlet="One")
    other = article_from_text("Mr. Grimm, a former FBI agent, was not expected to be indicted on Monday by prosecutors.", outlet="Other")
    data = comparison_to_json(compare_articles([one, other]))
    assert check_spans(data) == []


def test_negation_conflict_only_against_an_unnegated_statement():
    from newsprism.compare import differences_between

    said = _statement("b", "The leaders discussed the pause in deliveries.")
    kinds = [(d.kind, d.conflict) for d in differences_between(_statement("a", "The leaders did not discuss the pause.", negated=["discuss"]), said)]
    assert kinds == [("negation", True)]
    both = _statement("b", "It is not the intent of the law to discriminate.", negated=["be"])
    assert differences_between(_statement("a", "The law does not discriminate.", negated=["discriminate"]), both) == []
    elided = _statement("a", "The threats have changed, but the need has not.", negated=["have"])
    assert differences_between(elided, _statement("b", "The threats have changed since the Cold War.")) == []


def test_attribution_differs_only_for_near_identical_content():
    import math

    from newsprism.compare import differences_between

    a = _statement("a", "Talks will resume next week, Rice said.", speaker="susan-rice")
    same = _statement("b", "Talks will resume next week, Kerry said.", speaker="john-kerry", vector=(0.9, math.sqrt(1 - 0.81)))
    other = _statement("b", "The visit is destructive, Kerry said.", speaker="john-kerry", vector=(0.6, 0.8))
    assert [d.kind for d in differences_between(a, same)] == ["attribution"]
    assert differences_between(a, other) == []
