"""Next fire and previous fire: 1,000 fires per expression of the shared mix, UTC and New York.

One group per (direction, zone, expression), so each group compares the libraries on
identical work. Run: see docs/performance.md.
"""

from __future__ import annotations

import pytest
from workloads import (
    FIRES,
    LIBRARY_NAMES,
    MIX,
    REVERSE_FIRES,
    REVERSE_START,
    START,
    ZONES,
    reference_fires,
    require,
)

CASES = [pytest.param(case, id=case.expression) for case in MIX]


@pytest.mark.parametrize("lib_name", LIBRARY_NAMES)
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("zone", ZONES)
def test_next_fire(timed, zone, case, lib_name):
    lib = require(lib_name)
    if case.expression in lib.unsupported:
        pytest.skip(lib.unsupported[case.expression])
    timed(
        lib.fires_after(lib.text(case.expression), zone, START, FIRES),
        group=f"next {zone} | {case.expression}",
        lib=lib_name,
        workload="next",
        ops=FIRES,
        want=reference_fires(case.expression, zone, START, FIRES, False),
        zone=zone,
        expression=case.expression,
        label=case.label,
    )


@pytest.mark.parametrize("lib_name", LIBRARY_NAMES)
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("zone", ZONES)
def test_prev_fire(timed, zone, case, lib_name):
    lib = require(lib_name)
    if lib.fires_before is None:
        pytest.skip(f"{lib_name} has no reverse iteration")
    if case.expression in lib.unsupported:
        pytest.skip(lib.unsupported[case.expression])
    n = REVERSE_FIRES.get(case.expression, FIRES)
    timed(
        lib.fires_before(lib.text(case.expression), zone, REVERSE_START, n),
        group=f"prev {zone} | {case.expression}",
        lib=lib_name,
        workload="prev",
        ops=n,
        want=reference_fires(case.expression, zone, REVERSE_START, n, True),
        zone=zone,
        expression=case.expression,
        label=case.label,
    )
