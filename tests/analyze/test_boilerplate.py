"""Tests for newsprism.analyze.boilerplate: finding the parts of a page that are not the story."""

from __future__ import annotations

import glob
import json
import re
from pathlib import Path

import pytest

from newsprism.analyze.boilerplate import KINDS, RULES, find_boilerplate

NEWS = "The Senate voted 52-48 on Tuesday to confirm the nominee, ending a months-long fight."


def flagged(text: str) -> list[tuple[str, str]]:
    """The boilerplate of ``text`` as (span text, kind), checking the spans' invariants on the way."""
    spans = find_boilerplate(text)
    assert spans == sorted(spans)
    for (s1, e1, _), (s2, _, _) in zip(spans, spans[1:]):
        assert e1 <= s2, spans
    for start, end, kind in spans:
        assert 0 <= start < end <= len(text)
        assert kind in KINDS
        assert text[start:end] == text[start:end].strip(), (text[start:end], kind)
    return [(text[start:end], kind) for start, end, kind in spans]


def only(line: str, before: str = NEWS, after: str = NEWS) -> str:
    """The kind of ``line`` when it stands between two paragraphs of news and is the only boilerplate."""
    found = flagged(f"{before}\n\n{line}\n\n{after}")
    assert len(found) == 1 and found[0][0] == line.strip(), found
    return found[0][1]


# --- each kind, on its own line ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Related:", "related-link"),
        ("RELATED: Senate Democrats Block Bill On Border Security", "related-link"),
        ("Read more: What the ruling means for renters", "related-link"),
        ("Also read: The five biggest moments of the hearing", "related-link"),
        ("Watch: The governor's full statement", "related-link"),
        ("Watch the full interview below:", "related-link"),
        ("Read the rest of the story at the Daily Courier.", "related-link"),
        ("Click here to see the full list of winners.", "related-link"),
        ("see also Why the mayor is reconsidering a run", "related-link"),
        ("Advertisement", "advert"),
        ("Story continues below advertisement", "advert"),
        ("Sign up for our daily newsletter.", "newsletter"),
        ("Subscribe here, and listen to the latest episode below.", "newsletter"),
        ("Want more updates from Jane? Sign up for her newsletter, The Daily Brief.", "newsletter"),
        ("Sign up now to get our free coverage delivered right to your inbox.", "newsletter"),
        ("For more from The Daily Courier, download our app for iOS or Android.", "app"),
        ("Download the Courier app to get alerts.", "app"),
        ("Follow Jane Doe on Twitter @janedoe.", "social"),
        ("Follow us on Facebook and Instagram.", "social"),
        ("Twitter: @janedoe", "social"),
        ("Do you support the senator? Like the page:", "social"),
        ("© 2019 The Associated Press. All rights reserved.", "copyright"),
        ("Copyright 2016 Daily Courier Media. All rights reserved.", "copyright"),
        ("This material may not be published, broadcast, rewritten or redistributed.", "copyright"),
        ("Getty Images", "credit"),
        ("John Smith via Getty Images.", "credit"),
        ("Jane Doe/Reuters", "credit"),
        ("Photo: John Smith/Getty Images", "credit"),
        ("(h/t The Courier.)", "credit"),
        ("Source: Bureau of Labor Statistics", "credit"),
        ("As published in the International Daily Courier.", "credit"),
        ("This article first appeared on Global Policy Watch.", "credit"),
        ("By Jane Doe and John Smith, Daily Courier", "byline"),
        ("(Reporting by Jane Doe; Editing by John Smith)", "byline"),
        ("Jane Doe contributed reporting from Boston.", "byline"),
        ("Contact the author at jane.doe@courier.com.", "byline"),
        ("Curated by Jane Doe in New York.", "byline"),
        ("This story has been updated to include comments from the governor.", "correction"),
        ("Correction: An earlier version of this article misstated the vote. It was 52-48.", "correction"),
        ("CORRECTION APPENDED.", "correction"),
        ("Editor’s note: This article is part of a series on housing.", "correction"),
        ("This is a developing story and will be updated.", "correction"),
        ("Disclaimer: I am not a financial advisor. This is not investment advice.", "disclaimer"),
        ("We use cookies to personalise content and ads. By continuing you agree to our terms.", "disclaimer"),
        ("TOP STORIES.", "navigation"),
        ("Skip to main content", "navigation"),
        ("Published: July 29, 2004 9:39 AM", "timestamp"),
        ("Updated 4:08 p.m. ET", "timestamp"),
        (".image-wrap {", "markup"),
        ("width:100%;", "markup"),
        ("___", "markup"),
    ],
)
def test_line_kinds(line, kind):
    assert only(line) == kind


