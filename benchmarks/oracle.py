"""A slow, obviously correct reference for the benchmark workloads.

It states cronwall's rules directly (docs/semantics.md: grammar, day rule, DST rule) so the
benchmarks can check that every library computes the same fires before timing them: walk
the local calendar day by day, keep the days the day rule admits, and turn every matching
wall time into the instants at which the zone's clock shows it (none in a gap, two in a
fold). It parses only the expressions the benchmarks use and does no error reporting.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone, tzinfo

UTC = timezone.utc

MONTH_NAMES = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
DAY_NAMES = ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT")
# (low, high, names) per field; day of week allows 7, folded onto 0 (Sunday) below.
RANGES = ((0, 59, ()), (0, 23, ()), (1, 31, ()), (1, 12, MONTH_NAMES), (0, 7, DAY_NAMES))


def _value(text: str, low: int, names: tuple[str, ...]) -> int:
    upper = text.upper()
    return low + names.index(upper) if upper in names else int(text)


def parse_field(text: str, index: int) -> frozenset[int]:
    """The set of values one field selects (Vixie cron meaning, `*` spans low-high)."""
    low, high, names = RANGES[index]
    values: set[int] = set()
    for item in text.split(","):
        span, _, step = item.partition("/")
        if span == "*":
            first, last = low, high
        elif "-" in span:
            a, b = span.split("-")
            first, last = _value(a, low, names), _value(b, low, names)
        else:
            first = last = _value(span, low, names)
        values.update(range(first, last + 1, int(step) if step else 1))
    if index == 4 and 7 in values:
        values.discard(7)
        values.add(0)
    return frozenset(values)


def parse(expression: str) -> tuple[tuple[frozenset[int], ...], str]:
    """The five value sets and the day rule ("and" / "or") of an expression."""
    fields = expression.split()
    sets = tuple(parse_field(text, i) for i, text in enumerate(fields))
    day_rule = "and" if fields[2].startswith("*") or fields[4].startswith("*") else "or"
    return sets, day_rule


def _day_matches(day: date, sets: tuple[frozenset[int], ...], day_rule: str) -> bool:
    dom = day.day in sets[2]
    dow = day.isoweekday() % 7 in sets[4]  # cron numbers Sunday 0
    return (dom and dow) if day_rule == "and" else (dom or dow)


def _instants(wall: datetime, zone: tzinfo) -> list[datetime]:
    """The UTC instants at which the zone's clock reads `wall`: 0 (gap), 1 or 2 (fold)."""
    found = []
    for fold in (0, 1):
        instant = wall.replace(tzinfo=zone, fold=fold).astimezone(UTC)
        if instant.astimezone(zone).replace(tzinfo=None) == wall and instant not in found:
            found.append(instant)
    return found


def _days(start: date, sets: tuple[frozenset[int], ...], reverse: bool) -> Iterator[date]:
    """Local dates from `start` onwards (or backwards), skipping months the expression excludes."""
    year, month = start.year, start.month
    step = -1 if reverse else 1
    while 1 <= year <= 9999:
        if month in sets[3]:
            last = calendar.monthrange(year, month)[1]
            days = range(last, 0, -1) if reverse else range(1, last + 1)
            for d in days:
                day = date(year, month, d)
                if (day < start) if not reverse else (day > start):
                    continue
                yield day
        month += step
        if month == 13:
            year, month = year + 1, 1
        elif month == 0:
            year, month = year - 1, 12


def fires(
    expression: str, zone: tzinfo, start: datetime, count: int, *, reverse: bool = False
) -> list[datetime]:
    """The first `count` fires strictly after `start` (or before it, latest first), in UTC."""
    sets, day_rule = parse(expression)
    hours, minutes = sorted(sets[1]), sorted(sets[0])
    # Two days of margin on each side: no offset change moves a wall clock by more than a day,
    # so sorting what was collected over two extra days gives the exact order of instants.
    local_start = start.astimezone(zone).date()
    first_day = local_start + timedelta(days=2 if reverse else -2)
    found: list[datetime] = []
    extra_days = None
    for day in _days(first_day, sets, reverse):
        if extra_days is not None and abs((day - extra_days).days) > 2:
            break
        if not _day_matches(day, sets, day_rule):
            continue
        for hour in hours:
            for minute in minutes:
                wall = datetime(day.year, day.month, day.day, hour, minute)
                for instant in _instants(wall, zone):
                    if (instant > start) if not reverse else (instant < start):
                        found.append(instant)
        if extra_days is None and len(found) >= count:
            extra_days = day
    found.sort(reverse=reverse)
    return found[:count]
