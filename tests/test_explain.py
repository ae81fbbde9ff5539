"""Plain-English explanations: natural sentences that never contradict the compiled schedule."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cronwall
from cronwall import Cron, ExpressionError, explain, parse
from cronwall._fields import FIELDS, MONTH_NAMES_LONG, WEEKDAY_NAMES_LONG

# -- sentences for people ------------------------------------------------------------------

EXAMPLES = [
    # The examples, word for word.
    ("0 20 * * 5", "at 20:00 on Friday"),
    ("*/5 * * * *", "every 5 minutes"),
    ("0 9 * * 1-5", "at 09:00 on Monday through Friday"),
    ("0 0 1 * 1", "at 00:00 on day 1 of the month and on Monday"),
    ("23 0-20/2 * * *", "at minute 23 past every 2nd hour from 0 through 20"),
    # Times of day.
    ("* * * * *", "every minute"),
    ("0 * * * *", "at minute 0 past every hour"),
    ("0 9 * * *", "at 09:00"),
    ("0 9,17 * * *", "at 09:00 and 17:00"),
    ("*/30 9 * * *", "at 09:00 and 09:30"),
    ("0,30 9,17 * * *", "at 09:00, 09:30, 17:00 and 17:30"),
    ("* 9 * * *", "every minute from 09:00 through 09:59"),
    ("*/15 9-17 * * *", "every 15 minutes from 09:00 through 17:45"),
    (
        "*/20 8-11,14-17 * * *",
        "every 20 minutes from 08:00 through 11:40 and from 14:00 through 17:40",
    ),
    ("*/10 1,3,5,7,9 * * *", "every 10 minutes during every 2nd hour from 1 through 9"),
    ("30 9-17 * * *", "at minute 30 past hours 9 through 17"),
    ("0 9,12,17,21,23 * * *", "at minute 0 past hours 9, 12, 17, 21 and 23"),
    ("0 9,13,17,21,23 * * *", "at minute 0 past hours 9, 13, 17, 21 and 23"),
    ("0 1-21/4 * * *", "at minute 0 past every 4th hour from 1 through 21"),
    ("*/7 * * * *", "at every 7th minute from 0 through 56 past every hour"),
    ("5-59/15 * * * *", "at minutes 5, 20, 35 and 50 past every hour"),
    ("0-10 9-12 * * *", "at minutes 0 through 10 past hours 9 through 12"),
    (
        "1,2,10-52/7 * * * *",
        "at minute 1, minute 2 and every 7th minute from 10 through 52 past every hour",
    ),
    # Days of the month and dates.
    ("0 0 1,15 * *", "at 00:00 on days 1 and 15 of the month"),
    ("0 0 1-7 * *", "at 00:00 on days 1 through 7 of the month"),
    ("0 0 */3 * *", "at 00:00 on every 3rd day of the month from 1 through 31"),
    ("0 0 1 1 *", "at 00:00 on January 1"),
    ("0 0 29 2 *", "at 00:00 on February 29"),
    ("0 12 1,15 6 *", "at 12:00 on June 1 and 15"),
    # Days of the week, read Monday first so a weekend wraps.
    ("0 12 * * 5-7", "at 12:00 on Friday through Sunday"),
    ("0 12 * * SAT,SUN", "at 12:00 on Saturday and Sunday"),
    ("0 0 * * */2", "at 00:00 on Tuesday, Thursday, Saturday and Sunday"),
    # The day rule: either field ("or") when both are restricted, both ("and") after a '*'.
    ("0 0 1 * 1-5", "at 00:00 on day 1 of the month and on Monday through Friday"),
    (
        "0 0 */2 * MON",
        "at 00:00 on every 2nd day of the month from 1 through 31 if it falls on Monday",
    ),
    (
        "0 0 15 3-5 */2",
        "at 00:00 on day 15 of the month if it falls on Tuesday, Thursday, Saturday or Sunday,"
        " in March through May",
    ),
    # Months; a comma keeps the month from reading as part of the last day clause.
    ("0 0 * 1-3,6 *", "at 00:00 in January through March and June"),
    ("0 0 1 1 1", "at 00:00 on day 1 of the month and on Monday, in January"),
    ("0 9 * 1,7 1-5", "at 09:00 on Monday through Friday in January and July"),
]


@pytest.mark.parametrize(("expression", "sentence"), EXAMPLES)
def test_explanations_read_as_natural_sentences(expression: str, sentence: str) -> None:
    assert explain(expression) == sentence


def test_every_spelling_of_one_schedule_reads_the_same() -> None:
    assert explain("0 9 * * MON-FRI") == explain("0 9 * * 1-5") == explain(" 0 9 * * 1,2,3,4,5 ")
    assert explain("0 0 * * 7") == explain("0 0 * * SUN") == "at 00:00 on Sunday"


def test_the_explanation_follows_normalisation_not_the_raw_text() -> None:
    # A day-of-month field matching every day makes the "or" rule match every day.
    assert explain("0 0 1-31 * MON") == "at 00:00"
    assert explain("0 0 1 * 0-6") == "at 00:00"


def test_a_compiled_cron_can_be_explained_directly() -> None:
    assert explain(parse("0 9 * * 1-5")) == "at 09:00 on Monday through Friday"


def test_explain_is_exported_from_the_package() -> None:
    assert cronwall.explain is explain


def test_an_invalid_expression_raises_the_parser_error() -> None:
    with pytest.raises(ExpressionError, match="out of range"):
        explain("61 * * * *")


def test_a_non_string_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        explain(5)  # type: ignore[arg-type]


# -- reading a sentence back ---------------------------------------------------------------
#
# The law: an explanation names exactly the compiled sets. `read` parses the sentence
# grammar independently of the explainer and rebuilds the times of day, days of the
# month, months, days of the week and the day rule; they must equal the compiled ones.

_MONTHS = {name: number for number, name in enumerate(MONTH_NAMES_LONG, start=1)}
_WEEKDAYS = {name: 7 if number == 0 else number for number, name in enumerate(WEEKDAY_NAMES_LONG)}
_MONTH_ALTERNATIVES = "|".join(MONTH_NAMES_LONG)
_LIST_SEPARATOR = re.compile(r", | and | or ")


class Reading:
    def __init__(self) -> None:
        self.times: set[tuple[int, int]] = set()
        self.days_of_month = set(range(1, 32))
        self.months = set(range(1, 13))
        self.days_of_week = set(range(7))
        self.day_rule = "and"


def _numbers(text: str, noun: str, plural: str, suffix: str = "") -> set[int]:
    """Inverse of the explainer's number lists: 'days 1, 3 through 5 of the month', ..."""
    values: set[int] = set()
    for part in _LIST_SEPARATOR.split(text):
        part = part.removeprefix(plural + " ").removeprefix(noun + " ")
        step = re.fullmatch(
            rf"every (\d+)(?:st|nd|rd|th) {noun}{suffix} from (\d+) through (\d+)", part
        )
        if step:
            values.update(range(int(step[2]), int(step[3]) + 1, int(step[1])))
            continue
        part = part.removesuffix(suffix) if suffix else part
        span = re.fullmatch(r"(\d+)(?: through (\d+))?", part)
        assert span, f"unreadable number {part!r} in {text!r}"
        values.update(range(int(span[1]), int(span[2] or span[1]) + 1))
    return values


