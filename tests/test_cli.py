"""The command line: next fires, checking, errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from cli_runner import run


def test_next_prints_rfc3339_utc_times_one_per_line() -> None:
    status, out, _ = run(
        "next",
        "30 1 * * *",
        "--tz",
        "America/New_York",
        "--after",
        "2026-10-31T12:00:00Z",
        "-n",
        "3",
    )
    assert status == 0
    assert out.splitlines() == [
        "2026-11-01T05:30:00Z",
        "2026-11-01T06:30:00Z",
        "2026-11-02T06:30:00Z",
    ]


def test_next_with_local_adds_the_wall_time_and_its_offset() -> None:
    status, out, _ = run(
        "next",
        "30 1 * * *",
        "--tz",
        "America/New_York",
        "--after",
        "2026-11-01T00:00:00Z",
        "-n",
        "2",
        "--local",
    )
    assert status == 0
    assert out.splitlines() == [
        "2026-11-01T05:30:00Z  2026-11-01T01:30:00-04:00",
        "2026-11-01T06:30:00Z  2026-11-01T01:30:00-05:00",
    ]


def test_next_json_has_the_api_schedule_shape() -> None:
    status, out, _ = run(
        "next",
        "0 9 * * MON-FRI",
        "--tz",
        "America/Los_Angeles",
        "--after",
        "2026-03-16T00:00:00-07:00",
        "-n",
        "2",
        "--json",
    )
    assert status == 0
    assert json.loads(out) == {
        "type": "cron",
        "expression": "0 9 * * 1-5",
        "timezone": "America/Los_Angeles",
        "upcoming_runs_at": ["2026-03-16T16:00:00Z", "2026-03-17T16:00:00Z"],
    }


def test_next_defaults_to_five_fires_in_utc() -> None:
    status, out, _ = run("next", "0 0 1 1 *", "--after", "2026-06-01T00:00:00+02:00")
    assert status == 0
    assert out.splitlines() == [f"{year}-01-01T00:00:00Z" for year in range(2027, 2032)]


def test_the_expression_may_be_given_as_five_unquoted_words() -> None:
    status, out, _ = run(
        "next", "0", "12", "*", "*", "*", "--after", "2026-01-01T00:00:00Z", "-n", "1"
    )
    assert (status, out) == (0, "2026-01-01T12:00:00Z\n")


def test_check_prints_the_canonical_form() -> None:
    assert run("check", "0,15,30,45 9 * * MON-FRI") == (0, "*/15 9 * * 1-5\n", "")


def test_check_of_a_bad_expression_prints_the_caret_message_and_exits_2() -> None:
    status, out, err = run("check", "0 0 * * 8")
    assert status == 2
    assert out == ""
    assert err == (
        "cronwall: error: day of week value '8' is out of range 0-7\n    0 0 * * 8\n            ^\n"
    )


def test_check_json_reports_the_structured_error() -> None:
    status, out, _ = run("check", "5/15 * * * *", "--json")
    assert status == 2
    document = json.loads(out)
    assert document["valid"] is False
    assert document["error"]["span"] == [0, 4]
    assert document["error"]["hint"] == "did you mean '5-59/15'?"


def test_a_bad_zone_exits_2_with_the_zone_message() -> None:
    status, _, err = run("next", "* * * * *", "--tz", "Mars/Olympus_Mons")
    assert status == 2
    assert err.startswith("cronwall: error: unknown timezone 'Mars/Olympus_Mons'")


@pytest.mark.parametrize(
    ("after", "message"),
    [
        ("2026-01-01T00:00:00", "has no offset"),
        ("tomorrow", "is not an RFC 3339 date-time"),
        ("2026-13-01T00:00:00Z", "is not an RFC 3339 date-time"),
    ],
)
def test_a_bad_after_exits_2_with_a_message(after: str, message: str) -> None:
    status, _, err = run("next", "* * * * *", "--after", after)
    assert status == 2
    assert message in err


@pytest.mark.parametrize("count", ["0", "-1", "x", "10001"])
def test_a_bad_count_is_a_usage_error(count: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, _ = run("next", "* * * * *", "-n", count)
    assert status == 2
    assert "argument -n" in capsys.readouterr().err


def test_the_count_stops_short_only_at_the_end_of_time() -> None:
    status, out, _ = run("next", "59 23 31 12 *", "--after", "9998-06-01T00:00:00Z", "-n", "5")
    assert (status, out) == (0, "9998-12-31T23:59:00Z\n9999-12-31T23:59:00Z\n")


def test_python_dash_m_runs_the_same_command_and_never_shows_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cronwall", "check", "0 0 30 2 *"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "day 30 never occurs in February" in result.stderr


def test_years_before_1000_print_with_four_digits() -> None:
    status, out, _ = run("next", "0 0 1 1 *", "--after", "0003-01-01T00:00:00Z", "-n", "2")
    assert (status, out) == (0, "0004-01-01T00:00:00Z\n0005-01-01T00:00:00Z\n")
