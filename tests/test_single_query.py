"""Schedule.next_after's single-query path against a day-by-day reference.

next_after jumps over whole months and years with calendar arithmetic of its own (a 29th of
February to the next leap year, a 31st to the next long month, a first weekday of the next
quarter), then maps the wall time into the zone. The minute-scanning oracle cannot look years
ahead, so these expressions have one time of day each and the reference steps through local
days with the standard library instead: on every day whose date matches, every instant at which
the zone's wall clock reads that time (both passes of a fold, none in a gap), through
``zoneinfo`` built from the ``tzdata`` package.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, timezone

import pytest

import cronwall
import cronwall._hazards
import cronwall._zones
from cronwall._calendar import SPAN_FAR, UNIX_ORDINAL, day_span
from cronwall._cron import clear_caches
from cronwall.testing._oracle import reference_matches, tzdata_zone

UTC = timezone.utc

EXPRESSIONS = [
    "0 0 29 2 *",  # leap days, across 2100 (no leap day from 2096 to 2104)
    "30 2 29 2 *",
    "0 0 31 * *",  # the next month with a 31st
    "15 3 30,31 * *",
    "0 12 31 1,3,12 *",
    "45 23 28-31 2 *",
    "0 0 1 1 *",
    "0 0 31 12 *",
    "0 6 1 */3 *",
    "0 9 * 1-3 1-5",  # weekdays of a quarter: the next year's first matching weekday
    "0 9 * 12 0",
    "0 0 13 * 5",  # either day field
    "0 0 29 2 1",  # either day field with a month: the general day search
]
ZONES = [
    "UTC",
    "America/New_York",
    "Australia/Lord_Howe",  # 30-minute DST
    "Europe/Dublin",  # negative DST
    "America/Santiago",  # changes at midnight: some days have no 00:00
    "Pacific/Apia",  # 2011-12-30 does not exist
    "Asia/Kathmandu",  # +05:45
    "America/St_Johns",  # -03:30, DST
]
#: Years the starts cluster around: leap-year gaps, the end of the explicit transitions, the
#: ends of the datetime range, Apia's missing day, today.
CENTERS = [3, 1896, 1900, 2011, 2026, 2037, 2096, 2100, 2104, 9990, 9997]
LAST_DAY = date(9999, 12, 31)


def reference_next(expression: str, zone_name: str, t: datetime) -> datetime | None:
    """The first instant after ``t`` at which the wall clock shows the expression's one time on
    a matching day, found day by day from the local date before ``t``'s."""
    zone = tzdata_zone(zone_name)
    cron = cronwall.parse(expression)
    (hour,) = [h for h in range(24) if cron.hour_mask >> h & 1]
    (minute,) = [m for m in range(60) if cron.minute_mask >> m & 1]
    matches = reference_matches(cron)
    day = max(t.astimezone(zone).date() - timedelta(days=1), date.min)
    while True:
        wall = datetime.combine(day, time(hour, minute))
        if matches(wall):
            instants = set()
            for fold in (0, 1):
                try:
                    instant = wall.replace(tzinfo=zone, fold=fold).astimezone(UTC)
                    shown = instant.astimezone(zone).replace(tzinfo=None)
                except OverflowError:
                    continue
                if shown == wall:  # else the wall time is in a gap
                    instants.add(instant)
            after = sorted(i for i in instants if i > t)
            if after:
                return after[0]
        if day == LAST_DAY:
            return None
        day += timedelta(days=1)


def starts(zone_name: str, expression: str) -> list[datetime]:
    rnd = random.Random(f"{zone_name} {expression}")
    found = []
    for year in CENTERS:
        middle = datetime(year, 7, 1, tzinfo=UTC)
        for _ in range(3):
            seconds = rnd.randrange(-2 * 366 * 86400, 2 * 366 * 86400)
            found.append(middle + timedelta(seconds=seconds, microseconds=rnd.choice((0, 1))))
    return found


@pytest.mark.parametrize("zone_name", ZONES)
@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_next_after_jumps_to_the_day_a_day_by_day_reference_finds(
    expression: str, zone_name: str
) -> None:
    schedule = cronwall.Schedule(expression, zone_name)
    for t in starts(zone_name, expression):
        assert schedule.next_after(t) == reference_next(expression, zone_name, t), t


@pytest.mark.parametrize("zone_name", ["America/New_York", "Pacific/Apia", "America/Santiago"])
def test_next_after_agrees_with_the_reference_on_both_sides_of_each_midnight(
    zone_name: str,
) -> None:
    """Starts a minute either side of local midnights around a year end and a DST change,
    where the wall date and the UTC date differ."""
    zone = tzdata_zone(zone_name)
    for expression in ("0 0 1 1 *", "0 0 31 12 *", "0 9 * 1-3 1-5", "0 0 29 2 *"):
        schedule = cronwall.Schedule(expression, zone_name)
        for day in (date(2026, 12, 31), date(2027, 1, 1), date(2011, 12, 29), date(2027, 3, 14)):
            midnight = datetime.combine(day, time(0, 0), tzinfo=zone).astimezone(UTC)
            for delta in (-60, -1, 0, 1, 60):
                t = midnight + timedelta(seconds=delta)
                assert schedule.next_after(t) == reference_next(expression, zone_name, t), t


