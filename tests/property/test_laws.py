"""Laws of the engine, checked against the brute-force oracle of ``cronwall.testing``.

Random valid expressions x random zones (the awkward ones named below, and any zone tzdata
ships) x DST policies (each example draws one of the six gap/fold combinations, so the examples
are split across them rather than multiplied) x start instants biased onto offset changes:
exactly on them, in gaps, on the first and second pass of folds. The oracle scans every UTC
minute, so it looks only ``WINDOW`` ahead (or back): when it finds nothing there, the engine's
answer must lie beyond the window. The
expressions are biased towards ones that fire every day, many of them in the wall-clock hours
around the start, so that most windows hold fires and many hold fires in gaps and folds.
"""

from __future__ import annotations

import functools
import zoneinfo
from datetime import date, datetime, timedelta, timezone, tzinfo
from itertools import islice

from hypothesis import given
from hypothesis import strategies as st

import cronwall
from cronwall._schedule import (
    FIRST_INSTANT,
    LAST_INSTANT,
    _next_fire_segments,
    next_fire,
    to_datetime,
)
from cronwall.testing import (
    INTERESTING_TIMEZONES,
    POLICIES,
    ScheduleCase,
    expressions,
    instants,
    reference_fires,
    reference_fires_before,
    schedules,
    timezones,
)
from cronwall.testing._oracle import reference_matches

UTC = timezone.utc
WINDOW = timedelta(days=2)
K = 4  # fires compared per iteration


frequent_expressions = st.one_of(
    expressions(fields=("minute", "hour")),
    expressions(fields=("minute", "hour", "day of week")),
    expressions(fields=("minute", "hour", "day of month", "day of week"), day_rule="or"),
    expressions(),
)
zones = st.one_of(st.sampled_from(INTERESTING_TIMEZONES), timezones())
# schedules() aims half of its expressions at the start: they fire every day around the start's
# wall-clock hour, so that starts near transitions see fires in gaps and on both passes of folds.
cases = schedules(timezones=zones)


@functools.cache
def cached_schedule(expression: str, zone: str, gap: str, fold: str) -> cronwall.Schedule:
    return cronwall.Schedule(expression, zone, gap=gap, fold=fold)  # type: ignore[arg-type]


def schedule(case: ScheduleCase) -> cronwall.Schedule:
    return cached_schedule(case.expression, case.timezone, case.gap, case.fold)


def oracle_after(case: ScheduleCase, after: datetime, n: int, horizon: timedelta) -> list[datetime]:
    return reference_fires(
        case.expression, case.timezone, after, n, horizon=horizon, gap=case.gap, fold=case.fold
    )


def oracle_before(
    case: ScheduleCase, before: datetime, n: int, horizon: timedelta
) -> list[datetime]:
    return reference_fires_before(
        case.expression, case.timezone, before, n, horizon=horizon, gap=case.gap, fold=case.fold
    )


def iso(fires: list[datetime]) -> list[str]:
    return [fire.isoformat() for fire in fires]


def later(t: datetime, delta: timedelta) -> datetime:
    """``t + delta`` as an instant (UTC arithmetic), stopping at the end of year 9999."""
    try:
        return t.astimezone(UTC) + delta
    except OverflowError:
        return datetime.max.replace(tzinfo=UTC)


def earlier(t: datetime, delta: timedelta) -> datetime:
    try:
        return t.astimezone(UTC) - delta
    except OverflowError:
        return datetime.min.replace(tzinfo=UTC)


@given(cases)
def test_next_after_equals_the_oracle(case: ScheduleCase) -> None:
    """next_after(t) is the oracle's first fire after t, or lies beyond the oracle's window."""
    expected = oracle_after(case, case.start, 1, WINDOW)
    got = schedule(case).next_after(case.start)
    if expected:
        assert got is not None
        assert got.isoformat() == expected[0].isoformat()
    else:
        assert got is None or got > later(case.start, WINDOW)


@given(cases)
def test_prev_before_equals_the_oracle(case: ScheduleCase) -> None:
    """prev_before(t) is the oracle's last fire before t (scanning back), or lies beyond it."""
    expected = oracle_before(case, case.start, 1, WINDOW)
    got = schedule(case).prev_before(case.start)
    if expected:
        assert got is not None
        assert got.isoformat() == expected[0].isoformat()
    else:
        assert got is None or got < earlier(case.start, WINDOW)


@given(cases)
def test_iter_after_equals_the_oracle(case: ScheduleCase) -> None:
    """The first K fires of iter_after(t) are the oracle's first K fires after t."""
    expected = oracle_after(case, case.start, K, WINDOW)
    got = list(islice(schedule(case).iter_after(case.start), K))
    assert iso(got[: len(expected)]) == iso(expected)
    if len(expected) < K and len(got) > len(expected):
        assert got[len(expected)] > later(case.start, WINDOW)


