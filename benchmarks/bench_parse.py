"""Parsing: cold (thousands of distinct expressions, no cache can help) and warm (the same
texts again: cronwall's parse cache hits; the peers have no cache and parse again).

Peers have no parse-only call; their constructor is what a user pays to get a schedule
object: CronSim(text, start), croniter(text, start), CronTrigger.from_crontab(text, timezone).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from time import perf_counter

import pytest

try:
    import cronwall
except ImportError:  # the peers' side runs without it
    cronwall = None  # type: ignore[assignment]
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


# Hostile and invalid texts, one per rejection class and the worst cases near the length limit.
# cronwall promises each is rejected within a millisecond; cronwall alone is timed here,
# since the peers accept several of them (shortcuts, Quartz letters, a seconds field).
HOSTILE = (
    "@daily",
    "0 0 * * * *",
    "0 0 L * *",
    "5/15 * * * *",
    "0 22-2 * * *",
    "*/0 * * * *",
    "61 * * * *",
    "1,,2 * * * *",
    "1-2-3 * * * *",
    "\u0663 * * * *",
    "0 0 * * MONDAY",
    "0\n0 * * *",
    "0 0 30 2 *",
    "x" * 100_000,  # over the limit: rejected before anything else
    "1," * 255 + "x",  # 511 characters, the error at the very end
    "0 0 * * " + "MON," * 125 + "FOO",  # a long list of names, the error at the end
    "\u0663" * 512,  # non-ASCII: the slow path
    " " * 500 + "@x",
    "*/" + "9" * 490 + " * * * *",  # an enormous step
)


def reject_all(texts: Sequence[str]) -> int:
    rejected = 0
    for text in texts:
        try:
            cronwall.parse(text)
        except cronwall.ExpressionError:
            rejected += 1
    return rejected


def test_reject_hostile(timed):
    if cronwall is None:
        pytest.skip("cronwall is not importable")
    assert reject_all(HOSTILE) == len(HOSTILE)  # every one is rejected, and only so
    slowest = 0.0
    for text in HOSTILE:
        rounds = []
        for _ in range(21):
            begin = perf_counter()
            reject_all((text,))
            rounds.append(perf_counter() - begin)
        slowest = max(slowest, sorted(rounds)[10])
    timed(
        lambda: reject_all(HOSTILE),
        group="reject",
        lib="cronwall",
        workload="reject",
        ops=len(HOSTILE),
        slowest_median_s=slowest,
    )
