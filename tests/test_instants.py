"""Instants in and out (contract section 6).

Inputs are aware datetimes in any zone and name one instant each; outputs are UTC datetimes with
microsecond 0; next/prev are strict; years outside 1-9999 have no fires and never raise
``OverflowError``. Expected strings were checked against a brute-force scan of UTC minutes through
``zoneinfo`` built from the ``tzdata`` package.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import cache
from itertools import islice
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import cronwall

UTC = timezone.utc


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)  # type: ignore[arg-type,misc]


@cache
def zone(name: str) -> tzinfo:
    """The zone built from the tzdata package's file, independently of cronwall."""
    path = importlib.resources.files("tzdata.zoneinfo").joinpath(*name.split("/"))
    with path.open("rb") as file:
        return ZoneInfo.from_file(file, key=name)


def iso(fire: datetime | None) -> str | None:
    return None if fire is None else fire.isoformat()


def isos(fires: Iterable[datetime | None]) -> list[str | None]:
    return [iso(fire) for fire in fires]


def fixed(hours: int = 0, minutes: int = 0, **more: int) -> timezone:
    return timezone(timedelta(hours=hours, minutes=minutes, **more))


class OneChangeZone(tzinfo):
    """A made-up zone: offset ``before`` until ``change`` (UTC), ``after`` from then on.

    No IANA zone has these rules, so a schedule can only get them from this object. ``dst()`` is
    always zero, as for a real change of standard offset (Samoa's in 2011), so fold and gap can
    only be seen through ``utcoffset`` and ``fromutc``. Follows PEP 495: in a fold ``fold=0`` is
    the first pass; in a gap ``fold=0`` reads the wall time at the offset before the change.
    """

    def __init__(self, before: timedelta, after: timedelta, change: datetime) -> None:
        self.before, self.after = before, after
        self.change = change.astimezone(UTC).replace(tzinfo=None)

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        if dt is None:
            return None
        wall = dt.replace(tzinfo=None)
        before_fits = wall - self.before < self.change
        after_fits = wall - self.after >= self.change
        if before_fits != after_fits:
            return self.before if before_fits else self.after
        return self.after if dt.fold else self.before  # fold or gap

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)

    def tzname(self, dt: datetime | None) -> str:
        offset = self.utcoffset(dt) if dt is not None else self.before
        return str(timezone(offset if offset is not None else self.before))

    def fromutc(self, dt: datetime) -> datetime:
        instant = dt.replace(tzinfo=None)
        if instant < self.change:
            return (instant + self.before).replace(tzinfo=self)
        wall = instant + self.after
        second_pass = wall - self.before < self.change
        return wall.replace(tzinfo=self, fold=int(second_pass))

    def __repr__(self) -> str:
        return f"OneChangeZone({self.before} -> {self.after} at {self.change.isoformat()}Z)"


class NoOffset(tzinfo):
    """A tzinfo whose utcoffset is None: Python calls a datetime carrying it naive."""

    def utcoffset(self, dt: datetime | None) -> None:
        return None

    def dst(self, dt: datetime | None) -> None:
        return None

    def tzname(self, dt: datetime | None) -> None:
        return None


AWARE = utc(2026, 1, 1)
NAIVE = datetime(2026, 1, 1)

Call = Callable[[cronwall.Schedule, Any], object]

CALLS_TAKING_ONE_INSTANT: list[tuple[str, Call]] = [
    ("next_after", lambda s, t: s.next_after(t)),
    ("prev_before", lambda s, t: s.prev_before(t)),
    # iter_* may check eagerly or on the first step; either way the first step must refuse.
    ("iter_after", lambda s, t: next(iter(s.iter_after(t)))),
    ("iter_before", lambda s, t: next(iter(s.iter_before(t)))),
    ("upcoming", lambda s, t: s.upcoming(1, after=t)),
    ("between start", lambda s, t: list(s.between(t, utc(2026, 1, 2)))),
    ("between end", lambda s, t: list(s.between(AWARE, t))),
]


