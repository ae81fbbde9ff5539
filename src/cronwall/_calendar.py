"""Naive calendar search: the next or previous wall-clock minute a cron matches.

Wall times here are integers, seconds since 1970-01-01 00:00 on the wall clock,
with no zone attached; :mod:`cronwall._schedule` maps them to instants. Every
step is a bit jump (lowest set bit at or above a value, highest at or below),
never a scan over minutes or days:

- minute and hour masks give the next time of day;
- a month's matching days are computed when the search reaches that month, from
  the day-of-month mask and the day-of-week mask rotated to the weekday of the
  month's 1st (a handful of integer operations, nothing stored per cron);
  :func:`day_span` lays a few years of them side by side for single queries
  repeated in a year (see ``Schedule.next_after``);
- a 400-bit mask marks which years of the 400-year Gregorian cycle contain a
  matching day, so even ``0 0 29 2 */7`` (once in 28 years) is one jump away.
  Only crons that skip whole years need it; it is built on first need and kept
  in a bounded cache.
"""

from __future__ import annotations

from datetime import date

UNIX_ORDINAL = 719163  # date(1970, 1, 1).toordinal()
MAX_ORDINAL = 3652059  # date(9999, 12, 31).toordinal()
#: Wall seconds of 0001-01-01 00:00 and of 9999-12-31 23:59: the datetime range, to the minute.
FIRST_WALL = (1 - UNIX_ORDINAL) * 86400
LAST_WALL = (MAX_ORDINAL - UNIX_ORDINAL) * 86400 + 86340

#: Masks of every day of month (bits 1-31), every month (bits 1-12), every weekday (bits 0-6).
ALL_DAYS = (1 << 32) - 2
ALL_MONTHS = (1 << 13) - 2
ALL_WEEKDAYS = 0x7F

#: Days in each month (index 1-12), in common years and in leap years: ``[leap][month]``.
DAYS_IN_MONTH = (
    (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31),
    (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31),
)
#: Bits 1..length: the days each month has, in common years and in leap years.
MONTH_MASK = tuple(tuple((2 << n) - 2 for n in lengths) for lengths in DAYS_IN_MONTH)
#: Day of the year (0-based) of each month's 1st, in common and in leap years
#: (``[leap][month]``; index 13 is the year's length).
DAYS_BEFORE_MONTH = (
    (0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365),
    (0, 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366),
)
# Bits 0, 7, 14, 21, 28: multiplying a 7-bit week by it lays five weeks side by side.
_FIVE_WEEKS = 0x10204081
#: Cycle masks for this many distinct day fields at most (each about 100 bytes).
CYCLE_CACHE_SIZE = 1024
# Days 1-28 (bits 1-28), 29-30, and the months with a 31st.
_EVERY_MONTH_DAYS = (1 << 29) - 2
_DAYS_29_30 = (1 << 29) | (1 << 30)
_NOT_FEBRUARY = ALL_MONTHS & ~(1 << 2)
_LONG_MONTHS = sum(1 << m for m in (1, 3, 5, 7, 8, 10, 12))


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _first_of_month(year: int, month: int, leap: bool) -> int:
    """The day ordinal of the 1st of ``month`` in ``year``."""
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400 + DAYS_BEFORE_MONTH[leap][month] + 1


def month_days(dom: int, dow: int, either: bool, first: int, length_mask: int) -> int:
    """Matching days (bits 1-31) of a month whose 1st has day ordinal ``first``."""
    if dow != ALL_WEEKDAYS or either:
        # Rotate the week so bit 0 is the weekday of the 1st (ordinal 7 is a Sunday), lay
        # five copies side by side and shift them to start at bit 1: bit d is day d.
        shift = first % 7
        week = ((dow >> shift) | (dow << (7 - shift))) & ALL_WEEKDAYS
        weekdays = week * _FIVE_WEEKS << 1
        days = (dom | weekdays) if either else (dom & weekdays)
    else:
        days = dom
    return days & length_mask


#: A day span reaches this many years at most (a 29th of February around 2100 needs 8).
SPAN_MAX_YEARS = 8
#: A day span's count for "this many days or more": look again that many days on.
SPAN_FAR = 255
# Day counts 254 down to 0: the days before a matching day, and the day itself.
_COUNTDOWN = bytes(range(SPAN_FAR - 1, -1, -1))


