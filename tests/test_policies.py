"""Named DST policies: ``Schedule(..., gap="skip"|"late", fold="both"|"first"|"last")``.

``gap="late"`` fires every matching wall time of a gap once, at the first instant after the gap
(the transition), and not at all when that instant is itself a fire; ``fold="first"``/``"last"``
fires a wall time of a fold only in the first/second pass. Everything else is literal.

Every expected string was worked out from the zone's rules and checked against the brute-force
oracle (``cronwall.testing.reference_fires(..., gap=, fold=)``), which the laws in
``tests/property`` compare with the engine on random cases. Zone facts are those of tzdata 2026f.
"""

from __future__ import annotations

import json
import pickle
from datetime import datetime, timedelta, timezone
from itertools import islice
from typing import Any, ClassVar

import pytest
from cli_runner import run

import cronwall
from cronwall import CronwallError, Schedule

UTC = timezone.utc
HALF_HOURS = ("06:00", "06:30", "07:00", "07:30")
POLICIES = [(gap, fold) for gap in ("skip", "late") for fold in ("both", "first", "last")]


def utc(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=UTC)  # type: ignore[arg-type,misc]


def fires(
    expression: str, zone: str, start: datetime, end: datetime, gap: str, fold: str
) -> list[str]:
    schedule = Schedule(expression, zone, gap=gap, fold=fold)  # type: ignore[arg-type]
    return [fire.isoformat() for fire in schedule.between(start, end)]


class TestNewYork:
    # America/New_York, 2026. At 2026-03-08T07:00Z the clocks go from 01:59:59 EST to 03:00 EDT
    # (02:00-02:59 is a gap); at 2026-11-01T06:00Z from 01:59:59 EDT back to 01:00 EST
    # (01:00-01:59 is a fold: first pass 05:00-05:59Z, second pass 06:00-06:59Z).
    # The spring-forward day depends only on `gap`, the fall-back day only on `fold`.
    SPRING: ClassVar[dict[tuple[str, str], list[str]]] = {
        ("30 2 * * *", "skip"): [],
        ("30 2 * * *", "late"): ["2026-03-08T07:00:00+00:00"],  # 03:00 EDT
        ("30 1 * * *", "skip"): ["2026-03-08T06:30:00+00:00"],
        ("30 1 * * *", "late"): ["2026-03-08T06:30:00+00:00"],
        # 02:00 and 02:30 are late at 07:00Z, which is 03:00 EDT, itself a fire: once.
        ("*/30 * * * *", "skip"): [f"2026-03-08T{t}:00+00:00" for t in HALF_HOURS],
        ("*/30 * * * *", "late"): [f"2026-03-08T{t}:00+00:00" for t in HALF_HOURS],
    }
    FALL: ClassVar[dict[tuple[str, str], list[str]]] = {
        ("30 2 * * *", "both"): ["2026-11-01T07:30:00+00:00"],  # 02:30 EST, not in the fold
        ("30 2 * * *", "first"): ["2026-11-01T07:30:00+00:00"],
        ("30 2 * * *", "last"): ["2026-11-01T07:30:00+00:00"],
        ("30 1 * * *", "both"): ["2026-11-01T05:30:00+00:00", "2026-11-01T06:30:00+00:00"],
        ("30 1 * * *", "first"): ["2026-11-01T05:30:00+00:00"],  # 01:30 EDT
        ("30 1 * * *", "last"): ["2026-11-01T06:30:00+00:00"],  # 01:30 EST
        ("0 * * * *", "both"): [f"2026-11-01T0{h}:00:00+00:00" for h in (4, 5, 6, 7)],
        ("0 * * * *", "first"): [f"2026-11-01T0{h}:00:00+00:00" for h in (4, 5, 7)],  # 2 h gap
        ("0 * * * *", "last"): [f"2026-11-01T0{h}:00:00+00:00" for h in (4, 6, 7)],
    }

    @pytest.mark.parametrize(("gap", "fold"), POLICIES)
    @pytest.mark.parametrize("expression", ["30 2 * * *", "30 1 * * *", "*/30 * * * *"])
    def test_the_spring_forward_day_follows_the_gap_policy(
        self, expression: str, gap: str, fold: str
    ) -> None:
        got = fires(
            expression,
            "America/New_York",
            utc(2026, 3, 8, 5, 59),
            utc(2026, 3, 8, 7, 30),
            gap,
            fold,
        )
        assert got == self.SPRING[expression, gap]

    @pytest.mark.parametrize(("gap", "fold"), POLICIES)
    @pytest.mark.parametrize("expression", ["30 2 * * *", "30 1 * * *", "0 * * * *"])
    def test_the_fall_back_day_follows_the_fold_policy(
        self, expression: str, gap: str, fold: str
    ) -> None:
        got = fires(
            expression,
            "America/New_York",
            utc(2026, 11, 1, 3, 59),
            utc(2026, 11, 1, 7, 30),
            gap,
            fold,
        )
        assert got == self.FALL[expression, fold]

    @pytest.mark.parametrize(("gap", "fold"), POLICIES)
    def test_ordinary_days_are_untouched_by_every_policy(self, gap: str, fold: str) -> None:
        assert fires(
            "30 1,2 * * *", "America/New_York", utc(2026, 7, 1), utc(2026, 7, 2), gap, fold
        ) == [
            "2026-07-01T05:30:00+00:00",
            "2026-07-01T06:30:00+00:00",
        ]

    def test_a_late_fire_is_found_from_both_sides(self) -> None:
        schedule = Schedule("30 2 * * *", "America/New_York", gap="late")
        late = schedule.next_after(utc(2026, 3, 7, 12))
        assert late is not None
        assert late.isoformat() == "2026-03-08T07:00:00+00:00"
        assert late.astimezone(schedule.tzinfo).isoformat() == "2026-03-08T03:00:00-04:00"
        back = schedule.prev_before(utc(2026, 3, 9))
        assert back is not None
        assert back.isoformat() == "2026-03-08T07:00:00+00:00"
        assert [f.isoformat() for f in islice(schedule.iter_before(utc(2026, 3, 9, 12)), 3)] == [
            "2026-03-09T06:30:00+00:00",
            "2026-03-08T07:00:00+00:00",
            "2026-03-07T07:30:00+00:00",
        ]


