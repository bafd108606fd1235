"""Story clustering: joining, time window, ids, restore, determinism, and the vectors' similarity."""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import pytest

from newsprism import _story_vectors as sv
from newsprism.backends import embedders
from newsprism.cluster import Assignment, ClusterOptions, StoryClusterer, article_vectors, cluster_stories
from newsprism.model import Analysis, Article, Mention

DAY = date(2024, 3, 4)

QUAKE = [
    ("Quake hits Qeshm island off southern Iran", "A 5.6 magnitude earthquake struck Qeshm Island off Iran's southern coast, "
     "injuring five people in the town of Dargahan, Iranian media said."),
    ("Five hurt as earthquake jolts Qeshm Island", "An earthquake measuring 5.6 jolted Qeshm Island near Dargahan, injuring five "
     "people and damaging buildings, the Iranian news agency reported."),
    ("Qeshm Island earthquake damages buildings in Dargahan", "Five people were injured when a 5.6 earthquake hit Qeshm Island; "
     "buildings in Dargahan were damaged, according to Iranian state media."),
]
ROBBERY = [
    ("Armed robbers take diamonds from Harry Winston store in Paris", "Four armed robbers, two dressed as women, stole diamonds "
     "and jewels worth 80 million euros from the Harry Winston boutique on Avenue Montaigne in Paris."),
    ("Harry Winston jewel heist on Avenue Montaigne", "Robbers disguised as women raided the Harry Winston jewellery store in Paris "
     "and escaped with rings, necklaces and watches worth 80 million euros."),
]


# Two look-alike events: every article shares the rehab paragraph, only the names tell them apart.
REHAB = ("The actress checked into a rehabilitation facility on Tuesday, her publicist confirmed to People magazine, "
         "asking for privacy while she receives treatment for alcohol abuse.")
REID = ["Tara Reid enters Promises Treatment Center in Malibu", "Tara Reid checks into Promises in Malibu",
        "Tara Reid goes to rehab at Promises Malibu"]
LOHAN = ["Lindsay Lohan enters Betty Ford Center in Rancho Mirage", "Lindsay Lohan checks into Betty Ford in Rancho Mirage",
         "Lindsay Lohan goes to rehab at the Betty Ford Center, Rancho Mirage"]


def rehab() -> list[Article]:
    out = []
    for n, (reid, lohan) in enumerate(zip(REID, LOHAN)):
        out.append(article(f"reid{n}", reid, f"{reid}. {REHAB} Reid, who starred in American Pie, was seen at Promises."))
        out.append(article(f"lohan{n}", lohan, f"{lohan}. {REHAB} Lohan, who starred in Mean Girls, arrived with Michael Lohan."))
    return out


def article(i: str, title: str, text: str, day: date | None = DAY) -> Article:
    return Article(id=i, title=title, text=text, published=day)


def corpus(day: date | None = DAY) -> list[Article]:
    quake = [article(f"q{n}", t, x, day) for n, (t, x) in enumerate(QUAKE)]
    robbery = [article(f"r{n}", t, x, day) for n, (t, x) in enumerate(ROBBERY)]
    return [quake[0], robbery[0], quake[1], robbery[1], quake[2]]


def membership(clusterer: StoryClusterer) -> dict[str, tuple[str, ...]]:
    return {s.id: s.article_ids for s in clusterer.stories()}


def test_cluster_joins_same_event_and_names_story_after_first_article():
    clusterer = StoryClusterer()
    assignments = clusterer.add(corpus())
    assert [a.story_id for a in assignments] == ["q0", "r0", "q0", "r0", "q0"]
    assert membership(clusterer) == {"q0": ("q0", "q1", "q2"), "r0": ("r0", "r1")}
    assert all(a.vector.dtype == np.float32 and a.vector.shape == (clusterer.dim,) for a in assignments)


def test_cluster_window_keeps_events_apart_in_time():
    late = [article(f"late-{a.id}", a.title or "", a.text, DAY + timedelta(days=30)) for a in corpus()]
    clusterer = StoryClusterer()
    clusterer.add(corpus() + late)
    stories = membership(clusterer)
    assert stories["q0"] == ("q0", "q1", "q2")
    assert stories["late-q0"] == ("late-q0", "late-q1", "late-q2")


def test_cluster_story_dates_span_its_articles():
    articles = corpus()
    articles[2] = article("q1", QUAKE[1][0], QUAKE[1][1], DAY + timedelta(days=2))
    story = next(s for s in cluster_stories(articles) if s.id == "q0")
    assert (story.first_published, story.last_published) == (DAY, DAY + timedelta(days=2))


