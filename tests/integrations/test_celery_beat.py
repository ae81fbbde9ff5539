"""CronwallSchedule through Celery's own beat loop (tick, heap, entries, shelve) on a test clock.

Every send is checked against the brute-force oracle ``cronwall.testing.reference_fires``:
one send per fire, none in a gap, two in a fold, none twice across a restart.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from celery_beat_harness import (
    Beat,
    Clock,
    RecordingScheduler,
    StockRecordingScheduler,
    make_app,
)

import cronwall
from cronwall.celery import CronwallSchedule
from cronwall.testing import reference_fires

UTC = timezone.utc
# Beat's loop wakes 10 ms early (Scheduler.adjust) and then polls; a send lands within this.
PROMPT = timedelta(milliseconds=50)


@pytest.fixture(autouse=True)
def _close_every_beat() -> Iterator[None]:
    yield
    Beat.close_all()


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def expected_runs(
    expression: str, zone: str, created: datetime, end: datetime, delay: timedelta = timedelta(0)
) -> list[datetime]:
    """The oracle's fires whose run time (fire + delay) falls after the entry was created
    and at or before ``end``."""
    fires = reference_fires(expression, zone, created - delay, 100_000, horizon=end - created)
    return [fire for fire in fires if fire + delay <= end]


def check_sends(
    sent: list, task: str, fires: list[datetime], delay: timedelta = timedelta(0)
) -> None:
    mine = [s for s in sent if s.task == task]
    assert [s.scheduled_at for s in mine] == [rfc3339(f) for f in fires]
    for send, fire in zip(mine, fires, strict=True):
        assert timedelta(0) <= send.at - (fire + delay) < PROMPT, (send, fire)


# (zone, expressions, window): each window holds one of the zone's 2026 transitions.
DST_NIGHTS = [
    # America/New_York: 2026-03-08 02:00 EST -> 03:00 EDT (07:00Z), 02:00-03:00 is a gap.
    ("America/New_York", ["30 2 * * *", "0 * * * *", "*/20 1-3 * * *"], utc(2026, 3, 7, 12)),
    # America/New_York: 2026-11-01 02:00 EDT -> 01:00 EST (06:00Z), 01:00-02:00 is a fold.
    ("America/New_York", ["30 1 * * *", "0 * * * *", "*/20 1-3 * * *"], utc(2026, 10, 31, 12)),
    # Australia/Lord_Howe, 30-minute DST: 2026-10-04 02:00 +10:30 -> 02:30 +11 (15:30Z on
    # the 3rd), 02:00-02:30 is a gap.
    ("Australia/Lord_Howe", ["15 2 * * *", "*/15 1-3 * * *"], utc(2026, 10, 2, 12)),
    # Australia/Lord_Howe: 2026-04-05 02:00 +11 -> 01:30 +10:30 (15:00Z on the 4th),
    # 01:30-02:00 is a fold.
    ("Australia/Lord_Howe", ["45 1 * * *", "*/15 1-3 * * *"], utc(2026, 4, 3, 12)),
    # Europe/Dublin, negative DST (IST is standard time, GMT in winter the "saving"):
    # 2026-03-29 01:00 GMT -> 02:00 IST (01:00Z), a gap; 2026-10-25 02:00 IST -> 01:00 GMT
    # (01:00Z), a fold.
    ("Europe/Dublin", ["30 1 * * *", "0 * * * *"], utc(2026, 3, 28, 0)),
    ("Europe/Dublin", ["30 1 * * *", "0 * * * *"], utc(2026, 10, 24, 0)),
    # Australia/Sydney, southern hemisphere: 2026-04-05 03:00 AEDT -> 02:00 AEST (16:00Z on
    # the 4th), a fold; 2026-10-04 02:00 AEST -> 03:00 AEDT (16:00Z on the 3rd), a gap.
    ("Australia/Sydney", ["30 2 * * *", "0 * * * *"], utc(2026, 4, 3, 12)),
    ("Australia/Sydney", ["30 2 * * *", "0 * * * *"], utc(2026, 10, 2, 12)),
    # America/Santiago, southern hemisphere, changes at midnight: 2026-04-05 00:00 -03 ->
    # 2026-04-04 23:00 -04 (03:00Z), a fold; 2026-09-06 00:00 -04 -> 01:00 -03 (04:00Z), a gap.
    ("America/Santiago", ["30 23 * * *", "0 0 * * *"], utc(2026, 4, 3, 12)),
    ("America/Santiago", ["30 0 * * *", "0 0 * * *"], utc(2026, 9, 4, 12)),
]


@pytest.mark.parametrize(
    ("zone", "expressions", "start"),
    [pytest.param(z, e, s, id=f"{z}-{s:%Y-%m}") for z, e, s in DST_NIGHTS],
)
def test_beat_sends_each_fire_once_across_a_dst_night(
    tmp_path: Path, zone: str, expressions: list[str], start: datetime
) -> None:
    app = make_app()
    app.conf.beat_schedule = {
        expression: {"task": expression, "schedule": CronwallSchedule(expression, zone)}
        for expression in expressions
    }
    end = start + timedelta(days=3, minutes=30, seconds=30)
    beat = Beat(app, Clock(start, app), tmp_path / "beat")
    beat.run_until(end)
    for expression in expressions:
        check_sends(beat.sent, expression, expected_runs(expression, zone, start, end))


class TestNewYork:
    # America/New_York 2026: 2026-03-08 02:00 EST -> 03:00 EDT (a gap, 07:00Z);
    # 2026-11-01 02:00 EDT -> 01:00 EST (a fold, 06:00Z).

    def test_thirty_past_two_is_not_sent_on_spring_forward_day(self, tmp_path: Path) -> None:
        app = make_app("America/New_York")
        app.conf.beat_schedule = {
            "report": {
                "task": "report",
                "schedule": CronwallSchedule("30 2 * * *", "America/New_York"),
            }
        }
        beat = Beat(app, Clock(utc(2026, 3, 7, 12), app), tmp_path / "beat")
        beat.run_until(utc(2026, 3, 9, 12))
        assert [s.scheduled_at for s in beat.sent] == ["2026-03-09T06:30:00Z"]

    def test_thirty_past_one_is_sent_in_both_passes_of_the_fold(self, tmp_path: Path) -> None:
        app = make_app("America/New_York")
        app.conf.beat_schedule = {
            "report": {
                "task": "report",
                "schedule": CronwallSchedule("30 1 * * *", "America/New_York"),
            }
        }
        beat = Beat(app, Clock(utc(2026, 10, 31, 12), app), tmp_path / "beat")
        beat.run_until(utc(2026, 11, 1, 12))
        assert [(s.scheduled_at, s.at.isoformat()) for s in beat.sent] == [
            ("2026-11-01T05:30:00Z", "2026-11-01T05:30:00+00:00"),
            ("2026-11-01T06:30:00Z", "2026-11-01T06:30:00+00:00"),
        ]


def test_jittered_runs_are_sent_at_the_fire_plus_the_keys_delay(tmp_path: Path) -> None:
    app = make_app()
    schedules = {
        "a": CronwallSchedule("*/5 * * * *", "Europe/Dublin", key="deploy-a"),
        "b": CronwallSchedule("30 1 * * *", "Europe/Dublin", key="deploy-b"),
        "c": CronwallSchedule("* * * * *", "UTC", key="deploy-c", max_delay=timedelta(minutes=3)),
    }
    app.conf.beat_schedule = {name: {"task": name, "schedule": s} for name, s in schedules.items()}
    start, end = utc(2026, 10, 24, 18), utc(2026, 10, 25, 6, 0, 30)
    beat = Beat(app, Clock(start, app), tmp_path / "beat")
    beat.run_until(end)
    for name, schedule in schedules.items():
        delay = cronwall.jitter(schedule.key, max_delay=schedule.max_delay)
        assert delay > timedelta(0)
        fires = expected_runs(
            str(schedule.schedule.cron), schedule.schedule.timezone, start, end, delay
        )
        check_sends(beat.sent, name, fires, delay)
    # A jitter longer than the gap between fires still sends each minute once, in order.
    assert cronwall.jitter("deploy-c", max_delay=timedelta(minutes=3)) > timedelta(minutes=1)


class TestNewEntry:
    # Beat sets a new entry's last_run_at to the moment it creates it.

    def test_a_new_entry_starts_with_the_next_fire_not_a_past_one(self, tmp_path: Path) -> None:
        app = make_app()
        app.conf.beat_schedule = {"e": {"task": "e", "schedule": CronwallSchedule("0 * * * *")}}
        beat = Beat(app, Clock(utc(2026, 1, 1, 10, 0, 30), app), tmp_path / "beat")
        beat.run_until(utc(2026, 1, 1, 11, 30))
        assert [s.scheduled_at for s in beat.sent] == ["2026-01-01T11:00:00Z"]

    def test_a_run_whose_jittered_start_is_still_ahead_is_sent(self, tmp_path: Path) -> None:
        delay = cronwall.jitter("k")  # 10:00 runs at 10:00:0x, after the entry is created
        created = utc(2026, 1, 1, 10) + delay / 2
        app = make_app()
        app.conf.beat_schedule = {
            "e": {"task": "e", "schedule": CronwallSchedule("0 * * * *", key="k")}
        }
        beat = Beat(app, Clock(created, app), tmp_path / "beat")
        beat.run_until(utc(2026, 1, 1, 10, 30))
        assert [(s.scheduled_at, s.at) for s in beat.sent] == [
            ("2026-01-01T10:00:00Z", utc(2026, 1, 1, 10) + delay)
        ]


class TestRestart:
    # A beat stopped and started again from its shelve sends nothing twice and loses nothing.

    def test_a_restart_between_the_passes_of_a_fold_sends_each_pass_once(
        self, tmp_path: Path
    ) -> None:
        app = make_app()
        schedule = {
            "r": {"task": "r", "schedule": CronwallSchedule("30 1 * * *", "America/New_York")}
        }
        app.conf.beat_schedule = schedule
        clock = Clock(utc(2026, 10, 31, 12), app)
        first = Beat(app, clock, tmp_path / "beat")
        first.run_until(utc(2026, 11, 1, 6))  # 01:00 EST: the first pass is sent
        first.close()
        second = Beat(app, clock, tmp_path / "beat", sent=first.sent)
        second.run_until(utc(2026, 11, 2, 12))
        assert [s.scheduled_at for s in first.sent] == [
            "2026-11-01T05:30:00Z",
            "2026-11-01T06:30:00Z",
            "2026-11-02T06:30:00Z",
        ]

    def test_a_beat_killed_after_a_send_does_not_send_that_fire_again(self, tmp_path: Path) -> None:
        app = make_app()
        app.conf.beat_schedule = {
            "r": {"task": "r", "schedule": CronwallSchedule("*/10 * * * *", "Australia/Lord_Howe")}
        }
        clock = Clock(utc(2026, 4, 4, 14), app)
        running = Beat(app, clock, tmp_path / "running" / "beat")
        running.run_until(utc(2026, 4, 4, 15, 5))  # just past 02:00 -> 01:30, mid-fold
        # What a SIGKILL leaves on disk: the shelve files as they are now, never closed.
        shutil.copytree(tmp_path / "running", tmp_path / "killed")
        restarted = Beat(app, clock, tmp_path / "killed" / "beat", sent=running.sent)
        restarted.run_until(utc(2026, 4, 4, 17, 0, 30))
        start, end = utc(2026, 4, 4, 14), utc(2026, 4, 4, 17, 0, 30)
        check_sends(
            running.sent, "r", expected_runs("*/10 * * * *", "Australia/Lord_Howe", start, end)
        )

    def test_celerys_stock_scheduler_sends_a_fire_again_after_a_kill(self, tmp_path: Path) -> None:
        # Why cronwall's Scheduler syncs its shelve after each send: the stock one syncs
        # after its first send and then every three minutes, so a kill right after the
        # second send forgets it.
        app = make_app()
        app.conf.beat_schedule = {"r": {"task": "r", "schedule": CronwallSchedule("*/10 * * * *")}}
        clock = Clock(utc(2026, 1, 1, 9, 58), app)
        running = Beat(app, clock, tmp_path / "running" / "beat", scheduler=StockRecordingScheduler)
        running.run_until(utc(2026, 1, 1, 10, 10, 1))
        shutil.copytree(tmp_path / "running", tmp_path / "killed")
        restarted = Beat(
            app, clock, tmp_path / "killed" / "beat", scheduler=StockRecordingScheduler
        )
        restarted.run_until(utc(2026, 1, 1, 10, 10, 2))
        assert [s.at.isoformat(timespec="seconds") for s in running.sent + restarted.sent] == [
            "2026-01-01T10:00:00+00:00",
            "2026-01-01T10:10:00+00:00",
            "2026-01-01T10:10:01+00:00",
        ]

    def test_an_edited_expression_applies_after_a_restart(self, tmp_path: Path) -> None:
        app = make_app()
        app.conf.beat_schedule = {"r": {"task": "r", "schedule": CronwallSchedule("0 * * * *")}}
        clock = Clock(utc(2026, 1, 1, 9, 30), app)
        first = Beat(app, clock, tmp_path / "beat")
        first.run_until(utc(2026, 1, 1, 10, 5))
        first.close()
        app.conf.beat_schedule = {"r": {"task": "r", "schedule": CronwallSchedule("15 * * * *")}}
        second = Beat(app, clock, tmp_path / "beat", sent=first.sent)
        second.run_until(utc(2026, 1, 1, 12, 0))
        assert [s.scheduled_at for s in first.sent] == [
            "2026-01-01T10:00:00Z",
            "2026-01-01T10:15:00Z",  # a fire of the new expression after the last run
            "2026-01-01T11:15:00Z",
        ]


class TestCatchup:
    # Beat is down from 10:30 to 14:20; the hourly fires at 11:00, 12:00, 13:00, 14:00 are missed.

    def run(
        self,
        tmp_path: Path,
        catchup: str,
        *,
        deadline: int | None = None,
        scheduler: type[RecordingScheduler] = RecordingScheduler,
    ) -> list[str | None]:
        app = make_app()
        app.conf.beat_cron_starting_deadline = deadline
        app.conf.beat_schedule = {
            "c": {"task": "c", "schedule": CronwallSchedule("0 * * * *", catchup=catchup)}
        }
        clock = Clock(utc(2026, 1, 1, 9, 30), app)
        before = Beat(app, clock, tmp_path / "beat", scheduler=scheduler)
        before.run_until(utc(2026, 1, 1, 10, 30))
        before.close()
        clock.utc = utc(2026, 1, 1, 14, 20)
        after = Beat(app, clock, tmp_path / "beat", scheduler=scheduler, sent=before.sent)
        after.run_until(utc(2026, 1, 1, 15, 30))
        self.sent = before.sent
        return [s.scheduled_at for s in before.sent]

    def test_latest_sends_the_newest_missed_fire_once(self, tmp_path: Path) -> None:
        assert self.run(tmp_path, "latest") == [
            "2026-01-01T10:00:00Z",
            "2026-01-01T14:00:00Z",
            "2026-01-01T15:00:00Z",
        ]

    def test_all_sends_every_missed_fire_oldest_first(self, tmp_path: Path) -> None:
        assert self.run(tmp_path, "all") == [
            "2026-01-01T10:00:00Z",
            "2026-01-01T11:00:00Z",
            "2026-01-01T12:00:00Z",
            "2026-01-01T13:00:00Z",
            "2026-01-01T14:00:00Z",
            "2026-01-01T15:00:00Z",
        ]
        # The missed fires go out at once when beat comes back, not one per loop interval.
        assert utc(2026, 1, 1, 14, 20) <= self.sent[4].at < utc(2026, 1, 1, 14, 20, 1)

    def test_all_under_celerys_stock_scheduler_sends_only_the_first_missed_fire(
        self, tmp_path: Path
    ) -> None:
        # Why the docs say "all" needs cronwall's Scheduler: the stock one records the send
        # time as last_run_at, which marks every other missed fire as done. Three sends:
        # 10:00, one at 14:20 for the four missed fires, 15:00 (stock sends carry no header).
        assert self.run(tmp_path, "all", scheduler=StockRecordingScheduler) == [
            None,
            None,
            None,
        ]

    def test_the_starting_deadline_drops_fires_older_than_it(self, tmp_path: Path) -> None:
        # beat_cron_starting_deadline is the rule's grace: 14:00 is 20 minutes old at 14:20.
        assert self.run(tmp_path, "all", deadline=90 * 60) == [
            "2026-01-01T10:00:00Z",
            "2026-01-01T13:00:00Z",
            "2026-01-01T14:00:00Z",
            "2026-01-01T15:00:00Z",
        ]
        assert self.run(tmp_path / "short", "latest", deadline=10 * 60) == [
            "2026-01-01T10:00:00Z",
            "2026-01-01T15:00:00Z",
        ]


def test_other_entries_keep_celerys_own_behaviour(tmp_path: Path) -> None:
    from celery.schedules import crontab

    app = make_app()
    app.conf.beat_schedule = {
        "stock": {"task": "stock", "schedule": crontab(minute="0")},
        "every": {"task": "every", "schedule": 1800.0},
    }
    beat = Beat(app, Clock(utc(2026, 1, 1, 9, 50), app), tmp_path / "beat")
    beat.run_until(utc(2026, 1, 1, 11, 5))
    assert [(s.task, s.at.isoformat(), s.headers) for s in beat.sent] == [
        ("stock", "2026-01-01T10:00:00+00:00", {"celery_beat_task": True}),
        ("every", "2026-01-01T10:20:00+00:00", {"celery_beat_task": True}),
        ("every", "2026-01-01T10:50:00+00:00", {"celery_beat_task": True}),
        ("stock", "2026-01-01T11:00:00+00:00", {"celery_beat_task": True}),
    ]


def test_more_missed_fires_than_due_lists_are_reported_not_sent(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Schedule.due refuses to list over 100,000 fires; beat logs that for the entry and
    # carries on with its other entries.
    app = make_app()
    app.conf.beat_schedule = {
        "minutely": {"task": "minutely", "schedule": CronwallSchedule("* * * * *", catchup="all")},
        "hourly": {"task": "hourly", "schedule": CronwallSchedule("0 * * * *")},
    }
    clock = Clock(utc(2026, 1, 1, 9, 30), app)
    Beat(app, clock, tmp_path / "beat").close()
    clock.utc = utc(2026, 3, 20, 9, 30)  # 78 days later: about 112,000 minutes missed
    beat = Beat(app, clock, tmp_path / "beat")
    beat.run_until(utc(2026, 3, 20, 10, 30))
    assert [s.task for s in beat.sent] == ["hourly", "hourly"]
    assert "more than 100,000 fires are due between last and now" in caplog.text
