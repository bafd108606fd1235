"""Story clustering evaluation: B-cubed, the JSONL reader, the stream order and the CLI."""

from __future__ import annotations

import json
import math
from datetime import date

import pytest
from click.testing import CliRunner

from newsprism.cli import cli
from newsprism.errors import InputError
from newsprism.evaluate.stories import bcubed, clustering_scores, evaluate_stories, stream_order, tfidf_baseline
from newsprism.evaluate.story_data import detokenize, load_dataset, read_items
from newsprism.model import Article

ITEMS = [
    {"id": "a1", "title": "Quake hits Qeshm island", "text": "A 5.6 magnitude quake struck Qeshm Island, injuring five in Dargahan.",
     "outlet": "AFP", "published": "2024-03-04", "url": None, "story": "quake"},
    {"id": "a2", "title": "Five hurt in Qeshm Island quake", "text": "The 5.6 quake on Qeshm Island injured five people in Dargahan.",
     "outlet": "IRNA", "published": "2024-03-04", "url": None, "story": "quake"},
    {"id": "b1", "title": "Harry Winston store robbed in Paris", "text": "Robbers dressed as women took diamonds from Harry Winston in Paris.",
     "outlet": "AFP", "published": "2024-03-05", "url": None, "story": "heist"},
    {"id": "b2", "title": "Paris jewel heist at Harry Winston", "text": "Armed robbers in drag emptied the Harry Winston store in Paris of diamonds.",
     "outlet": "Reuters", "published": "2024-03-05", "url": None, "story": "heist"},
]


@pytest.fixture
def items_file(tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_text("".join(json.dumps(i) + "\n" for i in ITEMS), encoding="utf-8")
    return path


def test_bcubed_matches_hand_computation():
    gold = ["a", "a", "a", "b", "b"]
    predicted = ["x", "x", "y", "y", "y"]
    precision, recall, f1 = bcubed(gold, predicted)
    # x = {a, a}: precision 1, 1; y = {a, b, b}: 1/3, 2/3, 2/3.  a = {x, x, y}: recall 2/3, 2/3, 1/3; b: 1, 1.
    assert math.isclose(precision, (1 + 1 + 1 / 3 + 2 / 3 + 2 / 3) / 5)
    assert math.isclose(recall, (2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5)
    assert math.isclose(f1, 2 * precision * recall / (precision + recall))


def test_bcubed_extremes():
    gold = ["a", "a", "b"]
    assert bcubed(gold, ["1", "1", "2"]) == (1.0, 1.0, 1.0)
    assert bcubed(gold, ["1", "1", "1"])[1] == 1.0
    assert bcubed(gold, ["1", "2", "3"])[0] == 1.0


def test_clustering_scores_keys():
    scores = clustering_scores(["a", "a", "b"], ["1", "1", "2"])
    assert scores == {"bcubed_precision": 1.0, "bcubed_recall": 1.0, "bcubed_f1": 1.0, "ari": 1.0}


def test_read_items_reads_gold_and_dates(items_file):
    items = read_items(items_file)
    assert [i.story for i in items] == ["quake", "quake", "heist", "heist"]
    assert items[0].article.published == date(2024, 3, 4) and items[0].article.outlet == "AFP"


def test_read_items_says_which_line_is_bad(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(ITEMS[0]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match="bad.jsonl:2 is not JSON"):
        read_items(path)
    with pytest.raises(InputError, match="'event' field"):
        read_items(path, gold_field="event")


def test_stream_order_is_by_date_then_id_hash():
    dated = [Article(id=str(i), text="x", published=date(2024, 1, 1 + i % 3)) for i in range(9)]
    ordered = stream_order(dated)
    assert [a.published for a in ordered] == sorted(a.published for a in dated)
    assert stream_order(list(reversed(dated))) == ordered


def test_evaluate_stories_scores_ours_and_baseline(items_file):
    results = evaluate_stories(read_items(items_file))
    assert results["bcubed_f1"] == 1.0 and results["stories"] == 2 and results["gold_stories"] == 2
    assert set(results["baseline"]) == {"bcubed_precision", "bcubed_recall", "bcubed_f1", "ari", "stories", "largest"}
    assert results["largest"] == 2


def test_tfidf_baseline_labels_every_article(items_file):
    articles = [i.article for i in read_items(items_file)]
    labels = tfidf_baseline(articles)
    assert len(labels) == 4 and labels[0] == labels[1] != labels[2] == labels[3]
    assert tfidf_baseline(articles[:1]) == ["0"]


def test_cli_eval_stories_json(items_file):
    result = CliRunner().invoke(cli, ["eval", "stories", str(items_file), "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    for key in ("bcubed_precision", "bcubed_recall", "bcubed_f1", "ari"):
        assert key in figures and key in figures["baseline"]


def test_cli_eval_stories_takes_file_or_dataset_not_both(items_file):
    result = CliRunner().invoke(cli, ["eval", "stories", str(items_file), "--dataset", "basil"])
    assert result.exit_code != 0 and "not both" in result.output


def test_every_story_set_is_scored_with_a_leave_one_dataset_out_figure(dataset):
    from newsprism.evaluate.stories import LEAVE_OUT_THRESHOLDS, evaluate_story_sets

    data = dataset("basil").parent
    calls = []
    results = evaluate_story_sets(str(data), (("basil", None), ("newswcl50", None), ("newswcl50-tokens", None)), progress=calls.append)
    assert list(results) == ["basil", "newswcl50", "newswcl50-tokens"] and len(calls) == 3 + len(LEAVE_OUT_THRESHOLDS)
    for name, r in results.items():
        assert {"bcubed_f1", "ari", "largest", "stories", "baseline"} <= set(r) and r["largest"] <= r["articles"]
    # NewsWCL50's two joins are one dataset: each is left out with the other, so only BASIL chooses their threshold
    loo = results["newswcl50"]["leave_one_out"]
    assert loo["threshold"] in LEAVE_OUT_THRESHOLDS and 0 < loo["bcubed_f1"] <= 1


def test_allsides_story_sets_come_from_the_crawl(dataset):
    items = load_dataset("allsides", dataset("allsides-neus").parent)
    stories = {item.story for item in items}
    assert len(items) > 1400 and 500 <= len(stories) <= 506
    assert all(item.article.text and item.article.published for item in items)
    assert len({item.article.id for item in items}) == len(items)


def test_load_dataset_rejects_unknown_names_and_splits(tmp_path):
    with pytest.raises(InputError, match="Unknown dataset"):
        load_dataset("nope", tmp_path)
    with pytest.raises(InputError, match="no splits"):
        load_dataset("basil", tmp_path, "test")
    with pytest.raises(InputError, match="Unknown ECB\\+ split"):
        load_dataset("ecbplus", tmp_path, "validation")


def test_detokenize_rejoins_punctuation():
    assert detokenize("Reid 's car , he said ( quietly ) .") == "Reid's car, he said (quietly)."
