"""ExpressionError.suggestion: the corrected expression, and it always parses."""

from __future__ import annotations

import pickle

import pytest

from cronwall import ExpressionError, parse
from cronwall._fields import DAY_OF_WEEK, FIELDS, FULL_NAMES


def _error(text: str) -> ExpressionError:
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    return caught.value


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        # Vixie cron reads 'a/s' as 'a-high/s'.
        ("5/15 * * * *", "5-59/15 * * * *"),
        # ... and when the step passes the field's end, as 'a' alone ('59-59/15' is refused).
        ("59/15 * * * *", "59 * * * *"),
        ("0 0 * * SAT/2", "0 0 * * SAT"),
        # 7 is Sunday, the first day of the week: Sunday to Monday.
        ("0 0 * * 7-MON", "0 0 * * 0-MON"),
        ("0 0 * * 7-0", "0 0 * * 0"),
        # Wrap-around ranges are split at the field's end (after Saturday for weekdays).
        ("0 22-2 * * *", "0 22-23,0-2 * * *"),
        ("0 0 * * FRI-MON", "0 0 * * FRI-SAT,SUN-MON"),
        ("0 0 1 NOV-FEB *", "0 0 1 NOV-DEC,JAN-FEB *"),
        # Two problems, both fixed.
        ("0 0 ? * ?", "0 0 * * *"),
        ("@daily", "0 0 * * *"),
        ("0 0 * * MONDAY", "0 0 * * MON"),
        ("\u0663 * * * *", "3 * * * *"),
        # Surrounding spaces and tabs are kept: only the offending text is replaced.
        ("  5/15\t* * * *", "  5-59/15\t* * * *"),
    ],
)
def test_a_fixable_error_suggests_the_corrected_expression(text: str, suggestion: str) -> None:
    assert _error(text).suggestion == suggestion
    parse(suggestion)


@pytest.mark.parametrize(
    "text",
    [
        # Whether a wrapped step restarts at 0 or carries on depends on the dialect.
        "0 22-2/2 * * *",
        # '?' becomes '*', and then February 30th never occurs: nothing to suggest.
        "0 0 30 2 ?",
        # H (Jenkins hash) has no fixed equivalent.
        "H * * * *",
        "61 * * * *",
        "0 0 * * * *",
        # '@reboot' is not a time at all.
        "@reboot",
    ],
)
def test_an_error_without_a_mechanical_fix_has_no_suggestion(text: str) -> None:
    assert _error(text).suggestion is None


def test_the_suggestion_is_in_the_error_dict_and_survives_pickling() -> None:
    error = _error("5/15 * * * *")
    assert error.to_dict()["suggestion"] == "5-59/15 * * * *"
    assert pickle.loads(pickle.dumps(error)).suggestion == "5-59/15 * * * *"
    assert _error("61 * * * *").to_dict()["suggestion"] is None


def _items(index: int) -> list[str]:
    """Every single-item field text near the field's range, fixable slips included."""
    field = FIELDS[index]
    values = [str(v) for v in range(field.low, field.high + 2)] + list(dict.fromkeys(field.names))
    values += [name for name, short in FULL_NAMES.items() if field.name_value(short) is not None]
    items = ["*", "?", "*/0", "*/7"]
    for first in values:
        items.append(first)
        items += [f"{first}/{step}" for step in (1, 2, 15, 40)]
        for last in values:
            items.append(f"{first}-{last}")
            if index == 0:
                items.append(f"{first}-{last}/7")
    return items


@pytest.mark.parametrize("index", range(5), ids=[field.name for field in FIELDS])
def test_every_suggestion_for_a_single_item_in_any_field_parses(index: int) -> None:
    checked = 0
    for item in _items(index):
        fields = ["0", "0", "*", "*", "*"]
        fields[index] = item
        try:
            parse(" ".join(fields))
        except ExpressionError as error:
            if error.suggestion is not None:
                parse(error.suggestion)
                checked += 1
    # The table above holds fixable slips in every field: the test saw some.
    assert checked > 0


def test_every_backwards_weekday_range_suggests_the_same_days_wrapped() -> None:
    days: list[int | str] = [*range(8), "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
    for first in days:
        for last in days:
            start = first if isinstance(first, int) else DAY_OF_WEEK.name_value(first)
            end = last if isinstance(last, int) else DAY_OF_WEEK.name_value(last)
            assert start is not None and end is not None
            if start <= end:
                continue
            error = _error(f"0 0 * * {first}-{last}")
            assert error.suggestion is not None
            # Walk the week forward from start to end, wrapping after Saturday (7 is Sunday).
            wanted = {(start + k) % 7 for k in range((end - start) % 7 + 1)}
            assert set(parse(error.suggestion).days_of_week) == wanted, (first, last)