class TestNaiveAndWrongTypesAreRefused:
    @pytest.mark.parametrize(("name", "call"), CALLS_TAKING_ONE_INSTANT)
    def test_a_naive_datetime_raises_type_error_saying_why(self, name: str, call: Call) -> None:
        schedule = cronwall.Schedule("* * * * *", "America/New_York")
        with pytest.raises(TypeError, match=r"(?i)naive|aware"):
            call(schedule, NAIVE)

    @pytest.mark.parametrize(("name", "call"), CALLS_TAKING_ONE_INSTANT)
    def test_a_tzinfo_without_an_offset_counts_as_naive(self, name: str, call: Call) -> None:
        schedule = cronwall.Schedule("* * * * *", "UTC")
        with pytest.raises(TypeError):
            call(schedule, datetime(2026, 1, 1, tzinfo=NoOffset()))

    @pytest.mark.parametrize(
        "value",
        [
            date(2026, 1, 1),  # a date is a whole day, not an instant
            "2026-01-01T00:00:00+00:00",  # text is not parsed
            1767225600,  # a POSIX timestamp is a number, not a datetime
            1767225600.0,
            None,  # None means "now" only for upcoming(after=None)
        ],
    )
    def test_a_value_that_is_not_a_datetime_raises_type_error(self, value: object) -> None:
        schedule = cronwall.Schedule("* * * * *", "UTC")
        with pytest.raises(TypeError):
            schedule.next_after(value)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            schedule.prev_before(value)  # type: ignore[arg-type]


SCHEDULES = [
    ("30 1 * * *", "America/New_York"),
    ("*/30 * * * *", "Australia/Lord_Howe"),
    ("0 3 * * *", "Pacific/Chatham"),
    ("0 0 * * *", "America/Santiago"),
    ("*/7 * * * *", "UTC"),
]

INSTANTS = [
    utc(2026, 11, 1, 5, 30),  # New York fold, first pass (01:30 EDT)
    utc(2026, 11, 1, 6, 10),  # New York fold, second pass (01:10 EST)
    utc(2026, 3, 8, 7),  # New York, first instant after the gap
    utc(2026, 4, 4, 15, 0),  # Lord Howe fold, start of the second pass
    utc(2026, 9, 6, 4),  # Santiago, first instant after the gap at midnight
    datetime(2026, 6, 15, 12, 34, 56, 789012, tzinfo=UTC),
]

REPRESENTATIONS = [
    UTC,
    fixed(5, 30),
    fixed(-12),
    fixed(14),
    fixed(-3, -30),
    fixed(seconds=1),  # offsets with seconds are legal
    fixed(microseconds=-1),  # so are offsets with microseconds
    zone("America/New_York"),
    zone("Australia/Lord_Howe"),
    zone("Pacific/Kiritimati"),
    zone("Europe/Dublin"),
    zone("Pacific/Chatham"),
]


class TestInputsInAnyZoneNameTheSameInstant:
    @pytest.mark.parametrize("representation", REPRESENTATIONS, ids=str)
    @pytest.mark.parametrize("instant", INSTANTS, ids=datetime.isoformat)
    @pytest.mark.parametrize(("expression", "zone_name"), SCHEDULES)
    def test_the_answer_depends_only_on_the_instant(
        self, expression: str, zone_name: str, instant: datetime, representation: tzinfo
    ) -> None:
        schedule = cronwall.Schedule(expression, zone_name)
        local = instant.astimezone(representation)
        assert local.astimezone(UTC) == instant  # the premise: same instant, another zone
        assert iso(schedule.next_after(local)) == iso(schedule.next_after(instant))
        assert iso(schedule.prev_before(local)) == iso(schedule.prev_before(instant))
        window_end = instant + timedelta(hours=3)
        assert isos(schedule.between(local, window_end.astimezone(representation))) == isos(
            schedule.between(instant, window_end)
        )

    def test_the_answer_is_pinned_for_one_instant_in_many_zones(self) -> None:
        # 06:10Z is 01:10 EST, the second pass of New York's fold: the next 01:30 is at 06:30Z.
        schedule = cronwall.Schedule("30 1 * * *", "America/New_York")
        for representation in REPRESENTATIONS:
            start = utc(2026, 11, 1, 6, 10).astimezone(representation)
            assert iso(schedule.next_after(start)) == "2026-11-01T06:30:00+00:00", representation

    def test_an_offset_with_microseconds_is_honoured(self) -> None:
        schedule = cronwall.Schedule("0 12 * * *", "UTC")
        just_before = datetime(2026, 1, 1, 12, tzinfo=fixed(microseconds=1))  # 11:59:59.999999Z
        just_after = datetime(2026, 1, 1, 12, tzinfo=fixed(microseconds=-1))  # 12:00:00.000001Z
        assert iso(schedule.next_after(just_before)) == "2026-01-01T12:00:00+00:00"
        assert iso(schedule.next_after(just_after)) == "2026-01-02T12:00:00+00:00"
        assert iso(schedule.prev_before(just_after)) == "2026-01-01T12:00:00+00:00"
        assert iso(schedule.prev_before(just_before)) == "2025-12-31T12:00:00+00:00"


