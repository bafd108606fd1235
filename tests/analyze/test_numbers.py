"""Tests for newsprism.analyze.numbers: finding quantities, their bounds, units and comparisons."""

from __future__ import annotations

import math

import pytest

from newsprism.analyze.numbers import (
    compatible,
    describe,
    find_numbers,
    looks_like_year,
    normalise_unit,
    same_quantity,
)
from newsprism.model import Number, Span


def one(text: str) -> Number:
    """Return the only number found in ``text`` (checking its span)."""
    found = find_numbers(text)
    assert len(found) == 1, found
    n = found[0]
    assert text[n.start : n.end] == n.text
    return n


def texts(text: str) -> list[str]:
    return [n.text for n in find_numbers(text)]


def test_at_least_eight_people():
    n = one("The call occurred as Ukrainian forces faced continued Russian attacks, with at least eight people killed in Thursday's strikes, according to Kyiv.")
    assert n.text == "at least eight people"
    assert (n.value, n.low, n.high) == (8, 8, math.inf)
    assert n.unit == "people"
    assert n.qualifier == "at least"
    assert describe(n) == "at least 8 people"


def test_nearly_an_hour():
    n = one("The call, which lasted nearly an hour, came amid mounting frustration from Trump.")
    assert n.text == "nearly an hour"
    assert (n.value, n.low, n.high) == (1, 0.8, 1)
    assert n.unit == "hour"
    assert n.qualifier == "nearly"
    assert describe(n) == "nearly 1 hour"


def test_nearly_hour_long_matches_nearly_an_hour():
    a = one("Vladimir Putin told US president Donald Trump that Russia will pursue its goals during a nearly hour-long phone call.")
    b = one("The call, which lasted nearly an hour, came amid mounting frustration.")
    assert a.text == "a nearly hour-long"
    assert (a.value, a.unit, a.qualifier) == (1, "hour", "nearly")
    assert same_quantity(a, b)
    assert compatible(a, b)


def test_hour_long_without_qualifier():
    n = one("The leaders held an hour-long call.")
    assert (n.text, n.value, n.low, n.high, n.unit, n.qualifier) == ("an hour-long", 1, 1, 1, "hour", None)
    n = one("The leaders did not discuss the pause during the nearly hour-long call.")
    assert (n.text, n.qualifier) == ("nearly hour-long", "nearly")


def test_hundreds_of_thousands_of_casualties():
    n = one("The Russian offensive has resulted in hundreds of thousands of casualties and left Moscow in control.")
    assert n.text == "hundreds of thousands of casualties"
    assert (n.value, n.low, n.high) == (200_000, 200_000, 999_999)
    assert n.unit == "casualty"
    assert describe(n) == "hundreds of thousands (200,000-999,999) of casualties"


def test_hundreds_of_civilians():
    n = one("Attacks were ordered across Ukraine in recent week, killing and injuring hundreds of civilians.")
    assert n.text == "hundreds of civilians"
    assert (n.low, n.high, n.unit) == (200, 999, "civilian")
    assert describe(n) == "hundreds (200-999) of civilians"


@pytest.mark.parametrize(
    ("phrase", "low", "high"),
    [
        ("dozens were wounded", 24, 119),
        ("tens of thousands of troops", 20_000, 99_999),
        ("thousands fled the city", 2_000, 9_999),
        ("several hundred protesters", 300, 900),
        ("a few thousand residents", 2_000, 5_000),
    ],
)
def test_vague_amounts(phrase, low, high):
    n = one(phrase)
    assert (n.low, n.high) == (low, high)


def test_two_rounds_and_more_than_three_years():
    text = (
        "Moscow and Kyiv have held two rounds of face-to-face talks in Istanbul this year, "
        "following more than three years with no direct negotiations."
    )
    rounds, years = find_numbers(text)
    assert (rounds.text, rounds.value, rounds.low, rounds.high, rounds.unit) == ("two rounds", 2, 2, 2, "round")
    assert years.text == "more than three years"
    assert years.unit == "year" and years.qualifier == "more than"
    assert 3 < years.low < 3.000001 and years.high == math.inf
    assert not compatible(years, one("the war of three years"))
    assert describe(years) == "more than 3 years"


def test_beyond_is_a_lower_bound():
    n = one("the conflict that has stretched beyond three years.")
    assert (n.qualifier, n.unit) == ("beyond", "year") and n.low > 3


def test_year_is_not_a_quantity():
    assert find_numbers("Kyiv has depended heavily on Western military support since Russia's 2022 invasion.") == []
    assert find_numbers("The law was passed in 2016 and revised in 2019.") == []
    assert find_numbers("the 2024 elections") == []
    assert texts("Some 2000 troops were sent.") == ["Some 2000 troops"]


def test_looks_like_year():
    text = "In 2016, 2000 troops arrived; Russia's 2022 invasion"
    assert looks_like_year(text, 3, 7)
    assert not looks_like_year(text, 9, 13)
    assert looks_like_year(text, 39, 43)


