"""DST policies through Celery's own beat loop: every send is what the policy oracle says."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from celery_beat_harness import Beat, Clock, make_app

import cronwall
from cronwall.celery import CronwallSchedule
from cronwall.testing import POLICIES as EVERY_POLICY
from cronwall.testing import reference_fires

UTC = timezone.utc
POLICIES = [pytest.param(gap, fold, id=f"{gap}-{fold}") for gap, fold in EVERY_POLICY]
# Windows of two days around 2026's clock changes: New York (gap, fold), Lord Howe's
# 30-minute change (gap, fold), Dublin's negative DST (gap, fold).
NIGHTS = [
    ("America/New_York", datetime(2026, 3, 7, 12, tzinfo=UTC)),
    ("America/New_York", datetime(2026, 10, 31, 12, tzinfo=UTC)),
    ("Australia/Lord_Howe", datetime(2026, 10, 2, 12, tzinfo=UTC)),
    ("Australia/Lord_Howe", datetime(2026, 4, 3, 12, tzinfo=UTC)),
    ("Europe/Dublin", datetime(2026, 3, 28, tzinfo=UTC)),
    ("Europe/Dublin", datetime(2026, 10, 24, tzinfo=UTC)),
]
EXPRESSIONS = ["30 1,2 * * *", "*/20 1-3 * * *"]


@pytest.fixture(autouse=True)
def _close_every_beat() -> Iterator[None]:
    yield
    Beat.close_all()


@pytest.mark.parametrize(("gap", "fold"), POLICIES)
@pytest.mark.parametrize(("zone", "start"), NIGHTS)
def test_beat_sends_exactly_the_policy_oracles_fires(
    tmp_path: Path, zone: str, start: datetime, gap: str, fold: str
) -> None:
    app = make_app()
    app.conf.beat_schedule = {
        expression: {
            "task": expression,
            "schedule": CronwallSchedule(expression, zone, gap=gap, fold=fold),  # type: ignore[arg-type]
        }
        for expression in EXPRESSIONS
    }
    end = start + timedelta(days=2, minutes=30, seconds=30)
    beat = Beat(app, Clock(start, app), tmp_path / "beat")
    beat.run_until(end)
    for expression in EXPRESSIONS:
        fires = reference_fires(
            expression, zone, start, 1000, horizon=end - start, gap=gap, fold=fold
        )
        sent = [s.scheduled_at for s in beat.sent if s.task == expression]
        assert sent == [f.strftime("%Y-%m-%dT%H:%M:%SZ") for f in fires]


def test_the_policy_survives_the_shelve_and_shows_in_the_repr() -> None:
    schedule = CronwallSchedule("30 1 * * *", "America/New_York", gap="late", fold="last")
    restored = pickle.loads(pickle.dumps(schedule))
    assert restored == schedule
    assert restored.schedule == cronwall.Schedule(
        "30 1 * * *", "America/New_York", gap="late", fold="last"
    )
    assert "gap='late', fold='last'" in repr(schedule)
    assert schedule != CronwallSchedule("30 1 * * *", "America/New_York")


def test_an_unknown_policy_is_the_librarys_error() -> None:
    with pytest.raises(cronwall.CronwallError, match="gap") as info:
        CronwallSchedule("30 2 * * *", "America/New_York", gap="moved")  # type: ignore[arg-type]
    assert info.value.param == "gap"
