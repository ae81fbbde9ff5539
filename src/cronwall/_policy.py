"""DST policies: what a schedule does with wall times in gaps and folds, when not literal.

A layer over the literal engine (``next_fire``/``prev_fire``) and the zone's segments.
Instants are integer seconds; ``wall(u) = u + offset(u)``. A matching wall time ``W``
(second 0) *occurs* at every instant ``u`` with ``wall(u) == W``:

- ``W`` is *in a gap* when it occurs at no instant. Its *late instant* is the first
  instant whose clock reads later than ``W``: the transition at which the clock first
  jumps over ``W`` (03:00 EDT for 02:30 on New York's spring-forward day).
- ``W`` is *in a fold* when it occurs at two or more instants; its first pass is the
  earliest of them, its last pass the latest.

The fires of a schedule under ``(gap, fold)`` are a *set* of instants: the literal fires,
less (``fold="first"``) every one with an earlier occurrence of its wall time or
(``fold="last"``) every one with a later occurrence, together with (``gap="late"``) the
late instant of every matching wall time in a gap. Being a set, a late instant that is
also a fire, or that several skipped wall times share, fires once; being a set of
instants, it is strictly increasing, and next and prev are inverses on it.
"""

from __future__ import annotations

from datetime import datetime

from ._calendar import next_wall
from ._cron import Cron
from ._errors import CronwallError
from ._schedule import (
    FIRST_INSTANT,
    LAST_INSTANT,
    Schedule,
    instant,
    next_fire,
    prev_fire,
    to_datetime,
)
from ._tzif import NEVER_AFTER, NEVER_BEFORE, ZoneRules

TYPE_CHECKING = False  # typing.TYPE_CHECKING would import typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Iterator

    from ._typed import FoldPolicy, GapPolicy

GAP_POLICIES: tuple[GapPolicy, ...] = ("skip", "late")
FOLD_POLICIES: tuple[FoldPolicy, ...] = ("both", "first", "last")
_SHOWN = 40


def check_policy(gap: object, fold: object) -> tuple[GapPolicy, FoldPolicy]:
    """``(gap, fold)`` if both are policy names, else ``TypeError`` or ``CronwallError``."""
    for name, value, allowed in (("gap", gap, GAP_POLICIES), ("fold", fold, FOLD_POLICIES)):
        if not isinstance(value, str):
            raise TypeError(
                f"{name} must be one of {_quoted(allowed)} (a str), not {type(value).__name__}"
            )
        if value not in allowed:
            # Echo at most _SHOWN characters of whatever the caller passed, and say what is cut.
            cut = len(value) - _SHOWN
            shown = repr(value[:_SHOWN]) + (f" (and {cut} more characters)" if cut > 0 else "")
            raise CronwallError(
                f"{name} policy {shown} is not one of {_quoted(allowed)}", param=name
            )
    return gap, fold  # type: ignore[return-value]


def _quoted(words: tuple[str, ...]) -> str:
    shown = [repr(word) for word in words]
    return f"{', '.join(shown[:-1])} or {shown[-1]}"


# -- occurrences of a wall time ------------------------------------------------------------


def shown_before(rules: ZoneRules, wall: int, start: int) -> bool:
    """Does the clock read ``wall`` at some instant before ``start``?"""
    # An instant v shows `wall` when v + offset(v) == wall, so v >= wall - max_offset.
    lowest = wall - rules.max_offset
    u = start - 1
    while u >= lowest and u >= FIRST_INSTANT:
        segment_start, segment_end, offset = rules.segment(u)
        if segment_start <= wall - offset < min(segment_end, start):
            return True
        if segment_start <= NEVER_BEFORE:
            return False
        u = segment_start - 1
    return False


def shown_after(rules: ZoneRules, wall: int, end: int) -> bool:
    """Does the clock read ``wall`` at some instant at or after ``end``?"""
    highest = wall - rules.min_offset
    u = end
    while u <= highest and u <= LAST_INSTANT:
        segment_start, segment_end, offset = rules.segment(u)
        if max(segment_start, end) <= wall - offset < segment_end:
            return True
        if segment_end >= NEVER_AFTER:
            return False
        u = segment_end
    return False


