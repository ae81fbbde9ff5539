"""DST hazards: wall times a schedule matches that a zone's clock change skips or repeats.

Under literal wall-clock matching (docs/semantics.md) a wall time in a *gap*
never fires and one in a *fold* fires twice, once per pass. Both are correct
and both surprise people, so they are worth listing before they happen.

At a transition at instant ``T`` from offset ``a`` to offset ``b``:

- ``b > a`` is a gap: the walls ``[T + a, T + b)`` do not exist;
- ``b < a`` is a fold: the walls ``[T + b, T + a)`` occur twice, at ``W - a``
  in the first pass (earlier offset) and at ``W - b`` in the second pass.

Each hazard also says what the schedule's DST policy does with it (``policy``,
``fires``) and what every policy of its kind would do (``by_policy``): in a gap,
``"skip"`` fires nothing and ``"late"`` fires at the first instant whose clock
reads later than the wall time (the transition); in a fold, ``"both"`` fires each
pass, ``"first"`` and ``"last"`` one of them.

The finder walks the zone's segments, so it sees exactly the offset changes the
engine sees (TZif data, the footer rule, or a probed ``tzinfo``), and counts
each matching wall's occurrences the way the engine does: ``W`` occurs at
instant ``u`` when the offset in force at ``u`` is ``W - u``.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Literal

from ._calendar import next_wall
from ._cron import Cron
from ._policy import late_fire_of, shown_after, shown_before
from ._rfc3339 import format_offset, format_utc
from ._schedule import FIRST_INSTANT, LAST_INSTANT, to_datetime
from ._typed import FoldPolicy, GapPolicy
from ._tzif import NEVER_AFTER, ZoneRules

HazardKind = Literal["gap", "fold"]

_NAIVE_EPOCH = datetime(1970, 1, 1)


def format_duration(seconds: int) -> str:
    """``1 hour``, ``30 minutes``, ``1 hour 30 minutes``, ``3 minutes 58 seconds``."""
    parts = []
    for size, unit in ((3600, "hour"), (60, "minute"), (1, "second")):
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count} {unit}" + ("" if count == 1 else "s"))
    return " ".join(parts) or "0 seconds"


def later(moment: datetime, span: timedelta) -> datetime:
    """``moment + span``, or the last instant a datetime holds if that is past year 9999."""
    try:
        return moment + span
    except OverflowError:
        return datetime.max.replace(tzinfo=timezone.utc)


def _clock(wall: datetime) -> str:
    return wall.strftime("%H:%M:%S" if wall.second else "%H:%M")


class DstHazard:
    """A wall time the schedule matches that a clock change skips (gap) or repeats (fold).

    ``wall_time`` is the naive local time the expression matches; ``transition`` the
    UTC instant the offset changes from ``offset_before`` to ``offset_after``;
    ``fires`` the UTC instants the schedule fires at that wall time under its
    ``policy`` (literally: none in a gap, the first pass then the second pass in a
    fold); ``by_policy`` pairs every policy of the hazard's kind with its fires.
    """

    # A hand-written immutable value rather than a frozen dataclass: ``dataclasses``
    # imports ``inspect``, which would double the cost of ``import cronwall``.
    __slots__ = (
        "by_policy",
        "fires",
        "kind",
        "offset_after",
        "offset_before",
        "policy",
        "timezone",
        "transition",
        "wall_time",
    )

    kind: HazardKind
    wall_time: datetime
    timezone: str
    transition: datetime
    offset_before: timedelta
    offset_after: timedelta
    fires: tuple[datetime, ...]
    #: The schedule's policy for this kind of hazard: ``gap`` or ``fold``'s value.
    policy: GapPolicy | FoldPolicy | None
    #: ``(policy, fires)`` for each policy of the hazard's kind, in the order of their names.
    by_policy: tuple[tuple[str, tuple[datetime, ...]], ...]

    def __init__(
        self,
        kind: HazardKind,
        wall_time: datetime,
        timezone: str,
        transition: datetime,
        offset_before: timedelta,
        offset_after: timedelta,
        fires: tuple[datetime, ...],
        policy: GapPolicy | FoldPolicy | None = None,
        by_policy: tuple[tuple[str, tuple[datetime, ...]], ...] = (),
    ) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "kind", kind)
        setattr_(self, "wall_time", wall_time)
        setattr_(self, "timezone", timezone)
        setattr_(self, "transition", transition)
        setattr_(self, "offset_before", offset_before)
        setattr_(self, "offset_after", offset_after)
        setattr_(self, "fires", fires)
        setattr_(self, "policy", policy)
        setattr_(self, "by_policy", by_policy)

    def _values(self) -> tuple[Any, ...]:
        return (
            self.kind,
            self.wall_time,
            self.timezone,
            self.transition,
            self.offset_before,
            self.offset_after,
            self.fires,
            self.policy,
            self.by_policy,
        )

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"DstHazard is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"DstHazard is immutable; cannot delete {name!r}")

    def __eq__(self, other: object) -> bool:
        if type(other) is DstHazard:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __reduce__(self) -> tuple[Any, ...]:
        return (DstHazard, self._values())

    def __repr__(self) -> str:
        names = ("kind", "wall_time", "timezone", "transition", "offset_before", "offset_after")
        shown = ", ".join(
            f"{name}={getattr(self, name)!r}" for name in (*names, "fires", "policy", "by_policy")
        )
        return f"DstHazard({shown})"

    @property
    def clock_change(self) -> str:
        """What the clocks do: ``clocks go forward 1 hour at 02:00``."""
        change = self.offset_after - self.offset_before
        direction = "forward" if change > timedelta(0) else "back"
        amount = format_duration(abs(change) // timedelta(seconds=1))
        local = self.transition.replace(tzinfo=None) + self.offset_before
        return f"clocks go {direction} {amount} at {_clock(local)}"

    @property
    def message(self) -> str:
        """One line for people: what happens to the run at this wall time, and why."""
        when = f"{_clock(self.wall_time)} on {self.wall_time.date().isoformat()}"
        if self.kind == "gap":
            if self.policy == "late" and self.fires:
                return (
                    f"late run for {when} at {format_utc(self.fires[0])}: {self.timezone} "
                    f"{self.clock_change}, so that wall time is skipped, and gap='late' "
                    "runs it when the gap ends"
                )
            return (
                f"no run at {when}: {self.timezone} {self.clock_change}, "
                "so that wall time is skipped"
            )
        instants = " and ".join(format_utc(fire) for fire in self.fires)
        if self.policy in ("first", "last"):
            which = "first" if self.policy == "first" else "second"
            return (
                f"1 run at {when} ({instants}, {which} pass): {self.timezone} "
                f"{self.clock_change}, so that wall time happens twice, and "
                f"fold={self.policy!r} runs it only in the {which} pass"
            )
        return (
            f"{len(self.fires)} runs at {when} ({instants}): {self.timezone} "
            f"{self.clock_change}, so that wall time happens twice"
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of this one wall time (``validate_schedule`` groups them by change).

        A hazard of a schedule with a non-default policy also names it (``policy``).
        """
        document: dict[str, Any] = {
            "kind": self.kind,
            "message": self.message,
            "wall_time": self.wall_time.isoformat(),
            "timezone": self.timezone,
            "transition_at": format_utc(self.transition),
            "offset_before": format_offset(self.offset_before),
            "offset_after": format_offset(self.offset_after),
            "runs_at": [format_utc(fire) for fire in self.fires],
        }
        if self.policy in ("late", "first", "last"):
            document["policy"] = self.policy
        return document


