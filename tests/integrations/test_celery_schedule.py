"""CronwallSchedule as a Celery schedule value: beat's questions, pickling, equality, errors."""

from __future__ import annotations

import pickle
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from celery import Celery, beat
from celery.schedules import crontab, schedstate
from celery_beat_harness import Beat, Clock, make_app

import cronwall
import cronwall.celery
from cronwall.celery import CronwallSchedule, Scheduler

UTC = timezone.utc


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


class Nightly(CronwallSchedule):
    """A user's subclass, as beat's shelve would store it."""


def at(moment: datetime, app: Celery | None = None) -> CronwallSchedule:
    """An hourly schedule whose clock reads ``moment``."""
    return CronwallSchedule("0 * * * *", nowfun=lambda: moment, app=app or make_app())


class TestBeatsQuestions:
    def test_not_due_says_how_long_until_the_next_fire(self) -> None:
        assert at(utc(2026, 1, 1, 10, 20)).is_due(utc(2026, 1, 1, 10)) == schedstate(False, 2400.0)

    def test_due_says_how_long_until_the_fire_after(self) -> None:
        assert at(utc(2026, 1, 1, 11)).is_due(utc(2026, 1, 1, 10)) == schedstate(True, 3600.0)

    def test_remaining_estimate_is_the_time_until_the_next_fire_after_the_last_run(self) -> None:
        schedule = at(utc(2026, 1, 1, 10, 20))
        assert schedule.remaining_estimate(utc(2026, 1, 1, 10)) == timedelta(minutes=40)
        # Overdue: negative, as Celery's crontab reports it.
        assert schedule.remaining_estimate(utc(2026, 1, 1, 9)) == timedelta(minutes=-20)

    def test_a_send_time_late_by_the_loop_still_counts_from_its_nominal_fire(self) -> None:
        # Beat records when it sent, 10:00:00.4; the next run is 11:00, not skipped.
        schedule = at(utc(2026, 1, 1, 11))
        assert schedule.is_due(utc(2026, 1, 1, 10, 0, 0, 400_000)).is_due

    def test_jitter_moves_the_run_not_the_fire(self) -> None:
        delay = cronwall.jitter("deploy-1")
        early = CronwallSchedule("0 * * * *", key="deploy-1", nowfun=lambda: utc(2026, 1, 1, 11))
        late = CronwallSchedule(
            "0 * * * *", key="deploy-1", nowfun=lambda: utc(2026, 1, 1, 11) + delay
        )
        assert early.is_due(utc(2026, 1, 1, 10) + delay) == schedstate(False, delay.total_seconds())
        assert late.due(utc(2026, 1, 1, 10) + delay) == [utc(2026, 1, 1, 11)]


class TestNaiveAndAwareLastRunAt:
    # Celery's schedules read a naive datetime as UTC (maybe_make_aware), whatever enable_utc
    # and timezone say; a shelve from an old Celery, or django-celery-beat, can hold one.

    @pytest.mark.parametrize("enable_utc", [True, False])
    @pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Asia/Kolkata"])
    def test_a_naive_last_run_at_reads_as_celerys_crontab_reads_it(
        self, enable_utc: bool, zone: str
    ) -> None:
        app = make_app(zone, enable_utc=enable_utc)
        now = utc(2026, 11, 1, 6, 10)
        naive, aware = datetime(2026, 11, 1, 5, 0), utc(2026, 11, 1, 5, 0)
        stock = crontab(minute="0", nowfun=lambda: now, app=app)
        ours = CronwallSchedule("0 * * * *", nowfun=lambda: now, app=app)
        assert stock.remaining_estimate(naive) == stock.remaining_estimate(aware)
        assert ours.remaining_estimate(naive) == ours.remaining_estimate(aware)
        assert ours.is_due(naive) == ours.is_due(aware) == schedstate(True, 3000.0)
        assert ours.due(naive) == [utc(2026, 11, 1, 6)]

    def test_an_aware_last_run_at_in_the_second_pass_of_a_fold_is_that_instant(self) -> None:
        # 01:30 EST (second pass, fold=1) is 06:30Z; read as 05:30Z it would make 06:00Z due.
        new_york = ZoneInfo("America/New_York")
        schedule = CronwallSchedule(
            "0 * * * *", "America/New_York", nowfun=lambda: utc(2026, 11, 1, 6, 45), app=make_app()
        )
        second_pass = datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=new_york)
        assert schedule.due(second_pass) == []
        assert schedule.due(second_pass.replace(fold=0)) == [utc(2026, 11, 1, 6)]

    def test_a_naive_clock_reads_as_utc_too(self) -> None:
        schedule = CronwallSchedule(
            "0 * * * *", nowfun=lambda: datetime(2026, 1, 1, 11), app=make_app("Asia/Kolkata")
        )
        assert schedule.due(utc(2026, 1, 1, 10)) == [utc(2026, 1, 1, 11)]


