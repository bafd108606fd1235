"""The vectors story clustering compares articles by (see ``cluster.py`` for the blocks and why).

A vector is float32, in three parts:

``[ sketch (SKETCH_DIMS) | embedding (0 or the embedder's width) | feature ids (SLOTS) | feature values (SLOTS) ]``

- the sparse blocks, exactly: each block's features are L2-normalised, scaled by the square root of the
  block's weight, and the heaviest ``BLOCK_SLOTS[block]`` kept as (id, value) pairs; an id is a 22-bit
  hash of the feature plus the block's number above it, exact in a float32; unused slots hold id -1;
- the sketch: every kept feature hashed into ``SKETCH_DIMS`` dense dimensions, for the ANN index
  (hashing to a few hundred dimensions blurs a cosine by a few hundredths: fine to find candidates,
  too coarse to decide on look-alike events, so the decision uses the exact pairs);
- the embedding, scaled by the square root of its weight, when the embedding block is on.

The similarity of two vectors is then the weighted sum of the block cosines.
"""

from __future__ import annotations

import functools
import math
import re
import zlib
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from .model import Analysis, Article

SKETCH_DIMS = 256
BLOCK_SLOTS = {"words": 256, "title": 32, "names": 64}
SLOTS = sum(BLOCK_SLOTS.values())
_ID_BITS = 22
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
RARE_ZIPF = 7.0  # a word this common in English (Zipf scale: "the" is 7.7) weighs nothing

_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*[^\W_])?")
_NAME = re.compile(r"(?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+")
# Reporting words are in every story; days and months are dated by `published` instead.
_STOP = frozenset(
    "a an the and or but if of in on at to for from by with as is are was were be been he she it they we you i "
    "his her its their our your this that these those there here what who when where why how mr mrs ms dr said "
    "says say according after before during monday tuesday wednesday thursday friday saturday sunday january "
    "february march april may june july august september october november december".split()
)


def vector_dim(embedding_dim: int = 0) -> int:
    """The width of a vector with an embedding block of ``embedding_dim`` (0: none)."""
    return SKETCH_DIMS + embedding_dim + 2 * SLOTS


def article_vectors(articles: Sequence[Article], analyses: Sequence[Analysis | None], weights: dict[str, float],
                    embeddings: np.ndarray | None = None) -> np.ndarray:
    """One vector per article; ``weights`` maps sparse block names to weights (0 or absent: left out).

    ``embeddings`` (one unit row per article) are the embedding block, already scaled by the caller.
    """
    embedding_dim = 0 if embeddings is None else embeddings.shape[1]
    out = np.zeros((len(articles), vector_dim(embedding_dim)), dtype=np.float32)
    for row, (article, analysis) in enumerate(zip(articles, analyses)):
        ids, values = _sparse(article, analysis, weights)
        out[row, :SKETCH_DIMS] = _sketch(ids, values)
        start = SKETCH_DIMS + embedding_dim
        out[row, start : start + SLOTS] = -1
        out[row, start : start + len(ids)] = ids
        out[row, start + SLOTS : start + SLOTS + len(ids)] = values
    if embeddings is not None:
        out[:, SKETCH_DIMS : SKETCH_DIMS + embedding_dim] = embeddings
    return out


def similarities(query: np.ndarray, members: np.ndarray) -> np.ndarray:
    """The similarity of ``query`` to each row of ``members``: embedding dot product plus the exact sparse dot product."""
    dense = members[:, SKETCH_DIMS : -2 * SLOTS] @ query[SKETCH_DIMS : -2 * SLOTS]
    q_ids, q_values = query[-2 * SLOTS : -SLOTS], query[-SLOTS:]
    used = q_ids >= 0
    q_ids, q_values = q_ids[used], q_values[used]  # sorted by id, see _sparse
    if not len(q_ids):
        return dense
    m_ids, m_values = members[:, -2 * SLOTS : -SLOTS], members[:, -SLOTS:]
    pos = np.minimum(np.searchsorted(q_ids, m_ids), len(q_ids) - 1)
    return dense + np.where(q_ids[pos] == m_ids, m_values * q_values[pos], 0).sum(axis=1)


