"""Celery beat on cronwall: a schedule for beat entries, and a scheduler that stamps each run.

``CronwallSchedule`` goes wherever a Celery schedule goes (``beat_schedule``,
``add_periodic_task``); ``Scheduler`` (``celery beat -S cronwall.celery:Scheduler``)
sends each run of a cronwall schedule with a ``scheduled_at`` header, the nominal
fire in RFC 3339 UTC. Both are thin: beat's calling convention in, ``Schedule.due``
(the one catch-up rule) out. See ``docs/integrations.md``.
"""

# No ``from __future__ import annotations`` and only private imports here: every public name
# of this module is in ``__all__``, as in ``cronwall`` itself.
from collections.abc import Callable as _Callable
from datetime import datetime as _datetime
from datetime import timedelta as _timedelta
from datetime import timezone as _timezone
from datetime import tzinfo as _tzinfo
from typing import Any as _Any

try:
    from celery import Celery as _Celery
    from celery import beat as _beat
    from celery.schedules import BaseSchedule as _BaseSchedule
    from celery.schedules import schedstate as _schedstate
except ImportError as _error:  # the extra is missing: say which one to install
    raise ImportError(
        "cronwall.celery needs Celery, which is not installed; "
        "install it with: pip install 'cronwall[celery]'"
    ) from _error

from ._cron import Cron as _Cron
from ._jitter import DEFAULT_MAX_DELAY as _DEFAULT_MAX_DELAY
from ._jitter import jitter as _jitter
from ._rfc3339 import format_utc as _format_utc
from ._schedule import Schedule as _Schedule
from ._typed import Catchup as _Catchup
from ._typed import FoldPolicy as _FoldPolicy
from ._typed import GapPolicy as _GapPolicy

__all__ = ["SCHEDULED_AT_HEADER", "CronwallSchedule", "Scheduler"]

#: The message header that carries a run's nominal fire, e.g. ``2026-11-01T05:30:00Z``.
SCHEDULED_AT_HEADER = "scheduled_at"

_UTC = _timezone.utc
_EPOCH = _datetime(1970, 1, 1, tzinfo=_UTC)
_FIRST = _datetime.min.replace(tzinfo=_UTC)
# What remaining_estimate and is_due report when no fire is left before year 10000;
# beat never sleeps longer than its max_interval anyway.
_NEVER = _timedelta.max


def _restore(
    cls: "type[CronwallSchedule]",
    schedule: _Schedule,
    key: str | bytes | None,
    max_delay: _timedelta,
    catchup: _Catchup,
    nowfun: _Callable[[], _datetime] | None,
) -> "CronwallSchedule":
    # Unpickling rebuilds from the pickled cronwall.Schedule, so everything that is part of
    # its value travels with it without a second list of its arguments here.
    restored = cls.__new__(cls)
    restored._setup(schedule, key, max_delay, catchup)
    _BaseSchedule.__init__(restored, nowfun=nowfun)
    return restored


def _shown(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text) - limit} more)"