class TestValue:
    def test_it_pickles_to_an_equal_schedule(self) -> None:
        schedule = CronwallSchedule(
            "30 1 * * *",
            "America/New_York",
            key="deploy-1",
            max_delay=timedelta(seconds=30),
            catchup="all",
        )
        restored = pickle.loads(pickle.dumps(schedule))
        assert restored == schedule
        assert hash(restored) == hash(schedule)
        assert (
            restored.delay
            == schedule.delay
            == cronwall.jitter("deploy-1", max_delay=timedelta(seconds=30))
        )
        assert type(restored) is CronwallSchedule

    def test_a_subclass_pickles_as_itself(self) -> None:
        assert type(pickle.loads(pickle.dumps(Nightly("0 3 * * *")))) is Nightly

    @pytest.mark.parametrize(
        "other",
        [
            CronwallSchedule("30 2 * * *", "America/New_York"),  # another expression
            CronwallSchedule("30 1 * * *", "America/Chicago"),  # another zone
            CronwallSchedule("30 1 * * *", "America/New_York", key="b"),  # a jitter key
            CronwallSchedule(
                "30 1 * * *", "America/New_York", max_delay=timedelta(seconds=5)
            ),  # another bound
            CronwallSchedule("30 1 * * *", "America/New_York", catchup="all"),  # catch-up mode
            crontab(minute="30", hour="1"),  # Celery's own, even at the same times
        ],
    )
    def test_it_equals_only_the_same_value(self, other: object) -> None:
        schedule = CronwallSchedule("30 1 * * *", "America/New_York")
        assert schedule == CronwallSchedule("30   1 * * *", "America/New_York")
        assert schedule != other

    def test_its_repr_shows_the_schedule_and_options(self) -> None:
        assert repr(CronwallSchedule("0 4 * * *")) == "<cronwall: Schedule('0 4 * * *', 'UTC')>"
        assert repr(
            CronwallSchedule("30 1 * * *", "America/New_York", key="deploy-1", catchup="all")
        ) == (
            "<cronwall: Schedule('30 1 * * *', 'America/New_York'), key='deploy-1', "
            "max_delay=10s (jitter 7.232s), catchup='all'>"
        )

    def test_a_long_key_is_cut_short_in_the_repr(self) -> None:
        text = repr(CronwallSchedule("0 4 * * *", key="k" * 500))
        assert "... (442 more)" in text
        assert len(text) < 160


class TestBadInput:
    @pytest.mark.parametrize(
        ("args", "kwargs", "error", "message"),
        [
            # minute 61 does not exist
            (
                ("61 * * * *",),
                {},
                cronwall.ExpressionError,
                "minute value '61' is out of range 0-59",
            ),
            # zone names are case-sensitive
            (
                ("* * * * *", "america/new_york"),
                {},
                cronwall.TimezoneError,
                "unknown timezone 'america/new_york'; names are case-sensitive; "
                "did you mean 'America/New_York'?",
            ),
            # the catch-up modes are "latest" and "all"
            (
                ("* * * * *",),
                {"catchup": "every"},
                cronwall.CronwallError,
                "catchup must be 'latest' or 'all', not 'every'",
            ),
            # a jitter key is text or bytes
            (("* * * * *",), {"key": 5}, TypeError, "jitter key must be a str or bytes, not int"),
            # a bound is a timedelta, not seconds
            (("* * * * *",), {"max_delay": 5}, TypeError, "max_delay must be a timedelta, not int"),
            # a bound of zero leaves no room for a delay
            (
                ("* * * * *",),
                {"max_delay": timedelta(0)},
                cronwall.CronwallError,
                "max_delay must be at least 1 millisecond, not datetime.timedelta(0)",
            ),
            # an expression is text
            ((5,), {}, TypeError, "cron must be an expression (str) or a Cron, not int"),
        ],
    )
    def test_bad_options_raise_cronwalls_own_errors(
        self, args: tuple, kwargs: dict, error: type[Exception], message: str
    ) -> None:
        with pytest.raises(error) as raised:
            CronwallSchedule(*args, **kwargs)
        assert str(raised.value).splitlines()[0] == message

    def test_a_last_run_at_that_is_not_a_datetime_is_a_type_error(self) -> None:
        with pytest.raises(TypeError, match=r"^last_run_at must be a datetime, not str$"):
            at(utc(2026, 1, 1)).is_due("2026-01-01")  # type: ignore[arg-type]


class TestInCelery:
    def test_add_periodic_task_puts_it_in_beats_schedule(self, tmp_path) -> None:
        app = make_app()
        schedule = CronwallSchedule("*/30 * * * *", "Europe/Dublin")
        app.add_periodic_task(schedule, app.signature("reports.build"), name="reports")
        assert app.conf.beat_schedule["reports"]["schedule"] is schedule
        running = Beat(app, Clock(utc(2026, 1, 1, 9, 50), app), tmp_path / "beat")
        running.run_until(utc(2026, 1, 1, 10, 40))
        running.close()
        assert [(s.task, s.scheduled_at) for s in running.sent] == [
            ("reports.build", "2026-01-01T10:00:00Z"),
            ("reports.build", "2026-01-01T10:30:00Z"),
        ]

    def test_beat_finds_the_scheduler_by_its_documented_name(self, tmp_path) -> None:
        app = make_app()
        service = beat.Service(
            app, scheduler_cls="cronwall.celery:Scheduler", schedule_filename=str(tmp_path / "s")
        )
        assert type(service.get_scheduler(lazy=True)) is Scheduler

    def test_the_module_shows_only_its_documented_names(self) -> None:
        public = {name for name in dir(cronwall.celery) if not name.startswith("_")}
        assert public == set(cronwall.celery.__all__)

    def test_importing_cronwall_does_not_import_celery(self) -> None:
        code = "import sys, cronwall; print('celery' in sys.modules)"
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert out.stdout == "False\n"

    def test_without_celery_the_import_error_names_the_extra(self) -> None:
        code = "import sys; sys.modules['celery'] = None; import cronwall.celery"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert out.returncode == 1
        assert out.stderr.splitlines()[-1] == (
            "ImportError: cronwall.celery needs Celery, which is not installed; "
            "install it with: pip install 'cronwall[celery]'"
        )
