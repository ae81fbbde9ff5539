"""Compiled crons and schedules are immutable values: equal, hashable, canonical, picklable."""

from __future__ import annotations

import pickle
import sys
from datetime import datetime, timezone

import pytest

import cronwall
from cronwall import Cron, Schedule, parse


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("0 0 * * 0", "0 0 * * 7"),  # two spellings of Sunday
        ("0 0 * * SUN", "0 0 * * 0,7"),
        ("0-59 * * * *", "* * * * *"),  # a full range is the star
        ("0,15,30,45 * * * *", "*/15 * * * *"),
        ("0 0 * jan-dec *", "0 0 * * *"),
        ("0  0\t* * *", "0 0 * * *"),  # separators do not matter
        # "Either day" with a field that matches every day matches every day.
        ("0 0 1-31 * MON", "0 0 * * *"),
        ("0 0 * * 0-6", "0 0 * * *"),
    ],
)
def test_equal_schedules_written_differently_compare_and_hash_equal(one: str, other: str) -> None:
    assert parse(one) == parse(other)
    assert hash(parse(one)) == hash(parse(other))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # The day rule depends on whether a day field starts with '*'.
        ("0 0 */2 * MON", "0 0 1-31/2 * MON"),
        ("0 0 1 * MON", "0 0 1 * *"),
        ("0 0 * * 1", "0 0 * * 2"),
    ],
)
def test_different_schedules_compare_unequal(one: str, other: str) -> None:
    assert parse(one) != parse(other)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("* * * * *", "* * * * *"),
        ("0,15,30,45 * * * *", "*/15 * * * *"),
        ("0 9 * * MON-FRI", "0 9 * * 1-5"),
        ("0 0 1 * MON", "0 0 1 * 1"),
        ("0 0 */2 * MON", "0 0 */2 * 1"),
        ("0 0 1-31/2 * MON", "0 0 1-31/2 * 1"),
        ("0 0 29 FEB */7", "0 0 29 2 */7"),
        ("5,10,15,20 * * * *", "5-20/5 * * * *"),
        ("0 0 * * 0,7", "0 0 * * 0"),
        ("1,2,4 8 * * *", "1,2,4 8 * * *"),
        ("0 0 1-31 * MON", "0 0 * * *"),
    ],
)
def test_canonical_text_is_stable_and_parses_back_to_an_equal_value(
    text: str, canonical: str
) -> None:
    cron = parse(text)
    assert str(cron) == canonical
    assert cron.expression == canonical
    assert parse(canonical) == cron
    assert repr(cron) == f"Cron({canonical!r})"


def test_cron_is_immutable() -> None:
    cron = parse("0 9 * * *")
    with pytest.raises(AttributeError):
        cron.minute_mask = 1  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del cron.hour_mask


def test_cron_pickles_to_an_equal_value() -> None:
    cron = parse("*/5 9-17 * * MON-FRI")
    assert pickle.loads(pickle.dumps(cron)) == cron


def test_repeated_parsing_of_the_same_text_returns_the_cached_value() -> None:
    assert parse("17 3 * * *") is parse("17 3 * * *")


def test_identical_expressions_written_differently_share_one_compiled_value() -> None:
    assert parse("0 4 * * 7") is parse("0 4 * * SUN")


def test_matches_reads_the_wall_fields_and_ignores_seconds() -> None:
    cron = parse("30 9 * * MON")
    assert cron.matches(datetime(2026, 11, 23, 9, 30))  # a Monday
    assert cron.matches(datetime(2026, 11, 23, 9, 30, 59))
    assert not cron.matches(datetime(2026, 11, 24, 9, 30))
    aware = datetime(2026, 11, 23, 9, 30, tzinfo=timezone.utc)
    assert cron.matches(aware)


def test_matches_applies_the_either_day_rule_when_both_day_fields_are_restricted() -> None:
    cron = parse("0 0 1 * MON")
    assert cron.day_rule == "or"
    assert cron.matches(datetime(2026, 12, 1))  # a Tuesday, but the 1st
    assert cron.matches(datetime(2026, 11, 23))  # a Monday, not the 1st
    assert not cron.matches(datetime(2026, 11, 24))


