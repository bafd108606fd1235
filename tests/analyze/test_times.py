"""Tests for newsprism.analyze.times: finding time expressions and resolving them."""

from __future__ import annotations

from datetime import date

import pytest

from newsprism.analyze.times import describe, find_times
from newsprism.model import Span, TimeExpression

PUBLISHED = date(2025, 7, 3)  # a Thursday


def only(text: str, published: date | None = PUBLISHED) -> TimeExpression:
    """Return the only time expression in ``text`` (checking its span)."""
    found = find_times(text, published)
    assert len(found) == 1, found
    t = found[0]
    assert text[t.start : t.end] == t.text
    return t


def days(t: TimeExpression) -> tuple[date | None, date | None]:
    return t.start_date, t.end_date


def d(day: int, month: int = 7, year: int = 2025) -> date:
    return date(year, month, day)


def test_weekday_same_as_publication():
    t = only("Putin told Trump in a telephone conversation Thursday that Moscow will not abandon its objectives.")
    assert (t.text, days(t), t.reference) == ("Thursday", (d(3), d(3)), PUBLISHED)
    assert describe(t) == "Thursday (= 2025-07-03)"


def test_weekday_possessive_span_is_the_word():
    t = only("with at least eight people killed in Thursday's strikes, according to Kyiv.")
    assert t.text == "Thursday"
    assert days(t) == (d(3), d(3))


def test_past_weekday():
    t = only("Zelenskyy reiterated Ukraine's support for the proposal while working Wednesday to clarify the implications.")
    assert days(t) == (d(2), d(2))


def test_future_weekday():
    t = only("A senior Ukrainian official told AFP that Trump and Zelenskyy planned to speak Friday, highlighting the diplomatic activity.")
    assert (t.text, days(t)) == ("Friday", (d(4), d(4)))
    assert days(only("The two will meet on Monday.")) == (d(7), d(7))


def test_future_cue_in_another_clause_is_ignored():
    assert days(only("Russia will hold more talks, officials said Monday.")) == (d(30, 6), d(30, 6))


def test_last_and_next_weekday():
    assert days(only("They spoke last Thursday.")) == (d(26, 6), d(26, 6))
    assert only("They spoke last Thursday.").text == "last Thursday"
    assert days(only("They meet next Monday.")) == (d(7), d(7))


def test_named_days_are_not_weekdays():
    assert find_times("Shoppers queued on Black Friday, The Sunday Times said.", PUBLISHED) == []


def test_this_year():
    t = only("Moscow and Kyiv have held two rounds of face-to-face talks in Istanbul this year, following more than three years with no direct negotiations.")
    assert (t.text, days(t)) == ("this year", (d(1, 1), d(31, 12)))
    assert describe(t) == "this year (= 2025-01-01..2025-12-31)"


def test_weeks_months_years():
    assert days(only("They met last week.")) == (d(23, 6), d(29, 6))
    assert days(only("They meet next week.")) == (d(7), d(13))
    assert days(only("earlier this week")) == (d(30, 6), d(3))
    assert days(only("earlier this month")) == (d(1), d(3))
    assert days(only("last month")) == (d(1, 6), d(30, 6))
    assert days(only("last year")) == (date(2024, 1, 1), date(2024, 12, 31))
    assert days(only("over the past week")) == (d(26, 6), d(3))


def test_relative_days():
    assert days(only("President Volodymyr Zelensky, speaking from Denmark earlier in the day, said")) == (d(3), d(3))
    assert days(only("yesterday")) == (d(2), d(2))
    assert days(only("tomorrow")) == (d(4), d(4))
    assert days(only("today")) == (d(3), d(3))
    assert days(only("last night")) == (d(2), d(2))


def test_recent_weeks_is_approximate():
    t = only("a surge of Russian drone and missile attacks were ordered across Ukraine in recent weeks")
    assert t.text == "recent weeks"
    assert t.end_date == PUBLISHED and t.start_date < PUBLISHED
    assert t.note == "approximate"


