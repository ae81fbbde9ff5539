"""First use of a freshly loaded zone: loading its rules, the first query, a warm query.

Load: the zone's rules read from its tzdata file's bytes (``cronwall._tzif.parse_tzif``)
against ``zoneinfo.ZoneInfo.from_file`` on the same bytes (in memory, so no file system
time on either side), LOADS_PER_ROUND loads per round.

First query: each round's setup loads QUERIES_PER_ROUND fresh rules from the same bytes and
builds one ``Schedule`` on each (put in cronwall's per-name rules cache just before, so the
Schedule takes them), with the engine's recent-segment cache cleared; the round times the
first ``next_after`` of every one of those schedules (young objects of the setup collected
before the round, in both states). Warm query: the same schedules, built the
same way but all on one set of rules already asked about that instant, each asked once. The
expression is already parsed in both (its calendar tables too), so the ratio is the zone's
first-use cost alone. Every answer is checked against the oracle (zoneinfo) first.
"""

from __future__ import annotations

import gc
import importlib.resources
import io
import zoneinfo
from datetime import datetime, timezone

import pytest
from workloads import compare, reference_fires, require

UTC = timezone.utc
FIRST_USE_ZONES = (
    "America/New_York",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Europe/Dublin",
    "Africa/Casablanca",
)
YEARS = (2026, 2480, 9998)
EXPRESSION = "0 0 * * *"
LOADS_PER_ROUND = 50
QUERIES_PER_ROUND = 50
FIRST_QUERY_ROUNDS = 15


def _bytes(name: str) -> bytes:
    resource = importlib.resources.files("tzdata.zoneinfo")
    for part in name.split("/"):
        resource = resource.joinpath(part)
    return resource.read_bytes()


def _instant(year: int) -> datetime:
    return datetime(year, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("lib_name", ["cronwall", "zoneinfo"])
@pytest.mark.parametrize("zone", FIRST_USE_ZONES)
def test_zone_load(timed, zone, lib_name):
    require("cronwall")
    data = _bytes(zone)
    if lib_name == "cronwall":
        from cronwall._tzif import parse_tzif

        def run():
            return [parse_tzif(data, zone) for _ in range(LOADS_PER_ROUND)]
    else:
        from_file = zoneinfo.ZoneInfo.from_file

        def run():
            return [from_file(io.BytesIO(data), key=zone) for _ in range(LOADS_PER_ROUND)]

    timed(
        run,
        group=f"zone load {zone}",
        lib=lib_name,
        workload="zone_load",
        ops=LOADS_PER_ROUND,
        zone=zone,
    )


@pytest.mark.parametrize("state", ["first", "warm"])
@pytest.mark.parametrize("year", YEARS)
@pytest.mark.parametrize("zone", FIRST_USE_ZONES)
def test_zone_first_query(benchmark, zone, year, state):
    require("cronwall")
    from cronwall import Schedule, _zones
    from cronwall._tzif import parse_tzif

    data = _bytes(zone)
    t = _instant(year)
    Schedule(EXPRESSION, zone).next_after(t)  # the expression's parse and calendar tables
    warm_rules = parse_tzif(data, zone)
    saved = _zones._rules_by_name.get(zone)

    def schedules_on(rules_for_each):
        built = []
        for rules in rules_for_each:
            _zones._rules_by_name[zone] = rules
            built.append(Schedule(EXPRESSION, zone))
        return built

    if state == "first":

        def fresh():
            # New rules for every schedule, never queried: what the engine remembers about a
            # zone's segments (its hot table) lives on the rules, so none survives into the round.
            schedules = schedules_on(parse_tzif(data, zone) for _ in range(QUERIES_PER_ROUND))
            gc.collect(0)  # the setup's young objects are not the round's work
            return (schedules,), {}
    else:

        def fresh():
            schedules = schedules_on([warm_rules] * QUERIES_PER_ROUND)
            warm_rules.segment(int(t.timestamp()))
            schedules[0].next_after(t)
            gc.collect(0)
            return (schedules,), {}

    def ask(schedules):
        return [schedule.next_after(t) for schedule in schedules]

    try:
        (check,), _ = fresh()
        # The schedules hold the rules meant for them: fresh ones each, or the one warm set.
        held = {id(schedule._rules) for schedule in check}
        assert len(held) == (QUERIES_PER_ROUND if state == "first" else 1)
        got = ask(check)
        want = [reference_fires(EXPRESSION, zone, t, 1, False)[0]] * len(got)
        difference = compare(got, want)
        benchmark.group = f"zone first query {zone} | {year}"
        benchmark.extra_info.update(
            lib="cronwall",
            workload="zone_first_query",
            ops=QUERIES_PER_ROUND,
            agrees=difference is None,
            zone=zone,
            year=year,
            state=state,
        )
        if difference is not None:
            benchmark.extra_info["difference"] = difference
        benchmark.pedantic(ask, setup=fresh, rounds=FIRST_QUERY_ROUNDS, iterations=1)
    finally:
        if saved is None:
            _zones._rules_by_name.pop(zone, None)
        else:
            _zones._rules_by_name[zone] = saved