@given(cases)
def test_iter_before_equals_the_oracle(case: ScheduleCase) -> None:
    """The first K fires of iter_before(t) are the oracle's last K fires before t, latest first."""
    expected = oracle_before(case, case.start, K, WINDOW)
    got = list(islice(schedule(case).iter_before(case.start), K))
    assert iso(got[: len(expected)]) == iso(expected)
    if len(expected) < K and len(got) > len(expected):
        assert got[len(expected)] < earlier(case.start, WINDOW)


@given(cases)
def test_between_equals_the_oracle(case: ScheduleCase) -> None:
    """between(t, t + a day) yields exactly the oracle's fires in (t, t + a day]."""
    day = timedelta(days=1)  # the oracle scans all of it, whatever it finds: keep it short
    end = later(case.start, day)
    expected = oracle_after(case, case.start, 10_000, day)
    got = list(schedule(case).between(case.start, end))
    assert iso(got) == iso(expected)


@given(cases)
def test_iter_after_is_strictly_increasing(case: ScheduleCase) -> None:
    """iter_after(t) yields UTC instants after t, each strictly later than the one before."""
    got = list(islice(schedule(case).iter_after(case.start), 3 * K))
    previous = case.start
    for fire in got:
        assert fire > previous
        previous = fire


@given(cases)
def test_iter_before_is_strictly_decreasing(case: ScheduleCase) -> None:
    """iter_before(t) yields UTC instants before t, each strictly earlier than the one before."""
    got = list(islice(schedule(case).iter_before(case.start), 3 * K))
    previous = case.start
    for fire in got:
        assert fire < previous
        previous = fire


@given(cases)
def test_next_and_prev_are_inverses_on_fires(case: ScheduleCase) -> None:
    """For a fire f: prev_before(next_after(f)) == f and next_after(prev_before(f)) == f."""
    engine = schedule(case)
    for fire in (engine.next_after(case.start), engine.prev_before(case.start)):
        if fire is None:
            continue
        following, preceding = engine.next_after(fire), engine.prev_before(fire)
        if following is not None:
            back = engine.prev_before(following)
            assert back is not None
            assert back.isoformat() == fire.isoformat()
        if preceding is not None:
            forth = engine.next_after(preceding)
            assert forth is not None
            assert forth.isoformat() == fire.isoformat()


def skips_a_match(fire: datetime, zone: tzinfo, cron: cronwall.Cron) -> bool:
    """Is ``fire`` an offset change whose forward jump skips a wall minute that matches?"""
    before = (fire - timedelta(seconds=1)).astimezone(zone).replace(tzinfo=None)
    after = fire.astimezone(zone).replace(tzinfo=None)
    wall = before.replace(second=0) + timedelta(minutes=1)
    while wall < after:
        if reference_matches(cron)(wall):
            return True
        wall += timedelta(minutes=1)
    return False


@given(cases)
def test_every_fire_matches(case: ScheduleCase) -> None:
    """Every fire is a UTC instant, microsecond 0, whose wall time has second 0 and matches,
    or (gap="late" only) the end of a gap that skipped a matching wall time."""
    cron = cronwall.parse(case.expression)
    engine = schedule(case)
    zone = cronwall.get_zone(case.timezone)
    fires = [
        *islice(engine.iter_after(case.start), K),
        *islice(engine.iter_before(case.start), K),
    ]
    for fire in fires:
        assert fire.tzinfo is UTC
        assert fire.microsecond == 0
        wall = fire.astimezone(zone)
        if case.gap == "late" and not (wall.second == 0 and cron.matches(wall)):
            assert skips_a_match(fire, zone, cron), fire.isoformat()
            continue
        assert wall.second == 0, wall.isoformat()
        assert cron.matches(wall), wall.isoformat()
        assert reference_matches(cron)(wall), wall.isoformat()


@given(cases)
def test_a_fold_policy_fires_each_wall_time_once(case: ScheduleCase) -> None:
    """Under fold="first" or "last", no two fires within a day show the same wall time."""
    if case.fold == "both":
        return
    zone = cronwall.get_zone(case.timezone)
    fires = list(schedule(case).between(case.start, later(case.start, timedelta(days=1))))
    walls = [fire.astimezone(zone).replace(tzinfo=None) for fire in fires]
    assert len(set(walls)) == len(walls), iso(fires)


@given(cases)
def test_no_fire_strictly_between_prev_before_and_next_after(case: ScheduleCase) -> None:
    """No fire lies strictly between prev_before(t) and next_after(t), except t itself."""
    engine = schedule(case)
    preceding, following = engine.prev_before(case.start), engine.next_after(case.start)
    start = case.start.astimezone(UTC)
    if preceding is not None:
        # The oracle's fires after prev_before(t), within the window: t at most, then next_after(t).
        for fire in oracle_after(case, preceding, 2, WINDOW):
            if following is not None and fire >= following:
                break
            assert fire == start, f"{fire.isoformat()} is a fire between the two"
    if following is not None:
        for fire in oracle_before(case, following, 2, WINDOW):
            if preceding is not None and fire <= preceding:
                break
            assert fire == start, f"{fire.isoformat()} is a fire between the two"