# --- news that merely mentions the same things stays ---------------------------------------------------

NEAR_MISSES = [
    "The app was downloaded 2 million times, the company said.",
    "More than 650,000 people signed up to participate, organizers said.",
    "The city said the campaign violated federal law by using copyrighted material.",
    "Copyright law protects the photographs, the judge ruled on Monday.",
    "She shared a photo of her visit on Facebook, and it drew 10,000 likes.",
    "He has two million followers on Twitter and posts several times a day.",
    "On the second day of Republican rule, the House read the Constitution aloud.",
    "Mr. Smith also contributed $300,000 to a group backing the governor.",
    "By Tuesday evening, the count was complete and the result was clear.",
    "The governor announced the decision via Twitter.",
    "The statement was released via Reuters.",
    "The Reuters/Ipsos poll showed the challenger ahead by four points.",
    "Sources close to the president said he would not resign.",
    "Reporting by The Washington Post revealed the payments last year.",
    "The official could not immediately be contacted for comment.",
    "The newsletter, which has 40,000 subscribers, was sold in May.",
    "Subscribers to the streaming service rose 10 percent in the quarter.",
    "“Sign up for the draft,” he urged the crowd.",
    "Download speeds doubled after the upgrade, the regulator said.",
    "This story was first reported by Axios on Friday.",
    "This report was updated annually by the agency until 2019.",
    "All rights groups condemned the decision.",
    "The photo, credited to a freelance photographer, shows the blast.",
    "UPDATE: The vote was postponed until Friday after a procedural objection.",
    "Sen. Ted Cruz (R-Texas) — the first to announce — drew loud cheers.",
    "NATO — the alliance of 32 countries — met in Brussels on Monday.",
    "Get the facts before you vote, the league urged in its guide.",
    "Read my lips: no new taxes, he said in 1988.",
    "Watch Smith when he opens the Senate floor, one aide advised.",
    "Smith is a senior fellow at the Brookings Institution and a former diplomat.",
    "Smith is a former reporter for the Tribune who now runs a charity in Ohio.",
    "Source material for the report came from three agencies.",
    "The agency said the guidance is not intended as a substitute for medical advice from a doctor.",
]


@pytest.mark.parametrize("sentence", NEAR_MISSES)
def test_news_near_misses_are_kept(sentence):
    assert flagged(f"{NEWS}\n\n{sentence}\n\n{NEWS}") == []
    assert flagged(f"{NEWS} {sentence} {NEWS}") == []


def test_a_paragraph_of_news_is_never_flagged_whole_for_one_advert_sentence():
    text = f"{NEWS} Sign up for our newsletter. {NEWS}"
    assert flagged(text) == [("Sign up for our newsletter.", "newsletter")]


# --- datelines -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("MOSCOW (AFP) - Russia said on Friday it would keep talking.", "MOSCOW (AFP) -"),
        ("WASHINGTON — The House voted on Tuesday.", "WASHINGTON —"),
        ("LONDON, July 3 (Reuters) - Shares fell sharply in early trading.", "LONDON, July 3 (Reuters) -"),
        ("DES MOINES, Iowa — The caucuses begin at 7 p.m.", "DES MOINES, Iowa —"),
        ("CAMBRIDGE, Mass., Dec. 11 (UPI) — Young voters are moving left.", "CAMBRIDGE, Mass., Dec. 11 (UPI) —"),
        ("Beirut (AFP) – Activists took to the streets in 2011.", "Beirut (AFP) –"),
        ("Aug 27 (Reuters) - The candidate received her first briefing.", "Aug 27 (Reuters) -"),
        ("(CNN) Americans need to realize what is at stake.", "(CNN)"),
        ("WASHINGTON ( Reuters ) - The memos were released .", "WASHINGTON ( Reuters ) -"),
        ("NEW YORK -- The mayor spoke on Monday.", "NEW YORK --"),
    ],
)
def test_dateline_is_a_prefix_span(paragraph, dateline):
    assert flagged(f"{NEWS}\n\n{paragraph}") == [(dateline, "dateline")]


def test_a_dateline_alone_on_its_line():
    assert flagged("WEST PALM BEACH , Fla. —\nThe president dispatched the director .") == [
        ("WEST PALM BEACH , Fla. —", "dateline")
    ]


