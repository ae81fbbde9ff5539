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


@functools.lru_cache(maxsize=None)
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

    The day rule is applied here as the contract states it: when the text of
    either day field starts with ``*`` a day must match both day fields,
    otherwise it must match either.
    """
    cron = _cron(expression)
    minutes, hours = cron.minute_mask, cron.hour_mask
    days, months, weekdays = cron.day_of_month_mask, cron.month_mask, cron.day_of_week_mask
    both = operator.and_ if cron.day_of_month_star or cron.day_of_week_star else operator.or_

    def matches(wall: datetime) -> bool:
        weekday = wall.isoweekday() % 7  # cron counts weekdays from Sunday = 0
        return bool(
            minutes >> wall.minute & 1
            and hours >> wall.hour & 1
            and months >> wall.month & 1
            and both(days >> wall.day & 1, weekdays >> weekday & 1)
        )

    return matches


class _Clock:
    """Wall-clock readings of UTC instants in one zone, remembering the last few."""

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone
        self.recent: dict[datetime, datetime | None] = {}

    def wall(self, instant: datetime) -> datetime | None:
        """The local time at ``instant``, or ``None`` when it is outside years 1-9999."""
        try:
            return self.recent[instant]
        except KeyError:
            pass
        try:
            wall: datetime | None = instant.astimezone(self.zone)
        except OverflowError:
            wall = None
        if len(self.recent) >= 4:
            del self.recent[next(iter(self.recent))]
        self.recent[instant] = wall
        return wall

    def second_zero(self, minute: datetime) -> list[tuple[datetime, datetime]]:
        """Every ``(instant, wall)`` in ``[minute, minute + 60s)`` whose wall clock reads second 0.

        The offset is constant inside the minute unless it differs at the next
        minute (no zone changes offset twice within 60 seconds). For each
        offset in force, exactly one instant of the minute has local second 0;
        it counts if the zone really has that offset there.
        """
        offsets = []
        for probe in (minute, minute + _MINUTE) if minute < _LAST_MINUTE else (minute,):
            wall = self.wall(probe)
            if wall is not None:
                offsets.append(wall.utcoffset())
        found = []
        for seconds in sorted({-int(o.total_seconds()) % 60 for o in offsets if o is not None}):
            instant = minute + seconds * _SECOND
            wall = self.wall(instant)
            if wall is not None and wall.second == 0:
                found.append((instant, wall))
        return found


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


def _minutes(first: datetime, last: datetime, step: timedelta) -> Iterator[datetime]:
    minute = first
    while (minute <= last) if step > timedelta(0) else (minute >= last):
        yield minute
        try:
            minute += step
        except OverflowError:
            return


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
    matches, clock = reference_matches(expression), _Clock(_zone(timezone))
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
    for minute in _minutes(first, end, _MINUTE):
        for instant, wall in clock.second_zero(minute):
            if (start is None or instant > start) and instant <= end and matches(wall):
                fires.append(instant)
                if len(fires) >= n:
                    return fires
    return fires[:n]


def reference_fires_before(
    expression: str | Cron,
    timezone: str | tzinfo,
    before: datetime,
    n: int,
    *,
    horizon: timedelta = DEFAULT_HORIZON,
) -> list[datetime]:
    """The last ``n`` fires strictly before ``before``, latest first, scanning UTC minutes backwards.

    The mirror image of :func:`reference_fires`: only instants ``t`` with
    ``before - horizon <= t < before`` are scanned.
    """
    _check(n, horizon)
    matches, clock = reference_matches(expression), _Clock(_zone(timezone))
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
    for minute in _minutes(first, last, -_MINUTE):
        for instant, wall in reversed(clock.second_zero(minute)):
            if (stop is None or instant < stop) and instant >= start and matches(wall):
                fires.append(instant)
                if len(fires) >= n:
                    return fires
    return fires[:n]
