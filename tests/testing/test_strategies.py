"""The strategies of ``cronwall.testing`` produce only what they promise.

Thousands of draws are checked against the parser: every valid expression parses to the meaning
the strategy worked out on its own, every invalid one is rejected for the field it names.
"""

from __future__ import annotations

import re
from collections.abc import Set
from datetime import datetime, timezone
from typing import Any, get_args

import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import cronwall
from cronwall.testing import (
    INTERESTING_TIMEZONES,
    InvalidExpression,
    InvalidKind,
    ScheduleCase,
    expressions,
    instants,
    invalid_expressions,
    schedules,
    timezones,
    transitions,
)
from cronwall.testing._strategies import ExpressionCase, expression_cases

UTC = timezone.utc
MANY = settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
THOUSAND = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SOME = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FIND = settings(max_examples=5000, database=None)


def day_table(days: Set[int], weekdays: Set[int], rule: str) -> set[tuple[int, int]]:
    """The (day of month, weekday) pairs the two day fields accept under ``rule``."""
    table = set()
    for day in range(1, 32):
        for weekday in range(7):
            by_day, by_weekday = day in days, weekday in weekdays
            if (by_day and by_weekday) if rule == "and" else (by_day or by_weekday):
                table.add((day, weekday))
    return table


class TestExpressions:
    @MANY
    @given(expression_cases())
    def test_every_expression_parses_to_the_meaning_drawn_with_it(
        self, case: ExpressionCase
    ) -> None:
        cron = cronwall.parse(case.text)
        minutes, hours, days, months, weekdays = case.values
        assert set(cron.minutes) == minutes
        assert set(cron.hours) == hours
        assert set(cron.months) == months
        # The parser may simplify the day fields (an "or" with a whole field is every day), so
        # compare which days they accept rather than their masks.
        assert day_table(set(cron.days_of_month), set(cron.days_of_week), cron.day_rule) == (
            day_table(days, weekdays, case.day_rule)
        )

    @THOUSAND
    @given(expressions())
    def test_every_expression_fits_the_length_limit_and_fires(self, expression: str) -> None:
        assert len(expression) <= 512
        assert cronwall.Schedule(expression).next_after(datetime(2000, 1, 1, tzinfo=UTC))

    @SOME
    @given(expressions(fields=("minute",), allow_names=False, max_items=1))
    def test_only_the_fields_named_are_restricted(self, expression: str) -> None:
        fields = expression.split()
        assert fields[1:] == ["*", "*", "*", "*"]
        assert "," not in fields[0]
        assert not re.search("[A-Za-z]", expression)

    @SOME
    @given(expressions(allow_ranges=False, allow_steps=False))
    def test_ranges_and_steps_can_be_left_out(self, expression: str) -> None:
        assert "/" not in expression
        assert "-" not in expression

    @SOME
    @given(expressions(day_rule="or"))
    def test_day_rule_or_restricts_both_day_fields(self, expression: str) -> None:
        fields = expression.split()
        assert not fields[2].startswith("*")
        assert not fields[4].startswith("*")

    @SOME
    @given(expressions(day_rule="and"))
    def test_day_rule_and_starts_a_day_field_with_a_star(self, expression: str) -> None:
        fields = expression.split()
        assert fields[2].startswith("*") or fields[4].startswith("*")

    @SOME
    @given(expressions(max_items=6))
    def test_max_items_bounds_each_list(self, expression: str) -> None:
        assert all(field.count(",") <= 5 for field in expression.split())

    def test_shrinks_to_every_minute(self) -> None:
        assert find(expressions(), lambda expression: True) == "* * * * *"

    @pytest.mark.parametrize(
        ("feature", "predicate"),
        [
            ("a step on *", lambda e: re.search(r"\*/\d", e)),
            ("a stepped range", lambda e: re.search(r"\w-\w+/\d", e)),
            ("a list", lambda e: "," in e),
            (
                "a month name",
                lambda e: re.search("(?i)jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", e),
            ),
            ("a weekday name", lambda e: re.search("(?i)sun|mon|tue|wed|thu|fri|sat", e)),
            ("7 for Sunday", lambda e: re.search(r"(^|[,-])0*7($|[,/-])", e.split()[4])),
            ("0 for Sunday", lambda e: re.search(r"(^|[,-])0+($|[,/-])", e.split()[4])),
            ("a leading zero", lambda e: re.search(r"(^|[\s,/-])0\d", e)),
            ("a tab", lambda e: "\t" in e),
            ("leading blanks", lambda e: e[0] in " \t"),
            ("the or day rule", lambda e: cronwall.parse(e).day_rule == "or"),
            (
                "the and day rule with a restricted day",
                lambda e: re.match(r"\S+\s+\S+\s+\*\s+\S+\s+[^*\s]", e),
            ),
            ("a restricted day and month", lambda e: "*" not in "".join(e.split()[2:4])),
        ],
    )
    def test_covers_the_grammar(self, feature: str, predicate: Any) -> None:
        find(expressions(), predicate, settings=FIND)  # raises NoSuchExample if never drawn

    @pytest.mark.parametrize(
        "options",
        [
            {"fields": ("second",)},  # no such field
            {"fields": "minute"},  # a string, not a collection of names
            {"fields": 5},
            {"max_items": 0},
            {"max_items": True},  # a bool is not a count
            {"max_items": 1.5},
            {"allow_names": "yes"},
            {"allow_ranges": None},
            {"allow_steps": 1},
            {"day_rule": "xor"},
            {"day_rule": "or", "fields": ("minute", "day of month")},  # "or" needs both day fields
        ],
    )
    def test_bad_options_raise_invalid_argument_when_called(self, options: dict[str, Any]) -> None:
        with pytest.raises(InvalidArgument):
            expressions(**options)


