"""The shapes of the API layer's JSON documents, as ``TypedDict``s for type checkers and
pydantic response models.

A module of its own, loaded on first use (``cronwall.ScheduleDict`` and its siblings are
served lazily): before Python 3.12 pydantic accepts only ``typing_extensions``'
``TypedDict``, and importing that costs more than the rest of ``import cronwall``.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Literal

from ._hazards import HazardKind
from ._typed import FoldPolicy, GapPolicy

if TYPE_CHECKING or sys.version_info >= (3, 12):
    from typing import TypedDict
else:
    # pydantic (and so FastAPI) accepts only typing_extensions' TypedDict before Python 3.12;
    # use it when it is installed so these types work as response models there too.
    try:
        from typing_extensions import TypedDict
    except ModuleNotFoundError:
        from typing import TypedDict


class _PolicyKeys(TypedDict, total=False):
    #: The DST policy, present only when it is not the literal default.
    gap: GapPolicy
    fold: FoldPolicy


class ScheduleDict(_PolicyKeys):
    """A schedule object as responses carry it (:meth:`Schedule.to_dict`)."""

    type: Literal["cron"]
    #: The canonical expression.
    expression: str
    #: The zone's IANA name.
    timezone: str
    #: RFC 3339 UTC, or ``None`` before the first run.
    last_run_at: str | None
    #: The next nominal fire times, RFC 3339 UTC.
    upcoming_runs_at: list[str]


class DstWarningDict(TypedDict):
    """One clock change that skips (``gap``) or doubles (``fold``) runs of a schedule."""

    kind: HazardKind
    #: One line for people: how many runs, which wall times, and why.
    message: str
    timezone: str
    #: The UTC instant the offset changes, RFC 3339.
    transition_at: str
    #: ``"-05:00"`` and so on.
    offset_before: str
    offset_after: str
    #: How many wall times the schedule matches in the gap or fold: the runs skipped or doubled.
    wall_time_count: int
    #: The first few of those wall times (local, ISO 8601 without offset), in order.
    wall_times: list[str]
    #: For a fold, both runs (first pass, second pass) of each listed wall time; empty for a gap.
    #: Under a DST policy, the runs the policy makes instead (the late run, the one pass).
    runs_at: list[str]


class ValidatedScheduleDict(ScheduleDict, total=False):
    """What :func:`validate_schedule` returns: ``warnings`` only with ``warn=True``."""

    warnings: list[DstWarningDict]


__all__ = ["DstWarningDict", "ScheduleDict", "ValidatedScheduleDict"]
