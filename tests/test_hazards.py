"""DST hazard reports: the wall times a schedule matches that a clock change skips or repeats."""

from __future__ import annotations

import pickle
from collections import Counter
from datetime import datetime, timedelta, timezone
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cronwall import DstHazard, Schedule, get_zone, parse

UTC = timezone.utc


def year(y: int) -> tuple[datetime, datetime]:
    return datetime(y, 1, 1, tzinfo=UTC), datetime(y + 1, 1, 1, tzinfo=UTC)


class TestNewYork:
    # America/New_York in 2026: clocks go forward from 02:00 EST (-05:00) to 03:00 EDT
    # (-04:00) at 2026-03-08T07:00Z, and back from 02:00 EDT to 01:00 EST at 2026-11-01T06:00Z.

    def test_thirty_past_two_is_skipped_on_spring_forward(self) -> None:
        (hazard,) = Schedule("30 2 * * *", "America/New_York").dst_hazards(*year(2026))
        assert hazard.kind == "gap"
        assert hazard.wall_time.isoformat() == "2026-03-08T02:30:00"
        assert hazard.transition.isoformat() == "2026-03-08T07:00:00+00:00"
        assert hazard.offset_before == timedelta(hours=-5)
        assert hazard.offset_after == timedelta(hours=-4)
        assert hazard.fires == ()
        assert hazard.timezone == "America/New_York"

    def test_thirty_past_one_runs_twice_on_fall_back_first_pass_first(self) -> None:
        (hazard,) = Schedule("30 1 * * *", "America/New_York").dst_hazards(*year(2026))
        assert hazard.kind == "fold"
        assert hazard.wall_time.isoformat() == "2026-11-01T01:30:00"
        assert hazard.transition.isoformat() == "2026-11-01T06:00:00+00:00"
        assert [fire.isoformat() for fire in hazard.fires] == [
            "2026-11-01T05:30:00+00:00",
            "2026-11-01T06:30:00+00:00",
        ]

    def test_the_fold_fires_are_exactly_the_engines_fires(self) -> None:
        schedule = Schedule("30 1 * * *", "America/New_York")
        (hazard,) = schedule.dst_hazards(*year(2026))
        around = schedule.between(
            hazard.transition - timedelta(hours=3), hazard.transition + timedelta(hours=3)
        )
        assert [fire.isoformat() for fire in around] == [fire.isoformat() for fire in hazard.fires]

    def test_hazards_come_in_order_with_both_kinds(self) -> None:
        hazards = Schedule("0,30 1,2 * * *", "America/New_York").dst_hazards(*year(2026))
        assert [(h.kind, h.wall_time.isoformat()) for h in hazards] == [
            ("gap", "2026-03-08T02:00:00"),
            ("gap", "2026-03-08T02:30:00"),
            ("fold", "2026-11-01T01:00:00"),
            ("fold", "2026-11-01T01:30:00"),
        ]

    def test_a_schedule_clear_of_the_transitions_has_no_hazards(self) -> None:
        assert Schedule("0 9 * * *", "America/New_York").dst_hazards(*year(2026)) == []

    def test_a_schedule_on_other_days_has_no_hazards(self) -> None:
        # 2026-03-08 and 2026-11-01 are Sundays.
        assert Schedule("30 1,2 * * 1-5", "America/New_York").dst_hazards(*year(2026)) == []

    def test_the_period_holds_transitions_from_start_up_to_but_not_including_end(self) -> None:
        schedule = Schedule("30 2 * * *", "America/New_York")
        change = datetime(2026, 3, 8, 7, tzinfo=UTC)
        assert len(schedule.dst_hazards(change, change + timedelta(seconds=1))) == 1
        assert schedule.dst_hazards(change - timedelta(hours=1), change) == []

    def test_the_period_may_be_given_in_any_zone(self) -> None:
        new_york = get_zone("America/New_York")
        schedule = Schedule("30 1 * * *", "America/New_York")
        local = schedule.dst_hazards(
            datetime(2026, 1, 1, tzinfo=new_york), datetime(2027, 1, 1, tzinfo=new_york)
        )
        assert local == schedule.dst_hazards(*year(2026))

    def test_the_message_says_what_happens_to_the_run(self) -> None:
        gap, fold = Schedule("30 1,2 * * *", "America/New_York").dst_hazards(*year(2026))
        assert gap.message == (
            "no run at 02:30 on 2026-03-08: America/New_York clocks go forward 1 hour at 02:00, "
            "so that wall time is skipped"
        )
        assert fold.message == (
            "2 runs at 01:30 on 2026-11-01 (2026-11-01T05:30:00Z and 2026-11-01T06:30:00Z): "
            "America/New_York clocks go back 1 hour at 02:00, so that wall time happens twice"
        )

    def test_to_dict_is_json_ready(self) -> None:
        (hazard,) = Schedule("30 1 * * *", "America/New_York").dst_hazards(*year(2026))
        assert hazard.to_dict() == {
            "kind": "fold",
            "message": hazard.message,
            "wall_time": "2026-11-01T01:30:00",
            "timezone": "America/New_York",
            "transition_at": "2026-11-01T06:00:00Z",
            "offset_before": "-04:00",
            "offset_after": "-05:00",
            "runs_at": ["2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z"],
        }


