"""Golden fires across real offset changes: literal wall-clock matching (contract section 5).

A wall time in a gap (skipped wall time) never fires; a wall time in a fold (repeated wall time)
fires once in each pass, first at the earlier offset, then at the later one. Fires are strictly
increasing in UTC.

Every expected string below was worked out by hand from the zone's rules and then checked against
a brute-force scan of UTC minutes (seconds where the offset has seconds) through ``zoneinfo``
built from the ``tzdata`` package. Outputs are UTC, so every string ends in ``+00:00``; the local
view is given in comments. Zone facts are those of tzdata 2026f.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone, tzinfo
from functools import cache
from itertools import islice
from zoneinfo import ZoneInfo

import cronwall


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=timezone.utc)  # type: ignore[arg-type,misc]


@cache
def zone(name: str) -> tzinfo:
    """The zone built from the tzdata package's file, independently of cronwall."""
    path = importlib.resources.files("tzdata.zoneinfo").joinpath(*name.split("/"))
    with path.open("rb") as file:
        return ZoneInfo.from_file(file, key=name)


def isos(fires: Iterable[datetime | None]) -> list[str | None]:
    return [None if fire is None else fire.isoformat() for fire in fires]


def first(n: int, fires: Iterator[datetime]) -> list[str | None]:
    return isos(islice(fires, n))


def iso(fire: datetime | None) -> str | None:
    return None if fire is None else fire.isoformat()


