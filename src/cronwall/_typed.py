"""The public names that need ``typing`` at run time: ``Literal`` aliases of string
options, and :class:`Run`, a ``NamedTuple``.

A module of its own, loaded on first use (``cronwall.Run``, ``cronwall.GapPolicy`` and the
rest are served lazily): ``typing`` costs a command-line call more start-up time than the
whole engine, so the engine modules name these only for type checkers.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal, NamedTuple

#: The five fields' names, as messages and error dicts spell them.
FieldName = Literal["minute", "hour", "day of month", "month", "day of week"]
#: How the day-of-month and day-of-week fields combine: both must match, or either.
DayRule = Literal["and", "or"]
#: How a scheduler catches up after downtime: the newest missed fire, or every one.
Catchup = Literal["latest", "all"]
#: What a schedule does with a matching wall time that falls in a gap.
GapPolicy = Literal["skip", "late"]
#: What a schedule does with a matching wall time that falls in a fold.
FoldPolicy = Literal["both", "first", "last"]


class Run(NamedTuple):
    """One run of a jittered schedule: when it was due, and when to start it."""

    #: The nominal fire time; what a run records as ``scheduled_at``.
    scheduled_at: datetime
    #: ``scheduled_at`` plus the schedule's jitter.
    run_at: datetime

    @property
    def delay(self) -> timedelta:
        return self.run_at - self.scheduled_at


Run.__module__ = "cronwall"
