"""The command line's reports for people: `cronwall explain` and `cronwall dst`."""

from __future__ import annotations

import json

import pytest
from cli_runner import run

from cronwall import TZDATA_VERSION


class TestExplain:
    def test_explain_prints_the_sentence_and_the_next_five_runs_local_and_utc(self) -> None:
        status, out, err = run(
            "explain", "0 9 * * MON-FRI", "--tz", "America/Los_Angeles",
            "--after", "2026-03-13T00:00:00Z",
        )  # fmt: skip
        assert (status, err) == (0, "")
        assert out.splitlines() == [
            "at 09:00 on Monday through Friday (America/Los_Angeles time)",
            "",
            "  local                            UTC",
            "  Fri 2026-03-13 09:00 -07:00 PDT  2026-03-13T16:00:00Z",
            "  Mon 2026-03-16 09:00 -07:00 PDT  2026-03-16T16:00:00Z",
            "  Tue 2026-03-17 09:00 -07:00 PDT  2026-03-17T16:00:00Z",
            "  Wed 2026-03-18 09:00 -07:00 PDT  2026-03-18T16:00:00Z",
            "  Thu 2026-03-19 09:00 -07:00 PDT  2026-03-19T16:00:00Z",
        ]

    def test_explain_shows_both_passes_of_a_fold_and_points_at_the_dst_report(self) -> None:
        # America/New_York: back from 02:00 EDT to 01:00 EST on 2026-11-01.
        status, out, _ = run(
            "explain", "30 1 * * *", "--tz", "America/New_York",
            "--after", "2026-10-31T00:00:00Z", "-n", "3",
        )  # fmt: skip
        assert status == 0
        assert out.splitlines() == [
            "at 01:30 (America/New_York time)",
            "",
            "  local                            UTC",
            "  Sat 2026-10-31 01:30 -04:00 EDT  2026-10-31T05:30:00Z",
            "  Sun 2026-11-01 01:30 -04:00 EDT  2026-11-01T05:30:00Z",
            "  Sun 2026-11-01 01:30 -05:00 EST  2026-11-01T06:30:00Z",
            "",
            "note: in the next year, clock changes in America/New_York double 1 run; "
            "see: cronwall dst '30 1 * * *' --tz America/New_York --year 2026",
        ]

    def test_explain_defaults_to_utc_and_omits_numeric_zone_names(self) -> None:
        status, out, _ = run("explain", "*/5 * * * *", "--after", "2026-03-13T00:00:00Z", "-n", "1")
        assert status == 0
        assert out.splitlines()[0] == "every 5 minutes (UTC time)"
        assert out.splitlines()[3] == "  Fri 2026-03-13 00:05 +00:00 UTC  2026-03-13T00:05:00Z"
        status, out, _ = run(
            "explain",
            "0 9 * * *",
            "--tz",
            "Asia/Dubai",
            "--after",
            "2026-01-01T00:00:00Z",
            "-n",
            "1",
        )
        # Asia/Dubai has no abbreviation; its tzname() is "+04", already shown as the offset.
        assert out.splitlines()[3] == "  Thu 2026-01-01 09:00 +04:00  2026-01-01T05:00:00Z"

    def test_explain_accepts_the_expression_as_five_unquoted_words(self) -> None:
        status, out, _ = run(
            "explain", "0", "9", "*", "*", "1-5", "--after", "2026-03-13T00:00:00Z"
        )
        assert status == 0
        assert out.startswith("at 09:00 on Monday through Friday (UTC time)\n")

    def test_explain_json_has_the_sentence_and_the_runs(self) -> None:
        status, out, _ = run(
            "explain", "30 1 * * *", "--tz", "America/New_York",
            "--after", "2026-11-01T00:00:00Z", "-n", "2", "--json",
        )  # fmt: skip
        assert status == 0
        assert json.loads(out) == {
            "expression": "30 1 * * *",
            "timezone": "America/New_York",
            "explanation": "at 01:30",
            "upcoming_runs_at": ["2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z"],
            "upcoming_runs_local": ["2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00"],
        }

    def test_explain_near_the_end_of_time_does_not_overflow(self) -> None:
        status, out, _ = run(
            "explain", "0 0 1 1 *", "--tz", "Etc/GMT+12", "--after", "9999-01-01T00:00:00Z"
        )
        assert status == 0
        assert out.splitlines()[3:] == ["  Fri 9999-01-01 00:00 -12:00  9999-01-01T12:00:00Z"]

    def test_a_bad_expression_is_reported_with_a_caret_and_status_2(self) -> None:
        status, out, err = run("explain", "61 * * * *")
        assert (status, out) == (2, "")
        assert err == (
            "cronwall: error: minute value '61' is out of range 0-59\n    61 * * * *\n    ^^\n"
        )

    def test_a_bad_expression_with_json_prints_the_error_body(self) -> None:
        status, out, _ = run("explain", "61 * * * *", "--json")
        assert status == 2
        assert json.loads(out)["error"]["param"] == "expression"