def test_money():
    n = one("The US pledged $5 billion in new aid.")
    assert (n.text, n.value, n.unit) == ("$5 billion", 5e9, "dollar")
    assert describe(n) == "$5 billion"
    n = one("a £3m fund")
    assert (n.text, n.value, n.unit) == ("£3m", 3e6, "pound")
    n = one("about €2.5 million")
    assert (n.value, n.unit, n.qualifier) == (2.5e6, "euro", "about")
    assert n.low == pytest.approx(2.125e6) and n.high == pytest.approx(2.875e6)


def test_percentages():
    n = one("Support fell to 40% in June.")
    assert (n.text, n.value, n.unit) == ("40%", 40, "percent")
    assert describe(n) == "40%"
    assert one("a 3.5 per cent rise").unit == "percent"
    assert one("up 2 percentage points").unit == "percentage point"


def test_digits_with_commas_and_decimals():
    assert one("1,200 people were evacuated").value == 1200
    assert one("prices rose 3.5 percent").value == 3.5
    assert one("5 million people").value == 5e6


def test_number_words():
    assert one("twenty-one soldiers").value == 21
    assert one("two hundred and fifty thousand troops").value == 250_000
    assert one("a dozen drones").value == 12
    n = one("eight Ukrainian civilians were killed")
    assert (n.text, n.unit) == ("eight Ukrainian civilians", "civilian")


@pytest.mark.parametrize(
    ("phrase", "qualifier", "low", "high"),
    [
        ("some 200 people", "some", 170, 230),
        ("about 100 people", "about", 85, 115),
        ("roughly 100 people", "roughly", 85, 115),
        ("up to 1,000 troops", "up to", 0, 1000),
        ("as many as 50 drones", "as many as", 0, 50),
        ("almost 10 years", "almost", 8, 10),
        ("over 20 missiles", "over", math.nextafter(20, math.inf), math.inf),
        ("eight or more people", "at least", 8, math.inf),
    ],
)
def test_qualifiers(phrase, qualifier, low, high):
    n = one(phrase)
    assert n.qualifier == qualifier
    assert (n.low, n.high) == (pytest.approx(low), high if math.isinf(high) else pytest.approx(high))


def test_fewer_than_is_open():
    n = one("fewer than 10 civilians")
    assert n.low == 0 and n.high < 10 and n.high > 9.99


def test_ranges():
    n = one("between 20 and 30 people")
    assert (n.low, n.high, n.unit, n.qualifier) == (20, 30, "people", "between")
    assert describe(n) == "between 20 and 30 people"
    assert (one("20-30 people").low, one("20-30 people").high) == (20, 30)
    assert one("between 5 and 10 million people").low == 5e6


@pytest.mark.parametrize(
    "text",
    [
        "The summit is on July 3, and the vote on 4 July.",
        "The call began at 10:30 and ended at 3 pm, or 1500 GMT.",
        "Call 555-123-4567 or +44 20 7946 0000.",
        "1. First item\n2) Second item",
        "The G7 sent F-16 jets after COVID-19; Kyiv won 3-1.",
        "He came third, the 3rd time in the 1990s.",
        "Under Article 5 of the treaty.",
        "One of the leaders said no one knew.",
        "10 Downing Street",
        "once a day",
        "About one in five adults and nine out of 10 Americans agreed.",
        "The S&P 500 closed higher.",
    ],
)
def test_not_quantities(text):
    assert find_numbers(text) == []


def test_hyphen_compounds():
    n = one("a 24-hour truce")
    assert (n.text, n.value, n.unit) == ("24-hour", 24, "hour")
    assert one("a two-hour meeting").unit == "hour"
    assert find_numbers("two-thirds of the country") == []


def test_sentence_index():
    text = "First sentence here. Eight people died. Then nine more."
    sentences = [Span(0, 20), Span(21, 39), Span(40, 55)]
    found = find_numbers(text, sentences)
    assert [(n.text, n.sentence) for n in found] == [("Eight people", 1), ("nine", 2)]
    assert all(n.sentence == 0 for n in find_numbers(text))


def test_same_quantity_units():
    a = one("eight people")
    assert same_quantity(a, one("one person"))
    assert same_quantity(a, one("six civilians"))
    assert not same_quantity(a, one("three years"))
    assert same_quantity(one("two hours"), one("an hour"))
    assert normalise_unit("casualties") == "casualty"
    assert normalise_unit("People") == "people"
    assert normalise_unit("hrs") == "hour"


def test_compatible():
    assert compatible(one("at least eight people"), one("ten people"))
    assert not compatible(one("at least eight people"), one("six people"))
    assert compatible(one("about 100 people"), one("110 people"))
    assert not compatible(one("hundreds of civilians"), one("50 civilians"))


def test_ratio_guard_keeps_time_spans():
    assert texts("eight in 10 days") == ["eight", "10 days"]


def test_describe_singular_and_approximate():
    assert describe(one("one person died")) == "1 person"
    assert describe(one("about an hour")) == "about 1 hour"
    assert describe(one("some 200 people")) == "some 200 people"
