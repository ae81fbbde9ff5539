"""First use of a freshly loaded zone: loading, first query, warm query (CPU time).

Run: PYTHONPATH=src python benchmarks/zone_first_use.py

Prints, per workload, the median CPU time of loading a zone's rules from its tzdata
file (beside ``zoneinfo.ZoneInfo.from_file`` on the same bytes), of the first
``segment`` query in the freshly loaded rules, and of a warm query at the same instant.
"""

from __future__ import annotations

import importlib.resources
import io
import time
import zoneinfo
from datetime import datetime, timezone

import cronwall
from cronwall import Schedule
from cronwall._tzif import ZoneRules, parse_tzif

SANTIAGO = "America/Santiago"
NEAR_9999 = 253_370_000_000  # 9998-12-... UTC
YEARS = {"2026": 1_790_000_000, "2480": 16_100_000_000, "9998": NEAR_9999}


def _bytes(name: str) -> bytes:
    resource = importlib.resources.files("tzdata.zoneinfo")
    for part in name.split("/"):
        resource = resource.joinpath(part)
    return resource.read_bytes()


def _cpu(fn, repeat: int = 31) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.process_time_ns()
        fn()
        times.append(time.process_time_ns() - start)
    return min(times) / 1e3  # microseconds, best of `repeat`: the least disturbed run


def one_zone(name: str, u: int, rounds: int = 200) -> tuple[float, float, float, float]:
    data = _bytes(name)
    load = _cpu(lambda: [parse_tzif(data, name) for _ in range(rounds)]) / rounds
    stdlib = (
        _cpu(
            lambda: [zoneinfo.ZoneInfo.from_file(io.BytesIO(data), key=name) for _ in range(rounds)]
        )
        / rounds
    )
    fresh = [parse_tzif(data, name) for _ in range(rounds)]
    first = _cpu(lambda: [rules.segment(u) for rules in fresh], repeat=1) / rounds
    warm_rules = fresh[0]
    warm = _cpu(lambda: [warm_rules.segment(u) for _ in range(rounds)]) / rounds
    return load, stdlib, first, warm


def first_next_after(name: str, after: datetime, rounds: int = 200) -> tuple[float, float]:
    """(first next_after in freshly loaded rules, warm next_after), microseconds of CPU.

    Both loops build a Schedule and ask it once; the first hands each Schedule rules
    loaded but never queried, the second one set of rules queried before.
    """
    from cronwall import _zones

    data = _bytes(name)
    warm_rules = parse_tzif(data, name)
    Schedule("0 0 * * *", name).next_after(after)  # the expression's calendar tables

    def ask(all_rules: list[ZoneRules]) -> None:
        for rules in all_rules:
            _zones._rules_by_name[name] = rules
            Schedule("0 0 * * *", name).next_after(after)

    fresh_sets = [[parse_tzif(data, name) for _ in range(rounds)] for _ in range(31)]
    fresh = min(_cpu(lambda rules=rules: ask(rules), repeat=1) for rules in fresh_sets)
    warm = _cpu(lambda: ask([warm_rules] * rounds))
    _zones._rules_by_name.pop(name, None)
    return fresh / rounds, warm / rounds


def main() -> None:
    for year in (2026, 2480, 9998):
        first, warm = first_next_after(SANTIAGO, datetime(year, 6, 1, tzinfo=timezone.utc))
        print(f"{SANTIAGO} next_after in {year}: first {first:.1f} us, warm {warm:.2f} us")
    print(f"{'zone':24} {'year':>5} {'load':>8} {'from_file':>9} {'first':>8} {'warm':>7}  (us)")
    for name in (SANTIAGO, "America/New_York", "Europe/London", "Australia/Lord_Howe"):
        for year, u in YEARS.items():
            load, stdlib, first, warm = one_zone(name, u)
            print(f"{name:24} {year:>5} {load:8.1f} {stdlib:9.1f} {first:8.1f} {warm:7.2f}")
    names = sorted(cronwall.available_timezones())
    blobs = [(name, _bytes(name)) for name in names]
    start = time.process_time()
    for name, data in blobs:
        parse_tzif(data, name).segment(NEAR_9999)
    total = time.process_time() - start
    start = time.process_time()
    for name, data in blobs:
        zoneinfo.ZoneInfo.from_file(io.BytesIO(data), key=name)
    stdlib_total = time.process_time() - start
    print(
        f"all {len(names)} zones: load + first query near 9999: {total * 1e3:.1f} ms CPU "
        f"(ZoneInfo.from_file of all: {stdlib_total * 1e3:.1f} ms)"
    )


if __name__ == "__main__":
    main()
