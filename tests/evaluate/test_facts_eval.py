"""facts-dev evaluation: our scorer against the dataset's own score.py, the baseline, and ``newsprism eval facts``."""

from __future__ import annotations

import copy
import json
import random
import re
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from newsprism.cli import cli
from newsprism.errors import InputError
from newsprism.evaluate import facts
from newsprism.evaluate.facts import (
    FIGURES,
    align_sentences,
    evaluate_facts,
    find_stories,
    locate_gold,
    meets_goal,
    read_records,
    same_speaker,
    score_report,
    split_sentences,
)

SMALL_STORIES = ("ecbplus-24ecbplus", "ecbplus-20ecbplus")  # the two shortest annotated stories

# Quality floors on facts-dev (figure -> floor, pooled; a ceiling for false_corroboration). None yet: they are
# set from the figures of the compare that lands next, a little under what it measures.
# Floors on the dev figures, a little under those measured on 2026-12-03 (`newsprism eval facts`: 0.391, 0.058,
# 0.754, 0.192, 0.455, 0.410, 0.889, 0.874, 0.480, 0.922), so that quality cannot silently regress;
# false_corroboration is a ceiling.
FLOORS: dict[str, float] = {
    "corroboration_recall": 0.37,
    "false_corroboration": 0.08,
    "pair_precision": 0.74,
    "difference_recall": 0.15,
    "difference_precision": 0.40,
    "quote_recall": 0.42,
    "quote_precision": 0.85,
    "citation_precision": 0.85,
    "summary_full_support": 0.45,
    "speaker_accuracy": 0.95,
}


def unmet_floors(figures: dict[str, float | None], floors: dict[str, float]) -> list[str]:
    """The figures that miss their floor (exceed their ceiling when lower is better), one readable line each."""
    return [f"{name} = {figures.get(name)} (floor {floor})" for name, floor in floors.items()
            if not meets_goal(name, figures.get(name), floor)]


# --- a tiny story, by hand ------------------------------------------------------------------------------------

TEXT_A = "A storm hit Manila on Monday. Ten people died, police said. The mayor resigned."
TEXT_B = "A storm struck Manila on Monday. Twelve people died, police said."
TEXT_C = "A storm struck Manila on Monday. Twelve people died, police said. Schools closed."  # a copy of B
TEXT = {"A": TEXT_A, "B": TEXT_B, "C": TEXT_C}


def _ev(article: str, quote: str, value: str | None = None) -> dict:
    return {"article": article, "quote": quote, **({"value": value} if value else {})}


TINY_GOLD = {
    "story": "tiny",
    "articles": [{"id": "A", "outlet": "Alpha"}, {"id": "B", "outlet": "Beta"}, {"id": "C", "outlet": "Gamma"}],
    "chains": [["B", "C"]],
    "facts": [
        {"id": "F1", "claim": "A storm hit Manila.", "status": "corroborated",
         "evidence": [_ev("A", "A storm hit Manila"), _ev("B", "A storm struck Manila"), _ev("C", "A storm struck Manila")]},
        {"id": "F2", "claim": "How many people died.", "status": "conflicts",
         "difference": {"kind": "number", "detail": "ten or twelve dead"},
         "evidence": [_ev("A", "Ten people died", "Ten"), _ev("B", "Twelve people died", "Twelve"),
                      _ev("C", "Twelve people died", "Twelve")]},
        {"id": "F3", "claim": "The mayor resigned.", "status": "single-source", "evidence": [_ev("A", "The mayor resigned")]},
        {"id": "F4", "claim": "Schools closed.", "status": "single-source", "evidence": [_ev("C", "Schools closed")]},
    ],
    "quotes": [
        {"id": "Q1", "speaker": "police", "status": "variant",
         "evidence": [_ev("A", "Ten people died"), _ev("B", "Twelve people died"), _ev("C", "Twelve people died")]},
    ],
}


def _span(article: str, text: str, phrase: str) -> dict:
    start = text.index(phrase)
    return {"article": article, "start": start, "end": start + len(phrase), "text": phrase}


A0, A1, A2 = (_span("a", TEXT_A, s) for s in ("A storm hit Manila on Monday.", "Ten people died, police said.", "The mayor resigned."))
B0, B1 = (_span("b", TEXT_B, s) for s in ("A storm struck Manila on Monday.", "Twelve people died, police said."))
C0, C2 = (_span("c", TEXT_C, s) for s in ("A storm struck Manila on Monday.", "Schools closed."))

