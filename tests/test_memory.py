"""Bounded memory: every cache that input can fill has a size limit.

A request handler that validates any number of distinct expressions must stay under a fixed
ceiling, and a compiled schedule must stay small after its first query (no per-expression
tables). Both are measured with tracemalloc; the bounds are listed in docs/semantics.md.
"""

from __future__ import annotations

import gc
import random
import tracemalloc
from datetime import datetime, timezone

from cronwall import ExpressionError, Schedule, validate_schedule
from cronwall._cron import clear_caches
from cronwall._parser import parse_fields

T = datetime(2026, 3, 7, 20, 0, tzinfo=timezone.utc)
#: Distinct expressions that leave the parse caches at their fullest: with the warm-up's,
#: 16,384 compiled values (the limit) and 8,192 texts (the limit, after one fresh start).
DISTINCT = 16_383
#: What the caches may hold at most after any number of distinct expressions. Measured:
#: about 3.9 MB here (a day table per distinct day fields used to make it 55 MB).
CEILING = 8_000_000
#: A compiled schedule kept by the caller, after its first query (its compiled cron
#: included, the bounded caches not). Measured: about 250 bytes (3,000 schedules).
PER_SCHEDULE = 400


def distinct_expressions(count: int) -> list[str]:
    """Valid, distinct expressions with varied day fields (each a different day search)."""
    rng = random.Random(11)

    def some(low: int, high: int, most: int) -> str:
        return ",".join(map(str, sorted(rng.sample(range(low, high + 1), rng.randint(1, most)))))

    seen: dict[str, None] = {}
    while len(seen) < count:
        minute = some(0, 59, 3)
        hour = some(0, 23, 2) if rng.random() < 0.7 else "*"
        day = some(1, 31, 3) if rng.random() < 0.5 else "*"
        month = some(1, 12, 4) if rng.random() < 0.4 else "*"
        weekday = some(0, 6, 3) if rng.random() < 0.5 else "*"
        text = f"{minute} {hour} {day} {month} {weekday}"
        try:
            parse_fields(text)  # the compiler alone: no cache sees the text yet
        except ExpressionError:  # a day that never occurs in those months
            continue
        seen[text] = None
    return list(seen)


def test_many_distinct_expressions_stay_under_a_fixed_ceiling() -> None:
    texts = distinct_expressions(DISTINCT)
    clear_caches()
    Schedule("0 0 * * *", "America/New_York").next_after(T)  # zone rules load outside the count
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        for index, text in enumerate(texts):
            schedule = Schedule(text, "America/New_York")
            schedule.next_after(T)
            schedule.prev_before(T)
            if index % 10 == 0:  # iteration and the API path too (fewer: they cost more)
                schedule.upcoming(2, after=T)
                validate_schedule({"type": "cron", "expression": text, "timezone": "UTC"})
        del schedule
        gc.collect()
        caches = tracemalloc.get_traced_memory()[0] - base
    finally:
        tracemalloc.stop()
    print(f"caches after {DISTINCT:,} distinct expressions: {caches:,} B")
    assert caches < CEILING, f"{caches:,} bytes retained by caches after {DISTINCT:,} expressions"


def test_a_schedule_kept_after_its_first_query_stays_small() -> None:
    texts = distinct_expressions(3000)
    Schedule("0 0 * * *", "America/New_York").next_after(T)
    clear_caches()
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        kept = [Schedule(text, "America/New_York") for text in texts]
        for schedule in kept:
            schedule.next_after(T)
        clear_caches()  # count what each schedule holds, not the bounded parse caches
        gc.collect()
        per_schedule = (tracemalloc.get_traced_memory()[0] - base) / len(kept)
    finally:
        tracemalloc.stop()
    print(f"{per_schedule:.0f} B per schedule")
    assert per_schedule < PER_SCHEDULE, f"{per_schedule:.0f} bytes per kept schedule"
