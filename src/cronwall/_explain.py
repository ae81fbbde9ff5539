"""Plain-English explanations of cron expressions, read from the compiled value.

The sentence describes the compiled masks and day rule, never the raw text, so
two spellings of one schedule (``0 9 * * MON-FRI``, ``0 9 * * 1-5``) read the
same, and normalisation (``0 0 1-31 * MON`` fires every day) is already applied.
Every number and name in the sentence is one the schedule fires on, and the
sentence names all of them: tests/test_explain.py reads sentences back into
field sets and compares them with the compiled ones.

Sentence = time [day] [month], for example::

    at 09:00 on Monday through Friday
    every 15 minutes from 09:00 through 17:45 in January
    at minute 23 past every 2nd hour from 0 through 20
    at 00:00 on day 1 of the month and on Monday       (the "or" day rule)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ._cron import Cron, parse
from ._fields import DAY_OF_MONTH, HOUR, MINUTE, MONTH, MONTH_NAMES_LONG, WEEKDAY_NAMES_LONG

_FULL_WEEK = 0x7F
#: Up to this many times of day are listed one by one ("at 09:00 and 17:30").
_MAX_LISTED_TIMES = 4
#: Up to this many days of one month read as dates ("on January 1 and 15").
_MAX_LISTED_DATES = 3


class _Item(NamedTuple):
    """A run of values: one value (first == last), a range (step 1) or a progression."""

    first: int
    last: int
    step: int


def explain(expression: str | Cron) -> str:
    """A plain-English sentence saying when ``expression`` fires (in its zone's wall time).

    >>> explain("0 9 * * 1-5")
    'at 09:00 on Monday through Friday'
    >>> explain("0 0 1 * MON")
    'at 00:00 on day 1 of the month and on Monday'

    Raises :class:`cronwall.ExpressionError` for an expression the parser rejects.
    """
    cron = expression if isinstance(expression, Cron) else parse(expression)
    time = _time_phrase(cron.minutes, cron.hours)
    day, month_named = _day_phrase(cron)
    parts = [time]
    if day:
        parts.append(day)
    sentence = " ".join(parts)
    if cron.month_mask != MONTH.full_mask and not month_named:
        months = _join([_month_range(item) for item in _runs(cron.months)])
        # A comma keeps "in March" from reading as part of only the last day clause.
        joiner = ", " if cron.day_rule == "or" or " if it " in day else " "
        sentence += f"{joiner}in {months}"
    return sentence


# -- time of day ------------------------------------------------------------------------------


def _time_phrase(minutes: Sequence[int], hours: Sequence[int]) -> str:
    every_hour = len(hours) == HOUR.high - HOUR.low + 1
    step = _uniform_step(minutes)
    if len(minutes) * len(hours) <= _MAX_LISTED_TIMES:
        times = [f"{hour:02}:{minute:02}" for hour in hours for minute in minutes]
        return "at " + _join(times)
    if step is not None:
        # Evenly spaced through every hour: the spacing holds across hour boundaries too.
        every = "every minute" if step == 1 else f"every {step} minutes"
        if every_hour:
            return every
        runs = _runs(hours)
        if len(runs) <= 3:
            spans = [
                f"from {item.first:02}:00 through {item.last:02}:{minutes[-1]:02}" for item in runs
            ]
            return f"{every} {_join(spans)}"
        return f"{every} during {_numbers(_items(hours), 'hour', 'hours')}"
    minute_part = _numbers(_items(minutes), "minute", "minutes")
    hour_part = "every hour" if every_hour else _numbers(_items(hours), "hour", "hours")
    return f"at {minute_part} past {hour_part}"


def _uniform_step(minutes: Sequence[int]) -> int | None:
    """``n`` if the minutes are 0, n, 2n, ... and n divides the hour, else ``None``."""
    if len(minutes) < 2 or minutes[0] != MINUTE.low:
        return None
    step = minutes[1] - minutes[0]
    span = MINUTE.high - MINUTE.low + 1
    if span % step or list(minutes) != list(range(MINUTE.low, MINUTE.high + 1, step)):
        return None
    return step


# -- days and months ---------------------------------------------------------------------------


def _day_phrase(cron: Cron) -> tuple[str, bool]:
    """The day clause, and whether it already names the month ("on January 1")."""
    every_day_of_month = cron.day_of_month_mask == DAY_OF_MONTH.full_mask
    every_weekday = cron.day_of_week_mask == _FULL_WEEK
    days = cron.days_of_month
    if cron.day_rule == "or":
        return f"on {_days_of_month(days)} and on {_weekdays(cron.days_of_week, 'and')}", False
    if every_day_of_month and every_weekday:
        return "", False
    if every_weekday:
        months = cron.months
        if len(months) == 1 and len(days) <= _MAX_LISTED_DATES:
            dates = _join([str(day) for day in days])
            return f"on {MONTH_NAMES_LONG[months[0] - 1]} {dates}", True
        return f"on {_days_of_month(days)}", False
    if every_day_of_month:
        return f"on {_weekdays(cron.days_of_week, 'and')}", False
    # Both fields restricted under the "and" rule: the text had '*/n' in one of them.
    weekdays = _weekdays(cron.days_of_week, "or")
    return f"on {_days_of_month(days)} if it falls on {weekdays}", False


def _days_of_month(days: Sequence[int]) -> str:
    return _numbers(_items(days), "day", "days", " of the month")


def _weekdays(values: Sequence[int], conjunction: str) -> str:
    # Weeks read Monday first, so Friday through Sunday is one range; Sunday is 7 here.
    monday_first = sorted(7 if value == 0 else value for value in values)
    names = []
    for item in _runs(monday_first):
        first, last = WEEKDAY_NAMES_LONG[item.first % 7], WEEKDAY_NAMES_LONG[item.last % 7]
        names.append(first if item.first == item.last else f"{first} through {last}")
    return _join(names, conjunction)


def _month_range(item: _Item) -> str:
    first, last = MONTH_NAMES_LONG[item.first - 1], MONTH_NAMES_LONG[item.last - 1]
    return first if item.first == item.last else f"{first} through {last}"


# -- lists of numbers ---------------------------------------------------------------------------


def _items(values: Sequence[int]) -> list[_Item]:
    """Values as single values, ranges (3 or more in a row) and progressions (5 or more)."""
    items = []
    i = 0
    while i < len(values):
        if i + 1 < len(values):
            step = values[i + 1] - values[i]
            j = i + 1
            while j + 1 < len(values) and values[j + 1] - values[j] == step:
                j += 1
            # Short progressions read better as a list: "minutes 5, 20 and 35".
            if j - i + 1 >= (3 if step == 1 else 5):
                items.append(_Item(values[i], values[j], step))
                i = j + 1
                continue
        items.append(_Item(values[i], values[i], 1))
        i += 1
    return items


def _runs(values: Sequence[int]) -> list[_Item]:
    """Values as single values and ranges of consecutive values (3 or more in a row)."""
    items: list[_Item] = []
    for item in _items(values):
        if item.step == 1:
            items.append(item)
        else:
            items.extend(_Item(v, v, 1) for v in range(item.first, item.last + 1, item.step))
    return items


def _numbers(items: Sequence[_Item], noun: str, plural: str, suffix: str = "") -> str:
    """``day 1 of the month``, ``days 1, 15 and 20 through 25 of the month``, ``every 2nd …``."""
    if all(item.step == 1 for item in items):
        if len(items) == 1 and items[0].first == items[0].last:
            return f"{noun} {items[0].first}{suffix}"
        return f"{plural} {_join([_span(item) for item in items])}{suffix}"
    phrases = []
    for item in items:
        if item.first == item.last:
            phrases.append(f"{noun} {item.first}{suffix}")
        elif item.step == 1:
            phrases.append(f"{plural} {_span(item)}{suffix}")
        else:
            phrases.append(
                f"every {_ordinal(item.step)} {noun}{suffix} from {item.first} through {item.last}"
            )
    return _join(phrases)


def _span(item: _Item) -> str:
    return str(item.first) if item.first == item.last else f"{item.first} through {item.last}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _join(words: Sequence[str], conjunction: str = "and") -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
