"""Distance scaling: one next_after(t) whose answer is 1 minute ... 28 years away.

cronwall's cost must stay flat: the slowest case at most 3x the every-5-minutes case.
cronsim has no reusable schedule object, so its number includes parsing the expression.
"""

from __future__ import annotations

import pytest
from workloads import DISTANCE, LIBRARY_NAMES, ZONES, compare, reference_fires, require, wall_in

CASES = [pytest.param(case, id=case.label) for case in DISTANCE]


@pytest.mark.parametrize("lib_name", LIBRARY_NAMES)
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("zone", ZONES)
def test_next_after_distance(benchmark, zone, case, lib_name):
    lib = require(lib_name)
    t = wall_in(zone, case.wall)
    next_after = lib.next_after(lib.text(case.expression), zone, t)
    want = reference_fires(case.expression, zone, t, 1, False)
    difference = compare([next_after(t)], want)
    benchmark.group = f"distance {zone} | {case.label}"
    benchmark.extra_info.update(
        lib=lib_name,
        workload="distance",
        ops=1,
        agrees=difference is None,
        zone=zone,
        expression=case.expression,
        label=case.label,
        answer=want[0].isoformat(),
    )
    if difference is not None:
        benchmark.extra_info["difference"] = difference
    benchmark(next_after, t)
