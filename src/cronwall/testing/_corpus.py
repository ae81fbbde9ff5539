"""The conformance corpus: cases worked out by the reference oracle, as JSON any language can read.

A case says: "the fires of ``expression`` in ``timezone`` strictly after
``after`` and no later than ``until`` are exactly ``expected``". The format is
described in ``docs/testing.md``. Generation is deterministic: a seed and a
count always give the same file (with the same ``tzdata``).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, time, timedelta, timezone
from typing import Any, NamedTuple

import tzdata  # type: ignore[import-untyped]

import cronwall
from cronwall._fields import FIELDS, Field
from cronwall.testing._oracle import reference_fires, tzdata_zone_names
from cronwall.testing._transitions import Transition, transitions

__all__ = [
    "CATEGORIES",
    "FORMAT",
    "Case",
    "check_corpus",
    "dump_corpus",
    "format_instant",
    "generate_corpus",
    "load_corpus",
    "parse_instant",
]

UTC = timezone.utc
FORMAT = "cronwall-conformance-1"
_LAST = datetime.max.replace(tzinfo=UTC)


class Case(NamedTuple):
    """One conformance case: ``expected`` lists every fire ``t`` with ``after < t <= until``."""

    category: str
    expression: str
    timezone: str
    after: datetime
    until: datetime
    expected: tuple[datetime, ...]


def format_instant(instant: datetime) -> str:
    """RFC 3339 in UTC with a ``Z``: ``2026-11-01T05:30:00Z`` (microseconds only when not 0)."""
    t = instant.astimezone(UTC)
    text = f"{t.year:04d}-{t.month:02d}-{t.day:02d}T{t.hour:02d}:{t.minute:02d}:{t.second:02d}"
    return text + (f".{t.microsecond:06d}Z" if t.microsecond else "Z")


def parse_instant(text: str) -> datetime:
    """The aware UTC datetime of a string written by :func:`format_instant`."""
    if not text.endswith("Z"):
        raise ValueError(f"{text!r} is not a UTC instant ending in 'Z'")
    return datetime.fromisoformat(text[:-1]).replace(tzinfo=UTC)


# ------------------------------------------------------------------------------ categories

_Draft = tuple[str, str, datetime, int, timedelta]  # expression, zone, after, n, horizon

_DST_ZONES = (
    "America/New_York",
    "America/Los_Angeles",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Moscow",
    "Australia/Sydney",
    "Pacific/Auckland",
    "America/Santiago",
    "America/St_Johns",
    "Asia/Tehran",
    "Asia/Jerusalem",
    "America/Havana",
    "America/Sao_Paulo",
    "America/Mexico_City",
)
_MIDNIGHT_ZONES = (
    "America/Havana",
    "America/Santiago",
    "America/Sao_Paulo",
    "America/Asuncion",
    "America/Campo_Grande",
    "Asia/Beirut",
    "Asia/Damascus",
    "Africa/Cairo",
)
_LMT_ZONES = (
    "America/New_York",
    "Africa/Monrovia",
    "Europe/Dublin",
    "Asia/Kolkata",
    "Europe/Paris",
    "America/Chicago",
    "Asia/Tokyo",
    "Australia/Sydney",
)
_ANY_ZONES = (
    "UTC",
    "America/New_York",
    "Europe/London",
    "Europe/Dublin",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "America/Santiago",
    "Pacific/Apia",
    "Asia/Kolkata",
    "Africa/Casablanca",
    "America/St_Johns",
    "Asia/Tehran",
    "Antarctica/Troll",
    "Asia/Kathmandu",
)


def _utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def _instant_between(rng: random.Random, low: datetime, high: datetime) -> datetime:
    """A whole-minute instant in ``[low, high]``."""
    return low + timedelta(minutes=rng.randrange(int((high - low).total_seconds()) // 60 + 1))


def _transition(
    rng: random.Random,
    zone: str,
    first_year: int,
    last_year: int,
    keep: Callable[[Transition], bool] = lambda t: True,
) -> Transition:
    """A random transition of ``zone`` in the given years that ``keep`` accepts."""
    for _ in range(200):
        year = rng.randint(first_year, last_year)
        found = [t for t in transitions(zone, _utc(year, 1, 1), _utc(year + 1, 1, 1)) if keep(t)]
        if found:
            return rng.choice(found)
    found = [
        t for t in transitions(zone, _utc(first_year, 1, 1), _utc(last_year + 1, 1, 1)) if keep(t)
    ]
    if not found:
        raise LookupError(f"{zone} has no such transition in {first_year}-{last_year}")
    return rng.choice(found)


def _wall(instant: datetime, offset: timedelta) -> datetime:
    """The naive wall time at ``instant`` on a clock ``offset`` ahead of UTC."""
    return (instant + offset).replace(tzinfo=None)


def _around(
    rng: random.Random, transition: Transition, zone: str, expressions: Iterable[str]
) -> _Draft:
    """A case starting up to a day before ``transition``."""
    after = transition.at - timedelta(minutes=rng.randrange(30, 24 * 60))
    return rng.choice(tuple(expressions)), zone, after, 6, timedelta(days=3)


def _wall_minute_in(rng: random.Random, start: datetime, size: timedelta) -> datetime:
    """A whole wall minute in ``[start, start + size)`` (``start`` may have seconds)."""
    first = start.replace(second=0) + (timedelta(minutes=1) if start.second else timedelta(0))
    minutes = max(1, int((start + size - first).total_seconds()) // 60)
    return first + timedelta(minutes=rng.randrange(minutes))


def _gap(rng: random.Random) -> _Draft:
    zone = rng.choice(_DST_ZONES)
    t = _transition(rng, zone, 1970, 2037, lambda t: t.kind == "gap")
    skipped = _wall_minute_in(rng, _wall(t.at, t.offset_before), t.size)
    m, h = skipped.minute, skipped.hour
    choices = (
        f"{m} {h} * * *",
        f"*/15 {h} * * *",
        f"0,{m} {h} * * *",
        f"{m} {h},{(h + 1) % 24} * * *",
    )
    expression, zone, after, _, horizon = _around(rng, t, zone, choices)
    return expression, zone, after, 4, horizon


def _fold(rng: random.Random) -> _Draft:
    zone = rng.choice(_DST_ZONES)
    t = _transition(rng, zone, 1970, 2037, lambda t: t.kind == "fold")
    repeated = _wall_minute_in(rng, _wall(t.at, t.offset_after), t.size)
    m, h = repeated.minute, repeated.hour
    return _around(rng, t, zone, (f"{m} {h} * * *", f"*/20 {h} * * *", f"{m} * * * *"))


def _leap_day(rng: random.Random) -> _Draft:
    zone = rng.choice(_ANY_ZONES)
    m, h = rng.randrange(60), rng.randrange(24)
    expression = rng.choice(
        (f"{m} {h} 29 2 *", f"{m} {h} 29 FEB *", f"{m} {h} 28,29 2 *", f"{m} {h} 29 2 */3")
    )
    year = rng.choice(range(1904, 2100, 4))
    after = _instant_between(rng, _utc(year, 1, 25), _utc(year, 2, 27))
    if rng.random() < 0.2:
        year = rng.choice(range(1901, 2100))  # mostly not a leap year: no fire within the horizon
        after = _instant_between(rng, _utc(year, 1, 25), _utc(year, 2, 27))
    return expression, zone, after, 2, timedelta(days=40)


def _day_list(rng: random.Random, field: Field, size: int) -> str:
    values = sorted(rng.sample(range(field.low, field.high + 1), size))
    return ",".join(str(v) for v in values)


def _day_rule_or(rng: random.Random) -> _Draft:
    zone = rng.choice(_ANY_ZONES)
    m, h = rng.randrange(60), rng.randrange(24)
    days = rng.choice(
        (_day_list(rng, FIELDS[2], rng.randint(1, 3)), "13", "1", "31", "29-31", "1-7")
    )
    weekdays = rng.choice(
        (_day_list(rng, FIELDS[4], rng.randint(1, 2)), "FRI", "MON", "7", "SAT,SUN", "1-5/2")
    )
    months = rng.choice(("*", "*", "2", "JAN,JUL", "*/3"))
    after = _instant_between(rng, _utc(1990, 1, 1), _utc(2035, 1, 1))
    return f"{m} {h} {days} {months} {weekdays}", zone, after, 6, timedelta(days=100)


def _day_rule_and(rng: random.Random) -> _Draft:
    zone = rng.choice(_ANY_ZONES)
    m, h = rng.randrange(60), rng.randrange(24)
    expression = rng.choice(
        (
            f"{m} {h} */{rng.randint(2, 5)} * {_day_list(rng, FIELDS[4], rng.randint(1, 3))}",
            f"{m} {h} {_day_list(rng, FIELDS[2], rng.randint(3, 8))} * */{rng.randint(2, 3)}",
            f"{m} {h} * * {rng.choice(('MON-FRI', 'sat,sun', '0', '7', '1-5'))}",
            f"{m} {h} 1-7 * */1",
        )
    )
    after = _instant_between(rng, _utc(1990, 1, 1), _utc(2035, 1, 1))
    return expression, zone, after, 6, timedelta(days=100)


def _zone_transitions(
    zone: str, first_year: int, last_year: int, expressions: tuple[str, ...]
) -> Callable[[random.Random], _Draft]:
    def draft(rng: random.Random) -> _Draft:
        return _around(rng, _transition(rng, zone, first_year, last_year), zone, expressions)

    return draft


_lord_howe = _zone_transitions(
    "Australia/Lord_Howe",
    1986,
    2037,
    ("0,30 2 * * *", "*/10 1,2 * * *", "30 1 * * *", "15 2 * * *", "45 1 * * *", "*/15 1-2 * * *"),
)
_dublin = _zone_transitions(
    "Europe/Dublin",
    1972,
    2037,
    ("30 0 * * *", "30 1 * * *", "0 1 * * *", "*/20 0-2 * * *", "59 0 * * *", "0 1 * * SUN"),
)
_chatham = _zone_transitions(
    "Pacific/Chatham",
    1990,
    2037,
    ("45 2 * * *", "45 3 * * *", "*/15 2-3 * * *", "0 3 * * *", "30 2 * * *"),
)
_troll = _zone_transitions(
    "Antarctica/Troll", 2006, 2037, ("0 1 * * *", "0 2 * * *", "30 1,2,3 * * *", "0 * * * *")
)
_casablanca = _zone_transitions(
    "Africa/Casablanca", 2019, 2037, ("0 2 * * *", "30 2 * * *", "0 3 * * *", "*/30 1-3 * * *")
)


def _apia(rng: random.Random) -> _Draft:
    # Pacific/Apia went from -10:00 (DST) to +14:00 (DST) at 2011-12-30T10:00Z: the
    # local Friday 30 December 2011 never happened.
    after = _instant_between(rng, _utc(2011, 12, 27, 12), _utc(2011, 12, 30, 9, 59))
    expression = rng.choice(
        (
            "0 12 * * *",
            "0 0 * * *",
            "30 23 * * *",
            "0 9 30 12 *",
            "0 0 * * FRI",
            "0 0 29-31 12 *",
            "0 */6 * * *",
        )
    )
    return expression, "Pacific/Apia", after, 4, timedelta(days=4)


def _lmt_seconds(rng: random.Random) -> _Draft:
    # Local mean time offsets have seconds (-4:56:02 in New York until 1883, -0:44:30 in
    # Monrovia until 1972): there, local second 0 is not UTC second 0.
    zone = rng.choice(_LMT_ZONES)
    t = _transition(rng, zone, 1800, 1975, lambda t: t.offset_before.seconds % 60 != 0)
    return _around(
        rng, t, zone, ("0 * * * *", "*/15 * * * *", "0 12 * * *", "* * * * *", "59 23 * * *")
    )


def _midnight(rng: random.Random) -> _Draft:
    zone = rng.choice(_MIDNIGHT_ZONES)
    t = _transition(rng, zone, 1970, 2037, lambda t: _wall(t.at, t.offset_before).time() == time(0))
    return _around(
        rng, t, zone, ("0 0 * * *", "30 0 * * *", "0 23 * * *", "*/30 23,0,1 * * *", "59 23 * * *")
    )


def _year_bounds(rng: random.Random) -> _Draft:
    zone = rng.choice(
        (
            "UTC",
            "Pacific/Kiritimati",
            "Etc/GMT+12",
            "Etc/GMT-14",
            "America/New_York",
            "Australia/Sydney",
            "Asia/Kolkata",
        )
    )
    expression = rng.choice(
        ("0 * * * *", "59 23 * * *", "0 0 * * *", "*/30 * * * *", "0 12 31 12 *", "0 0 1 1 *")
    )
    if rng.random() < 0.5:
        after = _instant_between(rng, _utc(9999, 12, 29), _utc(9999, 12, 31, 23, 59))
        return expression, zone, after, 100, timedelta(days=4)
    after = _instant_between(rng, _utc(1, 1, 1), _utc(1, 1, 2))
    return expression, zone, after, 5, timedelta(days=3)


def _syntax(rng: random.Random) -> _Draft:
    zone = rng.choice(_ANY_ZONES)
    expression = rng.choice(
        (
            "0 12 * * */2",  # 0,2,4,6: the step runs over 0-7
            "0 12 * * 1-7/2",  # Monday, Wednesday, Friday, Sunday
            "0 12 * * */7",  # 0 and 7: Sunday
            "0 12 * * 7",
            "0 12 * * 0,7",
            "0 12 * * 5-7",
            "0 12 * * fri-SAT",
            "0 0 */10 * *",  # 1, 11, 21, 31
            "*/25 * * * *",  # 0, 25, 50
            "0 0 * */5 *",  # January, June, November
            "0 0 1-31/15 * *",  # 1, 16, 31
            "0 9 * JAN-DEC/3 MON-FRI",
            "00 007 * * *",
            "5,10-12,*/30 1 * * *",
        )
    )
    after = _instant_between(rng, _utc(1990, 1, 1), _utc(2035, 1, 1))
    return expression, zone, after, 6, timedelta(days=160)


def _random_item(rng: random.Random, field: Field) -> str:
    low, high = field.low, field.high
    kind = rng.choice(("value", "value", "range", "stepped star", "stepped range"))
    if kind == "value":
        return str(rng.randint(low, high))
    if kind == "stepped star":
        return f"*/{rng.randint(1, min(high - low, 20))}"
    start = rng.randint(low, high - 1)
    end = rng.randint(start + 1, high)
    if kind == "range":
        return f"{start}-{end}"
    return f"{start}-{end}/{rng.randint(1, end - start)}"


def _random_expression(rng: random.Random) -> str:
    # Mostly restricted times of day and days of week, so that fires come often enough.
    chances = (0.8, 0.6, 0.15, 0.1, 0.3)
    while True:
        fields = [
            ",".join(_random_item(rng, field) for _ in range(rng.randint(1, 2)))
            if rng.random() < chance
            else "*"
            for field, chance in zip(FIELDS, chances, strict=True)
        ]
        expression = " ".join(fields)
        try:
            cronwall.parse(expression)
        except cronwall.ExpressionError:  # never fires: draw again
            continue
        return expression


def _plain(rng: random.Random) -> _Draft:
    zone = rng.choice(sorted(tzdata_zone_names()))
    after = _instant_between(rng, _utc(1900, 1, 1), _utc(2100, 1, 1))
    return _random_expression(rng), zone, after, 5, timedelta(days=8)


def _after_precision(rng: random.Random) -> _Draft:
    # Seconds and microseconds of ``after`` count: a fire at 12:00:00 is after 11:59:59.999999,
    # and ``after`` itself is never returned.
    zone = rng.choice(_ANY_ZONES)
    expression = rng.choice(("0 12 * * *", "*/5 * * * *", "30 * * * *", "* * * * *"))
    start = _instant_between(rng, _utc(1990, 1, 1), _utc(2035, 1, 1))
    fire = next(iter(reference_fires(expression, zone, start, 1, horizon=timedelta(days=2))), start)
    nudge = rng.choice(
        (timedelta(0), timedelta(microseconds=-1), timedelta(seconds=-1), timedelta(microseconds=1))
    )
    return expression, zone, fire + nudge, 3, timedelta(days=3)


#: Category name -> how a case of it is drafted.
CATEGORIES: dict[str, Callable[[random.Random], _Draft]] = {
    "plain": _plain,
    "gap": _gap,
    "fold": _fold,
    "leap-day": _leap_day,
    "day-rule-or": _day_rule_or,
    "day-rule-and": _day_rule_and,
    "syntax": _syntax,
    "after-precision": _after_precision,
    "lord-howe-30min": _lord_howe,
    "dublin-negative-dst": _dublin,
    "chatham-45min": _chatham,
    "troll-2h": _troll,
    "casablanca-ramadan": _casablanca,
    "apia-skipped-day": _apia,
    "lmt-seconds": _lmt_seconds,
    "midnight-transition": _midnight,
    "year-bounds": _year_bounds,
}


def _case(category: str, draft: _Draft) -> Case:
    expression, zone, after, n, horizon = draft
    fires = reference_fires(expression, zone, after, n, horizon=horizon)
    if len(fires) == n:
        until = fires[-1]
    else:
        try:
            until = after + horizon
        except OverflowError:
            until = _LAST
    return Case(category, expression, zone, after, until, tuple(fires))


def generate_corpus(*, seed: int = 0, count: int = 340) -> Iterator[Case]:
    """``count`` cases, cycling through :data:`CATEGORIES`; the same seed gives the same cases."""
    names = list(CATEGORIES)
    for index in range(count):
        category = names[index % len(names)]
        rng = random.Random(f"cronwall-corpus:{seed}:{index}")
        yield _case(category, CATEGORIES[category](rng))


def dump_corpus(cases: Iterable[Case], *, seed: int, count: int) -> str:
    """The corpus as JSON text: a header, then one case per line."""
    header = {
        "format": FORMAT,
        "description": (
            "Fires of cron expressions in IANA zones, worked out by cronwall's reference oracle. "
            "For each case, the fires t with after < t <= until are exactly expected, ascending. "
            "See docs/testing.md."
        ),
        "tzdata": tzdata.IANA_VERSION,
        "seed": seed,
        "count": count,
    }
    lines = [json.dumps(header, ensure_ascii=False)[:-1] + ', "cases": [']
    rows = [
        json.dumps(
            {
                "category": case.category,
                "expression": case.expression,
                "timezone": case.timezone,
                "after": format_instant(case.after),
                "until": format_instant(case.until),
                "expected": [format_instant(fire) for fire in case.expected],
            },
            ensure_ascii=False,
        )
        for case in cases
    ]
    lines.append(",\n".join(rows))
    lines.append("]}")
    return "\n".join(lines) + "\n"


def load_corpus(text: str) -> tuple[dict[str, Any], list[Case]]:
    """The header and the cases of a corpus written by :func:`dump_corpus`."""
    data = json.loads(text)
    if data.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} corpus: format is {data.get('format')!r}")
    cases = [
        Case(
            row["category"],
            row["expression"],
            row["timezone"],
            parse_instant(row["after"]),
            parse_instant(row["until"]),
            tuple(parse_instant(fire) for fire in row["expected"]),
        )
        for row in data.pop("cases")
    ]
    return data, cases


def check_corpus(
    cases: Iterable[Case], fires_after: Callable[[str, str, datetime], Iterator[datetime]]
) -> Iterator[tuple[Case, list[datetime]]]:
    """The cases a scheduler gets wrong, each with the fires it gave.

    ``fires_after(expression, timezone, after)`` yields a scheduler's fires
    strictly after ``after``, ascending; it is read up to the first fire past
    ``until``.
    """
    for case in cases:
        got = []
        for fire in fires_after(case.expression, case.timezone, case.after):
            if fire > case.until:
                break
            got.append(fire)
        if tuple(got) != case.expected:
            yield case, got
