"""The strict five-field grammar: what is accepted, what is rejected and why."""

from __future__ import annotations

import pytest

import cronwall
from cronwall import ExpressionError, parse


def values(mask: int) -> set[int]:
    return {v for v in range(64) if mask >> v & 1}


# -- accepted forms, checked against their compiled sets ------------------------------------

MINUTES, HOURS, DAYS = set(range(60)), set(range(24)), set(range(1, 32))
MONTHS, WEEK = set(range(1, 13)), set(range(7))

ACCEPTED = [
    # (expression, minutes, hours, days of month, months, days of week)
    ("* * * * *", MINUTES, HOURS, DAYS, MONTHS, WEEK),
    ("*/15 * * * *", {0, 15, 30, 45}, HOURS, DAYS, MONTHS, WEEK),
    ("5-59/15 * * * *", {5, 20, 35, 50}, HOURS, DAYS, MONTHS, WEEK),
    ("0-10/5,30 * * * *", {0, 5, 10, 30}, HOURS, DAYS, MONTHS, WEEK),
    ("59 23 31 12 *", {59}, {23}, {31}, {12}, WEEK),
    ("0 0 * * 0", {0}, {0}, DAYS, MONTHS, {0}),
    # 7 is a second spelling of Sunday.
    ("0 0 * * 7", {0}, {0}, DAYS, MONTHS, {0}),
    # '*/2' in the day-of-week field steps over 0-7: Sunday, Tuesday, Thursday, Saturday.
    ("0 0 * * */2", {0}, {0}, DAYS, MONTHS, {0, 2, 4, 6}),
    # '1-7/2' is Monday, Wednesday, Friday and Sunday (7).
    ("0 0 * * 1-7/2", {0}, {0}, DAYS, MONTHS, {1, 3, 5, 0}),
    ("0 0 * * 5-7", {0}, {0}, DAYS, MONTHS, {5, 6, 0}),
    ("0 0 * JAN-MAR *", {0}, {0}, DAYS, {1, 2, 3}, WEEK),
    ("0 0 * jan,Jul,DEC *", {0}, {0}, DAYS, {1, 7, 12}, WEEK),
    ("0 0 * * mon-FRI", {0}, {0}, DAYS, MONTHS, {1, 2, 3, 4, 5}),
    ("0 0 * * SUN", {0}, {0}, DAYS, MONTHS, {0}),
    ("0 0 * FEB-DEC/5 *", {0}, {0}, DAYS, {2, 7, 12}, WEEK),
    ("00 007 01 * *", {0}, {7}, {1}, MONTHS, WEEK),
    ("\t 0  9\t* *   1-5 \t", {0}, {9}, DAYS, MONTHS, {1, 2, 3, 4, 5}),
    ("0 0 29 2 *", {0}, {0}, {29}, {2}, WEEK),
    ("0 0 31 1-12 *", {0}, {0}, {31}, MONTHS, WEEK),
    ("1,2,3-5,10-20/5 * * * *", {1, 2, 3, 4, 5, 10, 15, 20}, HOURS, DAYS, MONTHS, WEEK),
    ("0 0 */7 * *", {0}, {0}, {1, 8, 15, 22, 29}, MONTHS, WEEK),
    ("*/59 * * * *", {0, 59}, HOURS, DAYS, MONTHS, WEEK),
    ("0 0 5-5 * *", {0}, {0}, {5}, MONTHS, WEEK),
    ("0 0 1 * MON", {0}, {0}, {1}, MONTHS, {1}),
]


@pytest.mark.parametrize(("text", "minutes", "hours", "doms", "months", "dows"), ACCEPTED)
def test_accepted_expression_compiles_to_its_sets(
    text: str,
    minutes: set[int],
    hours: set[int],
    doms: set[int],
    months: set[int],
    dows: set[int],
) -> None:
    cron = parse(text)
    assert values(cron.minute_mask) == minutes
    assert values(cron.hour_mask) == hours
    assert values(cron.day_of_month_mask) == doms
    assert values(cron.month_mask) == months
    assert values(cron.day_of_week_mask) == dows


