"""The reference oracle: a brute-force scan of UTC minutes, slow by design.

This module shares no code path with the fast engine. It reads the compiled
bitmasks of an expression (``cronwall.parse``) and nothing else of cronwall:
zones are built here from the ``tzdata`` package's files, cronwall's day rule
(docs/semantics.md) is applied here, and every instant is visited in order.
It never imports Hypothesis, so the corpus tools work without it.

DST policies are applied here from their definitions (``docs/semantics.md``),
on top of the same scan: a wall time *occurs* at every instant whose clock
reads it; ``fold="first"``/``"last"`` keeps only the earliest/latest
occurrence of each matching wall time; ``gap="late"`` adds, for every matching
wall time that occurs nowhere, the first instant whose clock reads later than
it. The scan reaches beyond the window on each side by the zone's *offset
spread* (its largest offset less its smallest), since two instants showing the
same wall time are exactly as far apart as their offsets: for a zone named in
``tzdata`` the spread is read from its file (every local time type, and the
footer rule's offsets), for any other ``tzinfo`` it is taken as two days
(offsets are under a day either way).
"""

from __future__ import annotations

import functools
import importlib.resources
import itertools
import operator
import struct
import zoneinfo
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING

import cronwall

if TYPE_CHECKING:
    from cronwall import Cron

__all__ = [
    "DEFAULT_HORIZON",
    "FOLD_POLICIES",
    "GAP_POLICIES",
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

#: The DST policies a schedule may name, defaults first.
GAP_POLICIES = ("skip", "late")
FOLD_POLICIES = ("both", "first", "last")
#: How far beyond a window the policy scan looks, for a tzinfo that is not a tzdata zone.
_MARGIN = timedelta(days=2)
#: Windows are scanned a chunk at a time (at least this long, and at least twice the margin
#: each chunk adds on either side), so a search for a few fires stops early.
_CHUNK = timedelta(hours=12)


@functools.lru_cache(maxsize=1)
def tzdata_zone_names() -> frozenset[str]:
    """The zone and link names the ``tzdata`` package ships (its ``zones`` file)."""
    text = importlib.resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


@functools.cache
def _tzdata_spread(name: str) -> timedelta:
    """The largest offset of a tzdata zone less its smallest, ever (from its TZif file)."""
    data = importlib.resources.files("tzdata.zoneinfo").joinpath(*name.split("/")).read_bytes()
    # RFC 8536: a version 1 block (32-bit times) precedes the version 2 block we read.
    isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = struct.unpack(">6l", data[20:44])
    start = 44 + timecnt * 5 + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt
    isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = struct.unpack(
        ">6l", data[start + 20 : start + 44]
    )
    types = start + 44 + timecnt * 9
    offsets = {
        struct.unpack(">l", data[types + 6 * i : types + 6 * i + 4])[0] for i in range(typecnt)
    }
    # The footer rule governs the far future; read its offsets off the zone, every hour of a
    # year (both of a rule's offsets hold for hours at a time).
    zone = tzdata_zone(name)
    probe = datetime(9000, 1, 1, tzinfo=UTC)
    for hour in range(0, 366 * 24):
        offset = (probe + timedelta(hours=hour)).astimezone(zone).utcoffset()
        assert offset is not None
        offsets.add(int(offset.total_seconds()))
    return timedelta(seconds=max(offsets) - min(offsets))


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

    The day rule is applied here as docs/semantics.md states it: under ``"and"``
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
    zone: tzinfo,
    first: datetime,
    last: datetime,
    matches: Callable[[datetime], bool],
    changes: list[tuple[datetime, datetime, datetime]] | None = None,
) -> Iterator[tuple[datetime, datetime]]:
    """``(instant, wall clock)`` at local second 0 where the wall clock ``matches``, in minutes
    ``first..last``; with ``changes``, also notes there every offset change met, as ``(T, wall
    at T - 1 s, wall at T)``."""
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
                yield minute, wall
        else:
            for instant, local in _second_zero(minute, zone, wall, following_wall):
                if matches(local):
                    yield instant, local
            if changes is not None:
                offset = None if wall is None else wall.utcoffset()
                if (
                    offset is not None
                    and following_wall is not None
                    and following_wall.utcoffset() != offset
                ):
                    changes.append(_change(zone, minute, offset))
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


