"""cronwall.apscheduler: the trigger's answers, its values, job stores and a real scheduler."""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap
import threading
import time
from datetime import datetime, timedelta, timezone
from importlib.metadata import entry_points
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from aps_harness import Clock, Outcome, drive, noop, start_scheduler
from apscheduler.events import EVENT_JOB_EXECUTED
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import (
    BackgroundScheduler,
)
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger

import cronwall
from cronwall.apscheduler import CronwallTrigger
from cronwall.testing import reference_fires

UTC = timezone.utc
NY = "America/New_York"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def iso(fires: list[datetime]) -> list[str]:
    return [fire.isoformat() for fire in fires]


# -- get_next_fire_time: APScheduler's question ---------------------------------------------


def test_a_new_job_first_fires_at_now_when_now_is_a_fire() -> None:
    trigger = CronwallTrigger("0 * * * *")
    assert trigger.get_next_fire_time(None, utc(2026, 1, 1, 5)) == utc(2026, 1, 1, 5)


def test_a_new_job_first_fires_at_the_next_fire_when_now_is_a_microsecond_past_one() -> None:
    trigger = CronwallTrigger("0 * * * *")
    now = utc(2026, 1, 1, 5).replace(microsecond=1)
    assert trigger.get_next_fire_time(None, now) == utc(2026, 1, 1, 6)


def test_after_a_fire_the_next_is_strictly_after_it_whatever_now_is() -> None:
    trigger = CronwallTrigger("0 * * * *")
    # APScheduler passes the current time too; the next fire follows the previous one, and
    # its misfire_grace_time and coalesce options decide what runs late.
    for now in (utc(2026, 1, 1, 5), utc(2026, 1, 3)):
        assert trigger.get_next_fire_time(utc(2026, 1, 1, 5), now) == utc(2026, 1, 1, 6)


def test_a_previous_fire_between_fires_is_followed_by_the_next_fire() -> None:
    trigger = CronwallTrigger("0 * * * *")
    previous = utc(2026, 1, 1, 5, 20)  # as after job.modify(next_run_time=...)
    assert trigger.get_next_fire_time(previous, previous) == utc(2026, 1, 1, 6)


def test_fire_times_are_utc_datetimes() -> None:
    trigger = CronwallTrigger("30 1 * * *", NY)
    now = datetime(2026, 10, 31, 12, tzinfo=ZoneInfo(NY))
    first = trigger.get_next_fire_time(None, now)
    second = trigger.get_next_fire_time(first, now)
    assert first is not None and second is not None
    assert first.tzinfo is UTC and second.tzinfo is UTC
    assert [first.isoformat(), second.isoformat()] == [
        "2026-11-01T05:30:00+00:00",
        "2026-11-01T06:30:00+00:00",
    ]
    assert second.astimezone(trigger.timezone).isoformat() == "2026-11-01T01:30:00-05:00"


def test_a_local_previous_fire_in_the_second_pass_of_a_fold_is_read_as_its_instant() -> None:
    # 01:30:05.692 EST (the second pass, fold=1) is 06:30:05.692Z. Taking the jitter off by
    # wall-clock arithmetic would reset fold and read 01:30 EDT (05:30Z), one pass too early.
    trigger = CronwallTrigger("*/30 * * * *", NY, key="deployment-42")
    previous = datetime(2026, 11, 1, 6, 30, 5, 692000, tzinfo=UTC).astimezone(ZoneInfo(NY))
    assert previous.fold == 1
    following = trigger.get_next_fire_time(previous, previous)
    assert following is not None
    assert following.isoformat() == "2026-11-01T07:00:05.692000+00:00"


def test_every_fire_is_the_oracles_next_fire_across_a_year_of_dst_in_lord_howe() -> None:
    expression, zone = "*/30 1-2 * * *", "Australia/Lord_Howe"
    trigger = CronwallTrigger(expression, zone)
    start = utc(2026, 1, 1)
    fires = []
    fire = trigger.get_next_fire_time(None, start)
    while fire is not None and fire < utc(2027, 1, 1):
        fires.append(fire)
        fire = trigger.get_next_fire_time(fire, fire)
    expected = reference_fires(expression, zone, start, 2000, horizon=timedelta(days=365))
    assert iso(fires) == iso(expected)