def test_value_tuples_list_the_compiled_values_in_order() -> None:
    cron = parse("30 8-10 1,15 */6 FRI,MON")
    assert cron.minutes == (30,)
    assert cron.hours == (8, 9, 10)
    assert cron.days_of_month == (1, 15)
    assert cron.months == (1, 7)
    assert cron.days_of_week == (1, 5)


# -- rejections: one row per class, with why --------------------------------------------------

REJECTED = [
    # (expression, field, span, fragment of the reason)
    (
        "@daily",
        None,
        (0, 6),
        "shortcut '@daily' is not supported",
    ),  # @ shortcuts are not cron fields
    ("@reboot", None, (0, 7), "shortcut '@reboot'"),  # no POSIX equivalent at all
    ("@every 5m", None, (0, 6), "shortcut '@every'"),  # Go-cron style shortcut
    ("0 0 * * * *", None, (10, 11), "found 6: seconds and year"),  # Quartz seconds field
    ("0 0 0 * * * 2026", None, (10, 16), "found 7"),  # Quartz seconds and year fields
    ("0 0 * *", None, (0, 7), "found 4"),  # too few fields
    ("", None, (0, 0), "expression is empty"),  # nothing at all
    ("   \t ", None, (0, 5), "expression is empty"),  # only separators
    ("0 0 * * * * * *", None, (10, 15), "found 8"),  # far too many fields
    ("0 0 L * *", "day of month", (4, 5), "'L' is extended (Quartz)"),  # last day of month
    ("0 0 15W * *", "day of month", (6, 7), "'W' is extended"),  # nearest weekday
    ("0 0 LW * *", "day of month", (4, 6), "'LW' is extended"),  # last weekday
    ("0 0 * * 5#3", "day of week", (9, 10), "'#' is extended"),  # third Friday
    ("0 0 * * 5L", "day of week", (9, 10), "'L' is extended"),  # last Friday
    ("0 0 ? * MON", "day of month", (4, 5), "'?' is extended"),  # Quartz "no value"
    ("H * * * *", "minute", (0, 1), "'H' is extended"),  # Jenkins hash
    ("R * * * *", "minute", (0, 1), "'R' is extended"),  # random value
    ("5/15 * * * *", "minute", (0, 4), "minute step '5/15' needs a range"),  # step on one value
    ("0 22-2 * * *", "hour", (2, 6), "hour range '22-2' runs backwards"),  # wrap-around range
    ("0 0 * NOV-FEB *", "month", (6, 13), "month range 'NOV-FEB' runs backwards"),  # names too
    ("0 0 * * FRI-MON", "day of week", (8, 15), "range 'FRI-MON' runs backwards"),  # names too
    ("*/0 * * * *", "minute", (2, 3), "step must be at least 1"),  # step of zero
    ("*/60 * * * *", "minute", (2, 4), "step 60 in '*/60' selects only 0"),  # only the first value
    (
        "0-10/20 * * * *",
        "minute",
        (5, 7),
        "step 20 in '0-10/20' selects only 0",
    ),  # same, in a range
    # A one-value range has no step.
    ("0 0 5-5/1 * *", "day of month", (7, 9), "range '5-5' has one value: no step"),
    ("0 0 * * */8", "day of week", (10, 11), "step 8"),  # 0-7 allows steps up to 7
    ("60 * * * *", "minute", (0, 2), "minute value '60' is out of range 0-59"),  # too high
    ("0 24 * * *", "hour", (2, 4), "hour value '24' is out of range 0-23"),  # too high
    ("0 0 0 * *", "day of month", (4, 5), "value '0' is out of range 1-31"),  # days start at 1
    ("0 0 32 * *", "day of month", (4, 6), "out of range 1-31"),  # too high
    ("0 0 * 13 *", "month", (6, 8), "month value '13' is out of range 1-12"),  # too high
    ("0 0 * 0 *", "month", (6, 7), "out of range 1-12"),  # months start at 1
    ("0 0 * * 8", "day of week", (8, 9), "out of range 0-7"),  # too high
    ("1,,2 * * * *", "minute", (2, 3), "empty item in the minute list"),  # empty list item
    ("1, * * * *", "minute", (1, 2), "empty item"),  # trailing comma
    (",1 * * * *", "minute", (0, 1), "empty item"),  # leading comma
    ("1-2-3 * * * *", "minute", (3, 4), "repeated '-'"),  # repeated dash
    ("*/2/3 * * * *", "minute", (3, 4), "repeated '/'"),  # repeated slash
    ("1-/2 * * * *", "minute", (1, 2), "missing minute value after '-'"),  # range without an end
    ("*/ * * * *", "minute", (1, 2), "missing step after '/'"),  # slash without a step
    ("/5 * * * *", "minute", (0, 1), "missing minute value before '/'"),  # step without a base
    ("*5 * * * *", "minute", (1, 2), "unexpected '5' after '*'"),  # star glued to a number
    ("*-5 * * * *", "minute", (1, 2), "unexpected '-' after '*'"),  # a range cannot start at '*'
    ("\u0663 * * * *", "minute", (0, 1), "is not an ASCII digit"),  # Arabic-Indic three
    ("\uff11 * * * *", "minute", (0, 1), "is not an ASCII digit"),  # full-width one
    ("\u00b9 * * * *", "minute", (0, 1), "is not an ASCII digit"),  # superscript one
    ("5_0 * * * *", "minute", (1, 2), "unexpected '_'"),  # int() would read 50
    ("+5 * * * *", "minute", (0, 1), "has a sign"),  # int() would read 5
    ("-5 * * * *", "minute", (0, 1), "has a sign"),  # negative number
    ("0 0 * * MONDAY", "day of week", (8, 14), "names are three letters"),  # full day name
    ("0 0 * January *", "month", (6, 13), "names are three letters"),  # full month name
    ("0 0 * * FOO", "day of week", (8, 11), "unknown day of week name 'FOO'"),  # not a name
    ("MON * * * *", "minute", (0, 3), "names are not allowed in the minute field"),  # wrong field
    ("0 JAN * * *", "hour", (2, 5), "names are not allowed in the hour field"),  # wrong field
    ("0 0 MON * *", "day of month", (4, 7), "names are not allowed"),  # wrong field
    ("0 0 * * 1MON", "day of week", (8, 12), "is not a number or a name"),  # glued tokens
    ("0 0 1.5 * *", "day of month", (5, 6), "unexpected '.'"),  # decimals
    ("0\n0 * * *", None, (1, 2), "fields are separated by spaces or tabs"),  # newline
    ("0 0 * * *\n", None, (9, 10), "fields are separated by spaces or tabs"),  # trailing newline
    ("0\x000 * * *", None, (1, 2), "fields are separated by spaces or tabs"),  # NUL byte
    ("0\u00a00 * * * *", None, (1, 2), "no-break space"),  # other Unicode space
    ("0 0 * * * \u3000", None, (10, 11), "ideographic space"),  # other Unicode space
    ("0 0 * * é", "day of week", (8, 9), "unexpected 'é'"),  # non-ASCII letter
    ("0 0 30 2 *", "day of month", (4, 8), "day 30 never occurs in February"),  # never fires
    (
        "0 0 31 4,6,9,11 *",
        "day of month",
        (4, 15),
        "never occurs in April, June, September or November",
    ),
    (
        "0 0 30,31 FEB *",
        "day of month",
        (4, 13),
        "days 30, 31 never occur in February",
    ),  # never fires
    (
        "0 0 30 2 */2",
        "day of month",
        (4, 8),
        "never occurs in February",
    ),  # '*/2' keeps the "and" rule
    (
        "x" * 513,
        None,
        (512, 513),
        "expression is 513 characters long; the limit is 512",
    ),  # length first
]


