"""Zone resolution: what a local wall time means in a zone (gap, unique or fold)."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Literal, NamedTuple

from ._calendar import UNIX_ORDINAL
from ._schedule import FIRST_INSTANT, LAST_INSTANT, to_datetime
from ._tzif import ZoneRules
from ._zones import rules_for_name, rules_for_tzinfo

WallKind = Literal["gap", "unique", "fold"]


class Resolution(NamedTuple):
    """A wall time's instants in a zone: none in a gap, one, or one per pass of a fold."""

    kind: WallKind
    #: Aware UTC datetimes, ascending: in a fold, the first pass (earlier offset) comes first.
    instants: tuple[datetime, ...]


def wall_instants(rules: ZoneRules, wall: int) -> list[int]:
    """Every instant ``u`` with wall time ``u + offset(u) == wall`` (wall seconds), ascending."""
    found: list[int] = []
    # An instant of this wall lies in [wall - max_offset, wall - min_offset]; visit the
    # segments covering that window and keep those that hold wall - their offset.
    u = wall - rules.max_offset
    last = wall - rules.min_offset
    while u <= last:
        start, end, offset = rules.segment(u)
        candidate = wall - offset
        if start <= candidate < end and (not found or found[-1] != candidate):
            found.append(candidate)
        u = end
    return found


def resolve(local: datetime, timezone: str | tzinfo) -> Resolution:
    """Classify a naive wall time in ``timezone`` and give its instants.

    ``resolve(datetime(2026, 3, 8, 2, 30), "America/New_York")`` is a gap (no instant);
    ``resolve(datetime(2026, 11, 1, 1, 30), "America/New_York")`` is a fold with instants
    05:30Z (first pass, EDT) and 06:30Z (second pass, EST). Instants outside the datetime
    range (years 1-9999 in UTC) are left out.
    """
    if not isinstance(local, datetime):
        raise TypeError(f"local must be a naive datetime, not {type(local).__name__}")
    if local.tzinfo is not None:
        raise TypeError("local must be a naive datetime (a wall time); this one has a tzinfo")
    if isinstance(timezone, str):
        rules = rules_for_name(timezone)  # checks and caches the exact text of a str subclass
    elif isinstance(timezone, tzinfo):
        rules = rules_for_tzinfo(timezone)
    else:
        raise TypeError(
            f"timezone must be an IANA name (str) or a tzinfo object, not {type(timezone).__name__}"
        )
    wall = (
        (local.toordinal() - UNIX_ORDINAL) * 86400
        + local.hour * 3600
        + local.minute * 60
        + local.second
    )
    instants = tuple(
        to_datetime(u).replace(microsecond=local.microsecond)
        for u in wall_instants(rules, wall)
        if FIRST_INSTANT <= u <= LAST_INSTANT
    )
    kind: WallKind = "gap" if not instants else "unique" if len(instants) == 1 else "fold"
    return Resolution(kind, instants)


Resolution.__module__ = "cronwall"