TINY_REPORT = {
    "articles": [{"id": "a", "text": TEXT_A}, {"id": "b", "text": TEXT_B}, {"id": "c", "text": TEXT_C}],
    "facts": [
        {"id": "r1", "status": "corroborated", "independent_sources": 2, "statements": [A0, B0]},
        {"id": "r2", "status": "conflicts", "independent_sources": 2, "statements": [A1, B1],
         "differences": [{"kind": "number", "detail": "10 vs 12"}]},
        {"id": "r3", "status": "corroborated", "independent_sources": 2, "statements": [A2, C2]},  # two different facts
        {"id": "r4", "status": "corroborated", "independent_sources": 1, "statements": [B0, C0]},  # copies: no claim
    ],
    "quotes": [
        {"id": "q1", "speaker": "Police", "status": "variant", "variants": [A1, B1]},
        {"id": "q2", "speaker": "The mayor", "status": "single-source", "variants": [C2]},
    ],
    "summary": [
        {"text": "A storm hit Manila on Monday.", "citations": [A0, B0, C2]},  # own A0; B0 right, C2 wrong
        {"text": "Ten people died, police said.", "citations": [A1, A2]},  # no citation of another chain
        {"text": "Nothing cited says this.", "citations": [B0]},  # no citation is the sentence's own
    ],
}


def test_score_report_counts_a_hand_built_story():
    score = score_report(TINY_GOLD, TINY_REPORT)
    assert dict(score.counts) == {
        "missing_quotes": 0,
        "linked": 2, "gold_multi": 2,  # F1 by r1, F2 by r2 (a difference is corroboration of the fact too)
        "overclaimed": 2, "gold_single": 2,  # F3 and F4, both by r3
        "pairs_ok": 2, "pairs": 3,  # r1's and r2's pairs; r3's is false; r4 (one source) claims nothing
        "diff_found": 1, "gold_diff": 1, "report_diff_ok": 1, "report_diff": 1, "diff_type_ok": 1,
        "quote_linked": 1, "gold_quote_groups": 1, "report_quote_ok": 1, "report_quote_groups": 1,
        "citations_ok": 1, "citations": 2, "summary_full": 1, "summary_sentences": 1,
        "speaker_ok": 2, "speaker_checked": 2,  # Q1's evidence in A and B, touched by q1 ("Police")
    }
    assert score.figures["pair_precision"] == 0.667
    assert score.figures["false_corroboration"] == 1.0
    assert [e["fact"] for e in score.errors["overclaimed"]] == ["F3", "F4"]
    assert score.errors["false_links"] == [{"fact": "r3", "statements": ["The mayor resigned.", "Schools closed."]}]
    assert score.errors["missed_links"] == score.errors["missed_differences"] == score.errors["false_differences"] == []


def test_score_report_reads_differs_as_the_wrong_type_and_unlinked_facts_as_misses():
    report = copy.deepcopy(TINY_REPORT)
    report["facts"][1]["status"] = "differs"
    report["facts"][0]["independent_sources"] = 1  # r1 no longer claims corroboration
    score = score_report(TINY_GOLD, report)
    assert (score.counts["diff_found"], score.counts["diff_type_ok"]) == (1, 0)
    assert score.figures["conflict_type_accuracy"] == 0.0
    assert score.figures["corroboration_recall"] == 0.5
    assert [e["fact"] for e in score.errors["missed_links"]] == ["F1"]


def test_score_report_finds_quotes_in_a_respaced_text_and_counts_unfound_ones():
    respaced = copy.deepcopy(TINY_REPORT)
    respaced["articles"][0]["text"] = TEXT_A.replace("storm hit", "storm  hit")
    located = locate_gold(TINY_GOLD, respaced)
    assert located.missing == 0
    assert located.facts[0].evidence[0].span == ("a", 0, 19)
    gone = copy.deepcopy(TINY_REPORT)
    gone["articles"] = gone["articles"][1:]
    assert locate_gold(TINY_GOLD, gone).missing == 4  # every quote of article A (F1, F2, F3, Q1)


def test_same_speaker_by_surname_alternatives_and_description():
    assert same_speaker("Yuri Ushakov, Kremlin aide", "Ushakov")
    assert same_speaker("Washington / Donald Trump", "President Trump")
    assert same_speaker("a senior Ukrainian official", "Ukrainian official")
    assert not same_speaker("Yuri Ushakov", "Dmitry Peskov")
    assert not same_speaker("police", "")