class TestUnusualTransitions:
    def test_utc_has_no_hazards(self) -> None:
        assert Schedule("* * * * *", "UTC").dst_hazards(*year(2026)) == []

    def test_a_fixed_offset_tzinfo_has_no_hazards(self) -> None:
        schedule = Schedule("* * * * *", timezone(timedelta(hours=5, minutes=30)))
        assert schedule.dst_hazards(*year(2026)) == []

    def test_lord_howe_shifts_by_thirty_minutes(self) -> None:
        # Australia/Lord_Howe: back from 02:00 +11:00 to 01:30 +10:30 on 2026-04-05,
        # forward from 02:00 +10:30 to 02:30 +11:00 on 2026-10-04.
        hazards = Schedule("15,45 1,2 * * *", "Australia/Lord_Howe").dst_hazards(*year(2026))
        assert [(h.kind, h.wall_time.isoformat(), h.clock_change) for h in hazards] == [
            ("fold", "2026-04-05T01:45:00", "clocks go back 30 minutes at 02:00"),
            ("gap", "2026-10-04T02:15:00", "clocks go forward 30 minutes at 02:00"),
        ]
        assert [fire.isoformat() for fire in hazards[0].fires] == [
            "2026-04-04T14:45:00+00:00",
            "2026-04-04T15:15:00+00:00",
        ]

    def test_dublin_has_negative_dst_in_winter(self) -> None:
        # Europe/Dublin: standard time (IST, +01:00) in summer, a negative DST (GMT, +00:00) in
        # winter; forward at 01:00 GMT on 2026-03-29, back at 02:00 IST on 2026-10-25.
        hazards = Schedule("30 1 * * *", "Europe/Dublin").dst_hazards(*year(2026))
        assert [(h.kind, h.wall_time.isoformat()) for h in hazards] == [
            ("gap", "2026-03-29T01:30:00"),
            ("fold", "2026-10-25T01:30:00"),
        ]
        assert [h.offset_after for h in hazards] == [timedelta(hours=1), timedelta(0)]

    def test_apia_skipped_a_whole_day(self) -> None:
        # Pacific/Apia moved across the date line: 2011-12-29T23:59:59-10:00 was followed by
        # 2011-12-31T00:00:00+14:00, so every wall time of 2011-12-30 is in the gap.
        hazards = Schedule("0 9,21 * * *", "Pacific/Apia").dst_hazards(*year(2011))
        assert [(h.kind, h.wall_time.isoformat()) for h in hazards] == [
            ("gap", "2011-12-30T09:00:00"),
            ("gap", "2011-12-30T21:00:00"),
        ]
        assert hazards[0].clock_change == "clocks go forward 24 hours at 00:00"

    def test_santiago_skips_midnight(self) -> None:
        # America/Santiago: forward from 00:00 -04:00 to 01:00 -03:00 on 2026-09-06.
        (hazard,) = Schedule("0 0 * * *", "America/Santiago").dst_hazards(
            *year(2026)[:1], datetime(2026, 12, 1, tzinfo=UTC)
        )
        assert (hazard.kind, hazard.wall_time.isoformat()) == ("gap", "2026-09-06T00:00:00")

    def test_local_mean_time_offsets_keep_their_seconds(self) -> None:
        # America/New_York left local mean time (-04:56:02) for EST at 1883-11-18T17:00Z:
        # clocks went back 3 minutes 58 seconds at 12:03:58, repeating 12:00:00-12:03:57.
        hazards = Schedule("* 12 18 11 *", "America/New_York").dst_hazards(*year(1883))
        assert [h.wall_time.isoformat() for h in hazards] == [
            "1883-11-18T12:00:00",
            "1883-11-18T12:01:00",
            "1883-11-18T12:02:00",
            "1883-11-18T12:03:00",
        ]
        assert hazards[0].clock_change == "clocks go back 3 minutes 58 seconds at 12:03:58"
        assert hazards[0].to_dict()["offset_before"] == "-04:56:02"
        assert [fire.isoformat() for fire in hazards[0].fires] == [
            "1883-11-18T16:56:02+00:00",
            "1883-11-18T17:00:00+00:00",
        ]

    def test_a_tzinfo_object_gives_the_same_hazards_as_its_name(self) -> None:
        by_name = Schedule("*/30 1-3 * * *", "America/New_York").dst_hazards(*year(2026))
        by_object = Schedule("*/30 1-3 * * *", get_zone("America/New_York")).dst_hazards(
            *year(2026)
        )
        assert by_object == by_name
        assert len(by_name) == 4

    def test_hazards_at_the_end_of_time_do_not_overflow(self) -> None:
        first, last = datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)
        new_york = Schedule("30 1 * * *", "America/New_York")
        hazards = new_york.dst_hazards(datetime(9999, 1, 1, tzinfo=UTC), last)
        assert [h.wall_time.isoformat() for h in hazards] == ["9999-11-07T01:30:00"]
        # Pacific/Kiritimati (+14:00 since it skipped 1994-12-31) over all of time.
        kiritimati = Schedule("0 12 * * *", "Pacific/Kiritimati").dst_hazards(first, last)
        assert [(h.kind, h.wall_time.isoformat()) for h in kiritimati] == [
            ("gap", "1994-12-31T12:00:00")
        ]


