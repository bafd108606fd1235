"""entities-dev: is one person one entity across outlets, with the right type?

Each story of ``entities-dev`` (``gold/NAME.json``; its articles are ``facts-dev/stories/NAME.jsonl``) lists every
named entity that any article names, once for the story: its type and every surface form by which each article
names it (see the dataset's ``GUIDELINES.md``). We run the shipped ``compare`` on each story exactly as
``newsprism compare story.jsonl --format json`` does (``facts.compare_story``) and score the ``entities`` of its
JSON report.

The scorer is ours, written from the definitions of the dataset's ``score.py`` (its docstring is the
reference; a test checks that both give the same counts on real reports):

- Items are the gold's (article, form) pairs. Gold articles are mapped to the report article whose text holds
  most of their forms. A report entity *names* an item when one of its mentions in that article has exactly
  that text (a trailing possessive 's or ' ignored); an item takes the report entity that names it most often,
  and an item no entity names is a miss (a cluster of its own).
- ``mention_recall``: items some report entity names. ``b3_*``: B-cubed over items, gold entities against the
  report entities the items take. ``cross_article_recall``: gold entities named in two or more articles whose
  every item takes one same report entity. ``false_merges``: report entities whose items belong to two or more
  gold entities, per report entity that takes an item. ``type_accuracy``: gold entities whose items mostly take
  one report entity that has the gold's type as its label.
- Counts are summed over stories before any figure is divided out (pooled, not averaged).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..util import strip_possessive

DEFAULT_DATA = Path("..") / "shared" / "data" / "entities-dev"
GOALS = {"mention_recall": 0.97, "b3_f1": 0.97, "cross_article_recall": 0.95, "false_merges": 0.01, "type_accuracy": 0.97}
LOWER_IS_BETTER = frozenset({"false_merges"})


@dataclass
class EntityScore:
    """One story's counts and, for reading, its errors (splits, merges, wrong types)."""

    counts: Counter[str] = field(default_factory=Counter)
    errors: dict[str, list[str]] = field(default_factory=lambda: {"split": [], "merge": [], "type": [], "missed": []})


def map_articles(gold: Mapping[str, Any], report: Mapping[str, Any]) -> dict[str, str]:
    """Gold article id -> the report article whose text holds most of that article's gold forms."""
    texts = {a["id"]: a.get("text", "") for a in report.get("articles", [])}
    forms_of: dict[str, set[str]] = defaultdict(set)
    for entity in gold["entities"]:
        for article, forms in entity["forms"].items():
            forms_of[article].update(forms)
    out = {}
    for article, forms in forms_of.items():
        best = max(texts, key=lambda rid: sum(f in texts[rid] for f in forms), default=None)
        if best is not None and any(f in texts[best] for f in forms):
            out[article] = best
    return out


def score_entities(gold: Mapping[str, Any], report: Mapping[str, Any]) -> EntityScore:
    """The counts of one story's report against its gold (see the module docstring)."""
    score = EntityScore()
    c, errors = score.counts, score.errors
    articles = map_articles(gold, report)
    named: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)  # (report article, text) -> entity id -> mentions
    label, name = {}, {}
    for entity in report.get("entities", []):
        label[entity["id"]] = entity.get("label")
        name[entity["id"]] = entity.get("name", entity["id"])
        for m in entity.get("mentions", []):
            named[(m["article"], strip_possessive(m.get("text", "")))][entity["id"]] += 1
    items: list[tuple[str, str | None]] = []  # (gold entity id, report entity id or None), one per (article, form)
    for entity in gold["entities"]:
        for article, forms in entity["forms"].items():
            rid = articles.get(article)
            for form in forms:
                hit = named.get((rid, strip_possessive(form))) if rid else None
                items.append((entity["id"], hit.most_common(1)[0][0] if hit else None))
                if not hit:
                    errors["missed"].append(f"{entity['name']}: {form!r} in {article}")
    c["items"] = len(items)
    c["items_named"] = sum(p is not None for _, p in items)
    _b_cubed(items, c)
    _per_gold_entity(gold, items, label, name, score)
    golds_in: dict[str, set[str]] = defaultdict(set)
    for g, p in items:
        if p is not None:
            golds_in[p].add(g)
    c["matched_report_entities"] = len(golds_in)
    c["merging_report_entities"] = sum(len(gs) > 1 for gs in golds_in.values())
    gold_name = {e["id"]: e["name"] for e in gold["entities"]}
    errors["merge"] += [f"{name[p]} ({p}) holds {', '.join(sorted(gold_name[g] for g in gs))}"
                        for p, gs in golds_in.items() if len(gs) > 1]
    return score


def _b_cubed(items: list[tuple[str, str | None]], c: Counter[str]) -> None:
    """B-cubed sums (in thousandths, rounded per item as score.py does); a missed item is a cluster of its own."""
    key = [p if p is not None else f"miss{i}" for i, (_, p) in enumerate(items)]
    by_key, by_gold = Counter(key), Counter(g for g, _ in items)
    both = Counter(zip((g for g, _ in items), key))
    for (g, _), k in zip(items, key):
        c["b3_p_sum_x1000"] += round(1000 * both[(g, k)] / by_key[k])
        c["b3_r_sum_x1000"] += round(1000 * both[(g, k)] / by_gold[g])


