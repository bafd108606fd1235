"""Reported speech: direct, mixed and indirect attributions with their speaker and cue.

Direct quotes come from quotation marks (straight, curly, guillemets, NYT's ``\u0060\u0060 ''``); a quote
left open at a paragraph break continues when the next paragraph opens with a quote mark. A quote is
direct when it stands as a sentence of its own; quoted words inside a clause make the clause a mixed
quote. Its cue is the nearest cue verb outside any quote (in its sentence, or the short one after it),
else a speaker introduced by a colon or a "― Name" signature, else the speaker of the quote just
before ("A," he said. "B."); pronoun speakers are resolved to the last person named before.

Indirect and mixed attributions are proposed by every verb and every cue noun of the lexicon learned
from PolNeAR train (``cue_lexicon.json``): a verb's clausal complement, a passive's subject with its
agent as speaker, a parenthetical "X, he said, Y", the object of a stance verb ("cited X"), a noun's
complement ("his claim that X"); a logistic-regression scorer (``quote_scorer.json``) over the cue, the
rule and the context vectors spaCy already computed keeps the likely ones, likeliest first. "According
to X" and transcript turns ("PENCE: ...") are rules. See docs/eval.md for how this is measured.

Speakers are named by ``speakers.speaker_name`` (pronouns and descriptions resolved to people).
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from spacy.tokens import Doc, Token

from ..model import Mention, Quote, Span
from .entities import doc_text, sentence_index
from .speakers import GENDERED_PRONOUNS, PRONOUNS, gender_clash, is_person_description, speaker_name

SPEAKER_REACH = 600  # characters over which a quote's speaker carries to the next (a quotation with no cue, a pronoun)
SPEECH_VERBS = frozenset(
    """say tell add note stress insist warn claim announce state explain argue declare emphasize
    emphasise reiterate write acknowledge admit deny confirm suggest report ask urge promise vow predict
    complain recall reply respond conclude mention observe remark indicate assert maintain concede contend
    charge allege comment tweet post testify caution signal underline underscore predict estimate
    describe believe think""".split()
)
CUE_LEXICON = Path(__file__).with_name("cue_lexicon.json")  # learned from PolNeAR train: scripts/learn_cues.py
QUOTE_SCORER = Path(__file__).with_name("quote_scorer.json")  # learned from PolNeAR train: scripts/train_quote_scorer.py
CUE_MIN_RATE = 0.15  # a lemma is a cue when at least this share of its uses in PolNeAR train were cues (tuned on dev)
CANDIDATE_MIN_RATE = 0.05  # with the learned scorer: every lexicon lemma proposes, the scorer decides
OBJECT_CUE_MIN_RATE = 0.2  # for a plain object ("cited X") rather than a reported clause (tuned on dev)
QUOTE_MARK = re.compile(r"``|''|[\"“”«»„]")
OPENING = frozenset({"“", "«", "„", "``"})
CLOSING = frozenset({"”", "»", "''"})
MIN_DIRECT_WORDS = 4
CONTEXT_WIDTH = 96  # en_core_web_sm's token vectors (doc.tensor), which the learned scorer weighs
WORD = re.compile(r"\w+")
# a quote signed at the end of its line: '"..." ― Karen Bobadilla.'
# (any space but a line break, no-break spaces included)
DASH_SIGNATURE = re.compile(r"[^\S\n]*(?:[―—–]|--?)[^\S\n]*([A-Z][\w'’-]*(?:[^\S\n]+[A-Z][\w.'’-]*){0,4})[^\S\n]*\.?[^\S\n]*$", re.MULTILINE)
QUOTE_TOKENS = frozenset({'"', "“", "”", "''", "``", "«", "»"})


def quote_regions(text: str) -> list[Span]:
    """Return the spans of text between quotation marks, marks included.

    A quote still open at a paragraph break is closed there, unless the next paragraph opens with a
    quote mark, which continues it.
    """
    regions: list[Span] = []
    open_at: int | None = None
    skip_until = -1
    for m in QUOTE_MARK.finditer(text):
        i, mark = m.start(), m.group()
        if i < skip_until:
            continue
        if open_at is not None:
            newline = text.find("\n", max(open_at, skip_until), i)
            if newline != -1:
                rest = text[newline:i]
                if rest.strip() == "":  # next paragraph opens with a quote mark: the quote continues
                    skip_until = m.end()
                    continue
                regions.append(Span(open_at, len(text[:newline].rstrip())))
                open_at = None
        opening = mark in OPENING or (mark not in CLOSING and open_at is None)
        if opening and open_at is None:
            open_at = i
        elif not opening and open_at is not None:
            regions.append(Span(open_at, m.end()))
            open_at = None
    if open_at is not None:
        end = text.find("\n", max(open_at, skip_until))
        regions.append(Span(open_at, len((text if end == -1 else text[:end]).rstrip())))
    return [r for r in regions if r.end - r.start > 2]


def find_quotes(doc: Doc, sentences: Sequence[Span], mentions: Sequence[Mention]) -> list[Quote]:
    """Return the direct, mixed and indirect quotes of ``doc``, in text order."""
    regions = quote_regions(doc_text(doc))
    persons = [m for m in mentions if m.label == "PERSON" and not _inside(Span(m.start, m.end), regions)]
    quotes: list[Quote] = []
    claimed: list[Span] = []
    previous: Quote | None = None
    for region in regions:
        quote = _direct_quote(doc, region, regions, sentences, persons, previous)
        if quote is not None:
            quotes.append(quote)
            claimed.append(quote.content)
            previous = quote
    for quote in _indirect_quotes(doc, regions, sentences, persons):
        if not any(quote.content.overlaps(c) for c in claimed):
            quotes.append(quote)
            claimed.append(quote.content)
    organisations = {m.text for m in mentions if m.label != "PERSON"} - {m.text for m in persons}
    return _pronouns_continue_the_speaker(sorted(quotes, key=lambda q: q.content.start), persons, organisations, doc)


def _pronouns_continue_the_speaker(quotes: list[Quote], persons: Sequence[Mention], organisations: set[str], doc: Doc) -> list[Quote]:
    """A pronoun speaker ("..., he said") continues the speaker of the quote just before when no person is
    named in between outside what that quote reports: in "He said Grassley would chair the committee. '...,'
    he said", the second "he" is still the first speaker, not Grassley. A pronoun no named person explains
    ("she said" after "a France Telecom spokeswoman said") takes that quote's description the same way. "She"
    does not continue a man the article calls "he" or "Mr.", nor "he" an organisation ("Fox News confirmed ...")."""
    text = doc_text(doc)
    out: list[Quote] = []
    for quote in quotes:
        previous = out[-1] if out else None
        pronoun = text[quote.speaker.start : quote.speaker.end].lower() if quote.speaker is not None else ""
        if (
            previous is not None and quote.speaker is not None and previous.speaker is not None
            and pronoun in PRONOUNS
            and previous.speaker_text and previous.speaker_text.lower() not in PRONOUNS
            and is_person_description(previous.speaker_text)
            and not (pronoun in GENDERED_PRONOUNS and previous.speaker_text in organisations)
            and not gender_clash(doc, persons, pronoun, previous.speaker_text)
            and previous.speaker.start <= quote.speaker.start < previous.speaker.end + SPEAKER_REACH
            and not any(previous.speaker.end <= m.start < quote.speaker.start and not previous.content.start <= m.start < previous.content.end
                        for m in persons)
        ):
            quote = replace(quote, speaker_text=previous.speaker_text)
        out.append(quote)
    return out


def _direct_quote(
    doc: Doc,
    region: Span,
    regions: Sequence[Span],
    sentences: Sequence[Span],
    persons: Sequence[Mention],
    previous: Quote | None,
) -> Quote | None:
    first = sentence_index(sentences, region.start)
    last = sentence_index(sentences, max(region.start, region.end - 1))
    words = len(WORD.findall(doc_text(doc)[region.start : region.end]))
    cue = _nearest_cue(doc, sentences[first].start, _cue_search_end(doc_text(doc), region, sentences, last), region, regions)
    if cue is None:
        if words < MIN_DIRECT_WORDS or not _starts_sentence(doc_text(doc), region, sentences[first]):
            return None  # a scare quote or a quoted phrase with nobody saying it
        introduced = _introduced_by_colon(doc, region, regions, sentences, first, persons)
        if introduced is not None:
            return introduced
        signed = DASH_SIGNATURE.match(doc_text(doc), region.end)  # '"..." ― Karen Bobadilla'
        if signed and words >= MIN_DIRECT_WORDS:
            who = Span(signed.start(1), signed.end(1))
            return Quote(region, "direct", who, None, signed.group(1), first)
        if previous is None or previous.speaker_text is None or region.start - previous.content.end > SPEAKER_REACH:
            return Quote(region, "direct", sentence=first)
        return Quote(region, "direct", previous.speaker, None, previous.speaker_text, first)
    cue_span, speaker = cue
    if words >= MIN_DIRECT_WORDS and _stands_as_quote(doc_text(doc), region, sentences[first]) and not _is_title(doc_text(doc), region):
        return Quote(region, "direct", speaker, cue_span, speaker_name(doc, speaker, persons), first)
    # words quoted inside a reported clause ('told him that "Russia will..." in the war'): mixed
    return _mixed_quote(doc, region, regions, sentences[first], persons, first, cue_span)


def _mixed_quote(
    doc: Doc, region: Span, regions: Sequence[Span], sentence: Span, persons: Sequence[Mention], index: int, nearest: Span
) -> Quote | None:
    """The reported clause that holds quoted words: headed by the strongest cue of the sentence whose
    complement holds them (in 'she said that "X" against what the campaign sees as Y' it is "said"),
    else by the nearest cue."""
    best: tuple[float, Token, Span] | None = None
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    for token in span if span is not None else ():
        lemma = token.lemma_.lower()
        rate = 1.0 if lemma in SPEECH_VERBS else _cue_rates().get(lemma, 0.0)
        is_nearest = token.idx == nearest.start
        if not is_cue(token) or (rate < CUE_MIN_RATE and not is_nearest) or _inside(Span(token.idx, token.idx + 1), regions):
            continue
        cue = Span(token.idx, token.idx + len(token.text))
        complement = _complement_span(doc, cue)
        if complement is None or not complement.contains(region) or complement.overlaps(cue):
            continue
        if best is None or rate > best[0]:
            best = (rate, token, complement)
    if best is None:
        return None
    _, verb, complement = best
    speaker = _subject_span(verb, regions, inverted=True, chain=True)
    cue = Span(verb.idx, verb.idx + len(verb.text))
    return Quote(complement, "mixed", speaker, cue, speaker_name(doc, speaker, persons), index)


def _indirect_quotes(
    doc: Doc, regions: Sequence[Span], sentences: Sequence[Span], persons: Sequence[Mention]
) -> Iterable[Quote]:
    for token in doc:
        if token.lower_ == "according" and not _inside(Span(token.idx, token.idx + 1), regions):
            quote = _according_to(doc, token, regions, sentences, persons)
            if quote is not None:
                yield quote
    yield from _transcript_turns(doc, sentences)  # before the candidates: a turn holds whole sentences
    scored = [(candidate_probability(f), q) for q, f in reported_candidates(doc, regions, sentences, persons)]
    threshold = _scorer()[1] if _scorer() is not None else 0.0
    # likeliest first: of two overlapping candidates, the better one claims the words
    for probability, quote in sorted(scored, key=lambda pq: -pq[0]):
        if probability >= threshold:
            yield quote


TRANSCRIPT_SPEAKER = re.compile(r"^(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}): ", re.MULTILINE)


def _transcript_turns(doc: Doc, sentences: Sequence[Span]) -> Iterable[Quote]:
    """Transcript paragraphs ("PENCE: Well, look, ..."): the named speaker says the rest of the paragraph.

    A name in capitals speaks when it is a person's name or the article has turns of two speakers: a lone
    "UPDATE:" or "CORRECTION:" is an editor's label."""
    text = doc_text(doc)
    turns = list(TRANSCRIPT_SPEAKER.finditer(text))
    speakers = {m.group()[:-2] for m in turns}
    for m in turns:
        name = m.group()[:-2]
        person = any(e.label_ == "PERSON" and e.start_char == m.start() for e in doc.ents)
        if not (person or name.isupper() and (len(speakers) > 1 or _named_elsewhere(doc, name))):
            continue
        end = text.find("\n", m.end())
        content = _trim(text, Span(m.end(), len(text) if end == -1 else end))
        if len(WORD.findall(text[content.start : content.end])) >= 4:
            cue = Span(m.end() - 2, m.end() - 1)
            yield Quote(content, "indirect", Span(m.start(), m.start() + len(name)), cue, name, sentence_index(sentences, m.start()))


