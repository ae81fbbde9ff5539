"""Schedules: a cron in a time zone, and the instants at which it fires.

Instants are integers here, seconds since 1970-01-01T00:00Z. A zone's history is
a sequence of *segments*, maximal intervals with one UTC offset; inside one,
wall time is the instant plus that offset, so the naive calendar search runs on
wall time and maps back by subtracting it. A fire found past the segment's end
is not a fire (its wall time belongs to a gap, or to the other pass of a fold):
the search goes on in the next segment. This gives literal wall-clock matching
for every offset change without special cases: a wall time in a gap lies in no
segment and never fires; a wall time in a fold lies in two segments (the first
pass in the earlier offset, the second in the later one) and fires in each.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, datetime, timedelta, timezone, tzinfo
from datetime import time as time_of_day
from itertools import islice

from ._calendar import (
    ALL_DAYS,
    ALL_MONTHS,
    ALL_WEEKDAYS,
    DAYS_BEFORE_MONTH,
    DAYS_IN_MONTH,
    MAX_ORDINAL,
    SPAN_FAR,
    UNIX_ORDINAL,
    day_span,
    first_time,
    mask_offsets,
    month_length,
    next_matching_day,
    next_wall,
    prev_wall,
)
from ._cron import Cron, parse, set_days
from ._errors import CronwallError
from ._jitter import DEFAULT_MAX_DELAY, jitter
from ._tzif import NEVER_AFTER, NEVER_BEFORE, ZoneRules
from ._zones import (
    check_picklable,
    get_zone,
    rules_for_name,
    rules_for_tzinfo,
    tzdata_name,
    tzinfo_name,
)

# Not typing.TYPE_CHECKING: importing typing would cost a command-line call more start-up
# time than this whole module (type checkers treat any name TYPE_CHECKING alike).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

    from ._calendar import Days
    from ._hazards import DstHazard
    from ._responses import ScheduleDict
    from ._typed import Catchup, FoldPolicy, GapPolicy, Run

_UTC = timezone.utc
_EPOCH = datetime(1970, 1, 1, tzinfo=_UTC)
#: The first and last instants a datetime can hold: 0001-01-01T00:00:00Z, 9999-12-31T23:59:59Z.
FIRST_INSTANT = (1 - UNIX_ORDINAL) * 86400
LAST_INSTANT = (MAX_ORDINAL - UNIX_ORDINAL) * 86400 + 86399
_MICROSECOND = timedelta(microseconds=1)
# Weekday of day number 0 (1970-01-01, a Thursday) with Sunday as 0: day + 4 mod 7.
_UNIX_WEEKDAY = UNIX_ORDINAL % 7
# next_fire's fast path covers instants from 0002-01-01 to 9998-12-31: there every wall
# time within a day of the instant is a valid date, and every fire a valid datetime.
_FAST_FIRST = (366 - UNIX_ORDINAL) * 86400
_FAST_LAST = (3651695 - UNIX_ORDINAL) * 86400
# The UTC days of the inputs next_after's inlined fast path takes: u = t + 1 s is in the range,
# and a fire fewer than _DAYS_AHEAD days later is a valid datetime.
_DAYS_AHEAD = 400
_FAST_FIRST_DAY = _FAST_FIRST // 86400
_FAST_LAST_DAY = _FAST_LAST // 86400 - 1 - _DAYS_AHEAD
# next_after's day from which a zone with one offset leaves its segment: never.
_NO_END_DAY = NEVER_AFTER // 86400

# The marks next_after leaves on a cron whose single query jumped to a later month in a year
# (see Cron._days): year -> (0, 0, b"", year), at most one per year 1-9999.
_YEAR_MARKS: dict[int, tuple[int, int, bytes, int]] = {}

# Schedule._day_kind: what restricts a cron's days (next_after takes a shortcut for each).
_EVERY_DAY = 0
_WEEKDAYS = 1  # the day of week alone
_MONTH_DAYS = 2  # the day of month or the month, or both; every day of week
_MONTH_WEEKDAYS = 3  # the month and the day of week; every day of month
_EITHER = 4  # either day field (the 'or' rule) in every month
_GENERAL = 5  # anything else

#: ``due(..., catchup="all")`` refuses to list more fires than this (a list that input can
#: make any length would be unbounded memory); past it, narrow the window with ``grace``.
MAX_DUE_FIRES = 100_000


def instant(moment: datetime, what: str = "t") -> tuple[int, int]:
    """(whole seconds since the epoch, microseconds) of an aware datetime, without overflow.

    ``moment.astimezone(utc)`` would overflow for 9999-12-31T23:00-12:00; integers do not.
    """
    if not isinstance(moment, datetime):
        raise TypeError(f"{what} must be an aware datetime, not {type(moment).__name__}")
    offset = moment.utcoffset()
    if offset is None:
        raise TypeError(
            f"{what} is a naive datetime, which names no instant; give it a tzinfo "
            "(for example datetime.timezone.utc)"
        )
    seconds = (
        (moment.toordinal() - UNIX_ORDINAL) * 86400
        + moment.hour * 3600
        + moment.minute * 60
        + moment.second
    )
    if not offset:
        return seconds, moment.microsecond
    if not offset.microseconds:
        # Whole seconds, as every real zone's offsets are: no timedelta division needed.
        return seconds - offset.days * 86400 - offset.seconds, moment.microsecond
    micros = seconds * 1_000_000 + moment.microsecond - offset // _MICROSECOND
    whole, fraction = divmod(micros, 1_000_000)
    return whole, fraction


def _via_timedelta(u: int, tz: tzinfo) -> datetime:
    return _EPOCH + timedelta(seconds=u)


def _fast_path_covers_every_year() -> bool:
    # datetime.fromtimestamp is the cheapest way to build a datetime, but some platforms
    # (Windows) refuse timestamps before 1970; use it only where it covers years 1-9999.
    try:
        first = datetime.fromtimestamp(FIRST_INSTANT, _UTC)
        last = datetime.fromtimestamp(LAST_INSTANT, _UTC)
    except (OverflowError, OSError, ValueError):
        return False
    expected = (_via_timedelta(FIRST_INSTANT, _UTC), _via_timedelta(LAST_INSTANT, _UTC))
    return (first, last) == expected


#: (instant, utc) -> the aware UTC datetime of that instant.
_utc_datetime = datetime.fromtimestamp if _fast_path_covers_every_year() else _via_timedelta


_combine = datetime.combine
_fromordinal = date.fromordinal
#: The 1,440 whole minutes of a day as times, and whole days from 0 to _DAYS_AHEAD - 1 as
#: timedeltas (about 90 kB, shared), built on first need.
_TIMES: tuple[time_of_day, ...] = ()
_DAYS: tuple[timedelta, ...] = ()


def _times_and_days() -> None:
    global _TIMES, _DAYS
    _TIMES = tuple([time_of_day(hour, minute) for hour in range(24) for minute in range(60)])
    _DAYS = tuple([timedelta(days) for days in range(_DAYS_AHEAD)])


# The minutes of a day as shared ints: a schedule's first time of day costs no int of its own.
_MINUTE_NUMBERS = tuple(range(1440))


def _as_utc(t: datetime) -> datetime | None:
    """``t`` as an aware UTC datetime, the input next_after's fast path reads; None for what
    only :func:`instant` reads: another type or a subclass, a naive datetime (it raises), an
    instant whose UTC clock lies outside years 1-9999."""
    # utcoffset() first: astimezone() would take a datetime without one for local time.
    if type(t) is datetime and t.utcoffset() is not None:
        try:
            return t.astimezone(_UTC)
        except OverflowError:
            pass
    return None


def to_datetime(u: int) -> datetime:
    """The aware UTC datetime of instant ``u``."""
    return _utc_datetime(u, _UTC)


# Iteration makes each fire's datetime by adding a timedelta to its day's or hour's (about
# 35 ns) instead of from its instant (about 250 ns). The steps: each minute of an hour, hour
# of a day, and day of a year (up to 366 days), as shared timedeltas (about 20 kB), built on
# first need.
_MINUTE_STEPS: tuple[timedelta, ...] = ()
_HOUR_STEPS: tuple[timedelta, ...] = ()
_DAY_STEPS: tuple[timedelta, ...] = ()
# A walk by steps keeps its day's midnight instant (and so every fire of the day) inside the
# datetime range by stopping at these instants: a day from either end of the calendar, where
# iteration takes one search per fire instead.
_STEP_FIRST = FIRST_INSTANT + 86400
_STEP_LAST = LAST_INSTANT + 1 - 86400
#: unit (60 or 3600) -> {minute or hour mask: the steps of its matching values}; each
#: emptied when it is full.
_MASK_STEPS: dict[int, dict[int, tuple[timedelta, ...]]] = {60: {}, 3600: {}}
MASK_STEPS_CACHE_SIZE = 256


def _walk_tables(
    cron: Cron,
) -> tuple[
    Days, tuple[int, ...], tuple[int, ...], tuple[timedelta, ...], tuple[timedelta, ...], bool
]:
    """What both iteration walks read of a cron: its days; the seconds into the hour of each
    matching minute and into the day of each matching hour, and the same as timedeltas; and
    whether only the day of month restricts days, its first day occurring in every month."""
    days = cron.days
    dom = days.dom
    return (
        days,
        mask_offsets(cron.minute_mask, 60),
        mask_offsets(cron.hour_mask, 3600),
        _mask_steps(cron.minute_mask, 60),
        _mask_steps(cron.hour_mask, 3600),
        days.dow == ALL_WEEKDAYS and not days.either and dom & -dom <= 1 << 28,
    )


def _mask_steps(mask: int, unit: int) -> tuple[timedelta, ...]:
    """``mask_offsets(mask, unit)`` as timedeltas: the time into the hour of each matching
    minute (unit 60), into the day of each matching hour (unit 3600)."""
    global _MINUTE_STEPS, _HOUR_STEPS, _DAY_STEPS
    cache = _MASK_STEPS[unit]
    steps = cache.get(mask)
    if steps is None:
        if not _DAY_STEPS:
            _MINUTE_STEPS = tuple([timedelta(minutes=minute) for minute in range(60)])
            _HOUR_STEPS = tuple([timedelta(hours=hour) for hour in range(24)])
            _DAY_STEPS = tuple([timedelta(days) for days in range(367)])
        table = _MINUTE_STEPS if unit == 60 else _HOUR_STEPS
        steps = tuple([table[offset // unit] for offset in mask_offsets(mask, unit)])
        if len(cache) >= MASK_STEPS_CACHE_SIZE:
            cache.clear()
        cache[mask] = steps
    return steps


def next_fire(cron: Cron, rules: ZoneRules, u: int) -> int | None:
    """The first fire at or after instant ``u``, or ``None`` past the datetime range."""
    # Fast path, which answers most single queries: the fire lies in the segment holding u
    # (always, in a zone with one offset). It reads the masks straight from the cron's key,
    # jumps to the next matching time of day, and to the next matching day when today has
    # none, without a date when only the weekday restricts days. The general search below
    # handles the rest (another segment, year ends that need a long jump, the ends of the
    # datetime range) with the same answer.
    if _FAST_FIRST <= u <= _FAST_LAST:
        minutes, hours, dom, months, dow, either = cron._key
        offset = rules.min_offset
        if offset == rules.max_offset:
            end = NEVER_AFTER  # one offset for all time: a single segment
        else:
            # The zone's hot table holds the segments around the last query that missed it
            # (a scheduler asks about "now"); a segment, once found, stays true.
            ends, offsets, *_ = rules.hot
            i = bisect_right(ends, u)
            hot_offset = offsets[i]
            if hot_offset is None:  # u lies outside the table
                ends, offsets, *_ = rules.heat(u)
                i = bisect_right(ends, u)
                hot_offset = offsets[i]
                if hot_offset is None:  # an offset of seconds
                    return _next_fire_segments(cron, rules, u)
            end = ends[i]
            offset = hot_offset
        day, minute_of_day = divmod((u + offset + 59) // 60, 1440)  # wall minute, rounded up
        hour = minute_of_day // 60
        later = minutes >> (minute_of_day - hour * 60)
        if hours >> hour & 1 and later:
            time = minute_of_day + (later & -later).bit_length() - 1  # lowest set bit
        else:
            later = hours >> (hour + 1)
            time = (
                (hour + (later & -later).bit_length()) * 60 + (minutes & -minutes).bit_length() - 1
                if later
                else -1
            )
        ordinal = day + UNIX_ORDINAL
        if dom == ALL_DAYS and months == ALL_MONTHS and not either:
            weekday = ordinal % 7  # ordinal 7 is a Sunday
            if time < 0 or not dow >> weekday & 1:
                # The next matching weekday after today: two weeks of bits side by side.
                later = (dow | dow << 7) >> (weekday + 1)
                day += (later & -later).bit_length()
                time = first_time(hours, minutes)
        else:
            d = date.fromordinal(ordinal)
            year, month, mday = d.year, d.month, d.day
            weekday = ordinal % 7
            if (
                time < 0
                or not months >> month & 1
                or not (
                    (dom >> mday | dow >> weekday) & 1
                    if either
                    else dom >> mday & dow >> weekday & 1
                )
            ):
                only_dom = dow == ALL_WEEKDAYS and not either
                later = dom >> (mday + 1) if only_dom and months >> month & 1 else 0
                step = (later & -later).bit_length()  # days to the next matching day of month
                first_dom = (dom & -dom).bit_length() - 1  # the first matching day of month
                if later and mday + step <= month_length(year, month):
                    day += step
                elif only_dom and first_dom <= 28 and year < 9999:
                    # Day first_dom occurs in every month: the next month in the mask has it.
                    later = months >> (month + 1)
                    if later:
                        month += (later & -later).bit_length()
                    else:
                        year, month = year + 1, (months & -months).bit_length() - 1
                    day = date(year, month, first_dom).toordinal() - UNIX_ORDINAL
                else:
                    found = next_matching_day(dom, months, dow, either, year, month, mday + 1)
                    if found is None:
                        return _next_fire_segments(cron, rules, u)
                    day = found[0] - UNIX_ORDINAL
                time = first_time(hours, minutes)
        wall = day * 86400 + time * 60  # the first matching wall minute after u's wall
        fire = wall - offset
        # Past the segment's end, the same wall may still fire in a later segment: no wall
        # from u's wall up to `wall` matches, so when a segment's walls start inside that
        # range, `wall` is its first candidate. Instants before wall - max_offset have walls
        # below `wall`, so when none of them can reach back before u's wall they are skipped
        # at once (as the general search does). A wall in a gap, or a fold reaching back
        # before u's wall, needs a new search.
        hops = 0
        while fire >= end:
            hops += 1
            if hops > 3:
                return _next_fire_segments(cron, rules, u)
            v = end
            if end + rules.min_offset >= u + offset and wall - rules.max_offset > v:
                v = wall - rules.max_offset
            _, next_end, next_offset = rules.segment(v)
            if not u + offset <= v + next_offset <= wall:
                return _next_fire_segments(cron, rules, u)
            fire, end = wall - next_offset, next_end
        return fire if fire <= LAST_INSTANT else None
    return _next_fire_segments(cron, rules, u)


def _hot_segment(rules: ZoneRules, u: int) -> tuple[tuple[int, ...], int, int]:
    """(ends, i, offset) of the segment holding ``u``, from the zone's hot table (heated when
    ``u`` lies outside it): the segment is [ends[i - 1], ends[i]) with that offset."""
    ends, offsets, *_ = rules.hot
    i = bisect_right(ends, u)
    offset = offsets[i]
    if offset is None:  # outside the table
        ends, offsets, *_ = rules.heat(u)
        i = bisect_right(ends, u)
        offset = offsets[i]
        if offset is None:  # an offset of seconds, which the table leaves out
            start, end, offset = rules.segment(u)
            return (start, end), 1, offset
    return ends, i, offset


def _next_fire_segments(cron: Cron, rules: ZoneRules, u: int) -> int | None:
    """next_fire's general case: walk the zone's segments from ``u`` on."""
    hours, minutes, days = cron.hour_mask, cron.minute_mask, cron.days
    min_offset, max_offset = rules.min_offset, rules.max_offset
    if u < FIRST_INSTANT:
        u = FIRST_INSTANT
    # The last search: no wall in [searched, found) matches, and `found` does.
    searched: int | None = None
    found: int | None = None
    while u <= LAST_INSTANT:
        _, end, offset = rules.segment(u)
        wall = u + offset
        if searched is None or wall < searched or (found is not None and wall > found):
            searched, found = wall, next_wall(hours, minutes, days, wall)
        if found is not None:
            fire = found - offset
            if fire < end:
                return fire if fire <= LAST_INSTANT else None
        if end >= NEVER_AFTER:
            return None
        # No fire in this segment. Every instant v in [end, found - max_offset) has its wall
        # in [wall, found), which matches nothing, when end + min_offset >= wall: skip those
        # segments at once. This keeps '0 0 29 2 */7' in a DST zone at two steps instead of
        # two per year.
        u = end
        if found is not None and end + min_offset >= wall:
            skip = found - max_offset
            if skip > u:
                u = skip
    return None


def prev_fire(cron: Cron, rules: ZoneRules, u: int) -> int | None:
    """The last fire at or before instant ``u``, or ``None`` before the datetime range."""
    hours, minutes, days = cron.hour_mask, cron.minute_mask, cron.days
    min_offset, max_offset = rules.min_offset, rules.max_offset
    if u > LAST_INSTANT:
        u = LAST_INSTANT
    # The last search: no wall in (found, searched] matches, and `found` does.
    searched: int | None = None
    found: int | None = None
    while u >= FIRST_INSTANT:
        start, _, offset = rules.segment(u)
        wall = u + offset
        if searched is None or wall > searched or (found is not None and wall < found):
            searched, found = wall, prev_wall(hours, minutes, days, wall)
        if found is not None:
            fire = found - offset
            if fire >= start:
                return fire if fire >= FIRST_INSTANT else None
        if start <= NEVER_BEFORE:
            return None
        # Mirror image of next_fire's skip: walls (found, wall] match nothing.
        u = start - 1
        if found is not None and start - 1 + max_offset <= wall:
            skip = found - min_offset
            if skip < u:
                u = skip
    return None


def _next_day_after(
    day: int,
    year: int,
    month: int,
    mday: int,
    kind: int,
    dom: int,
    months: int,
    dow: int,
    either: bool,
) -> int | None:
    """The first matching day in a month after wall day ``day`` (``year``-``month``-``mday``),
    as a day number, or None where the general search must decide (none within 8 years, or
    past year 9999). For next_after's day kinds _MONTH_DAYS and _MONTH_WEEKDAYS."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if kind == _MONTH_DAYS:
        # The first matching day of the next month in the mask that has it (a 29th, 30th
        # or 31st skips the months without); leap or not matters in any month from here.
        first_dom = (dom & -dom).bit_length() - 1
        next_year, next_month = year, month
        while True:
            later = months >> (next_month + 1)
            if later:
                next_month += (later & -later).bit_length()
            else:
                next_year += 1
                if next_year > year + 8 or next_year > 9999:
                    # None in 8 years (a 29th of February around 2100, or a day that never
                    # occurs): the general search knows which year.
                    found = next_matching_day(dom, months, dow, either, year, month, 32)
                    return None if found is None else found[0] - UNIX_ORDINAL
                next_month = (months & -months).bit_length() - 1
                leap = next_year % 4 == 0 and (next_year % 100 != 0 or next_year % 400 == 0)
            if first_dom <= 28 or first_dom <= DAYS_IN_MONTH[leap][next_month]:
                break
        if next_year == year:
            # From this month's 1st, by the days before each month.
            before = DAYS_BEFORE_MONTH[leap]
            return day + before[next_month] - before[month] - mday + first_dom
        y = next_year - 1
        return (
            y * 365
            + y // 4
            - y // 100
            + y // 400
            + DAYS_BEFORE_MONTH[leap][next_month]
            + first_dom
            - UNIX_ORDINAL
        )
    if kind == _MONTH_WEEKDAYS and year < 9999:
        # The first matching weekday of the next month in the mask (every month has each
        # weekday), counted from that month's 1st.
        later = months >> (month + 1)
        if later:
            before = DAYS_BEFORE_MONTH[leap]
            first = day - mday + 1 - before[month] + before[month + (later & -later).bit_length()]
        else:
            y = year + 1
            leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
            first = (
                year * 365
                + year // 4
                - year // 100
                + year // 400
                + DAYS_BEFORE_MONTH[leap][(months & -months).bit_length() - 1]
                + 1
                - UNIX_ORDINAL
            )
        week = (dow | dow << 7) >> (first + _UNIX_WEEKDAY) % 7
        return first + (week & -week).bit_length() - 1
    found = next_matching_day(dom, months, dow, either, year, month, mday + 1)
    return None if found is None else found[0] - UNIX_ORDINAL