def similarity_matrix(vectors: np.ndarray, *, local: bool = False) -> np.ndarray:
    """The similarity of every pair of rows of ``vectors`` (float64, rows x rows), as ``similarities`` gives it.

    With ``local``, each sparse feature is first weighed by its rarity among these rows, log(rows /
    rows holding it), and each block of each row scaled back to the norm it had: a feature that every
    row holds says nothing about how they differ (within one story, "rehab" is in every article, the
    name of the star who entered it is not).
    """
    from scipy import sparse

    n = len(vectors)
    ids, values = vectors[:, -2 * SLOTS : -SLOTS], vectors[:, -SLOTS:]
    used = ids >= 0
    rows = np.nonzero(used)[0]
    raw_ids = ids[used].astype(np.int64)
    vals = values[used].astype(np.float64)
    unique, cols = np.unique(raw_ids, return_inverse=True)
    if local and len(vals):
        blocks = len(BLOCK_SLOTS)
        key = rows * blocks + (raw_ids >> _ID_BITS)  # one (row, block) key per pair: ids are unique within a row
        before = np.bincount(key, weights=vals * vals, minlength=n * blocks)
        vals = vals * np.log(n / np.bincount(cols)[cols])
        after = np.bincount(key, weights=vals * vals, minlength=n * blocks)
        vals = vals * np.sqrt(np.divide(before, after, out=np.zeros_like(after), where=after > 0))[key]
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(n, len(unique)))
    dense = vectors[:, SKETCH_DIMS : -2 * SLOTS].astype(np.float64)
    return (matrix @ matrix.T).toarray() + dense @ dense.T


def sketch(vectors: np.ndarray) -> np.ndarray:
    """The part of the vectors the ANN index holds."""
    return vectors[..., :SKETCH_DIMS]


def names(article: Article, analysis: Analysis | None) -> list[str]:
    """Entity names, lower-cased: the analysis's mentions when there is one, else capitalised runs of 2-4 words."""
    if analysis is not None:
        return [" ".join(m.text.lower().split()) for m in analysis.mentions if m.label in ENTITY_LABELS]
    return [" ".join(m.lower().split()) for m in _NAME.findall(article.text)]


def full_text(article: Article) -> str:
    return f"{article.title}\n{article.text}" if article.title else article.text


def _sparse(article: Article, analysis: Analysis | None, weights: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """The kept (id, value) pairs of all sparse blocks, sorted by id."""
    ids: list[int] = []
    values: list[float] = []
    for number, (block, slots) in enumerate(BLOCK_SLOTS.items()):
        weight = weights.get(block, 0.0)
        if weight <= 0:
            continue
        features = _hash_block(_BLOCKS[block](article, analysis), number)
        norm = math.sqrt(sum(v * v for v in features.values()))
        if norm == 0:
            continue
        scale = math.sqrt(weight) / norm
        for feature_id, value in sorted(features.items(), key=lambda kv: -abs(kv[1]))[:slots]:
            ids.append(feature_id)
            values.append(value * scale)
    order = np.argsort(ids)
    return np.asarray(ids, dtype=np.float32)[order], np.asarray(values, dtype=np.float32)[order]


def _hash_block(features: dict[str, float], block_number: int) -> dict[int, float]:
    out: dict[int, float] = {}
    for feature, value in features.items():
        feature_id = (block_number << _ID_BITS) | (_crc(feature) & ((1 << _ID_BITS) - 1))
        out[feature_id] = out.get(feature_id, 0.0) + value
    return out


def _sketch(ids: np.ndarray, values: np.ndarray) -> np.ndarray:
    out = np.zeros(SKETCH_DIMS, dtype=np.float32)
    hashed = ids.astype(np.int64) * 2654435761 % (1 << 32)  # Knuth's multiplier spreads the ids over the dimensions
    signs = np.where(hashed & (1 << 31), 1.0, -1.0).astype(np.float32)
    np.add.at(out, hashed % SKETCH_DIMS, signs * values)
    norm = float(np.linalg.norm(out))
    return out / norm if norm > 0 else out


def _words(text: str) -> list[str]:
    return [w for w in (m.lower() for m in _WORD.findall(text)) if len(w) > 2 and w not in _STOP]


def _word_features(article: Article, analysis: Analysis | None) -> dict[str, float]:
    return {w: (1 + math.log(n)) * rarity(w) for w, n in Counter(_words(full_text(article))).items()}


def _title_features(article: Article, analysis: Analysis | None) -> dict[str, float]:
    return {w: rarity(w) for w in set(_words(article.title or article.text[:200]))}  # the lead stands in for a missing headline


def _name_features(article: Article, analysis: Analysis | None) -> dict[str, float]:
    return {name: 1 + math.log(n) for name, n in Counter(names(article, analysis)).items()}


_BLOCKS: dict[str, Callable[[Article, Analysis | None], dict[str, float]]] = {
    "words": _word_features, "title": _title_features, "names": _name_features,
}


@functools.lru_cache(maxsize=1 << 18)
def rarity(word: str) -> float:
    """How much a word says about a story: (7 - its Zipf frequency in English)², 0 for the commonest words."""
    from wordfreq import zipf_frequency

    return max(0.0, RARE_ZIPF - zipf_frequency(word, "en")) ** 2


@functools.lru_cache(maxsize=1 << 18)
def _crc(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8"))