def _named_elsewhere(doc: Doc, name: str) -> bool:
    """Whether the article names ``name`` (written in capitals) as a person or organisation elsewhere."""
    return any(e.label_ in {"PERSON", "ORG"} and name.lower() in e.text.lower().split() for e in doc.ents)


def reported_candidates(
    doc: Doc, regions: Sequence[Span], sentences: Sequence[Span], persons: Sequence[Mention]
) -> Iterable[tuple[Quote, dict[str, float]]]:
    """Every attribution a cue verb could head, with the features the learned scorer weighs."""
    for token in doc:
        if _inside(Span(token.idx, token.idx + 1), regions):
            continue
        if is_cue(token) or (token.pos_ == "VERB" and _scorer() is not None):  # the scorer judges every verb
            found = _reported_clause(doc, token, regions, sentences, persons)
        elif token.pos_ == "NOUN" and token.lemma_.lower() in _learned_cues():
            found = _reported_by_noun(doc, token, regions, sentences, persons)
        else:
            continue
        if found is not None:
            yield found[0], candidate_features(doc, token, found[0], found[1])


def _reported_by_noun(
    doc: Doc, noun: Token, regions: Sequence[Span], sentences: Sequence[Span], persons: Sequence[Mention]
) -> tuple[Quote, str] | None:
    """An attribution carried by a noun: "his claim that X", "Clinton's comments about X", "criticism of X by Y"."""
    speaker = content = None
    for child in noun.children:
        if child.dep_ == "poss" and speaker is None:
            speaker = _phrase(child)
        elif child.dep_ == "prep" and child.lower_ in {"by", "from"} and speaker is None:
            objects = [t for t in child.children if t.dep_ == "pobj"]
            speaker = _phrase(objects[0]) if objects else None
        elif child.dep_ in {"acl", "ccomp"} and child.i > noun.i and content is None:
            content = _extent(list(child.subtree))
        elif child.dep_ == "prep" and child.lower_ in {"about", "of", "on", "that", "regarding", "over"} and content is None:
            objects = [t for t in child.children if t.dep_ in {"pobj", "pcomp"}]
            content = _extent(list(objects[0].subtree)) if objects else None
    if speaker is None or content is None or any(speaker.overlaps(r) for r in regions):
        return None
    kind = "mixed" if any(content.overlaps(r) for r in regions) else "indirect"
    cue = Span(noun.idx, noun.idx + len(noun.text))
    quote = Quote(content, kind, speaker, cue, speaker_name(doc, speaker, persons), sentence_index(sentences, noun.idx))
    return quote, "noun"