def day_span(dom: int, months: int, dow: int, either: bool, year: int) -> tuple[int, bytes]:
    """``(first, days)``: the matching days from January 1st of ``year`` (day number
    ``first``, days since 1970-01-01) on, as a count per day: ``days[k]`` is the number of
    days from day ``first + k`` to the first matching day at or after it (0 when that day
    matches), or SPAN_FAR when that is SPAN_FAR or more or none is in the span, in which case
    the count at ``k + SPAN_FAR`` tells on. A count is one byte, read without arithmetic on
    big numbers: the next matching day is one or two lookups (a yearly cron's).

    The span holds ``year`` and the next year, and more years (up to SPAN_MAX_YEARS, never
    past 9999) until its last year has a matching day, so a day in the span's first year
    finds the next matching day in it whenever one comes within a year, or next in the span
    for ``0 0 29 2 *``. Built once per cron and year for repeated single queries (see
    ``Schedule.next_after``): one run of counts per matching day.
    """
    start = _first_of_month(year, 1, False)
    mask = 0
    y = year
    first = start  # ordinal of the 1st of the month at hand
    while y <= 9999:
        leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
        lengths = DAYS_IN_MONTH[leap]
        found = 0
        for month in range(1, 13):
            if months >> month & 1:
                days = month_days(dom, dow, either, first, MONTH_MASK[leap][month])
                if days:
                    found = 1
                    mask |= days >> 1 << (first - start)
            first += lengths[month]
        y += 1
        if y - year >= 2 and (found or y - year >= SPAN_MAX_YEARS):
            break
    # Day k is character k (a "1" when it matches): the runs of days before each matching
    # day count down to it (g days before one: g, g - 1, ..., 1, then 0 on it).
    marks = format(mask, "b")[::-1] if mask else ""
    far = bytes((SPAN_FAR,))
    runs = [
        _COUNTDOWN[SPAN_FAR - 1 - g :] if g < SPAN_FAR else far * (g - SPAN_FAR + 1) + _COUNTDOWN
        for g in map(len, marks.split("1")[:-1])
    ]
    runs.append(far * (first - start - len(marks)))  # none after the last matching day
    return start - UNIX_ORDINAL, b"".join(runs)


class Days:
    """The day fields of a cron: which calendar days it fires on.

    A light view of four masks, built when asked for and never stored, so a search
    keeps no table: months are evaluated as it reaches them.
    """

    __slots__ = ("dom", "dow", "either", "months")

    def __init__(self, dom: int, months: int, dow: int, either: bool) -> None:
        self.dom = dom
        self.months = months
        self.dow = dow
        self.either = either

    def locate(self, ordinal: int) -> tuple[int, int, int, int]:
        """(year, month, day, matching days of that month) of a day ordinal."""
        d = date.fromordinal(ordinal)
        year, month, mday = d.year, d.month, d.day
        leap = is_leap(year)
        days = 0
        if self.months >> month & 1:
            days = month_days(
                self.dom, self.dow, self.either, ordinal - mday + 1, MONTH_MASK[leap][month]
            )
        return year, month, mday, days

    def matches(self, ordinal: int, month: int, mday: int) -> bool:
        """Whether day ``mday`` of ``month``, with day ordinal ``ordinal``, matches."""
        if not self.months >> month & 1:
            return False
        dom = self.dom >> mday & 1
        dow = self.dow >> ordinal % 7 & 1  # ordinal 7 is a Sunday
        return bool(dom | dow) if self.either else bool(dom & dow)

    def next_after_month(self, year: int, month: int) -> FoundDay | None:
        """The first matching day after ``month`` of ``year``, or ``None`` past year 9999."""
        return next_matching_day(self.dom, self.months, self.dow, self.either, year, month, 32)

    def prev_before_month(self, year: int, month: int) -> FoundDay | None:
        """The last matching day before ``month`` of ``year``, or ``None`` before year 1."""
        return prev_matching_day(self.dom, self.months, self.dow, self.either, year, month, 0)

    def next_from(self, year: int, month: int, day: int) -> int:
        """The ordinal of the first matching day at or after ``day`` of ``month`` (``day``
        may be 32), or 0 past year 9999."""
        return next_day(self.dom, self.months, self.dow, self.either, year, month, day)

    def prev_from(self, year: int, month: int, day: int) -> int:
        """The ordinal of the last matching day at or before ``day`` of ``month`` (``day``
        may be 0), or 0 before year 1."""
        return prev_day(self.dom, self.months, self.dow, self.either, year, month, day)


