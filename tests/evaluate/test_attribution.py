"""The attribution scorer and the PolNeAR loader, on small texts built in the test."""

from __future__ import annotations

import pytest

from newsprism.evaluate.attribution import Attribution, AttributionScorer, classify, match, positions
from newsprism.evaluate.polnear import load_polnear, parse_ann

TEXT = '"We will win," Smith said. Jones said that taxes would rise. He called it "a disaster" for all.'


def span(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return (start, start + len(piece))


def att(content: str, source: str = "", text: str = TEXT) -> Attribution:
    return Attribution((span(text, content),), (span(text, source),) if source else ())


def test_classify_direct_mixed_indirect():
    assert classify(TEXT, (span(TEXT, '"We will win,"'),)) == "direct"
    assert classify(TEXT, (span(TEXT, "taxes would rise"),)) == "indirect"
    assert classify(TEXT, (span(TEXT, 'it "a disaster" for all'),)) == "mixed"
    nyt = "He said ``we will win.'' Then left."
    assert classify(nyt, (span(nyt, "``we will win.''"),)) == "direct"


def test_positions_count_alphanumerics_only():
    assert len(positions(TEXT, [span(TEXT, '"We will win,"')])) == len("Wewillwin")


def test_match_exact_trims_quote_marks_and_punctuation():
    gold = [att('"We will win,"')]
    pred = [att("We will win")]
    assert match(TEXT, gold, pred, "exact") == [(0, 0)]
    assert match(TEXT, gold, [att('"We will')], "exact") == []


def test_match_half_needs_half_of_both():
    gold = [att("taxes would rise")]
    assert match(TEXT, gold, [att("taxes would")], "half") == [(0, 0)]
    assert match(TEXT, gold, [att("Jones said that taxes")], "half") == []
    assert match(TEXT, gold, [att("Jones said that taxes")], "any") == [(0, 0)]


def test_match_is_one_to_one_by_jaccard():
    gold = [att("taxes would rise")]
    preds = [att("taxes would"), att("taxes would rise")]
    assert match(TEXT, gold, preds, "any") == [(0, 1)]


def test_scorer_subsets_and_speakers():
    gold = [att('"We will win,"', "Smith"), att("taxes would rise", "Jones")]
    preds = [att('"We will win,"', "Smith"), att("taxes would rise", "He"), att('"a disaster"')]
    scorer = AttributionScorer()
    scorer.add(TEXT, gold, preds)
    r = scorer.result()
    # direct: the quote matched, and the unmatched direct prediction is a false positive
    assert (r["direct.exact.precision"], r["direct.exact.recall"]) == (0.5, 1.0)
    # the indirect match counts neither way in the direct subset, and as a hit in "all"
    assert r["all.exact.recall"] == 1.0 and r["all.exact.precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert r["all.speaker_accuracy"] == 0.5
    assert r["all.e2e.exact.recall"] == 0.5
    assert (r["all.gold"], r["all.predicted"], r["direct.gold"]) == (2, 3, 1)


def test_parse_ann_unions_fragments_of_each_role():
    ann = (
        "T1\tContent 0 5;10 15\tabcde fghij\n"
        "T2\tSource 20 25\tSmith\n"
        "T3\tCue 26 30\tsaid\n"
        "T4\tContent 40 45\tklmno\n"
        "T5\tAttribution 26 30\tsaid\n"
        "E1\tAttribution:T5 Cue:T3 Source:T2 Content:T1 Content2:T4\n"
        "\n"
    )
    [a] = parse_ann(ann)
    assert a.content == ((0, 5), (10, 15), (40, 45))
    assert a.source == ((20, 25),) and a.cue == ((26, 30),)


def test_load_polnear_takes_first_annotator(tmp_path):
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    text = 'Title\n\n"We will win," Smith said.\n'
    (tmp_path / "dev" / "text" / "nyt_x.txt").write_text(text, encoding="utf-8")
    quote = span(text, '"We will win,"')
    good = f"T1\tContent {quote[0]} {quote[1]}\tq\nE1\tContent:T1\n"
    (tmp_path / "dev" / "attributions" / "nyt_x_aaaa.ann").write_text(good, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "nyt_x_bbbb.ann").write_text("", encoding="utf-8")
    [article] = load_polnear(tmp_path, "dev")
    assert article.name == "nyt_x" and len(article.gold) == 1
    assert article.text[slice(*article.gold[0].content[0])] == '"We will win,"'


def test_load_polnear_missing_split_is_a_clear_error(tmp_path):
    from newsprism.errors import InputError

    with pytest.raises(InputError, match="No PolNeAR split"):
        list(load_polnear(tmp_path, "dev"))