class TestHalfHourChanges:
    # Australia/Lord_Howe moves between +10:30 and +11:00. On 2026-04-05 at 15:00Z (02:00 +11:00)
    # the clocks go back to 01:30 +10:30: 01:30-01:59 is a fold. On 2026-10-04 at 15:30Z
    # (02:00 +10:30) they go forward to 02:30 +11:00: 02:00-02:29 is a gap.
    @pytest.mark.parametrize(
        ("fold", "expected"),
        [
            ("both", ["2026-04-04T14:45:00+00:00", "2026-04-04T15:15:00+00:00"]),
            ("first", ["2026-04-04T14:45:00+00:00"]),  # 01:45 +11:00
            ("last", ["2026-04-04T15:15:00+00:00"]),  # 01:45 +10:30
        ],
    )
    def test_only_the_half_hour_fold_is_thinned(self, fold: str, expected: list[str]) -> None:
        start, end = utc(2026, 4, 4, 13), utc(2026, 4, 4, 17)
        assert fires("45 1 * * *", "Australia/Lord_Howe", start, end, "skip", fold) == expected
        # 01:15 is outside the fold: once, whatever the policy.
        assert fires("15 1 * * *", "Australia/Lord_Howe", start, end, "skip", fold) == [
            "2026-04-04T14:15:00+00:00"
        ]

    def test_a_wall_time_in_the_half_hour_gap_runs_at_half_past_two(self) -> None:
        start, end = utc(2026, 10, 3, 14), utc(2026, 10, 3, 18)
        assert fires("15 2 * * *", "Australia/Lord_Howe", start, end, "skip", "both") == []
        assert fires("15 2 * * *", "Australia/Lord_Howe", start, end, "late", "both") == [
            "2026-10-03T15:30:00+00:00"  # 02:30 +11:00
        ]

    def test_gap_times_join_the_fire_at_the_end_of_the_gap_without_a_double_fire(self) -> None:
        # 02:00 and 02:15 are late at 15:30Z, which is 02:30 +11:00, itself a fire.
        start, end = utc(2026, 10, 3, 14), utc(2026, 10, 3, 18)
        for gap in ("skip", "late"):
            assert fires("0,15,30 2 * * *", "Australia/Lord_Howe", start, end, gap, "both") == [
                "2026-10-03T15:30:00+00:00"
            ]

    def test_an_hourly_schedule_gains_a_late_run_at_the_end_of_a_half_hour_gap(self) -> None:
        start, end = utc(2026, 10, 3, 14), utc(2026, 10, 3, 17)
        assert fires("0 * * * *", "Australia/Lord_Howe", start, end, "late", "both") == [
            "2026-10-03T14:30:00+00:00",  # 01:00 +10:30
            "2026-10-03T15:30:00+00:00",  # late for 02:00, at 02:30 +11:00
            "2026-10-03T16:00:00+00:00",  # 03:00 +11:00
            "2026-10-03T17:00:00+00:00",
        ]


