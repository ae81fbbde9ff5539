"""DST policies through APScheduler's own loop: the trigger runs what the policy oracle says."""

from __future__ import annotations

import pickle
from datetime import datetime, timedelta, timezone

import pytest
from aps_harness import run_window

import cronwall
from cronwall.apscheduler import CronwallTrigger
from cronwall.testing import POLICIES as EVERY_POLICY
from cronwall.testing import reference_fires

UTC = timezone.utc
POLICIES = [pytest.param(gap, fold, id=f"{gap}-{fold}") for gap, fold in EVERY_POLICY]
# (zone, clock change): New York's gap and fold, Lord Howe's 30-minute gap and fold, Dublin's
# negative-DST gap and fold.
CLOCK_CHANGES = [
    ("America/New_York", datetime(2026, 3, 8, 7, tzinfo=UTC)),
    ("America/New_York", datetime(2026, 11, 1, 6, tzinfo=UTC)),
    ("Australia/Lord_Howe", datetime(2026, 10, 3, 15, 30, tzinfo=UTC)),
    ("Australia/Lord_Howe", datetime(2026, 4, 4, 15, tzinfo=UTC)),
    ("Europe/Dublin", datetime(2026, 3, 29, 1, tzinfo=UTC)),
    ("Europe/Dublin", datetime(2026, 10, 25, 1, tzinfo=UTC)),
]


@pytest.mark.parametrize(("gap", "fold"), POLICIES)
@pytest.mark.parametrize(("zone", "transition"), CLOCK_CHANGES)
@pytest.mark.parametrize("expression", ["30 1,2 * * *", "*/20 1-3 * * *"])
def test_the_scheduler_runs_exactly_the_policy_oracles_fires(
    monkeypatch: pytest.MonkeyPatch,
    zone: str,
    transition: datetime,
    expression: str,
    gap: str,
    fold: str,
) -> None:
    start = transition - timedelta(hours=26, seconds=-30)
    end = transition + timedelta(hours=26)
    trigger = CronwallTrigger(expression, zone, gap=gap, fold=fold)  # type: ignore[arg-type]
    outcome = run_window(monkeypatch, trigger, start, end)
    expected = reference_fires(
        expression, zone, start, 1000, horizon=end - start, gap=gap, fold=fold
    )
    assert [f.isoformat() for f in outcome.executed] == [f.isoformat() for f in expected]
    assert outcome.missed == []


def test_a_late_gap_runs_the_skipped_half_past_two_at_three() -> None:
    trigger = CronwallTrigger("30 2 * * *", "America/New_York", gap="late")
    now = datetime(2026, 3, 8, 5, tzinfo=UTC)
    assert trigger.get_next_fire_time(None, now) == datetime(2026, 3, 8, 7, tzinfo=UTC)


def test_the_policy_survives_a_job_store_pickle_and_shows_in_str_and_repr() -> None:
    trigger = CronwallTrigger("30 1 * * *", "America/New_York", gap="late", fold="first")
    restored = pickle.loads(pickle.dumps(trigger))
    assert restored == trigger
    assert restored.schedule == cronwall.Schedule(
        "30 1 * * *", "America/New_York", gap="late", fold="first"
    )
    assert str(trigger) == (
        "cronwall[expression='30 1 * * *', timezone='America/New_York', gap='late', fold='first']"
    )
    assert "gap='late', fold='first'" in repr(trigger)
    assert trigger != CronwallTrigger("30 1 * * *", "America/New_York")


def test_an_unknown_policy_is_the_librarys_error() -> None:
    with pytest.raises(cronwall.CronwallError, match="fold") as info:
        CronwallTrigger("30 1 * * *", "America/New_York", fold="once")  # type: ignore[arg-type]
    assert info.value.param == "fold"