@pytest.mark.parametrize(("text", "field", "span", "reason"), REJECTED)
def test_rejected_expression_names_field_span_and_reason(
    text: str, field: str | None, span: tuple[int, int], reason: str
) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    error = caught.value
    assert reason in error.message
    assert error.field == field
    assert error.span == span
    assert error.expression == text


def test_never_firing_message_reads_plainly() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("0 0 30 2 *")
    assert caught.value.reason == (
        "day of month and month can never match: day 30 never occurs in February"
    )


def test_leap_day_is_accepted_although_2100_has_none() -> None:
    assert parse("0 0 29 2 *").days_of_month == (29,)


def test_either_day_rule_accepts_impossible_dates_because_the_weekday_still_fires() -> None:
    # Both day fields restricted: February 30th never happens, but every Monday does.
    assert parse("0 0 30 2 MON").day_rule == "or"


# -- exact messages, caret line included ------------------------------------------------------


def test_step_on_a_single_value_error_shows_caret_and_hint() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("5/15 * * * *")
    assert str(caught.value) == (
        "minute step '5/15' needs a range; did you mean '5-59/15'?\n    5/15 * * * *\n    ^^^^"
    )
    assert caught.value.hint == "did you mean '5-59/15'?"


def test_backwards_range_error_suggests_the_wrapped_form() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("0 22-2 * * *")
    assert str(caught.value) == (
        "hour range '22-2' runs backwards; did you mean '22-23,0-2'?\n    0 22-2 * * *\n      ^^^^"
    )