class TestNewYork:
    # America/New_York 2026: EST (-05:00) until the gap on Sun 2026-03-08: at 07:00Z the clocks go
    # from 01:59:59 EST to 03:00 EDT (-04:00), so 02:00-02:59 does not exist. The fold is on
    # Sun 2026-11-01: at 06:00Z they go from 01:59:59 EDT back to 01:00 EST, so 01:00-01:59
    # happens twice, first pass at -04:00 (05:00Z-05:59Z), second pass at -05:00 (06:00Z-06:59Z).
    zone_name = "America/New_York"

    def schedule(self, expression: str) -> cronwall.Schedule:
        return cronwall.Schedule(expression, self.zone_name)

    def test_thirty_past_two_does_not_fire_on_the_day_of_the_gap(self) -> None:
        fires = self.schedule("30 2 * * *").iter_after(utc(2026, 3, 6, 12))
        assert first(3, fires) == [
            "2026-03-07T07:30:00+00:00",  # 02:30 EST on Saturday
            "2026-03-09T06:30:00+00:00",  # 02:30 EDT on Monday; nothing on Sunday 03-08
            "2026-03-10T06:30:00+00:00",
        ]

    def test_thirty_past_two_is_not_moved_to_three_oclock(self) -> None:
        schedule = self.schedule("30 2 * * *")
        assert iso(schedule.next_after(utc(2026, 3, 8, 6, 59, 59))) == "2026-03-09T06:30:00+00:00"
        assert iso(schedule.next_after(utc(2026, 3, 8, 7))) == "2026-03-09T06:30:00+00:00"

    def test_prev_before_steps_over_the_gap(self) -> None:
        schedule = self.schedule("30 2 * * *")
        assert iso(schedule.prev_before(utc(2026, 3, 9, 6, 30))) == "2026-03-07T07:30:00+00:00"

    def test_thirty_past_one_fires_in_both_passes_of_the_fold(self) -> None:
        fires = self.schedule("30 1 * * *").iter_after(utc(2026, 10, 31, 12))
        assert first(3, fires) == [
            "2026-11-01T05:30:00+00:00",  # 01:30 EDT, first pass
            "2026-11-01T06:30:00+00:00",  # 01:30 EST, second pass
            "2026-11-02T06:30:00+00:00",
        ]

    def test_thirty_past_one_fires_in_both_passes_walking_backwards(self) -> None:
        fires = self.schedule("30 1 * * *").iter_before(utc(2026, 11, 2, 6, 30))
        assert first(3, fires) == [
            "2026-11-01T06:30:00+00:00",  # second pass
            "2026-11-01T05:30:00+00:00",  # first pass
            "2026-10-31T05:30:00+00:00",
        ]

    def test_thirty_past_one_fires_once_on_the_day_of_the_gap(self) -> None:
        fires = self.schedule("30 1 * * *").iter_after(utc(2026, 3, 8))
        assert first(2, fires) == ["2026-03-08T06:30:00+00:00", "2026-03-09T05:30:00+00:00"]

    def test_two_oclock_fires_once_on_the_day_of_the_fold(self) -> None:
        # 02:00 EDT never shows: at 06:00Z the clock reads 01:00 EST, and 02:00 EST comes at 07:00Z.
        fires = self.schedule("0 2 * * *").iter_after(utc(2026, 10, 31, 12))
        assert first(2, fires) == ["2026-11-01T07:00:00+00:00", "2026-11-02T07:00:00+00:00"]

    def test_the_minutes_around_the_gap_fire_on_either_side(self) -> None:
        fires = self.schedule("59 1,3 * * *").iter_after(utc(2026, 3, 8))
        assert first(3, fires) == [
            "2026-03-08T06:59:00+00:00",  # 01:59 EST, the last minute before the gap
            "2026-03-08T07:59:00+00:00",  # 03:59 EDT
            "2026-03-09T05:59:00+00:00",
        ]
        three = self.schedule("0 3 * * *")
        assert iso(three.next_after(utc(2026, 3, 8, 6, 59, 59))) == "2026-03-08T07:00:00+00:00"

    def test_every_half_hour_through_the_gap(self) -> None:
        fires = self.schedule("*/30 * * * *").between(utc(2026, 3, 8, 5), utc(2026, 3, 8, 8))
        assert isos(fires) == [
            "2026-03-08T05:30:00+00:00",  # 00:30 EST
            "2026-03-08T06:00:00+00:00",  # 01:00 EST
            "2026-03-08T06:30:00+00:00",  # 01:30 EST
            "2026-03-08T07:00:00+00:00",  # 03:00 EDT; 02:00 and 02:30 are in the gap
            "2026-03-08T07:30:00+00:00",  # 03:30 EDT
            "2026-03-08T08:00:00+00:00",  # 04:00 EDT
        ]

    def test_every_half_hour_through_the_fold_is_strictly_increasing(self) -> None:
        fires = self.schedule("*/30 * * * *").iter_after(utc(2026, 11, 1, 4, 59))
        assert first(6, fires) == [
            "2026-11-01T05:00:00+00:00",  # 01:00 EDT
            "2026-11-01T05:30:00+00:00",  # 01:30 EDT
            "2026-11-01T06:00:00+00:00",  # 01:00 EST
            "2026-11-01T06:30:00+00:00",  # 01:30 EST
            "2026-11-01T07:00:00+00:00",  # 02:00 EST
            "2026-11-01T07:30:00+00:00",  # 02:30 EST
        ]

    def test_every_half_hour_backwards_through_the_fold_is_strictly_decreasing(self) -> None:
        fires = self.schedule("*/30 * * * *").iter_before(utc(2026, 11, 1, 7, 0, 1))
        assert first(6, fires) == [
            "2026-11-01T07:00:00+00:00",
            "2026-11-01T06:30:00+00:00",
            "2026-11-01T06:00:00+00:00",
            "2026-11-01T05:30:00+00:00",
            "2026-11-01T05:00:00+00:00",
            "2026-11-01T04:30:00+00:00",
        ]

    def test_every_hour_fires_every_utc_hour_through_the_gap_and_the_fold(self) -> None:
        hourly = self.schedule("0 * * * *")
        assert first(4, hourly.iter_after(utc(2026, 3, 8, 5, 30))) == [
            "2026-03-08T06:00:00+00:00",  # 01:00 EST
            "2026-03-08T07:00:00+00:00",  # 03:00 EDT
            "2026-03-08T08:00:00+00:00",  # 04:00 EDT
            "2026-03-08T09:00:00+00:00",
        ]
        assert first(4, hourly.iter_after(utc(2026, 11, 1, 4, 30))) == [
            "2026-11-01T05:00:00+00:00",  # 01:00 EDT
            "2026-11-01T06:00:00+00:00",  # 01:00 EST
            "2026-11-01T07:00:00+00:00",  # 02:00 EST
            "2026-11-01T08:00:00+00:00",
        ]

    def test_a_start_inside_the_first_pass_reaches_the_second_pass(self) -> None:
        start = utc(2026, 11, 1, 5, 45)  # 01:45 EDT
        assert iso(self.schedule("0 1 * * *").next_after(start)) == "2026-11-01T06:00:00+00:00"
        assert iso(self.schedule("30 1 * * *").next_after(start)) == "2026-11-01T06:30:00+00:00"
        assert iso(self.schedule("30 1 * * *").prev_before(start)) == "2026-11-01T05:30:00+00:00"

    def test_a_start_inside_the_second_pass_does_not_repeat_the_first_pass(self) -> None:
        start = utc(2026, 11, 1, 6, 10)  # 01:10 EST
        assert iso(self.schedule("0 1 * * *").next_after(start)) == "2026-11-02T06:00:00+00:00"
        assert iso(self.schedule("30 1 * * *").next_after(start)) == "2026-11-01T06:30:00+00:00"
        assert iso(self.schedule("0 1 * * *").prev_before(start)) == "2026-11-01T06:00:00+00:00"
        assert iso(self.schedule("30 1 * * *").prev_before(start)) == "2026-11-01T05:30:00+00:00"

    def test_a_local_start_in_the_fold_is_read_with_its_fold_attribute(self) -> None:
        ny = zone(self.zone_name)
        first_pass = datetime(2026, 11, 1, 1, 30, tzinfo=ny)  # fold=0: 05:30Z
        second_pass = datetime(2026, 11, 1, 1, 30, fold=1, tzinfo=ny)  # fold=1: 06:30Z
        schedule = self.schedule("30 1 * * *")
        assert iso(schedule.next_after(first_pass)) == "2026-11-01T06:30:00+00:00"
        assert iso(schedule.next_after(second_pass)) == "2026-11-02T06:30:00+00:00"
        assert iso(schedule.prev_before(first_pass)) == "2026-10-31T05:30:00+00:00"
        assert iso(schedule.prev_before(second_pass)) == "2026-11-01T05:30:00+00:00"

    def test_a_local_start_in_the_gap_is_the_instant_python_gives_it(self) -> None:
        # A wall time in the gap names an instant through its fold attribute: fold=0 reads it
        # at the offset before the gap (02:15 EST = 07:15Z), fold=1 at the offset after it
        # (02:15 EDT = 06:15Z).
        ny = zone(self.zone_name)
        schedule = self.schedule("*/30 * * * *")
        before_offset = datetime(2026, 3, 8, 2, 15, tzinfo=ny)
        after_offset = datetime(2026, 3, 8, 2, 15, fold=1, tzinfo=ny)
        assert iso(schedule.next_after(before_offset)) == "2026-03-08T07:30:00+00:00"
        assert iso(schedule.next_after(after_offset)) == "2026-03-08T06:30:00+00:00"
        assert iso(schedule.prev_before(before_offset)) == "2026-03-08T07:00:00+00:00"
        assert iso(schedule.prev_before(after_offset)) == "2026-03-08T06:00:00+00:00"