def candidate_features(doc: Doc, verb: Token, quote: Quote, rule: str) -> dict[str, float]:
    """Sparse features of one candidate attribution: the cue, how its content was found, who the speaker is."""
    lemma = verb.lemma_.lower()
    content_words = len(WORD.findall(doc_text(doc)[quote.content.start : quote.content.end]))
    features = {
        "bias": 1.0,
        "rate": _cue_rates().get(lemma, 0.0),
        f"lemma={lemma}": 1.0,
        f"rule={rule}": 1.0,
        f"rule_lemma={rule}:{lemma}": 1.0,
        f"dep={verb.dep_}": 1.0,
        f"tag={verb.tag_}": 1.0,
        f"subject={_speaker_kind(doc, quote.speaker)}": 1.0,
        f"length={min(content_words.bit_length(), 6)}": 1.0,
    }
    if quote.kind == "mixed":
        features["mixed"] = 1.0
    content = doc.char_span(quote.content.start, quote.content.end, alignment_mode="expand")
    if content is not None and len(content):
        features[f"opens={content[0].lower_ if content[0].is_stop else content[0].pos_}"] = 1.0  # that, to, whether, how
        features[f"content_dep={content.root.dep_}"] = 1.0
        if any(t.pos_ in {"VERB", "AUX"} for t in content):
            features["clause"] = 1.0
    if doc.tensor.shape[1] == CONTEXT_WIDTH:  # cue, speaker and content in context, as the tagger and parser see them
        features.update({f"v{k}": float(x) for k, x in enumerate(doc.tensor[verb.i])})
        speaker = doc.char_span(quote.speaker.start, quote.speaker.end, alignment_mode="expand") if quote.speaker else None
        for prefix, span in (("s", speaker), ("c", content)):
            if span is not None and len(span):
                features.update({f"{prefix}{k}": float(x) for k, x in enumerate(doc.tensor[span.root.i])})
    if any(c.dep_ == "neg" for c in verb.children):
        features["negated"] = 1.0
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
        features["modal"] = 1.0
    return features