class TestNegativeDst:
    # Europe/Dublin: summer time (+01:00) is standard time in the tz data and winter GMT is
    # negative DST, but the offsets move as London's: gap 01:00-01:59 on 2026-03-29 (at 01:00Z),
    # fold 01:00-01:59 on 2026-10-25 (at 01:00Z: 01:59:59 +01:00 back to 01:00 +00:00).
    def test_a_gap_time_runs_late_at_two_oclock_summer_time(self) -> None:
        got = fires(
            "30 1 * * *", "Europe/Dublin", utc(2026, 3, 29), utc(2026, 3, 29, 3), "late", "both"
        )
        assert got == ["2026-03-29T01:00:00+00:00"]

    @pytest.mark.parametrize(
        ("fold", "expected"),
        [
            ("first", ["2026-10-25T00:30:00+00:00"]),  # 01:30 +01:00
            ("last", ["2026-10-25T01:30:00+00:00"]),  # 01:30 +00:00
        ],
    )
    def test_a_fold_time_runs_in_one_pass(self, fold: str, expected: list[str]) -> None:
        start, end = utc(2026, 10, 24, 23), utc(2026, 10, 25, 3)
        assert fires("30 1 * * *", "Europe/Dublin", start, end, "skip", fold) == expected


class TestMidnight:
    # America/Santiago: on 2026-09-06 at 04:00Z the clocks go from Saturday 23:59:59 -04:00 to
    # Sunday 01:00 -03:00 (00:00-00:59 is a gap); on 2026-04-05 at 03:00Z from 23:59:59 -03:00
    # back to 23:00 -04:00 (Saturday's 23:00-23:59 is a fold).
    def test_a_skipped_midnight_runs_at_one_oclock(self) -> None:
        start, end = utc(2026, 9, 6, 2), utc(2026, 9, 6, 6)
        assert fires("0 0 * * *", "America/Santiago", start, end, "skip", "both") == []
        assert fires("0 0 * * *", "America/Santiago", start, end, "late", "both") == [
            "2026-09-06T04:00:00+00:00"  # Sunday 01:00 -03:00
        ]

    def test_a_repeated_late_evening_runs_once(self) -> None:
        start, end = utc(2026, 4, 5, 1), utc(2026, 4, 5, 5)
        assert fires("30 23 * * *", "America/Santiago", start, end, "skip", "first") == [
            "2026-04-05T02:30:00+00:00"
        ]
        assert fires("30 23 * * *", "America/Santiago", start, end, "skip", "last") == [
            "2026-04-05T03:30:00+00:00"
        ]