class TestDst:
    # America/New_York in 2026: forward from 02:00 EST to 03:00 EDT on 2026-03-08 (07:00Z),
    # back from 02:00 EDT to 01:00 EST on 2026-11-01 (06:00Z).

    def test_dst_prints_a_table_of_skipped_and_doubled_runs_with_remedies(self) -> None:
        status, out, err = run("dst", "30 1,2 * * *", "--tz", "America/New_York", "--year", "2026")
        assert (status, err) == (0, "")
        assert out.splitlines() == [
            f"'30 1,2 * * *' in America/New_York, 2026 (tzdata {TZDATA_VERSION})",
            "",
            "2026-03-08  clocks go forward 1 hour at 02:00 (-05:00 to -04:00, "
            "at 2026-03-08T07:00:00Z)",
            "  02:30  skipped  no run: this wall time does not exist",
            "         --gap late: one run at 2026-03-08T07:00:00Z, when the gap ends",
            "",
            "2026-11-01  clocks go back 1 hour at 02:00 (-04:00 to -05:00, "
            "at 2026-11-01T06:00:00Z)",
            "  01:30  doubled  runs at 2026-11-01T05:30:00Z and again at 2026-11-01T06:30:00Z",
            "         --fold first: one run at 2026-11-01T05:30:00Z; "
            "--fold last: one run at 2026-11-01T06:30:00Z",
            "",
            "In 2026, clock changes skip 1 run and double 1 run of this schedule.",
            "To avoid this, move the schedule out of the wall times that change "
            "(02:00-03:00 on 2026-03-08 and 01:00-02:00 on 2026-11-01), or give it the time "
            "zone UTC, whose clock never changes (its runs then move in local time when the "
            "zone's offset changes).",
            "Or name a DST policy (--gap late and --fold first or --fold last): each run above "
            "shows what it would do.",
        ]

    def test_dst_with_policies_shows_what_they_do_and_what_the_others_would(self) -> None:
        status, out, err = run(
            "dst", "30 1,2 * * *", "--tz", "America/New_York", "--year", "2026",
            "--gap", "late", "--fold", "last",
        )  # fmt: skip
        assert (status, err) == (0, "")
        assert out.splitlines() == [
            f"'30 1,2 * * *' in America/New_York --gap late --fold last, 2026 "
            f"(tzdata {TZDATA_VERSION})",
            "",
            "2026-03-08  clocks go forward 1 hour at 02:00 (-05:00 to -04:00, "
            "at 2026-03-08T07:00:00Z)",
            "  02:30  late     one run at 2026-03-08T07:00:00Z, when the gap ends (--gap late)",
            "         --gap skip: no run",
            "",
            "2026-11-01  clocks go back 1 hour at 02:00 (-04:00 to -05:00, "
            "at 2026-11-01T06:00:00Z)",
            "  01:30  once     one run at 2026-11-01T06:30:00Z, the second pass only (--fold last)",
            "         --fold both: runs at 2026-11-01T05:30:00Z and again at "
            "2026-11-01T06:30:00Z; --fold first: one run at 2026-11-01T05:30:00Z",
            "",
            "In 2026, clock changes delay 1 run and keep 1 run to one pass of this schedule.",
            "Its DST policy decides every run these changes touch: none is lost or repeated by "
            "accident.",
        ]

    def test_dst_with_one_policy_suggests_the_other(self) -> None:
        status, out, _ = run(
            "dst", "30 1,2 * * *", "--tz", "America/New_York", "--year", "2026", "--fold", "first"
        )
        assert status == 0
        assert "  01:30  once     one run at 2026-11-01T05:30:00Z, the first pass only" in out
        assert out.splitlines()[-1] == (
            "Or name a DST policy (--gap late): each run above shows what it would do."
        )

    def test_an_unknown_policy_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, _, _ = run("dst", "30 2 * * *", "--gap", "forward")
        assert status == 2
        # argparse prints its usage errors itself, on sys.stderr.
        assert "argument --gap: invalid choice: 'forward'" in capsys.readouterr().err

    def test_a_schedule_clear_of_the_changes_is_said_to_run_exactly_once(self) -> None:
        status, out, _ = run("dst", "0 9 * * *", "--tz", "America/New_York", "--year", "2026")
        assert status == 0
        assert out.splitlines() == [
            "'0 9 * * *' in America/New_York, 2026: no DST hazards",
            "The clocks change on 2026-03-08 and 2026-11-01, but this schedule matches none of "
            "the wall times skipped or repeated then: every run happens exactly once.",
        ]

    def test_a_zone_without_clock_changes_says_so(self) -> None:
        status, out, _ = run("dst", "30 2 * * *", "--year", "2026")
        assert status == 0
        assert (
            out
            == "'30 2 * * *' in UTC, 2026: no clock changes, so every run happens exactly once\n"
        )

    def test_an_evenly_spaced_schedule_is_told_that_nothing_is_lost(self) -> None:
        status, out, _ = run("dst", "*/15 * * * *", "--tz", "America/New_York", "--year", "2026")
        assert status == 0
        assert out.splitlines()[-2:] == [
            "In 2026, clock changes skip 4 runs and double 4 runs of this schedule.",
            "It fires every 15 minutes around the clock and each change is a whole number of "
            "those intervals, so in real time its runs stay evenly spaced: only the wall-clock "
            "labels are skipped or repeated, and no run is lost or extra.",
        ]

    def test_spacing_that_does_not_divide_the_change_gets_the_remedies(self) -> None:
        # Australia/Lord_Howe changes by 30 minutes; runs every 20 minutes do not fit that.
        status, out, _ = run("dst", "*/20 * * * *", "--tz", "Australia/Lord_Howe", "--year", "2026")
        assert status == 0
        assert out.splitlines()[-2].startswith("To avoid this, move the schedule out of the wall")
        assert out.splitlines()[-1].startswith("Or name a DST policy (--gap late and --fold")

    def test_long_lists_are_shortened_and_json_has_every_hazard(self) -> None:
        status, out, _ = run("dst", "* * * * *", "--tz", "America/New_York", "--year", "2026")
        assert status == 0
        lines = out.splitlines()
        late = "         --gap late: one run at 2026-03-08T07:00:00Z, when the gap ends"
        assert lines[3:24] == [
            *(
                line
                for m in range(9)
                for line in (f"  02:0{m}  skipped  no run: this wall time does not exist", late)
            ),
            "  ... 50 more (--json lists them all)",
            "  02:59  skipped  no run: this wall time does not exist",
            late,
        ]
        status, out, _ = run(
            "dst", "* * * * *", "--tz", "America/New_York", "--year", "2026", "--json"
        )
        assert len(json.loads(out)["hazards"]) == 120

    def test_a_whole_skipped_day_is_shown_as_the_day(self) -> None:
        # Pacific/Apia skipped 2011-12-30: -10:00 until then, +14:00 from 2011-12-31.
        status, out, _ = run("dst", "0 9 * * *", "--tz", "Pacific/Apia", "--year", "2011")
        assert status == 0
        assert "2011-12-30  clocks go forward 24 hours at 00:00" in out
        assert "(00:00-24:00 on 2011-12-30)" in out

    def test_dst_json_lists_the_hazards(self) -> None:
        status, out, _ = run(
            "dst", "30 2 * * *", "--tz", "America/New_York", "--year", "2026", "--json"
        )
        assert status == 0
        assert json.loads(out) == {
            "expression": "30 2 * * *",
            "timezone": "America/New_York",
            "year": 2026,
            "tzdata_version": TZDATA_VERSION,
            "hazards": [
                {
                    "kind": "gap",
                    "message": "no run at 02:30 on 2026-03-08: America/New_York clocks go "
                    "forward 1 hour at 02:00, so that wall time is skipped",
                    "wall_time": "2026-03-08T02:30:00",
                    "timezone": "America/New_York",
                    "transition_at": "2026-03-08T07:00:00Z",
                    "offset_before": "-05:00",
                    "offset_after": "-04:00",
                    "runs_at": [],
                    "runs_at_by_policy": {"skip": [], "late": ["2026-03-08T07:00:00Z"]},
                }
            ],
        }

    @pytest.mark.parametrize("year", ["1", "9999"])
    def test_the_first_and_last_years_work(self, year: str) -> None:
        status, out, _ = run("dst", "30 1 * * *", "--tz", "Pacific/Kiritimati", "--year", year)
        assert status == 0
        assert "no clock changes" in out

    @pytest.mark.parametrize(
        "year",
        [
            "0",  # before year 1
            "10000",  # after year 9999
            "\uff12\uff10\uff12\uff16",  # full-width digits are not digits here
            "-1",  # not a whole number
        ],
    )
    def test_a_bad_year_is_a_usage_error(
        self, year: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        status, _, _ = run("dst", "* * * * *", "--year", year)
        assert status == 2
        assert "--year" in capsys.readouterr().err

    def test_an_unknown_zone_is_reported_without_a_traceback(self) -> None:
        status, _, err = run("dst", "* * * * *", "--tz", "Mars/Olympus")
        assert status == 2
        assert err.startswith("cronwall: error: unknown timezone 'Mars/Olympus'")
