"""Story-clustering datasets: JSONL with a gold field, and loaders for ECB+, BASIL, NewsWCL50 and AllSides-NeuS.

Every loader returns ``GoldArticle`` records (an ``Article`` and its gold story), in a fixed order.
The JSONL form is one item per line: ``{"id", "title", "text", "outlet", "published", "url", <gold field>}``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..model import Article, content_id

DEFAULT_DATA = Path("..") / "shared" / "data"
DATASETS = ("ecbplus", "basil", "newswcl50", "newswcl50-tokens", "allsides")
ECBPLUS_SPLITS = ("train", "dev", "test")

_URL_DATE = re.compile(r"/(20\d\d)/(\d\d)/(\d\d)/")
_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}]|'s\b|n't\b|'re\b|'ll\b|'ve\b|'d\b|'m\b)")
_SPACE_AFTER = re.compile(r"([(\[{$]) ")


@dataclass(frozen=True)
class GoldArticle:
    article: Article
    story: str


def read_items(path: Path | str, gold_field: str = "story") -> list[GoldArticle]:
    """Read a JSONL file of items carrying a gold story in ``gold_field``.

    Raises:
        InputError: the file is missing, a line is not a JSON object, or an item lacks text or the gold field.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"No such file: {path}")
    out = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number} is not JSON ({exc.msg}).") from None
            if not isinstance(item, dict) or not item.get("text") or item.get(gold_field) is None:
                raise InputError(f"{path}:{number} needs a non-empty 'text' and a {gold_field!r} field (use --gold-field).")
            out.append(GoldArticle(_article(item), str(item[gold_field])))
    return out


def _article(item: dict) -> Article:
    published = item.get("published")
    try:
        day = date.fromisoformat(str(published)[:10]) if published else None
    except ValueError:
        day = None  # an unparsable date only loses the time window, not the article
    return Article(
        id=str(item.get("id") or content_id(item["text"])),
        text=item["text"],
        title=item.get("title") or None,
        outlet=item.get("outlet") or None,
        url=item.get("url") or None,
        published=day,
    )


def load_dataset(name: str, data: Path | str | None = None, split: str | None = None) -> list[GoldArticle]:
    """Load ``ecbplus`` (``split`` train, dev or test; default test), ``basil`` or ``newswcl50`` (no splits).

    ``data`` is the folder holding the dataset folders (default ``../shared/data``).

    Raises:
        InputError: unknown dataset or split, or the dataset is not in ``data``.
    """
    root = Path(data) if data is not None else DEFAULT_DATA
    if name == "ecbplus":
        return load_ecbplus(root / name, split or "test")
    if name not in DATASETS:
        raise InputError(f"Unknown dataset {name!r}. Available: {', '.join(DATASETS)}")
    if split not in (None, "all"):
        raise InputError(f"{name} has no splits (it is scored whole); drop --split.")
    if name == "basil":
        return load_basil(root / name)
    if name == "allsides":
        return load_allsides(root / "allsides-neus")
    return load_newswcl50(root / "newswcl50", detokenized=name == "newswcl50")


def load_ecbplus(folder: Path | str, split: str = "test") -> list[GoldArticle]:
    """ECB+ documents of one split (``train``, ``dev``, ``test`` or several joined by ``+``); gold = sub-topic (the event).

    Each topic holds two look-alike events, so the other sub-topic of a topic is a same-topic distractor.
    Documents whose detokenised text is empty are rebuilt from their tokens. ECB+ has no dates.
    """
    splits = split.split("+")
    if not set(splits) <= set(ECBPLUS_SPLITS):
        raise InputError(f"Unknown ECB+ split {split!r}. Available: {', '.join(ECBPLUS_SPLITS)} (or joined, e.g. train+dev)")
    out = []
    for doc in _jsonl(Path(folder) / "docs.jsonl"):
        if doc["split"] not in splits:
            continue
        lines = doc["tokenized_text"].split("\n")[1 if doc["url"] else 0 :]  # ECB+-added docs start with their URL
        # The first line is the headline; 60 documents are nothing else, and it stands for their body.
        text = doc["text"] or detokenize(" ".join(lines[1:])) or doc["title"]
        item = {"id": doc["doc_id"], "title": doc["title"], "text": text, "url": doc["url"]}
        out.append(GoldArticle(_article(item), doc["subtopic"]))
    return out


def load_basil(folder: Path | str) -> list[GoldArticle]:
    """BASIL: 300 articles, gold = triplet (one event reported by Fox News, the New York Times and HuffPost)."""
    out = []
    for path in sorted(Path(folder).glob("articles/*/*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        text = "\n\n".join(" ".join(paragraph) for paragraph in doc["body-paragraphs"])
        item = {"id": path.stem, "title": doc.get("title"), "text": text, "outlet": doc["source"].lower(),
                "published": doc.get("date"), "url": doc.get("url")}
        out.append(GoldArticle(_article(item), doc["triplet-uuid"]))
    if not out:
        raise InputError(f"No BASIL articles under {folder} (expected articles/<year>/<uuid>_<n>.json).")
    return out


def load_newswcl50(folder: Path | str, *, detokenized: bool = True) -> list[GoldArticle]:
    """NewsWCL50: 50 articles, gold = event (one event reported by five outlets).

    The dataset has no dates or headlines: ``published`` comes from the URL where it holds one (/YYYY/MM/DD/).
    Its text is a re-parse's space-separated tokens; ``detokenized=False`` keeps them as they are
    ("newswcl50-tokens": clustering must not depend on how the text is joined).
    """
    out = []
    for doc in _jsonl(Path(folder) / "docs.jsonl"):
        match = _URL_DATE.search(doc["url"] or "")
        text = detokenize(doc["text"]) if detokenized else doc["text"]
        item = {"id": doc["doc_id"], "text": text, "outlet": doc["outlet"], "url": doc["url"],
                "published": "-".join(match.groups()) if match else None}
        out.append(GoldArticle(_article(item), str(doc["event_id"])))
    return out


def load_allsides(folder: Path | str) -> list[GoldArticle]:
    """AllSides-NeuS: about 1,400 article leads (headline and the excerpt AllSides shows) of 505 stories, each told by
    a left-, a centre- and a right-rated outlet; gold = the AllSides story. An article is dated by its story's date
    (the crawl keeps no other), so its time window holds the stories of the same days, as a desk's feed would."""
    out = []
    for story in _jsonl(Path(folder) / "allsides_stories_2021-10-19.jsonl"):
        for side, news in sorted((story.get("news") or {}).items()):
            body = news.get("newBody") or []
            text = "\n\n".join(body) if isinstance(body, list) else str(body)
            if not text.strip():
                continue
            item = {"id": f"{story['id']}-{side}", "title": news.get("newsTitle"), "text": text,
                    "outlet": news.get("newsSource"), "url": news.get("newsLink"), "published": story.get("date")}
            out.append(GoldArticle(_article(item), str(story["id"])))
    return out


def detokenize(text: str) -> str:
    """Undo the space-separated tokens of a re-parse ("Reid 's car , he said" -> "Reid's car, he said")."""
    return _SPACE_AFTER.sub(r"\1", _SPACE_BEFORE.sub(r"\1", text))


def _jsonl(path: Path) -> Iterator[dict]:
    if not path.is_file():
        raise InputError(f"Dataset file not found: {path}")
    with open(path, encoding="utf-8") as fh:
        yield from (json.loads(line) for line in fh if line.strip())