class TestNewYorkLocalMeanTime:
    # America/New_York before standard time: local mean time, -04:56:02. On 1883-11-18 at
    # 17:00:00Z the clocks went from 12:03:57 LMT back to 12:00:00 EST (-05:00): a fold of
    # 3 min 58 s, the "day of two noons". Wall second 0 in LMT falls at UTC second 2.
    zone_name = "America/New_York"

    def test_noon_fires_in_both_passes_of_the_day_of_two_noons(self) -> None:
        fires = cronwall.Schedule("0 12 * * *", self.zone_name).iter_after(utc(1883, 11, 17))
        assert first(3, fires) == [
            "1883-11-17T16:56:02+00:00",  # 12:00 LMT
            "1883-11-18T16:56:02+00:00",  # 12:00 LMT, first pass
            "1883-11-18T17:00:00+00:00",  # 12:00 EST, second pass
        ]

    def test_minutes_of_the_short_fold_fire_twice_and_the_rest_once(self) -> None:
        schedule = cronwall.Schedule("0-4 12 18 11 *", self.zone_name)
        assert isos(schedule.between(utc(1883, 11, 18, 16), utc(1883, 11, 18, 18))) == [
            "1883-11-18T16:56:02+00:00",  # 12:00 LMT
            "1883-11-18T16:57:02+00:00",  # 12:01 LMT
            "1883-11-18T16:58:02+00:00",  # 12:02 LMT
            "1883-11-18T16:59:02+00:00",  # 12:03 LMT; 12:04 LMT would be 17:00:02Z, already EST
            "1883-11-18T17:00:00+00:00",  # 12:00 EST
            "1883-11-18T17:01:00+00:00",
            "1883-11-18T17:02:00+00:00",
            "1883-11-18T17:03:00+00:00",
            "1883-11-18T17:04:00+00:00",  # 12:04 EST, once
        ]


class TestLondon:
    # Europe/London 2026: GMT (+00:00); gap on Sun 2026-03-29 at 01:00Z, 00:59:59 GMT -> 02:00 BST
    # (+01:00), so 01:00-01:59 does not exist; fold on Sun 2026-10-25 at 01:00Z, 01:59:59 BST ->
    # 01:00 GMT, so 01:00-01:59 happens at +01:00 (00:00Z-00:59Z), then at +00:00 (01:00Z-01:59Z).
    zone_name = "Europe/London"

    def schedule(self, expression: str) -> cronwall.Schedule:
        return cronwall.Schedule(expression, self.zone_name)

    def test_half_past_one_does_not_fire_on_the_day_of_the_gap(self) -> None:
        fires = self.schedule("30 1 * * *").iter_after(utc(2026, 3, 28))
        assert first(3, fires) == [
            "2026-03-28T01:30:00+00:00",  # 01:30 GMT
            "2026-03-30T00:30:00+00:00",  # 01:30 BST
            "2026-03-31T00:30:00+00:00",
        ]

    def test_half_past_one_fires_in_both_passes_of_the_fold(self) -> None:
        fires = self.schedule("30 1 * * *").iter_after(utc(2026, 10, 24, 12))
        assert first(3, fires) == [
            "2026-10-25T00:30:00+00:00",  # 01:30 BST
            "2026-10-25T01:30:00+00:00",  # 01:30 GMT
            "2026-10-26T01:30:00+00:00",
        ]

    def test_two_oclock_is_the_first_wall_time_after_the_gap(self) -> None:
        fires = self.schedule("0 * * * *").iter_after(utc(2026, 3, 28, 23, 30))
        assert first(3, fires) == [
            "2026-03-29T00:00:00+00:00",  # 00:00 GMT
            "2026-03-29T01:00:00+00:00",  # 02:00 BST
            "2026-03-29T02:00:00+00:00",  # 03:00 BST
        ]