def _kept(rules: ZoneRules, fold: FoldPolicy, fire: int) -> bool:
    """Is the literal fire ``fire`` a fire under ``fold``?"""
    if fold == "both":
        return True
    start, end, offset = rules.segment(fire)
    wall = fire + offset
    if fold == "first":
        return not shown_before(rules, wall, start)
    return not shown_after(rules, wall, end)


# -- gaps ------------------------------------------------------------------------------------


def _high_water(rules: ZoneRules, when: int, before: int) -> int:
    """The latest wall time the clock reads at any instant before ``when``.

    ``before`` is the offset just before ``when``; walls rise within a segment, so
    the maximum is at some segment's last second, and only segments whose end is
    within ``max_offset`` of the running maximum can beat it.
    """
    high = when - 1 + before
    u = rules.segment(when - 1)[0] - 1
    while u >= FIRST_INSTANT and u + rules.max_offset > high:
        start, _, offset = rules.segment(u)
        high = max(high, u + offset)
        if start <= NEVER_BEFORE:
            break
        u = start - 1
    return high


def _is_late_instant(cron: Cron, rules: ZoneRules, when: int) -> bool:
    """Is the segment boundary ``when`` the late instant of some matching wall time?"""
    before = rules.segment(when - 1)[2]
    after = rules.segment(when)[2]
    if after <= before:
        return False
    # A wall time the clock jumps over here is late here when the clock never read it before
    # (it is above the high-water mark) and never reads it later (no later fold brings it back).
    hours, minutes, days = cron.hour_mask, cron.minute_mask, cron.days
    low = max(when + before, _high_water(rules, when, before) + 1)
    wall = next_wall(hours, minutes, days, low)
    while wall is not None and wall < when + after:
        if not shown_after(rules, wall, when):
            return True
        wall = next_wall(hours, minutes, days, wall + 60)
    return False


def _next_late(cron: Cron, rules: ZoneRules, u: int, limit: int) -> int | None:
    """The first late instant in ``[u, limit]``."""
    limit = min(limit, LAST_INSTANT)
    v = max(u, FIRST_INSTANT) - 1
    while True:
        when = rules.segment(v)[1]  # the next segment boundary after v, at or after u
        if when > limit or when >= NEVER_AFTER:
            return None
        if _is_late_instant(cron, rules, when):
            return when
        v = when


def _prev_late(cron: Cron, rules: ZoneRules, u: int, limit: int) -> int | None:
    """The last late instant in ``[limit, u]``."""
    limit = max(limit, FIRST_INSTANT)
    v = min(u, LAST_INSTANT)
    while True:
        when = rules.segment(v)[0]  # the segment boundary at or before v
        if when < limit or when <= NEVER_BEFORE:
            return None
        if _is_late_instant(cron, rules, when):
            return when
        v = when - 1


# -- fires -----------------------------------------------------------------------------------


def policy_next_fire(
    cron: Cron, rules: ZoneRules, gap: GapPolicy, fold: FoldPolicy, u: int
) -> int | None:
    """The first fire at or after instant ``u`` under the policy, or ``None``."""
    start = u
    literal = next_fire(cron, rules, u)
    while literal is not None and not _kept(rules, fold, literal):
        literal = next_fire(cron, rules, literal + 1)
    if gap == "skip":
        return literal
    late = _next_late(cron, rules, start, LAST_INSTANT if literal is None else literal)
    return literal if late is None else late


def policy_prev_fire(
    cron: Cron, rules: ZoneRules, gap: GapPolicy, fold: FoldPolicy, u: int
) -> int | None:
    """The last fire at or before instant ``u`` under the policy, or ``None``."""
    start = u
    literal = prev_fire(cron, rules, u)
    while literal is not None and not _kept(rules, fold, literal):
        literal = prev_fire(cron, rules, literal - 1)
    if gap == "skip":
        return literal
    late = _prev_late(cron, rules, start, FIRST_INSTANT if literal is None else literal)
    return literal if late is None else late