def every_output(schedule: cronwall.Schedule, start: datetime) -> list[datetime | None]:
    return [
        schedule.next_after(start),
        schedule.prev_before(start),
        *islice(schedule.iter_after(start), 3),
        *islice(schedule.iter_before(start), 3),
        *schedule.upcoming(3, after=start),
        *schedule.between(start, start + timedelta(hours=2)),
    ]


class TestOutputsAreUtc:
    @pytest.mark.parametrize(
        ("expression", "timezone_"),
        [
            ("*/30 * * * *", "America/New_York"),
            ("*/30 * * * *", "Pacific/Chatham"),
            ("15 * * * *", "Asia/Kolkata"),
            ("15 * * * *", fixed(5, 30)),
            ("15 * * * *", zone("Australia/Lord_Howe")),
            ("* * * * *", "UTC"),
        ],
        ids=str,
    )
    def test_every_output_is_a_utc_datetime_with_microsecond_zero(
        self, expression: str, timezone_: str | tzinfo
    ) -> None:
        schedule = cronwall.Schedule(expression, timezone_)
        start = datetime(2026, 11, 1, 1, 17, 42, 123456, tzinfo=zone("America/New_York"))
        outputs = every_output(schedule, start)
        assert None not in outputs
        assert len(outputs) >= 12
        for fire in outputs:
            assert type(fire) is datetime
            assert fire.tzinfo is timezone.utc
            assert fire.microsecond == 0
            assert fire.second == 0  # every offset in these zones is whole minutes

    def test_fold_outputs_differ_as_utc_strings_where_local_comparison_would_not(self) -> None:
        fires = cronwall.Schedule("30 1 * * *", "America/New_York").between(
            utc(2026, 11, 1), utc(2026, 11, 2)
        )
        first_pass, second_pass = fires
        assert first_pass < second_pass
        ny = zone("America/New_York")
        assert first_pass.astimezone(ny).isoformat() == "2026-11-01T01:30:00-04:00"
        assert second_pass.astimezone(ny).isoformat() == "2026-11-01T01:30:00-05:00"


class TestStrictlyAfterAndStrictlyBefore:
    # UTC noon every day; the instants below sit a microsecond or a second off a fire.
    schedule = cronwall.Schedule("0 12 * * *", "UTC")

    def test_a_fire_at_noon_is_after_one_microsecond_before_noon(self) -> None:
        start = datetime(2026, 1, 1, 11, 59, 59, 999999, tzinfo=UTC)
        assert iso(self.schedule.next_after(start)) == "2026-01-01T12:00:00+00:00"

    def test_next_after_a_fire_is_not_that_fire(self) -> None:
        assert iso(self.schedule.next_after(utc(2026, 1, 1, 12))) == "2026-01-02T12:00:00+00:00"

    def test_prev_before_a_fire_is_not_that_fire(self) -> None:
        assert iso(self.schedule.prev_before(utc(2026, 1, 1, 12))) == "2025-12-31T12:00:00+00:00"

    def test_one_microsecond_after_a_fire_is_past_it(self) -> None:
        start = datetime(2026, 1, 1, 12, 0, 0, 1, tzinfo=UTC)
        assert iso(self.schedule.next_after(start)) == "2026-01-02T12:00:00+00:00"
        assert iso(self.schedule.prev_before(start)) == "2026-01-01T12:00:00+00:00"

    def test_seconds_are_honoured_on_both_sides(self) -> None:
        assert iso(self.schedule.next_after(utc(2026, 1, 1, 11, 59, 59))) == (
            "2026-01-01T12:00:00+00:00"
        )
        assert iso(self.schedule.prev_before(utc(2026, 1, 1, 12, 0, 1))) == (
            "2026-01-01T12:00:00+00:00"
        )

    def test_iteration_starts_strictly_after_and_strictly_before(self) -> None:
        assert isos(islice(self.schedule.iter_after(utc(2026, 1, 1, 12)), 2)) == [
            "2026-01-02T12:00:00+00:00",
            "2026-01-03T12:00:00+00:00",
        ]
        assert isos(islice(self.schedule.iter_before(utc(2026, 1, 1, 12)), 2)) == [
            "2025-12-31T12:00:00+00:00",
            "2025-12-30T12:00:00+00:00",
        ]

    def test_strictness_holds_in_a_local_zone_with_microseconds(self) -> None:
        # Noon in Kolkata is 06:30Z; the start is 11:59:59.999999 there.
        schedule = cronwall.Schedule("0 12 * * *", "Asia/Kolkata")
        start = datetime(2026, 1, 1, 11, 59, 59, 999999, tzinfo=zone("Asia/Kolkata"))
        assert iso(schedule.next_after(start)) == "2026-01-01T06:30:00+00:00"
        assert iso(schedule.prev_before(start)) == "2025-12-31T06:30:00+00:00"

    def test_next_and_prev_are_inverses_on_fires_through_a_fold(self) -> None:
        schedule = cronwall.Schedule("*/30 * * * *", "America/New_York")
        fires = list(schedule.between(utc(2026, 11, 1, 4), utc(2026, 11, 1, 8)))
        assert len(fires) == 8
        for fire in fires:
            before, after = schedule.prev_before(fire), schedule.next_after(fire)
            assert before is not None and after is not None
            assert iso(schedule.next_after(before)) == fire.isoformat()
            assert iso(schedule.prev_before(after)) == fire.isoformat()