class TestDublin:
    # Europe/Dublin 2026: the tz data models Irish Standard Time (+01:00) as standard time and
    # winter GMT (+00:00) as daylight saving time with a *negative* save of -1 h, so dst() is
    # -1:00 in winter and 0:00 in summer. The wall clock matches London: gap on Sun 2026-03-29
    # at 01:00Z (00:59:59 GMT -> 02:00 IST, 01:00-01:59 missing), fold on Sun 2026-10-25 at
    # 01:00Z (01:59:59 IST -> 01:00 GMT, 01:00-01:59 at +01:00 then at +00:00).
    zone_name = "Europe/Dublin"

    def schedule(self, expression: str) -> cronwall.Schedule:
        return cronwall.Schedule(expression, self.zone_name)

    def test_the_zone_really_has_negative_daylight_saving_time(self) -> None:
        # Guards the premise of this class: a tzdata build without negative DST would make these
        # tests weaker, not wrong.
        winter = utc(2026, 1, 15).astimezone(zone(self.zone_name))
        assert str(winter.dst()) == "-1 day, 23:00:00"

    def test_one_oclock_does_not_fire_on_the_day_of_the_gap(self) -> None:
        fires = self.schedule("0 1 * * *").iter_after(utc(2026, 3, 28, 12))
        assert first(2, fires) == [
            "2026-03-30T00:00:00+00:00",  # 01:00 IST; 01:00 on 03-29 is in the gap
            "2026-03-31T00:00:00+00:00",
        ]

    def test_one_oclock_on_sundays_fires_in_both_passes_of_the_fold(self) -> None:
        fires = self.schedule("0 1 * * SUN").iter_after(utc(2026, 10, 18, 12))
        assert first(3, fires) == [
            "2026-10-25T00:00:00+00:00",  # 01:00 IST, first pass
            "2026-10-25T01:00:00+00:00",  # 01:00 GMT, second pass
            "2026-11-01T01:00:00+00:00",
        ]

    def test_every_half_hour_through_the_fold_is_strictly_increasing(self) -> None:
        fires = self.schedule("*/30 * * * *").between(utc(2026, 10, 24, 23), utc(2026, 10, 25, 2))
        assert isos(fires) == [
            "2026-10-24T23:30:00+00:00",  # 00:30 IST
            "2026-10-25T00:00:00+00:00",  # 01:00 IST
            "2026-10-25T00:30:00+00:00",  # 01:30 IST
            "2026-10-25T01:00:00+00:00",  # 01:00 GMT
            "2026-10-25T01:30:00+00:00",  # 01:30 GMT
            "2026-10-25T02:00:00+00:00",  # 02:00 GMT
        ]

    def test_prev_before_walks_back_through_both_passes(self) -> None:
        fires = self.schedule("30 1 * * *").iter_before(utc(2026, 10, 25, 2))
        assert first(3, fires) == [
            "2026-10-25T01:30:00+00:00",
            "2026-10-25T00:30:00+00:00",
            "2026-10-24T00:30:00+00:00",
        ]


class TestSydney:
    # Australia/Sydney 2026: fold on Sun 2026-04-05 at 16:00Z (Sat UTC): 02:59:59 AEDT (+11:00) ->
    # 02:00 AEST (+10:00), so 02:00-02:59 happens at +11:00 (15:00Z-15:59Z) then at +10:00
    # (16:00Z-16:59Z). Gap on Sun 2026-10-04 at 16:00Z: 01:59:59 AEST -> 03:00 AEDT, so 02:00-02:59
    # does not exist. Local dates run ahead of UTC dates here.
    zone_name = "Australia/Sydney"

    def schedule(self, expression: str) -> cronwall.Schedule:
        return cronwall.Schedule(expression, self.zone_name)

    def test_half_past_two_fires_in_both_passes_of_the_fold(self) -> None:
        fires = self.schedule("30 2 * * *").iter_after(utc(2026, 4, 4, 12))
        assert first(3, fires) == [
            "2026-04-04T15:30:00+00:00",  # 02:30 AEDT on 04-05
            "2026-04-04T16:30:00+00:00",  # 02:30 AEST on 04-05
            "2026-04-05T16:30:00+00:00",  # 02:30 AEST on 04-06
        ]

    def test_half_past_two_does_not_fire_on_the_day_of_the_gap(self) -> None:
        fires = self.schedule("30 2 * * *").iter_after(utc(2026, 10, 2))
        assert first(3, fires) == [
            "2026-10-02T16:30:00+00:00",  # 02:30 AEST on 10-03
            "2026-10-04T15:30:00+00:00",  # 02:30 AEDT on 10-05; nothing on 10-04
            "2026-10-05T15:30:00+00:00",
        ]

    def test_half_past_two_walking_backwards_over_the_gap(self) -> None:
        schedule = self.schedule("30 2 * * *")
        assert iso(schedule.prev_before(utc(2026, 10, 4, 15, 30))) == "2026-10-02T16:30:00+00:00"

    def test_every_hour_fires_every_utc_hour_through_the_fold(self) -> None:
        fires = self.schedule("0 * * * *").between(utc(2026, 4, 4, 13), utc(2026, 4, 4, 17))
        assert isos(fires) == [
            "2026-04-04T14:00:00+00:00",  # 01:00 AEDT
            "2026-04-04T15:00:00+00:00",  # 02:00 AEDT
            "2026-04-04T16:00:00+00:00",  # 02:00 AEST
            "2026-04-04T17:00:00+00:00",  # 03:00 AEST
        ]


