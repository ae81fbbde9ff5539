"""`cronwall check -`: a whole table of stored expressions, one per line of standard input."""

from __future__ import annotations

import json

from cli_runner import run

TABLE = "0 9 * * 1-5\n\n# nightly\n5/15 * * * *\r\n  0,30 * * * *\n0 0 30 2 *\n"


def test_each_line_is_checked_and_any_invalid_line_exits_2() -> None:
    status, out, err = run("check", "-", stdin=TABLE)
    assert status == 2
    # Blank lines and comments are skipped but counted: line numbers are the input's.
    assert out == "line 1: 0 9 * * 1-5\nline 5: */30 * * * *\n"
    assert err == (
        "cronwall: error: line 4: minute step '5/15' needs a range; did you mean '5-59/15'?\n"
        "    5/15 * * * *\n"
        "    ^^^^\n"
        "cronwall: error: line 6: day of month and month can never match: day 30 never occurs "
        "in February\n"
        "    0 0 30 2 *\n"
        "        ^^^^\n"
        "cronwall: 2 of 4 expressions are invalid\n"
    )


def test_all_valid_lines_exit_0() -> None:
    assert run("check", "-", stdin="0 9 * * *\n*/5 * * * *") == (
        0,
        "line 1: 0 9 * * *\nline 2: */5 * * * *\n",
        "",
    )


def test_empty_input_has_nothing_invalid() -> None:
    assert run("check", "-", stdin="") == (0, "", "")


def test_json_prints_one_object_per_expression_line() -> None:
    status, out, err = run("check", "-", "--json", stdin=TABLE)
    assert (status, err) == (2, "")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [row["line"] for row in rows] == [1, 4, 5, 6]
    assert rows[0] == {
        "line": 1,
        "input": "0 9 * * 1-5",
        "valid": True,
        "expression": "0 9 * * 1-5",
        "error": None,
    }
    assert rows[1]["input"] == "5/15 * * * *"  # the line ending is not part of it
    assert rows[1]["valid"] is False
    assert rows[1]["expression"] is None
    assert rows[1]["error"]["suggestion"] == "5-59/15 * * * *"
    assert rows[1]["error"]["span"] == [0, 4]
    assert rows[3]["error"]["reason"].startswith("day of month and month can never match")


def test_from_translates_each_line_first() -> None:
    status, out, _ = run(
        "check", "-", "--from", "quartz", "--json", stdin="0 0 12 ? * MON\n0 0 12 ? * MON#2\n"
    )
    assert status == 2
    first, second = (json.loads(line) for line in out.splitlines())
    assert (first["valid"], first["expression"]) == (True, "0 12 * * 1")
    assert second["valid"] is False
    assert "second Monday" in second["error"]["message"]


def test_a_huge_line_is_echoed_capped_and_reported_with_its_length() -> None:
    line = "1," * 50_000 + "1 * * * *"
    status, out, _ = run("check", "-", "--json", stdin=line + "\n")
    assert status == 2
    row = json.loads(out)
    assert len(out) < 3_000
    assert row["input"].endswith(f"({len(line) - 520:,} more characters)")
    # The parser's own wording, with the line's true length.
    assert row["error"]["reason"] == f"expression is {len(line)} characters long; the limit is 512"


def test_a_bad_zone_is_reported_once_before_reading() -> None:
    status, out, err = run("check", "-", "--tz", "Mars/Base", stdin="0 9 * * *\n")
    assert (status, out) == (2, "")
    assert err.startswith("cronwall: error: unknown timezone 'Mars/Base'")


def test_undecodable_bytes_are_an_invalid_line_not_a_crash() -> None:
    # In-process input is text; the replacement character stands for what a real
    # process reads from undecodable bytes (standard input is read with errors='replace').
    status, out, _ = run("check", "-", "--json", stdin="0 9 * * \ufffd\n")
    assert status == 2
    assert json.loads(out)["error"]["reason"].startswith("unexpected")