def _check_policy(gap: str, fold: str) -> None:
    for name, value, allowed in (("gap", gap, GAP_POLICIES), ("fold", fold, FOLD_POLICIES)):
        if not isinstance(value, str):
            raise TypeError(f"{name} must be a str, not {type(value).__name__}")
        if value not in allowed:
            raise ValueError(f"{name} must be one of {allowed}, not {value!r}")


def _scan_with_changes(
    zone: tzinfo, first: datetime, last: datetime, matches: Callable[[datetime], bool]
) -> tuple[list[tuple[datetime, datetime]], list[tuple[datetime, datetime, datetime]]]:
    """One pass of :func:`_scan_forward` over the minutes ``first..last`` that also notes every
    offset change: ``([(instant, naive wall)] of the matching instants, [(T, wall at T - 1 s,
    wall at T)] of the changes)``, each ascending."""
    changes: list[tuple[datetime, datetime, datetime]] = []
    shown = [
        (instant, wall.replace(tzinfo=None))
        for instant, wall in _scan_forward(zone, first, last, matches, changes)
    ]
    return shown, changes


def _change(
    zone: tzinfo, minute: datetime, offset: timedelta
) -> tuple[datetime, datetime, datetime]:
    """``(T, wall at T - 1 s, wall at T)`` for the first second ``T`` of the minute after
    ``minute`` whose offset is not ``offset`` (no zone changes its offset twice in a minute)."""
    low, high = 0, 60
    while high - low > 1:
        middle = (low + high) // 2
        probe = _wall(minute + timedelta(seconds=middle), zone)
        if probe is not None and probe.utcoffset() == offset:
            low = middle
        else:
            high = middle
    change = minute + timedelta(seconds=high)
    before = _wall(change - _SECOND, zone)
    after = _wall(change, zone)
    assert before is not None and after is not None
    return change, before.replace(tzinfo=None), after.replace(tzinfo=None)


def _policy_window(
    cron: Cron, zone: tzinfo, low: datetime, high: datetime, gap: str, fold: str
) -> list[datetime]:
    """Every fire ``t`` with ``low <= t < high`` under the policy, ascending (UTC)."""
    matches = reference_matches(cron)
    margin = _margin(zone)
    scan_low = _shift(low, -margin).replace(second=0, microsecond=0)
    scan_high = _shift(high, margin)
    found, changes = _scan_with_changes(zone, scan_low, scan_high, matches)
    # Every instant (second 0 on its clock) showing a matching wall time, by wall time.
    shown: dict[datetime, list[datetime]] = {}
    for moment, wall in found:
        shown.setdefault(wall, []).append(moment)
    fires: set[datetime] = set()
    for moments in shown.values():
        kept = moments if fold == "both" else moments[:1] if fold == "first" else moments[-1:]
        fires.update(moment for moment in kept if low <= moment < high)
    if gap == "late":
        # The latest wall time the clock has read so far: walls rise between changes, so it
        # is the largest wall read just before a change.
        high_water: datetime | None = None
        for change, before, after in changes:
            high_water = before if high_water is None or before > high_water else high_water
            if low <= change < high:
                # Matching wall times the clock jumps over here, never read before, never
                # read at any instant at all: late at this change.
                wall = high_water.replace(second=0, microsecond=0) + _MINUTE
                while wall < after:
                    if matches(wall) and wall not in shown:
                        fires.add(change)
                        break
                    wall += _MINUTE
            high_water = max(high_water, after)
    return sorted(fires)


def _margin(zone: tzinfo) -> timedelta:
    """How far beyond a window two instants showing one wall time can be: the offset spread."""
    if isinstance(zone, timezone):
        return _MINUTE  # one offset for all time
    key = getattr(zone, "key", None)
    if isinstance(key, str) and key in tzdata_zone_names() and tzdata_zone(key) is zone:
        # A minute more than the spread: the scan covers whole minutes.
        return _tzdata_spread(key) + _MINUTE
    return _MARGIN


