"""Naive calendar search: the next or previous wall-clock minute a cron matches.

Wall times here are integers, seconds since 1970-01-01 00:00 on the wall clock,
with no zone attached; :mod:`cronwall._schedule` maps them to instants. Every
step is a bit jump (lowest set bit at or above a value, highest at or below),
never a scan over minutes or days:

- minute and hour masks give the next time of day;
- a day table gives, for each of the 14 kinds of Gregorian year (leap or not,
  times the weekday of January 1st), each month's mask of matching days, with
  day of month and day of week already combined under the day rule;
- a 400-bit mask marks which years of the 400-year Gregorian cycle contain a
  matching day, so even ``0 0 29 2 */7`` (once in 28 years) is one jump away.
"""

from __future__ import annotations

import threading
from datetime import date
from functools import lru_cache

UNIX_ORDINAL = 719163  # date(1970, 1, 1).toordinal()
MAX_ORDINAL = 3652059  # date(9999, 12, 31).toordinal()
#: Wall seconds of 0001-01-01 00:00 and of 9999-12-31 23:59: the datetime range, to the minute.
FIRST_WALL = (1 - UNIX_ORDINAL) * 86400
LAST_WALL = (MAX_ORDINAL - UNIX_ORDINAL) * 86400 + 86340

_DAYS_IN_MONTH = (
    (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31),
    (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31),
)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _year_kind(year: int) -> int:
    """0-13: 7 * leap + weekday of January 1st (Sunday 0), which fixes the whole calendar."""
    return 7 * _is_leap(year) + date(year, 1, 1).toordinal() % 7


# A year's kind depends only on its place in the 400-year cycle (146097 days, a whole
# number of weeks); year 400 stands for remainder 0.
YEAR_KIND: tuple[int, ...] = tuple(_year_kind(400 if r == 0 else r) for r in range(400))


def _first_weekdays(kind: int) -> tuple[int, ...]:
    """Weekday (Sunday 0) of the 1st of each month (index 1-12) in a year of ``kind``."""
    leap, weekday = divmod(kind, 7)
    result = [0]
    for month in range(1, 13):
        result.append(weekday)
        weekday = (weekday + _DAYS_IN_MONTH[leap][month]) % 7
    return tuple(result)


_FIRST_WEEKDAYS = tuple(_first_weekdays(kind) for kind in range(14))


