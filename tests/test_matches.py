"""is_valid and Schedule.matches: the small questions, answered by the engine itself."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cronwall
from cronwall import Schedule, is_valid, parse

UTC = timezone.utc


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("*/15 9 * * MON-FRI", True),
        ("0 0 29 2 *", True),
        ("5/15 * * * *", False),  # a step on a single value
        ("0 0 30 2 *", False),  # never fires
        ("", False),
        ("x" * 100_000, False),  # longer than 512 characters
        ("\x00", False),
        ("0 0 * * * *", False),  # six fields
    ],
)
def test_is_valid_answers_for_any_string(text: str, valid: bool) -> None:
    assert is_valid(text) is valid


def test_is_valid_refuses_a_value_that_is_not_a_string() -> None:
    with pytest.raises(TypeError, match="expression must be a str, not int"):
        is_valid(5)  # type: ignore[arg-type]


class TestMatchesInNewYork:
    # America/New_York: 2026-03-08 02:00 EST -> 03:00 EDT (gap 02:00-03:00);
    # 2026-11-01 02:00 EDT -> 01:00 EST (fold 01:00-02:00, first pass -04:00, second -05:00).
    schedule = Schedule("30 1,2 * * *", "America/New_York")

    def test_both_passes_of_a_fold_match(self) -> None:
        assert self.schedule.matches(datetime(2026, 11, 1, 5, 30, tzinfo=UTC))
        assert self.schedule.matches(datetime(2026, 11, 1, 6, 30, tzinfo=UTC))

    def test_an_instant_read_in_another_zone_is_the_same_instant(self) -> None:
        tokyo = datetime(2026, 11, 1, 6, 30, tzinfo=UTC).astimezone(cronwall.get_zone("Asia/Tokyo"))
        assert self.schedule.matches(tokyo)

    def test_the_hour_after_a_gap_is_not_the_skipped_wall_time(self) -> None:
        # 02:30 EST does not exist on 2026-03-08; 07:30Z is 03:30 EDT, which does not match.
        assert not self.schedule.matches(datetime(2026, 3, 8, 7, 30, tzinfo=UTC))
        assert self.schedule.matches(datetime(2026, 3, 8, 6, 30, tzinfo=UTC))  # 01:30 EST

    def test_an_instant_between_fires_does_not_match(self) -> None:
        fire = datetime(2026, 11, 2, 6, 30, tzinfo=UTC)
        assert self.schedule.matches(fire)
        assert not self.schedule.matches(fire + timedelta(seconds=1))
        assert not self.schedule.matches(fire + timedelta(microseconds=1))
        assert not self.schedule.matches(fire - timedelta(minutes=1))

    def test_a_naive_datetime_is_refused(self) -> None:
        with pytest.raises(TypeError, match="naive datetime"):
            self.schedule.matches(datetime(2026, 11, 1, 1, 30))


def test_a_zone_whose_offset_has_seconds_fires_off_the_utc_minute() -> None:
    # Before 1883-11-18 New York kept local mean time, -4:56:02: wall 12:00:00 is 16:56:02Z.
    schedule = Schedule("0 12 1 1 *", "America/New_York")
    assert schedule.matches(datetime(1880, 1, 1, 16, 56, 2, tzinfo=UTC))
    assert not schedule.matches(datetime(1880, 1, 1, 16, 56, tzinfo=UTC))


def test_matches_works_at_the_first_and_last_instants() -> None:
    assert Schedule("0 0 1 1 *").matches(datetime(1, 1, 1, tzinfo=UTC))
    assert Schedule("59 23 31 12 *").matches(datetime(9999, 12, 31, 23, 59, tzinfo=UTC))
    # 9999-12-31T23:59-01:00 is in year 10000 in UTC: no fire there.
    late = datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-1)))
    assert not Schedule("59 23 31 12 *").matches(late)


def test_cron_matches_reads_the_datetimes_own_wall_fields() -> None:
    # 02:30 on 2026-03-08 never happens in New York, but Cron knows no zones.
    wall = datetime(2026, 3, 8, 2, 30, tzinfo=cronwall.get_zone("America/New_York"))
    assert parse("30 2 * * *").matches(wall)
    assert not Schedule("30 2 * * *", "America/New_York").matches(wall)


@given(st.text(max_size=600))
def test_is_valid_never_raises_for_a_string_and_agrees_with_parse(text: str) -> None:
    try:
        parse(text)
    except cronwall.ExpressionError:
        assert is_valid(text) is False
    else:
        assert is_valid(text) is True
