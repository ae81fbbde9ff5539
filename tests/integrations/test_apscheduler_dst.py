"""APScheduler's own loop across DST nights: one run per fire, none in a gap, two in a fold.

Every run is checked against the brute-force oracle, and APScheduler's own CronTrigger
goes through the same harness to measure the table in docs/integrations.md.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from importlib.metadata import version
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from aps_harness import Clock, noop, run_window, start_scheduler
from apscheduler.triggers.cron import CronTrigger

from cronwall.apscheduler import CronwallTrigger
from cronwall.testing import reference_fires

UTC = timezone.utc
DOCS = Path(__file__).resolve().parents[2] / "docs" / "integrations.md"
#: The installed APScheduler release line: "3.10", "3.11", ...
APSCHEDULER = ".".join(version("apscheduler").split(".")[:2])

# The clock changes of 2026 in four zones, as UTC instants:
# - America/New_York: 2026-03-08T07:00Z, 02:00 EST -> 03:00 EDT (gap 02:00-02:59);
#   2026-11-01T06:00Z, 02:00 EDT -> 01:00 EST (fold 01:00-01:59).
# - Australia/Lord_Howe (a 30-minute change): 2026-04-04T15:00Z, 02:00 +11:00 -> 01:30 +10:30
#   (fold 01:30-01:59 on 04-05); 2026-10-03T15:30Z, 02:00 -> 02:30 (gap 02:00-02:29 on 10-04).
# - Europe/Dublin (negative DST: summer time is standard, winter GMT is the "saving"):
#   2026-03-29T01:00Z, 01:00 GMT -> 02:00 IST (gap 01:00-01:59); 2026-10-25T01:00Z,
#   02:00 IST -> 01:00 GMT (fold 01:00-01:59).
# - America/Santiago (southern hemisphere, changes at midnight): 2026-04-05T03:00Z,
#   24:00 -03 -> 23:00 -04 (fold 23:00-23:59 on 04-04); 2026-09-06T04:00Z, 00:00 -04 -> 01:00 -03
#   (gap 00:00-00:59 on 09-06).
CLOCK_CHANGES = [
    pytest.param("America/New_York", datetime(2026, 3, 8, 7, tzinfo=UTC), id="new-york-gap"),
    pytest.param("America/New_York", datetime(2026, 11, 1, 6, tzinfo=UTC), id="new-york-fold"),
    pytest.param("Australia/Lord_Howe", datetime(2026, 4, 4, 15, tzinfo=UTC), id="lord-howe-fold"),
    pytest.param(
        "Australia/Lord_Howe", datetime(2026, 10, 3, 15, 30, tzinfo=UTC), id="lord-howe-gap"
    ),
    pytest.param("Europe/Dublin", datetime(2026, 3, 29, 1, tzinfo=UTC), id="dublin-gap"),
    pytest.param("Europe/Dublin", datetime(2026, 10, 25, 1, tzinfo=UTC), id="dublin-fold"),
    pytest.param("America/Santiago", datetime(2026, 4, 5, 3, tzinfo=UTC), id="santiago-fold"),
    pytest.param("America/Santiago", datetime(2026, 9, 6, 4, tzinfo=UTC), id="santiago-gap"),
]

EXPRESSIONS = [
    "30 2 * * *",  # in the gap or after the fold, depending on the zone
    "30 1 * * *",  # in the fold (or the gap) in New York and Dublin
    "0 0 * * *",  # midnight: in Santiago's gap; skipped the day after by CronTrigger elsewhere
    "45 23 * * *",  # in Santiago's fold
    "59 1 * * *",  # the last minute before most changes
    "0 * * * *",  # hourly: both passes of every fold
    "*/15 0-3 * * *",  # quarter hours through the small hours, where most changes fall
]


def window(transition: datetime) -> tuple[datetime, datetime]:
    """A bit more than a day either side of a clock change; starts between fires."""
    return transition - timedelta(hours=26, seconds=-30), transition + timedelta(hours=26)


def iso(fires: list[datetime]) -> list[str]:
    return [fire.isoformat() for fire in fires]


@pytest.mark.parametrize(("zone", "transition"), CLOCK_CHANGES)
@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_the_scheduler_runs_exactly_the_oracles_fires(
    monkeypatch: pytest.MonkeyPatch, zone: str, transition: datetime, expression: str
) -> None:
    start, end = window(transition)
    outcome = run_window(monkeypatch, CronwallTrigger(expression, zone), start, end)
    expected = reference_fires(expression, zone, start, 1000, horizon=end - start)
    assert iso(outcome.executed) == iso(expected)
    assert outcome.missed == outcome.busy == []


@pytest.mark.skipif(
    APSCHEDULER == "3.10",
    reason="APScheduler 3.10's loop sleeps for the wall-clock difference in its own zone, so "
    "across a clock change it wakes an hour off, whatever the trigger (fixed in 3.11)",
)
@pytest.mark.parametrize(("zone", "transition"), CLOCK_CHANGES)
def test_a_scheduler_in_the_jobs_zone_runs_the_same_fires(
    monkeypatch: pytest.MonkeyPatch, zone: str, transition: datetime
) -> None:
    # APScheduler hands the trigger `now` in the scheduler's zone; the answers must not change.
    expression = "*/15 * * * *"
    start, end = window(transition)
    trigger = CronwallTrigger(expression, zone)
    outcome = run_window(monkeypatch, trigger, start, end, timezone=ZoneInfo(zone))
    expected = reference_fires(expression, zone, start, 1000, horizon=end - start)
    assert iso(outcome.executed) == iso(expected)
    assert outcome.missed == outcome.busy == []


@pytest.mark.parametrize(("zone", "transition"), CLOCK_CHANGES)
def test_with_jitter_and_a_late_loop_each_fire_runs_once_shifted_by_the_jitter(
    monkeypatch: pytest.MonkeyPatch, zone: str, transition: datetime
) -> None:
    # The loop wakes 0.6 s after the time asked for: inside APScheduler's default
    # misfire_grace_time of 1 s, so every run still starts, late.
    expression = "*/30 * * * *"
    trigger = CronwallTrigger(expression, zone, key="deployment-42")
    start, end = window(transition)
    late = timedelta(milliseconds=600)
    outcome = run_window(monkeypatch, trigger, start, end, late=late)
    fires = reference_fires(expression, zone, start, 1000, horizon=end - start)
    expected = [fire for fire in fires if fire + trigger.delay + late <= end]
    assert len(expected) == len(fires) - 1  # the fire at `end` itself runs after it
    assert iso([run - trigger.delay for run in outcome.executed]) == iso(expected)
    assert outcome.missed == outcome.busy == []


class TestCatchUpAfterDowntimeIsTheCoreRule:
    # America/New_York falls back at 2026-11-01T06:00Z (02:00 EDT -> 01:00 EST). The job last
    # ran at 04:00Z (00:00 EDT); the scheduler is down until 07:10Z, across both passes of
    # 01:00 and 01:30. APScheduler's coalesce and misfire_grace_time then pick what runs,
    # and pick exactly what Schedule.due(catchup=..., grace=...) does.

    @pytest.mark.parametrize(
        ("coalesce", "misfire_grace_time", "catchup", "grace"),
        [
            (True, None, "latest", None),
            (False, None, "all", None),
            (True, 3600, "latest", timedelta(hours=1)),
            (False, 3600, "all", timedelta(hours=1)),
            (True, 60, "latest", timedelta(minutes=1)),
        ],
    )
    def test_coalesce_and_misfire_grace_time_match_due(
        self,
        monkeypatch: pytest.MonkeyPatch,
        coalesce: bool,
        misfire_grace_time: int | None,
        catchup: str,
        grace: timedelta | None,
    ) -> None:
        zone, expression = "America/New_York", "*/30 * * * *"
        last, now = datetime(2026, 11, 1, 4, tzinfo=UTC), datetime(2026, 11, 1, 7, 10, tzinfo=UTC)
        clock = Clock(last)
        clock.install(monkeypatch)
        scheduler, outcome = start_scheduler(clock)
        trigger = CronwallTrigger(expression, zone)
        options = {"coalesce": coalesce, "misfire_grace_time": misfire_grace_time}
        scheduler.add_job(noop, trigger, id="job", **options)
        scheduler._process_jobs()  # runs the 04:00Z fire
        clock.now = now  # the host was down
        scheduler._process_jobs()
        scheduler.shutdown()
        due = trigger.schedule.due(last, now, catchup=catchup, grace=grace)
        assert iso(outcome.executed) == iso([last, *due])
        # Every fire in (last, now] is run or reported missed; coalescing keeps the newest.
        missed = trigger.schedule.due(last, now, catchup="all")
        assert len(missed) == 6
        considered = sorted(outcome.executed + outcome.missed)
        assert iso(considered) == iso([last, *(missed[-1:] if coalesce else missed)])


# -- the DST table of docs/integrations.md, measured --------------------------------------

# (expression, zone, local start, local end): runs with start <= run < end.
TABLE = [
    ("30 2 * * *", "America/New_York", "2026-03-08 00:00", "2026-03-10 00:00"),
    ("0 0 * * *", "America/New_York", "2026-03-08 00:00", "2026-03-11 00:00"),
    ("0 * * * *", "America/New_York", "2026-11-01 00:00", "2026-11-01 03:00"),
    ("30 1 * * *", "America/New_York", "2026-11-01 00:00", "2026-11-02 00:00"),
    ("0 2 * * *", "Australia/Lord_Howe", "2026-10-04 00:00", "2026-10-05 00:00"),
    ("0 0 * * *", "Australia/Lord_Howe", "2026-10-04 00:00", "2026-10-07 00:00"),
    ("45 1 * * *", "Australia/Lord_Howe", "2026-04-05 00:00", "2026-04-06 00:00"),
    ("30 1 * * *", "Europe/Dublin", "2026-03-29 00:00", "2026-03-30 00:00"),
    ("30 1 * * *", "Europe/Dublin", "2026-10-25 00:00", "2026-10-26 00:00"),
    ("30 0 * * *", "America/Santiago", "2026-09-06 01:00", "2026-09-07 00:00"),
    ("30 23 * * *", "America/Santiago", "2026-04-04 00:00", "2026-04-05 00:00"),
]


def cell(runs: list[datetime], zone: ZoneInfo) -> str:
    """Runs as the table shows them: local month-day, time and offset."""
    local = [run.astimezone(zone) for run in runs]
    return ", ".join(f"{t:%m-%d %H:%M} {t.isoformat()[-6:]}" for t in local) or "none"


#: The table's column for each APScheduler 3 line it was measured with, counted from the right.
COLUMN_OF_VERSION = {"3.10": -3, "3.11": -2}


def table_row(expression: str, zone_name: str, first: str, last: str) -> list[str]:
    """The cells of the docs table's row for this job and window."""
    prefix = f"| `{expression}` | {zone_name} | {first} to {last} |"
    rows = [
        line for line in DOCS.read_text(encoding="utf-8").splitlines() if line.startswith(prefix)
    ]
    assert len(rows) == 1, f"docs/integrations.md needs one row starting {prefix}"
    return [cell.strip() for cell in rows[0].strip("|").split("|")]


