"""Offset changes of a zone, found by probing ``utcoffset`` (no zone internals).

The probe steps through UTC time a day at a time and bisects to the second
wherever the offset differs between two probes. Two changes that cancel out
within one day would be missed: in tzdata 2026f no two offset changes of any
zone are less than two days apart, and a miss would only make the strategies
a little less sharp, never wrong.
"""

from __future__ import annotations

import functools
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Literal, NamedTuple

from cronwall.testing._oracle import tzdata_zone

__all__ = ["Transition", "transitions"]

UTC = timezone.utc
_PROBE_STEP = timedelta(days=1)
_SECOND = timedelta(seconds=1)


class Transition(NamedTuple):
    """A change of a zone's UTC offset.

    ``at`` is the first UTC instant at which ``offset_after`` is in force. A
    *gap* (the offset grows) skips the wall times from ``at + offset_before`` up
    to ``at + offset_after``; a *fold* (the offset shrinks) repeats the wall
    times from ``at + offset_after`` up to ``at + offset_before``, first at the
    earlier offset (the first pass, just before ``at``), then at the later
    offset (the second pass, from ``at`` on).
    """

    at: datetime
    offset_before: timedelta
    offset_after: timedelta

    @property
    def kind(self) -> Literal["gap", "fold"]:
        """``"gap"`` when the offset grows (spring forward), ``"fold"`` when it shrinks."""
        return "gap" if self.offset_after > self.offset_before else "fold"

    @property
    def size(self) -> timedelta:
        """How much wall time is skipped (gap) or repeated (fold)."""
        return abs(self.offset_after - self.offset_before)


def _offset(zone: tzinfo, instant: datetime) -> timedelta | None:
    try:
        return instant.astimezone(zone).utcoffset()
    except OverflowError:  # the local date is outside years 1-9999
        return None


def _bisect(zone: tzinfo, low: datetime, high: datetime, before: timedelta) -> datetime:
    """The first whole second in ``(low, high]`` whose offset differs from ``before``."""
    while high - low > _SECOND:
        middle = low + timedelta(seconds=int((high - low).total_seconds()) // 2)
        if _offset(zone, middle) == before:
            low = middle
        else:
            high = middle
    return high


@functools.lru_cache(maxsize=16384)
def _transitions_in_year(zone: tzinfo, year: int) -> tuple[Transition, ...]:
    """The transitions at instants in ``(Jan 1 of year, Jan 1 of year + 1]``, UTC."""
    probe = datetime(year, 1, 1, tzinfo=UTC)
    end = datetime(year + 1, 1, 1, tzinfo=UTC) if year < 9999 else datetime.max.replace(tzinfo=UTC)
    found: list[Transition] = []
    offset = _offset(zone, probe)
    while probe < end:
        following = min(probe + _PROBE_STEP, end)
        next_offset = _offset(zone, following)
        if offset is not None and next_offset is not None and next_offset != offset:
            at = _bisect(zone, probe, following, offset)
            after = _offset(zone, at)
            assert after is not None
            found.append(Transition(at, offset, after))
            following, next_offset = at, after  # look again from the change: there may be more
        probe, offset = following, next_offset
    return tuple(found)


def transitions(timezone: str | tzinfo, start: datetime, end: datetime) -> list[Transition]:
    """Every change of ``timezone``'s UTC offset at an instant in ``(start, end]``, in order.

    ``timezone`` is an IANA name (read from the ``tzdata`` package) or a
    ``tzinfo``; ``start`` and ``end`` are aware datetimes.
    """
    zone = timezone if isinstance(timezone, tzinfo) else tzdata_zone(timezone)
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, datetime) or value.utcoffset() is None:
            raise TypeError(f"{name} must be an aware datetime")
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    return [
        transition
        for year in range(max(1, start.year - 1), end.year + 1)
        for transition in _transitions_in_year(zone, year)
        if start < transition.at <= end
    ]
