"""Bulk: build 100,000 schedules (a realistic mix of expressions in 20 zones) and compute each
one's next fire, as a scheduler does when it loads its job table.

Time: the whole fleet, parse caches cleared before every round (3 rounds when a round is
short, else 1). Memory: tracemalloc over the first MEMORY_SAMPLE schedules of the same fleet,
per schedule: `peak` while building them and computing their next fires, `retained` by the
schedule objects afterwards (shared structures such as the parse cache included), and
`beyond_shared`: the same for a second fleet built while the caches are warm. tracemalloc
slows Python down (croniter 15x), so memory and time are measured in separate passes.
"""

from __future__ import annotations

import gc
import tracemalloc
from time import perf_counter

import pytest
from workloads import LIBRARY_NAMES, START, bulk_fleet, compare, reference_fires, require

MEMORY_SAMPLE = 2_000
ORACLE_SAMPLE = 300
#: cronwall's fires, the reference for the peers' whole fleet (cronwall runs first).
_cronwall_fires: list = []


def _memory(lib, schedules) -> dict[str, float]:
    run = lib.fleet(schedules, START)
    lib.clear_caches()
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        built, fires = run()
        peak = tracemalloc.get_traced_memory()[1]
        del fires
        retained = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        again, fires = run()
        del fires
        beyond_shared = tracemalloc.get_traced_memory()[0] - retained
        del built, again
    finally:
        tracemalloc.stop()
    n = len(schedules)
    return {
        "peak_bytes": (peak - base) / n,
        "retained_bytes": (retained - base) / n,
        "beyond_shared_bytes": beyond_shared / n,
    }


@pytest.mark.parametrize("lib_name", LIBRARY_NAMES)
def test_bulk_next_fire(benchmark, lib_name):
    lib = require(lib_name)
    fleet = bulk_fleet()
    schedules = [(lib.text(expression), zone) for expression, zone in fleet]
    memory = _memory(lib, schedules[:MEMORY_SAMPLE])

    run = lib.fleet(schedules, START)
    lib.clear_caches()
    begin = perf_counter()
    lib.fleet(schedules[:MEMORY_SAMPLE], START)()  # untraced: a warm-up and a time estimate
    estimate = (perf_counter() - begin) * len(schedules) / MEMORY_SAMPLE
    rounds = 3 if estimate < 5 else 1

    last: dict[str, list] = {}

    def fresh_caches():
        lib.clear_caches()
        gc.collect()

    def target():
        last["built"], last["fires"] = run()

    def drop_schedules():  # outside the timed region: freeing 100,000 objects is not the work
        last.pop("built", None)

    benchmark.group = "bulk next fire"
    benchmark.pedantic(
        target, setup=fresh_caches, teardown=drop_schedules, rounds=rounds, iterations=1
    )
    fires = last.pop("fires")

    want = [reference_fires(e, z, START, 1, False)[0] for e, z in fleet[:ORACLE_SAMPLE]]
    differences = {"oracle_sample": compare(fires[:ORACLE_SAMPLE], want)}
    if lib_name == "cronwall":
        _cronwall_fires[:] = fires
    elif _cronwall_fires:
        differences["cronwall"] = compare(fires, _cronwall_fires)
    benchmark.extra_info.update(
        lib=lib_name,
        workload="bulk",
        ops=len(schedules),
        distinct_expressions=len({e for e, _ in fleet}),
        distinct_schedules=len(set(fleet)),
        memory_sample=MEMORY_SAMPLE,
        agrees=all(d is None for d in differences.values()),
        **memory,
    )
    for against, difference in differences.items():
        if difference is not None:
            benchmark.extra_info[f"difference_vs_{against}"] = difference