class TestBetween:
    schedule = cronwall.Schedule("0 * * * *", "UTC")

    def test_start_is_excluded_and_end_is_included(self) -> None:
        fires = self.schedule.between(utc(2026, 1, 1, 10), utc(2026, 1, 1, 13))
        assert isos(fires) == [
            "2026-01-01T11:00:00+00:00",
            "2026-01-01T12:00:00+00:00",
            "2026-01-01T13:00:00+00:00",
        ]

    def test_microseconds_at_either_end_are_honoured(self) -> None:
        start = datetime(2026, 1, 1, 9, 59, 59, 999999, tzinfo=UTC)
        end = datetime(2026, 1, 1, 12, 59, 59, 999999, tzinfo=UTC)
        assert isos(self.schedule.between(start, end)) == [
            "2026-01-01T10:00:00+00:00",
            "2026-01-01T11:00:00+00:00",
            "2026-01-01T12:00:00+00:00",
        ]

    def test_an_empty_or_reversed_window_has_no_fires(self) -> None:
        assert list(self.schedule.between(utc(2026, 1, 1, 10), utc(2026, 1, 1, 10))) == []
        assert list(self.schedule.between(utc(2026, 1, 1, 13), utc(2026, 1, 1, 10))) == []
        assert list(self.schedule.between(utc(2026, 1, 1, 10), utc(2026, 1, 1, 10, 59))) == []

    def test_the_ends_may_be_in_different_zones(self) -> None:
        # 01:00 EST (second pass, 06:00Z) to 07:00Z: the half-hours strictly after, end included.
        schedule = cronwall.Schedule("*/30 * * * *", "America/New_York")
        start = datetime(2026, 11, 1, 1, 0, fold=1, tzinfo=zone("America/New_York"))
        end = datetime(2026, 11, 1, 12, 30, tzinfo=fixed(5, 30))  # 07:00Z
        assert isos(schedule.between(start, end)) == [
            "2026-11-01T06:30:00+00:00",
            "2026-11-01T07:00:00+00:00",
        ]