def _names(text: str, names: dict[str, int]) -> set[int]:
    values: set[int] = set()
    for part in _LIST_SEPARATOR.split(text):
        span = re.fullmatch(r"(\w+)(?: through (\w+))?", part)
        assert span and span[1] in names and (span[2] is None or span[2] in names), part
        values.update(range(names[span[1]], names[span[2] or span[1]] + 1))
    return values


def _weekdays(text: str) -> set[int]:
    return {value % 7 for value in _names(text, _WEEKDAYS)}


def _read_time(text: str, reading: Reading) -> None:
    listed = re.fullmatch(r"at (\d\d:\d\d(?:(?:, | and )\d\d:\d\d)*)", text)
    if listed:
        for clock in _LIST_SEPARATOR.split(listed[1]):
            hour, minute = clock.split(":")
            reading.times.add((int(hour), int(minute)))
        return
    every = re.fullmatch(r"every (?:minute|(\d+) minutes)(.*)", text)
    if every:
        step = int(every[1] or 1)
        minutes = range(0, 60, step)
        rest = every[2]
        if not rest:
            hours: set[int] = set(range(24))
        elif rest.startswith(" during "):
            hours = _numbers(rest.removeprefix(" during "), "hour", "hours")
        else:
            hours = set()
            for span in re.split(r",? and |, ", rest.strip()):
                found = re.fullmatch(r"from (\d\d):00 through (\d\d):(\d\d)", span)
                assert found and int(found[3]) == minutes[-1], span
                hours.update(range(int(found[1]), int(found[2]) + 1))
        reading.times = {(hour, minute) for hour in hours for minute in minutes}
        return
    past = re.fullmatch(r"at (.+) past (.+)", text)
    assert past, f"unreadable time {text!r}"
    minute_set = _numbers(past[1], "minute", "minutes")
    hour_set = set(range(24)) if past[2] == "every hour" else _numbers(past[2], "hour", "hours")
    reading.times = {(hour, minute) for hour in hour_set for minute in minute_set}


