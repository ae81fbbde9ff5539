"""The reference oracle: a brute-force scan of UTC minutes, slow by design.

This module shares no code path with the fast engine. It reads the compiled
bitmasks of an expression (``cronwall.parse``) and nothing else of cronwall:
zones are built here from the ``tzdata`` package's files, the day rule of the
contract (section 2) is applied here, and every instant is visited in order.
It never imports Hypothesis, so the corpus tools work without it.
"""

from __future__ import annotations

import functools
import importlib.resources
import operator
import zoneinfo
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING

import cronwall

if TYPE_CHECKING:
    from cronwall import Cron

__all__ = [
    "DEFAULT_HORIZON",
    "reference_fires",
    "reference_fires_before",
    "reference_matches",
    "tzdata_zone",
    "tzdata_zone_names",
]

UTC = timezone.utc
_MINUTE = timedelta(minutes=1)
_SECOND = timedelta(seconds=1)
_FIRST_MINUTE = datetime.min.replace(tzinfo=UTC)
_LAST_MINUTE = datetime.max.replace(second=0, microsecond=0, tzinfo=UTC)

#: How far the oracle scans when no horizon is given: just over four years, so
#: it reaches the next leap day from any instant (except across 2100, 2200, ...).
DEFAULT_HORIZON = timedelta(days=4 * 366 + 1)


@functools.lru_cache(maxsize=1)
def tzdata_zone_names() -> frozenset[str]:
    """The zone and link names the ``tzdata`` package ships (its ``zones`` file)."""
    text = importlib.resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


@functools.cache
def tzdata_zone(name: str) -> tzinfo:
    """The zone ``name`` built from the ``tzdata`` package's file, independently of cronwall."""
    if not isinstance(name, str):
        raise TypeError(f"a time-zone name must be a str, not {type(name).__name__}")
    if name not in tzdata_zone_names():
        raise cronwall.TimezoneError(name, f"unknown time zone {name!r}")
    path = importlib.resources.files("tzdata.zoneinfo").joinpath(*name.split("/"))
    with path.open("rb") as file:
        return zoneinfo.ZoneInfo.from_file(file, key=name)


def _zone(timezone_: str | tzinfo) -> tzinfo:
    if isinstance(timezone_, tzinfo):
        return timezone_
    return tzdata_zone(timezone_)


def _cron(expression: str | Cron) -> Cron:
    if isinstance(expression, str):
        return cronwall.parse(expression)
    if isinstance(expression, cronwall.Cron):
        return expression
    raise TypeError(f"an expression must be a str or a Cron, not {type(expression).__name__}")


def reference_matches(expression: str | Cron) -> Callable[[datetime], bool]:
    """A predicate: does a wall-clock time (second ignored) match ``expression``?

    The day rule is applied here as the contract states it: under ``"and"``
    (the text of a day field starts with ``*``) a day must match both day
    fields, under ``"or"`` (both are restricted) either.
    """
    cron = _cron(expression)
    minutes, hours = cron.minute_mask, cron.hour_mask
    days, months, weekdays = cron.day_of_month_mask, cron.month_mask, cron.day_of_week_mask
    both = operator.or_ if cron.day_rule == "or" else operator.and_

    def matches(wall: datetime) -> bool:
        weekday = wall.isoweekday() % 7  # cron counts weekdays from Sunday = 0
        return bool(
            minutes >> wall.minute & 1
            and hours >> wall.hour & 1
            and months >> wall.month & 1
            and both(days >> wall.day & 1, weekdays >> weekday & 1)
        )

    return matches


def _wall(instant: datetime | None, zone: tzinfo) -> datetime | None:
    """The wall clock in ``zone`` at ``instant``, or ``None`` outside years 1-9999."""
    if instant is None:
        return None
    try:
        return instant.astimezone(zone)
    except OverflowError:
        return None


def _step(minute: datetime, step: timedelta) -> datetime | None:
    try:
        return minute + step
    except OverflowError:  # past year 9999 or before year 1
        return None


def _one_offset(wall: datetime, following: datetime) -> bool:
    """Do two wall clocks read a minute apart show the same offset?"""
    if wall.tzinfo is following.tzinfo:
        # Subtracting datetimes of one tzinfo subtracts their wall clocks (it is cheaper than
        # two utcoffset() calls): exactly a minute apart means no change of offset.
        return following - wall == _MINUTE
    return wall.utcoffset() == following.utcoffset()


def _second_zero(
    minute: datetime, zone: tzinfo, wall: datetime | None, following: datetime | None
) -> Iterator[tuple[datetime, datetime]]:
    """Every ``(instant, wall clock)`` in ``[minute, minute + 60 s)`` whose clock reads second 0.

    ``wall`` and ``following`` are the wall clocks at ``minute`` and 60 s
    later. Inside the minute the zone has the offset of one or the other (no
    zone changes its offset twice within a minute). For each of the two
    offsets exactly one instant of the minute reads second 0 on that offset's
    clock; it counts if the zone really has that offset there.
    """
    if wall is not None and following is not None and _one_offset(wall, following):
        if wall.second == 0:
            yield minute, wall  # the common case: whole-minute offsets
            return
        following = None
    found: dict[datetime, datetime] = {}
    for reading in (wall, following):
        offset = None if reading is None else reading.utcoffset()
        if offset is not None:
            instant = minute + timedelta(seconds=int(-offset.total_seconds()) % 60)
            local = _wall(instant, zone)
            if local is not None and local.second == 0:
                found[instant] = local
    yield from sorted(found.items())