def test_backwards_weekday_names_suggest_wrapping_after_saturday() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("0 0 * * FRI-MON")
    assert caught.value.hint == "did you mean 'FRI-SAT,SUN-MON'?"


def test_out_of_range_error_shows_caret_under_the_value() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("0 0 * 13 *")
    assert str(caught.value) == (
        "month value '13' is out of range 1-12\n    0 0 * 13 *\n          ^^"
    )


def test_shortcut_error_suggests_the_five_field_form() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("@daily")
    assert str(caught.value) == (
        "shortcut '@daily' is not supported; cronwall takes five fields; use '0 0 * * *'\n"
        "    @daily\n"
        "    ^^^^^^"
    )


def test_quartz_question_mark_hints_at_a_star() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("0 0 ? * MON")
    assert str(caught.value) == (
        "'?' is extended (Quartz) cron syntax, not supported in the day of month field; "
        "use '*'\n"
        "    0 0 ? * MON\n"
        "        ^"
    )


def test_non_ascii_digit_error_names_the_character_and_suggests_the_digit() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("\u0663 * * * *")
    assert caught.value.reason == "'٣' (U+0663) is not an ASCII digit in the minute field"
    assert caught.value.hint == "did you mean '3'?"


def test_seconds_field_error_points_at_the_extra_fields() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("0 0 * * * *")
    assert str(caught.value) == (
        "expected 5 fields (minute hour day-of-month month day-of-week), found 6: seconds "
        "and year fields are extended (Quartz) cron syntax, not supported\n"
        "    0 0 * * * *\n"
        "              ^"
    )


def test_caret_lines_up_under_a_tab_separated_field() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("0\t99 * * *")
    assert str(caught.value).splitlines()[1:] == ["    0 99 * * *", "      ^^"]


def test_long_expression_error_shows_a_window_not_the_whole_text() -> None:
    text = "0 0 * * " + "1," * 200 + "9"
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    shown = str(caught.value).splitlines()
    assert len(shown[1]) < 100
    assert shown[2].strip() == "^"
    assert shown[1][shown[2].index("^")] == "9"


# -- structure --------------------------------------------------------------------------------


def test_expression_error_is_a_cronwall_error_and_a_value_error() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("61 * * * *")
    assert isinstance(caught.value, cronwall.CronwallError)
    assert isinstance(caught.value, ValueError)
    assert type(caught.value).__module__ == "cronwall"


def test_expression_error_renders_a_json_ready_dict() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("5/15 * * * *")
    assert caught.value.to_dict() == {
        "type": "invalid_request_error",
        "code": "invalid_expression",
        "message": "minute step '5/15' needs a range; did you mean '5-59/15'?",
        "param": "expression",
        "expression": "5/15 * * * *",
        "field": "minute",
        "span": [0, 4],
        "reason": "minute step '5/15' needs a range",
        "hint": "did you mean '5-59/15'?",
        "suggestion": "5-59/15 * * * *",
    }


def test_expression_error_survives_pickling() -> None:
    import pickle

    with pytest.raises(ExpressionError) as caught:
        parse("0 0 32 * *")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (copy.expression, copy.span, copy.field, copy.reason) == (
        "0 0 32 * *",
        (4, 6),
        "day of month",
        "day of month value '32' is out of range 1-31",
    )


@pytest.mark.parametrize("value", [None, 5, b"* * * * *", ["*"] * 5])
def test_a_non_string_expression_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError, match="expression must be a str"):
        parse(value)  # type: ignore[arg-type]