class DayTable:
    """Matching days per month for each kind of year, and per year of the cycle.

    Shared by every cron with the same day-of-month, month and day-of-week masks
    and day rule: it depends on nothing else.
    """

    __slots__ = ("cycle", "month_bits", "month_days")

    def __init__(self, day_of_month: int, month: int, day_of_week: int, either_day: bool) -> None:
        # by_first_weekday[w]: bit d set when day d of a month starting on weekday w matches
        # the day-of-week mask.
        by_first_weekday = []
        for first in range(7):
            mask = 0
            for day in range(1, 32):
                if day_of_week >> ((first + day - 1) % 7) & 1:
                    mask |= 1 << day
            by_first_weekday.append(mask)
        month_days = []
        month_bits = []
        for kind in range(14):
            lengths = _DAYS_IN_MONTH[kind // 7]
            per_month = [0] * 13
            bits = 0
            for m in range(1, 13):
                if not month >> m & 1:
                    continue
                weekdays = by_first_weekday[_FIRST_WEEKDAYS[kind][m]]
                days = (day_of_month | weekdays) if either_day else (day_of_month & weekdays)
                days &= (1 << (lengths[m] + 1)) - 2  # bits 1..length
                per_month[m] = days
                if days:
                    bits |= 1 << m
            month_days.append(tuple(per_month))
            month_bits.append(bits)
        self.month_days = tuple(month_days)
        self.month_bits = tuple(month_bits)
        cycle = 0
        for r in range(400):
            if month_bits[YEAR_KIND[r]]:
                cycle |= 1 << r
        self.cycle = cycle

    def locate(self, ordinal: int) -> tuple[int, int, int, int]:
        """(year, month, day, matching days of that month) of a day ordinal."""
        d = date.fromordinal(ordinal)
        return d.year, d.month, d.day, self.month_days[YEAR_KIND[d.year % 400]][d.month]

    def next_from(self, year: int, month: int, day: int) -> int:
        """The first matching day at or after ``day`` of ``month`` (may be 32), or 0."""
        kind = YEAR_KIND[year % 400]
        days = self.month_days[kind][month] >> day << day  # clear bits below `day`
        if not days:
            months = self.month_bits[kind] >> (month + 1) << (month + 1)
            if not months:
                year = self._next_year(year + 1)
                if year > 9999:
                    return 0
                kind = YEAR_KIND[year % 400]
                months = self.month_bits[kind]
            month = (months & -months).bit_length() - 1  # lowest set bit
            days = self.month_days[kind][month]
        return date(year, month, (days & -days).bit_length() - 1).toordinal()

    def prev_from(self, year: int, month: int, day: int) -> int:
        """The last matching day at or before ``day`` of ``month`` (may be 0), or 0."""
        kind = YEAR_KIND[year % 400]
        days = self.month_days[kind][month] & ((2 << day) - 1)  # keep bits <= `day`
        if not days:
            months = self.month_bits[kind] & ((1 << month) - 1)
            if not months:
                year = self._prev_year(year - 1)
                if year < 1:
                    return 0
                kind = YEAR_KIND[year % 400]
                months = self.month_bits[kind]
            month = months.bit_length() - 1  # highest set bit
            days = self.month_days[kind][month]
        return date(year, month, days.bit_length() - 1).toordinal()

    def _next_year(self, year: int) -> int:
        """The first year at or after ``year`` with a matching day."""
        r = year % 400
        later = self.cycle >> r
        if later:
            return year + (later & -later).bit_length() - 1
        return year - r + 400 + (self.cycle & -self.cycle).bit_length() - 1

    def _prev_year(self, year: int) -> int:
        """The last year at or before ``year`` with a matching day."""
        r = year % 400
        earlier = self.cycle & ((2 << r) - 1)
        if earlier:
            return year - r + earlier.bit_length() - 1
        return year - r - 400 + self.cycle.bit_length() - 1


_tables: dict[tuple[int, int, int, bool], DayTable] = {}
_tables_lock = threading.Lock()


def day_table(day_of_month: int, month: int, day_of_week: int, either_day: bool) -> DayTable:
    key = (day_of_month, month, day_of_week, either_day)
    table = _tables.get(key)
    if table is None:
        table = DayTable(*key)
        with _tables_lock:
            table = _tables.setdefault(key, table)
    return table


def next_time(hours: int, minutes: int, minute_of_day: int) -> int:
    """The first matching minute of the day at or after ``minute_of_day``, or -1."""
    hour, minute = divmod(minute_of_day, 60)
    if hours >> hour & 1:
        later = minutes >> minute
        if later:
            return minute_of_day + (later & -later).bit_length() - 1
    later = hours >> (hour + 1)
    if later:
        return (hour + 1 + (later & -later).bit_length() - 1) * 60 + (
            (minutes & -minutes).bit_length() - 1
        )
    return -1


def prev_time(hours: int, minutes: int, minute_of_day: int) -> int:
    """The last matching minute of the day at or before ``minute_of_day``, or -1."""
    hour, minute = divmod(minute_of_day, 60)
    if hours >> hour & 1:
        earlier = minutes & ((2 << minute) - 1)
        if earlier:
            return hour * 60 + earlier.bit_length() - 1
    earlier = hours & ((1 << hour) - 1)
    if earlier:
        return (earlier.bit_length() - 1) * 60 + minutes.bit_length() - 1
    return -1


def next_wall(hours: int, minutes: int, table: DayTable, wall: int) -> int | None:
    """The first matching wall minute at or after ``wall`` (wall seconds), or ``None``."""
    wall = -(-wall // 60) * 60  # round up to a whole minute
    if wall < FIRST_WALL:
        wall = FIRST_WALL
    day, second = divmod(wall, 86400)
    ordinal = day + UNIX_ORDINAL
    if ordinal > MAX_ORDINAL:
        return None
    d = date.fromordinal(ordinal)
    year, month, mday = d.year, d.month, d.day
    time = next_time(hours, minutes, second // 60)
    if time < 0 or not table.month_days[YEAR_KIND[year % 400]][month] >> mday & 1:
        ordinal = table.next_from(year, month, mday + 1)
        if not ordinal:
            return None
        time = next_time(hours, minutes, 0)
    return (ordinal - UNIX_ORDINAL) * 86400 + time * 60


def prev_wall(hours: int, minutes: int, table: DayTable, wall: int) -> int | None:
    """The last matching wall minute at or before ``wall`` (wall seconds), or ``None``."""
    if wall > LAST_WALL:
        wall = LAST_WALL
    day, second = divmod(wall, 86400)
    ordinal = day + UNIX_ORDINAL
    if ordinal < 1:
        return None
    d = date.fromordinal(ordinal)
    year, month, mday = d.year, d.month, d.day
    time = prev_time(hours, minutes, second // 60)
    if time < 0 or not table.month_days[YEAR_KIND[year % 400]][month] >> mday & 1:
        ordinal = table.prev_from(year, month, mday - 1)
        if not ordinal:
            return None
        time = prev_time(hours, minutes, 1439)
    return (ordinal - UNIX_ORDINAL) * 86400 + time * 60


@lru_cache(maxsize=1024)
def day_times(hours: int, minutes: int) -> tuple[int, ...]:
    """Every matching minute of a day, ascending (shared by crons with the same masks)."""
    return tuple(
        hour * 60 + minute
        for hour in range(24)
        if hours >> hour & 1
        for minute in range(60)
        if minutes >> minute & 1
    )
