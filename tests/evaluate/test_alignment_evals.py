"""The alignment evaluations (nanco, qa-align, basil): scorers and loaders on small fixtures built here."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from newsprism.errors import InputError
from newsprism.evaluate.basil import load_basil, sentence_of
from newsprism.evaluate.nanco import (
    Question,
    context_sentence,
    load_nanco,
    number_conflicts,
    numbers_in,
    pair_scores,
    protocol,
    second_order,
    span_encoder,
)
from newsprism.evaluate.qa_align import (
    Proposition,
    cross_validated,
    load_qa_align,
    proposition_ranges,
    token_offsets,
)
from newsprism.evaluate.scoring import balanced_accuracy, best_threshold, memoised, prf
from newsprism.evaluate.shipped import merged_parts


def test_prf_counts_the_positive_class():
    result = prf(np.array([1, 1, 0, 0]), np.array([1, 0, 1, 0]))
    assert (result["precision"], result["recall"], result["f1"]) == (0.5, 0.5, 0.5)
    assert prf(np.array([0, 0]), np.array([0, 0]))["f1"] == 0.0


def test_balanced_accuracy_ignores_class_balance():
    gold = np.array([1] + [0] * 9)
    assert balanced_accuracy(gold, np.zeros(10)) == 0.5
    assert balanced_accuracy(gold, gold) == 1.0


def test_best_threshold_separates_and_prefers_the_higher_cut():
    scores, gold = np.array([0.1, 0.2, 0.8, 0.9]), np.array([0, 0, 1, 1])
    assert best_threshold(scores, gold) == 0.8
    assert best_threshold(scores, gold, metric=balanced_accuracy) == 0.8


def test_memoised_embeds_each_text_once():
    calls = []

    def embed(texts):
        calls.append(list(texts))
        return np.array([[len(t), 1.0] for t in texts])

    encode = memoised(embed)
    assert encode(["ab", "c", "ab"]).tolist() == [[2, 1], [1, 1], [2, 1]]
    encode(["c", "def"])
    assert calls == [["ab", "c"], ["def"]]


def test_context_sentence_finds_the_answer_in_its_paragraph():
    paragraph = "Shares rose. Delta cited strong demand for travel. Fuel was dear."
    assert context_sentence(paragraph, "strong demand") == "Delta cited strong demand for travel."
    assert context_sentence(paragraph, "not there") == "not there"


def test_second_order_agreement_is_high_for_answers_with_the_same_neighbours():
    sim = np.array([[1, 0.9, 0.1, 0.2], [0.9, 1, 0.15, 0.1], [0.1, 0.15, 1, 0.8], [0.2, 0.1, 0.8, 1]])
    agreement = second_order(sim)
    assert agreement[0, 1] > 0 > agreement[0, 2]
    flat = np.array([[1, 0.5, 0.5], [0.5, 1, 0.2], [0.5, 0.2, 1]])  # answer 0 resembles both others equally
    assert np.isfinite(second_order(flat)).all()


def test_numbers_in_reads_digits_and_number_words_but_not_one():
    assert numbers_in("until July 1st, 2024") == {1.0, 2024.0}
    assert numbers_in("two more years") == {2.0}
    assert numbers_in("A$160 million") == {160.0, 1e6}
    assert numbers_in("one of its highest-profile users") == frozenset()


def test_number_conflicts_needs_numbers_on_both_sides_that_do_not_nest():
    answers = ["two years", "three years", "July 2024", "until July 1, 2024", "a while"]
    pairs = [(0, 1), (2, 3), (0, 4), (1, 2)]
    assert number_conflicts(answers, pairs).tolist() == [1.0, 0.0, 0.0, 1.0]


class _WordModel:
    """A stand-in sentence-transformers model: one fixed vector per whitespace word, no context."""

    max_seq_length = 16
    VECTORS = {"red": [1, 0, 0], "car": [0, 1, 0], "they": [0, 0, 1], "said": [0, 0, 1], "blue": [-1, 0, 0]}

    def tokenizer(self, text, return_offsets_mapping, truncation, max_length):
        return {"offset_mapping": [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]}

    def encode(self, texts, output_value, show_progress_bar):
        return [np.array([self.VECTORS[w.lower()] for w in t.split()], dtype=float) for t in texts]

    def get_sentence_embedding_dimension(self):
        return 3


def test_span_encoder_averages_the_answer_tokens_within_the_context():
    vectors = span_encoder(_WordModel())(["they said red car", "blue car"], ["red car", "red"])
    assert np.allclose(vectors[0], np.array([1, 1, 0]) / np.sqrt(2))  # "they said" left out
    assert np.allclose(vectors[1], [1, 0, 0])  # not in its context: read on its own


def test_pair_scores_rank_same_answers_first_and_penalise_different_numbers():
    answers = ("two years", "two more years", "three years", "a blue car")
    question = Question("Q3", "How long?", answers, answers, (1, 1, 2, 3))
    words = {"two": [1, 0, 0], "three": [0.9, 0.1, 0], "more": [1, 0, 0], "years": [0.5, 0.5, 0], "a": [0, 0, 1],
             "blue": [0, 0, 1], "car": [0, 0, 1]}

    def embed(texts):
        v = np.array([np.mean([words[w] for w in t.split()], axis=0) for t in texts])
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    scores = pair_scores(question, embed, lambda contexts, spans: embed(spans))
    pairs = question.pairs()[0]
    assert scores[pairs.index((0, 1))] == scores.max()
    assert scores[pairs.index((0, 2))] < scores[pairs.index((0, 1))] - 1  # "two" vs "three" years


def _nanco_file(tmp_path, qids):
    records = [
        {"question": f"question {q}?", "answers": [
            {"qid": q, "Answer": a, "Paragraph": f"They said {a}.", "cluster_global": g}
            for a, g in (("red car", 1), ("a red car", 1), ("blue boat", 2), ("the blue boat", 2))
        ]}
        for q in qids
    ]
    (tmp_path / "nanco_dataset.json").write_text(json.dumps(records), encoding="utf-8")
    return tmp_path


def test_nanco_protocol_tunes_on_validation_and_scores_test(tmp_path):
    questions = load_nanco(_nanco_file(tmp_path, ["Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q9"]))
    assert questions["Q4"].pairs()[1].tolist() == [True, False, False, False, False, True]

    def word_overlap(q: Question) -> np.ndarray:
        pairs, _ = q.pairs()
        return np.array([len(set(q.answers[i].split()) & set(q.answers[j].split())) for i, j in pairs], dtype=float)

    result = protocol(questions, word_overlap)
    assert result["balanced_accuracy"] == 1.0 and set(result["per_question"]) >= {"Q4", "Q9"}


def test_nanco_rejects_a_folder_without_the_data(tmp_path):
    with pytest.raises(InputError, match="nanco_dataset.json"):
        load_nanco(tmp_path)
    with pytest.raises(InputError, match="Q4"):
        protocol(load_nanco(_nanco_file(tmp_path, ["Q2"])), lambda q: np.zeros(6))


def test_qa_align_loader_expands_alignments_into_pairs(tmp_path):
    qa = lambda uid, verb, q, a: {"qa_uuid": uid, "verb": verb, "question": q, "answer": a}
    first = [qa("a1", "killed", "Who was killed?", "a man") | {"verb_idx": 3, "answer_range": "4:6"},
             qa("a2", "killed", "Who killed someone?", "a former employee") | {"verb_idx": 3, "answer_range": "0:3"}]
    second = [qa("b1", "killing", "Who was killed?", "one man")]
    row = {"key": "1_1ecb~!~0~!~1~!~1_2ecb~!~0~!~2", "topic": "1", "qas_1": repr(first), "qas_2": repr(second),
           "alignments": repr([{"sent1": [first[0]], "sent2": [second[0]]}]),
           "tokens_1": "A former employee killed a man .", "tokens_2": "Killing one man"}
    import csv

    with open(tmp_path / "qaalign_dev_gold_official.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    (pair,) = load_qa_align(tmp_path)
    assert pair.gold == {("a1", "b1")} and pair.first[0].text == "Who was killed? a man"
    assert pair.tokens[0][3] == "killed" and pair.first[0].answer_tokens == (4, 6) and pair.first[1].verb_index == 3
    assert pair.second[0].answer_tokens == (0, 0)  # no range given


def test_proposition_characters_are_its_predicate_and_answer_tokens():
    text = "A former  employee killed a man ."
    offsets = token_offsets(["A", "former", "employee", "killed", "a", "man", "."], text)
    prop = Proposition("a1", "killed", "Who was killed?", "a man", verb_index=3, answer_tokens=(4, 6))
    ranges = proposition_ranges(prop, offsets)
    assert [text[s:e] for s, e in ranges] == ["killed", "a", "man"]
    assert [(p.start, p.end) for p in merged_parts(ranges, text)] == [(19, 31)]  # one run of tokens, one part


def test_cross_validation_decides_each_fold_with_the_other():
    x = np.array([[0.9], [0.1], [0.95], [0.5]])
    y = np.array([True, False, True, False])
    folds = np.array([0, 0, 1, 1])
    decided = cross_validated(x, y, folds, lambda _x, _y: (lambda rows: rows[:, 0]))
    # fold 1 is cut at 0.9 (fitted on fold 0), fold 0 at 0.95 (fitted on fold 1): its 0.9 falls short
    assert decided.tolist() == [False, False, True, False]


def _basil_folder(tmp_path):
    for n, (source, paragraphs) in enumerate([("fox", [["One.", "Two only here."], ["Three."]]), ("nyt", [["One."]])], 1):
        for kind, record in (
            ("articles", {"source": source, "triplet-uuid": "t1", "uuid": f"u{n}", "title": "T", "date": "2012-05-01",
                          "body-paragraphs": paragraphs}),
            ("annotations", {"phrase-level-annotations": [{"id": "p1", "bias": "inf", "start": 0, "end": 3},
                                                          {"id": "title", "bias": "inf", "start": 0, "end": 1},
                                                          {"id": "p0", "bias": "lex", "start": 0, "end": 3}]}),
        ):
            folder = tmp_path / kind / "2012"
            folder.mkdir(parents=True, exist_ok=True)
            name = f"t1_{n}" + ("_ann" if kind == "annotations" else "")
            (folder / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")
    return tmp_path


def test_basil_loader_keeps_sentence_extents_and_informational_spans(tmp_path):
    (event,) = load_basil(_basil_folder(tmp_path), "dev")
    fox = next(item for item in event.articles if item.article.outlet == "fox")
    assert fox.article.text == "One. Two only here.\n\nThree."
    assert [fox.article.text[s:e] for s, e in fox.sentences] == ["One.", "Two only here.", "Three."]
    assert fox.gold == {1}  # p1 is informational; the title and lexical spans are not counted
    assert sentence_of(fox, 3, 12) == 1
    assert load_basil(tmp_path, "test") == []


def test_basil_rejects_unknown_split_and_wrong_folder(tmp_path):
    with pytest.raises(InputError, match="split"):
        load_basil(tmp_path, "train")
    with pytest.raises(InputError, match="not a BASIL folder"):
        load_basil(tmp_path, "dev")
