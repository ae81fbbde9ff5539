"""Schedule.due: which nominal fires a scheduler starts now (catch-up, grace, folds)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

import cronwall
from cronwall.testing import reference_fires

UTC = timezone.utc
NY = "America/New_York"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_a_schedule_that_never_ran_has_nothing_due() -> None:
    assert cronwall.Schedule("* * * * *").due(None, utc(2026, 1, 1, 12)) == []


def test_the_fire_at_now_is_due() -> None:
    schedule = cronwall.Schedule("0 * * * *")
    assert schedule.due(utc(2026, 1, 1, 11), utc(2026, 1, 1, 12)) == [utc(2026, 1, 1, 12)]


def test_the_last_fire_itself_is_not_due_again() -> None:
    schedule = cronwall.Schedule("0 * * * *")
    assert schedule.due(utc(2026, 1, 1, 12), utc(2026, 1, 1, 12, 30)) == []


def test_after_downtime_latest_runs_once_for_the_newest_missed_fire() -> None:
    schedule = cronwall.Schedule("0 * * * *")
    assert schedule.due(utc(2026, 1, 1, 0), utc(2026, 1, 1, 5, 30)) == [utc(2026, 1, 1, 5)]


def test_after_downtime_all_runs_every_missed_fire_oldest_first() -> None:
    schedule = cronwall.Schedule("0 * * * *")
    got = schedule.due(utc(2026, 1, 1, 0), utc(2026, 1, 1, 3, 30), catchup="all")
    assert got == [utc(2026, 1, 1, 1), utc(2026, 1, 1, 2), utc(2026, 1, 1, 3)]


def test_grace_drops_fires_older_than_now_minus_grace() -> None:
    schedule = cronwall.Schedule("0 * * * *")
    last, now = utc(2026, 1, 1, 0), utc(2026, 1, 1, 3, 30)
    assert schedule.due(last, now, catchup="all", grace=timedelta(hours=1, minutes=30)) == [
        utc(2026, 1, 1, 2),
        utc(2026, 1, 1, 3),
    ]
    assert schedule.due(last, now, grace=timedelta(minutes=29)) == []


def test_grace_keeps_a_fire_exactly_grace_old() -> None:
    schedule = cronwall.Schedule("0 * * * *")
    now = utc(2026, 1, 1, 3, 30)
    assert schedule.due(utc(2026, 1, 1), now, grace=timedelta(minutes=30)) == [utc(2026, 1, 1, 3)]
    assert (
        schedule.due(utc(2026, 1, 1), now, grace=timedelta(minutes=30) - timedelta(microseconds=1))
        == []
    )


def test_unpausing_passes_the_unpause_instant_so_nothing_is_backfilled() -> None:
    schedule = cronwall.Schedule("0 * * * *")
    resumed = utc(2026, 1, 1, 5, 10)
    assert schedule.due(resumed, utc(2026, 1, 1, 5, 59), catchup="all") == []
    assert schedule.due(resumed, utc(2026, 1, 1, 6), catchup="all") == [utc(2026, 1, 1, 6)]


def test_both_passes_of_a_fold_are_two_candidates() -> None:
    schedule = cronwall.Schedule("30 1 * * *", NY)
    got = schedule.due(utc(2026, 11, 1), utc(2026, 11, 1, 7), catchup="all")
    assert got == [utc(2026, 11, 1, 5, 30), utc(2026, 11, 1, 6, 30)]
    assert schedule.due(utc(2026, 11, 1, 5, 30), utc(2026, 11, 1, 7)) == [utc(2026, 11, 1, 6, 30)]


def test_a_time_in_the_gap_is_never_due() -> None:
    schedule = cronwall.Schedule("30 2 * * *", NY)
    assert schedule.due(utc(2026, 3, 8), utc(2026, 3, 8, 12), catchup="all") == []


def test_last_after_now_has_nothing_due() -> None:
    schedule = cronwall.Schedule("* * * * *")
    assert schedule.due(utc(2026, 1, 2), utc(2026, 1, 1), catchup="all") == []


def test_inputs_in_any_zone_give_utc_fires() -> None:
    schedule = cronwall.Schedule("0 * * * *")
    plus_two = timezone(timedelta(hours=2))
    got = schedule.due(
        datetime(2026, 1, 1, 2, tzinfo=plus_two), datetime(2026, 1, 1, 3, tzinfo=plus_two)
    )
    assert got == [utc(2026, 1, 1, 1)]
    assert got[0].tzinfo is UTC


def test_a_naive_datetime_is_a_type_error() -> None:
    schedule = cronwall.Schedule("* * * * *")
    with pytest.raises(TypeError, match="now is a naive datetime"):
        schedule.due(utc(2026, 1, 1), datetime(2026, 1, 2))
    with pytest.raises(TypeError, match="last is a naive datetime"):
        schedule.due(datetime(2026, 1, 1), utc(2026, 1, 2))


def test_an_unknown_catchup_is_the_librarys_error() -> None:
    with pytest.raises(cronwall.CronwallError, match="catchup must be 'latest' or 'all'") as info:
        cronwall.Schedule("* * * * *").due(None, utc(2026, 1, 1), catchup="oldest")  # type: ignore[arg-type]
    assert info.value.param == "catchup"


def test_a_negative_grace_is_the_librarys_error() -> None:
    with pytest.raises(cronwall.CronwallError, match="grace must not be negative"):
        cronwall.Schedule("* * * * *").due(utc(2026, 1, 1), utc(2026, 1, 2), grace=timedelta(-1))
    with pytest.raises(TypeError, match="grace must be a timedelta"):
        cronwall.Schedule("* * * * *").due(utc(2026, 1, 1), utc(2026, 1, 2), grace=60)  # type: ignore[arg-type]


def test_catching_up_on_every_fire_is_bounded() -> None:
    schedule = cronwall.Schedule("* * * * *")
    with pytest.raises(cronwall.CronwallError, match="more than 100,000 fires are due"):
        schedule.due(utc(2000, 1, 1), utc(2026, 1, 1), catchup="all")
    # latest needs no list at all, however long the downtime
    assert schedule.due(datetime.min.replace(tzinfo=UTC), utc(9999, 12, 31, 23, 59, 30)) == [
        utc(9999, 12, 31, 23, 59)
    ]


@pytest.mark.parametrize(
    "zone", ["UTC", NY, "Australia/Lord_Howe", "Europe/Dublin", "Pacific/Apia"]
)
@pytest.mark.parametrize("expression", ["*/20 * * * *", "30 1,2 * * *", "0 0 * * *"])
def test_due_equals_the_filtered_oracle_over_dst_nights(zone: str, expression: str) -> None:
    """Walk last/now pairs across a year's transitions; due() is the oracle's list, filtered."""
    schedule = cronwall.Schedule(expression, zone)
    starts = [
        utc(2026, 3, 7, 20),
        utc(2026, 3, 29, 0),
        utc(2026, 4, 4, 12),
        utc(2026, 9, 26, 12),
        utc(2026, 10, 3, 12),
        utc(2026, 10, 31, 20),
        utc(2011, 12, 29, 0),
    ]
    for start in starts:
        fires = reference_fires(expression, zone, start, 500, horizon=timedelta(days=2))
        for hours in (1, 3, 7, 26):
            now = start + timedelta(hours=hours, minutes=7)
            candidates = [f for f in fires if f <= now]
            assert schedule.due(start, now, catchup="all") == candidates
            assert schedule.due(start, now) == candidates[-1:]
            grace = timedelta(minutes=95)
            kept = [f for f in candidates if f >= now - grace]
            assert schedule.due(start, now, catchup="all", grace=grace) == kept