def _read_day(text: str, reading: Reading) -> None:
    date = re.fullmatch(rf"({_MONTH_ALTERNATIVES}) (\d+(?:(?:, | and )\d+)*)", text)
    if date:
        reading.months = {_MONTHS[date[1]]}
        reading.days_of_month = {int(day) for day in _LIST_SEPARATOR.split(date[2])}
        return
    of_month = " of the month"
    if " and on " in text:
        days, weekdays = text.split(" and on ")
        reading.day_rule = "or"
        reading.days_of_month = _numbers(days, "day", "days", of_month)
        reading.days_of_week = _weekdays(weekdays)
    elif " if it falls on " in text:
        days, weekdays = text.split(" if it falls on ")
        reading.days_of_month = _numbers(days, "day", "days", of_month)
        reading.days_of_week = _weekdays(weekdays)
    elif text.endswith(of_month) or of_month + " from " in text:
        reading.days_of_month = _numbers(text, "day", "days", of_month)
    else:
        reading.days_of_week = _weekdays(text)


def read(sentence: str) -> Reading:
    reading = Reading()
    month = re.search(rf",? in ((?:{_MONTH_ALTERNATIVES}).*)$", sentence)
    if month:
        sentence = sentence[: month.start()]
    time, _, day = sentence.partition(" on ")
    _read_time(time, reading)
    if day:
        _read_day(day, reading)
    if month:
        reading.months = _names(month[1], _MONTHS)
    return reading


def _check(cron: Cron) -> None:
    sentence = explain(cron)
    reading = read(sentence)
    assert reading.times == {(h, m) for h in cron.hours for m in cron.minutes}, sentence
    assert reading.months == set(cron.months), sentence
    assert reading.day_rule == cron.day_rule, sentence
    assert reading.days_of_month == set(cron.days_of_month), sentence
    assert reading.days_of_week == set(cron.days_of_week), sentence


@pytest.mark.parametrize(("expression", "sentence"), EXAMPLES)
def test_the_reader_reads_every_example_back_to_its_compiled_sets(
    expression: str, sentence: str
) -> None:
    _check(parse(expression))


def _field_text(index: int) -> st.SearchStrategy[str]:
    field = FIELDS[index]
    low, high = field.low, field.high
    value = st.integers(low, high)

    @st.composite
    def item(draw: st.DrawFn) -> str:
        kind = draw(st.sampled_from(["value", "range", "step", "star step"]))
        if kind == "value":
            number = draw(value)
            named = draw(st.booleans())
            if field.names and named:
                return field.names[number - low]
            return str(number)
        first = draw(st.integers(low, high - 1))
        last = draw(st.integers(first + 1, high))
        if kind == "range":
            return f"{first}-{last}"
        if kind == "step":
            return f"{first}-{last}/{draw(st.integers(1, last - first))}"
        return f"*/{draw(st.integers(1, high - low))}"

    return st.one_of(
        st.just("*"),
        st.lists(item(), min_size=1, max_size=4).map(",".join),
    )


_FIELD_TEXTS = [_field_text(index) for index in range(5)]


@st.composite
def expressions(draw: st.DrawFn) -> Cron:
    texts = [draw(strategy) for strategy in _FIELD_TEXTS]
    try:
        return parse(" ".join(texts))
    except ExpressionError:
        # A list starting with '*/n' is fine; never-firing dates are not: draw again.
        return parse(" ".join([*texts[:2], "*", *texts[3:]]))


@settings(max_examples=400, deadline=None)
@given(expressions())
def test_an_explanation_names_exactly_the_compiled_sets(cron: Cron) -> None:
    """Reading an explanation back gives the compiled times, days, months and day rule."""
    _check(cron)


@settings(max_examples=100, deadline=None)
@given(expressions())
def test_an_explanation_is_one_lowercase_line_without_a_trailing_period(cron: Cron) -> None:
    """Sentences fit inline in a UI: lowercase start, one line, no final period."""
    sentence = explain(cron)
    assert sentence[0].islower()
    assert "\n" not in sentence
    assert not sentence.endswith(".")
    assert "  " not in sentence