def thirty_first_of_short_months(expression: str) -> bool:
    """Like ``0 0 31 4,6,9,11 *``: the 31st of several months that have 30 days or fewer."""
    fields = expression.split()
    months = set(fields[3].upper().split(","))
    return (
        fields[2] == "31"
        and len(months) >= 2
        and months <= {"2", "4", "6", "9", "11", "FEB", "APR", "JUN", "SEP", "NOV"}
    )


class TestInvalidExpressions:
    @MANY
    @given(invalid_expressions())
    def test_every_invalid_expression_is_rejected(self, case: InvalidExpression) -> None:
        with pytest.raises(cronwall.ExpressionError) as caught:
            cronwall.parse(case.expression)
        if case.field is not None:
            assert caught.value.field == case.field, (case, str(caught.value))
        start, end = caught.value.span
        # A missing field is pointed at just past the end of the expression.
        assert 0 <= start <= end <= len(case.expression) + 1

    @pytest.mark.parametrize("kind", get_args(InvalidKind))
    def test_every_kind_is_drawn_and_rejected(self, kind: InvalidKind) -> None:
        @settings(max_examples=100, deadline=None, database=None)
        @given(invalid_expressions(kinds=[kind]))
        def check(case: InvalidExpression) -> None:
            assert case.kind == kind
            assert case.reason
            with pytest.raises(cronwall.ExpressionError):
                cronwall.parse(case.expression)

        check()

    @pytest.mark.parametrize(
        ("kind", "predicate"),
        [
            ("never fires", lambda c: c.expression.split()[2:4] == ["30", "2"]),  # 0 0 30 2 *
            ("never fires", lambda c: thirty_first_of_short_months(c.expression)),
            ("bad separator", lambda c: c.expression.endswith("\n")),  # a trailing newline
            ("step too large", lambda c: c.expression.split()[0] == "*/60"),
            ("step on a value", lambda c: re.fullmatch(r"\d+/\d+", c.expression.split()[0])),
            ("not a number", lambda c: "\u0663" in c.expression),  # ARABIC-INDIC DIGIT THREE
            ("full name", lambda c: "MONDAY" in c.expression),
            ("too long", lambda c: len(c.expression) == 513),  # one character too many
        ],
    )
    def test_the_contract_examples_are_drawn(self, kind: InvalidKind, predicate: Any) -> None:
        find(invalid_expressions(kinds=[kind]), predicate, settings=FIND)

    @pytest.mark.parametrize("kinds", [["bogus"], [], "shortcut", 5])
    def test_bad_kinds_raise_invalid_argument_when_called(self, kinds: Any) -> None:
        with pytest.raises(InvalidArgument):
            invalid_expressions(kinds=kinds)


class TestTimezones:
    @SOME
    @given(timezones())
    def test_every_zone_is_one_cronwall_accepts(self, name: str) -> None:
        assert name in cronwall.available_timezones()
        cronwall.get_zone(name)

    @SOME
    @given(timezones(include_all=False))
    def test_include_all_false_keeps_to_the_interesting_zones(self, name: str) -> None:
        assert name in INTERESTING_TIMEZONES

    def test_shrinks_to_utc(self) -> None:
        assert find(timezones(), lambda name: True) == "UTC"

    def test_draws_zones_beyond_the_interesting_ones(self) -> None:
        find(timezones(), lambda name: name not in INTERESTING_TIMEZONES, settings=FIND)

    def test_bad_option_raises_invalid_argument(self) -> None:
        with pytest.raises(InvalidArgument):
            timezones(include_all=None)  # type: ignore[arg-type]


# America/New_York 2026: the gap at 2026-03-08T07:00Z skips 02:00-03:00 local; the fold at
# 2026-11-01T06:00Z repeats 01:00-02:00 local, first at -04:00, then at -05:00.
GAP, FOLD = transitions(
    "America/New_York", datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)
)


def in_gap(t: datetime) -> bool:
    return GAP.at <= t.astimezone(UTC) < GAP.at + GAP.size