class TestSkippedDay:
    # Pacific/Apia skipped Friday 2011-12-30: at 2011-12-30T10:00Z the clocks went from Thursday
    # 23:59:59 -10:00 to Saturday 00:00 +14:00. Under gap="late" every matching wall time of
    # that Friday fires once, together, at 10:00Z (Saturday 00:00 +14:00).
    START, END = utc(2011, 12, 29, 12), utc(2011, 12, 31, 12)

    def test_noon_of_the_skipped_day_runs_at_the_start_of_the_next(self) -> None:
        assert fires("0 12 * * *", "Pacific/Apia", self.START, self.END, "skip", "both") == [
            "2011-12-29T22:00:00+00:00",  # Thursday noon -10:00
            # Saturday noon +14:00
            "2011-12-30T22:00:00+00:00",
        ]
        assert fires("0 12 * * *", "Pacific/Apia", self.START, self.END, "late", "both") == [
            "2011-12-29T22:00:00+00:00",
            "2011-12-30T10:00:00+00:00",  # late for Friday noon
            "2011-12-30T22:00:00+00:00",
        ]

    def test_a_date_that_only_the_skipped_day_had_runs_once_late(self) -> None:
        assert fires("0 12 30 12 *", "Pacific/Apia", self.START, self.END, "skip", "both") == []
        assert fires("0 12 30 12 *", "Pacific/Apia", self.START, self.END, "late", "both") == [
            "2011-12-30T10:00:00+00:00"
        ]

    def test_every_half_hour_of_the_skipped_day_becomes_one_run(self) -> None:
        start, end = utc(2011, 12, 30, 9), utc(2011, 12, 30, 11)
        expected = [f"2011-12-30T{t}:00+00:00" for t in ("09:30", "10:00", "10:30", "11:00")]
        # 48 skipped wall times are all late at 10:00Z, Saturday 00:00, itself a fire.
        assert fires("*/30 * * * *", "Pacific/Apia", start, end, "late", "both") == expected
        assert fires("*/30 * * * *", "Pacific/Apia", start, end, "skip", "both") == expected


class TestTzinfoObjects:
    # A caller's tzinfo gets exactly its own rules, policies included.
    @pytest.mark.parametrize(("gap", "fold"), POLICIES)
    def test_a_zoneinfo_object_gives_what_its_name_gives(self, gap: str, fold: str) -> None:
        by_name = Schedule("*/20 1,2 * * *", "America/New_York", gap=gap, fold=fold)  # type: ignore[arg-type]
        zone = cronwall.get_zone("America/New_York")
        by_object = Schedule("*/20 1,2 * * *", zone, gap=gap, fold=fold)  # type: ignore[arg-type]
        for start in (utc(2026, 3, 8), utc(2026, 11, 1)):
            assert list(by_object.between(start, start + timedelta(days=1))) == list(
                by_name.between(start, start + timedelta(days=1))
            )


class TestEverythingCarriesThePolicy:
    def test_due_offers_the_late_run_and_one_pass_of_a_fold(self) -> None:
        late = Schedule("30 2 * * *", "America/New_York", gap="late")
        assert [f.isoformat() for f in late.due(utc(2026, 3, 8), utc(2026, 3, 8, 7))] == [
            "2026-03-08T07:00:00+00:00"
        ]
        first = Schedule("30 1 * * *", "America/New_York", fold="first")
        got = first.due(utc(2026, 11, 1), utc(2026, 11, 1, 8), catchup="all")
        assert [f.isoformat() for f in got] == ["2026-11-01T05:30:00+00:00"]
        last = Schedule("30 1 * * *", "America/New_York", fold="last")
        # At 06:00Z the first pass is over, and under fold="last" it was never a fire.
        assert last.due(utc(2026, 11, 1), utc(2026, 11, 1, 6), catchup="all") == []

    def test_jittered_runs_carry_the_policy(self) -> None:
        schedule = Schedule("30 2 * * *", "America/New_York", gap="late")
        run = next(schedule.iter_runs(utc(2026, 3, 7, 12), key="billing"))
        assert run.scheduled_at.isoformat() == "2026-03-08T07:00:00+00:00"
        assert run.run_at == run.scheduled_at + cronwall.jitter("billing")

    def test_upcoming_carries_the_policy(self) -> None:
        schedule = Schedule("30 1 * * *", "America/New_York", fold="last")
        assert [f.isoformat() for f in schedule.upcoming(2, after=utc(2026, 11, 1))] == [
            "2026-11-01T06:30:00+00:00",
            "2026-11-02T06:30:00+00:00",
        ]

    def test_hazards_say_what_the_policy_does(self) -> None:
        year = (utc(2026, 1, 1), utc(2027, 1, 1))
        gap, fold = Schedule(
            "30 1,2 * * *", "America/New_York", gap="late", fold="first"
        ).dst_hazards(*year)
        assert (gap.kind, gap.policy) == ("gap", "late")
        assert [f.isoformat() for f in gap.fires] == ["2026-03-08T07:00:00+00:00"]
        assert gap.message == (
            "late run for 02:30 on 2026-03-08 at 2026-03-08T07:00:00Z: America/New_York clocks "
            "go forward 1 hour at 02:00, so that wall time is skipped, and gap='late' runs it "
            "when the gap ends"
        )
        assert (fold.kind, fold.policy) == ("fold", "first")
        assert [f.isoformat() for f in fold.fires] == ["2026-11-01T05:30:00+00:00"]
        assert fold.message == (
            "1 run at 01:30 on 2026-11-01 (2026-11-01T05:30:00Z, first pass): America/New_York "
            "clocks go back 1 hour at 02:00, so that wall time happens twice, and "
            "fold='first' runs it only in the first pass"
        )
        assert fold.to_dict()["policy"] == "first"
        assert fold.to_dict()["runs_at"] == ["2026-11-01T05:30:00Z"]
        assert {policy: [f.isoformat() for f in fires] for policy, fires in fold.by_policy} == {
            "both": ["2026-11-01T05:30:00+00:00", "2026-11-01T06:30:00+00:00"],
            "first": ["2026-11-01T05:30:00+00:00"],
            "last": ["2026-11-01T06:30:00+00:00"],
        }

    def test_default_hazards_are_what_they_were(self) -> None:
        (gap,) = Schedule("30 2 * * *", "America/New_York").dst_hazards(
            utc(2026, 1, 1), utc(2026, 6, 1)
        )
        assert gap.fires == ()
        assert gap.policy == "skip"
        assert "policy" not in gap.to_dict()
        assert dict(gap.by_policy)["late"] == (utc(2026, 3, 8, 7),)