def test_dateline_only_at_the_start_of_a_paragraph():
    assert flagged(f"{NEWS} The vote, in WASHINGTON — not in Ohio — was close.") == []


# --- position: bios and signatures at the end, bare dates at the edges ----------------------------------

BIO = "Jane Doe is the business columnist for the Daily Courier."


def test_author_bio_only_at_the_end():
    assert flagged(f"{NEWS}\n\n{NEWS}\n\n{BIO}") == [(BIO, "byline")]
    assert flagged(f"{NEWS}\n\n{BIO}\n\n{NEWS}\n\n{NEWS}\n\n{NEWS}") == []


def test_bio_beside_a_social_line_anywhere():
    line = "Jane Doe is a reporter for the Daily Courier. Follow her on Twitter at @janedoe."
    assert only(line, after=f"{NEWS}\n\n{NEWS}\n\n{NEWS}") == "byline"


def test_signature_closes_the_text_but_not_under_a_quote():
    assert flagged(f"{NEWS}\n\n- Jane Doe.")[-1] == ("- Jane Doe.", "byline")
    assert flagged(f'{NEWS}\n\n"We will win this state," the senator said.\n\nJane Q. Doe')[-1] == (
        "Jane Q. Doe",
        "byline",
    )
    assert flagged(f'{NEWS}\n\n"We will win this state."\n\n- Sanders.') == []


def test_bare_date_is_a_timestamp_at_the_top_only():
    assert flagged(f"August 7, 2012\n\n{NEWS}")[0] == ("August 7, 2012", "timestamp")
    body = "\n\n".join([NEWS] * 6)
    assert flagged(f"{body}\n\nMarch 2, 2020\n\n{body}") == []


def test_clock_time_of_a_live_blog_entry():
    assert only("9:05 p.m.") == "timestamp"


# --- headers, repeats, captions ----------------------------------------------------------------------------


def test_headlines_under_a_related_header_are_links():
    text = f"{NEWS}\n\nRelated:\n\nSenate Democrats Block Border Bill.\n\nWhy The Vote Failed\n\n{NEWS}"
    assert flagged(text) == [
        ("Related:", "related-link"),
        ("Senate Democrats Block Border Bill.", "related-link"),
        ("Why The Vote Failed", "related-link"),
    ]


def test_news_under_a_section_label_is_not_a_link():
    text = f"TOP STORIES.\n\nSENATE PASSES BUDGET The Senate passed the budget on Tuesday.\n\n{NEWS}"
    assert flagged(text) == [("TOP STORIES.", "navigation")]


def test_short_line_repeated_in_the_article_is_furniture():
    text = f"{NEWS}\n\nAcme Research\n\n{NEWS}\n\nAcme Research\n\n{NEWS}"
    assert flagged(text) == [("Acme Research", "navigation"), ("Acme Research", "navigation")]


def test_caption_keeps_its_text_and_loses_its_credit():
    caption = "The senator speaks in Tulsa on Monday. (AP Photo/Jane Doe)"
    assert flagged(f"{NEWS}\n\n{caption}\n\n{NEWS}") == [("(AP Photo/Jane Doe)", "credit")]
    caption = "The senator at the Capitol in December.CreditJane Doe/Reuters"
    assert flagged(f"{NEWS}\n\n{caption}\n\n{NEWS}") == [("CreditJane Doe/Reuters", "credit")]


def test_trailing_read_more_link():
    text = f'{NEWS[:-1]}, officials said. read more\n\n{NEWS}'
    assert flagged(text) == [("read more", "related-link")]


def test_quoted_line_and_no_break_spaces():
    assert only('"Related:"') == "related-link"
    assert only("For more,\xa0sign up\xa0for the Morning Brief newsletter.") == "newsletter"


def test_shout_in_capitals_is_not_a_label():
    assert flagged(f"{NEWS}\n\nWOW!\n\n{NEWS}") == []


def test_empty_and_plain_text():
    assert find_boilerplate("") == []
    assert find_boilerplate("\n\n  \n") == []
    assert find_boilerplate(NEWS) == []


def test_every_rule_is_documented():
    assert {rule.kind for rule in RULES} <= set(KINDS)
    for rule in RULES:
        assert rule.scope in {"sentence", "part", "line", "paragraph"}
        assert rule.where in {None, "tail", "last"}
        assert len(rule.why) > 20