def test_split_sentences_cuts_before_capitals_and_at_line_ends():
    text = 'He said "Go." Then left.\nNew line here. e.g. lower case'
    assert [text[s:e] for s, e in split_sentences(text)] == ['He said "Go."', " Then left.", "New line here. e.g. lower case"]


class _WordsEmbedder:
    """Bag-of-words vectors, so the baseline's linking is tested without a model."""

    name = "words"
    dim = 64

    def encode(self, texts):
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                vectors[i, sum(map(ord, word)) % self.dim] += 1
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)


def test_align_sentences_links_mutual_best_matches_into_facts():
    records = [{"id": "A", "text": TEXT_A}, {"id": "B", "text": TEXT_B}, {"id": "C", "text": TEXT_C}]
    report = align_sentences(records, embedder=_WordsEmbedder())
    groups = sorted(sorted(TEXT[s["article"]][s["start"]:s["end"]].strip() for s in f["statements"]) for f in report["facts"])
    assert ["A storm hit Manila on Monday.", "A storm struck Manila on Monday.", "A storm struck Manila on Monday."] in groups
    assert ["The mayor resigned."] in groups
    assert {f["status"] for f in report["facts"] if len(f["statements"]) == 1} == {"single-source"}


# --- the folder, the orchestration and the command (no model: compare is replaced by the hand-built report) --


@pytest.fixture
def tiny_data(tmp_path, monkeypatch):
    """A facts folder holding the tiny story (and one story without gold), with compare and the baseline's model faked."""
    (tmp_path / "stories").mkdir()
    (tmp_path / "gold").mkdir()
    for name in ("tiny", "ungolded"):
        (tmp_path / "stories" / f"{name}.jsonl").write_text(
            "".join(json.dumps({"id": k, "outlet": k, "title": "", "published": None, "text": v}) + "\n" for k, v in TEXT.items()),
            encoding="utf-8")
    (tmp_path / "gold" / "tiny.json").write_text(json.dumps(TINY_GOLD), encoding="utf-8")
    monkeypatch.setattr(facts, "compare_story", lambda path: copy.deepcopy(TINY_REPORT))
    real = facts.align_sentences
    monkeypatch.setattr(facts, "align_sentences", lambda records: real(records, embedder=_WordsEmbedder()))
    return tmp_path


def test_find_stories_needs_a_gold_and_known_names(tiny_data, tmp_path_factory):
    assert [s.name for s in find_stories(tiny_data)] == ["tiny"]
    assert read_records(find_stories(tiny_data)[0].articles)[1]["text"] == TEXT_B
    with pytest.raises(InputError, match="Available: tiny"):
        find_stories(tiny_data, ["nope"])
    empty = tmp_path_factory.mktemp("empty")
    with pytest.raises(InputError, match="not a facts folder"):
        find_stories(empty)
    (empty / "stories").mkdir()
    (empty / "gold").mkdir()
    with pytest.raises(InputError, match="nothing to score"):
        find_stories(empty)


def test_evaluate_facts_pools_counts_and_reports_errors(tiny_data):
    seen = []
    results = evaluate_facts(tiny_data, verbose=True, progress=seen.append)
    assert seen == [1]
    assert results["counts"] == results["stories"]["tiny"]["counts"]
    assert results["figures"] == score_report(TINY_GOLD, TINY_REPORT).figures
    assert results["errors"]["tiny"]["false_links"][0]["fact"] == "r3"
    assert results["baseline"]["figures"]["corroboration_recall"] == 1.0  # whole sentences: the storm, the death toll
    assert "errors" not in evaluate_facts(tiny_data, baseline=False) and "baseline" not in evaluate_facts(tiny_data, baseline=False)


