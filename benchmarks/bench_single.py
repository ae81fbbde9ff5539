"""One next_after(t) from a fresh start, and the first query of a never-seen expression.

Single query: for each expression of the mix and each zone, 32 instants spread over 2026 in
random order (the same for every library), one independent query each: no iterator state and
no locality between consecutive queries. cronwall answers with a Schedule built once (as a
scheduler or request handler keeps one); cronsim has no reusable object, so a fresh CronSim per
query is its call; croniter reuses one object through get_next(start_time=t); APScheduler 3
reuses its trigger. The *floor* is the least work any Python implementation does for the call:
a method call that reads the aware input datetime, looks the offset up in the zone's sorted
transition list (not in UTC), makes one bit jump, and builds the aware UTC output datetime, each
in the cheapest way we know (the output from the input's date and a tabled time of day).

First query: parse plus the first next_after of 2,000 never-seen expressions per round
(cronwall's parse caches cleared), against cronsim's constructor plus its first next().
"""

from __future__ import annotations

import random
from bisect import bisect_right
from datetime import datetime, time, timedelta, timezone

import pytest
from workloads import (
    LIBRARY_NAMES,
    MIX,
    START,
    ZONES,
    compare,
    distinct_expressions,
    peer_zone,
    reference_fires,
    require,
)

UTC = timezone.utc
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_combine = datetime.combine
_TIMES = tuple(time(m // 60, m % 60) for m in range(1440))
QUERIES = 32
_rng = random.Random(1202)
#: Instants over 2026 (both sides of New York's DST changes), whole and fractional seconds.
INSTANTS = tuple(
    datetime(2026, 1, 1, tzinfo=UTC)
    + timedelta(seconds=_rng.randrange(365 * 86400), microseconds=_rng.choice((0, 500_000)))
    for _ in range(QUERIES)
)
FIRST_QUERY_PER_ROUND = 2000
FIRST_QUERY_ROUNDS = 5

CASES = [pytest.param(case, id=case.expression) for case in MIX]


def _inputs(lib_name: str, zone: str) -> list[datetime]:
    """The instants as each library takes them: peers compute in the zone of their input, so
    they get local datetimes; cronwall gets UTC datetimes, what a scheduler holds (``now``)."""
    if lib_name == "cronwall":
        return list(INSTANTS)
    tz = peer_zone(zone)
    return [t.astimezone(tz) for t in INSTANTS]


class Floor:
    """The least work of one next_after call in pure Python (see the module docstring)."""

    __slots__ = ("minutes", "offsets", "transitions")

    def __init__(self, zone: str) -> None:
        self.minutes = 1 << 30  # any mask: one bit jump costs the same
        rules = _zone_rules(zone)
        self.transitions = rules.trans
        self.offsets = [rules.before, *rules.offs]

    def next_after(self, t: datetime) -> datetime:
        if t.tzinfo is not UTC:
            raise TypeError("the floor reads UTC input, as cronwall's fast path does")
        # The cheapest constructions known: the input read by one subtraction, the output
        # from the input's date and a time of day taken from a table (datetime.fromtimestamp
        # costs about twice as much). The answer is not checked: it is the cost that counts.
        elapsed = t - _EPOCH
        seconds = elapsed.seconds
        instant = elapsed.days * 86400 + seconds
        offset = self.offsets[bisect_right(self.transitions, instant)] if self.transitions else 0
        later = self.minutes >> ((seconds + offset) // 60 % 60 + 1)
        step = (later & -later).bit_length() if later else 60
        return _combine(t, _TIMES[(seconds // 60 + step) % 1440], UTC)


def _zone_rules(zone: str):  # type: ignore[no-untyped-def]
    from cronwall._zones import rules_for_name

    rules = rules_for_name(zone)
    rules.segment(int(INSTANTS[0].timestamp()) + 2 * 366 * 86400)  # extend the footer years
    return rules


@pytest.mark.parametrize("lib_name", [*LIBRARY_NAMES, "floor"])
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("zone", ZONES)
def test_single_next_after(timed, zone, case, lib_name):
    want = None
    if lib_name == "floor":
        require("cronwall")  # the floor reads the zone through cronwall's TZif reader
        query = Floor(zone).next_after
    else:
        lib = require(lib_name)
        if case.expression in lib.unsupported:
            pytest.skip(lib.unsupported[case.expression])
        query = lib.next_after(lib.text(case.expression), zone, INSTANTS[0])
        want = [reference_fires(case.expression, zone, t, 1, False)[0] for t in INSTANTS]
    inputs = _inputs("cronwall" if lib_name == "floor" else lib_name, zone)

    def run():
        return [query(t) for t in inputs]

    timed(
        run,
        group=f"single {zone} | {case.expression}",
        lib=lib_name,
        workload="single",
        ops=QUERIES,
        want=want,
        zone=zone,
        expression=case.expression,
        label=case.label,
    )


@pytest.mark.parametrize("lib_name", ["cronwall", "cronsim"])
@pytest.mark.parametrize("zone", ZONES)
def test_first_query_of_a_never_seen_expression(benchmark, zone, lib_name):
    lib = require(lib_name)
    tz = peer_zone(zone)
    t = START if lib_name == "cronwall" else START.astimezone(tz)
    # Never-seen texts: a pool apart from the cold-parse benchmark's (another seed).
    pool = distinct_expressions(FIRST_QUERY_PER_ROUND * (FIRST_QUERY_ROUNDS + 1), seed=12)
    slices = [
        pool[i : i + FIRST_QUERY_PER_ROUND] for i in range(0, len(pool), FIRST_QUERY_PER_ROUND)
    ]
    if lib_name == "cronwall":
        import cronwall

        Schedule = cronwall.Schedule

        def first_queries(texts):
            return [Schedule(text, zone).next_after(t) for text in texts]
    else:
        from cronsim import CronSim

        def first_queries(texts):
            return [next(CronSim(text, t)) for text in texts]

    check = slices.pop(0)
    lib.clear_caches()
    got = first_queries(check[:200])
    want = [reference_fires(text, zone, START, 1, False)[0] for text in check[:200]]
    difference = compare(got, want)

    def fresh_slice():
        lib.clear_caches()
        return (slices.pop(0),), {}

    benchmark.group = f"first query {zone}"
    benchmark.extra_info.update(
        lib=lib_name,
        workload="first_query",
        zone=zone,
        ops=FIRST_QUERY_PER_ROUND,
        agrees=difference is None,
    )
    if difference is not None:
        benchmark.extra_info["difference"] = difference
    benchmark.pedantic(first_queries, setup=fresh_slice, rounds=FIRST_QUERY_ROUNDS, iterations=1)