def test_ago():
    assert days(only("three days ago")) == (d(30, 6), d(30, 6))
    assert days(only("a week ago")) == (d(26, 6), d(26, 6))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The call took place on July 3, 2025.", (d(3), d(3))),
        ("The call took place on 3 July 2025.", (d(3), d(3))),
        ("The call took place on 2025-07-03.", (d(3), d(3))),
        ("The call took place on July 3.", (d(3), d(3))),
        ("The talks ran on 16-17 May.", (d(16, 5), d(17, 5))),
        ("It started in July 2025.", (d(1), d(31))),
        ("It started in March.", (d(1, 3), d(31, 3))),
        ("It started in early June.", (d(1, 6), d(10, 6))),
    ],
)
def test_explicit_dates(text, expected):
    assert days(only(text)) == expected


def test_years():
    t = only("The pause has hit Kyiv, which has depended on Western support since Russia's 2022 invasion.")
    assert (t.text, days(t)) == ("2022", (date(2022, 1, 1), date(2022, 12, 31)))
    assert days(only("It began in 2022.")) == (date(2022, 1, 1), date(2022, 12, 31))
    assert only("fighting since 2014").text == "2014"
    assert days(only("from 2014-2016")) == (date(2014, 1, 1), date(2016, 12, 31))
    assert days(only("in the 1990s")) == (date(1990, 1, 1), date(1999, 12, 31))


def test_counts_are_not_years():
    assert find_times("Some 2000 troops and 1,950 vehicles were sent.", PUBLISHED) == []


def test_durations_are_skipped():
    assert find_times("Russia has refused for months to accept a ceasefire.", PUBLISHED) == []
    assert find_times("following more than three years with no direct negotiations", PUBLISHED) == []


def test_unknown_publication_date():
    t = only("in a telephone conversation Thursday that", None)
    assert t.text == "Thursday"
    assert t.start_date is None and t.end_date is None and not t.resolved
    assert t.note == "publication date unknown"
    assert t.reference is None
    assert describe(t) == "Thursday (unresolved: publication date unknown)"
    assert only("The call took place on July 3.", None).note == "publication date unknown"
    assert only("this year", None).start_date is None


def test_absolute_dates_resolve_without_publication_date():
    t = only("The call took place on July 3, 2025.", None)
    assert days(t) == (d(3), d(3))
    assert t.note is None
    assert days(only("It began in 2022.", None)) == (date(2022, 1, 1), date(2022, 12, 31))


def test_invalid_date():
    t = only("on February 30, 2025")
    assert not t.resolved and t.note == "invalid date"


def test_many_in_one_text_have_sentence_indexes():
    text = "Putin spoke Thursday. Zelensky spoke Wednesday. They meet next week."
    sentences = [Span(0, 21), Span(22, 47), Span(48, 68)]
    found = find_times(text, PUBLISHED, sentences)
    assert [(t.text, t.sentence) for t in found] == [("Thursday", 0), ("Wednesday", 1), ("next week", 2)]
    for t in found:
        assert text[t.start : t.end] == t.text


@pytest.mark.parametrize(
    "text",
    [
        "a bill allowing families of those killed in the Sept. 11 attacks to sue Saudi Arabia",
        "a bipartisan bill letting families of Sept. 11 victims sue the Saudi Arabian government",
        "Fifteen of the 19 Sept. 11 hijackers were Saudi nationals.",
        "The Justice Against Sponsors of Terrorism Act lets September 11th families sue.",
        "a 9/11 widow and co-chair of September 11th Advocates",
        "the 9/11 victims and the 9/11 Commission",
        "the Sept. 11, 2001, attacks",
        "the September 11 terror attacks",
        "post-Sept. 11 security rules and pre-9/11 airports",
        "the 15th anniversary of Sept. 11",
        "If they had nothing to do with 9/11, they have nothing to fear.",
    ],
)
def test_sept_11_as_the_name_of_the_attacks_is_not_a_date(text):
    assert find_times(text, PUBLISHED) == []


def test_sept_11_name_leaves_other_times():
    found = find_times("The Senate voted Wednesday on the Sept. 11 victims bill, passed in May.", PUBLISHED)
    assert [t.text for t in found] == ["Wednesday", "May"]


def test_sept_11_as_a_date_is_kept():
    assert days(only("On Sept. 11, the senate voted.")) == (d(11, 9), d(11, 9))
    assert days(only("The vote is set for September 11.")) == (d(11, 9), d(11, 9))
    t = only("On Sept. 11, 2001, hijackers crashed four planes.")
    assert (t.text, days(t)) == ("Sept. 11, 2001", (date(2001, 9, 11), date(2001, 9, 11)))