class TestValues:
    def test_a_hazard_is_an_immutable_hashable_picklable_value(self) -> None:
        (hazard,) = Schedule("30 1 * * *", "America/New_York").dst_hazards(*year(2026))
        with pytest.raises(AttributeError):
            hazard.kind = "gap"  # type: ignore[misc]
        assert pickle.loads(pickle.dumps(hazard)) == hazard
        assert len({hazard, pickle.loads(pickle.dumps(hazard))}) == 1
        assert type(hazard).__module__ == "cronwall"
        assert isinstance(hazard, DstHazard)

    def test_a_naive_period_is_a_type_error(self) -> None:
        with pytest.raises(TypeError, match="start is a naive datetime"):
            Schedule("30 1 * * *", "America/New_York").dst_hazards(
                datetime(2026, 1, 1), datetime(2027, 1, 1, tzinfo=UTC)
            )

    def test_an_empty_or_reversed_period_has_no_hazards(self) -> None:
        start, end = year(2026)
        assert Schedule("* * * * *", "America/New_York").dst_hazards(end, start) == []


# -- against an oracle ---------------------------------------------------------------------
#
# The oracle knows nothing of cronwall's zone code: it finds the offset changes with
# CPython's zoneinfo (hourly probes, then a bisection to the second), scans every UTC
# minute around each change, and counts how often each matching wall time occurs.

ZONES = [
    "America/New_York",
    "Australia/Lord_Howe",
    "Europe/Dublin",
    "America/Santiago",
    "America/Havana",
    "Asia/Tehran",
    "Africa/Casablanca",
    "Antarctica/Troll",
    "Europe/London",
    "America/St_Johns",
]
# Asia/Tehran last changed its clocks in 2022; the oracle's scans are cached per zone and year.
YEARS = [2021, 2026, 2029]