@pytest.mark.parametrize("zone_name", ["America/New_York", "Australia/Lord_Howe", "Pacific/Apia"])
@pytest.mark.parametrize("expression", ["0 0 1 1 *", "30 2 29 2 *", "0 9 * 1-3 1-5"])
def test_next_after_reads_an_input_in_any_zone_as_its_instant(
    expression: str, zone_name: str
) -> None:
    """An aware input in another zone (a tzdata zone, whole-minute and whole-second offsets,
    either pass of a fold) gets the answer its instant gets from the reference."""
    schedule = cronwall.Schedule(expression, zone_name)
    others = [
        tzdata_zone("Europe/Dublin"),
        tzdata_zone("America/St_Johns"),
        timezone(timedelta(hours=-9, minutes=-30)),
        timezone(timedelta(hours=5, seconds=17)),
    ]
    for t in starts(zone_name, expression)[3:24]:
        for tz in others:
            for fold in (0, 1):
                local = t.astimezone(tz).replace(fold=fold)  # in a fold, fold=1 is later
                want = reference_next(expression, zone_name, local)
                assert schedule.next_after(local) == want, (local, fold)


@pytest.mark.parametrize(
    "zone_name", ["UTC", "America/New_York", "Australia/Lord_Howe", "Pacific/Apia"]
)
@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_repeated_queries_in_a_year_jump_through_the_crons_day_span_to_the_reference_day(
    expression: str, zone_name: str
) -> None:
    """A cron queried again (as a scheduler does) keeps a span of its matching days; queries
    in the span's years, forwards, backwards and shuffled, and in years past it (which move
    it on) get the reference's answers: on the days before a fire (before and after its time
    of day), on the fire's day and just after it, and anywhere between."""
    clear_caches()  # a cron of its own, whose span this test sees built
    schedule = cronwall.Schedule(expression, zone_name)
    rnd = random.Random(f"span {zone_name} {expression}")
    spans = set()
    for year in (2026, 2097, 9996):
        january = datetime(year, 1, 1, tzinfo=UTC)
        queries = [january + timedelta(seconds=rnd.randrange(3 * 365 * 86400)) for _ in range(4)]
        fire = reference_next(expression, zone_name, queries[0])
        for _ in range(3):
            if fire is None:
                break
            queries += [fire + timedelta(days=-d, minutes=m) for d in (0, 1, 2) for m in (-1, 1)]
            fire = reference_next(expression, zone_name, fire)
        queries.sort()
        for t in [*queries, *reversed(queries), *rnd.sample(queries, len(queries))]:
            assert schedule.next_after(t) == reference_next(expression, zone_name, t), t
            span = schedule.cron._days
            if span and span[1]:  # a span, not the mark of a year asked once
                spans.add(span[3])
    # The queries went through a span (a cron restricting both day fields and the month
    # takes the general day search, without one).
    assert spans or expression == "0 0 29 2 1"


@pytest.mark.parametrize("expression", [*EXPRESSIONS, "0 0 * * *", "0 0 1-7 * 1", "0 0 30 2,4 *"])
@pytest.mark.parametrize("year", [1, 1899, 2026, 2097, 2100, 9992, 9998, 9999])
def test_a_day_span_counts_the_days_to_each_next_matching_day_from_its_years_january(
    expression: str, year: int
) -> None:
    """Each count is the days to the next matching day (0 on one), capped at SPAN_FAR, which
    also stands for "none left in the span"."""
    cron = cronwall.parse(expression)
    first, counts = day_span(
        cron.day_of_month_mask,
        cron.month_mask,
        cron.day_of_week_mask,
        cron.day_rule == "or",
        year,
    )
    assert date.fromordinal(first + UNIX_ORDINAL) == date(year, 1, 1)
    last = date.fromordinal(first + len(counts) - 1 + UNIX_ORDINAL)
    assert last.month == 12 and last.day == 31  # whole years
    assert min(year + 1, 9999) <= last.year <= min(year + 7, 9999)
    # The day fields alone, at midnight, day by day.
    matches = reference_matches("0 0 " + expression.split(maxsplit=2)[2])
    days = [date.fromordinal(first + k + UNIX_ORDINAL) for k in range(len(counts))]
    matching = [k for k, day in enumerate(days) if matches(datetime.combine(day, time()))]
    for k in range(len(counts)):
        following = [m for m in matching if m >= k]
        distance = following[0] - k if following else SPAN_FAR
        assert counts[k] == min(distance, SPAN_FAR), days[k]
    # It grows past two years only to reach a year with a matching day, at most 8 years.
    if last.year > year + 1:
        assert days[matching[-1]].year == last.year or last.year == year + 7