def _speaker_kind(doc: Doc, speaker: Span | None) -> str:
    if speaker is None:
        return "none"
    text = doc_text(doc)[speaker.start : speaker.end]
    if text.lower() in PRONOUNS | {"who", "that", "which", "you", "they"}:
        return "pronoun"
    labels = {e.label_ for e in doc.ents if speaker.start <= e.start_char and e.end_char <= speaker.end}
    for label in ("PERSON", "ORG", "GPE", "NORP"):
        if label in labels:
            return label
    return "noun"


@functools.cache
def _scorer() -> tuple[dict[str, float], float] | None:
    """The learned weights and threshold (scripts/train_quote_scorer.py), or None when not trained."""
    if not QUOTE_SCORER.exists():
        return None
    data = json.loads(QUOTE_SCORER.read_text(encoding="utf-8"))
    return data["weights"], data["threshold"]


def candidate_probability(features: dict[str, float]) -> float:
    """The learned probability that a candidate is a real attribution (1.0 when no scorer is trained)."""
    model = _scorer()
    if model is None:
        return 1.0
    weights = model[0]
    z = sum(weights.get(name, 0.0) * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-z))


def _reported_clause(
    doc: Doc, verb: Token, regions: Sequence[Span], sentences: Sequence[Span], persons: Sequence[Mention]
) -> tuple[Quote, str] | None:
    """The attribution a cue verb heads, and the rule that found its content (complement, passive, object,
    parenthetical)."""
    passive = _passive_report(verb, regions)
    speaker = passive[0] if passive else _subject_span(verb, regions)
    if speaker is None and verb.dep_ == "acl":  # "postings that included [one] saying that ..."
        speaker = Span(verb.head.left_edge.idx, verb.head.idx + len(verb.head.text))
    if speaker is None:
        return None
    cue = Span(verb.idx, verb.idx + len(verb.text))
    rule = "complement"
    complement = _complement_span(doc, cue)
    if complement is None or len(WORD.findall(doc_text(doc)[complement.start : complement.end])) < 3:
        if passive:
            rule, complement = "passive", passive[1]
        else:
            rule, complement = "object", _object_span(verb)  # "Trump has questioned [the very need for moderators]"
    if complement is not None and complement.overlaps(cue):
        complement = None  # a parse that folds the cue into its own content ("[she said, but ...]")
    if complement is None:
        rule, complement = "parenthetical", _parenthetical_host(doc, verb, speaker, sentences)  # "X, he said, Y"
    if complement is None:
        return None
    complement = _whole_quotes(complement, regions)
    kind = "mixed" if any(complement.overlaps(r) for r in regions) else "indirect"
    quote = Quote(complement, kind, speaker, cue, speaker_name(doc, speaker, persons), sentence_index(sentences, verb.idx))
    return quote, rule