def fixed_offsets() -> st.SearchStrategy[tzinfo]:
    return st.integers(-14 * 60, 14 * 60).map(lambda m: timezone(timedelta(minutes=m)))


@functools.cache
def system_zone(name: str) -> tzinfo:
    return zoneinfo.ZoneInfo(name)


@given(
    frequent_expressions,
    st.one_of(fixed_offsets(), st.sampled_from(INTERESTING_TIMEZONES).map(system_zone)),
    st.sampled_from(POLICIES),
    st.data(),
)
def test_a_tzinfo_object_gets_exactly_its_own_rules(
    expression: str, zone: tzinfo, policy: tuple[str, str], data: st.DataObject
) -> None:
    """Given a tzinfo object rather than a name, the fires are the oracle's for that object."""
    gap, fold = policy
    start = data.draw(instants(zone))
    expected = reference_fires(expression, zone, start, K, horizon=WINDOW, gap=gap, fold=fold)
    engine = cronwall.Schedule(expression, zone, gap=gap, fold=fold)  # type: ignore[arg-type]
    got = list(islice(engine.iter_after(start), K))
    assert iso(got[: len(expected)]) == iso(expected)
    if len(expected) < K and len(got) > len(expected):
        assert got[len(expected)] > later(start, WINDOW)


@given(cases, st.integers(0, 36 * 60), st.sampled_from(["latest", "all"]), st.data())
def test_due_equals_the_filtered_oracle(
    case: ScheduleCase, minutes: int, catchup: str, data: st.DataObject
) -> None:
    """due(last, now) is the oracle's fires in (last, now], grace-filtered, newest or all."""
    last = later(case.start, timedelta(0))
    now = later(last, timedelta(minutes=minutes, seconds=data.draw(st.integers(0, 59))))
    grace = data.draw(st.none() | st.integers(0, 40 * 60).map(lambda m: timedelta(minutes=m)))
    fires = oracle_after(case, last, 100_000, now - last)
    expected = [f for f in fires if grace is None or f >= earlier(now, grace)]
    if catchup == "latest":
        expected = expected[-1:]
    got = schedule(case).due(last, now, catchup=catchup, grace=grace)  # type: ignore[arg-type]
    assert iso(got) == iso(expected)


# -- the single-query fast path and the day search, against independent references -----------

far_instants = st.integers(FIRST_INSTANT - 86400, LAST_INSTANT + 86400)


@given(cases, far_instants)
def test_the_single_query_fast_path_gives_the_segment_walks_answer(
    case: ScheduleCase, anywhere: int
) -> None:
    """next_fire's fast path answers exactly as the general segment walk, near and far."""
    cron = cronwall.parse(case.expression)
    rules = schedule(case)._rules
    near = int(case.start.timestamp())
    literal = cronwall.Schedule(cron, schedule(case)._zone_key)
    for u in (near, near + 59, near + 86400, anywhere):
        expected = _next_fire_segments(cron, rules, u)
        assert next_fire(cron, rules, u) == expected
        if FIRST_INSTANT < u <= LAST_INSTANT:
            # Schedule.next_after inlines the fast path: strictly after u - 1 is at or after u.
            fire = literal.next_after(to_datetime(u - 1))
            assert (None if fire is None else int(fire.timestamp())) == expected


@given(frequent_expressions, st.dates())
def test_the_next_matching_day_is_the_first_day_the_day_rule_matches(
    expression: str, start: date
) -> None:
    """next_from(day) is the first day at or after it that matches_day accepts (day by day)."""
    cron = cronwall.parse(expression)
    found = cron.days.next_from(start.year, start.month, start.day)
    last = date.fromordinal(found) if found else date.max
    day = start
    while day < last:
        assert not cron.matches_day(day), day
        day += timedelta(days=1)
    if found:
        assert cron.matches_day(last)
    else:
        assert not cron.matches_day(last)


@given(frequent_expressions, st.dates())
def test_the_previous_matching_day_is_the_last_day_the_day_rule_matches(
    expression: str, start: date
) -> None:
    """prev_from(day) is the last day at or before it that matches_day accepts (day by day)."""
    cron = cronwall.parse(expression)
    found = cron.days.prev_from(start.year, start.month, start.day)
    first = date.fromordinal(found) if found else date.min
    day = start
    while day > first:
        assert not cron.matches_day(day), day
        day -= timedelta(days=1)
    if found:
        assert cron.matches_day(first)
    else:
        assert not cron.matches_day(first)