def test_cli_eval_facts_text_and_json(tiny_data):
    runner = CliRunner()
    text = runner.invoke(cli, ["eval", "facts", "--data", str(tiny_data), "--verbose"])
    assert text.exit_code == 0, text.output
    for expected in ("corroboration_recall", "0.667 (2/3)", "MiniLM sentences", "≤ 0.10", "tiny", "false links (1)", "Schools closed."):
        assert expected in text.output
    as_json = runner.invoke(cli, ["eval", "facts", "--data", str(tiny_data), "--no-baseline", "--story", "tiny", "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    assert set(json.loads(as_json.output)) == {"figures", "counts", "stories"}
    missing = runner.invoke(cli, ["eval", "facts", "--data", str(tiny_data), "--story", "nope"])
    assert isinstance(missing.exception, InputError)


def test_unmet_floors_reads_false_corroboration_as_a_ceiling():
    figures = {"corroboration_recall": 0.8, "false_corroboration": 0.2, "quote_recall": None}
    assert unmet_floors(figures, {"corroboration_recall": 0.75, "false_corroboration": 0.25}) == []
    assert len(unmet_floors(figures, {"corroboration_recall": 0.85, "false_corroboration": 0.1, "quote_recall": 0.5})) == 3


# --- the same figures as the dataset's score.py ------------------------------------------------------------------


@pytest.fixture(scope="module")
def facts_dev(dataset) -> Path:
    return dataset("facts-dev")


@pytest.fixture(scope="module")
def reference(facts_dev, script):
    """The dataset's own scorer, score.py, imported from the dataset folder."""
    return script(facts_dev / "score.py", "facts_dev_score")


def assert_same_as_reference(reference, gold: dict, report: dict) -> dict:
    """Our counts and figures equal score.py's on this report (score.py omits counts that stayed 0)."""
    theirs = reference.score_story(copy.deepcopy(gold), copy.deepcopy(report))
    ours = score_report(gold, report)
    assert {k: ours.counts.get(k, 0) for k in theirs} == dict(theirs)
    assert all(v == 0 for k, v in ours.counts.items() if k not in theirs)
    assert ours.figures == reference.ratios(theirs)
    return ours.figures


def _sentences(records: list[dict]) -> list[dict]:
    return [{"article": r["id"], "start": s, "end": e, "text": r["text"][s:e]} for r in records for s, e in split_sentences(r["text"])]


def _articles(records: list[dict]) -> list[dict]:
    return [{"id": r["id"], "text": r["text"]} for r in records]


def link_everything(records: list[dict], gold: dict) -> dict:
    """One corroborated fact and one quote group holding every sentence, and a summary citing every sentence."""
    every = _sentences(records)
    return {"articles": _articles(records),
            "facts": [{"id": "all", "status": "corroborated", "independent_sources": len(records), "statements": every}],
            "quotes": [{"id": "q", "speaker": gold["quotes"][0]["speaker"] if gold["quotes"] else "", "status": "variant", "variants": every}],
            "summary": [{"text": s["text"], "citations": [s, *every[:40]]} for s in every[::7]]}


def link_nothing(records: list[dict], gold: dict) -> dict:
    """Every sentence a single-source fact; no quotes, no summary."""
    return {"articles": _articles(records), "quotes": [], "summary": [],
            "facts": [{"id": f"s{k}", "status": "single-source", "independent_sources": 1, "statements": [s]}
                      for k, s in enumerate(_sentences(records))]}


def echo_gold(records: list[dict], gold: dict) -> dict:
    """The gold written back as a report (under other article ids), with some statuses and speakers wrong and
    summary sentences found by their whole text, by their first 40 characters, or not at all."""
    text = {r["id"]: r["text"] for r in records}

    def span(e: dict) -> dict:
        start = text[e["article"]].index(e["quote"])
        return {"article": "r-" + e["article"], "start": start, "end": start + len(e["quote"]), "text": e["quote"]}

    chains = {a: c[0] for c in gold.get("chains", []) for a in c}
    report_facts = []
    for k, f in enumerate(gold["facts"]):
        status = {"differs": "conflicts", "conflicts": "differs"}[f["status"]] if f["status"] in facts.DIFFERENCE and k % 2 else f["status"]
        sources = len({chains.get(e["article"], e["article"]) for e in f["evidence"]})
        report_facts.append({"id": f["id"], "status": status, "independent_sources": sources, "statements": [span(e) for e in f["evidence"]]})
    quotes = [{"id": q["id"], "speaker": q["speaker"] if k % 3 else "Somebody Else", "status": q["status"],
               "variants": [span(e) for e in q["evidence"]]} for k, q in enumerate(gold["quotes"])]
    summary = []
    sentences = _sentences([{**r, "id": "r-" + r["id"]} for r in records])
    for k, f in enumerate(f for f in gold["facts"] if len(f["evidence"]) > 1):
        cited = [span(e) for e in f["evidence"]] + [sentences[(7 * k) % len(sentences)]]
        own = cited[0]
        sentence = [own["text"], own["text"][:45] + " and so on", "Not in any article."][k % 3]
        summary.append({"text": sentence, "citations": cited})
    return {"articles": [{"id": "r-" + r["id"], "text": r["text"]} for r in records], "facts": report_facts,
            "quotes": quotes, "summary": summary}


def random_report(records: list[dict], gold: dict, seed: int = 0) -> dict:
    """Random groups of whole and cut sentences with random statuses, quote groups and citations; the texts
    re-spaced and re-quoted, so that the gold is found through the normalised texts."""
    rng = random.Random(seed)
    records = [{**r, "text": r["text"].replace("\u2019", "'").replace(". ", ".  ")} for r in records]
    pieces = _sentences(records)
    for s in list(pieces):
        cut = s["start"] + (s["end"] - s["start"]) // 2
        pieces.append({**s, "end": cut, "text": s["text"][: cut - s["start"]]})
    rng.shuffle(pieces)

    def groups(items: list[dict]) -> list[list[dict]]:
        out, at = [], 0
        while at < len(items):
            size = rng.choice((1, 2, 2, 3, 4))
            out.append(items[at:at + size])
            at += size
        return out

    speakers = [q["speaker"] for q in gold["quotes"]] + ["Someone", ""]
    statuses = ("corroborated", "single-source", "differs", "conflicts")
    return {
        "articles": _articles(records),
        "facts": [{"id": f"f{k}", "status": rng.choice(statuses), "independent_sources": rng.choice((None, 1, 2, 3)), "statements": g}
                  for k, g in enumerate(groups(pieces))],
        "quotes": [{"id": f"q{k}", "speaker": rng.choice(speakers), "status": "variant", "variants": g}
                   for k, g in enumerate(groups(pieces[: len(pieces) // 2]))],
        "summary": [{"text": g[0]["text"], "citations": g} for g in groups(pieces[::3])],
    }


@pytest.mark.parametrize("make", [link_everything, link_nothing, echo_gold, random_report], ids=lambda f: f.__name__)
def test_scorer_equals_score_py_on_synthetic_reports(facts_dev, reference, make):
    for story in find_stories(facts_dev):
        assert_same_as_reference(reference, story.gold, make(read_records(story.articles), story.gold))


def test_scorer_equals_score_py_with_an_article_missing(facts_dev, reference):
    story = find_stories(facts_dev, ["ecbplus-24ecbplus"])[0]
    report = echo_gold(read_records(story.articles), story.gold)
    dropped = report["articles"].pop(0)["id"]
    for item in report["facts"] + report["quotes"]:
        item["statements" if "statements" in item else "variants"] = [s for s in item.get("statements", item.get("variants", []))
                                                                        if s["article"] != dropped]
    figures = assert_same_as_reference(reference, story.gold, report)
    assert score_report(story.gold, report).counts["missing_quotes"] > 0
    assert figures["corroboration_recall"] is not None


@pytest.fixture(scope="module")
def small_reports(facts_dev) -> dict[str, dict]:
    """compare's JSON reports of the two shortest stories, computed once (about 20 s each)."""
    return {name: facts.compare_story(facts_dev / "stories" / f"{name}.jsonl") for name in SMALL_STORIES}


@pytest.mark.model
@pytest.mark.slow
def test_scorer_equals_score_py_on_compare_reports(facts_dev, reference, small_reports):
    for name, report in small_reports.items():
        gold = find_stories(facts_dev, [name])[0].gold
        figures = assert_same_as_reference(reference, gold, report)
        assert figures["corroboration_recall"] is not None


@pytest.mark.model
@pytest.mark.slow
def test_baseline_equals_the_datasets_minilm_baseline(facts_dev, script):
    module = script(facts_dev / "baseline.py", "facts_dev_baseline")
    records = read_records(facts_dev / "stories" / f"{SMALL_STORIES[0]}.jsonl")

    def groups(report: dict) -> list:
        return sorted(sorted((s["article"], s["start"], s["end"]) for s in f["statements"]) for f in report["facts"])

    assert groups(align_sentences(records)) == groups(module.minilm(records))


@pytest.mark.model
@pytest.mark.slow
def test_facts_dev_meets_floors(facts_dev):
    results = evaluate_facts(facts_dev, baseline=False)
    assert unmet_floors(results["figures"], FLOORS) == []


def test_figures_are_the_documented_ones():
    assert list(FIGURES) == ["corroboration_recall", "false_corroboration", "pair_precision", "difference_recall",
                             "difference_precision", "conflict_type_accuracy", "quote_recall", "quote_precision",
                             "citation_precision", "summary_full_support", "speaker_accuracy"]
