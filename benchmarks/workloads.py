"""The benchmark inputs and one adapter per library, shared by every bench_*.py and report.py.

Every library gets the same expressions, zones and start instants. Each adapter uses the
library's own idiomatic fast API; where a library cannot express a workload with the meaning
cronwall gives it, the adapter says so (``unsupported``) and the case is left out for that
library rather than timed on different work.
"""

from __future__ import annotations

import functools
import importlib.metadata
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone, tzinfo
from importlib import resources
from itertools import islice
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import oracle

try:
    import cronwall
except ImportError:  # the engine is not there yet: its benchmarks skip, the peers still run
    cronwall = None

UTC = timezone.utc

LIBRARY_NAMES = ("cronwall", "cronsim", "croniter", "apscheduler")

#: Next-fire iteration starts here: 1,000 fires of the dense expressions cross New York's
#: spring-forward gap (2026-03-08 02:00 EST -> 03:00 EDT, i.e. 07:00Z).
START = datetime(2026, 3, 7, 20, 0, tzinfo=UTC)
#: Reverse iteration starts here: going back, the dense expressions cross New York's
#: fall-back fold (01:00-02:00 occurs twice on 2026-11-01, 05:00Z-07:00Z).
REVERSE_START = datetime(2026, 11, 1, 20, 0, tzinfo=UTC)
ZONES = ("UTC", "America/New_York")
FIRES = 1000


class Case(NamedTuple):
    label: str
    expression: str


#: About twenty schedules as people write them. No fixed wall time between 01:00 and 03:00:
#: there the peers deliberately differ from cronwall's literal wall-clock matching, so timing
#: them would compare different answers. For `30 2 * * *` on 2026-03-08 in New York (gap)
#: cronsim and croniter fire at 03:00, APScheduler at 03:30, cronwall not at all; for
#: `30 1 * * *` on 2026-11-01 (fold) cronsim fires once, the others twice.
#: The dense expressions still cross the gap and the fold (see START, REVERSE_START) and there
#: all four libraries agree; bench runs verify that before timing.
MIX: tuple[Case, ...] = (
    Case("every minute", "* * * * *"),
    Case("every 5 minutes", "*/5 * * * *"),
    Case("every 15 minutes", "*/15 * * * *"),
    Case("hourly", "0 * * * *"),
    Case("every 2 hours at :30", "30 */2 * * *"),
    Case("daily at midnight", "0 0 * * *"),
    Case("daily at 9", "0 9 * * *"),
    Case("weekdays at 9", "0 9 * * 1-5"),
    Case("business hours :15 and :45", "15,45 8-18 * * 1-5"),
    Case("every 10 min, office hours", "*/10 9-17 * * MON-FRI"),
    Case("three times a day", "0 8,12,18 * * *"),
    Case("weekends at noon", "0 12 * * SAT,SUN"),
    Case("Sundays 04:05", "5 4 * * 0"),
    Case("every other day", "0 6 */2 * *"),
    Case("1st and 15th", "0 0 1,15 * *"),
    Case("monthly", "0 0 1 * *"),
    Case("quarterly", "0 6 1 */3 *"),
    Case("Q1 weekdays at 9", "0 9 * JAN-MAR MON-FRI"),
    Case("yearly", "0 0 1 1 *"),
    Case("leap day", "0 0 29 2 *"),
    Case("1st or Mondays (day rule 'or')", "0 0 1 * MON"),
)

#: library -> {expression: why it cannot compute cronwall's fires for it}; left out, not timed.
UNSUPPORTED: dict[str, dict[str, str]] = {
    "apscheduler": {"0 0 1 * MON": "APScheduler 3 always ANDs day of month and day of week"},
}

#: Fires per expression going backwards; fewer for leap days, which run out before year 1.
REVERSE_FIRES = {"0 0 29 2 *": 300}


class DistanceCase(NamedTuple):
    label: str
    expression: str
    #: Local wall time the search starts from (a fire itself, so the next one is a period away).
    wall: datetime