def _whole_quotes(content: Span, regions: Sequence[Span]) -> Span:
    """Widen content that starts or ends inside a quotation to the whole quotation: the parser often
    cuts a quoted phrase short ('Burma a "good news story in an era [when ...]"')."""
    start, end = content.start, content.end
    for region in regions:
        if region.start < start < region.end:
            start = region.start
        if region.start < end < region.end:
            end = region.end
    return Span(start, end)


def _passive_report(verb: Token, regions: Sequence[Span]) -> tuple[Span, Span] | None:
    """Speaker and content of a passive with its agent: "[The nominee] has been endorsed by [dozens of papers]".

    Not "[officials] were quoted by AP as saying": the one quoted speaks, the agent only relays it."""
    if verb.lemma_ == "quote":
        return None
    patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    objects = [t for t in agent.children if t.dep_ == "pobj"] if agent is not None else []
    if patient is None or not objects:
        return None
    speaker = _phrase(objects[0])
    return None if any(speaker.overlaps(r) for r in regions) else (speaker, _phrase(patient))


def _parenthetical_host(doc: Doc, verb: Token, speaker: Span, sentences: Sequence[Span]) -> Span | None:
    """For a cue set off by commas inside a sentence ("X, he said, Y"), the sentence it reports.

    The content is the sentence without the trailing cue, or the whole sentence when the cue sits inside it.
    """
    if any(c.dep_ in {"ccomp", "xcomp", "dobj"} for c in verb.children):
        return None
    sentence = sentences[sentence_index(sentences, verb.idx)]
    start = min(speaker.start, verb.idx)
    end = verb.idx + len(verb.text)
    before = doc_text(doc)[sentence.start : start].rstrip()
    after = doc_text(doc)[end : sentence.end].lstrip()
    if not before.endswith(","):
        return None
    if after[:1] in {".", "!", "?", ""} or after[:1] in QUOTE_TOKENS:
        return _trim(doc_text(doc), Span(sentence.start, sentence.start + len(before)))
    if not after.startswith(","):
        return None
    return _trim(doc_text(doc), sentence)


