"""Celery's own beat loop on a clock the test controls, recording what it sends.

Nothing of beat is copied or faked: ``RecordingScheduler`` is ``cronwall.celery.Scheduler``
(a ``PersistentScheduler`` on a real shelve) whose only override is ``send_task``, the
point where beat hands a message to the broker — the seam Celery's own beat tests use.
The clock replaces ``app.now``, which every schedule and ``tick()`` read the time from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, ClassVar

from celery import Celery, beat

import cronwall.celery

UTC = timezone.utc


class Clock:
    """The time beat sees; ``advance`` is the sleep that ``tick()`` asked for."""

    def __init__(self, start: datetime, app: Celery) -> None:
        self.utc = start.astimezone(UTC)
        self.app = app

    def now(self) -> datetime:
        # As Celery.now(): aware, in the app's time zone.
        return self.utc.astimezone(self.app.timezone)

    def advance(self, seconds: float) -> None:
        self.utc += timedelta(seconds=seconds)


@dataclass(frozen=True)
class Sent:
    task: str  # each test gives each entry its own task name
    headers: dict[str, Any]
    at: datetime  # the clock when beat sent it, UTC

    @property
    def scheduled_at(self) -> str | None:
        return self.headers.get(cronwall.celery.SCHEDULED_AT_HEADER)


class RecordingScheduler(cronwall.celery.Scheduler):
    """cronwall's beat scheduler, with sends recorded instead of published."""

    clock: Clock
    sent: list[Sent]

    def send_task(self, name: str, args: Any, kwargs: Any, **options: Any) -> None:
        self.sent.append(Sent(name, dict(options.get("headers") or {}), self.clock.utc))


class StockRecordingScheduler(RecordingScheduler):
    """Celery's PersistentScheduler as it ships, recording sends the same way."""

    reserve = beat.PersistentScheduler.reserve
    apply_async = beat.PersistentScheduler.apply_async
    should_sync = beat.PersistentScheduler.should_sync
    _do_sync = beat.PersistentScheduler._do_sync


def make_app(timezone: str = "UTC", *, enable_utc: bool = True) -> Celery:
    app = Celery("cronwall-beat-tests", broker="memory://")
    # result_expires=None: no celery.backend_cleanup entry joins the schedule.
    app.conf.update(timezone=timezone, enable_utc=enable_utc, result_expires=None)
    return app


class Beat:
    """One beat process: a scheduler on a shelve file, ticking on the shared clock."""

    #: Every beat not closed yet; ``close_all`` (a fixture's teardown) closes their shelves.
    open_beats: ClassVar[list[Beat]] = []

    def __init__(
        self,
        app: Celery,
        clock: Clock,
        shelve: Path,
        *,
        scheduler: type[RecordingScheduler] = RecordingScheduler,
        sent: list[Sent] | None = None,
    ) -> None:
        self.app, self.clock = app, clock
        self.sent: list[Sent] = [] if sent is None else sent
        app.now = clock.now  # type: ignore[method-assign]
        shelve.parent.mkdir(parents=True, exist_ok=True)
        self.scheduler = scheduler(app=app, schedule_filename=str(shelve))
        self.scheduler.clock, self.scheduler.sent = clock, self.sent
        Beat.open_beats.append(self)

    def run_until(self, end: datetime) -> None:
        """Tick as ``celery beat`` does, sleeping what tick() returns; stop just after ``end``."""
        while self.clock.utc <= end:
            interval = self.scheduler.tick()
            # A real loop always takes some time, even when tick() asks for none; a beat
            # stopped at ``end`` does not sleep past it.
            left = (end - self.clock.utc).total_seconds()
            self.clock.advance(min(max(interval, 0.001), left + 0.001))

    def close(self) -> None:
        if self in Beat.open_beats:
            Beat.open_beats.remove(self)
            self.scheduler.close()

    @classmethod
    def close_all(cls) -> None:
        for running in list(cls.open_beats):
            running.close()
