"""First use of a freshly loaded zone: loading, first query, warm query (CPU time).

Run: PYTHONPATH=src python benchmarks/zone_first_use.py

Prints, per workload, the median CPU time of loading a zone's rules from its tzdata
file (beside ``zoneinfo.ZoneInfo.from_file`` on the same bytes), of the first
``segment`` query in the freshly loaded rules, and of a warm query at the same instant.
"""

from __future__ import annotations

import importlib.resources
import io
import statistics
import time
import zoneinfo

import cronwall
from cronwall._tzif import parse_tzif

SANTIAGO = "America/Santiago"
NEAR_9999 = 253_370_000_000  # 9998-12-... UTC
YEARS = {"2026": 1_790_000_000, "2480": 16_100_000_000, "9998": NEAR_9999}


def _bytes(name: str) -> bytes:
    resource = importlib.resources.files("tzdata.zoneinfo")
    for part in name.split("/"):
        resource = resource.joinpath(part)
    return resource.read_bytes()


def _cpu(fn, repeat: int = 7) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.process_time_ns()
        fn()
        times.append(time.process_time_ns() - start)
    return statistics.median(times) / 1e3  # microseconds


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


def main() -> None:
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
