"""Parsing: cold (thousands of distinct expressions, no cache can help) and warm (the same
texts again: cronwall's parse cache hits; the peers have no cache and parse again).

Peers have no parse-only call; their constructor is what a user pays to get a schedule
object: CronSim(text, start), croniter(text, start), CronTrigger.from_crontab(text, timezone).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from workloads import LIBRARY_NAMES, MIX, distinct_expressions, require

COLD_PER_ROUND = 2000
COLD_ROUNDS = 5
WARM_REPEATS = 50


def parse_all(parse: Callable[[str], object], texts: Sequence[str]) -> None:
    for text in texts:
        parse(text)


@pytest.mark.parametrize("lib_name", LIBRARY_NAMES)
def test_parse_cold(benchmark, lib_name):
    lib = require(lib_name)
    # One slice for the check run, then a fresh slice of never-seen texts for every round.
    pool = distinct_expressions(COLD_PER_ROUND * (COLD_ROUNDS + 1))
    texts = [lib.text(expression) for expression in pool]
    slices = [texts[i : i + COLD_PER_ROUND] for i in range(0, len(texts), COLD_PER_ROUND)]
    lib.clear_caches()
    parse_all(lib.parse, slices.pop(0))  # check: every library accepts every expression

    def fresh_slice():
        lib.clear_caches()
        return (lib.parse, slices.pop(0)), {}

    benchmark.group = "parse cold"
    benchmark.extra_info.update(
        lib=lib_name, workload="parse_cold", ops=COLD_PER_ROUND, agrees=True
    )
    benchmark.pedantic(parse_all, setup=fresh_slice, rounds=COLD_ROUNDS, iterations=1)


@pytest.mark.parametrize("lib_name", LIBRARY_NAMES)
def test_parse_warm(timed, lib_name):
    lib = require(lib_name)
    texts = [lib.text(case.expression) for case in MIX] * WARM_REPEATS
    timed(
        lambda: parse_all(lib.parse, texts),
        group="parse warm",
        lib=lib_name,
        workload="parse_warm",
        ops=len(texts),
    )