class TestValues:
    def test_the_policy_is_part_of_the_value(self) -> None:
        literal = Schedule("30 1 * * *", "America/New_York")
        first = Schedule("30 1 * * *", "America/New_York", fold="first")
        assert literal != first
        assert first == Schedule("30 1 * * *", "America/New_York", fold="first")
        assert hash(first) == hash(Schedule("30 1 * * *", "America/New_York", fold="first"))
        assert len({literal, first, Schedule("30 1 * * *", "America/New_York", fold="last")}) == 3
        assert literal == Schedule("30 1 * * *", "America/New_York", gap="skip", fold="both")

    def test_repr_names_only_a_policy_that_is_not_the_default(self) -> None:
        assert repr(Schedule("30 1 * * *", "America/New_York")) == (
            "Schedule('30 1 * * *', 'America/New_York')"
        )
        assert repr(Schedule("30 1 * * *", "America/New_York", gap="late", fold="last")) == (
            "Schedule('30 1 * * *', 'America/New_York', gap='late', fold='last')"
        )
        assert repr(Schedule("30 1 * * *", "UTC", fold="first")) == (
            "Schedule('30 1 * * *', 'UTC', fold='first')"
        )

    def test_a_default_schedule_pickles_to_the_same_bytes_as_before_policies(self) -> None:
        # The bytes a Schedule pickled to before policies existed (protocol 4).
        before = (
            b"\x80\x04\x95=\x00\x00\x00\x00\x00\x00\x00\x8c\x08cronwall\x94\x8c\x08Schedule\x94"
            b"\x93\x94\x8c\n30 2 * * *\x94\x8c\x10America/New_York\x94\x86\x94R\x94."
        )
        assert pickle.dumps(Schedule("30 2 * * *", "America/New_York"), protocol=4) == before

    @pytest.mark.parametrize(("gap", "fold"), POLICIES)
    def test_a_schedule_with_a_policy_pickles_with_it(self, gap: str, fold: str) -> None:
        schedule = Schedule("30 1,2 * * *", "America/New_York", gap=gap, fold=fold)  # type: ignore[arg-type]
        copy = pickle.loads(pickle.dumps(schedule))
        assert copy == schedule
        assert (copy.gap, copy.fold) == (gap, fold)
        start = utc(2026, 1, 1)
        assert list(islice(copy.iter_after(start), 400)) == list(
            islice(schedule.iter_after(start), 400)
        )

    def test_a_schedule_with_a_policy_is_immutable(self) -> None:
        schedule = Schedule("30 1 * * *", "UTC", gap="late")
        with pytest.raises(AttributeError, match="immutable"):
            schedule.gap = "skip"  # type: ignore[misc]
        assert isinstance(schedule, Schedule)


