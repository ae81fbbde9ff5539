"""APScheduler 3 trigger: a cron expression in an IANA zone, with cronwall's fires.

``CronwallTrigger`` goes wherever an APScheduler 3 trigger goes::

    from cronwall.apscheduler import CronwallTrigger

    scheduler.add_job(report, CronwallTrigger("30 2 * * *", "America/New_York"))

It answers APScheduler's one question, ``get_next_fire_time(previous_fire_time, now)``,
through ``cronwall.Schedule``; APScheduler's own ``misfire_grace_time`` and
``coalesce`` then decide what runs after a delay, exactly as for its own triggers.
See docs/integrations.md.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any

try:
    # APScheduler 3 ships no type information; 4.x has no triggers.base module at all.
    from apscheduler.triggers.base import BaseTrigger  # type: ignore[import-untyped]
except ImportError as error:  # pragma: no cover - depends on what is installed
    raise ModuleNotFoundError(
        "cronwall.apscheduler needs APScheduler 3.x: pip install 'cronwall[apscheduler]'",
        name="apscheduler",
    ) from error

from ._cron import Cron
from ._jitter import DEFAULT_MAX_DELAY, jitter
from ._schedule import Schedule
from ._typed import FoldPolicy, GapPolicy

__all__ = ["CronwallTrigger"]

_UTC = timezone.utc
_NO_DELAY = timedelta(0)
_FIRST = datetime.min.replace(tzinfo=_UTC)
#: The version of the state ``__getstate__`` writes; ``__setstate__`` reads it and every older one.
STATE_VERSION = 1


def _utc(moment: object, what: str) -> datetime | None:
    """``moment`` as an aware UTC datetime, or ``None`` when that instant is past year 9999
    or before year 1 in UTC (where no schedule fires)."""
    if not isinstance(moment, datetime):
        raise TypeError(f"{what} must be an aware datetime, not {type(moment).__name__}")
    if moment.utcoffset() is None:
        # astimezone() would read a naive datetime as the host's local time: refuse instead.
        raise TypeError(
            f"{what} is a naive datetime, which names no instant; give it a tzinfo "
            "(APScheduler passes aware datetimes)"
        )
    try:
        # Through UTC, never with wall-clock arithmetic on a local datetime: `local - delta`
        # resets `fold`, which moves a time in the second pass of a fold by the fold's length.
        return moment.astimezone(_UTC)
    except OverflowError:
        return None


def _shift(moment: datetime | None, delta: timedelta) -> datetime | None:
    """``moment + delta``, or ``None`` past the datetime range."""
    if moment is None:
        return None
    try:
        return moment + delta
    except OverflowError:
        return None


class CronwallTrigger(BaseTrigger):  # type: ignore[misc]  # BaseTrigger is untyped
    """Fires when a five-field cron expression matches the wall clock in an IANA zone.

    ``expression`` and ``timezone`` (an IANA name, or a ``tzinfo`` whose own rules are
    then used) make a :class:`cronwall.Schedule`: a wall time in a DST gap never fires,
    one in a fold fires twice (first pass, then second pass); ``gap`` and ``fold`` name
    another DST policy, exactly as ``cronwall.Schedule`` takes them. With ``key``, every
    fire is delayed by ``cronwall.jitter(key, max_delay=max_delay)``, the same delay on every
    machine and restart; ``max_delay`` has no effect without a key.

    Fire times are aware UTC datetimes: APScheduler compares and stores them as UTC
    instants, and a UTC datetime is the one kind whose comparisons never ignore ``fold``.
    ``fire.astimezone(trigger.timezone)`` gives the local view.
    """

    __slots__ = ("_delay", "key", "max_delay", "schedule")

    #: The schedule whose nominal fires this trigger follows.
    schedule: Schedule
    #: The jitter key, or ``None`` for no jitter.
    key: str | bytes | None
    #: The bound of the jitter delay.
    max_delay: timedelta
    _delay: timedelta

    def __init__(
        self,
        expression: str | Cron,
        timezone: str | tzinfo = "UTC",
        *,
        key: str | bytes | None = None,
        max_delay: timedelta = DEFAULT_MAX_DELAY,
        gap: GapPolicy = "skip",
        fold: FoldPolicy = "both",
    ) -> None:
        if not isinstance(expression, (str, Cron)):
            raise TypeError(
                f"expression must be a str or a cronwall.Cron, not {type(expression).__name__}"
            )
        # The one place this trigger builds its schedule; the DST policy is part of the
        # schedule's value, so equality, pickling and repr carry it from there.
        schedule = Schedule(expression, timezone, gap=gap, fold=fold)
        self._set(schedule, key, max_delay)

    def _set(self, schedule: Schedule, key: str | bytes | None, max_delay: timedelta) -> None:
        if key is None:
            if not isinstance(max_delay, timedelta):
                raise TypeError(f"max_delay must be a timedelta, not {type(max_delay).__name__}")
            delay = _NO_DELAY
        else:
            delay = jitter(key, max_delay=max_delay)  # checks key and max_delay
        self.schedule = schedule
        self.key = key
        self.max_delay = max_delay
        self._delay = delay

    @property
    def timezone(self) -> tzinfo:
        """The schedule's zone, as APScheduler's own ``CronTrigger.timezone`` is: a tzinfo."""
        return self.schedule.tzinfo

    @property
    def delay(self) -> timedelta:
        """The jitter added to every nominal fire (zero without a key)."""
        return self._delay

    def scheduled_at(self, run_time: datetime) -> datetime | None:
        """The nominal fire a run time of this trigger is for: ``run_time`` minus the jitter.

        Record it as the run's ``scheduled_at`` (for example from
        ``JobExecutionEvent.scheduled_run_time`` in a listener); it is an aware UTC
        datetime, or ``None`` outside years 1-9999.
        """
        return _shift(_utc(run_time, "run_time"), -self._delay)

    def get_next_fire_time(
        self, previous_fire_time: datetime | None, now: datetime
    ) -> datetime | None:
        """The next run time, as APScheduler asks for it.

        Without a previous fire (a new or resumed job): the first nominal fire at or after
        ``now``. Otherwise: the first nominal fire strictly after the previous one's nominal
        time, however far in the past; APScheduler's ``misfire_grace_time`` and
        ``coalesce`` then decide what runs late. With a key, the jitter is added to the
        result and taken off ``previous_fire_time`` first. ``None`` past year 9999.
        """
        if previous_fire_time is None:
            fire = self._first_at_or_after(now)
        else:
            previous = _utc(previous_fire_time, "previous_fire_time")
            nominal = _shift(previous, -self._delay)
            if nominal is not None:
                fire = self.schedule.next_after(nominal)
            elif previous is None and previous_fire_time.year > 1:
                fire = None  # past year 9999 nothing fires
            else:
                fire = self._first_at_or_after(_FIRST)  # before year 1: every fire is after it
        return _shift(fire, self._delay)

    def _first_at_or_after(self, now: datetime) -> datetime | None:
        start = _utc(now, "now")
        if start is None:
            # Past year 9999 nothing fires; before year 1, every fire is at or after `now`.
            if now.year > 1:
                return None
            start = _FIRST
        # Fires are whole seconds: a `now` with microseconds is never one, and a whole-second
        # `now` is one exactly when the last fire before a microsecond later is `now` itself.
        if not start.microsecond:
            last = self.schedule.prev_before(start.replace(microsecond=1))
            if last == start:
                return last
        return self.schedule.next_after(start)

    # -- values: APScheduler's job stores pickle triggers; equal triggers are the same job --

    def __getstate__(self) -> dict[str, Any]:
        # The schedule pickles as its expression and zone name (and any schedule option),
        # so a stored job computes the same fires in another process or on another machine.
        return {
            "version": STATE_VERSION,
            "schedule": self.schedule,
            "key": self.key,
            "max_delay": self.max_delay,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        version = state.get("version") if isinstance(state, dict) else None
        if not isinstance(version, int) or not 1 <= version <= STATE_VERSION:
            raise ValueError(
                f"got serialized data for version {version!r} of CronwallTrigger, but this "
                f"cronwall reads versions 1 to {STATE_VERSION}; upgrade cronwall"
            )
        schedule = state["schedule"]
        if not isinstance(schedule, Schedule):
            raise TypeError(
                f"serialized CronwallTrigger holds a {type(schedule).__name__}, not a Schedule"
            )
        self._set(schedule, state["key"], state["max_delay"])

    def _value(self) -> tuple[Schedule, str | bytes | None, timedelta | None]:
        # Without a key the bound changes nothing, so it does not tell two triggers apart.
        return self.schedule, self.key, None if self.key is None else self.max_delay

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CronwallTrigger):
            return self._value() == other._value()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._value())

    def __str__(self) -> str:
        # Shaped like CronTrigger's "cron[hour='2', minute='30']", as shown in str(job).
        schedule = self.schedule
        options = [f"expression='{schedule.cron}'", f"timezone='{schedule.timezone}'"]
        if schedule.gap != "skip":
            options.append(f"gap='{schedule.gap}'")
        if schedule.fold != "both":
            options.append(f"fold='{schedule.fold}'")
        if self.key is not None:
            options.append(f"key={self.key!r}")
        return f"cronwall[{', '.join(options)}]"

    def __repr__(self) -> str:
        # Shaped like CronTrigger's "<CronTrigger (hour='2', minute='30', timezone='UTC')>",
        # naming the schedule whole so that every schedule option shows.
        options = [f"schedule={self.schedule!r}"]
        if self.key is not None:
            options.append(f"key={self.key!r}")
            options.append(f"max_delay={self.max_delay!r}")
        return f"<{type(self).__name__} ({', '.join(options)})>"