def written_in_zone(t: datetime) -> bool:
    return t.tzinfo is not UTC and type(t.tzinfo) is not timezone


def in_gap_walls(t: datetime) -> bool:
    """Is t's wall time one the gap skips (2026-03-08 02:00-03:00), which no clock shows?"""
    return datetime(2026, 3, 8, 2) <= t.replace(tzinfo=None) < datetime(2026, 3, 8, 3)


class TestInstants:
    @THOUSAND
    @given(st.data())
    def test_every_instant_is_aware_and_within_bounds(self, data: st.DataObject) -> None:
        zone = data.draw(timezones())
        bounds = data.draw(st.lists(st.datetimes(timezones=st.just(UTC)), min_size=2, max_size=2))
        low, high = sorted(bounds)
        low_or_none = data.draw(st.sampled_from([None, low]))
        high_or_none = data.draw(st.sampled_from([None, high]))
        t = data.draw(instants(zone, min_value=low_or_none, max_value=high_or_none))
        assert t.utcoffset() is not None
        instant = t.astimezone(UTC)
        assert low_or_none is None or instant >= low
        assert high_or_none is None or instant <= high

    @pytest.mark.parametrize(
        ("what", "predicate"),
        [
            ("exactly on the gap", lambda t: t.astimezone(UTC) == GAP.at),
            ("exactly on the fold", lambda t: t.astimezone(UTC) == FOLD.at),
            ("inside the gap", lambda t: in_gap(t) and t.astimezone(UTC) != GAP.at),
            ("a wall time in the gap (fold=0)", lambda t: written_in_zone(t) and in_gap_walls(t)),
            (
                "on the first pass of the fold",
                lambda t: FOLD.at - FOLD.size <= t.astimezone(UTC) < FOLD.at,
            ),
            (
                "on the second pass of the fold, written with fold=1",
                lambda t: t.fold == 1 and FOLD.at <= t.astimezone(UTC) < FOLD.at + FOLD.size,
            ),
            ("at a fixed offset", lambda t: t.tzinfo is not UTC and type(t.tzinfo) is timezone),
            ("in the last days of year 9999", lambda t: t.astimezone(UTC).year == 9999),
            ("in the first days of year 1", lambda t: t.astimezone(UTC).year == 1),
        ],
    )
    def test_instants_reach_every_kind_of_start(self, what: str, predicate: Any) -> None:
        low, high = datetime(2025, 12, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)
        if "year" in what:
            low, high = datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)
        find(instants("America/New_York", min_value=low, max_value=high), predicate, settings=FIND)

    @SOME
    @given(
        instants(
            "America/New_York",
            near_transitions=False,
            min_value=datetime(2026, 3, 8, 6, tzinfo=UTC),
            max_value=datetime(2026, 3, 8, 9, tzinfo=UTC),
        )
    )
    def test_without_near_transitions_instants_are_ordinary(self, t: datetime) -> None:
        # Near the gap anyway (the bounds say so), but never written as a wall time in it.
        assert t.astimezone(UTC).astimezone(t.tzinfo).replace(tzinfo=None) == t.replace(tzinfo=None)

    @pytest.mark.parametrize(
        "arguments",
        [
            {"zone": "Mars/Olympus_Mons"},  # no such zone
            {"zone": "america/new_york"},  # wrong case
            {"zone": 5},
            {"zone": "UTC", "near_transitions": 1},
            {"zone": "UTC", "min_value": datetime(2026, 1, 1)},  # naive
            {"zone": "UTC", "max_value": "2026-01-01"},
            {
                "zone": "UTC",
                "min_value": datetime(2027, 1, 1, tzinfo=UTC),
                "max_value": datetime(2026, 1, 1, tzinfo=UTC),
            },
        ],
    )
    def test_bad_options_raise_invalid_argument_when_called(
        self, arguments: dict[str, Any]
    ) -> None:
        with pytest.raises(InvalidArgument):
            instants(**arguments)


class TestSchedules:
    @SOME
    @given(schedules())
    def test_every_case_builds_a_schedule(self, case: ScheduleCase) -> None:
        schedule = cronwall.Schedule(case.expression, case.timezone)
        assert case.start.utcoffset() is not None
        schedule.next_after(case.start)

    @SOME
    @given(schedules(expressions=st.just("0 12 * * *"), timezones=st.just("Asia/Tokyo")))
    def test_strategies_passed_in_are_used(self, case: ScheduleCase) -> None:
        assert (case.expression, case.timezone) == ("0 12 * * *", "Asia/Tokyo")

    @pytest.mark.parametrize(
        "options",
        [{"expressions": "* * * * *"}, {"timezones": ["UTC"]}, {"near_transitions": "yes"}],
    )
    def test_bad_options_raise_invalid_argument_when_called(self, options: dict[str, Any]) -> None:
        with pytest.raises(InvalidArgument):
            schedules(**options)