def test_fast_enough_for_every_article():
    import time

    text = "\n\n".join([NEWS, "Sign up for our newsletter.", "Getty Images", NEWS * 3] * 50)  # ~25k characters
    started = time.perf_counter()
    find_boilerplate(text)
    assert time.perf_counter() - started < 1.0


# --- on the shared datasets -------------------------------------------------------------------------------


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def test_facts_dev_gold_evidence_is_never_boilerplate(dataset):
    """Every evidence quote of the facts-dev gold is story, and few sentences are flagged at all."""
    folder = dataset("facts-dev")
    checked = 0
    flagged_chars = total_chars = 0
    seen_credit = seen_dateline = False
    for gold_path in sorted(glob.glob(str(folder / "gold" / "*.json"))):
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        lines = (folder / "stories" / f"{gold['story']}.jsonl").read_text(encoding="utf-8").splitlines()
        articles = {a["id"]: a["text"] for a in map(json.loads, filter(None, lines))}
        spans = {aid: find_boilerplate(text) for aid, text in articles.items()}
        for aid, text in articles.items():
            total_chars += len(text)
            for start, end, kind in spans[aid]:
                flagged_chars += end - start
                seen_credit |= kind == "credit" and text[start:end].endswith("/Reuters")
                seen_dateline |= kind == "dateline" and text[start:end].startswith("WASHINGTON")
        for fact in gold["facts"]:
            for evidence in fact["evidence"]:
                text = articles.get(evidence["article"], "")
                at = text.find(evidence["quote"])
                if at < 0:
                    continue
                checked += 1
                end = at + len(evidence["quote"])
                assert not [s for s in spans[evidence["article"]] if s[0] < end and s[1] > at], evidence
    assert checked > 1000
    assert flagged_chars < 0.005 * total_chars
    assert seen_credit and seen_dateline  # a photo credit ending a caption, and "WASHINGTON —" datelines


def test_basil_bias_spans_are_never_boilerplate(dataset):
    """BASIL's annotated spans (what each outlet chose to say) are all story."""
    folder = dataset("basil")
    checked = 0
    for path in sorted(glob.glob(str(folder / "articles" / "*" / "*.json"))):
        article = json.loads(Path(path).read_text(encoding="utf-8"))
        starts, text = [], ""
        for p, paragraph in enumerate(article["body-paragraphs"]):
            text += "\n\n" if p else ""
            for s, sentence in enumerate(paragraph):
                text += " " if s else ""
                starts.append(len(text))
                text += sentence
        annotations = Path(path.replace("/articles/", "/annotations/").replace(".json", "_ann.json"))
        if not annotations.exists():
            continue
        spans = find_boilerplate(text)
        for phrase in json.loads(annotations.read_text(encoding="utf-8")).get("phrase-level-annotations", []):
            if not phrase["id"][1:].isdigit():
                continue
            start = starts[int(phrase["id"][1:])] + int(phrase["start"])
            end = starts[int(phrase["id"][1:])] + int(phrase["end"])
            checked += 1
            assert not [s for s in spans if s[0] < end and s[1] > start], (phrase["txt"], spans)
    assert checked > 1500


def test_polnear_dev_attributions_are_kept_and_boilerplate_found(dataset):
    """PolNeAR dev: nearly no annotated attribution falls in boilerplate; its known boilerplate lines are found."""
    folder = dataset("polnear") / "dev"
    attributions = overlapping = 0
    lines = flagged_lines = 0
    found: dict[str, set[str]] = {}
    for path in sorted((folder / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        spans = find_boilerplate(text)
        for start, end, kind in spans:
            found.setdefault(kind, set()).add(text[start:end])
        lines += len(_paragraphs(text))
        flagged_lines += len({text.count("\n", 0, start) for start, _, _ in spans})
        for ann in (folder / "attributions").glob(f"{path.stem}_*.ann"):
            for row in ann.read_text(encoding="utf-8").splitlines():
                fields = row.split("\t")
                if not row.startswith("T") or len(fields) < 2 or not fields[1].startswith("Content "):
                    continue
                for piece in fields[1].split(" ", 1)[1].split(";"):
                    start, end = map(int, piece.split())
                    attributions += 1
                    overlapping += any(s < end and e > start for s, e, _ in spans)
    assert attributions > 1000
    assert overlapping <= 0.002 * attributions
    assert flagged_lines < 0.1 * lines
    assert any(re.search(r"Follow .+ on Twitter @", line) for line in found["social"])
    assert any(line.startswith("(Reporting by") for line in found["byline"])
    assert any(line.endswith("(AP) —") for line in found["dateline"])