def _per_gold_entity(gold: Mapping[str, Any], items: list[tuple[str, str | None]], label: dict[str, str | None],
                     name: dict[str, str], score: EntityScore) -> None:
    c, errors = score.counts, score.errors
    taken: dict[str, list[str | None]] = defaultdict(list)
    for g, p in items:
        taken[g].append(p)
    for entity in gold["entities"]:
        preds = taken[entity["id"]]
        if len(entity["forms"]) >= 2:
            c["multi_article_entities"] += 1
            if all(p is not None for p in preds) and len(set(preds)) == 1:
                c["multi_article_linked"] += 1
            else:
                errors["split"].append(f"{entity['name']}: " + ", ".join(sorted({name.get(p, p) if p else "(missed)" for p in preds})))
        top = Counter(p for p in preds if p is not None).most_common(1)
        if top and top[0][1] * 2 > len(preds):
            c["typed_entities"] += 1
            if label.get(top[0][0]) == entity["type"]:
                c["type_right"] += 1
            else:
                errors["type"].append(f"{entity['name']} is {entity['type']}, the report says {label.get(top[0][0])}")


def figures(c: Mapping[str, int]) -> dict[str, float | None]:
    """The figures of summed counts, rounded to three places as score.py prints them."""

    def ratio(a: str, b: str) -> float | None:
        return round(c.get(a, 0) / c[b], 3) if c.get(b) else None

    items = c.get("items", 0)
    p = round(c.get("b3_p_sum_x1000", 0) / 1000 / items, 3) if items else None
    r = round(c.get("b3_r_sum_x1000", 0) / 1000 / items, 3) if items else None
    return {
        "mention_recall": ratio("items_named", "items"), "b3_precision": p, "b3_recall": r,
        "b3_f1": round(2 * p * r / (p + r), 3) if p and r else None,
        "cross_article_recall": ratio("multi_article_linked", "multi_article_entities"),
        "false_merges": ratio("merging_report_entities", "matched_report_entities"),
        "type_accuracy": ratio("type_right", "typed_entities"),
    }


def find_gold(data: Path, stories: Path, names: Iterable[str] | None = None) -> list[tuple[str, Path, dict[str, Any]]]:
    """(name, story JSONL, gold) of every gold in ``data/gold`` whose story is in ``stories``.

    Raises:
        InputError: ``data`` holds no gold, a gold's story is missing, or a name is not one of the golds.
    """
    golds = sorted((data / "gold").glob("*.json")) if (data / "gold").is_dir() else []
    if not golds:
        raise InputError(f"{data} is not an entities folder: it needs gold/NAME.json "
                         "(see ../shared/data/entities-dev/README.md); give the folder with --data.")
    wanted = list(dict.fromkeys(names or ()))
    unknown = [n for n in wanted if n not in {g.stem for g in golds}]
    if unknown:
        raise InputError(f"No entity gold named {', '.join(unknown)} in {data}. Available: {', '.join(g.stem for g in golds)}")
    out = []
    for path in golds:
        if wanted and path.stem not in wanted:
            continue
        story = stories / f"{path.stem}.jsonl"
        if not story.is_file():
            raise InputError(f"The story of {path.name} is not in {stories} (expected {story.name}); give the folder with --stories.")
        out.append((path.stem, story, json.loads(path.read_text(encoding="utf-8"))))
    return out


def evaluate_entities(
    data: Path,
    stories: Path | None = None,
    *,
    names: Iterable[str] | None = None,
    verbose: bool = False,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Score the entities of ``compare``'s report on every story of ``data`` that has a gold.

    Args:
        data: an entities folder (``gold/NAME.json``).
        stories: the folder of the stories' JSONL files (default: ``facts-dev/stories`` beside ``data``).
        names: only these stories.
        verbose: add each story's errors (splits, merges, wrong types, missed forms) under ``errors``.
        progress: called with 1 after each story.

    Returns:
        ``figures`` and ``counts`` pooled over the stories, ``stories`` (name -> figures and counts), ``goals``,
        and ``errors`` when ``verbose``.
    """
    from .facts import compare_story

    stories = stories or data.parent / "facts-dev" / "stories"
    scores: dict[str, EntityScore] = {}
    for name, story, gold in find_gold(data, stories, names):
        scores[name] = score_entities(gold, compare_story(story))
        if progress:
            progress(1)
    total: Counter[str] = Counter()
    for s in scores.values():
        total.update(s.counts)
    results: dict[str, Any] = {
        "figures": figures(total), "counts": dict(total), "goals": GOALS,
        "stories": {name: {"figures": figures(s.counts), "counts": dict(s.counts)} for name, s in scores.items()},
    }
    if verbose:
        results["errors"] = {name: s.errors for name, s in scores.items()}
    return results