def test_cluster_undated_articles_cluster_together():
    clusterer = StoryClusterer()
    clusterer.add(corpus(day=None))
    assert membership(clusterer) == {"q0": ("q0", "q1", "q2"), "r0": ("r0", "r1")}


def test_cluster_restore_continues_as_if_never_stopped():
    articles = corpus()
    whole = StoryClusterer()
    whole.add(articles)
    first = StoryClusterer()
    stored = first.add(articles[:3])
    resumed = StoryClusterer()
    resumed.restore(stored)
    resumed.add(articles[3:])
    assert membership(resumed) == membership(whole)


def test_cluster_restore_keeps_membership_of_vectorless_or_foreign_assignments(caplog):
    clusterer = StoryClusterer()
    clusterer.restore([Assignment("old1", "old1", None, DAY), Assignment("old2", "old1", np.zeros(3, np.float32), DAY)])  # type: ignore[arg-type]
    assert membership(clusterer) == {"old1": ("old1", "old2")}
    assert f"1 stored vector(s) are not {clusterer.dim} wide" in caplog.text


def test_cluster_add_again_keeps_story():
    clusterer = StoryClusterer()
    clusterer.add(corpus())
    again = clusterer.add([corpus()[2]])
    assert again[0].story_id == "q0"
    assert membership(clusterer)["q0"] == ("q0", "q1", "q2")


def test_cluster_is_deterministic():
    runs = [[(a.article_id, a.story_id) for a in StoryClusterer().add(corpus())] for _ in range(2)]
    assert runs[0] == runs[1]


def test_cluster_refinement_splits_look_alike_events_merged_by_the_stream():
    merged = StoryClusterer(ClusterOptions(refine=False))
    merged.add(rehab())
    assert list(membership(merged).values()) == [("reid0", "lohan0", "reid1", "lohan1", "reid2", "lohan2")]
    refined = StoryClusterer()
    assignments = refined.add(rehab())
    assert membership(refined) == {"reid0": ("reid0", "reid1", "reid2"), "lohan0": ("lohan0", "lohan1", "lohan2")}
    assert {a.article_id: a.story_id for a in assignments} == {a: a[:-1] + "0" for a in membership(refined)["reid0"] + membership(refined)["lohan0"]}


def test_cluster_refinement_hands_over_moves_of_earlier_articles():
    clusterer = StoryClusterer()
    articles = rehab()
    first = clusterer.add(articles[:2])
    assert [a.story_id for a in first] == ["reid0", "reid0"] and clusterer.take_moves() == []
    second = clusterer.add(articles[2:])
    [moved] = clusterer.take_moves()
    assert (moved.article_id, moved.story_id, moved.published) == ("lohan0", "lohan0", DAY)
    assert np.array_equal(moved.vector, first[1].vector)
    assert clusterer.take_moves() == []
    stored = {a.article_id: a for a in first}  # as the store keeps them: a move updates the row in place
    stored.update({a.article_id: a for a in [*second, moved]})
    resumed = StoryClusterer()
    resumed.restore(stored.values())
    assert membership(resumed) == membership(clusterer)


def test_cluster_refinement_makes_the_order_matter_less():
    articles = rehab()
    orders = [articles, articles[::-1], articles[1::2] + articles[::2]]
    results = set()
    for order in orders:
        clusterer = StoryClusterer()
        clusterer.add(order)
        results.add(frozenset(frozenset(s.article_ids) for s in clusterer.stories()))
    assert len(results) == 1


def test_fiedler_eigenvalue_is_small_for_two_weakly_linked_groups():
    from newsprism.cluster import _fiedler

    two = np.kron(np.eye(2), np.ones((3, 3))) + 0.05
    eigenvalue, side = _fiedler(two)
    assert eigenvalue < 0.2 and side.tolist() in ([True] * 3 + [False] * 3, [False] * 3 + [True] * 3)
    assert _fiedler(np.ones((6, 6)))[0] > 0.9


def test_vectors_local_similarity_ignores_features_every_row_holds():
    articles = [Article(id=name, title=f"{name} enters rehab clinic", text=f"{name} enters rehab clinic.") for name in ("Reid", "Lohan", "Sheen")]
    vectors = article_vectors(articles)
    exact = np.stack([sv.similarities(v, vectors) for v in vectors])
    assert np.allclose(sv.similarity_matrix(vectors), exact, atol=1e-5) and exact[0, 1] > 0.5
    local = sv.similarity_matrix(vectors, local=True)
    assert np.allclose(local - np.diag(np.diag(local)), 0) and np.allclose(np.diag(local), np.diag(exact), atol=1e-5)