def _scan_forward(
    zone: tzinfo, first: datetime, last: datetime, matches: Callable[[datetime], bool]
) -> Iterator[datetime]:
    """The instants at local second 0 whose wall clock ``matches``, in minutes ``first..last``."""
    # The common case of _second_zero is inlined: this loop runs once per minute scanned.
    minute, wall = first, _wall(first, zone)
    while minute <= last:
        following = _step(minute, _MINUTE)
        following_wall = _wall(following, zone)
        if (
            wall is not None
            and following_wall is not None
            and _one_offset(wall, following_wall)
            and wall.second == 0
        ):
            if matches(wall):
                yield minute
        else:
            for instant, local in _second_zero(minute, zone, wall, following_wall):
                if matches(local):
                    yield instant
        if following is None:
            return
        minute, wall = following, following_wall


def _scan_backward(
    zone: tzinfo, first: datetime, last: datetime, matches: Callable[[datetime], bool]
) -> Iterator[datetime]:
    """Like :func:`_scan_forward`, descending from minute ``first`` to minute ``last``."""
    minute, wall = first, _wall(first, zone)
    following_wall = _wall(_step(first, _MINUTE), zone)
    while minute >= last:
        if (
            wall is not None
            and following_wall is not None
            and _one_offset(wall, following_wall)
            and wall.second == 0
        ):
            if matches(wall):
                yield minute
        else:
            found = list(_second_zero(minute, zone, wall, following_wall))
            for instant, local in reversed(found):
                if matches(local):
                    yield instant
        previous = _step(minute, -_MINUTE)
        if previous is None:
            return
        minute, wall, following_wall = previous, _wall(previous, zone), wall


def _utc(t: datetime, name: str) -> datetime | None:
    """``t`` in UTC, or ``None`` when that instant is outside years 1-9999."""
    if not isinstance(t, datetime):
        raise TypeError(f"{name} must be an aware datetime, not {type(t).__name__}")
    offset = t.utcoffset()
    if offset is None:
        raise TypeError(f"{name} must be an aware datetime; a naive datetime names no instant")
    try:
        return t.astimezone(UTC)
    except OverflowError:
        return None


def _check(n: int, horizon: timedelta) -> None:
    if not isinstance(n, int) or isinstance(n, bool):
        raise TypeError(f"n must be an int, not {type(n).__name__}")
    if n < 0:
        raise ValueError(f"n must be at least 0, not {n}")
    if not isinstance(horizon, timedelta):
        raise TypeError(f"horizon must be a timedelta, not {type(horizon).__name__}")
    if horizon < timedelta(0):
        raise ValueError(f"horizon must not be negative, not {horizon}")


def _shift(t: datetime, delta: timedelta) -> datetime:
    """``t + delta``, stopping at the first or last representable instant."""
    try:
        return t + delta
    except OverflowError:
        return datetime.max.replace(tzinfo=UTC) if delta > timedelta(0) else _FIRST_MINUTE


def reference_fires(
    expression: str | Cron,
    timezone: str | tzinfo,
    after: datetime,
    n: int,
    *,
    horizon: timedelta = DEFAULT_HORIZON,
) -> list[datetime]:
    """The first ``n`` fires strictly after ``after``, found by scanning every UTC minute.

    A fire is an instant whose wall clock in ``timezone`` (an IANA name, read
    from the ``tzdata`` package, or a ``tzinfo``) reads second 0 and matches
    ``expression``. Only instants ``t`` with ``after < t <= after + horizon``
    are scanned, so the result has fewer than ``n`` fires when the horizon runs
    out first: an empty list means "no fire within the horizon", not "never".
    Fires are aware UTC datetimes, ascending; none is outside years 1-9999,
    in UTC or on the local wall clock.
    """
    _check(n, horizon)
    matches, zone = reference_matches(expression), _zone(timezone)
    start = _utc(after, "after")
    if n == 0:
        return []
    if start is None:
        offset = after.utcoffset()
        if offset is not None and offset < timedelta(0):
            return []  # ``after`` is past the last representable UTC instant
        start, end, first = None, _shift(_FIRST_MINUTE, horizon), _FIRST_MINUTE
    else:
        end, first = _shift(start, horizon), start.replace(second=0, microsecond=0)
    fires: list[datetime] = []
    for instant in _scan_forward(zone, first, end, matches):
        if instant > end:
            break
        if start is None or instant > start:
            fires.append(instant)
            if len(fires) == n:
                break
    return fires


def reference_fires_before(
    expression: str | Cron,
    timezone: str | tzinfo,
    before: datetime,
    n: int,
    *,
    horizon: timedelta = DEFAULT_HORIZON,
) -> list[datetime]:
    """The last ``n`` fires strictly before ``before``, latest first, scanning minutes backwards.

    The mirror image of :func:`reference_fires`: only instants ``t`` with
    ``before - horizon <= t < before`` are scanned.
    """
    _check(n, horizon)
    matches, zone = reference_matches(expression), _zone(timezone)
    stop = _utc(before, "before")
    if n == 0:
        return []
    if stop is None:
        offset = before.utcoffset()
        if offset is not None and offset > timedelta(0):
            return []  # ``before`` is ahead of the first representable UTC instant
        stop, first = None, _LAST_MINUTE
        start = _shift(datetime.max.replace(tzinfo=UTC), -horizon)
    else:
        start, first = _shift(stop, -horizon), stop.replace(second=0, microsecond=0)
    last = start.replace(second=0, microsecond=0)
    fires: list[datetime] = []
    for instant in _scan_backward(zone, first, last, matches):
        if instant < start:
            break
        if stop is None or instant < stop:
            fires.append(instant)
            if len(fires) == n:
                break
    return fires