def _policy_fires(
    cron: Cron, zone: tzinfo, low: datetime, high: datetime, gap: str, fold: str, descending: bool
) -> Iterator[datetime]:
    """Fires in ``[low, high)`` under the policy, a chunk at a time, in the order asked for."""
    chunk = max(_CHUNK, 2 * _margin(zone))
    if descending:
        while high > low:
            chunk_low = max(low, _shift(high, -chunk))
            yield from reversed(_policy_window(cron, zone, chunk_low, high, gap, fold))
            high = chunk_low
    else:
        while low < high:
            chunk_high = min(high, _shift(low, chunk))
            yield from _policy_window(cron, zone, low, chunk_high, gap, fold)
            if chunk_high == high:
                return
            low = chunk_high


def reference_fires(
    expression: str | Cron,
    timezone: str | tzinfo,
    after: datetime,
    n: int,
    *,
    horizon: timedelta = DEFAULT_HORIZON,
    gap: str = "skip",
    fold: str = "both",
) -> list[datetime]:
    """The first ``n`` fires strictly after ``after``, found by scanning every UTC minute.

    A fire is an instant whose wall clock in ``timezone`` (an IANA name, read
    from the ``tzdata`` package, or a ``tzinfo``) reads second 0 and matches
    ``expression``. Only instants ``t`` with ``after < t <= after + horizon``
    are scanned, so the result has fewer than ``n`` fires when the horizon runs
    out first: an empty list means "no fire within the horizon", not "never".
    Fires are aware UTC datetimes, ascending; none is outside years 1-9999,
    in UTC or on the local wall clock. ``gap`` and ``fold`` name a DST policy.
    """
    _check(n, horizon)
    _check_policy(gap, fold)
    matches, zone = reference_matches(expression), _zone(timezone)
    start = _utc(after, "after")
    if n == 0:
        return []
    if (gap, fold) != ("skip", "both"):
        return _policy_reference(expression, zone, after, start, n, horizon, gap, fold, False)
    if start is None:
        offset = after.utcoffset()
        if offset is not None and offset < timedelta(0):
            return []  # ``after`` is past the last representable UTC instant
        start, end, first = None, _shift(_FIRST_MINUTE, horizon), _FIRST_MINUTE
    else:
        end, first = _shift(start, horizon), start.replace(second=0, microsecond=0)
    fires: list[datetime] = []
    for instant, _ in _scan_forward(zone, first, end, matches):
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
    gap: str = "skip",
    fold: str = "both",
) -> list[datetime]:
    """The last ``n`` fires strictly before ``before``, latest first, scanning minutes backwards.

    The mirror image of :func:`reference_fires`: only instants ``t`` with
    ``before - horizon <= t < before`` are scanned.
    """
    _check(n, horizon)
    _check_policy(gap, fold)
    matches, zone = reference_matches(expression), _zone(timezone)
    stop = _utc(before, "before")
    if n == 0:
        return []
    if (gap, fold) != ("skip", "both"):
        return _policy_reference(expression, zone, before, stop, n, horizon, gap, fold, True)
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


def _policy_reference(
    expression: str | Cron,
    zone: tzinfo,
    given: datetime,
    moment: datetime | None,
    n: int,
    horizon: timedelta,
    gap: str,
    fold: str,
    descending: bool,
) -> list[datetime]:
    """:func:`reference_fires` (or ``_before``, when ``descending``) under a DST policy."""
    cron = _cron(expression)
    if moment is None:
        # `given` is outside the UTC range: past its end (negative offset) or before its start.
        offset = given.utcoffset()
        past_the_end = offset is not None and offset < timedelta(0)
        if past_the_end != descending:
            return []
    if descending:
        high = datetime.max.replace(tzinfo=UTC) if moment is None else moment
        low = _shift(high, -horizon)
        return list(itertools.islice(_policy_fires(cron, zone, low, high, gap, fold, True), n))
    low = _FIRST_MINUTE if moment is None else moment
    # after < t <= after + horizon: the window [low, high) reaches a microsecond further.
    high = _shift(_shift(low, horizon), timedelta(microseconds=1))
    fires = _policy_fires(cron, zone, low, high, gap, fold, False)
    later = (fire for fire in fires if moment is None or fire > moment)
    return list(itertools.islice(later, n))
