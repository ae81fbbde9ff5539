"""Memory per compiled schedule: 100,000 distinct expressions, each queried once and kept.

tracemalloc counts what is retained after every schedule has answered its first next_after,
the bounded caches included (they start empty), divided by the number of schedules; then what
the caches alone still hold once the schedules are dropped.
"""

from __future__ import annotations

import gc
import tracemalloc

import pytest
from workloads import START, distinct_expressions

DISTINCT = 100_000
ZONE = "America/New_York"


def test_memory_per_schedule(benchmark):
    cronwall = pytest.importorskip("cronwall")
    from cronwall._cron import clear_caches

    texts = distinct_expressions(DISTINCT, seed=5)
    cronwall.Schedule("0 0 * * *", ZONE).next_after(START)  # zone rules load before counting
    result: dict[str, float] = {}

    def measure() -> None:
        clear_caches()
        gc.collect()
        tracemalloc.start()
        try:
            base = tracemalloc.get_traced_memory()[0]
            kept = []
            for text in texts:
                schedule = cronwall.Schedule(text, ZONE)
                schedule.next_after(START)
                kept.append(schedule)
            gc.collect()
            with_schedules = tracemalloc.get_traced_memory()[0] - base
            del kept, schedule
            gc.collect()
            caches = tracemalloc.get_traced_memory()[0] - base
        finally:
            tracemalloc.stop()
        result.update(per_schedule_bytes=with_schedules / DISTINCT, caches_bytes=caches)

    benchmark.group = "memory"
    benchmark.pedantic(measure, rounds=1, iterations=1)
    benchmark.extra_info.update(
        lib="cronwall", workload="memory", ops=DISTINCT, agrees=True, distinct=DISTINCT, **result
    )
