"""Entity mentions from spaCy's NER, cleaned for cross-article resolution."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from ..model import Mention, Span
from ..util import sentence_index

__all__ = ["doc_text", "find_mentions", "sentence_index"]

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
LEADING_WORDS = frozenset({"the", "a", "an"})
# Titles and roles written before a name: not part of it ("Representative Bruce Braley" names "Bruce Braley").
# Titles that are conventionally part of a name (King, Pope, Sir, Lady) are not here.
TITLES = frozenset({
    "president", "vice", "prime", "minister", "mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep",
    "representative", "gov", "governor", "gen", "general", "col", "colonel", "capt", "captain", "sgt", "lt", "adm",
    "admiral", "secretary", "chancellor", "judge", "justice", "mayor", "chairman", "chairwoman", "chair", "ceo",
    "spokesman", "spokeswoman", "spokesperson", "aide", "envoy", "ambassador", "foreign", "defence", "defense",
    "interior", "state", "deputy", "former", "late", "gop", "congressman", "congresswoman", "attorney", "det",
    "detective", "officer", "sheriff", "insp", "inspector", "supt", "superintendent", "prof", "professor", "director", "speaker"
})


def find_mentions(doc: Doc, sentences: Sequence[Span]) -> list[Mention]:
    """Return the named-entity mentions of ``doc``, trimmed of articles, possessive endings, lower-case words at
    the end (a name ends with a capitalised word: "Mediterranean sea") and, for a person, the titles before the name;
    a span NER ran over an owner's possessive or a verb is cut there (``_names_in``).

    Mentions with no capital letter ("eastern" tagged ORG) are dropped: names are capitalised in news text.
    """
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        for tokens in _names_in(list(ent)):
            mention = _trimmed(doc, tokens, ent.label_, sentences)
            if mention is not None:
                mentions.append(mention)
    return mentions


def _names_in(tokens: list[Token]) -> list[list[Token]]:
    """The names inside one NER span: "Congress's Office of Compliance" is Congress and its Office of Compliance;
    "Workers' Compensation Board ordered Healthalicious" ends before the verb NER ran over."""
    cut = next((t for t in tokens[1:-1] if t.pos_ in {"VERB", "AUX"} and t.is_lower), None)
    if cut is not None:
        tokens = tokens[: cut.i - tokens[0].i]
    owner = next((t for t in tokens[1:-1] if t.text in {"'s", "’s"}), None)
    if owner is None:
        return [tokens]
    at = owner.i - tokens[0].i
    return [tokens[:at], tokens[at + 1 :]]


def _trimmed(doc: Doc, tokens: list[Token], label: str, sentences: Sequence[Span]) -> Mention | None:
    """The name without articles, a person's titles, a possessive ending or lower-case words at the end."""
    while tokens and tokens[0].lower_ in LEADING_WORDS:
        tokens = tokens[1:]
    while label == "PERSON" and len(tokens) > 1 and tokens[0].lower_.rstrip(".") in TITLES:
        tokens = tokens[1:]
    while tokens and (tokens[-1].text in {"'s", "’s", "'", "’"} or tokens[-1].is_punct or _trailing_common_word(tokens)):
        tokens = tokens[:-1]
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = doc_text(doc)[start:end]
    if not any(c.isupper() for c in text):
        return None
    return Mention(start, end, text, label, sentence_index(sentences, start))


def _trailing_common_word(tokens: Sequence[Token]) -> bool:
    """A lower-case word ending a name NER over-extended ("Mediterranean sea", "Obama administration"), but not
    the lower-case part of a hyphenated name ("Kim Jong-un")."""
    last = tokens[-1]
    return len(tokens) > 1 and last.is_lower and last.is_alpha and tokens[-2].text != "-" and not last.text.startswith("-")


def doc_text(doc: Doc) -> str:
    """The text of ``doc``, computed once: spaCy rebuilds ``Doc.text`` from every token on each access."""
    text = doc.user_data.get("newsprism_text")
    if text is None:
        text = doc.user_data["newsprism_text"] = doc.text
    return text
