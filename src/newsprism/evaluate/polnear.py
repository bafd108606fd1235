"""PolNeAR (political news attribution relations): loader, our predictions, and the evaluation run.

Layout of a data folder (any folder with it works): ``<split>/text/<stem>.txt`` and
``<split>/attributions/<stem>_<annotator>.ann`` (brat standoff). Where several annotators marked an
article, the alphabetically first annotator's file is the gold. Each ``E`` line is one attribution:
the union of its Content, Source and Cue fragments.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..errors import InputError
from ..model import Analysis, Article, content_id
from .attribution import Attribution, AttributionScorer

log = logging.getLogger(__name__)

DEFAULT_DATA = Path("..") / "shared" / "data" / "polnear"
SPLITS = ("train", "dev", "test")


@dataclass(frozen=True)
class PolnearArticle:
    name: str  # the text file's stem
    text: str
    gold: tuple[Attribution, ...]


def read_text(path: Path) -> str:
    """Read a file as UTF-8 keeping every character (offsets in the .ann files count them all)."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def parse_ann(ann: str) -> list[Attribution]:
    """Parse brat standoff into attributions: one per ``E`` line, fragments of each role unioned."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if len(fields) < 2:
            continue  # a blank or broken line: skip it rather than lose the article
        if line.startswith("T"):
            tid, info = fields[0], fields[1]
            role, _, offsets = info.partition(" ")
            fragments = tuple(tuple(int(x) for x in frag.split()) for frag in offsets.split(";"))
            spans[tid] = (role, tuple((s, e) for s, e in fragments))  # type: ignore[misc]
        elif line.startswith("E"):
            events.append(fields[1].split())
    out = []
    for args in events:
        roles: dict[str, list[tuple[int, int]]] = {"Content": [], "Source": [], "Cue": []}
        for arg in args:
            role, _, tid = arg.partition(":")
            base = role.rstrip("0123456789")
            if base in roles and tid in spans:
                roles[base].extend(spans[tid][1])
        if roles["Content"]:
            out.append(Attribution(tuple(sorted(roles["Content"])), tuple(sorted(roles["Source"])), tuple(sorted(roles["Cue"]))))
    return out


def load_polnear(data: Path | str = DEFAULT_DATA, split: str = "dev") -> Iterator[PolnearArticle]:
    """Yield the articles of one split with their gold attributions, in file-name order.

    Raises:
        InputError: the folder or split does not exist.
    """
    folder = Path(data) / split
    if not (folder / "text").is_dir():
        raise InputError(f"No PolNeAR split {split!r} under {data} (expected {split}/text and {split}/attributions).")
    annotations: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        annotations.setdefault(stem, ann)  # sorted: the alphabetically first annotator wins
    for path in sorted((folder / "text").glob("*.txt")):
        ann = annotations.get(path.stem)
        if ann is None:
            log.warning("no annotation for %s", path.name)
            continue
        yield PolnearArticle(path.stem, read_text(path), tuple(parse_ann(read_text(ann))))


def our_predictions(analysis: Analysis) -> list[Attribution]:
    """Our quotes as attributions; a quote that continues the one before ("A," he said. "B.") joins it,
    as PolNeAR annotates one attribution with several content fragments."""
    out: list[Attribution] = []
    previous = None
    for q in analysis.quotes:
        source = ((q.speaker.start, q.speaker.end),) if q.speaker else ()
        cue = ((q.cue.start, q.cue.end),) if q.cue else ()
        content = ((q.content.start, q.content.end),)
        signed = previous is not None and previous.cue is None and previous.speaker is not None and previous.speaker.start >= previous.content.end
        continues = previous is not None and (
            (q.cue is None and q.speaker is not None and q.speaker == previous.speaker and not signed)
            or (q.cue is not None and q.cue == previous.cue)  # '"A," he said, "B."': one cue, two pieces
        )
        if continues and out:
            last = out[-1]
            out[-1] = Attribution(last.content + content, last.source, last.cue)
        else:
            out.append(Attribution(content, source, cue))
        previous = q
    return out


def write_prediction(out: TextIO, name: str, predictions: Sequence[Attribution]) -> None:
    """Write one article's predictions as a JSON line: ``{"article", "quotes": [{"content", "speaker", "cue"}]}``."""
    quotes = [{"content": [list(s) for s in p.content], "speaker": [list(s) for s in p.source], "cue": [list(s) for s in p.cue]} for p in predictions]
    out.write(json.dumps({"article": name, "quotes": quotes}) + "\n")


def evaluate_polnear(
    data: Path | str = DEFAULT_DATA,
    split: str = "dev",
    *,
    peers: Sequence[str] = ("textacy",),
    progress: Callable[[int], None] | None = None,
    predictions: Callable[[str, list[Attribution]], None] | None = None,
) -> dict[str, dict[str, float]]:
    """Score our attributions (and each peer's) on a PolNeAR split.

    Args:
        data: the PolNeAR folder.
        split: train, dev or test.
        peers: other systems scored on the same articles ("textacy").
        progress: called with 1 per article.
        predictions: called with (article name, our predictions) per article.
    Returns:
        ``{"newsprism": figures, "textacy": figures}``, figures as in ``AttributionScorer.result``.
    """
    from ..analyze import analyze_doc, load_nlp

    nlp = load_nlp()
    articles = list(load_polnear(data, split))
    scorers = {"newsprism": AttributionScorer(), **{p: AttributionScorer() for p in peers}}
    peer_fns = {p: _peer(p) for p in peers}
    docs = nlp.pipe((a.text for a in articles), batch_size=8)
    for item, doc in zip(articles, docs):
        article = Article(id=content_id(item.text), text=item.text)
        ours = our_predictions(analyze_doc(article, doc))
        scorers["newsprism"].add(item.text, item.gold, ours)
        if predictions:
            predictions(item.name, ours)
        for name, fn in peer_fns.items():
            scorers[name].add(item.text, item.gold, fn(item.text, nlp))
        if progress:
            progress(1)
    return {name: scorer.result() for name, scorer in scorers.items()}


def _peer(name: str) -> Callable[..., list[Attribution]]:
    if name != "textacy":
        raise InputError(f"Unknown peer {name!r}; available: textacy")
    from .textacy_peer import textacy_quotes

    def run(text: str, nlp: object) -> list[Attribution]:
        return [
            Attribution(tuple(map(tuple, q["content"])), tuple(map(tuple, q.get("speaker", []))), tuple(map(tuple, q.get("cue", []))))
            for q in textacy_quotes(text, nlp)
        ]

    return run