def _according_to(
    doc: Doc, according: Token, regions: Sequence[Span], sentences: Sequence[Span], persons: Sequence[Mention]
) -> Quote | None:
    nxt = doc[according.i + 1] if according.i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ != "to":
        return None
    objects = [t for t in nxt.children if t.dep_ == "pobj"]
    if not objects:
        return None
    source = objects[0]
    speaker = Span(source.left_edge.idx, source.right_edge.idx + len(source.right_edge.text))
    cue = Span(according.idx, nxt.idx + len(nxt.text))
    index = sentence_index(sentences, according.idx)
    sentence = sentences[index]
    before = doc_text(doc)[sentence.start : cue.start].rstrip(" ,;—-")
    after_start = speaker.end
    after = doc_text(doc)[after_start : sentence.end]
    if len(WORD.findall(before)) >= 3:  # "X happened, according to Y."
        content = _trim(doc_text(doc), Span(sentence.start, sentence.start + len(before)))
    else:  # "According to Y, X happened."
        content = _trim(doc_text(doc), Span(after_start, after_start + len(after)))
    if len(WORD.findall(doc_text(doc)[content.start : content.end])) < 3:
        return None
    if _names_its_own_speaker(doc, content):
        return None  # "France Telecom said it plans ..., according to Bloomberg": France Telecom's words, relayed
    kind = "mixed" if any(content.overlaps(r) for r in regions) else "indirect"
    return Quote(content, kind, speaker, cue, speaker_name(doc, speaker, persons), index)


def _names_its_own_speaker(doc: Doc, content: Span) -> bool:
    """True when the content is itself a named person's or organisation's report ("X said ...")."""
    span = doc.char_span(content.start, content.end, alignment_mode="expand")
    if span is None:
        return False
    return any(
        t.lemma_ in SPEECH_VERBS and t.dep_ == "ROOT"
        and any(c.dep_ == "nsubj" and c.ent_type_ in {"PERSON", "ORG"} for c in t.children)
        for t in span
    )


def _nearest_cue(
    doc: Doc, start: int, end: int, region: Span, regions: Sequence[Span]
) -> tuple[Span, Span | None] | None:
    """Find the speech verb (or "according to") nearest the quote, outside every quote, in [start, end)."""
    best: tuple[int, Span, Span | None] | None = None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for token in span:
        if _inside(Span(token.idx, token.idx + 1), regions):
            continue
        if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            to = doc[token.i + 1]
            objects = [t for t in to.children if t.dep_ == "pobj"]
            speaker = (
                Span(objects[0].left_edge.idx, objects[0].right_edge.idx + len(objects[0].right_edge.text))
                if objects
                else None
            )
            cue = Span(token.idx, to.idx + len(to.text))
        elif is_cue(token):
            cue = Span(token.idx, token.idx + len(token.text))
            speaker = _subject_span(token, regions, inverted=True, chain=True)
        else:
            continue
        distance = min(abs(token.idx - region.end), abs(region.start - token.idx))
        if best is None or distance < best[0]:
            best = (distance, cue, speaker)
    return None if best is None else (best[1], best[2])


def _subject_span(verb: Token, regions: Sequence[Span] = (), *, inverted: bool = False, chain: bool = False) -> Span | None:
    """The speaker of ``verb``: its subject (or that of the verb it hangs off: "..., adding that"), as a char span.

    A subject inside a quotation is not a speaker ("'We will win,' said X" may parse the quote as the
    subject); then a noun after the verb is taken ("said Obama's former strategist David Axelrod").
    """
    for candidate in _verb_and_hosts(verb, chain):
        # of two subjects ("UPDATE: 7:19 p.m. -- The Washington Post now reports"), the one next to the verb
        children = sorted(candidate.children, key=lambda c: (c.dep_ not in {"nsubj", "nsubjpass"}, c.i > candidate.i, -c.i))
        if candidate is not verb:  # "X was sued by Y, alleging ...": Y alleges, the passive's agent
            children.sort(key=lambda c: c.dep_ != "agent")
        for child in children:
            span = None
            if child.dep_ in {"nsubj", "nsubjpass"}:
                # "a program that allows": the program; a relative "who" stays, as PolNeAR marks it
                relative = child.lower_ in {"that", "which"} and candidate.dep_ == "relcl"
                span = _phrase(candidate.head) if relative else _phrase(child)
            elif child.dep_ == "agent":
                objects = [obj for obj in child.children if obj.dep_ == "pobj"]
                span = _phrase(objects[0]) if objects else None
            if span is not None and not any(span.overlaps(r) for r in regions):
                return span
    named = _name_just_before(verb)  # a subject the parser lost: "In 2016, Trump said that ..."
    if named is not None and not any(named.overlaps(r) for r in regions):
        return named
    if not inverted:
        return None
    for child in verb.rights:  # inverted: '"...," said the senator'
        if child.ent_type_ in {"DATE", "TIME"}:
            continue  # '"...," said Thursday morning Flynn'
        if child.dep_ in {"dobj", "attr", "npadvmod", "appos", "nsubj"} and child.pos_ in {"PROPN", "NOUN"}:
            span = _phrase(child)
            if not any(span.overlaps(r) for r in regions):
                return span
    return None