class TestInvalidPolicies:
    @pytest.mark.parametrize(
        ("options", "param", "message"),
        [
            # "forward" is another library's word; cronwall's is "late".
            ({"gap": "forward"}, "gap", "gap policy 'forward' is not one of 'skip' or 'late'"),
            # Names are case-sensitive, as every option string is.
            ({"gap": "Late"}, "gap", "gap policy 'Late' is not one of 'skip' or 'late'"),
            # "once" says what, not which pass.
            (
                {"fold": "once"},
                "fold",
                "fold policy 'once' is not one of 'both', 'first' or 'last'",
            ),
            # The empty string is no policy.
            ({"fold": ""}, "fold", "fold policy '' is not one of 'both', 'first' or 'last'"),
        ],
    )
    def test_an_unknown_policy_name_is_a_cronwall_error(
        self, options: dict[str, Any], param: str, message: str
    ) -> None:
        with pytest.raises(CronwallError) as raised:
            Schedule("0 0 * * *", "UTC", **options)
        assert str(raised.value) == message
        assert raised.value.param == param

    @pytest.mark.parametrize(
        ("options", "message"),
        [
            # A boolean says nothing about which policy.
            ({"gap": True}, "gap must be one of 'skip' or 'late' (a str), not bool"),
            # None is not the default; leave the argument out for that.
            ({"fold": None}, "fold must be one of 'both', 'first' or 'last' (a str), not NoneType"),
        ],
    )
    def test_a_policy_that_is_not_a_string_is_a_type_error(
        self, options: dict[str, Any], message: str
    ) -> None:
        with pytest.raises(TypeError) as raised:
            Schedule("0 0 * * *", "UTC", **options)
        assert str(raised.value) == message

    def test_an_overlong_policy_name_is_cut_short_in_the_message(self) -> None:
        with pytest.raises(CronwallError) as raised:
            Schedule("0 0 * * *", "UTC", gap="x" * 1000)
        assert str(raised.value) == (
            f"gap policy {'x' * 40!r} (and 960 more characters) is not one of 'skip' or 'late'"
        )

    def test_a_subclass_of_schedule_refuses_a_policy_it_would_ignore(self) -> None:
        class Mine(Schedule):
            __slots__ = ()

        assert Mine("0 0 * * *", "UTC").gap == "skip"
        with pytest.raises(TypeError, match="takes only the literal policy"):
            Mine("0 0 * * *", "UTC", gap="late")


class TestCommandLine:
    # The CLI's --gap and --fold build the same schedule as the library's keywords.
    def test_next_runs_a_gap_time_late_with_gap_late(self) -> None:
        args = ("next", "30 2 * * *", "--tz", "America/New_York", "-n", "2")
        after = ("--after", "2026-03-07T12:00:00Z", "--local")
        status, out, _ = run(*args, *after, "--gap", "late")
        assert status == 0
        assert out.splitlines() == [
            "2026-03-08T07:00:00Z  2026-03-08T03:00:00-04:00",
            "2026-03-09T06:30:00Z  2026-03-09T02:30:00-04:00",
        ]
        status, out, _ = run(*args, *after)
        assert out.splitlines()[0] == "2026-03-09T06:30:00Z  2026-03-09T02:30:00-04:00"

    def test_next_json_names_a_policy_only_when_it_is_not_the_default(self) -> None:
        args = ("next", "30 1 * * *", "--tz", "America/New_York", "--json", "-n", "2")
        after = ("--after", "2026-11-01T00:00:00Z")
        status, out, _ = run(*args, *after, "--fold", "last")
        assert status == 0
        assert json.loads(out) == {
            "type": "cron",
            "expression": "30 1 * * *",
            "timezone": "America/New_York",
            "upcoming_runs_at": ["2026-11-01T06:30:00Z", "2026-11-02T06:30:00Z"],
            "fold": "last",
        }
        _, out, _ = run(*args, *after)
        assert "fold" not in json.loads(out)

    def test_explain_says_what_the_policy_does_and_lists_its_runs(self) -> None:
        status, out, _ = run(
            "explain", "30 1 * * *", "--tz", "America/New_York", "-n", "2",
            "--after", "2026-11-01T00:00:00Z", "--fold", "first",
        )  # fmt: skip
        assert status == 0
        lines = out.splitlines()
        assert (
            lines[1] == "--fold first: wall times a clock change repeats run only in the first pass"
        )
        assert lines[4:6] == [
            "  Sun 2026-11-01 01:30 -04:00 EDT  2026-11-01T05:30:00Z",
            "  Mon 2026-11-02 01:30 -05:00 EST  2026-11-02T06:30:00Z",
        ]