def test_there_is_no_fire_past_year_9999() -> None:
    trigger = CronwallTrigger("0 0 * * *", "Pacific/Kiritimati")
    last = datetime(9999, 12, 31, 10, tzinfo=UTC)  # 00:00 on the last local day is 9999-12-30T10Z
    assert trigger.get_next_fire_time(None, last) is None
    assert trigger.get_next_fire_time(utc(9999, 12, 30, 10), last) is None
    assert (
        CronwallTrigger("0 0 * * *").get_next_fire_time(None, datetime.max.replace(tzinfo=UTC))
        is None
    )


def test_a_time_before_year_one_in_utc_starts_from_the_first_fire() -> None:
    first = datetime.min.replace(tzinfo=UTC)
    now = datetime.min.replace(tzinfo=ZoneInfo("Asia/Tokyo"))  # 0000-12-31T15:00Z
    assert CronwallTrigger("0 0 * * *").get_next_fire_time(None, now) == first
    # A run time whose nominal fire, the jitter taken off, would be in year 0.
    jittered = CronwallTrigger("0 0 * * *", key="x", max_delay=timedelta(hours=1))
    assert jittered.delay == timedelta(minutes=54, seconds=51)
    assert jittered.get_next_fire_time(first, now) == first + jittered.delay


@pytest.mark.parametrize(
    ("previous", "now", "message"),
    [
        # a naive datetime names no instant: APScheduler itself always passes aware ones
        (None, datetime(2026, 1, 1), "now is a naive datetime, which names no instant"),
        (datetime(2026, 1, 1), utc(2026, 1, 1), "previous_fire_time is a naive datetime"),
        # not a datetime at all
        (None, "2026-01-01T00:00:00Z", "now must be an aware datetime, not str"),
        (1767225600, utc(2026, 1, 1), "previous_fire_time must be an aware datetime, not int"),
    ],
)
def test_a_time_that_is_not_an_aware_datetime_is_a_type_error(
    previous: object, now: object, message: str
) -> None:
    with pytest.raises(TypeError, match=f"^{message}"):
        CronwallTrigger("* * * * *").get_next_fire_time(previous, now)


# -- jitter --------------------------------------------------------------------------------


def test_with_a_key_every_fire_is_delayed_by_the_keys_jitter() -> None:
    trigger = CronwallTrigger("0 * * * *", key="deployment-42")
    assert trigger.delay == cronwall.jitter("deployment-42") == timedelta(seconds=5.692)
    # docs/integrations.md's example
    assert CronwallTrigger("0 * * * *", "UTC", key="cache-warmer").delay == timedelta(seconds=2.962)
    first = trigger.get_next_fire_time(None, utc(2026, 1, 1, 4, 30))
    assert first is not None
    assert first.isoformat() == "2026-01-01T05:00:05.692000+00:00"


def test_the_jitter_is_undone_before_the_next_fire_is_computed() -> None:
    # A delay longer than the time between fires: measured from the jittered time, the next
    # fire would skip the two minutes the delay covers.
    trigger = CronwallTrigger("* * * * *", key="deployment-42", max_delay=timedelta(minutes=5))
    assert trigger.delay == timedelta(seconds=170.786)
    first = trigger.get_next_fire_time(None, utc(2026, 1, 1, 4, 30))
    second = trigger.get_next_fire_time(first, first)
    assert first is not None and second is not None
    assert iso([first, second]) == [
        "2026-01-01T04:32:50.786000+00:00",
        "2026-01-01T04:33:50.786000+00:00",
    ]
    assert iso([trigger.scheduled_at(first), trigger.scheduled_at(second)]) == [
        "2026-01-01T04:30:00+00:00",
        "2026-01-01T04:31:00+00:00",
    ]


def test_a_new_jittered_job_starts_from_the_first_nominal_fire_at_or_after_now() -> None:
    # Added at 05:00:01, between the 05:00 fire and its jittered run at 05:00:05.692: the 05:00
    # fire was before the job existed, so its first run is for 06:00.
    trigger = CronwallTrigger("0 * * * *", key="deployment-42")
    first = trigger.get_next_fire_time(None, utc(2026, 1, 1, 5, 0, 1))
    assert first is not None
    assert first.isoformat() == "2026-01-01T06:00:05.692000+00:00"


def test_without_a_key_there_is_no_jitter() -> None:
    trigger = CronwallTrigger("0 * * * *", max_delay=timedelta(minutes=5))
    assert trigger.delay == timedelta(0)
    assert trigger.get_next_fire_time(None, utc(2026, 1, 1, 4, 30)) == utc(2026, 1, 1, 5)


