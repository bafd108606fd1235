"""The story's timeline: every resolved date, with the sentences that mention it."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Analysis, Article, Citation, TimelineEntry


def timeline(articles: Sequence[Article], analyses: Sequence[Analysis]) -> list[TimelineEntry]:
    """Resolved dates, each with the sentence that mentions it, earliest first; one entry per date and article."""
    entries: dict[str, list[tuple[Article, int, int]]] = {}
    for article, analysis in zip(articles, analyses):
        for t in analysis.times:
            if not t.resolved or t.start_date is None or t.end_date is None:
                continue
            key = t.start_date.isoformat() if t.start_date == t.end_date else f"{t.start_date.isoformat()}/{t.end_date.isoformat()}"
            sentence = analysis.sentences[t.sentence] if t.sentence < len(analysis.sentences) else None
            if sentence is not None:
                entries.setdefault(key, []).append((article, sentence.start, sentence.end))
    out = []
    for key in sorted(entries):
        cites = entries[key]
        first = cites[0]
        out.append(
            TimelineEntry(key, first[0].text[first[1] : first[2]], tuple(dict.fromkeys(Citation(a.id, s, e) for a, s, e in cites)))
        )
    return out