class TestUpcoming:
    schedule = cronwall.Schedule("*/30 * * * *", "America/New_York")

    @pytest.mark.parametrize("n", [1, 2, 5, 50])
    def test_upcoming_returns_the_first_n_fires_after(self, n: int) -> None:
        after = utc(2026, 11, 1, 4, 59)
        fires = self.schedule.upcoming(n, after=after)
        assert isinstance(fires, list)
        assert len(fires) == n
        assert isos(fires) == isos(islice(self.schedule.iter_after(after), n))

    def test_upcoming_runs_through_the_fold(self) -> None:
        assert isos(self.schedule.upcoming(4, after=utc(2026, 11, 1, 4, 59))) == [
            "2026-11-01T05:00:00+00:00",
            "2026-11-01T05:30:00+00:00",
            "2026-11-01T06:00:00+00:00",
            "2026-11-01T06:30:00+00:00",
        ]

    def test_upcoming_zero_is_an_empty_list(self) -> None:
        assert self.schedule.upcoming(0, after=utc(2026, 1, 1)) == []

    def test_upcoming_searches_no_further_than_its_last_fire(self) -> None:
        # A caller's tzinfo is probed lazily, a year at a time, as far as the search goes:
        # the probes count how far each call looked. A yearly fire is a year away, so
        # searching for one fire more than asked would probe another year.
        class CountingZone(tzinfo):
            def __init__(self) -> None:
                self.calls = 0

            def utcoffset(self, dt: datetime | None) -> timedelta:
                self.calls += 1
                return timedelta(hours=1)

            def dst(self, dt: datetime | None) -> timedelta:
                return timedelta(0)

        def probes(ask: Callable[[cronwall.Schedule], object]) -> int:
            zone = CountingZone()
            ask(cronwall.Schedule("0 0 1 1 *", zone))
            return zone.calls

        after = utc(2026, 3, 1)
        one_query = probes(lambda schedule: schedule.next_after(after))
        assert probes(lambda schedule: schedule.upcoming(1, after=after)) == one_query
        assert probes(lambda schedule: schedule.upcoming(2, after=after)) > one_query

    def test_upcoming_without_after_starts_now(self) -> None:
        schedule = cronwall.Schedule("* * * * *", "Pacific/Chatham")
        before = datetime.now(UTC)
        fires = schedule.upcoming(3)
        after = datetime.now(UTC)
        assert len(fires) == 3
        assert before < fires[0] <= after + timedelta(minutes=1)
        assert fires[0] < fires[1] < fires[2]

    def test_upcoming_stops_short_at_the_end_of_year_9999(self) -> None:
        schedule = cronwall.Schedule("* * * * *", "UTC")
        assert isos(schedule.upcoming(5, after=utc(9999, 12, 31, 23, 57))) == [
            "9999-12-31T23:58:00+00:00",
            "9999-12-31T23:59:00+00:00",
        ]


class TestTzinfoObjects:
    def test_a_fixed_offset_object_behaves_like_a_fixed_zone(self) -> None:
        schedule = cronwall.Schedule("0 0 * * *", fixed(5, 30))
        assert isos(islice(schedule.iter_after(utc(2026, 3, 7)), 2)) == [
            "2026-03-07T18:30:00+00:00",
            "2026-03-08T18:30:00+00:00",
        ]
        assert schedule.timezone == "UTC+05:30"
        assert schedule.tzinfo is not None
        assert schedule.tzinfo.utcoffset(None) == timedelta(hours=5, minutes=30)

    def test_a_fixed_offset_object_matches_the_named_zone_with_that_offset(self) -> None:
        by_object = cronwall.Schedule("*/45 3-5 * * *", fixed(5, 30))
        by_name = cronwall.Schedule("*/45 3-5 * * *", "Asia/Kolkata")
        start = utc(2026, 3, 7)
        assert isos(islice(by_object.iter_after(start), 20)) == isos(
            islice(by_name.iter_after(start), 20)
        )

    def test_a_negative_fixed_offset_object(self) -> None:
        schedule = cronwall.Schedule("30 2 * * *", fixed(-3, -30))
        assert iso(schedule.next_after(utc(2026, 3, 8))) == "2026-03-08T06:00:00+00:00"

    def test_the_utc_object_behaves_like_the_utc_name(self) -> None:
        start = utc(2026, 3, 8)
        by_object = cronwall.Schedule("30 2 * * *", timezone.utc)
        by_name = cronwall.Schedule("30 2 * * *", "UTC")
        assert iso(by_object.next_after(start)) == "2026-03-08T02:30:00+00:00"
        assert iso(by_name.next_after(start)) == "2026-03-08T02:30:00+00:00"

    def test_a_zoneinfo_object_brings_its_gap_and_fold(self) -> None:
        schedule = cronwall.Schedule("30 2 * * *", zone("America/New_York"))
        assert isos(islice(schedule.iter_after(utc(2026, 3, 7, 12)), 2)) == [
            "2026-03-09T06:30:00+00:00",  # nothing on 03-08: 02:30 is in the gap
            "2026-03-10T06:30:00+00:00",
        ]
        folded = cronwall.Schedule("30 1 * * *", zone("America/New_York"))
        assert isos(folded.between(utc(2026, 11, 1), utc(2026, 11, 2))) == [
            "2026-11-01T05:30:00+00:00",
            "2026-11-01T06:30:00+00:00",
        ]

    def test_a_custom_tzinfo_with_a_made_up_gap_gets_exactly_its_rules(self) -> None:
        # +00:00 until 2026-06-01T00:00Z, then +02:00: 00:00-01:59 on 06-01 does not exist.
        jump = OneChangeZone(timedelta(0), timedelta(hours=2), utc(2026, 6, 1))
        schedule = cronwall.Schedule("0 1 * * *", jump)
        assert schedule.timezone == str(jump)
        assert isos(islice(schedule.iter_after(utc(2026, 5, 30, 12)), 3)) == [
            "2026-05-31T01:00:00+00:00",  # 01:00 +00:00 on 05-31
            "2026-06-01T23:00:00+00:00",  # 01:00 +02:00 on 06-02; none on 06-01
            "2026-06-02T23:00:00+00:00",
        ]

    def test_a_custom_tzinfo_with_a_made_up_fold_gets_exactly_its_rules(self) -> None:
        # +02:00 until 2026-06-01T00:00Z, then +00:00: 00:00-01:59 on 06-01 happens twice.
        drop = OneChangeZone(timedelta(hours=2), timedelta(0), utc(2026, 6, 1))
        schedule = cronwall.Schedule("30 1 * * *", drop)
        assert isos(islice(schedule.iter_after(utc(2026, 5, 30, 12)), 4)) == [
            "2026-05-30T23:30:00+00:00",  # 01:30 +02:00 on 05-31
            "2026-05-31T23:30:00+00:00",  # 01:30 +02:00 on 06-01, first pass
            "2026-06-01T01:30:00+00:00",  # 01:30 +00:00 on 06-01, second pass
            "2026-06-02T01:30:00+00:00",
        ]