class PolicySchedule(Schedule):
    """A schedule with a non-default DST policy.

    ``Schedule(..., gap=..., fold=...)`` builds one of these when either policy is not
    the literal default, so the literal engine's methods run unchanged, without even a
    branch, for every default schedule. Everything that lists fires (iteration,
    ``between``, ``due``, ``upcoming``, ``iter_runs``) is built on the four methods
    overridden here.
    """

    __slots__ = ()

    def next_after(self, t: datetime) -> datetime | None:
        seconds, _ = instant(t)
        fire = policy_next_fire(self.cron, self._rules, self.gap, self.fold, seconds + 1)
        return None if fire is None else to_datetime(fire)

    def prev_before(self, t: datetime) -> datetime | None:
        seconds, micros = instant(t)
        u = seconds if micros else seconds - 1
        fire = policy_prev_fire(self.cron, self._rules, self.gap, self.fold, u)
        return None if fire is None else to_datetime(fire)

    def _ascending(self, u: int, last: int) -> Iterator[datetime]:
        # The literal engine's fast stream, thinned by the fold policy and merged with the
        # late instants found between one literal fire and the next.
        cron, rules, gap, fold = self.cron, self._rules, self.gap, self.fold
        last = min(last, LAST_INSTANT)
        for moment in Schedule._ascending(self, u, last):
            fire = int(moment.timestamp())  # a UTC datetime of whole seconds: exact
            if gap == "late":
                late = _next_late(cron, rules, u, fire)
                while late is not None and late < fire:
                    yield to_datetime(late)
                    late = _next_late(cron, rules, late + 1, fire)
                if late == fire:
                    yield moment
                    u = fire + 1
                    continue
            if _kept(rules, fold, fire):
                yield moment
            u = fire + 1
        if gap == "late":
            late = _next_late(cron, rules, u, last)
            while late is not None:
                yield to_datetime(late)
                late = _next_late(cron, rules, late + 1, last)

    def _descending(self, u: int) -> Iterator[datetime]:
        cron, rules, gap, fold = self.cron, self._rules, self.gap, self.fold
        for moment in Schedule._descending(self, u):
            fire = int(moment.timestamp())  # a UTC datetime of whole seconds: exact
            if gap == "late":
                late = _prev_late(cron, rules, u, fire)
                while late is not None and late > fire:
                    yield to_datetime(late)
                    late = _prev_late(cron, rules, late - 1, fire)
                if late == fire:
                    yield moment
                    u = fire - 1
                    continue
            if _kept(rules, fold, fire):
                yield moment
            u = fire - 1
        if gap == "late":
            late = _prev_late(cron, rules, u, FIRST_INSTANT)
            while late is not None:
                yield to_datetime(late)
                late = _prev_late(cron, rules, late - 1, FIRST_INSTANT)


def late_fire_of(rules: ZoneRules, wall: int) -> int | None:
    """The first instant whose clock reads later than ``wall`` (a gap's late instant)."""
    # Before wall - max_offset every clock reads earlier than `wall`; by wall - min_offset + 1
    # every clock reads later.
    u = max(wall - rules.max_offset, FIRST_INSTANT)
    highest = min(wall - rules.min_offset + 1, LAST_INSTANT)
    while u <= highest:
        _, end, offset = rules.segment(u)
        # Within the segment the clock reads later than `wall` from instant wall - offset + 1.
        later = max(u, wall - offset + 1)
        if later < end:
            return later if later <= LAST_INSTANT else None
        if end >= NEVER_AFTER:
            return None
        u = end
    return None


__all__ = [
    "FOLD_POLICIES",
    "GAP_POLICIES",
    "PolicySchedule",
    "check_policy",
    "late_fire_of",
    "policy_next_fire",
    "policy_prev_fire",
    "shown_after",
    "shown_before",
]
