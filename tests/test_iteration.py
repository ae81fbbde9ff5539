"""Iteration: footer windows grown ahead (or back), walks across segments, datetimes by steps.

A zone's rules past its last explicit transition come from its POSIX footer, computed into
one window of rule years at a time. A query just past the window's end (or just before its
start) is iteration moving on, and gets a wider window that way; any other query gets the
small window a first query gets. Iteration follows a wall time from one segment into the
next without a new search, and builds each fire's datetime by adding a timedelta to its
day's. Every answer here is checked against ``zoneinfo`` reading the same tzdata file:
offsets instant by instant, and fires by an independent walk over local calendar days that
turns each matching wall time into the instants showing it.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone, tzinfo
from itertools import islice

import pytest
from zone_support import segment_preempted, tzdata_bytes

import cronwall
from cronwall import Schedule, _schedule
from cronwall._tzif import (
    _NO_WINDOW,
    FOOTER_SEQUENTIAL_REACH,
    FOOTER_SEQUENTIAL_YEARS,
    FOOTER_WINDOW_YEARS,
    ZoneRules,
    _year_start,
    parse_tzif,
)
from cronwall._zones import rules_for_name
from cronwall.testing._oracle import reference_matches, tzdata_zone

UTC = timezone.utc
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
DAY = 86_400
YEAR = 365 * DAY

# Zones whose footer has daylight time, each with where its explicit history hands over.
FOOTER_ZONES = (
    "America/New_York",  # explicit until 2007, then M3.2.0 / M11.1.0
    "Australia/Sydney",  # southern hemisphere: DST spans the new year
    "America/Santiago",  # transitions at 24:00; explicit until 2023
    "Australia/Lord_Howe",  # 30-minute DST
    "Europe/Dublin",  # negative DST: "winter time" is the daylight offset
    "America/Grand_Turk",  # last explicit change 2015, explicit entries until 2018 change nothing
    "Pacific/Chatham",  # +12:45 / +13:45
    "America/St_Johns",  # -3:30 / -2:30
    "America/Nuuk",  # footer from 2023
    "Asia/Gaza",  # explicit until 2086
)
# Zones without a footer rule: explicit transitions only, then one offset for ever.
EXPLICIT_ZONES = (
    "Africa/Casablanca",  # DST suspended each Ramadan, listed explicitly until 2087
    "America/Sao_Paulo",  # footer without DST since 2019
    "Asia/Kolkata",  # no change since 1945
)


def _fresh(name: str) -> ZoneRules:
    """Rules never queried: the first query builds whatever window it builds."""
    return parse_tzif(tzdata_bytes(name), name)


def _offset(zone: tzinfo, u: int) -> int:
    moment = (EPOCH + timedelta(seconds=u)).astimezone(zone)
    offset = moment.utcoffset()
    assert offset is not None
    return offset // timedelta(seconds=1)


def _window_years(rules: ZoneRules) -> int:
    """How many rule years the zone's published window computed."""
    window = rules._window
    return max(window[6] - window[5] + 1, 0)