class TestLordHowe:
    # Australia/Lord_Howe 2026: half-hour daylight saving time, +10:30 standard, +11:00 summer.
    # Fold on Sun 2026-04-05 at 15:00Z: 01:59:59 +11:00 -> 01:30 +10:30, so only 01:30-01:59
    # happens twice (14:30Z-14:59Z, then 15:00Z-15:29Z). Gap on Sun 2026-10-04 at 15:30Z:
    # 01:59:59 +10:30 -> 02:30 +11:00, so only 02:00-02:29 does not exist.
    zone_name = "Australia/Lord_Howe"

    def schedule(self, expression: str) -> cronwall.Schedule:
        return cronwall.Schedule(expression, self.zone_name)

    def test_only_the_second_half_hour_fires_twice_in_the_fold(self) -> None:
        repeated = self.schedule("45 1 * * *").iter_after(utc(2026, 4, 4))
        assert first(3, repeated) == [
            "2026-04-04T14:45:00+00:00",  # 01:45 +11:00
            "2026-04-04T15:15:00+00:00",  # 01:45 +10:30
            "2026-04-05T15:15:00+00:00",
        ]
        once = self.schedule("15 1 * * *").iter_after(utc(2026, 4, 4))
        assert first(2, once) == ["2026-04-04T14:15:00+00:00", "2026-04-05T14:45:00+00:00"]

    def test_every_half_hour_through_the_fold_is_strictly_increasing(self) -> None:
        fires = self.schedule("*/30 * * * *").between(utc(2026, 4, 4, 13), utc(2026, 4, 4, 16))
        assert isos(fires) == [
            "2026-04-04T13:30:00+00:00",  # 00:30 +11:00
            "2026-04-04T14:00:00+00:00",  # 01:00 +11:00
            "2026-04-04T14:30:00+00:00",  # 01:30 +11:00, first pass
            "2026-04-04T15:00:00+00:00",  # 01:30 +10:30, second pass
            "2026-04-04T15:30:00+00:00",  # 02:00 +10:30
            "2026-04-04T16:00:00+00:00",  # 02:30 +10:30
        ]

    def test_every_hour_through_the_fold_leaves_ninety_minutes_between_two_fires(self) -> None:
        fires = self.schedule("0 * * * *").between(utc(2026, 4, 4, 12, 30), utc(2026, 4, 4, 17))
        assert isos(fires) == [
            "2026-04-04T13:00:00+00:00",  # 00:00 +11:00
            "2026-04-04T14:00:00+00:00",  # 01:00 +11:00
            "2026-04-04T15:30:00+00:00",  # 02:00 +10:30
            "2026-04-04T16:30:00+00:00",  # 03:00 +10:30
        ]

    def test_only_the_first_half_hour_after_two_is_skipped_in_the_gap(self) -> None:
        skipped = self.schedule("15 2 * * *").iter_after(utc(2026, 10, 2))
        assert first(2, skipped) == [
            "2026-10-02T15:45:00+00:00",  # 02:15 +10:30 on 10-03
            "2026-10-04T15:15:00+00:00",  # 02:15 +11:00 on 10-05; 02:15 on 10-04 is in the gap
        ]
        kept = self.schedule("30 2 * * *").iter_after(utc(2026, 10, 3))
        assert first(1, kept) == ["2026-10-03T15:30:00+00:00"]  # 02:30 +11:00, right after it

    def test_every_half_hour_through_the_gap_skips_only_two_oclock(self) -> None:
        fires = self.schedule("*/30 * * * *").between(utc(2026, 10, 3, 14), utc(2026, 10, 3, 16))
        assert isos(fires) == [
            "2026-10-03T14:30:00+00:00",  # 01:00 +10:30
            "2026-10-03T15:00:00+00:00",  # 01:30 +10:30
            "2026-10-03T15:30:00+00:00",  # 02:30 +11:00
            "2026-10-03T16:00:00+00:00",  # 03:00 +11:00
        ]


