"""Tests for newsprism.evaluate.textacy_peer: paragraph splitting (pure) and textacy's quotes on the real pipeline."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsprism.evaluate.textacy_peer import paragraphs, textacy_quotes

POLNEAR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "polnear"

TEXT = (
    "Campaign rally draws a crowd\n"
    "\n"
    '"We will win this race," he said. "Nobody can stop us now."\n'
    "\n"
    "The weather was fine on Tuesday, and the rally ended early.\n"
)


def texts(text: str, spans: list[list[int]]) -> list[str]:
    return [text[start:end] for start, end in spans]


def assert_valid(text: str, predictions: list[dict]) -> None:
    for prediction in predictions:
        assert set(prediction) == {"content", "speaker", "cue"}
        for role in ("content", "speaker", "cue"):
            assert prediction[role], role
            for start, end in prediction[role]:
                assert 0 <= start < end <= len(text)
                assert text[start:end] == text[start:end].strip()


# --- paragraphs (pure) ------------------------------------------------------------------------------


def test_paragraphs_split_on_blank_lines_and_single_line_breaks():
    text = "Title\n\nFirst one. \nSecond one.\n\n\n  Third one.\n"
    found = list(paragraphs(text))
    assert [p for _, p in found] == ["Title", "First one.", "Second one.", "Third one."]
    for offset, paragraph in found:
        assert text[offset : offset + len(paragraph)] == paragraph


def test_paragraphs_of_blank_text():
    assert list(paragraphs("\n\n  \n")) == []


# --- textacy_quotes (real pipeline) -----------------------------------------------------------------


@pytest.mark.model
def test_two_pieces_with_one_speaker_and_cue_are_one_prediction():
    predictions = textacy_quotes(TEXT)
    assert len(predictions) == 1
    (prediction,) = predictions
    assert texts(TEXT, prediction["content"]) == ['"We will win this race,"', '"Nobody can stop us now."']
    assert texts(TEXT, prediction["speaker"]) == ["he"]
    assert texts(TEXT, prediction["cue"]) == ["said"]
    assert_valid(TEXT, predictions)


@pytest.mark.model
def test_offsets_are_into_the_whole_text_with_curly_quotes_and_multiword_speaker():
    text = TEXT + "\n“Clinton is a great leader of the party,” said Senator John Smith of Ohio.\n"
    predictions = textacy_quotes(text)
    assert len(predictions) == 2
    second = predictions[1]
    assert texts(text, second["content"]) == ["“Clinton is a great leader of the party,”"]
    assert texts(text, second["speaker"]) == ["Senator John Smith"]
    assert texts(text, second["cue"]) == ["said"]
    assert_valid(text, predictions)


@pytest.mark.model
def test_paragraph_without_quotes_gives_nothing():
    assert textacy_quotes("The weather was fine on Tuesday, and the rally ended early.\n") == []
    assert textacy_quotes("") == []


@pytest.mark.model
def test_unbalanced_quote_marks_do_not_raise():
    text = (
        'She said "this never ends, and it goes on and on.\n'
        "\n"
        '"We will win this race," he said. "Nobody can stop us now."\n'
    )
    predictions = textacy_quotes(text)  # the first paragraph is skipped, the second still counts
    assert len(predictions) == 1
    assert texts(text, predictions[0]["content"])[0] == '"We will win this race,"'
    assert_valid(text, predictions)


@pytest.mark.model
def test_one_polnear_dev_article():
    if not POLNEAR.is_dir():
        message = "PolNeAR not found at ../shared/data/polnear (it ships with the workplace, not the repo)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    path = POLNEAR / "dev" / "text" / "usa-today_2016-09-23_trump-questions-the-fairness-of-.txt"
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    predictions = textacy_quotes(text)
    assert predictions
    assert_valid(text, predictions)
    for prediction in predictions:
        for content in texts(text, prediction["content"]):
            assert content[0] in "\"“‘'" and content[-1] in "\"”’'"