@pytest.mark.parametrize(
    "zone_name", ["America/New_York", "Australia/Lord_Howe", "Europe/Dublin", "America/Santiago"]
)
def test_a_fire_on_or_near_a_change_day_asked_for_months_before_is_the_reference_fire(
    zone_name: str,
) -> None:
    """next_after finds a later segment for a fire months ahead by whole days when the fire is
    more than a day or two from a change, by instants otherwise: fires on each 2026-2027 change
    day, the days around it, and at the wall times a gap skips or a fold repeats, asked for
    from one to six months before, get the reference's answers."""
    zone = tzdata_zone(zone_name)
    rules = cronwall._zones.rules_for_name(zone_name)
    changes = [
        when for when, _, _ in cronwall._hazards.transitions(rules, 1_767_225_600, 1_830_297_600)
    ]
    assert len(changes) >= 4
    for change in changes:
        local = datetime.fromtimestamp(change, UTC).astimezone(zone)
        for days in (-2, -1, 0, 1, 2):
            day = local.date() + timedelta(days=days)
            for hour, minute in ((0, 0), (local.hour, 30), ((local.hour + 1) % 24, 0), (23, 45)):
                expression = f"{minute} {hour} {day.day} {day.month} *"
                schedule = cronwall.Schedule(expression, zone_name)
                for months in (1, 3, 6):
                    t = datetime.combine(day, time(12), tzinfo=UTC) - timedelta(days=30 * months)
                    want = reference_next(expression, zone_name, t)
                    for _ in range(3):  # the third query reads the completed hot table
                        assert schedule.next_after(t) == want, (expression, t)


@pytest.mark.parametrize(
    "zone_name", ["America/New_York", "Australia/Lord_Howe", "Europe/Dublin", "America/Santiago"]
)
def test_a_query_beside_a_change_whose_next_fire_is_months_on_gets_the_reference_fire(
    zone_name: str,
) -> None:
    """Asked just before or after a change (inside a fold, after a gap), for a cron that fires
    at the change's wall times on the change day and again a month or more later: a fold's
    second pass, when still to come, is the next fire, not the fire months on."""
    zone = tzdata_zone(zone_name)
    rules = cronwall._zones.rules_for_name(zone_name)
    changes = [
        when for when, _, _ in cronwall._hazards.transitions(rules, 1_767_225_600, 1_830_297_600)
    ]
    for change in changes:
        for delta in (-5400, -1800, -60, 0, 60, 1800, 5400):
            t = datetime.fromtimestamp(change + delta, UTC)
            local = t.astimezone(zone)
            later = (local.month % 12) + 1
            for minute in (0, 15, 30, 45):
                for hour in {local.hour, (local.hour + 23) % 24, (local.hour + 1) % 24}:
                    expression = f"{minute} {hour} {local.day} {local.month},{later} *"
                    schedule = cronwall.Schedule(expression, zone_name)
                    want = reference_next(expression, zone_name, t)
                    for _ in range(3):  # the third query reads the completed hot table
                        assert schedule.next_after(t) == want, (expression, t)


def test_a_never_seen_expression_only_marks_its_year_and_the_mark_is_shared() -> None:
    """The first jump to a later month keeps no new object: the cron gets the year's mark,
    the same tuple every cron marked in that year holds; the second jump that year builds
    the span, which then holds the next matching day."""
    clear_caches()
    monthly = cronwall.Schedule("0 0 1 * *", "UTC")
    yearly = cronwall.Schedule("0 0 1 1 *", "UTC")
    t = datetime(2026, 5, 17, 12, tzinfo=UTC)
    assert monthly.cron._days is None
    assert monthly.next_after(t) == datetime(2026, 6, 1, tzinfo=UTC)
    assert yearly.next_after(t) == datetime(2027, 1, 1, tzinfo=UTC)
    assert monthly.cron._days is yearly.cron._days == (0, 0, b"", 2026)
    assert yearly.next_after(t) == datetime(2027, 1, 1, tzinfo=UTC)
    first, end, counts, year = yearly.cron._days
    assert year == 2026 and first <= 20590 < end and counts  # 2026-05-17 is day 20590
    assert monthly.cron._days == (0, 0, b"", 2026)  # the other cron's mark is untouched


def test_queries_that_each_fall_in_another_year_never_build_a_span() -> None:
    """One query a year, years apart (a caller hopping between dates): every one only marks
    its year, so no span is ever built for a year asked about once."""
    clear_caches()
    schedule = cronwall.Schedule("0 6 1 */3 *", "America/New_York")
    for year in range(2026, 2046):
        t = datetime(year, 5, 17, 12, tzinfo=UTC)
        assert schedule.next_after(t) == reference_next("0 6 1 */3 *", "America/New_York", t)
        assert schedule.cron._days == (0, 0, b"", year)


def test_a_span_that_cannot_reach_the_next_matching_day_is_not_kept() -> None:
    """After 2096's 29th of February the next is in 2104, past the 8 years a span reaches
    from 2096: the cron keeps an empty span for the year (no table read to no end), and the
    answers stay the reference's."""
    clear_caches()
    schedule = cronwall.Schedule("0 0 29 2 *", "America/New_York")
    t = datetime(2096, 6, 1, 12, tzinfo=UTC)
    want = reference_next("0 0 29 2 *", "America/New_York", t)
    assert want is not None and want.year == 2104
    for _ in range(4):
        assert schedule.next_after(t) == want
    assert schedule.cron._days == (1, 1, b"", 2096)