class TestChatham:
    # Pacific/Chatham 2026: +12:45 standard, +13:45 summer, changing at 02:45 standard time.
    # Fold on Sun 2026-04-05 at 14:00Z: 03:44:59 +13:45 -> 02:45 +12:45, so 02:45-03:44 happens
    # twice (13:00Z-13:59Z, then 14:00Z-14:59Z). Gap on Sun 2026-09-27 at 14:00Z: 02:44:59
    # +12:45 -> 03:45 +13:45, so 02:45-03:44 does not exist.
    zone_name = "Pacific/Chatham"

    def schedule(self, expression: str) -> cronwall.Schedule:
        return cronwall.Schedule(expression, self.zone_name)

    def test_three_oclock_fires_in_both_passes_of_the_fold(self) -> None:
        fires = self.schedule("0 3 * * *").iter_after(utc(2026, 4, 3))
        assert first(4, fires) == [
            "2026-04-03T13:15:00+00:00",  # 03:00 +13:45 on 04-04
            "2026-04-04T13:15:00+00:00",  # 03:00 +13:45 on 04-05, first pass
            "2026-04-04T14:15:00+00:00",  # 03:00 +12:45 on 04-05, second pass
            "2026-04-05T14:15:00+00:00",
        ]

    def test_every_half_hour_through_the_fold_is_strictly_increasing(self) -> None:
        fires = self.schedule("*/30 * * * *").between(utc(2026, 4, 4, 12), utc(2026, 4, 4, 15))
        assert isos(fires) == [
            "2026-04-04T12:15:00+00:00",  # 02:00 +13:45
            "2026-04-04T12:45:00+00:00",  # 02:30 +13:45
            "2026-04-04T13:15:00+00:00",  # 03:00 +13:45, first pass
            "2026-04-04T13:45:00+00:00",  # 03:30 +13:45, first pass
            "2026-04-04T14:15:00+00:00",  # 03:00 +12:45, second pass
            "2026-04-04T14:45:00+00:00",  # 03:30 +12:45, second pass
        ]

    def test_three_oclock_does_not_fire_on_the_day_of_the_gap(self) -> None:
        fires = self.schedule("0 3 * * *").iter_after(utc(2026, 9, 25))
        assert first(2, fires) == [
            "2026-09-25T14:15:00+00:00",  # 03:00 +12:45 on 09-26
            "2026-09-27T13:15:00+00:00",  # 03:00 +13:45 on 09-28; nothing on 09-27
        ]

    def test_the_gap_starts_at_a_quarter_to_three(self) -> None:
        schedule = self.schedule("44,45 2 * * *")
        fires = schedule.between(utc(2026, 9, 26, 12), utc(2026, 9, 26, 16))
        assert isos(fires) == ["2026-09-26T13:59:00+00:00"]  # 02:44 +12:45; 02:45 is skipped

    def test_every_hour_through_the_gap(self) -> None:
        fires = self.schedule("0 * * * *").between(utc(2026, 9, 26, 12), utc(2026, 9, 26, 16))
        assert isos(fires) == [
            "2026-09-26T12:15:00+00:00",  # 01:00 +12:45
            "2026-09-26T13:15:00+00:00",  # 02:00 +12:45
            "2026-09-26T14:15:00+00:00",  # 04:00 +13:45; 03:00 is in the gap
            "2026-09-26T15:15:00+00:00",  # 05:00 +13:45
        ]