def _verb_and_hosts(verb: Token, chain: bool) -> list[Token]:
    """The verb, then the verb it hangs off ("..., adding that"); with ``chain`` (the cue of a quotation), up a
    whole chain of coordinated verbs ("Grimm stormed back, leaned into him and said": the subject of "stormed"
    says it). Indirect candidates keep one step: their scorer was fitted so."""
    out = [verb]
    if verb.dep_ in {"advcl", "conj", "xcomp"}:
        out.append(verb.head)
    while chain and out[-1].dep_ == "conj" and out[-1].head.i != out[-1].i and len(out) < 6:
        out.append(out[-1].head)
    return out


def _name_just_before(verb: Token) -> Span | None:
    """A person or organisation named in the three words before ``verb``, as its whole entity span."""
    doc = verb.doc
    for i in range(verb.i - 1, max(verb.i - 4, verb.sent.start - 1), -1):
        token = doc[i]
        if token.ent_type_ in {"PERSON", "ORG"}:
            ent = next(e for e in doc.ents if e.start <= i < e.end)
            return Span(ent.start_char, ent.end_char)
        if token.pos_ in {"VERB", "AUX"} or token.is_punct:
            return None
    return None


def _phrase(head: Token) -> Span:
    """The noun phrase of ``head`` without relative clauses; at most the four words before a long head."""
    tokens = [t for t in head.subtree if t.dep_ not in {"relcl", "punct"} or t.i == head.i]
    if len(tokens) > 10:
        tokens = [t for t in head.subtree if head.i - 4 <= t.i <= head.i]
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return Span(first.idx, last.idx + len(last.text))


def _complement_span(doc: Doc, cue: Span) -> Span | None:
    """The clausal complement of the cue verb ("... said [that Russia would ...]", "[X], he said").

    A complement after the verb runs on through the clauses coordinated with it ("that it is real,
    that it matters and we should act"); "that" is kept, as PolNeAR marks it.
    """
    token = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if token is None:
        return None
    verb = token.root
    for child in verb.children:
        if child.dep_ == "ccomp" and child.i < verb.i:
            return _extent(list(child.subtree))
        if child.dep_ in {"ccomp", "xcomp"} and child.i > verb.i:
            return _extent(_right_content(verb, child))
    return None


def _object_span(verb: Token) -> Span | None:
    """What a verb reports a stance on ("cited [X]", "rejected [X]", "called [them messianic impulses]"), if learned so."""
    lemma = verb.lemma_.lower()
    if lemma in {"say", "tell"} or (_scorer() is None and lemma not in _learned_cues(for_objects=True)):
        return None
    for child in verb.rights:
        if child.dep_ in {"dobj", "attr", "dative"}:
            return _extent(_right_content(verb, child))
        if child.dep_ == "prep" and child.i == verb.i + 1:
            objects = [t for t in child.children if t.dep_ in {"pobj", "pcomp"}]  # "responded [by using ...]"
            if objects:
                return _extent(list(objects[0].subtree))
    return None


CONTENT_DEPS = frozenset({"dobj", "dative", "oprd", "attr", "acomp", "ccomp", "xcomp", "conj", "cc"})


def _right_content(verb: Token, first: Token) -> list[Token]:
    """Tokens of ``first`` and of the verb's later children that continue the content (objects, "as ..."
    predicates, coordinated clauses), stopping at adverbials and at a trailing ", he said"."""
    tokens = list(first.subtree)
    for child in verb.rights:
        if child.i <= first.i or child.is_punct:
            continue
        is_as = child.dep_ == "prep" and child.lower_ == "as"
        if child.dep_ not in CONTENT_DEPS and not is_as:
            break
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}:
            break  # "promised [to help] and said [...]", "aim [to ...] but are likely to ...": the speaker's next act
        tokens += list(child.subtree)
    return tokens


ASIDE_DEPS = frozenset({"relcl", "advcl", "appos", "acl"})
ASIDE_MARKS = frozenset({",", "—", "–", "-", "--"})


