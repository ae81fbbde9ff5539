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

    def shutdown(self, wait: bool = True) -> None:
        super().shutdown(wait)

    def wakeup(self) -> None:
        """Nothing to wake: ``drive`` calls ``_process_jobs`` itself."""


@dataclass
class Outcome:
    """What the scheduler did: the run times it executed and the ones it reported missed."""

    executed: list[datetime] = field(default_factory=list)
    missed: list[datetime] = field(default_factory=list)

    def record(self, event: JobExecutionEvent) -> None:
        run_time = event.scheduled_run_time.astimezone(UTC)
        (self.executed if event.code == EVENT_JOB_EXECUTED else self.missed).append(run_time)


def start_scheduler(clock: Clock, **options: Any) -> tuple[DrivenScheduler, Outcome]:
    """A started scheduler on the clock's time, with an in-thread executor and a recorder."""
    options.setdefault("executors", {"default": DebugExecutor()})
    scheduler = DrivenScheduler(timezone=UTC, **options)
    outcome = Outcome()
    scheduler.add_listener(outcome.record, EVENT_JOB_EXECUTED | EVENT_JOB_MISSED)
    scheduler.start()
    return scheduler, outcome


def drive(scheduler: DrivenScheduler, clock: Clock, until: datetime, *, late: timedelta) -> None:
    """Run the scheduler's loop until its next wakeup is past ``until``.

    Each wakeup comes ``late`` after the time the scheduler asked for, as a busy host's
    would; the loop never stops before the clock moves forward, so it always ends.
    """
    while True:
        wait = scheduler._process_jobs()
        if wait is None:
            return
        wakeup = clock.now + max(timedelta(seconds=wait), _MICROSECOND) + late
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
    **job_options: Any,
) -> Outcome:
    """Add a job with ``trigger`` at ``start`` and let the scheduler run it until ``end``."""
    clock = Clock(start)
    clock.install(monkeypatch)
    scheduler, outcome = start_scheduler(clock)
    scheduler.add_job(noop, trigger, id="job", **job_options)
    drive(scheduler, clock, end, late=late)
    scheduler.shutdown()
    return outcome
