"""The reference oracle and the transition finder: known answers, worked out by hand."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, timedelta, timezone

import pytest

import cronwall
from cronwall.testing import (
    reference_fires,
    reference_fires_before,
    transitions,
)

UTC = timezone.utc
DAY = timedelta(days=1)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def isos(fires: list[datetime]) -> list[str]:
    return [fire.isoformat() for fire in fires]


class TestNewYork:
    # America/New_York 2026: EST (-05:00) until the gap at 2026-03-08T07:00Z (02:00-03:00 local
    # is skipped), EDT (-04:00) until the fold at 2026-11-01T06:00Z (01:00-02:00 local repeats).

    def test_thirty_past_two_is_skipped_on_spring_forward(self) -> None:
        fires = reference_fires("30 2 * * *", "America/New_York", utc(2026, 3, 7), 2)
        assert isos(fires) == ["2026-03-07T07:30:00+00:00", "2026-03-09T06:30:00+00:00"]

    def test_thirty_past_one_fires_on_both_passes_of_the_fold(self) -> None:
        fires = reference_fires("30 1 * * *", "America/New_York", utc(2026, 10, 31, 12), 3)
        assert isos(fires) == [
            "2026-11-01T05:30:00+00:00",
            "2026-11-01T06:30:00+00:00",
            "2026-11-02T06:30:00+00:00",
        ]

    def test_scanning_backwards_gives_the_same_fires_latest_first(self) -> None:
        fires = reference_fires_before("30 1 * * *", "America/New_York", utc(2026, 11, 2, 12), 3)
        assert isos(fires) == [
            "2026-11-02T06:30:00+00:00",
            "2026-11-01T06:30:00+00:00",
            "2026-11-01T05:30:00+00:00",
        ]

    def test_local_mean_time_with_seconds_fires_off_the_utc_minute(self) -> None:
        # Until 1883-11-18T17:00Z New York kept LMT, -04:56:02: local second 0 is UTC second 2.
        # At 17:00Z the clocks went back 3:58 to EST, so local noon came twice.
        fires = reference_fires("0 * * * *", "America/New_York", utc(1883, 11, 18, 15), 4)
        assert isos(fires) == [
            "1883-11-18T15:56:02+00:00",
            "1883-11-18T16:56:02+00:00",
            "1883-11-18T17:00:00+00:00",
            "1883-11-18T18:00:00+00:00",
        ]

    def test_an_aware_start_in_any_zone_is_an_instant(self) -> None:
        # 2026-03-08 02:30 does not exist in New York; with fold=0 it means 02:30 EST = 07:30Z.
        wall_in_gap = datetime(2026, 3, 8, 2, 30, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
        fires = reference_fires("* * * * *", "UTC", wall_in_gap, 1)
        assert isos(fires) == ["2026-03-08T07:31:00+00:00"]


class TestOtherZones:
    def test_monrovia_kept_a_half_minute_offset_until_1972(self) -> None:
        # Africa/Monrovia: -00:44:30 until 1972-01-07T00:44:30Z, then GMT: a gap of 44:30.
        fires = reference_fires("* * * * *", "Africa/Monrovia", utc(1972, 1, 7, 0, 42), 4)
        assert isos(fires) == [
            "1972-01-07T00:42:30+00:00",
            "1972-01-07T00:43:30+00:00",
            "1972-01-07T00:45:00+00:00",
            "1972-01-07T00:46:00+00:00",
        ]

    def test_apia_skipped_friday_the_thirtieth_of_december_2011(self) -> None:
        # Pacific/Apia went from -10:00 to +14:00 at 2011-12-30T10:00Z.
        fires = reference_fires("0 12 * * *", "Pacific/Apia", utc(2011, 12, 29), 3)
        assert isos(fires) == [
            "2011-12-29T22:00:00+00:00",  # Thursday the 29th, 12:00 at -10:00
            "2011-12-30T22:00:00+00:00",  # Saturday the 31st, 12:00 at +14:00
            "2011-12-31T22:00:00+00:00",  # Sunday 1 January 2012
        ]

    def test_lord_howe_repeats_half_an_hour(self) -> None:
        # Australia/Lord_Howe: +11:00 until 2026-04-04T15:00Z, then +10:30: 01:30-02:00 repeats.
        fires = reference_fires("45 1 * * *", "Australia/Lord_Howe", utc(2026, 4, 4, 12), 2)
        assert isos(fires) == ["2026-04-04T14:45:00+00:00", "2026-04-04T15:15:00+00:00"]


class TestYearLimits:
    def test_no_fire_has_a_local_date_past_year_9999(self) -> None:
        # Pacific/Kiritimati is +14:00: its year 10000 would begin at 9999-12-31T10:00Z.
        fires = reference_fires("0 * * * *", "Pacific/Kiritimati", utc(9999, 12, 31, 7), 10)
        assert isos(fires) == ["9999-12-31T08:00:00+00:00", "9999-12-31T09:00:00+00:00"]

    def test_no_fire_has_a_local_date_before_year_1(self) -> None:
        # Etc/GMT+12 is -12:00: its year 1 begins at 0001-01-01T12:00Z.
        fires = reference_fires_before("0 * * * *", "Etc/GMT+12", utc(1, 1, 1, 14), 10)
        assert isos(fires) == ["0001-01-01T13:00:00+00:00", "0001-01-01T12:00:00+00:00"]

    def test_the_scan_stops_at_the_last_minute_of_year_9999(self) -> None:
        fires = reference_fires("* * * * *", "UTC", utc(9999, 12, 31, 23, 57), 10)
        assert isos(fires) == ["9999-12-31T23:58:00+00:00", "9999-12-31T23:59:00+00:00"]

    def test_the_scan_stops_at_the_first_minute_of_year_1(self) -> None:
        fires = reference_fires_before("* * * * *", "UTC", utc(1, 1, 1, 0, 2), 10)
        assert isos(fires) == ["0001-01-01T00:01:00+00:00", "0001-01-01T00:00:00+00:00"]

    def test_a_start_past_the_end_of_time_has_no_fire_after_it(self) -> None:
        late = datetime.max.replace(tzinfo=timezone(-timedelta(hours=5)))  # 10000-01-01T04:59Z
        assert reference_fires("* * * * *", "UTC", late, 1) == []
        assert isos(reference_fires_before("* * * * *", "UTC", late, 1)) == [
            "9999-12-31T23:59:00+00:00"
        ]


class TestArguments:
    def test_seconds_and_microseconds_of_the_start_count(self) -> None:
        just_before = datetime(2026, 1, 1, 11, 59, 59, 999_999, tzinfo=UTC)
        assert isos(reference_fires("0 12 * * *", "UTC", just_before, 1)) == [
            "2026-01-01T12:00:00+00:00"
        ]
        assert isos(reference_fires("0 12 * * *", "UTC", utc(2026, 1, 1, 12), 1)) == [
            "2026-01-02T12:00:00+00:00"
        ]

    def test_fewer_than_n_fires_when_the_horizon_runs_out(self) -> None:
        fires = reference_fires("0 0 * * *", "UTC", utc(2026, 1, 1), 5, horizon=2 * DAY)
        assert isos(fires) == ["2026-01-02T00:00:00+00:00", "2026-01-03T00:00:00+00:00"]

    def test_the_default_horizon_reaches_the_next_leap_day(self) -> None:
        fires = reference_fires("0 0 29 2 *", "UTC", utc(2028, 3, 1), 1)
        assert isos(fires) == ["2032-02-29T00:00:00+00:00"]

    def test_a_compiled_cron_and_a_tzinfo_object_are_accepted(self) -> None:
        zone = timezone(timedelta(hours=5, minutes=30))
        fires = reference_fires(cronwall.parse("0 12 * * *"), zone, utc(2026, 1, 1), 1)
        assert isos(fires) == ["2026-01-01T06:30:00+00:00"]

    def test_a_naive_start_is_refused(self) -> None:
        with pytest.raises(TypeError, match="naive"):
            reference_fires("* * * * *", "UTC", datetime(2026, 1, 1), 1)

    def test_an_unknown_zone_is_refused(self) -> None:
        with pytest.raises(cronwall.TimezoneError):
            reference_fires("* * * * *", "Mars/Olympus_Mons", utc(2026, 1, 1), 1)

    def test_a_bad_count_is_refused(self) -> None:
        with pytest.raises(ValueError, match="at least 0"):
            reference_fires("* * * * *", "UTC", utc(2026, 1, 1), -1)

    def test_zero_fires_asked_is_zero_fires_given(self) -> None:
        assert reference_fires("* * * * *", "UTC", utc(2026, 1, 1), 0) == []


class TestTransitions:
    def test_new_york_2026_has_a_gap_and_a_fold(self) -> None:
        found = transitions("America/New_York", utc(2026, 1, 1), utc(2027, 1, 1))
        assert [(t.at.isoformat(), t.kind, str(t.size)) for t in found] == [
            ("2026-03-08T07:00:00+00:00", "gap", "1:00:00"),
            ("2026-11-01T06:00:00+00:00", "fold", "1:00:00"),
        ]

    def test_apia_skipped_a_whole_day(self) -> None:
        found = transitions("Pacific/Apia", utc(2011, 12, 1), utc(2012, 1, 1))
        assert [(t.at.isoformat(), t.kind, str(t.size)) for t in found] == [
            ("2011-12-30T10:00:00+00:00", "gap", "1 day, 0:00:00"),
        ]

    def test_transitions_are_found_to_the_second(self) -> None:
        # Europe/Dublin left Dublin Mean Time (-00:25:21) at 1916-05-21T02:25:21Z.
        found = transitions("Europe/Dublin", utc(1916, 5, 1), utc(1916, 6, 1))
        assert [(t.at.isoformat(), str(t.offset_after - t.offset_before)) for t in found] == [
            ("1916-05-21T02:25:21+00:00", "1:00:00"),
        ]

    def test_a_zone_without_changes_has_none(self) -> None:
        assert transitions("UTC", utc(1900, 1, 1), utc(2100, 1, 1)) == []

    def test_the_range_is_half_open(self) -> None:
        gap = utc(2026, 3, 8, 7)
        assert transitions("America/New_York", gap, gap + DAY) == []
        assert len(transitions("America/New_York", gap - DAY, gap)) == 1