class TestApiObjects:
    # The API object keeps its three keys by default; "gap" and "fold" are optional.
    NEW_YORK: ClassVar[dict[str, Any]] = {
        "type": "cron",
        "expression": "30 2 * * *",
        "timezone": "America/New_York",
    }

    def test_a_policy_key_is_validated_and_applied(self) -> None:
        got = cronwall.validate_schedule(
            {**self.NEW_YORK, "gap": "late"}, now=utc(2026, 3, 7, 12), count=2
        )
        assert got == {
            "type": "cron",
            "expression": "30 2 * * *",
            "timezone": "America/New_York",
            "gap": "late",
            "last_run_at": None,
            "upcoming_runs_at": ["2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"],
        }

    def test_the_default_policy_leaves_the_object_as_it_was(self) -> None:
        for extra in ({}, {"gap": "skip", "fold": "both"}):
            got = cronwall.validate_schedule(
                {**self.NEW_YORK, **extra}, now=utc(2026, 3, 7), count=1
            )
            assert sorted(got) == [
                "expression",
                "last_run_at",
                "timezone",
                "type",
                "upcoming_runs_at",
            ]

    def test_a_schedule_with_a_policy_renders_it(self) -> None:
        schedule = Schedule("30 1 * * *", "America/New_York", fold="first")
        document = schedule.to_dict(now=utc(2026, 11, 1), count=1)
        assert document["fold"] == "first"
        assert "gap" not in document
        assert document["upcoming_runs_at"] == ["2026-11-01T05:30:00Z"]

    @pytest.mark.parametrize(
        ("extra", "code", "message"),
        [
            # Not a policy name; the hint lists them.
            ({"gap": "forward"}, "parameter_invalid_value",
             "schedule gap 'forward' is not a gap policy; "
             "use one of 'skip', 'late' (default 'skip')"),
            # JSON null is not "the default": leave the key out for that.
            ({"fold": None}, "parameter_invalid_type", "schedule fold must be a string, not null"),
            # A JSON boolean says nothing about which pass.
            ({"fold": True}, "parameter_invalid_type",
             "schedule fold must be a string, not a boolean"),
        ],
    )  # fmt: skip
    def test_a_bad_policy_key_is_the_clients_error(
        self, extra: dict[str, Any], code: str, message: str
    ) -> None:
        with pytest.raises(cronwall.ParameterError) as raised:
            cronwall.validate_schedule({**self.NEW_YORK, **extra})
        assert raised.value.code == code
        assert str(raised.value) == message
        assert raised.value.param == f"schedule.{next(iter(extra))}"

    def test_warnings_say_what_the_policy_does_with_each_clock_change(self) -> None:
        got = cronwall.validate_schedule(
            {**self.NEW_YORK, "expression": "*/30 1,2 * * *", "gap": "late", "fold": "last"},
            now=utc(2026, 1, 1),
            warn=True,
        )
        gap, fold = got["warnings"]
        assert gap["message"] == (
            "2 runs delayed to the end of the gap on 2026-03-08 (02:00 and 02:30): "
            "America/New_York clocks go forward 1 hour at 02:00, so those wall times do not exist"
        )
        assert gap["runs_at"] == ["2026-03-08T07:00:00Z", "2026-03-08T07:00:00Z"]
        assert fold["message"] == (
            "2 runs kept to the second pass on 2026-11-01 (01:00 and 01:30): "
            "America/New_York clocks go back 1 hour at 02:00, so those wall times happen twice"
        )
        assert fold["runs_at"] == ["2026-11-01T06:00:00Z", "2026-11-01T06:30:00Z"]