def _walk(start_year: int, end_year: int, rnd: random.Random, *, most_days: int) -> list[int]:
    """Instants from ``start_year`` to ``end_year`` (either way), a random 1 to ``most_days``
    days apart, each at a random second of its day."""
    step = 1 if end_year >= start_year else -1
    u = _year_start(start_year) + rnd.randrange(DAY)
    stop = _year_start(end_year)
    points = []
    while (u < stop) if step > 0 else (u > stop):
        points.append(u)
        u += step * (rnd.randrange(1, most_days + 1) * DAY + rnd.randrange(-DAY // 2, DAY // 2))
    return points


# -- windows ---------------------------------------------------------------------------------


#: Every zone whose footer has daylight time: the zones whose windows grow.
DST_FOOTER_ZONES = tuple(
    name
    for name in sorted(cronwall.available_timezones())
    if getattr(rules_for_name(name), "footer", None) is not None
)
# (from year, to year, most days between queries): long walks either way, a dense one near
# today, and walks into and back from the end of year 9999.
WALKS = (
    (1990, 2600, 1500),
    (2600, 1990, 1500),
    (2040, 2070, 60),
    (2070, 2040, 60),
    (9900, 10000, 400),
    (10000, 9900, 400),
)


#: Instants zoneinfo converts to a local time in every zone (a day inside years 1-9999).
FIRST_CONVERTIBLE = _year_start(1) + DAY
LAST_CONVERTIBLE = _year_start(10000) - DAY


def _is_year_start(u: int) -> bool:
    moment = EPOCH + timedelta(seconds=u)
    return (moment.month, moment.day, moment.hour, moment.minute, moment.second) == (1, 1, 0, 0, 0)


def _first_query_segment(rules: ZoneRules, u: int) -> tuple[int, int, int]:
    """What ``rules.segment(u)`` answers as the first query of a freshly loaded zone."""
    rules._window = _NO_WINDOW
    return rules.segment(u)


@pytest.mark.parametrize("name", DST_FOOTER_ZONES)
def test_segments_of_a_zone_walked_either_way_are_zoneinfos(name: str) -> None:
    """Every zone with a daylight-time footer, walked forward and backward over centuries in
    steps of days to years (the queries that grow windows ahead or back): each segment holds
    the query and has zoneinfo's offset from its start to its end, where the offset changes
    (or a window stopped looking, at a rule year's start); a first query gives that offset
    too; no window computes more than FOOTER_SEQUENTIAL_YEARS + 2 rule years."""
    zone = tzdata_zone(name)
    rnd = random.Random(name)
    reference = _fresh(name)
    for first, last, most_days in WALKS:
        rules = _fresh(name)
        for u in _walk(first, last, rnd, most_days=most_days):
            if not FIRST_CONVERTIBLE <= u < LAST_CONVERTIBLE:
                continue
            start, end, offset = rules.segment(u)
            assert start <= u < end, (name, u)
            assert offset == _offset(zone, u), (name, u)
            for edge in (start, end):
                if FIRST_CONVERTIBLE < edge < LAST_CONVERTIBLE:
                    # Inside the segment the offset holds; across an edge it changes, unless
                    # the edge is where the window stopped looking (a rule year's start).
                    inside = edge if edge == start else edge - 1
                    outside = edge - 1 if edge == start else edge
                    assert _offset(zone, inside) == offset, (name, u, edge)
                    assert _offset(zone, outside) != offset or _is_year_start(edge), (name, edge)
            assert _first_query_segment(reference, u)[2] == offset, (name, u)
            assert _window_years(rules) <= FOOTER_SEQUENTIAL_YEARS + 2
            assert len(rules._window[0]) <= 2 * (FOOTER_SEQUENTIAL_YEARS + 2) + 2


@pytest.mark.parametrize("name", FOOTER_ZONES)
@pytest.mark.parametrize(
    "years",
    [range(2200, 2300), range(2900, 2800, -1)],
    ids=["forward from 2200", "backward from 2900"],
)
def test_iteration_grows_the_window_its_way_up_to_its_cap(name: str, years: range) -> None:
    """Queries one rule year apart: the window computes 3, then 8, then 18 rule years (its
    cap), always holding the query, ahead of it going forward and behind it going back."""
    rules = _fresh(name)
    seen = []
    for year in years:
        u = _year_start(year) + 100 * DAY
        rules.segment(u)
        window = rules._window
        assert window[5] <= year <= window[6]
        seen.append(_window_years(rules))
    assert seen[0] == FOOTER_WINDOW_YEARS + 2
    assert max(seen) == FOOTER_SEQUENTIAL_YEARS + 2
    assert sorted(set(seen)) == [3, 8, 18]


@pytest.mark.parametrize("year", [2100, 2480, 5000, 9998])
def test_a_first_query_anywhere_builds_only_the_small_window(year: int) -> None:
    """A fresh zone asked about any year computes three rule years, so a first query costs
    what it did; so does a query far from the window (a jump, not iteration)."""
    rules = _fresh("America/New_York")
    rules.segment(_year_start(year) + 100 * DAY)
    assert _window_years(rules) == FOOTER_WINDOW_YEARS + 2
    far = year - FOOTER_SEQUENTIAL_REACH - 5 if year > 5000 else year + FOOTER_SEQUENTIAL_REACH + 5
    rules.segment(_year_start(far) + 100 * DAY)
    assert _window_years(rules) == FOOTER_WINDOW_YEARS + 2


def test_a_window_never_reaches_before_the_footers_first_year() -> None:
    """Grand Turk's last change is in 2015 but its explicit entries run to 2018: walking back
    into 2015-2017 after a wide window ahead keeps the explicit segment, whole."""
    name = "America/Grand_Turk"
    zone = tzdata_zone(name)
    rules = _fresh(name)
    for year in range(2040, 2012, -1):
        for day in (10, 70, 200, 320):
            u = _year_start(year) + day * DAY
            start, end, offset = rules.segment(u)
            assert start <= u < end
            assert offset == _offset(zone, u), (year, day)


# -- iteration -------------------------------------------------------------------------------


def _instants(wall: datetime, zone: tzinfo) -> list[datetime]:
    """The instants at which the zone's clock reads ``wall``: none (gap), one, two (fold)."""
    found: list[datetime] = []
    for fold in (0, 1):
        try:
            moment = wall.replace(tzinfo=zone, fold=fold).astimezone(UTC)
            back = moment.astimezone(zone).replace(tzinfo=None)
        except OverflowError:
            continue  # an instant before year 1 or after year 9999: no fire
        if back == wall and moment not in found:
            found.append(moment)
    return found


def _oracle(expression: str, name: str, start: datetime, n: int, reverse: bool) -> list[datetime]:
    """The first ``n`` fires after ``start`` (before it, latest first), found by walking the
    local calendar day by day: every matching wall time, as the instants showing it."""
    cron = cronwall.parse(expression)
    matches = reference_matches(cron)
    zone = tzdata_zone(name)
    hours = [h for h in range(24) if cron.hour_mask >> h & 1]
    minutes = [m for m in range(60) if cron.minute_mask >> m & 1]
    # Two days of margin either side: no offset change moves a clock by a day or more.
    ordinal = start.astimezone(UTC).toordinal() + (2 if reverse else -2)
    day = date.fromordinal(min(max(ordinal, 1), date.max.toordinal()))
    step = timedelta(days=-1 if reverse else 1)
    found: list[datetime] = []
    stop_at = None
    while stop_at is None or day != stop_at:
        if cron.month_mask >> day.month & 1 and matches(
            datetime(day.year, day.month, day.day, hours[0], minutes[0])
        ):
            for hour in hours:
                for minute in minutes:
                    wall = datetime(day.year, day.month, day.day, hour, minute)
                    for moment in _instants(wall, zone):
                        if (moment < start) if reverse else (moment > start):
                            found.append(moment)
        if stop_at is None and len(found) >= n:
            stop_at = day + 3 * step  # the fires of the next days may still sort earlier
        if day == (date.min if reverse else date.max):
            break  # the calendar ends here
        day += step
    found.sort(reverse=reverse)
    return found[:n]


# (expression, fires): sparse ones cross many rule years per window, dense ones cross DST.
ITERATED = (
    ("0 0 1 1 *", 40),
    ("0 0 29 2 *", 30),
    ("0 6 1 */3 *", 60),
    ("0 0 1 * *", 60),
    ("0 2 1 * *", 60),  # 02:00 on the 1st: in some zones' gaps and folds
    ("0 9 * JAN-MAR MON-FRI", 80),
    ("30 1 * * 0", 80),  # Sunday 01:30: New York's and Dublin's folds
    ("*/20 0-3 * * *", 400),  # the small hours, every day: every gap and fold
    ("59 23 31 12 *", 30),
)
STARTS = (
    datetime(2005, 6, 1, tzinfo=UTC),  # before New York's and Sydney's handovers
    datetime(2022, 12, 30, 12, tzinfo=UTC),  # before Santiago's and Nuuk's
    datetime(2098, 2, 1, tzinfo=UTC),  # leap days skip 2100
    datetime(2480, 7, 1, tzinfo=UTC),
    datetime(9994, 1, 1, tzinfo=UTC),  # runs into the end of year 9999
)


@pytest.mark.parametrize("name", FOOTER_ZONES + EXPLICIT_ZONES + ("UTC",))
@pytest.mark.parametrize(("expression", "n"), ITERATED)
def test_iter_after_across_segments_equals_the_calendar_walk(
    name: str, expression: str, n: int
) -> None:
    """iter_after from starts near the explicit/footer handovers, across 2100, far ahead and
    into year 9999: the calendar walk's fires, in order."""
    for start in STARTS:
        got = list(islice(Schedule(expression, name).iter_after(start), n))
        want = _oracle(expression, name, start, n, reverse=False)
        assert [f.isoformat() for f in got] == [f.isoformat() for f in want], (name, start)


@pytest.mark.parametrize("name", FOOTER_ZONES + EXPLICIT_ZONES + ("UTC",))
@pytest.mark.parametrize(("expression", "n"), ITERATED)
def test_iter_before_across_segments_equals_the_calendar_walk(
    name: str, expression: str, n: int
) -> None:
    """iter_before from the same starts (and from the end of year 9999): the calendar walk's
    fires, latest first."""
    for start in (*STARTS[1:], datetime(9999, 12, 31, 23, 59, tzinfo=UTC)):
        got = list(islice(Schedule(expression, name).iter_before(start), n))
        want = _oracle(expression, name, start, n, reverse=True)
        assert [f.isoformat() for f in got] == [f.isoformat() for f in want], (name, start)


@pytest.mark.parametrize("name", FOOTER_ZONES)
def test_long_iteration_either_way_keeps_agreeing_with_the_calendar_walk(name: str) -> None:
    """Hundreds of yearly and leap-day fires on one zone's rules (windows grown to their cap
    and replaced many times), then the same back: the calendar walk's fires."""
    for expression, n in (("0 0 1 1 *", 300), ("0 0 29 2 *", 150), ("0 6 1 */3 *", 600)):
        start = datetime(2030, 5, 5, tzinfo=UTC)
        got = list(islice(Schedule(expression, name).iter_after(start), n))
        assert [f.isoformat() for f in got] == [
            f.isoformat() for f in _oracle(expression, name, start, n, reverse=False)
        ]
        back = list(islice(Schedule(expression, name).iter_before(got[-1]), n - 1))
        assert back == got[-2::-1]


@pytest.mark.parametrize("name", FOOTER_ZONES[:5])
def test_between_ends_inside_the_segment_after_a_walk_across_segments(name: str) -> None:
    """between(start, end) stops at its end even when the walk just crossed into a new
    segment: the fires of iter_after up to end, no more."""
    schedule = Schedule("0 0 1 * *", name)
    start = datetime(2026, 1, 15, tzinfo=UTC)
    every = list(islice(schedule.iter_after(start), 40))
    for cut in every[::3]:
        for end in (cut - timedelta(seconds=1), cut, cut + timedelta(seconds=1)):
            assert list(schedule.between(start, end)) == [f for f in every if f <= end]


# -- threads ---------------------------------------------------------------------------------


def test_a_reader_never_sees_a_window_half_grown_by_another_thread() -> None:
    """Whatever line of segment() a reader is at when another thread, iterating, publishes
    a window grown ahead or back, the reader gets the single-threaded answer."""
    name = "America/New_York"
    reference = _fresh(name)
    warm = _year_start(2300) + 200 * DAY
    wrong = []
    for k in range(-12, 30):
        u = warm + k * 47 * DAY + 3600  # every 47 days, 2298 to 2304
        expected = reference.segment(u)
        for direction in (1, -1):
            for at_line in range(1, 16):
                rules = _fresh(name)
                rules.segment(warm)

                def iterate(rules: ZoneRules = rules, direction: int = direction) -> None:
                    for years in range(1, 8):  # just past the window each time: it grows
                        rules.segment(warm + direction * years * 2 * YEAR)

                answer = segment_preempted(rules, u, at_line, iterate)
                if answer != expected:
                    wrong.append((u, direction, at_line, answer, expected))
    assert wrong == []


# -- datetimes -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["UTC", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"])
@pytest.mark.parametrize("expression", ["* * * * *", "7,37 */5 * * *", "0 0 1,15 * *"])
def test_iterated_fires_are_the_datetimes_of_their_instants(name: str, expression: str) -> None:
    """Fires made by adding steps are exactly the datetimes of their instants: UTC (the same
    tzinfo object), fold 0, whole seconds, either way."""
    schedule = Schedule(expression, name)
    start = datetime(2026, 3, 1, tzinfo=UTC)
    for fires in (
        list(islice(schedule.iter_after(start), 3000)),
        list(islice(schedule.iter_before(start), 3000)),
    ):
        for fire in fires:
            exact = datetime.fromtimestamp(int(fire.timestamp()), UTC)
            assert fire.tzinfo is UTC
            assert (fire, fire.fold, fire.microsecond) == (exact, 0, 0)


# Zones at the extremes of the offset range, where a wall day near year 1 or year 9999 lies
# partly outside the datetime range.
EDGE_ZONES = ("Pacific/Kiritimati", "Etc/GMT-14", "Etc/GMT+12", "America/New_York", "UTC")
EDGE_EXPRESSIONS = (
    "*/30 * * * *",
    "0 0 * * *",
    "59 23 * * *",
    "0 12 28-31 12 *",
    "0 23 1,31 12 *",  # a step of 30 days within December, to its last day
    "0 0 1,31 1 *",  # the same back to January 1st
    "0 23 31 10,12 *",  # from October into December's last day
    "0 0 1 1,3 *",  # from March back to January 1st
)


#: Starts near the ends of time, down to the last and the first day: iteration forward from
#: the first four, backward from the last four.
_NEAR_THE_ENDS = {
    False: (
        datetime(9999, 10, 1, tzinfo=UTC),
        datetime(9999, 11, 20, tzinfo=UTC),
        datetime(9999, 12, 20, tzinfo=UTC),
        datetime(9999, 12, 31, 1, tzinfo=UTC),
    ),
    True: (
        datetime(1, 3, 10, tzinfo=UTC),
        datetime(1, 2, 10, tzinfo=UTC),
        datetime(1, 1, 12, tzinfo=UTC),
        datetime(1, 1, 1, 23, tzinfo=UTC),
    ),
}


@pytest.mark.parametrize("name", EDGE_ZONES)
@pytest.mark.parametrize("expression", EDGE_EXPRESSIONS)
@pytest.mark.parametrize("reverse", [False, True], ids=["into the end of 9999", "back to year 1"])
def test_iteration_to_the_ends_of_time_equals_the_calendar_walk(
    name: str, expression: str, reverse: bool
) -> None:
    """Every fire from late 9999 to the end of time and none after, and every fire from early
    year 1 back to the start of time and none before."""
    schedule = Schedule(expression, name)
    for start in _NEAR_THE_ENDS[reverse]:
        got = list(schedule.iter_before(start) if reverse else schedule.iter_after(start))
        want = _oracle(expression, name, start, 10**6, reverse=reverse)
        assert [f.isoformat() for f in got] == [f.isoformat() for f in want], start


@pytest.mark.parametrize("name", ["UTC", "America/New_York", "Australia/Sydney"])
@pytest.mark.parametrize(
    "expression",
    [
        "0 0 28 * *",  # the last day every month has
        "0 0 1,31 * *",  # a first day every month has, and one some lack
        "0 0 29-31 * *",  # days February lacks: the search, not the next month, finds them
        "30 23 15 2,3 *",  # two months, then a year's jump
        "0 12 28 */5 *",  # a month mask that wraps unevenly across years
        "0 0 1 12 *",  # December only: a year's jump into the next December
    ],
)
def test_iteration_into_the_next_or_previous_month_equals_the_calendar_walk(
    name: str, expression: str
) -> None:
    """Day-of-month schedules rolling into the next month in the mask, across 2100 (not a
    leap year) and into year 9999, and into the previous one back to year 1: the calendar
    walk's fires."""
    schedule = Schedule(expression, name)
    for start in (datetime(2097, 11, 20, tzinfo=UTC), datetime(9990, 1, 1, tzinfo=UTC)):
        got = list(islice(schedule.iter_after(start), 150))
        want = _oracle(expression, name, start, 150, reverse=False)
        assert [f.isoformat() for f in got] == [f.isoformat() for f in want], start
    for start in (datetime(2103, 2, 10, tzinfo=UTC), datetime(10, 1, 1, tzinfo=UTC)):
        got = list(islice(schedule.iter_before(start), 150))
        want = _oracle(expression, name, start, 150, reverse=True)
        assert [f.isoformat() for f in got] == [f.isoformat() for f in want], start


def test_the_minute_and_hour_steps_cache_stays_within_its_limit() -> None:
    """Iterating schedules with more distinct minute masks than the cache holds leaves it at
    most MASK_STEPS_CACHE_SIZE entries per unit, and their fires right."""
    start = datetime(2026, 5, 1, tzinfo=UTC)
    for first in range(60):
        for second in range(first + 1, min(first + 6, 60)):
            expression = f"{first},{second} {first % 24} * * *"
            fires = list(islice(Schedule(expression, "UTC").iter_after(start), 3))
            for cache in _schedule._MASK_STEPS.values():
                assert len(cache) <= _schedule.MASK_STEPS_CACHE_SIZE
            assert [f.isoformat() for f in fires] == [
                f.isoformat() for f in _oracle(expression, "UTC", start, 3, reverse=False)
            ]


class _Wrapped(tzinfo):
    """A caller's own tzinfo with a tzdata zone's rules: cronwall probes it for its offsets."""

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        assert dt is not None
        return dt.replace(tzinfo=self.zone).utcoffset()

    def dst(self, dt: datetime | None) -> timedelta | None:
        assert dt is not None
        return dt.replace(tzinfo=self.zone).dst()

    def tzname(self, dt: datetime | None) -> str | None:
        return "wrapped"

    def fromutc(self, dt: datetime) -> datetime:
        return self.zone.fromutc(dt.replace(tzinfo=self.zone)).replace(tzinfo=self)


@pytest.mark.parametrize("name", ["America/New_York", "Australia/Lord_Howe", "Europe/Dublin"])
@pytest.mark.parametrize(("expression", "n"), [("0 0 1 * *", 40), ("30 1 * * *", 200)])
def test_iteration_with_a_callers_tzinfo_crosses_its_probed_segments(
    name: str, expression: str, n: int
) -> None:
    """A tzinfo object's probed segments, crossed by iteration either way: the calendar walk's
    fires for the tzdata zone it wraps."""
    schedule = Schedule(expression, _Wrapped(tzdata_zone(name)))
    start = datetime(2026, 2, 20, tzinfo=UTC)
    got = list(islice(schedule.iter_after(start), n))
    assert [f.isoformat() for f in got] == [
        f.isoformat() for f in _oracle(expression, name, start, n, reverse=False)
    ]
    got = list(islice(schedule.iter_before(start), n))
    assert [f.isoformat() for f in got] == [
        f.isoformat() for f in _oracle(expression, name, start, n, reverse=True)
    ]