def _note_month_jump(cron: Cron, year: int, found: int) -> None:
    """next_after's single query of ``cron`` in ``year`` jumped to a later month, to day
    ``found``: the first such jump in a year marks the year on the cron (see Cron._days), the
    second builds the cron's day span from that year on. So a query of a never-seen
    expression builds nothing, and queries that each fall in another year never rebuild it."""
    span = cron._days
    if span is None or year > span[3]:
        # Marks the year, with one tuple per year shared by every cron (the first query of a
        # never-seen expression keeps no new object).
        mark = _YEAR_MARKS.get(year)
        if mark is None:
            mark = _YEAR_MARKS.setdefault(year, (0, 0, b"", year))
        set_days(cron, mark)
    elif not span[1] and year == span[3]:
        _, _, dom, months, dow, either = cron._key
        first, counts = day_span(dom, months, dow, either, year)
        end = first + len(counts)
        # A span without the day found would only be read to no end (a cron that fires once
        # in 28 years): an empty one, built for the year, instead.
        set_days(cron, (first, end, counts, year) if found < end else (1, 1, b"", year))


class Schedule:
    """A cron expression in a time zone: when it fires, as aware UTC datetimes.

    ``timezone`` is an IANA name (checked against the ``tzdata`` package) or a
    ``tzinfo`` object, whose own rules are then used exactly. Fires follow literal
    wall-clock matching: a wall time in a gap never fires, one in a fold fires
    twice (first pass, then second pass). ``gap="late"`` instead fires the wall
    times of a gap once, at the end of the gap; ``fold="first"`` or ``"last"``
    fires a wall time of a fold only in that pass.
    """

    __slots__ = (
        "__weakref__",
        "_day_kind",
        "_first_time",
        "_last_time",
        "_rules",
        "_zone_key",
        "cron",
        "fold",
        "gap",
        "timezone",
    )

    cron: Cron
    #: The zone's IANA name, or ``str()`` of a caller's tzinfo object.
    timezone: str
    #: What the schedule does with a matching wall time in a gap: ``"skip"`` or ``"late"``.
    gap: GapPolicy
    #: What it does with one in a fold: ``"both"`` passes, ``"first"`` or ``"last"`` only.
    fold: FoldPolicy
    _zone_key: str | tzinfo
    _rules: ZoneRules
    #: The cron's first matching minute of a day (next_after's day steps land there).
    _first_time: int
    #: Its last matching minute of a day (after it, today's date need not be looked at).
    _last_time: int
    #: What restricts the days (one of _EVERY_DAY ... _GENERAL): next_after's shortcut.
    _day_kind: int

    def __init__(
        self,
        cron: str | Cron,
        timezone: str | tzinfo = "UTC",
        *,
        gap: GapPolicy = "skip",
        fold: FoldPolicy = "both",
    ) -> None:
        if gap != "skip" or fold != "both":
            # A schedule with a policy becomes a PolicySchedule (same slots), whose few
            # overridden methods every fire goes through: default schedules run the
            # literal engine unchanged, without even a branch.
            from ._policy import PolicySchedule, check_policy

            gap, fold = check_policy(gap, fold)
            if not isinstance(self, PolicySchedule):
                if type(self) is not Schedule:
                    raise TypeError(
                        f"{type(self).__name__} takes only the literal policy "
                        "(gap='skip', fold='both')"
                    )
                object.__setattr__(self, "__class__", PolicySchedule)
        if isinstance(cron, str):
            cron = parse(cron)
        elif not isinstance(cron, Cron):
            raise TypeError(
                f"cron must be an expression (str) or a Cron, not {type(cron).__name__}"
            )
        zone_key: str | tzinfo
        if isinstance(timezone, str):
            if type(timezone) is not str:
                # The exact text: a subclass's __eq__ and __hash__ must not pick the zone.
                timezone = str.__str__(timezone)
            rules = rules_for_name(timezone)
            name, zone_key = timezone, timezone
        elif isinstance(timezone, tzinfo):
            known = tzdata_name(timezone)
            if known is not None:
                # tzdata's own data: the same rules as the name, and the same value.
                rules = rules_for_name(known)
                name, zone_key = known, known
            else:
                rules = rules_for_tzinfo(timezone)
                name, zone_key = tzinfo_name(timezone), timezone
        else:
            raise TypeError(
                "timezone must be an IANA name (str) or a tzinfo object, "
                f"not {type(timezone).__name__}"
            )
        # The slots' own setters: __setattr__ refuses every name, and object.__setattr__
        # looks each one up again (construction is part of every first query).
        _set_cron(self, cron)
        _set_timezone(self, name)
        _set_zone_key(self, zone_key)
        _set_rules(self, rules)
        minutes, hours, dom, months, dow, either = cron._key
        first = (hours & -hours).bit_length() * 60 + (minutes & -minutes).bit_length() - 61
        _set_first_time(self, _MINUTE_NUMBERS[first])
        _set_last_time(self, _MINUTE_NUMBERS[hours.bit_length() * 60 + minutes.bit_length() - 61])
        # _day_kind, inlined: construction is part of every first query.
        if dom == ALL_DAYS and months == ALL_MONTHS and not either:
            kind = _EVERY_DAY if dow == ALL_WEEKDAYS else _WEEKDAYS
        elif either:
            kind = _EITHER if months == ALL_MONTHS else _GENERAL
        else:
            kind = (
                _MONTH_DAYS
                if dow == ALL_WEEKDAYS
                else _MONTH_WEEKDAYS
                if dom == ALL_DAYS
                else _GENERAL
            )
        _set_day_kind(self, kind)
        _set_gap(self, gap)
        _set_fold(self, fold)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Schedule is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Schedule is immutable; cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Schedule):
            return (
                self.cron == other.cron
                and self._zone_key == other._zone_key
                and self.gap == other.gap
                and self.fold == other.fold
            )
        return NotImplemented

    def __hash__(self) -> int:
        if self.gap == "skip" and self.fold == "both":
            return hash((self.cron, self._zone_key))
        return hash((self.cron, self._zone_key, self.gap, self.fold))

    def __reduce__(self) -> tuple[Any, ...]:
        # A schedule travels as its expression and zone name (and its policy, when it has
        # one), and computes the same fires wherever the same cronwall and tzdata versions run.
        key = self._zone_key
        if not isinstance(key, str):
            check_picklable(key)
        if self.gap == "skip" and self.fold == "both":
            return (Schedule, (str(self.cron), key))
        return (_with_policy, (str(self.cron), key, self.gap, self.fold))

    def __copy__(self) -> Schedule:
        return self  # immutable: a copy is the value itself, whatever its tzinfo

    def __deepcopy__(self, memo: dict[int, object]) -> Schedule:
        return self

    def __repr__(self) -> str:
        policy = "".join(
            f", {name}={value!r}"
            for name, value, default in (("gap", self.gap, "skip"), ("fold", self.fold, "both"))
            if value != default
        )
        return f"Schedule({str(self.cron)!r}, {self.timezone!r}{policy})"

    @property
    def tzinfo(self) -> tzinfo:
        """The zone as a tzinfo, for local views: ``fire.astimezone(schedule.tzinfo)``."""
        key = self._zone_key
        return get_zone(key) if isinstance(key, str) else key

    # -- single steps ------------------------------------------------------------------------

    def next_after(self, t: datetime) -> datetime | None:
        """The first fire strictly after ``t``, or ``None`` past year 9999."""
        if type(t) is not datetime or t.tzinfo is not _UTC:
            moment = _as_utc(t)
            if moment is None:
                fire = next_fire(self.cron, self._rules, instant(t)[0] + 1)
                return None if fire is None else _utc_datetime(fire, _UTC)
            t = moment
        # t is in UTC here (the input a scheduler holds; another zone's was converted above):
        # next_fire's fast path, inlined, with the same steps and answers. A subtraction reads
        # t without utcoffset() calls; the segment comes from the zone's hot table; the answer
        # is t's own date, moved by whole days, with a shared time of day (cheaper than
        # fromtimestamp).
        elapsed = t - _EPOCH
        today = elapsed.days  # the day number of t's UTC date
        seconds = elapsed.seconds  # whole seconds into it
        if not _FAST_FIRST_DAY <= today <= _FAST_LAST_DAY:
            fire = next_fire(self.cron, self._rules, today * 86400 + seconds + 1)
            return None if fire is None else _utc_datetime(fire, _UTC)
        cron = self.cron
        minutes, hours, dom, months, dow, either = cron._key
        rules = self._rules
        offset = rules.fixed_offset
        if offset is not None:
            end_day = _NO_END_DAY  # one offset for all time: a single segment
            offset_minutes = offset and offset // 60
        else:
            # The segment holding u = t's whole second + 1 s: the table's ends, less a second,
            # as timedeltas since the epoch, bisected by `elapsed` (no arithmetic on u).
            ends, offsets, walls, wall_days, before_ends, minutes_of = rules.hot
            i = bisect_right(before_ends, elapsed)
            offset = offsets[i]
            if offset is not None:
                end_day = wall_days[i]  # a wall day before it lies in the segment
                offset_minutes = minutes_of[i]
            else:
                # u lies outside the table, or the table has only its ends and offsets yet.
                u = today * 86400 + seconds + 1
                i = bisect_right(ends, u)
                offset = offsets[i]
                if offset is None:  # outside the table
                    ends, offsets, walls, wall_days, *_ = rules.heat(u)
                    i = bisect_right(ends, u)
                    offset = offsets[i]
                    if offset is None:  # an offset of seconds: the general search
                        fire = next_fire(self.cron, rules, u)
                        return None if fire is None else _utc_datetime(fire, _UTC)
                elif not before_ends:
                    rules.complete()  # the table's second query: the rest, for the next ones
                end_day = (ends[i] + offset) // 86400
                offset_minutes = offset // 60
        # The first wall minute strictly after t's wall time, from today's UTC midnight.
        day = today
        minute_of_day = (seconds + offset) // 60 + 1
        if not 0 <= minute_of_day < 1440:
            day += minute_of_day // 1440
            minute_of_day %= 1440
        # Today's wall date first: on a day that does not match (most days, for a sparse
        # schedule), the time of day is not needed.
        kind = self._day_kind
        if not kind:
            matching = 1  # every day
        elif kind == _WEEKDAYS:
            # Only the weekday restricts days: no calendar date needed.
            weekday = (day + _UNIX_WEEKDAY) % 7
            matching = dow >> weekday & 1
        else:
            span = cron._days
            if span and span[0] <= day < span[1]:
                # The cron's day span holds the day (repeated single queries, as a scheduler
                # makes): its count says whether it matches, no calendar date needed.
                first = span[0]
                k = day - first
                counts = span[2]
                matching = minute_of_day <= self._last_time and not counts[k]
            else:
                k = -1
                if day == today:
                    year, month, mday = t.year, t.month, t.day
                else:
                    d = date.fromordinal(day + UNIX_ORDINAL)
                    year, month, mday = d.year, d.month, d.day
                if minute_of_day > self._last_time:
                    matching = 0  # no time left today, whatever the date
                elif kind == _MONTH_DAYS:
                    matching = months >> month & 1 and dom >> mday & 1
                elif kind == _MONTH_WEEKDAYS:
                    matching = months >> month & 1 and dow >> (day + _UNIX_WEEKDAY) % 7 & 1
                elif kind == _EITHER:
                    matching = (dom >> mday | dow >> (day + _UNIX_WEEKDAY) % 7) & 1
                else:
                    matching = months >> month & 1 and (
                        (dom >> mday | dow >> (day + _UNIX_WEEKDAY) % 7) & 1
                        if either
                        else dom >> mday & dow >> (day + _UNIX_WEEKDAY) % 7 & 1
                    )
        time = -1
        if matching:
            hour = minute_of_day // 60
            later = minutes >> (minute_of_day - hour * 60)
            if hours >> hour & 1 and later:
                time = minute_of_day + (later & -later).bit_length() - 1  # lowest set bit
            else:
                later = hours >> (hour + 1)
                if later:
                    time = (hour + (later & -later).bit_length()) * 60 + self._first_time % 60
        if time < 0:
            # No time left today: the first time of the next matching day.
            if not kind:
                day += 1
            elif kind == _WEEKDAYS:
                # The next matching weekday: two weeks of bits side by side.
                later = (dow | dow << 7) >> (weekday + 1)
                day += (later & -later).bit_length()
            else:
                if k >= 0:
                    # From the day span: the count from tomorrow, SPAN_FAR meaning "look
                    # again that many days on"; past the span's end, the search below.
                    try:
                        k += 1
                        step = counts[k]
                        while step == SPAN_FAR:
                            k += SPAN_FAR
                            step = counts[k]
                        day = first + k + step
                    except IndexError:
                        d = date.fromordinal(day + UNIX_ORDINAL)
                        year, month, mday = d.year, d.month, d.day
                        k = -1
                if k < 0:
                    found: int | None
                    if kind == _GENERAL:
                        # No shortcut (and no span: rare crons such as Sundays that are a
                        # 29th of February): the general day search.
                        at = next_matching_day(dom, months, dow, either, year, month, mday + 1)
                        found = None if at is None else at[0] - UNIX_ORDINAL
                    else:
                        length = DAYS_IN_MONTH[
                            month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
                        ][month]
                        if kind == _EITHER:
                            # Either day field: the nearer of the next matching weekday (within
                            # a week) and the next matching day of month (this month, or the
                            # next's first).
                            later = (dow | dow << 7) >> ((day + _UNIX_WEEKDAY) % 7 + 1)
                            step = (later & -later).bit_length()
                            later = dom >> (mday + 1)
                            if later and mday + (later & -later).bit_length() <= length:
                                by_day = (later & -later).bit_length()
                            else:
                                by_day = length - mday + (dom & -dom).bit_length() - 1
                            found = day + (by_day if by_day < step else step)
                        else:
                            # The next matching day later this month, when the day fields say
                            # so cheaply, else the first matching day of a later month.
                            step = 0
                            if kind == _MONTH_DAYS:
                                later = dom >> (mday + 1) if months >> month & 1 else 0
                                if later:
                                    step = (later & -later).bit_length()
                            elif kind == _MONTH_WEEKDAYS and months >> month & 1:
                                later = (dow | dow << 7) >> ((day + _UNIX_WEEKDAY) % 7 + 1)
                                step = (later & -later).bit_length()
                            if step and mday + step <= length:
                                found = day + step
                            else:
                                found = _next_day_after(
                                    day, year, month, mday, kind, dom, months, dow, either
                                )
                        if found is not None and found - day > length - mday:
                            _note_month_jump(cron, year, found)
                    if found is None:
                        fire = _next_fire_segments(cron, rules, today * 86400 + seconds + 1)
                        return None if fire is None else _utc_datetime(fire, _UTC)
                    day = found
            time = self._first_time
        # The first matching wall minute after t's wall is `time` into wall day `day`: in t's
        # segment unless on or after the day its wall times end.
        if day >= end_day and (wall := day * 86400 + time * 60) - offset >= ends[i]:
            # Past the segment's end (so not a fixed-offset zone: the hot table was read).
            # When no later segment's wall times start before t's wall time (no fold within a
            # day of t brings earlier walls back), the fire is the wall's first pass: the hot
            # table's wall ends find its segment, unless the wall lies in a gap. Both are
            # known by whole days when far enough from the changes (an offset changes by
            # less than `reach` days), else by the instants.
            j = bisect_right(walls, wall)
            hot_offset = offsets[j]
            reach = rules.reach_days
            if (
                hot_offset is not None
                and day - wall_days[j - 1] > reach
                and end_day - today - (seconds + offset) // 86400 > reach
            ):
                offset = hot_offset
                offset_minutes = offset // 60
            else:
                end = ends[i]
                u = today * 86400 + seconds + 1
                start_wall = u + offset
                low = rules.min_offset
                if (
                    hot_offset is not None
                    and wall - hot_offset >= ends[j - 1]
                    and end + low >= start_wall
                ):
                    offset = hot_offset
                else:
                    # Segment by segment, as next_fire follows them: from the hot table while
                    # it has them (growing it for a fire up to 8 years on), at most three
                    # before the general search takes over.
                    skip = wall - rules.max_offset
                    hops = 3
                    while True:
                        v = skip if skip > end and end + low >= start_wall else end
                        i = bisect_right(ends, v)
                        hot_offset = offsets[i]
                        if hot_offset is None:  # beyond the hot table
                            end, offset = rules.ahead(v)
                            if offset % 60:  # an offset of seconds: the general search
                                fire = _next_fire_segments(cron, rules, u)
                                return None if fire is None else _utc_datetime(fire, _UTC)
                        else:
                            end = ends[i]
                            offset = hot_offset
                        fire = wall - offset
                        if fire < end and start_wall <= v + offset <= wall:
                            break
                        hops -= 1
                        if not hops or not start_wall <= v + offset <= wall:
                            fire = _next_fire_segments(cron, rules, u)
                            return None if fire is None else _utc_datetime(fire, _UTC)
                offset_minutes = offset // 60
        # The fire is `time` into wall day `day`; in UTC, the offset's minutes earlier (one day
        # at most either way: an offset is under 24 hours).
        ahead = day - today
        minute_index = time
        if offset_minutes:  # whole minutes: the hot table and fixed_offset hold no other
            minute_index -= offset_minutes
            if minute_index < 0:
                minute_index += 1440
                ahead -= 1
            elif minute_index >= 1440:
                minute_index -= 1440
                ahead += 1
        try:
            if not ahead:
                return _combine(t, _TIMES[minute_index], _UTC)
            if ahead < _DAYS_AHEAD:
                # Fewer than _DAYS_AHEAD days after a day of the fast range: a valid datetime.
                return _combine(t + _DAYS[ahead], _TIMES[minute_index], _UTC)
            ahead += today + UNIX_ORDINAL  # the fire's UTC date, as an ordinal
            if ahead > MAX_ORDINAL:
                return None  # past 9999-12-31
            return _combine(_fromordinal(ahead), _TIMES[minute_index], _UTC)
        except IndexError:
            if _TIMES:
                raise
            _times_and_days()  # once: the tables are built on first need
            return Schedule.next_after(self, t)

    def prev_before(self, t: datetime) -> datetime | None:
        """The last fire strictly before ``t``, or ``None`` before year 1."""
        seconds, micros = instant(t)
        fire = prev_fire(self.cron, self._rules, seconds if micros else seconds - 1)
        return None if fire is None else _utc_datetime(fire, _UTC)

    def matches(self, t: datetime) -> bool:
        """Whether the instant ``t`` is a fire of this schedule.

        ``t`` is an aware datetime in any zone, compared as an instant, exactly:
        true for both passes of a fold, never for a wall time a gap skips, and false
        for any ``t`` between fires, including one with microseconds or one second
        past a fire. The answer comes from the schedule's own search for its next
        fire, so it always agrees with :meth:`next_after`.
        """
        seconds, micros = instant(t)
        if micros or not FIRST_INSTANT <= seconds <= LAST_INSTANT:
            return False
        if seconds > FIRST_INSTANT:
            fire = self.next_after(to_datetime(seconds - 1))
        else:
            # No instant before the first one to search from: search backwards instead.
            fire = self.prev_before(to_datetime(seconds + 1))
        return fire is not None and instant(fire)[0] == seconds

    # -- iteration ---------------------------------------------------------------------------

    def iter_after(self, t: datetime) -> Iterator[datetime]:
        """Fires strictly after ``t``, ascending; ends past year 9999."""
        seconds, _ = instant(t)
        return self._ascending(seconds + 1, LAST_INSTANT)

    def iter_before(self, t: datetime) -> Iterator[datetime]:
        """Fires strictly before ``t``, descending; ends before year 1."""
        seconds, micros = instant(t)
        return self._descending(seconds if micros else seconds - 1)

    def upcoming(self, n: int, *, after: datetime | None = None) -> list[datetime]:
        """The next ``n`` fires after ``after`` (default: now); fewer only past year 9999."""
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError(f"n must be an int, not {type(n).__name__}")
        if n < 0:
            raise CronwallError(f"n must be at least 0, not {n}", param="n")
        start = datetime.now(_UTC) if after is None else after
        # islice asks for exactly n fires: no search for an (n + 1)th.
        return list(islice(self.iter_after(start), n))

    def between(self, start: datetime, end: datetime) -> Iterator[datetime]:
        """Fires with ``start < fire <= end``, ascending."""
        first, _ = instant(start, "start")
        last, _ = instant(end, "end")
        return self._ascending(first + 1, last)

    def iter_runs(
        self, after: datetime, *, key: str | bytes, max_delay: timedelta = DEFAULT_MAX_DELAY
    ) -> Iterator[Run]:
        """Fires after ``after`` with this schedule's jitter for ``key`` applied.

        Each :class:`Run` keeps the nominal time (``scheduled_at``) beside the jittered
        one (``run_at``); the delay is the same for every run of one key and bound.
        """
        from ._typed import Run  # deferred: it needs typing (start-up time)

        # Checked now, not at the first next(): a bad key, bound or start fails at the call.
        delay = jitter(key, max_delay=max_delay)
        return (Run(fire, fire + delay) for fire in self.iter_after(after))

    # -- catch-up ----------------------------------------------------------------------------

    def due(
        self,
        last: datetime | None,
        now: datetime,
        *,
        catchup: Catchup = "latest",
        grace: timedelta | None = None,
    ) -> list[datetime]:
        """The nominal fires a scheduler should start at ``now``, oldest first.

        The candidates are the fires ``f`` with ``last < f <= now``: ``last`` is the
        last nominal fire that was started, or the instant a paused schedule was
        resumed (so nothing missed while paused is backfilled); ``None`` means the
        schedule never ran, and has no candidates (it starts from its next fire).
        ``grace`` first drops candidates older than ``now - grace``; then
        ``catchup="latest"`` keeps only the newest (after downtime a job runs once)
        and ``catchup="all"`` keeps every one (at most ``MAX_DUE_FIRES``). The two
        passes of a fold are two candidates.
        """
        if catchup not in ("latest", "all"):
            raise CronwallError(
                f"catchup must be 'latest' or 'all', not {catchup!r:.40}",
                param="catchup",
            )
        now_seconds, now_micros = instant(now, "now")
        if last is None:
            return []
        last_seconds, _ = instant(last, "last")
        # Fires are whole seconds: f > last is f >= last_seconds + 1, f <= now is f <= now_seconds.
        first = last_seconds + 1
        if grace is not None:
            if not isinstance(grace, timedelta):
                raise TypeError(f"grace must be a timedelta or None, not {type(grace).__name__}")
            if grace < timedelta(0):
                raise CronwallError(f"grace must not be negative, not {grace}", param="grace")
            # The oldest instant kept is now - grace; the first whole second at or after it.
            oldest = now_seconds * 1_000_000 + now_micros - grace // _MICROSECOND
            first = max(first, -(-oldest // 1_000_000))
        if first > now_seconds:
            return []
        if catchup == "latest":
            latest = next(self._descending(now_seconds), None)
            return [] if latest is None or instant(latest)[0] < first else [latest]
        fires: list[datetime] = []
        for fire in self._ascending(first, now_seconds):
            if len(fires) == MAX_DUE_FIRES:
                raise CronwallError(
                    f"more than {MAX_DUE_FIRES:,} fires are due between last and now; "
                    "pass a grace period to bound the catch-up",
                    param="last",
                )
            fires.append(fire)
        return fires

    # -- for people and APIs (built in _hazards.py and _api.py, which build on this module) --

    def dst_hazards(self, start: datetime, end: datetime) -> list[DstHazard]:
        """Wall times this schedule matches that a clock change at ``start <= T < end`` skips
        (a gap) or repeats (a fold), in order, each with what the schedule's policy does
        with it (``policy`` and ``fires``).

        Empty for UTC, and for schedules that stay clear of the zone's transitions.
        """
        from ._hazards import find_hazards

        first, _ = instant(start, "start")
        last, _ = instant(end, "end")
        return find_hazards(
            self.cron, self._rules, self.timezone, first, last, gap=self.gap, fold=self.fold
        )

    def to_dict(
        self, *, now: datetime | None = None, count: int = 5, last_run_at: datetime | None = None
    ) -> ScheduleDict:
        """The schedule as an API returns it: ``type``, ``expression`` (canonical),
        ``timezone``, ``last_run_at`` and the next ``count`` nominal fires after ``now``
        as ``upcoming_runs_at``, all times RFC 3339 UTC strings.
        """
        from ._api import schedule_to_dict

        return schedule_to_dict(self, now=now, count=count, last_run_at=last_run_at)

    def _ascending(self, u: int, last: int) -> Iterator[datetime]:
        cron, rules = self.cron, self._rules
        make, utc = _utc_datetime, _UTC
        last = min(last, LAST_INSTANT)
        fire = next_fire(cron, rules, u)
        if fire is None or fire > last:
            return
        # The first fire goes out before any set-up, so taking one costs one search.
        yield make(fire, utc)
        days, minutes, hours, minute_steps, hour_steps, dom_only = _walk_tables(cron)
        day_steps = _DAY_STEPS
        last_minute, last_hour = len(minutes) - 1, len(hours) - 1
        min_offset, max_offset = rules.min_offset, rules.max_offset
        dom, months = days.dom, days.months
        first_month = (months & -months).bit_length() - 1
        while True:  # `fire` went out: on from it
            if not _STEP_FIRST <= fire < _STEP_LAST:
                # On the calendar's first or last day, a day's datetimes may lie outside the
                # datetime range: one search per fire there.
                found_fire = next_fire(cron, rules, fire + 1)
                if found_fire is None or found_fire > last:
                    return
                fire = found_fire
                yield make(fire, utc)
                continue
            # Fast path: inside one segment, walk the matching minutes, hours and days
            # directly; at the segment's end, follow the same wall into the next segment
            # as next_fire does, without starting over.
            if min_offset == max_offset:
                end, offset = NEVER_AFTER, min_offset  # one offset for all time
            else:
                ends, i, offset = _hot_segment(rules, fire)
                end = ends[i]
            # The walk leaves at the segment's end, after `last`, and near the calendar's end.
            limit = min(end, last + 1, _STEP_LAST)
            wall = fire + offset
            ordinal = wall // 86400 + UNIX_ORDINAL
            base = (ordinal - UNIX_ORDINAL) * 86400 - offset  # the instant of wall midnight
            minute_of_day = wall % 86400 // 60
            h = bisect_left(hours, minute_of_day // 60 * 3600)
            m = bisect_left(minutes, minute_of_day % 60 * 60)
            hour_base = base + hours[h]
            # The datetimes of `base` and `hour_base`, kept in step with them while they are
            # below `limit` (so inside the datetime range).
            day_start = make(base, utc)
            hour_start = day_start + hour_steps[h]
            year, month, mday, month_days = days.locate(ordinal)
            while True:
                u = fire + 1
                if m < last_minute:
                    m += 1
                else:
                    m = 0
                    if h < last_hour:
                        h += 1
                    else:
                        h = 0
                        later = month_days >> (mday + 1)
                        if later:
                            # The next matching day of this month, by its lowest set bit.
                            step = (later & -later).bit_length()
                            mday += step
                            ordinal += step
                            base += step * 86400
                            if base < limit:  # the day may end after year 9999
                                day_start += day_steps[step]
                        else:
                            # The first matching day of the next month in the mask, when only
                            # the day of month restricts days and every month has a matching
                            # day (next_after_month inlined): monthly, quarterly, yearly.
                            found = None
                            if dom_only:
                                later = months >> (month + 1)
                                if later:
                                    next_year = year
                                    next_month = month + (later & -later).bit_length()
                                else:
                                    next_year, next_month = year + 1, first_month
                                leap = next_year % 4 == 0 and (
                                    next_year % 100 != 0 or next_year % 400 == 0
                                )
                                # Bits 1 to the month's length: its days.
                                matching = dom & (2 << DAYS_IN_MONTH[leap][next_month]) - 2
                                if matching and next_year <= 9999:
                                    y = next_year - 1
                                    first = y * 365 + y // 4 - y // 100 + y // 400
                                    first += DAYS_BEFORE_MONTH[leap][next_month]
                                    day = (matching & -matching).bit_length() - 1
                                    found = (first + day, next_year, next_month, day, matching)
                            if found is None:
                                found = days.next_after_month(year, month)
                                if found is None:
                                    return
                            step = found[0] - ordinal
                            ordinal, year, month, mday, month_days = found
                            base = (ordinal - UNIX_ORDINAL) * 86400 - offset
                            if base < limit:
                                day_start = (
                                    day_start + day_steps[step] if step < 367 else make(base, utc)
                                )
                    hour_base = base + hours[h]
                    hour_start = day_start + hour_steps[h]
                fire = hour_base + minutes[m]
                if fire >= limit:
                    if fire < end:
                        if fire > last:
                            return
                        break  # near the calendar's end: the outer loop takes it from here
                    # `wall` is the first matching wall after u's: next_fire's hops, from here.
                    wall = fire + offset
                    hops = 0
                    while fire >= end:
                        hops += 1
                        v = end
                        if end + min_offset >= u + offset and wall - max_offset > v:
                            v = wall - max_offset
                        ends, i, next_offset = _hot_segment(rules, v)
                        if hops > 3 or not u + offset <= v + next_offset <= wall:
                            break  # a gap, or a fold reaching back: a new search
                        fire, end = wall - next_offset, ends[i]
                    if fire >= end:
                        fire = next_fire(cron, rules, u)
                        break
                    # The walk goes on in the fire's segment: the same walls, its offset.
                    shift = offset - next_offset
                    base += shift
                    hour_base += shift
                    offset = next_offset
                    limit = min(end, last + 1, _STEP_LAST)
                    if fire >= limit:
                        if fire > last:
                            return
                        break
                    day_start = make(base, utc)
                    hour_start = day_start + hour_steps[h]
                yield hour_start + minute_steps[m]
            if fire is None or fire > last:
                return
            yield make(fire, utc)

    def _descending(self, u: int) -> Iterator[datetime]:
        cron, rules = self.cron, self._rules
        make, utc = _utc_datetime, _UTC
        fire = prev_fire(cron, rules, u)
        if fire is None:
            return
        yield make(fire, utc)
        days, minutes, hours, minute_steps, hour_steps, dom_only = _walk_tables(cron)
        day_steps = _DAY_STEPS
        last_minute, last_hour = len(minutes) - 1, len(hours) - 1
        min_offset, max_offset = rules.min_offset, rules.max_offset
        dom, months = days.dom, days.months
        last_month_of_year = months.bit_length() - 1
        while True:  # `fire` went out: on from it
            if not _STEP_FIRST <= fire < _STEP_LAST:
                found_fire = prev_fire(cron, rules, fire - 1)  # near the calendar's ends
                if found_fire is None:
                    return
                fire = found_fire
                yield make(fire, utc)
                continue
            # Mirror image of _ascending: walk back inside the segment, and at its start
            # follow the same wall into the previous segment.
            if min_offset == max_offset:
                start, offset = NEVER_BEFORE, min_offset
            else:
                ends, i, offset = _hot_segment(rules, fire)
                start = ends[i - 1]
            limit = max(start, _STEP_FIRST)
            wall = fire + offset
            ordinal = wall // 86400 + UNIX_ORDINAL
            base = (ordinal - UNIX_ORDINAL) * 86400 - offset
            minute_of_day = wall % 86400 // 60
            h = bisect_left(hours, minute_of_day // 60 * 3600)
            m = bisect_left(minutes, minute_of_day % 60 * 60)
            hour_base = base + hours[h]
            # Kept in step with `base` and `hour_base` while a day from `base` reaches `limit`.
            day_start = make(base, utc)
            hour_start = day_start + hour_steps[h]
            year, month, mday, month_days = days.locate(ordinal)
            while True:
                u = fire - 1
                if m:
                    m -= 1
                else:
                    m = last_minute
                    if h:
                        h -= 1
                    else:
                        h = last_hour
                        earlier = month_days & ((1 << mday) - 1)
                        if earlier:
                            # The previous matching day of this month, by its highest set bit.
                            step = mday - (earlier.bit_length() - 1)
                            mday -= step
                            ordinal -= step
                            base -= step * 86400
                            if base > limit - 86400:  # the day may start before year 1
                                day_start -= day_steps[step]
                        else:
                            # The last matching day of the previous month in the mask, when
                            # only the day of month restricts days and every month has a
                            # matching day (prev_before_month inlined).
                            found = None
                            if dom_only:
                                earlier = months & ((1 << month) - 1)
                                if earlier:
                                    next_year, next_month = year, earlier.bit_length() - 1
                                else:
                                    next_year, next_month = year - 1, last_month_of_year
                                leap = next_year % 4 == 0 and (
                                    next_year % 100 != 0 or next_year % 400 == 0
                                )
                                # Bits 1 to the month's length: its days.
                                matching = dom & (2 << DAYS_IN_MONTH[leap][next_month]) - 2
                                if matching and next_year >= 1:
                                    y = next_year - 1
                                    first = y * 365 + y // 4 - y // 100 + y // 400
                                    first += DAYS_BEFORE_MONTH[leap][next_month]
                                    day = matching.bit_length() - 1  # the highest set bit
                                    found = (first + day, next_year, next_month, day, matching)
                            if found is None:
                                found = days.prev_before_month(year, month)
                                if found is None:
                                    return
                            step = ordinal - found[0]
                            ordinal, year, month, mday, month_days = found
                            base = (ordinal - UNIX_ORDINAL) * 86400 - offset
                            if base > limit - 86400:
                                day_start = (
                                    day_start - day_steps[step] if step < 367 else make(base, utc)
                                )
                    hour_base = base + hours[h]
                    hour_start = day_start + hour_steps[h]
                fire = hour_base + minutes[m]
                if fire < limit:
                    if fire >= start:
                        if fire < FIRST_INSTANT:
                            return
                        break  # near the calendar's start: the outer loop takes it from here
                    # `wall` is the last matching wall before u's: prev_fire's skip, from here.
                    wall = fire + offset
                    hops = 0
                    while fire < start:
                        hops += 1
                        v = start - 1
                        if start - 1 + max_offset <= u + offset and wall - min_offset < v:
                            v = wall - min_offset
                        ends, i, previous_offset = _hot_segment(rules, v)
                        if hops > 3 or not wall <= v + previous_offset <= u + offset:
                            break  # a gap, or a fold reaching forward: a new search
                        fire, start = wall - previous_offset, ends[i - 1]
                    if fire < start:
                        fire = prev_fire(cron, rules, u)
                        break
                    shift = offset - previous_offset
                    base += shift
                    hour_base += shift
                    offset = previous_offset
                    limit = max(start, _STEP_FIRST)
                    if fire < limit:
                        if fire < FIRST_INSTANT:
                            return
                        break
                    day_start = make(base, utc)
                    hour_start = day_start + hour_steps[h]
                yield hour_start + minute_steps[m]
            if fire is None:
                return
            yield make(fire, utc)


# Schedule.__init__'s setters, one per slot.
(
    _set_cron,
    _set_timezone,
    _set_zone_key,
    _set_rules,
    _set_first_time,
    _set_last_time,
    _set_day_kind,
    _set_gap,
    _set_fold,
) = (
    Schedule.__dict__[slot].__set__
    for slot in (
        "cron",
        "timezone",
        "_zone_key",
        "_rules",
        "_first_time",
        "_last_time",
        "_day_kind",
        "gap",
        "fold",
    )
)


def _with_policy(cron: str, timezone: str | tzinfo, gap: GapPolicy, fold: FoldPolicy) -> Schedule:
    """Unpickle a schedule with a policy (``__reduce__`` passes no keyword arguments)."""
    return Schedule(cron, timezone, gap=gap, fold=fold)


Schedule.__module__ = "cronwall"