def _drop_trailing_aside(tokens: list[Token]) -> list[Token]:
    """Drop an aside that ends the content, set off by a comma or dash (", which forced her to ...",
    "— a metaphor for ...", ", focusing on ..."): PolNeAR leaves it out of what was reported."""
    present = {t.i for t in tokens}
    last = tokens[-1].i
    for token in tokens[2:]:
        mark = token.left_edge.i - 1
        if token.dep_ in ASIDE_DEPS and token.right_edge.i >= last and mark in present and mark > tokens[1].i:
            if token.doc[mark].text in ASIDE_MARKS:
                return [t for t in tokens if t.i < mark]
    return tokens


def _extent(tokens: list[Token]) -> Span | None:
    """The character span from the first to the last token, leading and trailing punctuation and a
    trailing aside dropped."""
    tokens = sorted(tokens, key=lambda t: t.i)
    if len(tokens) > 3:
        tokens = _drop_trailing_aside(tokens)
    while tokens and (tokens[0].is_punct and tokens[0].text not in QUOTE_TOKENS):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in QUOTE_TOKENS or tokens[-1].dep_ == "cc"):
        tokens = tokens[:-1]
    if not tokens:
        return None
    return Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))


@functools.cache
def _cue_rates() -> dict[str, float]:
    rates: dict[str, float] = json.loads(CUE_LEXICON.read_text(encoding="utf-8"))
    return rates


@functools.cache
def _learned_cues(for_objects: bool = False) -> frozenset[str]:
    """Cue lemmas: all the lexicon's when the learned scorer filters candidates, else the frequent cues only."""
    if _scorer() is not None:
        min_rate = CANDIDATE_MIN_RATE
    else:
        min_rate = OBJECT_CUE_MIN_RATE if for_objects else CUE_MIN_RATE
    return frozenset(lemma for lemma, rate in _cue_rates().items() if rate >= min_rate)


def is_cue(token: Token) -> bool:
    """Is ``token`` a verb that introduces reported speech or belief ("said", "argued", "cited")?"""
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = token.lemma_.lower()
    return lemma in SPEECH_VERBS or lemma in _learned_cues()


def _introduced_by_colon(
    doc: Doc, region: Span, regions: Sequence[Span], sentences: Sequence[Span], first: int, persons: Sequence[Mention]
) -> Quote | None:
    """A quote after a colon ("Jorge Falcon wrote:" / "Karen Bobadilla:"): the cue or the person before the colon."""
    if first == 0:
        return None
    intro = sentences[first - 1]
    if not doc_text(doc)[intro.start : intro.end].rstrip().endswith(":"):
        return None
    cue = _nearest_cue(doc, intro.start, intro.end, region, regions)
    if cue is not None and cue[1] is not None:
        return Quote(region, "direct", cue[1], cue[0], speaker_name(doc, cue[1], persons), first)
    named = [m for m in persons if intro.start <= m.start and m.end <= intro.end]
    if named:
        who = Span(named[-1].start, named[-1].end)
        return Quote(region, "direct", who, None, named[-1].text, first)
    return None


def _cue_search_end(text: str, region: Span, sentences: Sequence[Span], last: int) -> int:
    """Where to stop looking for the cue: the quote's sentence, or the short one right after it
    when the parser split '"... our country?" Clinton said.' after the question mark."""
    end = sentences[last].end
    if last + 1 < len(sentences) and region.end >= end - 1:
        following = sentences[last + 1]
        gap = text[region.end : following.start]
        if "\n" not in gap and len(WORD.findall(text[following.start : following.end])) <= 12:
            return following.end
    return end


def _stands_as_quote(text: str, region: Span, sentence: Span) -> bool:
    """A quote that is a sentence of its own: it opens the sentence or follows a comma or colon ('he said, "...').

    Quoted words inside a clause ('called it "a disaster" for all') are not.
    """
    before = text[sentence.start : region.start].rstrip()
    return not before or before[-1] in ",:;—–"


def _is_title(text: str, region: Span) -> bool:
    """A quoted title ("The Steve Harvey Morning Show"): every longer word capitalised."""
    words = [w for w in WORD.findall(text[region.start : region.end]) if len(w) > 3]
    return bool(words) and all(w[0].isupper() for w in words)


def _starts_sentence(text: str, region: Span, sentence: Span) -> bool:
    return text[sentence.start : region.start].strip() == ""


def _inside(span: Span, regions: Sequence[Span]) -> bool:
    return any(r.start <= span.start and span.end <= r.end for r in regions)


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start] in " ,;:—-\n":
        start += 1
    while end > start and text[end - 1] in " ,;:—-.\n":
        end -= 1
    return Span(start, end)