MAX_UTC = datetime.max.replace(tzinfo=UTC)
MIN_UTC = datetime.min.replace(tzinfo=UTC)


class TestYearsOneToNineThousandNineHundredNinetyNine:
    # Etc/GMT+12 is -12:00 and Etc/GMT-14 is +14:00 throughout (POSIX sign convention).
    # Pacific/Kiritimati is +14:00 from 1995 on, so near year 9999 its local date is already
    # 10000-01-01 from 9999-12-31T10:00Z; near year 1 it is in local mean time, -10:29:20.

    def test_utc_has_no_fire_after_the_last_minute_of_9999(self) -> None:
        schedule = cronwall.Schedule("* * * * *", "UTC")
        assert iso(schedule.next_after(utc(9999, 12, 31, 23, 58, 30))) == (
            "9999-12-31T23:59:00+00:00"
        )
        assert schedule.next_after(utc(9999, 12, 31, 23, 59)) is None
        assert schedule.next_after(MAX_UTC) is None
        assert isos(schedule.iter_after(utc(9999, 12, 31, 23, 57))) == [
            "9999-12-31T23:58:00+00:00",
            "9999-12-31T23:59:00+00:00",
        ]
        assert iso(schedule.prev_before(MAX_UTC)) == "9999-12-31T23:59:00+00:00"

    def test_utc_has_no_fire_before_the_first_minute_of_year_1(self) -> None:
        schedule = cronwall.Schedule("* * * * *", "UTC")
        assert schedule.prev_before(utc(1, 1, 1)) is None
        assert schedule.prev_before(MIN_UTC) is None
        assert isos(schedule.iter_before(utc(1, 1, 1, 0, 2))) == [
            "0001-01-01T00:01:00+00:00",
            "0001-01-01T00:00:00+00:00",
        ]
        assert iso(schedule.next_after(MIN_UTC)) == "0001-01-01T00:01:00+00:00"

    def test_rare_expressions_run_out_of_years_without_raising(self) -> None:
        leap_day = cronwall.Schedule("0 0 29 2 *", "UTC")
        assert isos(leap_day.iter_after(utc(9990, 1, 1))) == [
            "9992-02-29T00:00:00+00:00",
            "9996-02-29T00:00:00+00:00",  # the next, 10000-02-29, is out of range
        ]
        assert isos(leap_day.iter_before(utc(9, 1, 1))) == [
            "0008-02-29T00:00:00+00:00",
            "0004-02-29T00:00:00+00:00",  # year 0 does not exist
        ]
        new_year = cronwall.Schedule("0 0 1 1 *", "UTC")
        assert new_year.next_after(utc(9999, 1, 1)) is None
        assert new_year.prev_before(utc(1, 1, 1)) is None
        assert iso(new_year.next_after(MIN_UTC)) == "0002-01-01T00:00:00+00:00"

    def test_minus_twelve_stops_where_the_utc_instant_leaves_year_9999(self) -> None:
        # Local noon on 9999-12-31 at -12:00 would be 10000-01-01T00:00Z.
        noon = cronwall.Schedule("0 12 * * *", "Etc/GMT+12")
        assert noon.next_after(utc(9999, 12, 31)) is None
        last_minute = cronwall.Schedule("59 11 * * *", "Etc/GMT+12")
        assert iso(last_minute.next_after(utc(9999, 12, 31))) == "9999-12-31T23:59:00+00:00"
        assert last_minute.next_after(utc(9999, 12, 31, 23, 59)) is None

    def test_an_input_whose_utc_instant_is_past_year_9999(self) -> None:
        # datetime.max at -12:00 is 10000-01-01T11:59:59.999999Z, which datetime cannot hold.
        beyond = datetime.max.replace(tzinfo=zone("Etc/GMT+12"))
        for timezone_ in ["UTC", "Etc/GMT+12", "Pacific/Kiritimati", "America/New_York"]:
            schedule = cronwall.Schedule("* * * * *", timezone_)
            assert schedule.next_after(beyond) is None, timezone_
            assert list(schedule.iter_after(beyond)) == [], timezone_
            assert schedule.upcoming(3, after=beyond) == [], timezone_
            if timezone_ != "Pacific/Kiritimati":  # there 23:59Z is local 10000-01-01 13:59
                assert iso(schedule.prev_before(beyond)) == "9999-12-31T23:59:00+00:00", timezone_
        in_zone = cronwall.Schedule("* * * * *", "Etc/GMT+12")
        assert isos(in_zone.between(utc(9999, 12, 31, 23, 58), beyond)) == [
            "9999-12-31T23:59:00+00:00"
        ]
        fixed_beyond = datetime.max.replace(tzinfo=fixed(-23, -59))
        assert cronwall.Schedule("* * * * *", "UTC").next_after(fixed_beyond) is None

    def test_an_input_whose_utc_instant_is_before_year_1(self) -> None:
        # datetime.min at +14:00 is 0000-12-31T10:00Z, which datetime cannot hold.
        before_one = datetime.min.replace(tzinfo=zone("Etc/GMT-14"))
        for timezone_ in ["UTC", "Etc/GMT-14", "Etc/GMT+12"]:
            schedule = cronwall.Schedule("* * * * *", timezone_)
            assert schedule.prev_before(before_one) is None, timezone_
            assert list(schedule.iter_before(before_one)) == [], timezone_
        assert iso(cronwall.Schedule("* * * * *", "UTC").next_after(before_one)) == (
            "0001-01-01T00:00:00+00:00"
        )
        # Local 00:00-13:59 on 0001-01-01 at +14:00 are instants before year 1: no fires.
        plus_fourteen = cronwall.Schedule("* * * * *", "Etc/GMT-14")
        assert iso(plus_fourteen.next_after(before_one)) == "0001-01-01T00:00:00+00:00"
        fixed_before = datetime.min.replace(tzinfo=fixed(23, 59))
        assert cronwall.Schedule("* * * * *", "UTC").prev_before(fixed_before) is None

    def test_plus_fourteen_has_no_midnight_before_year_1(self) -> None:
        midnight = cronwall.Schedule("0 0 * * *", "Etc/GMT-14")
        assert isos(midnight.iter_before(utc(1, 1, 2))) == [
            "0001-01-01T10:00:00+00:00"  # 00:00 on 0001-01-02; 0001-01-01 00:00 is year 0 UTC
        ]

    def test_minus_twelve_has_its_first_midnight_at_noon_utc(self) -> None:
        midnight = cronwall.Schedule("0 0 * * *", "Etc/GMT+12")
        assert isos(midnight.iter_before(utc(1, 1, 2))) == ["0001-01-01T12:00:00+00:00"]
        every_minute = cronwall.Schedule("* * * * *", "Etc/GMT+12")
        assert iso(every_minute.prev_before(utc(1, 1, 1, 12, 30))) == "0001-01-01T12:29:00+00:00"

    def test_kiritimati_fires_while_its_local_date_is_still_in_year_9999(self) -> None:
        noon = cronwall.Schedule("0 12 * * *", "Pacific/Kiritimati")
        assert iso(noon.next_after(utc(9999, 12, 30))) == "9999-12-30T22:00:00+00:00"
        every_minute = cronwall.Schedule("* * * * *", "Pacific/Kiritimati")
        end_of_9999 = datetime.max.replace(tzinfo=zone("Pacific/Kiritimati"))  # 09:59:59.999999Z
        assert iso(every_minute.prev_before(end_of_9999)) == "9999-12-31T09:59:00+00:00"

    def test_kiritimati_in_local_mean_time_near_year_1(self) -> None:
        # -10:29:20: wall second 0 falls at UTC second 20.
        midnight = cronwall.Schedule("0 0 * * *", "Pacific/Kiritimati")
        assert isos(midnight.iter_before(utc(1, 1, 2, 12))) == [
            "0001-01-02T10:29:20+00:00",
            "0001-01-01T10:29:20+00:00",
        ]
        start = datetime.min.replace(tzinfo=zone("Pacific/Kiritimati"))  # 0001-01-01T10:29:20Z
        assert midnight.prev_before(start) is None
        assert iso(midnight.next_after(start)) == "0001-01-02T10:29:20+00:00"

    @pytest.mark.parametrize(
        ("expression", "zone_name", "start", "accepted"),
        [
            # The local wall time of these instants is in year 10000, so whether they fire is
            # not settled by the contract; either answer is accepted, raising is not.
            (
                "0 12 * * *",
                "Pacific/Kiritimati",
                utc(9999, 12, 30, 22),
                "9999-12-31T22:00:00+00:00",
            ),
            ("0 0 1 1 *", "Pacific/Kiritimati", utc(9999, 6, 1), "9999-12-31T10:00:00+00:00"),
            ("* * * * *", "Etc/GMT-14", utc(9999, 12, 31, 9, 59, 30), "9999-12-31T10:00:00+00:00"),
        ],
    )
    def test_a_fire_whose_local_date_is_in_year_10000_is_none_or_that_instant(
        self, expression: str, zone_name: str, start: datetime, accepted: str
    ) -> None:
        fire = cronwall.Schedule(expression, zone_name).next_after(start)
        assert fire is None or fire.isoformat() == accepted

    @pytest.mark.parametrize(
        "zone_name",
        [
            "UTC",
            "Etc/GMT+12",
            "Etc/GMT-14",
            "Pacific/Kiritimati",
            "America/New_York",
            "Pacific/Apia",
        ],
    )
    @pytest.mark.parametrize(
        "expression", ["* * * * *", "0 0 1 1 *", "0 0 29 2 *", "59 23 31 12 *", "0 12 * * SUN"]
    )
    def test_nothing_raises_near_either_end_of_time(self, expression: str, zone_name: str) -> None:
        schedule = cronwall.Schedule(expression, zone_name)
        for start in [MAX_UTC, utc(9999, 12, 31), utc(9999, 12, 30, 12)]:
            forward = [schedule.next_after(start), *islice(schedule.iter_after(start), 5)]
            forward += schedule.upcoming(5, after=start)
            forward += list(schedule.between(start, MAX_UTC))
            assert all(fire is None or fire > start for fire in forward)
        for start in [MIN_UTC, utc(1, 1, 1, 12), utc(1, 1, 2, 12)]:
            backward = [schedule.prev_before(start), *islice(schedule.iter_before(start), 5)]
            assert all(fire is None or fire < start for fire in backward)
        ascending = list(schedule.iter_after(utc(9999, 12, 29)))
        assert ascending == sorted(set(ascending))
        descending = list(islice(schedule.iter_before(utc(1, 1, 3)), 10_000))
        assert descending == sorted(set(descending), reverse=True)


def test_both_ways_of_building_output_datetimes_agree() -> None:
    # fromtimestamp is used where the platform covers years 1-9999; the timedelta way elsewhere.
    from cronwall import _schedule

    for u in (_schedule.FIRST_INSTANT, -1, 0, 1_793_000_000, _schedule.LAST_INSTANT):
        fast = datetime.fromtimestamp(u, timezone.utc)
        slow = _schedule._via_timedelta(u, timezone.utc)
        assert (fast, fast.tzinfo, fast.isoformat()) == (slow, slow.tzinfo, slow.isoformat())