def test_cluster_closes_stories_behind_the_horizon(monkeypatch):
    import newsprism.cluster

    monkeypatch.setattr(newsprism.cluster, "OPEN_ARRIVALS", 3)  # no article came to their week among the latest 3
    options = ClusterOptions(window_days=7, horizon_days=14)
    clusterer = StoryClusterer(options)
    clusterer.add(corpus())
    clusterer.add([article(f"later{n}", "Unrelated budget vote", "Parliament passed the budget.", DAY + timedelta(days=60))
                   for n in range(3)])
    assert not any(m in clusterer._key_of for m in ("q0", "q1", "r0"))  # left memory
    assert membership(clusterer)["q0"] == ("q0", "q1", "q2")  # still listed


def test_cluster_an_archive_out_of_date_order_still_groups_its_old_stories():
    later = [article(f"late-{a.id}", a.title or "", a.text, DAY + timedelta(days=400)) for a in corpus()]
    clusterer = StoryClusterer()
    for a in [*later, *corpus()]:  # the newest year first, as an unsorted archive may come, one batch per article
        clusterer.add([a])
    stories = membership(clusterer)
    assert stories["q0"] == ("q0", "q1", "q2") and stories["r0"] == ("r0", "r1")  # not left alone behind the horizon
    assert stories["late-q0"] == ("late-q0", "late-q1", "late-q2")


def test_cluster_stories_titles_and_entities():
    stories = cluster_stories(corpus())
    quake = stories[0]
    assert quake.title == QUAKE[0][0]
    assert "qeshm island" in quake.entities


def test_cluster_names_come_from_analysis_mentions():
    text = "Officials in Dargahan said the quake damaged homes."
    a = Article(id="a", text=text)
    analysis = Analysis(article_id="a", mentions=(Mention(13, 21, "Dargahan", "GPE", 0), Mention(0, 9, "Officials", "NORP", 0)))
    assert sv.names(a, analysis) == ["dargahan", "officials"]
    assert sv.names(a, None) == []  # no run of two capitalised words


def test_vectors_similarity_is_weighted_sum_of_block_cosines():
    a, b = corpus()[0], corpus()[2]
    blocks = ("words", "title", "names")
    options = ClusterOptions()
    alone = {}
    for block in blocks:
        va, vb = article_vectors([a, b], None, ClusterOptions(**{**dict.fromkeys(blocks, 0.0), block: 1.0}))
        alone[block] = float(sv.similarities(va, vb[None])[0])
    va, vb = article_vectors([a, b], None, options)
    expected = sum(getattr(options, block) * alone[block] for block in blocks)
    assert math.isclose(float(sv.similarities(va, vb[None])[0]), expected, rel_tol=1e-5)
    assert 0 < expected < sum(getattr(options, block) for block in blocks)
    assert math.isclose(float(sv.similarities(va, va[None])[0]), sum(getattr(options, block) for block in blocks), rel_tol=1e-4)


def test_vectors_rarity_weighs_names_over_common_words():
    assert sv.rarity("the") == 0
    assert sv.rarity("dargahan") > sv.rarity("earthquake") > sv.rarity("people")


class FakeEmbedder:
    name = "fake"
    dim = 4

    def encode(self, texts):
        return np.array([[1.0, 0, 0, 0] if "quake" in t.lower() else [0, 1.0, 0, 0] for t in texts], dtype=np.float32)


def test_cluster_embedding_block_adds_the_embedder_dimensions(monkeypatch):
    monkeypatch.setitem(embedders.EMBEDDERS, "fake-for-cluster", FakeEmbedder)
    clusterer = StoryClusterer(ClusterOptions(embedding=0.5, embedder="fake-for-cluster"))
    assignments = clusterer.add(corpus())
    assert clusterer.dim == sv.vector_dim(4)
    assert [a.story_id for a in assignments] == ["q0", "r0", "q0", "r0", "q0"]
    quake, robbery = assignments[0].vector, assignments[1].vector
    assert math.isclose(float(sv.similarities(quake, quake[None])[0]), 1.5 + 0.5, rel_tol=1e-4)
    assert float(sv.similarities(quake, robbery[None])[0]) < 0.2


def test_cluster_rejects_mismatched_analyses():
    with pytest.raises(ValueError, match="analyses"):
        StoryClusterer().add(corpus(), [None])


@pytest.mark.model
@pytest.mark.slow
def test_static_embedder_encodes_unit_vectors_offline():
    model = embedders.get_embedder("static")
    vectors = model.encode(["Tara Reid checks into rehab", "Lindsay Lohan enters rehab", "word " * 2000])
    assert vectors.shape == (3, model.dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