class CronwallSchedule(_BaseSchedule):  # type: ignore[misc]
    """A cron expression in an IANA time zone, as a Celery beat schedule.

    Fires follow cronwall's literal wall-clock matching (a wall time in a gap never
    fires, one in a fold fires in both passes) unless ``gap="late"`` or ``fold="first"``
    / ``"last"`` name another DST policy, exactly as ``cronwall.Schedule`` takes them.
    With ``key``, each run is due at its nominal fire plus
    ``cronwall.jitter(key, max_delay=max_delay)``. ``catchup`` is ``Schedule.due``'s:
    after downtime, ``"latest"`` sends the newest missed fire once and ``"all"`` sends
    every one (that needs :class:`Scheduler`, which records each
    fire it sends). Beat's ``beat_cron_starting_deadline`` setting, when set, is the
    rule's ``grace``: a run later than that is dropped, as Celery's ``crontab`` does.
    """

    schedule: _Schedule
    key: str | bytes | None
    max_delay: _timedelta
    catchup: _Catchup
    #: The jitter every run of this schedule waits after its nominal fire.
    delay: _timedelta

    def __init__(
        self,
        expression: str | _Cron,
        timezone: str | _tzinfo = "UTC",
        *,
        key: str | bytes | None = None,
        max_delay: _timedelta = _DEFAULT_MAX_DELAY,
        catchup: _Catchup = "latest",
        gap: _GapPolicy = "skip",
        fold: _FoldPolicy = "both",
        nowfun: _Callable[[], _datetime] | None = None,
        app: _Celery | None = None,
    ) -> None:
        # The one place the adapter builds its cronwall.Schedule; the DST policy is part of
        # its value, so equality, pickling and repr carry it from there.
        schedule = _Schedule(expression, timezone, gap=gap, fold=fold)
        self._setup(schedule, key, max_delay, catchup)
        super().__init__(nowfun=nowfun, app=app)

    def _setup(
        self,
        schedule: _Schedule,
        key: str | bytes | None,
        max_delay: _timedelta,
        catchup: _Catchup,
    ) -> None:
        # jitter() and due() check their own options; asking them once here reports a bad
        # key, bound or catch-up mode when the schedule is built, not in beat's loop.
        delay = _jitter(b"" if key is None else key, max_delay=max_delay)
        schedule.due(None, _EPOCH, catchup=catchup)
        self.schedule = schedule
        self.key = key
        self.max_delay = max_delay
        self.catchup = catchup
        self.delay = _timedelta(0) if key is None else delay

    # -- beat's questions ----------------------------------------------------------------------

    def due(self, last_run_at: _datetime) -> list[_datetime]:
        """The nominal fires (aware UTC) to send now, given beat's ``last_run_at``, oldest first.

        ``last_run_at`` is when beat last sent this entry (for a new entry, when beat
        created it); naive values are read as Celery's own schedules read them. A
        fire counts as sent when its run time (nominal plus jitter) is at or before
        ``last_run_at``, so the candidates are the fires whose run time is in
        ``(last_run_at, now]``; ``Schedule.due`` then applies ``catchup`` and grace.
        """
        return self._due(*self._nominal_window(last_run_at))

    def is_due(self, last_run_at: _datetime) -> _schedstate:
        """``schedstate(is_due, next)``: whether to send now, and seconds until the next check."""
        last, now = self._nominal_window(last_run_at)
        fires = self._due(last, now)
        if len(fires) > 1:
            return _schedstate(True, 0.0)  # catchup="all": the next missed fire is due too
        following = self.schedule.next_after(now)
        wait = _NEVER if following is None else following - now
        return _schedstate(bool(fires), wait.total_seconds())

    def remaining_estimate(self, last_run_at: _datetime) -> _timedelta:
        """Time from now until the first run after ``last_run_at``; negative when overdue."""
        last, now = self._nominal_window(last_run_at)
        following = self.schedule.next_after(last)
        return _NEVER if following is None else following - now

    def _due(self, last: _datetime, now: _datetime) -> list[_datetime]:
        deadline = self.app.conf.beat_cron_starting_deadline
        grace = None if deadline is None else _timedelta(seconds=deadline)
        return self.schedule.due(last, now, catchup=self.catchup, grace=grace)

    def _nominal_window(self, last_run_at: _datetime) -> tuple[_datetime, _datetime]:
        """``(last_run_at, now)`` in UTC, moved back by the jitter onto the nominal time line."""
        if not isinstance(last_run_at, _datetime):
            raise TypeError(f"last_run_at must be a datetime, not {type(last_run_at).__name__}")
        last = self.maybe_make_aware(last_run_at).astimezone(_UTC)
        now = self.maybe_make_aware(self.now()).astimezone(_UTC)
        return _minus(last, self.delay), _minus(now, self.delay)

    # -- values, for beat's shelve and merge_inplace ------------------------------------------

    def __reduce__(self) -> tuple[_Any, ...]:
        return (
            _restore,
            (type(self), self.schedule, self.key, self.max_delay, self.catchup, self.nowfun),
        )

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CronwallSchedule):
            return (
                self.schedule == other.schedule
                and self.key == other.key
                and self.max_delay == other.max_delay
                and self.catchup == other.catchup
                and bool(super().__eq__(other))
            )
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.schedule, self.key, self.max_delay, self.catchup))

    def __repr__(self) -> str:
        text = f"<cronwall: {self.schedule!r}"
        if self.key is not None:
            bound, delay = self.max_delay.total_seconds(), self.delay.total_seconds()
            text += f", key={_shown(self.key)}, max_delay={bound:g}s (jitter {delay:g}s)"
        if self.catchup != "latest":
            text += f", catchup={self.catchup!r}"
        return text + ">"


def _minus(moment: _datetime, delay: _timedelta) -> _datetime:
    if not delay:
        return moment
    try:
        return moment - delay
    except OverflowError:  # within the jitter of year 1: nothing fires that early
        return _FIRST


class Scheduler(_beat.PersistentScheduler):  # type: ignore[misc]
    """Celery's shelve-backed beat scheduler, which stamps each cronwall run with its fire.

    Every message sent for a :class:`CronwallSchedule` entry carries the header
    ``scheduled_at`` (RFC 3339 UTC, the nominal fire), so ``(task, scheduled_at)`` is
    an idempotency key; the two passes of a fold are two keys. After a send the entry's
    ``last_run_at`` is that fire's run time (nominal plus jitter) rather than the clock,
    so a slow loop never skips a fire with ``catchup="all"``, and the shelve is synced
    at once, so a beat restarted after a crash does not send the fire again. Entries
    with other schedules behave exactly as under ``PersistentScheduler``.
    """

    def __init__(self, *args: _Any, **kwargs: _Any) -> None:
        # Fires decided in reserve() and sent by the apply_async() that follows it.
        self._scheduled_at: dict[str, _datetime] = {}
        self._sync_after_send = False
        super().__init__(*args, **kwargs)

    def reserve(self, entry: _beat.ScheduleEntry) -> _beat.ScheduleEntry:
        schedule = entry.schedule
        if not isinstance(schedule, CronwallSchedule):
            return super().reserve(entry)
        fires = schedule.due(entry.last_run_at)
        reserved = super().reserve(entry)
        if fires:
            fire = fires[0]
            self._scheduled_at[entry.name] = fire
            reserved.last_run_at = (fire + schedule.delay).astimezone(schedule.tz)
        return reserved

    def apply_async(
        self,
        entry: _beat.ScheduleEntry,
        producer: _Any = None,
        advance: bool = True,
        **kwargs: _Any,
    ) -> _Any:
        if not isinstance(entry.schedule, CronwallSchedule):
            return super().apply_async(entry, producer=producer, advance=advance, **kwargs)
        if advance:
            entry = self.reserve(entry)
        scheduled_at = self._scheduled_at.pop(entry.name, None)
        if scheduled_at is not None:
            # A run outside the schedule (an apply_async with nothing due) has no nominal
            # fire, so it goes without the header.
            headers = dict(entry.options.get("headers") or {})
            headers[SCHEDULED_AT_HEADER] = _format_utc(scheduled_at)
            options = {**entry.options, "headers": headers}
            entry = type(entry)(**dict(entry, options=options))
            self._sync_after_send = True
        return super().apply_async(entry, producer=producer, advance=False, **kwargs)

    def should_sync(self) -> bool:
        return self._sync_after_send or bool(super().should_sync())

    def _do_sync(self) -> None:
        self._sync_after_send = False
        super()._do_sync()