def oracle_changes(zone_name: str, y: int) -> list[int]:
    zone = get_zone(zone_name)
    start = int(datetime(y, 1, 1, tzinfo=UTC).timestamp())
    end = int(datetime(y + 1, 1, 1, tzinfo=UTC).timestamp())

    def offset(u: int) -> timedelta:
        result = datetime.fromtimestamp(u, zone).utcoffset()
        assert result is not None
        return result

    changes = []
    for u in range(start, end, 3600):
        if offset(u) != offset(u + 3600):
            low, high = u, u + 3600
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (middle, high) if offset(middle) == offset(u) else (low, middle)
            changes.append(high)
    return changes


@cache
def oracle_walls(zone_name: str, y: int) -> list[tuple[datetime, dict[datetime, list[str]]]]:
    """For each change: the local time just before it, and the UTC minutes of each wall time."""
    zone = get_zone(zone_name)
    result = []
    for change in oracle_changes(zone_name, y):
        occurrences: dict[datetime, list[str]] = {}
        for u in range(change - 86400, change + 86400, 60):
            moment = datetime.fromtimestamp(u, UTC)
            wall = moment.astimezone(zone).replace(tzinfo=None, fold=0)
            occurrences.setdefault(wall, []).append(moment.isoformat())
        local = datetime.fromtimestamp(change - 1, UTC).astimezone(zone).replace(tzinfo=None)
        result.append((local, occurrences))
    return result


def oracle_hazards(
    expression: str, zone_name: str, y: int
) -> list[tuple[str, str, tuple[str, ...]]]:
    """(kind, wall time, fires) of each matching wall time within 12 hours of a change
    that occurs other than once."""
    cron = parse(expression)
    found = []
    for local, occurrences in oracle_walls(zone_name, y):
        wall = local.replace(second=0) - timedelta(hours=12)
        while wall < local + timedelta(hours=12):
            fires = occurrences.get(wall, [])
            if len(fires) != 1 and cron.matches(wall):
                found.append(("fold" if fires else "gap", wall.isoformat(), tuple(fires)))
            wall += timedelta(minutes=1)
    return found


# Minutes at the edges of whole- and half-hour changes, and hours between 00:00 and 04:00
# (when most zones change their clocks), are drawn more often than the rest.
minute_lists = st.lists(
    st.one_of(st.sampled_from([0, 1, 29, 30, 59]), st.integers(0, 59)),
    min_size=1,
    max_size=4,
    unique=True,
).map(lambda values: ",".join(map(str, sorted(values))))
hour_lists = st.lists(
    st.one_of(st.integers(0, 4), st.integers(0, 23)), min_size=1, max_size=4, unique=True
).map(lambda values: ",".join(map(str, sorted(values))))
day_fields = st.sampled_from(["* *", "* 0", "1-15 *", "* 1-5", "8-14 0"])


@settings(max_examples=60, deadline=None)
@given(minute_lists, hour_lists, day_fields, st.sampled_from(ZONES), st.sampled_from(YEARS))
def test_hazards_match_a_minute_by_minute_scan(
    minutes: str, hours: str, days: str, zone_name: str, y: int
) -> None:
    """Every matching wall time a clock change skips or repeats is reported, and only those."""
    day_of_month, day_of_week = days.split()
    expression = f"{minutes} {hours} {day_of_month} * {day_of_week}"
    hazards = Schedule(expression, zone_name).dst_hazards(*year(y))
    reported = [
        (h.kind, h.wall_time.isoformat(), tuple(f.isoformat() for f in h.fires)) for h in hazards
    ]
    assert reported == oracle_hazards(expression, zone_name, y)


@settings(max_examples=30, deadline=None)
@given(hour_lists, st.sampled_from(ZONES), st.sampled_from(YEARS))
def test_hazards_never_contradict_the_engine(hours: str, zone_name: str, y: int) -> None:
    """A fold hazard's fires are the engine's fires at that wall time; a gap's wall never fires."""
    schedule = Schedule(f"*/15 {hours} * * *", zone_name)
    zone = schedule.tzinfo
    for hazard in schedule.dst_hazards(*year(y)):
        window = schedule.between(
            hazard.transition - timedelta(days=1), hazard.transition + timedelta(days=1)
        )
        walls = Counter(fire.astimezone(zone).replace(tzinfo=None) for fire in window)
        assert walls[hazard.wall_time] == len(hazard.fires)