class TestSantiago:
    # America/Santiago 2026: the offset changes at local midnight. Fold on Sat 2026-04-04 at
    # 03:00Z (Sun 04-05 UTC): the clocks go from 23:59:59 -03:00 back to 23:00 -04:00 on
    # Saturday, so 23:00-23:59 on 04-04 happens twice (02:00Z-02:59Z, then 03:00Z-03:59Z) and
    # midnight of 04-05 comes once, at -04:00. Gap on Sun 2026-09-06 at 04:00Z: 23:59:59 -04:00
    # on Saturday 09-05 -> 01:00 -03:00 on Sunday, so 00:00-00:59 on 09-06 does not exist.
    zone_name = "America/Santiago"

    def schedule(self, expression: str) -> cronwall.Schedule:
        return cronwall.Schedule(expression, self.zone_name)

    def test_midnight_does_not_fire_on_the_day_the_gap_starts_at_midnight(self) -> None:
        fires = self.schedule("0 0 * * *").iter_after(utc(2026, 9, 4, 12))
        assert first(3, fires) == [
            "2026-09-05T04:00:00+00:00",  # 00:00 -04:00 on Saturday 09-05
            "2026-09-07T03:00:00+00:00",  # 00:00 -03:00 on Monday 09-07; none on 09-06
            "2026-09-08T03:00:00+00:00",
        ]

    def test_the_day_of_the_gap_still_fires_from_one_oclock(self) -> None:
        fires = self.schedule("*/30 * * * *").between(utc(2026, 9, 6, 3), utc(2026, 9, 6, 5))
        assert isos(fires) == [
            "2026-09-06T03:30:00+00:00",  # 23:30 -04:00 on Saturday
            "2026-09-06T04:00:00+00:00",  # 01:00 -03:00 on Sunday
            "2026-09-06T04:30:00+00:00",  # 01:30 -03:00
            "2026-09-06T05:00:00+00:00",  # 02:00 -03:00
        ]

    def test_sunday_midnight_skips_the_sunday_without_a_midnight(self) -> None:
        fires = self.schedule("0 0 * * SUN").iter_after(utc(2026, 8, 31))
        assert first(2, fires) == [
            "2026-09-13T03:00:00+00:00",  # 00:00 -03:00 on Sunday 09-13
            "2026-09-20T03:00:00+00:00",
        ]
        backwards = self.schedule("0 0 * * SUN").prev_before(utc(2026, 9, 13))
        assert iso(backwards) == "2026-08-30T04:00:00+00:00"  # 00:00 -04:00 on Sunday 08-30

    def test_the_sixth_of_september_at_midnight_waits_a_year(self) -> None:
        schedule = self.schedule("0 0 6 9 *")
        # 2027's gap is on 09-05, so 2027-09-06 has a midnight, at -03:00.
        assert iso(schedule.next_after(utc(2026, 1, 1))) == "2027-09-06T03:00:00+00:00"
        # 2025's gap was on 09-07, so 2025-09-06 had its midnight at -04:00.
        assert iso(schedule.prev_before(utc(2027, 1, 1))) == "2025-09-06T04:00:00+00:00"

    def test_the_hour_before_midnight_fires_in_both_passes_of_the_fold(self) -> None:
        fires = self.schedule("30 23 * * *").iter_after(utc(2026, 4, 4, 12))
        assert first(3, fires) == [
            "2026-04-05T02:30:00+00:00",  # 23:30 -03:00 on 04-04, first pass
            "2026-04-05T03:30:00+00:00",  # 23:30 -04:00 on 04-04, second pass
            "2026-04-06T03:30:00+00:00",  # 23:30 -04:00 on 04-05
        ]

    def test_midnight_after_the_fold_fires_once_twenty_five_hours_after_the_previous(self) -> None:
        fires = self.schedule("0 0 * * *").iter_after(utc(2026, 4, 3, 12))
        assert first(3, fires) == [
            "2026-04-04T03:00:00+00:00",  # 00:00 -03:00 on 04-04
            "2026-04-05T04:00:00+00:00",  # 00:00 -04:00 on 04-05
            "2026-04-06T04:00:00+00:00",
        ]

    def test_every_half_hour_across_the_fold_at_midnight(self) -> None:
        fires = self.schedule("*/30 * * * *").iter_before(utc(2026, 4, 5, 4, 0, 1))
        assert first(5, fires) == [
            "2026-04-05T04:00:00+00:00",  # 00:00 -04:00 on 04-05
            "2026-04-05T03:30:00+00:00",  # 23:30 -04:00 on 04-04, second pass
            "2026-04-05T03:00:00+00:00",  # 23:00 -04:00, second pass
            "2026-04-05T02:30:00+00:00",  # 23:30 -03:00, first pass
            "2026-04-05T02:00:00+00:00",  # 23:00 -03:00, first pass
        ]


class TestApia:
    # Pacific/Apia 2011: Samoa moved across the date line, skipping Friday 2011-12-30 entirely: at
    # 10:00Z the clocks went from Thu 2011-12-29 23:59:59 -10:00 (daylight time) to Sat
    # 2011-12-31 00:00 +14:00 (daylight time, +13:00 standard). Around it: -10:00 from 2010-09-26
    # (11:00Z) to 2011-04-02 (14:00Z), -11:00 until 2011-09-24 (14:00Z), -10:00 until the skip;
    # +14:00 until 2012-04-01 (03:59:59 +14:00 -> 03:00 +13:00 at 2012-03-31T14:00Z), +13:00
    # until 2012-09-30 (02:59:59 +13:00 -> 04:00 +14:00 at 2012-09-29T14:00Z).
    zone_name = "Pacific/Apia"

    def schedule(self, expression: str) -> cronwall.Schedule:
        return cronwall.Schedule(expression, self.zone_name)

    def test_noon_on_the_thirtieth_of_december_does_not_fire_in_2011(self) -> None:
        schedule = self.schedule("0 12 30 12 *")
        assert first(2, schedule.iter_after(utc(2010, 1, 1))) == [
            "2010-12-30T22:00:00+00:00",  # 12:00 -10:00 on 2010-12-30
            "2012-12-29T22:00:00+00:00",  # 12:00 +14:00 on 2012-12-30
        ]
        assert iso(schedule.prev_before(utc(2012, 12, 1))) == "2010-12-30T22:00:00+00:00"

    def test_no_minute_of_the_skipped_day_fires(self) -> None:
        schedule = self.schedule("* * 30 12 *")
        assert iso(schedule.next_after(utc(2011, 6, 1))) == "2012-12-29T10:00:00+00:00"
        assert iso(schedule.prev_before(utc(2012, 6, 1))) == "2010-12-31T09:59:00+00:00"

    def test_daily_midnight_is_twenty_four_hours_apart_across_the_skipped_day(self) -> None:
        fires = self.schedule("0 0 * * *").iter_after(utc(2011, 12, 28, 12))
        assert first(3, fires) == [
            "2011-12-29T10:00:00+00:00",  # 00:00 -10:00 on Thursday 12-29
            "2011-12-30T10:00:00+00:00",  # 00:00 +14:00 on Saturday 12-31
            "2011-12-31T10:00:00+00:00",  # 00:00 +14:00 on Sunday 2012-01-01
        ]

    def test_every_hour_is_continuous_in_utc_across_the_skipped_day(self) -> None:
        fires = self.schedule("0 * * * *").between(utc(2011, 12, 30, 8), utc(2011, 12, 30, 11))
        assert isos(fires) == [
            "2011-12-30T09:00:00+00:00",  # 23:00 -10:00 on 12-29
            "2011-12-30T10:00:00+00:00",  # 00:00 +14:00 on 12-31
            "2011-12-30T11:00:00+00:00",  # 01:00 +14:00 on 12-31
        ]

    def test_friday_noon_skips_the_missing_friday(self) -> None:
        fires = self.schedule("0 12 * * FRI").iter_after(utc(2011, 12, 20))
        assert first(2, fires) == [
            "2011-12-23T22:00:00+00:00",  # 12:00 -10:00 on Friday 12-23
            "2012-01-05T22:00:00+00:00",  # 12:00 +14:00 on Friday 2012-01-06
        ]
        backwards = self.schedule("0 12 * * FRI").iter_before(utc(2012, 1, 6))
        assert first(2, backwards) == ["2012-01-05T22:00:00+00:00", "2011-12-23T22:00:00+00:00"]