def month_length(year: int, month: int) -> int:
    """The number of days of ``month`` in ``year``."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return DAYS_IN_MONTH[0][month]


def first_time(hours: int, minutes: int) -> int:
    """The first matching minute of a day."""
    return ((hours & -hours).bit_length() - 1) * 60 + (minutes & -minutes).bit_length() - 1


def next_day(dom: int, months: int, dow: int, either: bool, year: int, month: int, day: int) -> int:
    """The ordinal of the first day at or after ``day`` of ``month`` (``day`` may be 32) that
    the day fields match, or 0 past year 9999."""
    found = next_matching_day(dom, months, dow, either, year, month, day)
    return 0 if found is None else found[0]


def prev_day(dom: int, months: int, dow: int, either: bool, year: int, month: int, day: int) -> int:
    """The ordinal of the last day at or before ``day`` of ``month`` (``day`` may be 0) that
    the day fields match, or 0 before year 1."""
    found = prev_matching_day(dom, months, dow, either, year, month, day)
    return 0 if found is None else found[0]


#: (ordinal, year, month, day of month, that month's matching days) of a matching day.
FoundDay = tuple[int, int, int, int, int]


def next_matching_day(
    dom: int, months: int, dow: int, either: bool, year: int, month: int, day: int
) -> FoundDay | None:
    """The first day at or after ``day`` of ``month`` (``day`` may be 32) that the day fields
    match, or ``None`` past year 9999."""
    # month_days and _first_of_month inlined: this loop is on next_fire's fast path.
    weekly = dow != ALL_WEEKDAYS or either
    while True:
        # Under the "and" rule a month with no day of month left from `day` has no match.
        if months >> month & 1 and day <= 31 and (either or dom >> day):
            leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
            y = year - 1
            first = y * 365 + y // 4 - y // 100 + y // 400 + DAYS_BEFORE_MONTH[leap][month] + 1
            if weekly:
                shift = first % 7
                week = ((dow >> shift) | (dow << (7 - shift))) & ALL_WEEKDAYS
                weekdays = week * _FIVE_WEEKS << 1
                matching = (dom | weekdays) if either else (dom & weekdays)
                matching &= MONTH_MASK[leap][month]
            else:
                matching = dom & MONTH_MASK[leap][month]
            days = matching >> day << day  # clear bits below `day`
            if days:
                day = (days & -days).bit_length() - 1  # lowest set bit
                return first + day - 1, year, month, day, matching
        later = months >> (month + 1)
        if later:
            month += (later & -later).bit_length()  # the next month in the mask
        else:
            year += 1
            if may_skip_years(dom, months, dow, either):
                # The first year from here with a matching day, from the 400-year cycle of
                # such years (its cache read without a call: this is a long jump's path).
                cycle = _cycles.get((dom, months, dow, either))
                if cycle is None:
                    cycle = _cycle(dom, months, dow, either)
                r = year % 400
                later = cycle >> r
                if later:
                    year += (later & -later).bit_length() - 1
                else:
                    year += 400 - r + (cycle & -cycle).bit_length() - 1
            if year > 9999:
                return None
            month = (months & -months).bit_length() - 1
        day = 1


def prev_matching_day(
    dom: int, months: int, dow: int, either: bool, year: int, month: int, day: int
) -> FoundDay | None:
    """The last day at or before ``day`` of ``month`` (``day`` may be 0) that the day fields
    match, or ``None`` before year 1."""
    while True:
        leap = is_leap(year)
        if months >> month & 1:
            first = _first_of_month(year, month, leap)
            matching = month_days(dom, dow, either, first, MONTH_MASK[leap][month])
            days = matching & ((2 << day) - 1)  # keep bits <= `day`
            if days:
                day = days.bit_length() - 1  # highest set bit
                return first + day - 1, year, month, day, matching
        earlier = months & ((1 << month) - 1)
        if earlier:
            month = earlier.bit_length() - 1  # the previous month in the mask
        else:
            year -= 1
            if may_skip_years(dom, months, dow, either):
                year = _prev_year(dom, months, dow, either, year)
            if year < 1:
                return None
            month = months.bit_length() - 1
        day = 31


def may_skip_years(dom: int, months: int, dow: int, either: bool) -> bool:
    """False when every year has a matching day (so a search that rolls over into the next
    year finds one there); True when some years may have none, as for ``0 0 29 2 *``."""
    if either:
        return False  # every month has every weekday
    if dow != ALL_WEEKDAYS:
        return dom != ALL_DAYS  # weekdays alone occur in every month; both restricted may not
    return not (
        dom & _EVERY_MONTH_DAYS
        or (dom & _DAYS_29_30 and months & _NOT_FEBRUARY)
        or (dom >> 31 and months & _LONG_MONTHS)
    )


# The caches here are plain dicts, not functools.lru_cache: functools imports collections,
# which costs a command-line call more start-up time than the search itself (Python 3.12 and
# later load neither otherwise). Dict operations are atomic, so threads share them without a
# lock; a full cache starts afresh.
_YEARS_OF_KIND: tuple[int, ...] = ()
_cycles: dict[tuple[int, int, int, bool], int] = {}
_offsets: dict[tuple[int, int], tuple[int, ...]] = {}


def _years_of_kind() -> tuple[int, ...]:
    """For each of the 14 kinds of year, the 400-bit mask of the cycle's years of that kind."""
    global _YEARS_OF_KIND
    if not _YEARS_OF_KIND:
        masks = [0] * 14
        for r in range(400):
            year = r or 400  # year 400 stands for remainder 0
            masks[7 * is_leap(year) + _first_of_month(year, 1, False) % 7] |= 1 << r
        _YEARS_OF_KIND = tuple(masks)
    return _YEARS_OF_KIND


