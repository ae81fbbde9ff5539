"""The DST table in docs/integrations.md is measured: Celery's crontab and CronwallSchedule,
side by side in one beat, through Celery's own loop on a test clock."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from celery.schedules import crontab
from celery_beat_harness import Beat, Clock, make_app

from cronwall.celery import CronwallSchedule

UTC = timezone.utc
DOC = Path(__file__).resolve().parents[2] / "docs" / "integrations.md"

# (what the row shows, zone, expression, beat runs from, until): each window holds one night.
CASES = [
    (
        "02:30 daily, spring forward",
        "America/New_York",
        "30 2 * * *",
        (2026, 3, 7, 12),
        (2026, 3, 9, 12),
    ),
    (
        "hourly, fall back",
        "America/New_York",
        "0 * * * *",
        (2026, 11, 1, 3, 30),
        (2026, 11, 1, 8, 30),
    ),
    (
        "01:30 daily, fall back",
        "America/New_York",
        "30 1 * * *",
        (2026, 10, 31, 12),
        (2026, 11, 2, 12),
    ),
    (
        "noon daily, spring forward",
        "America/New_York",
        "0 12 * * *",
        (2026, 3, 7, 12),
        (2026, 3, 9, 12),
    ),
    (
        "02:15 daily, 30-minute spring forward",
        "Australia/Lord_Howe",
        "15 2 * * *",
        (2026, 10, 2, 12),
        (2026, 10, 4, 12),
    ),
    (
        "01:45 daily, 30-minute fall back",
        "Australia/Lord_Howe",
        "45 1 * * *",
        (2026, 4, 3, 12),
        (2026, 4, 5, 12),
    ),
    (
        "01:30 daily, negative DST fall back",
        "Europe/Dublin",
        "30 1 * * *",
        (2026, 10, 24, 12),
        (2026, 10, 26, 12),
    ),
    (
        "midnight daily, spring forward at midnight",
        "America/Santiago",
        "0 0 * * *",
        (2026, 9, 4, 12),
        (2026, 9, 7, 12),
    ),
]


def measure(
    tmp_path: Path, zone: str, expression: str, start: datetime, end: datetime
) -> tuple[str, str]:
    """What each schedule sends, as local times, in a beat whose app time zone is ``zone``
    (Celery's crontab reads its fields in the app's zone)."""
    app = make_app(zone)
    minute, hour, day_of_month, month, day_of_week = expression.split()
    app.conf.beat_schedule = {
        "crontab": {
            "task": "crontab",
            "schedule": crontab(minute, hour, day_of_week, day_of_month, month),
        },
        "cronwall": {"task": "cronwall", "schedule": CronwallSchedule(expression, zone)},
    }
    beat = Beat(app, Clock(start, app), tmp_path / "beat")
    beat.run_until(end)
    beat.close()
    local = ZoneInfo(zone)

    def sends(task: str) -> str:
        times = [s.at.astimezone(local) for s in beat.sent if s.task == task]
        return ", ".join(f"{t:%m-%d %H:%M} {t:%Z}" for t in times)

    return sends("crontab"), sends("cronwall")


def rows(tmp_path: Path) -> list[str]:
    lines = []
    for index, (what, zone, expression, start, end) in enumerate(CASES):
        old, new = measure(
            tmp_path / str(index),
            zone,
            expression,
            datetime(*start, tzinfo=UTC),
            datetime(*end, tzinfo=UTC),
        )
        lines.append(f"| {what} | `{expression}` {zone} | {old} | {new} |")
    return lines


def test_the_dst_table_in_the_docs_is_what_beat_sends(tmp_path: Path) -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [row for row in rows(tmp_path) if row not in text.splitlines()]
    assert not missing, "docs/integrations.md lacks the measured rows:\n" + "\n".join(missing)


def test_celerys_crontab_runs_a_skipped_time_late_and_cronwall_does_not_run_it(
    tmp_path: Path,
) -> None:
    old, new = measure(
        tmp_path,
        "America/New_York",
        "30 2 * * *",
        datetime(2026, 3, 7, 12, tzinfo=UTC),
        datetime(2026, 3, 9, 12, tzinfo=UTC),
    )
    assert old == "03-08 03:30 EDT, 03-09 02:30 EDT"
    assert new == "03-09 02:30 EDT"


@pytest.mark.parametrize(("index", "second_pass"), [(1, "11-01 01:00 EST"), (2, "11-01 01:30 EST")])
def test_celerys_crontab_skips_the_second_pass_of_a_fold_and_cronwall_runs_both(
    tmp_path: Path, index: int, second_pass: str
) -> None:
    _, zone, expression, start, end = CASES[index]
    old, new = measure(
        tmp_path, zone, expression, datetime(*start, tzinfo=UTC), datetime(*end, tzinfo=UTC)
    )
    assert second_pass not in old.split(", ")
    assert second_pass in new.split(", ")