#: next_after(t) where the answer is a minute ... 28 years away. Feb 29 falls on a Sunday in
#: 2032 and next in 2060 (`*/7` in the day-of-week field is 0,7: Sunday; its `*` keeps "and").
DISTANCE: tuple[DistanceCase, ...] = (
    DistanceCase("1 minute", "* * * * *", datetime(2026, 3, 7, 15, 0)),
    DistanceCase("5 minutes", "*/5 * * * *", datetime(2026, 3, 7, 15, 0)),
    DistanceCase("1 day", "0 0 * * *", datetime(2026, 3, 7, 0, 0)),
    DistanceCase("1 month", "0 0 1 * *", datetime(2026, 3, 1, 0, 0)),
    DistanceCase("1 year", "0 0 1 1 *", datetime(2026, 1, 1, 0, 0)),
    DistanceCase("28 years", "0 0 29 2 */7", datetime(2032, 2, 29, 0, 0)),
)

#: Twenty zones for the bulk fleet: the busiest regions, a half-hour DST zone, southern DST.
BULK_ZONES = (
    "UTC",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Moscow",
    "Africa/Johannesburg",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Pacific/Auckland",
)
BULK_SIZE = 100_000


# ---------------------------------------------------------------------------------------------
# Inputs


def _minute(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.5:
        return str(rng.randrange(60))
    if kind < 0.65:
        a, b = sorted(rng.sample(range(60), 2))
        return f"{a},{b}"
    if kind < 0.8:
        return f"*/{rng.choice((2, 3, 5, 10, 15, 20, 30))}"
    if kind < 0.9:
        step = rng.choice((5, 10, 15, 20, 30))
        return f"{rng.randrange(step)}-59/{step}"
    return "*"


def _hour(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.45:
        return str(rng.randrange(24))
    if kind < 0.65:
        return "*"
    if kind < 0.8:
        a, b = sorted(rng.sample(range(24), 2))
        return f"{a}-{b}"
    if kind < 0.9:
        return ",".join(map(str, sorted(rng.sample(range(24), 3))))
    return f"*/{rng.choice((2, 3, 4, 6, 8, 12))}"


def _day_of_month(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.7:
        return "*"
    if kind < 0.85:
        return str(rng.randint(1, 28))
    if kind < 0.9:
        return "1,15"
    if kind < 0.95:
        a, b = sorted(rng.sample(range(1, 29), 2))
        return f"{a}-{b}"
    return f"*/{rng.choice((2, 3, 7, 10))}"


_MONTHS = ("1", "6", "DEC", "JAN-MAR", "*/3", "1,4,7,10", "6-8", "3-11", "*/6", "APR-SEP")
_DAYS_OF_WEEK = ("1-5", "MON-FRI", "0", "6", "SAT,SUN", "0,6", "1", "5", "1,3,5", "MON,WED,FRI")


def _month(rng: random.Random) -> str:
    return "*" if rng.random() < 0.75 else rng.choice(_MONTHS)


def _day_of_week(rng: random.Random) -> str:
    return "*" if rng.random() < 0.6 else rng.choice(_DAYS_OF_WEEK)


@functools.cache
def distinct_expressions(count: int, seed: int = 2026) -> tuple[str, ...]:
    """`count` distinct, valid, realistic expressions (deterministic for a seed)."""
    rng = random.Random(seed)
    seen: dict[str, None] = {}
    while len(seen) < count:
        minute, hour, day, month = _minute(rng), _hour(rng), _day_of_month(rng), _month(rng)
        # Both day fields restricted would select the "or" day rule, which APScheduler 3
        # cannot express; such schedules are rare in practice, and MIX times one of them.
        weekday = _day_of_week(rng) if day.startswith("*") else "*"
        seen.setdefault(" ".join((minute, hour, day, month, weekday)))
    return tuple(seen)


@functools.cache
def bulk_fleet(size: int = BULK_SIZE) -> tuple[tuple[str, str], ...]:
    """`size` (expression, zone name) schedules: 60% the common mix, 40% 2,000 rarer ones.

    Leaves out the MIX entries some library cannot express, so all compute the same fires.
    """
    rng = random.Random(100_000)
    rare = distinct_expressions(2000, seed=7)
    unsupported = {e for reasons in UNSUPPORTED.values() for e in reasons}
    common = [case.expression for case in MIX if case.expression not in unsupported]
    return tuple(
        (rng.choice(common) if rng.random() < 0.6 else rng.choice(rare), rng.choice(BULK_ZONES))
        for _ in range(size)
    )


@functools.cache
def peer_zone(name: str) -> tzinfo:
    """The tzinfo the peers get: `datetime.timezone.utc` for UTC (their fast path), else a
    ZoneInfo read from the tzdata package file, as cronwall.get_zone does, so every library
    uses the same rules whatever the host ships."""
    if name == "UTC":
        return UTC
    path = resources.files("tzdata.zoneinfo").joinpath(*name.split("/"))
    with path.open("rb") as file:
        return ZoneInfo.from_file(file, key=name)


_APS_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def to_apscheduler(expression: str) -> str:
    """The same schedule in APScheduler 3's crontab dialect.

    APScheduler 3 numbers weekdays from Monday = 0 (its documented historical mistake), so
    the day-of-week field is rewritten with names; every other field means the same.
    """
    fields = expression.split()
    if fields[4] != "*":
        days = sorted((d - 1) % 7 for d in oracle.parse_field(fields[4], 4))  # Monday first
        runs: list[list[int]] = []
        for day in days:
            if runs and runs[-1][-1] == day - 1:
                runs[-1].append(day)
            else:
                runs.append([day])
        fields[4] = ",".join(
            _APS_DAYS[r[0]] if len(r) == 1 else f"{_APS_DAYS[r[0]]}-{_APS_DAYS[r[-1]]}"
            for r in runs
        )
    return " ".join(fields)


def wall_in(zone: str, wall: datetime) -> datetime:
    """An aware datetime for a local wall time (first pass if it is in a fold)."""
    return wall.replace(tzinfo=peer_zone(zone))


# ---------------------------------------------------------------------------------------------
# Adapters

Fires = Callable[[], list[datetime]]
#: (the schedule objects, their next fires)
FleetResult = tuple[list[Any], list[Any]]


@dataclass(frozen=True)
class Library:
    name: str
    #: The calls timed, for the report.
    api: str
    #: Turns a shared expression into the library's text (same meaning); every other
    #: callable below takes that text.
    text: Callable[[str], str]
    parse: Callable[[str], object]
    #: (expression, zone name, start, n) -> a callable computing the first n fires after start.
    fires_after: Callable[[str, str, datetime, int], Fires]
    fires_before: Callable[[str, str, datetime, int], Fires] | None
    #: (expression, zone name, example t) -> next_after(t)
    next_after: Callable[[str, str, datetime], Callable[[datetime], datetime | None]]
    #: (fleet of (text, zone name), t) -> a callable building every schedule and its next fire.
    fleet: Callable[[Sequence[tuple[str, str]], datetime], Callable[[], FleetResult]]
    clear_caches: Callable[[], None] = lambda: None
    #: expression -> why this library cannot compute cronwall's answer for it.
    unsupported: dict[str, str] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return importlib.metadata.version(self.name)


def _cronwall() -> Library:
    assert cronwall is not None
    Schedule = cronwall.Schedule

    def fires_after(expression: str, zone: str, start: datetime, n: int) -> Fires:
        return lambda: list(islice(Schedule(expression, zone).iter_after(start), n))

    def fires_before(expression: str, zone: str, start: datetime, n: int) -> Fires:
        return lambda: list(islice(Schedule(expression, zone).iter_before(start), n))

    def next_after(expression: str, zone: str, t: datetime) -> Callable[[datetime], Any]:
        return Schedule(expression, zone).next_after

    def fleet(schedules: Sequence[tuple[str, str]], t: datetime) -> Callable[[], Any]:
        def run() -> tuple[list[Any], list[Any]]:
            built = [Schedule(expression, zone) for expression, zone in schedules]
            return built, [s.next_after(t) for s in built]

        return run

    def clear_caches() -> None:
        # Only the parse cache (a no-op if that changes, and the
        # cold workloads use never-seen texts anyway). Zones stay loaded, as in any process.
        clear = getattr(getattr(cronwall, "_cron", None), "clear_caches", None)
        if clear is not None:
            clear()

    return Library(
        name="cronwall",
        api="parse(text); Schedule(text, zone name).iter_after / iter_before / next_after",
        text=str,
        parse=cronwall.parse,
        fires_after=fires_after,
        fires_before=fires_before,
        next_after=next_after,
        fleet=fleet,
        clear_caches=clear_caches,
    )


def _cronsim() -> Library:
    from cronsim import CronSim

    # cronsim has no separate parse step: the constructor parses and takes the start time.
    def fires_after(expression: str, zone: str, start: datetime, n: int) -> Fires:
        local = start.astimezone(peer_zone(zone))
        return lambda: list(islice(CronSim(expression, local), n))

    def fires_before(expression: str, zone: str, start: datetime, n: int) -> Fires:
        local = start.astimezone(peer_zone(zone))
        return lambda: list(islice(CronSim(expression, local, reverse=True), n))

    def next_after(expression: str, zone: str, t: datetime) -> Callable[[datetime], Any]:
        return lambda t: next(CronSim(expression, t))

    def fleet(schedules: Sequence[tuple[str, str]], t: datetime) -> Callable[[], Any]:
        local = {zone: t.astimezone(peer_zone(zone)) for zone in BULK_ZONES}

        def run() -> tuple[list[Any], list[Any]]:
            built = [CronSim(expression, local[zone]) for expression, zone in schedules]
            return built, [next(s) for s in built]

        return run

    return Library(
        name="cronsim",
        api="CronSim(text, start in zone) iterated (reverse=True for prev)",
        text=str,
        parse=lambda text: CronSim(text, START),
        fires_after=fires_after,
        fires_before=fires_before,
        next_after=next_after,
        fleet=fleet,
        # In a zone with DST, cronsim treats a fixed-time job Debian-cron style (a time in the
        # gap fires at the first minute after it; a time in the fold fires once); no MIX entry
        # has such a time (see MIX), so none is unsupported.
    )


def _croniter() -> Library:
    from croniter import croniter

    # implement_cron_bug=True gives the Vixie day rule for fields that start with '*' but are
    # not '*' ("0 0 29 2 */7" means Feb 29 AND Sunday); without it croniter ORs them.
    def fires_after(expression: str, zone: str, start: datetime, n: int) -> Fires:
        local = start.astimezone(peer_zone(zone))

        def run() -> list[datetime]:
            get_next = croniter(expression, local, implement_cron_bug=True).get_next
            return [get_next(datetime) for _ in range(n)]

        return run

    def fires_before(expression: str, zone: str, start: datetime, n: int) -> Fires:
        local = start.astimezone(peer_zone(zone))

        def run() -> list[datetime]:
            get_prev = croniter(expression, local, implement_cron_bug=True).get_prev
            return [get_prev(datetime) for _ in range(n)]

        return run

    def next_after(expression: str, zone: str, t: datetime) -> Callable[[datetime], Any]:
        get_next = croniter(expression, t, implement_cron_bug=True).get_next
        return lambda t: get_next(datetime, start_time=t)

    def fleet(schedules: Sequence[tuple[str, str]], t: datetime) -> Callable[[], Any]:
        local = {zone: t.astimezone(peer_zone(zone)) for zone in BULK_ZONES}

        def run() -> tuple[list[Any], list[Any]]:
            built = [
                croniter(expression, local[zone], implement_cron_bug=True)
                for expression, zone in schedules
            ]
            return built, [s.get_next(datetime) for s in built]

        return run

    return Library(
        name="croniter",
        api="croniter(text, start in zone, implement_cron_bug=True).get_next / get_prev(datetime)",
        text=str,
        parse=lambda text: croniter(text, START, implement_cron_bug=True),
        fires_after=fires_after,
        fires_before=fires_before,
        next_after=next_after,
        fleet=fleet,
    )


def _apscheduler() -> Library:
    from apscheduler.triggers.cron import CronTrigger

    from_crontab = CronTrigger.from_crontab

    # get_next_fire_time(previous, now) with previous == now == the last fire is how the
    # APScheduler 3 scheduler asks for the fire after a fire; the result is strictly later.
    def fires_after(expression: str, zone: str, start: datetime, n: int) -> Fires:
        tz = peer_zone(zone)
        local = start.astimezone(tz)

        def run() -> list[datetime]:
            get_next_fire_time = from_crontab(expression, timezone=tz).get_next_fire_time
            fires, fire = [], local
            for _ in range(n):
                fire = get_next_fire_time(fire, fire)
                fires.append(fire)
            return fires

        return run

    def next_after(expression: str, zone: str, t: datetime) -> Callable[[datetime], Any]:
        get_next_fire_time = from_crontab(expression, timezone=peer_zone(zone)).get_next_fire_time
        return lambda t: get_next_fire_time(t, t)

    def fleet(schedules: Sequence[tuple[str, str]], t: datetime) -> Callable[[], Any]:
        zones = {zone: peer_zone(zone) for zone in BULK_ZONES}

        def run() -> tuple[list[Any], list[Any]]:
            built = [from_crontab(text, timezone=zones[zone]) for text, zone in schedules]
            return built, [s.get_next_fire_time(t, t) for s in built]

        return run

    return Library(
        name="apscheduler",
        api="CronTrigger.from_crontab(text, timezone).get_next_fire_time(prev, prev); no reverse",
        text=to_apscheduler,
        parse=lambda text: from_crontab(text, timezone=UTC),
        fires_after=fires_after,
        fires_before=None,
        next_after=next_after,
        fleet=fleet,
        unsupported=UNSUPPORTED["apscheduler"],
    )


_FACTORIES = {
    "cronwall": _cronwall,
    "cronsim": _cronsim,
    "croniter": _croniter,
    "apscheduler": _apscheduler,
}


@functools.cache
def library(name: str) -> Library | None:
    """The adapter for a library, or None if it is not importable (cronwall before it exists)."""
    if name == "cronwall" and (cronwall is None or not hasattr(cronwall, "Schedule")):
        return None
    return _FACTORIES[name]()


def require(name: str) -> Library:
    """The library's adapter, or skip the benchmark (cronwall's, until the engine exists)."""
    lib = library(name)
    if lib is None:
        import pytest

        pytest.skip(f"{name} is not importable yet")
    return lib


# ---------------------------------------------------------------------------------------------
# Agreement


def utc_seconds(fires: Sequence[datetime | None]) -> list[int | None]:
    """Fires as UTC epoch seconds: comparable across libraries whatever zone they return in."""
    return [None if f is None else int(f.timestamp()) for f in fires]


def _iso(seconds: int | None) -> str:
    if seconds is None:
        return "None"
    return datetime.fromtimestamp(seconds, UTC).isoformat().replace("+00:00", "Z")


def compare(got: Sequence[datetime | None], want: Sequence[datetime | None]) -> str | None:
    """None when both are the same instants, else a short description of the difference.

    For a series of fires (ascending or descending) it names the fires only one side has,
    within the span both cover; for a list of independent answers (bulk) it counts the
    positions that differ.
    """
    g, w = utc_seconds(got), utc_seconds(want)
    if g == w:
        return None
    if len(g) != len(w):
        return f"{len(g)} fires instead of {len(w)}"
    series = len(w) > 1 and None not in w and None not in g and w == sorted(w, reverse=w[0] > w[-1])
    if not series:
        bad = [i for i, (a, b) in enumerate(zip(g, w, strict=True)) if a != b]
        i = bad[0]
        return f"{len(bad)} of {len(w)} differ; first #{i}: {_iso(g[i])}, want {_iso(w[i])}"
    if w[0] <= w[-1]:
        bound = min(g[-1], w[-1])
        extra = sorted(x for x in set(g) - set(w) if x <= bound)
        missing = sorted(x for x in set(w) - set(g) if x <= bound)
    else:
        bound = max(g[-1], w[-1])
        extra = sorted((x for x in set(g) - set(w) if x >= bound), reverse=True)
        missing = sorted((x for x in set(w) - set(g) if x >= bound), reverse=True)
    parts = []
    if extra:
        parts.append(f"{len(extra)} extra fire(s), first {_iso(extra[0])}")
    if missing:
        parts.append(f"{len(missing)} missing fire(s), first {_iso(missing[0])}")
    return "; ".join(parts) or "fires out of order"


@functools.cache
def reference_fires(expression: str, zone: str, start: datetime, n: int, reverse: bool) -> tuple:
    """The oracle's fires: what every library must return to be timed on equal terms."""
    return tuple(oracle.fires(expression, peer_zone(zone), start, n, reverse=reverse))


def rounds_for(
    seconds_per_round: float, budget: float = 0.3, low: int = 3, high: int = 2000
) -> int:
    """Rounds for a benchmark so that it takes about `budget` seconds, within [low, high].

    Every library's case is timed for about the same wall-clock time, so a fast one is not
    sampled over a millisecond (where one slow moment of the machine moves its median) while
    a slow one is sampled over a quarter of a second."""
    return max(low, min(high, int(budget / max(seconds_per_round, 1e-9))))