class TestKiritimati:
    # Pacific/Kiritimati: the Line Islands skipped Saturday 1994-12-31: at 10:00Z the clocks went
    # from Fri 1994-12-30 23:59:59 -10:00 to Sun 1995-01-01 00:00 +14:00.
    zone_name = "Pacific/Kiritimati"

    def test_new_years_eve_does_not_fire_in_1994(self) -> None:
        schedule = cronwall.Schedule("0 12 31 12 *", self.zone_name)
        assert first(2, schedule.iter_after(utc(1993, 6, 1))) == [
            "1993-12-31T22:00:00+00:00",  # 12:00 -10:00
            "1995-12-30T22:00:00+00:00",  # 12:00 +14:00
        ]


class TestKolkata:
    # Asia/Kolkata: India Standard Time, +05:30 all year, no change since 1945.
    zone_name = "Asia/Kolkata"

    def schedule(self, expression: str) -> cronwall.Schedule:
        return cronwall.Schedule(expression, self.zone_name)

    def test_local_midnight_is_half_past_six_the_evening_before_in_utc(self) -> None:
        fires = self.schedule("0 0 * * *").iter_after(utc(2026, 3, 7))
        assert first(3, fires) == [
            "2026-03-07T18:30:00+00:00",
            "2026-03-08T18:30:00+00:00",
            "2026-03-09T18:30:00+00:00",
        ]

    def test_hourly_fires_at_half_past_every_utc_hour(self) -> None:
        fires = self.schedule("0 * * * *").between(utc(2026, 11, 1, 4), utc(2026, 11, 1, 8))
        assert isos(fires) == [
            "2026-11-01T04:30:00+00:00",
            "2026-11-01T05:30:00+00:00",
            "2026-11-01T06:30:00+00:00",
            "2026-11-01T07:30:00+00:00",
        ]

    def test_the_local_date_decides_the_day_of_week(self) -> None:
        # Monday 00:15 IST is Sunday 18:45 UTC.
        fires = self.schedule("15 0 * * MON").iter_after(utc(2026, 3, 1))
        assert first(2, fires) == ["2026-03-01T18:45:00+00:00", "2026-03-08T18:45:00+00:00"]


class TestUtc:
    # UTC: no offset changes, ever; the New York transition days are ordinary days here.
    def test_thirty_past_two_fires_every_day_including_american_transition_days(self) -> None:
        fires = cronwall.Schedule("30 2 * * *", "UTC").iter_after(utc(2026, 3, 7))
        assert first(3, fires) == [
            "2026-03-07T02:30:00+00:00",
            "2026-03-08T02:30:00+00:00",
            "2026-03-09T02:30:00+00:00",
        ]

    def test_thirty_past_one_fires_once_on_the_first_of_november(self) -> None:
        fires = cronwall.Schedule("30 1 * * *", "UTC").between(utc(2026, 11, 1), utc(2026, 11, 2))
        assert isos(fires) == ["2026-11-01T01:30:00+00:00"]

    def test_every_half_hour_walks_evenly_in_both_directions(self) -> None:
        schedule = cronwall.Schedule("*/30 * * * *", "UTC")
        assert first(3, schedule.iter_after(utc(2026, 11, 1, 5, 45))) == [
            "2026-11-01T06:00:00+00:00",
            "2026-11-01T06:30:00+00:00",
            "2026-11-01T07:00:00+00:00",
        ]
        assert first(3, schedule.iter_before(utc(2026, 11, 1, 5, 45))) == [
            "2026-11-01T05:30:00+00:00",
            "2026-11-01T05:00:00+00:00",
            "2026-11-01T04:30:00+00:00",
        ]