def test_matches_applies_the_both_days_rule_when_a_day_field_starts_with_a_star() -> None:
    cron = parse("0 0 */2 * MON")
    assert cron.day_rule == "and"
    assert cron.matches(datetime(2026, 11, 23))  # Monday the 23rd: odd day
    assert not cron.matches(datetime(2026, 11, 30))  # Monday the 30th: even day
    assert not cron.matches(datetime(2026, 11, 25))  # odd day, a Wednesday


def test_matches_refuses_a_date_without_a_time() -> None:
    from datetime import date

    with pytest.raises(TypeError, match="takes a datetime"):
        parse("* * * * *").matches(date(2026, 1, 1))  # type: ignore[arg-type]


def test_schedule_pickles_as_expression_and_zone_name_and_fires_the_same() -> None:
    schedule = Schedule("30 1 * * *", "America/New_York")
    copy = pickle.loads(pickle.dumps(schedule))
    assert copy == schedule
    assert copy.timezone == "America/New_York"
    after = datetime(2026, 10, 31, tzinfo=timezone.utc)
    assert copy.upcoming(3, after=after) == schedule.upcoming(3, after=after)
    assert b"America/New_York" in pickle.dumps(schedule)


def test_schedule_is_an_immutable_hashable_value() -> None:
    one = Schedule("0 9 * * *", "Europe/London")
    assert one == Schedule(parse("0 9 * * *"), "Europe/London")
    assert hash(one) == hash(Schedule("0 9 * * *", "Europe/London"))
    assert one != Schedule("0 9 * * *", "Europe/Dublin")
    assert repr(one) == "Schedule('0 9 * * *', 'Europe/London')"
    with pytest.raises(AttributeError):
        one.timezone = "UTC"  # type: ignore[misc]


def test_schedule_refuses_what_is_neither_an_expression_nor_a_cron() -> None:
    with pytest.raises(TypeError, match="cron must be an expression"):
        Schedule(5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="timezone must be an IANA name"):
        Schedule("* * * * *", 5)  # type: ignore[arg-type]


def test_cron_and_schedule_show_under_the_public_module() -> None:
    assert Cron.__module__ == "cronwall"
    assert Schedule.__module__ == "cronwall"


def test_schedules_shared_between_threads_compute_what_one_thread_computes() -> None:
    # Zones are extended lazily (footer windows published whole, probed tzinfo chunks under a
    # lock); threads racing on the same fresh zone must all see the single-threaded answers.
    import threading
    import zoneinfo

    from cronwall import _zones

    expressions = ["30 1 * * *", "*/20 * * * *", "0 0 29 2 *", "0 12 * * SUN"]
    starts = [datetime(2480, 1, 1, tzinfo=timezone.utc), datetime(1600, 1, 1, tzinfo=timezone.utc)]

    def fresh_schedules() -> list[Schedule]:
        # Forget the named zone's rules, and make a new tzinfo object, so both start unextended.
        _zones._rules_by_name.pop("Australia/Lord_Howe", None)
        zones = ("Australia/Lord_Howe", zoneinfo.ZoneInfo.no_cache("Europe/Dublin"))
        return [Schedule(e, z) for e in expressions for z in zones]

    def fires(schedules: list[Schedule]) -> list[str]:
        return [
            fire.isoformat()
            for schedule in schedules
            for start in starts
            for fire in schedule.upcoming(30, after=start)
        ]

    expected = fires(fresh_schedules())
    shared = fresh_schedules()
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            results.append(fires(shared))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(8)]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible: races show up
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert errors == []
    assert len(results) == 8
    assert all(result == expected for result in results)


def test_iter_runs_checks_its_arguments_at_the_call_not_at_the_first_run() -> None:
    schedule = cronwall.Schedule("0 * * * *")
    with pytest.raises(TypeError):
        schedule.iter_runs(datetime(2026, 1, 1), key="deploy-1")  # naive: names no instant
    with pytest.raises(TypeError):
        schedule.iter_runs(datetime(2026, 1, 1, tzinfo=timezone.utc), key=5)  # type: ignore[arg-type]


def test_matches_day_refuses_what_is_not_a_date() -> None:
    with pytest.raises(TypeError, match="day must be a date, not str"):
        cronwall.parse("0 0 1 * *").matches_day("2026-01-01")  # type: ignore[arg-type]


def test_translate_crontab_line_names_its_own_argument_in_a_type_error() -> None:
    with pytest.raises(TypeError, match="line must be a str, not int"):
        cronwall.translate_crontab_line(1)  # type: ignore[arg-type]