# -- construction errors -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        # an expression is text
        ((5,), {}, TypeError, "expression must be a str or a cronwall.Cron, not int"),
        # cronwall's own parser errors, unchanged
        (
            ("0 0 30 2 *",),
            {},
            cronwall.ExpressionError,
            "day of month and month can never match: day 30 never occurs in February",
        ),
        (
            ("@daily",),
            {},
            cronwall.ExpressionError,
            "shortcut '@daily' is not supported; cronwall takes five fields; use '0 0 * * *'",
        ),
        # zone names are matched exactly
        (
            ("* * * * *", "america/new_york"),
            {},
            cronwall.TimezoneError,
            "unknown timezone 'america/new_york'; names are case-sensitive; "
            "did you mean 'America/New_York'?",
        ),
        (
            ("* * * * *", 5),
            {},
            TypeError,
            "timezone must be an IANA name (str) or a tzinfo object, not int",
        ),
        # a key is text or bytes
        (("* * * * *",), {"key": 42}, TypeError, "jitter key must be a str or bytes, not int"),
        (
            ("* * * * *",),
            {"key": "\ud800"},
            cronwall.CronwallError,
            "jitter key is not valid Unicode text (it has a lone surrogate)",
        ),
        # a bound is a timedelta, with or without a key; with one, at least a millisecond
        (("* * * * *",), {"max_delay": 10}, TypeError, "max_delay must be a timedelta, not int"),
        (
            ("* * * * *",),
            {"key": "k", "max_delay": 10},
            TypeError,
            "max_delay must be a timedelta, not int",
        ),
        (
            ("* * * * *",),
            {"key": "k", "max_delay": timedelta(0)},
            cronwall.CronwallError,
            "max_delay must be at least 1 millisecond, not datetime.timedelta(0)",
        ),
    ],
)
def test_bad_arguments_get_cronwalls_errors(
    args: tuple[object, ...], kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as raised:
        CronwallTrigger(*args, **kwargs)
    assert str(raised.value).splitlines()[0] == message


# -- values --------------------------------------------------------------------------------


def test_it_is_an_apscheduler_trigger() -> None:
    assert isinstance(CronwallTrigger("* * * * *"), BaseTrigger)


def test_str_and_repr_are_shaped_like_apschedulers_triggers() -> None:
    plain = CronwallTrigger("30   2 * * *", NY)
    keyed = CronwallTrigger("30 2 * * *", NY, key="deployment-42")
    assert str(plain) == "cronwall[expression='30 2 * * *', timezone='America/New_York']"
    assert repr(plain) == (
        "<CronwallTrigger (schedule=Schedule('30 2 * * *', 'America/New_York'))>"
    )
    assert str(keyed) == (
        "cronwall[expression='30 2 * * *', timezone='America/New_York', key='deployment-42']"
    )
    assert repr(keyed) == (
        "<CronwallTrigger (schedule=Schedule('30 2 * * *', 'America/New_York'), "
        "key='deployment-42', max_delay=datetime.timedelta(seconds=10))>"
    )


def test_triggers_are_equal_by_value() -> None:
    a = CronwallTrigger("0 9 * * MON", NY, key="k")
    assert a == CronwallTrigger("0 9 * * 1", NY, key="k")
    assert hash(a) == hash(CronwallTrigger("0 9 * * 1", NY, key="k"))
    assert a != CronwallTrigger("0 9 * * MON", NY)
    assert a != CronwallTrigger("0 9 * * MON", NY, key="k", max_delay=timedelta(seconds=5))
    assert a != CronwallTrigger("0 9 * * MON", "UTC", key="k")
    assert a != "0 9 * * MON"
    # Without a key the bound changes nothing, as repr() shows.
    assert CronwallTrigger("0 9 * * *", max_delay=timedelta(minutes=5)) == CronwallTrigger(
        "0 9 * * *"
    )


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_a_pickled_trigger_comes_back_equal_and_computes_the_same_fires(protocol: int) -> None:
    trigger = CronwallTrigger("30 1 * * *", NY, key="deployment-42")
    copy = pickle.loads(pickle.dumps(trigger, protocol))
    assert copy == trigger and copy is not trigger
    assert copy.delay == trigger.delay
    now = utc(2026, 10, 31)
    fire, copied = trigger.get_next_fire_time(None, now), copy.get_next_fire_time(None, now)
    for _ in range(3):
        assert copied == fire
        fire, copied = trigger.get_next_fire_time(fire, now), copy.get_next_fire_time(copied, now)


def test_the_pickled_state_carries_a_version_and_the_schedule() -> None:
    trigger = CronwallTrigger("30 1 * * *", NY, key="k")
    assert trigger.__getstate__() == {
        "version": 1,
        "schedule": cronwall.Schedule("30 1 * * *", NY),
        "key": "k",
        "max_delay": timedelta(seconds=10),
    }


def test_state_from_a_newer_cronwall_is_refused_with_a_clear_message() -> None:
    state = CronwallTrigger("* * * * *").__getstate__() | {"version": 2}
    trigger = CronwallTrigger.__new__(CronwallTrigger)
    with pytest.raises(ValueError) as raised:
        trigger.__setstate__(state)
    assert str(raised.value) == (
        "got serialized data for version 2 of CronwallTrigger, but this cronwall reads "
        "versions 1 to 1; upgrade cronwall"
    )


def test_importing_cronwall_does_not_import_apscheduler() -> None:
    assert run_python(
        """
        import sys
        import cronwall
        cronwall.Schedule("* * * * *", "UTC")
        print("apscheduler" in sys.modules)
        """
    ) == ["False"]


def test_without_apscheduler_the_import_error_names_the_extra() -> None:
    assert run_python(
        """
        import sys
        sys.modules["apscheduler"] = None  # as if APScheduler were not installed
        try:
            import cronwall.apscheduler
        except ModuleNotFoundError as error:
            print(error)
        """
    ) == ["cronwall.apscheduler needs APScheduler 3.x: pip install 'cronwall[apscheduler]'"]


def run_python(code: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def weekdays(trigger: BaseTrigger, n: int = 6) -> list[str]:
    """The weekday names of the trigger's next ``n`` fires from Sunday 2026-03-01."""
    fire, days = None, []
    for _ in range(n):
        fire = trigger.get_next_fire_time(fire, fire or utc(2026, 3, 1))
        days.append(fire.strftime("%a"))
    return days


def test_from_crontab_counts_weekdays_from_monday_and_cronwall_from_sunday() -> None:
    # docs/integrations.md warns about this when switching: 1-5 is Tuesday to Saturday there.
    assert weekdays(CronTrigger.from_crontab("0 9 * * 1-5", timezone="UTC")) == [
        "Tue", "Wed", "Thu", "Fri", "Sat", "Tue",
    ]  # fmt: skip
    assert weekdays(CronwallTrigger("0 9 * * 1-5")) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Mon"]
    assert weekdays(CronTrigger.from_crontab("0 9 * * mon-fri", timezone="UTC")) == weekdays(
        CronwallTrigger("0 9 * * MON-FRI")
    )
    assert weekdays(CronTrigger.from_crontab("0 9 * * 0", timezone="UTC"), 2) == ["Mon", "Mon"]
    assert weekdays(CronwallTrigger("0 9 * * 7"), 2) == ["Sun", "Sun"]


# -- APScheduler's own machinery -----------------------------------------------------------


class TestRunTimesOfAJobAfterDowntime:
    # America/New_York: clocks go back from 02:00 EDT to 01:00 EST on 2026-11-01 (06:00Z), so
    # 01:00-01:59 happens twice: first pass at -04:00 (05:00-05:59Z), second at -05:00.

    def test_job_run_times_are_the_stored_fire_and_every_fire_the_catch_up_rule_lists(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        clock = Clock(utc(2026, 11, 1, 4, 10))
        clock.install(monkeypatch)
        scheduler, _ = start_scheduler(clock)
        trigger = CronwallTrigger("*/30 * * * *", NY)
        job = scheduler.add_job(noop, trigger, id="job")
        assert job.next_run_time == utc(2026, 11, 1, 4, 30)
        now = utc(2026, 11, 1, 7, 10)  # down for three hours, across both passes of the fold
        run_times = job._get_run_times(now)
        assert run_times == [
            job.next_run_time,
            *trigger.schedule.due(job.next_run_time, now, catchup="all"),
        ]
        assert iso(run_times) == iso(
            reference_fires("*/30 * * * *", NY, utc(2026, 11, 1, 4, 10), 6)
        )
        scheduler.shutdown()

    def test_jittered_run_times_are_the_nominal_ones_shifted_by_the_jitter(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        clock = Clock(utc(2026, 11, 1, 4, 10))
        clock.install(monkeypatch)
        scheduler, _ = start_scheduler(clock)
        trigger = CronwallTrigger("*/30 * * * *", NY, key="deployment-42")
        job = scheduler.add_job(noop, trigger, id="job")
        run_times = job._get_run_times(utc(2026, 11, 1, 7, 10))
        nominal = reference_fires("*/30 * * * *", NY, utc(2026, 11, 1, 4, 10), 6)
        assert iso(run_times) == iso([fire + trigger.delay for fire in nominal])
        assert iso([trigger.scheduled_at(run_time) for run_time in run_times]) == iso(nominal)
        scheduler.shutdown()


def test_the_cronwall_alias_builds_the_trigger_with_the_schedulers_zone_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    aliases = {entry.name: entry.value for entry in entry_points(group="apscheduler.triggers")}
    assert aliases.get("cronwall") == "cronwall.apscheduler:CronwallTrigger", (
        "the installed metadata lacks this checkout's entry points: pip install -e ."
    )
    clock = Clock(utc(2026, 10, 31, 12))
    clock.install(monkeypatch)
    new_york = ZoneInfo(NY)
    scheduler, _ = start_scheduler(clock, timezone=new_york)
    plain = scheduler.add_job(noop, "cronwall", expression="30 1 * * *", id="plain")
    keyed = scheduler.add_job(
        noop, "cronwall", expression="30 1 * * *", timezone="Europe/Dublin", key="k", id="keyed"
    )
    assert plain.trigger == CronwallTrigger("30 1 * * *", new_york)
    assert keyed.trigger == CronwallTrigger("30 1 * * *", "Europe/Dublin", key="k")
    assert plain.next_run_time.isoformat() == "2026-11-01T05:30:00+00:00"
    scheduler.shutdown()


def test_a_job_in_a_sqlite_job_store_keeps_its_fires_when_the_scheduler_restarts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # America/New_York's fall-back night: the scheduler stops between the two passes of
    # 01:30 and a new one, reading the job back from the database, runs the second pass.
    expression, url = "30 1 * * *", f"sqlite:///{tmp_path / 'jobs.sqlite'}"
    start, stop, end = utc(2026, 10, 30, 12), utc(2026, 11, 1, 6), utc(2026, 11, 4)
    clock = Clock(start)
    clock.install(monkeypatch)
    trigger = CronwallTrigger(expression, NY, key="nightly-report")

    scheduler, before = start_scheduler(clock, jobstores={"default": SQLAlchemyJobStore(url=url)})
    scheduler.add_job(noop, trigger, id="report")
    drive(scheduler, clock, stop, late=timedelta(0))
    scheduler.shutdown()

    scheduler, after = start_scheduler(clock, jobstores={"default": SQLAlchemyJobStore(url=url)})
    job = scheduler.get_job("report")
    assert job.trigger == trigger and job.trigger is not trigger
    assert job.next_run_time.isoformat() == "2026-11-01T06:30:01.847000+00:00"
    drive(scheduler, clock, end, late=timedelta(0))
    scheduler.shutdown()

    nominal = [trigger.scheduled_at(run) for run in before.executed + after.executed]
    assert iso(nominal) == iso(reference_fires(expression, NY, start, 10, horizon=end - start))
    assert iso(before.executed[-1:]) == ["2026-11-01T05:30:01.847000+00:00"]


def test_a_real_background_scheduler_runs_the_job_at_its_fire() -> None:
    # A zone whose clock is a few seconds off UTC (a caller's tzinfo gets exactly its own
    # rules) puts a '* * * * *' fire two to three seconds from now, so the test need not
    # wait for a minute boundary.
    ran = threading.Event()
    outcome = Outcome()
    scheduler = BackgroundScheduler(timezone=UTC)
    scheduler.add_listener(outcome.record, EVENT_JOB_EXECUTED)
    scheduler.start()
    try:
        target = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=3)
        zone = timezone(timedelta(seconds=(60 - target.second) % 60))
        trigger = CronwallTrigger("* * * * *", zone)
        job = scheduler.add_job(ran.set, trigger, id="job", misfire_grace_time=30)
        assert job.next_run_time == target
        assert ran.wait(timeout=15), "the job did not run within 15 seconds"
        deadline = time.monotonic() + 5
        while not outcome.executed and time.monotonic() < deadline:
            time.sleep(0.05)  # the executed event follows the run, on the executor's thread
        assert outcome.executed == [target]
        assert datetime.now(UTC) >= target
        assert scheduler.get_job("job").next_run_time == target + timedelta(minutes=1)
    finally:
        scheduler.shutdown()


def test_a_compiled_cron_is_accepted_as_schedule_accepts_it() -> None:
    from_text = CronwallTrigger("0 9 * * 1-5", "Europe/Paris")
    assert CronwallTrigger(cronwall.parse("0 9 * * MON-FRI"), "Europe/Paris") == from_text