DstHazard.__module__ = "cronwall"


def transitions(rules: ZoneRules, start: int, end: int) -> list[tuple[int, int, int]]:
    """(instant, offset before, offset after) of each offset change at ``start <= T < end``."""
    found: list[tuple[int, int, int]] = []
    u = start - 1
    while True:
        _, boundary, before = rules.segment(u)
        if boundary >= end or boundary >= NEVER_AFTER:
            return found
        # A segment may end where the known data ends (a footer year, a probed chunk)
        # rather than at a change of offset: only a different offset is a transition.
        after = rules.segment(boundary)[2]
        if after != before and boundary >= start:
            found.append((boundary, before, after))
        u = boundary


def find_hazards(
    cron: Cron,
    rules: ZoneRules,
    zone_name: str,
    start: int,
    end: int,
    *,
    gap: GapPolicy = "skip",
    fold: FoldPolicy = "both",
) -> list[DstHazard]:
    """Hazards of every transition at an instant ``start <= T < end`` (integer seconds)."""
    start = max(start, FIRST_INSTANT)
    end = min(end, LAST_INSTANT + 1)
    hazards: list[DstHazard] = []
    if start >= end:
        return hazards
    hours, minutes, days = cron.hour_mask, cron.minute_mask, cron.days
    for when, before, after in transitions(rules, start, end):
        # The walls the change skips (gap) or repeats (fold).
        low, high = when + min(before, after), when + max(before, after)
        wall = low
        while True:
            found = next_wall(hours, minutes, days, wall)
            if found is None or found >= high:
                break
            wall = found + 60
            fires = sorted(
                {
                    found - offset
                    for offset in (before, after)
                    if rules.segment(found - offset)[2] == offset
                }
            )
            if len(fires) == 1 or not all(FIRST_INSTANT <= u <= LAST_INSTANT for u in fires):
                continue  # happens once after all, or beyond what a datetime can hold
            by_policy = _by_policy(rules, found, fires)
            policy: GapPolicy | FoldPolicy = fold if fires else gap
            hazards.append(
                DstHazard(
                    kind="fold" if fires else "gap",
                    wall_time=_NAIVE_EPOCH + timedelta(seconds=found),
                    timezone=zone_name,
                    transition=to_datetime(when),
                    offset_before=timedelta(seconds=before),
                    offset_after=timedelta(seconds=after),
                    fires=dict(by_policy)[policy],
                    policy=policy,
                    by_policy=by_policy,
                )
            )
    return hazards


def _by_policy(
    rules: ZoneRules, wall: int, passes: list[int]
) -> tuple[tuple[str, tuple[datetime, ...]], ...]:
    """What each policy fires for a hazard's wall time, given its literal fires ``passes``."""
    if not passes:
        # Late at the first instant whose clock reads later, when no other clock change
        # (outside this transition) shows the wall time after all.
        shown = shown_before(rules, wall, wall - rules.min_offset + 1)
        late = None if shown else late_fire_of(rules, wall)
        return (("skip", ()), ("late", () if late is None else (to_datetime(late),)))
    first = passes[0] if not shown_before(rules, wall, passes[0]) else None
    last = passes[-1] if not shown_after(rules, wall, passes[-1] + 1) else None
    return (
        ("both", tuple(to_datetime(u) for u in passes)),
        ("first", () if first is None else (to_datetime(first),)),
        ("last", () if last is None else (to_datetime(last),)),
    )