def _cycle(dom: int, months: int, dow: int, either: bool) -> int:
    """Bit r set when year r of the 400-year cycle (year 400 for r = 0) has a matching day."""
    key = (dom, months, dow, either)
    cycle = _cycles.get(key)
    if cycle is None:
        cycle = _cycle_of(dom, months, dow, either)
        if len(_cycles) >= CYCLE_CACHE_SIZE:
            _cycles.clear()
        _cycles[key] = cycle
    return cycle


def _cycle_of(dom: int, months: int, dow: int, either: bool) -> int:
    # A year's calendar is fixed by its leap-ness and the weekday of January 1st:
    # 14 kinds of year. Find the kinds with a matching day, then mark the cycle's years.
    kinds = 0
    for kind in range(14):
        leap, weekday = divmod(kind, 7)
        first = weekday + 7  # any ordinal with that weekday
        for month in range(1, 13):
            if months >> month & 1 and month_days(dom, dow, either, first, MONTH_MASK[leap][month]):
                kinds |= 1 << kind
                break
            first += DAYS_IN_MONTH[leap][month]
    cycle = 0
    for kind, years in enumerate(_years_of_kind()):
        if kinds >> kind & 1:
            cycle |= years
    return cycle


def _prev_year(dom: int, months: int, dow: int, either: bool, year: int) -> int:
    """The last year at or before ``year`` with a matching day."""
    cycle = _cycle(dom, months, dow, either)
    r = year % 400
    earlier = cycle & ((2 << r) - 1)
    if earlier:
        return year - r + earlier.bit_length() - 1
    return year - r - 400 + cycle.bit_length() - 1


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


def next_wall(hours: int, minutes: int, days: Days, wall: int) -> int | None:
    """The first matching wall minute at or after ``wall`` (wall seconds), or ``None``."""
    if wall < FIRST_WALL:
        wall = FIRST_WALL
    day, minute_of_day = divmod(-(-wall // 60), 1440)  # rounded up to a whole minute
    ordinal = day + UNIX_ORDINAL
    if ordinal > MAX_ORDINAL:
        return None
    time = next_time(hours, minutes, minute_of_day)
    if time >= 0:
        if days.months == ALL_MONTHS and days.dom == ALL_DAYS and not days.either:
            # Only the weekday restricts the day: no calendar date needed.
            if days.dow >> ordinal % 7 & 1:
                return day * 86400 + time * 60
        else:
            d = date.fromordinal(ordinal)
            if days.matches(ordinal, d.month, d.day):
                return day * 86400 + time * 60
    d = date.fromordinal(ordinal)
    ordinal = days.next_from(d.year, d.month, d.day + 1)
    if not ordinal:
        return None
    return (ordinal - UNIX_ORDINAL) * 86400 + next_time(hours, minutes, 0) * 60


def prev_wall(hours: int, minutes: int, days: Days, wall: int) -> int | None:
    """The last matching wall minute at or before ``wall`` (wall seconds), or ``None``."""
    if wall > LAST_WALL:
        wall = LAST_WALL
    day, minute_of_day = divmod(wall // 60, 1440)
    ordinal = day + UNIX_ORDINAL
    if ordinal < 1:
        return None
    d = date.fromordinal(ordinal)
    time = prev_time(hours, minutes, minute_of_day)
    if time >= 0 and days.matches(ordinal, d.month, d.day):
        return day * 86400 + time * 60
    ordinal = days.prev_from(d.year, d.month, d.day - 1)
    if not ordinal:
        return None
    return (ordinal - UNIX_ORDINAL) * 86400 + prev_time(hours, minutes, 1439) * 60


#: Minute and hour masks whose offsets iteration remembers (each at most 60 numbers).
OFFSETS_CACHE_SIZE = 256


def mask_offsets(mask: int, unit: int) -> tuple[int, ...]:
    """``unit`` times each value whose bit is set in a minute or hour mask, ascending: the
    seconds into the hour of each matching minute (unit 60), into the day of each matching
    hour (unit 3600)."""
    key = (mask, unit)
    offsets = _offsets.get(key)
    if offsets is None:
        offsets = _mask_offsets(mask, unit)
        if len(_offsets) >= OFFSETS_CACHE_SIZE:
            _offsets.clear()
        _offsets[key] = offsets
    return offsets


def _mask_offsets(mask: int, unit: int) -> tuple[int, ...]:
    values = []
    while mask:
        low = mask & -mask  # lowest set bit
        values.append((low.bit_length() - 1) * unit)
        mask ^= low
    return tuple(values)
