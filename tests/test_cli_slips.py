"""The command line catches common slips and says what was meant."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import run


def test_a_forgotten_tz_says_did_you_mean_tz() -> None:
    status, out, err = run("next", "0 9 * * *", "America/New_York")
    assert (status, out) == (2, "")
    assert err == (
        "cronwall: error: 'America/New_York' is a time zone, not a sixth field; did you mean "
        "--tz America/New_York? (cronwall next '0 9 * * *' --tz America/New_York)\n"
    )


def test_a_forgotten_tz_with_a_typo_suggests_the_close_zone() -> None:
    _, _, err = run("check", "0", "9", "*", "*", "*", "Europe/Londn")
    assert "did you mean --tz Europe/London?" in err


class TestShellGlobs:
    # An unquoted '*' reaches cronwall as the names of the files in the current folder.

    @pytest.fixture(autouse=True)
    def _folder_with_files(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        (tmp_path / "notes.txt").write_text("")
        (tmp_path / "run.sh").write_text("")
        monkeypatch.chdir(tmp_path)

    def test_file_names_in_place_of_stars_say_quote_the_expression(self) -> None:
        # What `cronwall next 0 9 * * 1-5` receives: each '*' became both names.
        words = ["0", "9", "notes.txt", "run.sh", "notes.txt", "run.sh", "1-5"]
        status, _, err = run("next", *words)
        assert status == 2
        assert err == (
            "cronwall: error: the shell replaced '*' with the names of files in this folder "
            "('notes.txt', 'run.sh'); quote the expression: cronwall next '0 9 * * 1-5'\n"
        )

    def test_a_glob_that_cannot_be_undone_still_says_quote_the_expression(self) -> None:
        _, _, err = run("check", "0", "9", "notes.txt", "1-5")
        assert err.endswith("('notes.txt'); quote the expression\n")

    def test_a_valid_expression_is_never_taken_for_a_glob(self) -> None:
        assert run("check", "0 9 * * *")[0] == 0


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        # Spring and Quartz agree when the weekday is a name.
        ("0 0 9 ? * MON-FRI", "as Quartz or Spring (seconds first): '0 9 * * 1-5'"),
        # Quartz numbers weekdays 1-7 from Sunday, Spring like cron: 2 is Monday or Tuesday.
        (
            "0 0 9 ? * 2",
            "as Quartz (seconds first, weekdays 1-7 from Sunday): '0 9 * * 1'; "
            "as Spring (seconds first): '0 9 * * 2'",
        ),
        # croniter puts seconds last.
        ("*/5 * * * * 0", "as croniter (seconds last): '*/5 * * * *'"),
        # AWS EventBridge: minutes first, a year last, '?' in one day field.
        (
            "0 12 ? * MON-FRI *",
            "as AWS EventBridge (year last, weekdays 1-7 from Sunday): '0 12 * * 1-5'",
        ),
    ],
)
def test_a_six_field_paste_gets_its_five_field_readings(text: str, hint: str) -> None:
    status, _, err = run("check", text)
    assert status == 2
    assert err.splitlines()[0].startswith("cronwall: error: expected 5 fields")
    assert err.splitlines()[-1] == f"hint: this six-field expression reads {hint}"


def test_a_seven_field_quartz_paste_gets_its_reading() -> None:
    _, _, err = run("check", "0 30 9 ? * MON-FRI *")
    assert err.splitlines()[-1] == (
        "hint: this seven-field expression reads as Quartz (seconds first, weekdays 1-7 from "
        "Sunday): '30 9 * * 1-5'"
    )


def test_a_six_field_text_with_no_exact_reading_gets_no_hint() -> None:
    # Every 5 seconds: no five-field expression fires like that.
    _, _, err = run("check", "*/5 * * * * *")
    assert "hint:" not in err


def test_an_empty_after_is_an_error_not_now() -> None:
    status, out, err = run("next", "0 9 * * *", "--after", "")
    assert (status, out) == (2, "")
    assert err == (
        "cronwall: error: --after is empty; give an RFC 3339 date-time such as "
        "2026-11-01T05:30:00Z, or leave --after out to start from now\n"
    )


def test_timezone_is_accepted_as_tz() -> None:
    status, out, _ = run(
        "next",
        "0 9 * * *",
        "--timezone",
        "Europe/London",
        "--after",
        "2026-07-01T00:00Z",
        "-n",
        "1",
    )
    assert (status, out) == (0, "2026-07-01T08:00:00Z\n")


def test_a_zone_typo_gets_the_close_name() -> None:
    status, _, err = run("next", "0 9 * * *", "--tz", "Europe/Londn")
    assert status == 2
    assert (
        err == "cronwall: error: unknown timezone 'Europe/Londn'; did you mean 'Europe/London'?\n"
    )


@pytest.mark.parametrize(
    ("name", "canonical"),
    [("US/Eastern", "America/New_York"), ("EST", "America/Panama"), ("CET", "Europe/Brussels")],
)
def test_a_deprecated_zone_name_works_with_a_note_naming_the_canonical_zone(
    name: str, canonical: str
) -> None:
    status, out, err = run("check", "0 9 * * *", "--tz", name, "--json")
    assert status == 0
    assert json.loads(out)["timezone"] == name
    assert err == (
        f"cronwall: note: {name!r} is a deprecated name for {canonical!r}, with the same rules; "
        f"prefer --tz {canonical}\n"
    )


def test_current_names_get_no_note() -> None:
    assert run("check", "0 9 * * *", "--tz", "UTC")[2] == ""
    assert run("check", "0 9 * * *", "--tz", "Europe/Oslo")[2] == ""


class TestTranslate:
    def test_translate_prints_the_strict_expression(self) -> None:
        assert run("translate", "--from", "quartz", "0 0 12 ? * MON-FRI") == (
            0,
            "0 12 * * 1-5\n",
            "",
        )

    def test_translate_refusal_is_the_caret_message(self) -> None:
        status, out, err = run("translate", "--from", "quartz", "0 0 12 ? * MON#2")
        assert (status, out) == (2, "")
        assert err.startswith("cronwall: error: quartz 'MON#2' fires on the second Monday")

    def test_a_crontab_line_keeps_its_zone(self) -> None:
        status, out, err = run(
            "translate", "--from", "vixie", "CRON_TZ=Europe/Paris 30 2 * * 1-5 /bin/backup"
        )
        assert (status, out) == (0, "30 2 * * 1-5\n")
        assert err == (
            "cronwall: note: the line's schedule is read in Europe/Paris: use --tz Europe/Paris\n"
        )

    def test_translate_json(self) -> None:
        status, out, _ = run("translate", "--from", "croniter", "@hourly", "--json")
        assert status == 0
        assert json.loads(out) == {
            "input": "@hourly",
            "dialect": "croniter",
            "expression": "0 * * * *",
        }

    def test_translate_needs_a_dialect(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert run("translate", "0 0 12 * * ?")[0] == 2
        assert "--from" in capsys.readouterr().err

    def test_check_from_a_dialect_prints_the_translation(self) -> None:
        assert run("check", "--from", "apscheduler", "0 9 * * 0")[1] == "0 9 * * 1\n"