@pytest.mark.parametrize(("expression", "zone_name", "first", "last"), TABLE)
def test_the_docs_dst_table_row_is_what_both_triggers_do(
    monkeypatch: pytest.MonkeyPatch, expression: str, zone_name: str, first: str, last: str
) -> None:
    # CronTrigger runs in a scheduler whose timezone is the job's zone, as a
    # CronTrigger.from_crontab(expression) that takes the scheduler's zone does; cronwall in
    # a UTC scheduler, as docs/integrations.md advises (on 3.11 the zone changes nothing).
    zone = ZoneInfo(zone_name)
    start = datetime.fromisoformat(first).replace(tzinfo=zone).astimezone(UTC)
    # Through UTC: a second before 00:00 -04:00 by wall-clock arithmetic would be 23:59:59
    # in the earlier offset of Santiago's fold, an hour too early.
    end = datetime.fromisoformat(last).replace(tzinfo=zone).astimezone(UTC) - timedelta(seconds=1)
    cron_trigger = CronTrigger.from_crontab(expression, timezone=zone)
    theirs = run_window(monkeypatch, cron_trigger, start, end, timezone=zone)
    monkeypatch.undo()
    ours = run_window(monkeypatch, CronwallTrigger(expression, zone_name), start, end)
    expected = reference_fires(
        expression, zone_name, start - timedelta(seconds=1), 100, horizon=end - start
    )
    assert iso(ours.executed) == iso(expected)
    cells = table_row(expression, zone_name, first, last)
    assert cells[-1] == cell(ours.executed, zone)
    assert APSCHEDULER in COLUMN_OF_VERSION, (
        f"the table has no column for APScheduler {APSCHEDULER}; this row measures "
        f"{cell(theirs.executed, zone)!r}"
    )
    assert cells[COLUMN_OF_VERSION[APSCHEDULER]] == cell(theirs.executed, zone)
