"""APScheduler 3's own scheduler loop, driven by a clock the test controls.

APScheduler reads the time with ``datetime.now`` in ``apscheduler.schedulers.base``
(the processing loop) and ``apscheduler.executors.base`` (the misfire check); its own
test suite replaces that name to freeze time, and so does this harness. Everything
else is APScheduler's: ``BaseScheduler._process_jobs``, ``Job._get_run_times``,
coalescing, the ``DebugExecutor`` and its misfire check, the job stores and events.
The loop is the one ``BlockingScheduler`` runs (process, then sleep for the returned
number of seconds), except that sleeping moves the clock instead of waiting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any

import pytest
from apscheduler.events import (
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MISSED,
    JobExecutionEvent,
)
from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.base import BaseScheduler

UTC = timezone.utc
_MICROSECOND = timedelta(microseconds=1)
#: How many times in a row the loop may be told to wake at once (a rounding of the wait to
#: microseconds can make one such wakeup) before the test calls the scheduler stuck.
MAX_IDLE_WAKEUPS = 100


def noop() -> None:
    """The job: what it does does not matter, when it runs does."""


class Clock:
    """The time APScheduler sees, moved only by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now.astimezone(UTC)

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        clock = self

        class ClockDatetime(datetime):
            @classmethod
            def now(cls, tz: tzinfo | None = None) -> datetime:
                if tz is None:  # the host's local wall time, as datetime.now() gives it
                    return clock.now.astimezone().replace(tzinfo=None)
                return clock.now.astimezone(tz)

        monkeypatch.setattr("apscheduler.schedulers.base.datetime", ClockDatetime)
        monkeypatch.setattr("apscheduler.executors.base.datetime", ClockDatetime)


class DrivenScheduler(BaseScheduler):
    """APScheduler's scheduler base class, with no thread: the test runs its loop."""

    outcome: Outcome

    def shutdown(self, wait: bool = True) -> None:
        super().shutdown(wait)

    def wakeup(self) -> None:
        """Nothing to wake: ``drive`` calls ``_process_jobs`` itself."""


@dataclass
class Outcome:
    """What the scheduler did: the run times it executed, the ones it reported missed, and
    the spans it spent waking at once for a run time that was not due yet (from, to)."""

    executed: list[datetime] = field(default_factory=list)
    missed: list[datetime] = field(default_factory=list)
    busy: list[tuple[datetime, datetime]] = field(default_factory=list)

    def record(self, event: JobExecutionEvent) -> None:
        run_time = event.scheduled_run_time.astimezone(UTC)
        (self.executed if event.code == EVENT_JOB_EXECUTED else self.missed).append(run_time)


def start_scheduler(
    clock: Clock, *, timezone: tzinfo = UTC, **options: Any
) -> tuple[DrivenScheduler, Outcome]:
    """A started scheduler on the clock's time, with an in-thread executor and a recorder."""
    options.setdefault("executors", {"default": DebugExecutor()})
    scheduler = DrivenScheduler(timezone=timezone, **options)
    outcome = scheduler.outcome = Outcome()
    scheduler.add_listener(outcome.record, EVENT_JOB_EXECUTED | EVENT_JOB_MISSED)
    scheduler.start()
    return scheduler, outcome


def drive(scheduler: DrivenScheduler, clock: Clock, until: datetime, *, late: timedelta) -> None:
    """Run the scheduler's loop until its next wakeup is past ``until``.

    Each wakeup comes ``late`` after the time the scheduler asked for, as a busy host's
    would. A scheduler that asks to be woken at once while its next run time is still
    ahead is spinning (APScheduler 3.10 does so through the repeated hour of a fold, as
    it measures its sleep by the wall clock of its zone): a real clock would reach that run
    time while it spins, so the clock jumps there and the outcome records the spin. One
    that never runs a run time that is due fails the test instead of looping forever.
    """
    idle = 0
    while True:
        wait = scheduler._process_jobs()
        if wait is None:
            return
        wakeup = clock.now + max(timedelta(seconds=wait), _MICROSECOND) + late
        if wait == 0:
            nearest = min(
                job.next_run_time.astimezone(UTC)
                for job in scheduler.get_jobs()
                if job.next_run_time
            )
            if nearest > wakeup:
                scheduler.outcome.busy.append((clock.now, nearest))
                wakeup = nearest + late
            idle += 1
            if idle > MAX_IDLE_WAKEUPS:
                raise AssertionError(
                    f"at {clock.now.isoformat()} the scheduler does not run what is due at "
                    f"{nearest.isoformat()}"
                )
        else:
            idle = 0
        if wakeup > until:
            return
        clock.now = wakeup


def run_window(
    monkeypatch: pytest.MonkeyPatch,
    trigger: object,
    start: datetime,
    end: datetime,
    *,
    late: timedelta = timedelta(0),
    timezone: tzinfo = UTC,
    **job_options: Any,
) -> Outcome:
    """Add a job with ``trigger`` at ``start`` and let the scheduler run it until ``end``.

    ``timezone`` is the scheduler's (what its clock readings carry), not the trigger's.
    """
    clock = Clock(start)
    clock.install(monkeypatch)
    scheduler, outcome = start_scheduler(clock, timezone=timezone)
    scheduler.add_job(noop, trigger, id="job", **job_options)
    drive(scheduler, clock, end, late=late)
    scheduler.shutdown()
    return outcome
