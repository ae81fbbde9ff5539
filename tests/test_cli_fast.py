"""The fast route of ``cronwall next`` answers exactly as the full command line does.

The console command (and ``python -m cronwall``) reads the common forms of ``next`` itself and
hands every other command line to the full, argparse-based one. For every argv it accepts,
its reading must equal argparse's namespace and its output the full command line's, byte for
byte; for everything else it must step aside before printing anything.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cronwall
from cronwall._cli import build_parser, main
from cronwall._fast_cli import NextArgs, next_lines, read_next

SRC = str(Path(cronwall.__file__).parent.parent)
AFTER = "2026-03-08T06:00:00Z"
# The fields argparse's namespace has for `next`, besides the handler and the command name.
FIELDS = ("expression", "tz", "json", "n", "after", "local", "gap", "fold")


def argparse_reading(argv: list[str]) -> dict[str, object] | None:
    """What argparse reads from ``argv`` (``next``'s fields), or ``None`` when it refuses."""
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        try:
            namespace = build_parser().parse_args(argv)
        except SystemExit:
            return None
    if namespace.command != "next":
        return None
    return {name: getattr(namespace, name) for name in FIELDS}


def fast_reading(args: NextArgs) -> dict[str, object]:
    return {name: getattr(args, name) for name in FIELDS}


def full_route(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(argv, out=out, err=err, stdin=io.StringIO())
    return status, out.getvalue(), err.getvalue()


def assert_same_as_full_route(argv: list[str]) -> None:
    """If the fast route takes ``argv``, it reads and prints what the full command line does."""
    args = read_next(argv)
    if args is None:
        return  # the full command line answers
    assert fast_reading(args) == argparse_reading(argv)
    if args.after is None:
        return  # "now" differs between two calls; the reading is what matters
    lines = next_lines(args)
    if lines is None:
        return  # an error, or a note to print: the full command line answers
    assert full_route(argv) == (0, "".join(f"{line}\n" for line in lines), "")


# Each row: an argv the fast route reads, and why it is worth a row.
ACCEPTED = [
    # the expression quoted as one word
    ["next", "*/5 * * * *", "-n", "3", "--after", AFTER],
    # five unquoted words
    ["next", "*/5", "*", "*", "*", "*", "-n", "2", "--after", AFTER],
    # the expression after the options
    ["next", "-n", "2", "--after", AFTER, "30 1 * * *"],
    # the expression between options
    ["next", "--tz", "America/New_York", "30 1 * * *", "--after", AFTER, "-n", "3"],
    # --timezone spells --tz
    ["next", "30 1 * * *", "--timezone", "Europe/Dublin", "--after", AFTER],
    # --option=value
    ["next", "30 1 * * *", "--tz=America/New_York", "--after=2026-10-31T00:00:00Z", "-n", "4"],
    # the last --tz counts, as in argparse
    ["next", "0 9 * * *", "--tz", "UTC", "--tz", "Asia/Tokyo", "--after", AFTER, "-n", "1"],
    # the local view, through a fold
    ["next", "30 1 * * *", "--tz", "America/New_York", "--after", "2026-10-31T12:00Z", "--local"],
    # a policy, through a gap
    ["next", "30 2 * * *", "--tz", "America/New_York", "--gap", "late", "--after", AFTER],
    # the other policy, as --fold=value
    [
        "next",
        "30 1 * * *",
        "--tz",
        "America/New_York",
        "--fold=first",
        "--after",
        "2026-10-31T00:00Z",
    ],
    # leading zeros in -n
    ["next", "0 0 29 2 *", "-n", "05", "--after", AFTER],
    # an offset other than Z, and surrounding spaces (argparse keeps them; --after strips)
    ["next", "*/15 * * * *", "--after", " 2026-11-01T01:00:00-04:00 ", "-n", "2"],
    # a Z in lower case
    ["next", "*/15 * * * *", "--after", "2026-11-01T05:00:00z", "-n", "2"],
    # past year 9999 there are fewer fires than asked
    ["next", "0 0 * * *", "--after", "9999-12-30T00:00:00Z", "-n", "5"],
    # from now
    ["next", "*/5 * * * *"],
]

# Each row: an argv the fast route leaves to the full command line, and why.
DECLINED = [
    # no command
    [],
    # no expression
    ["next"],
    # another command
    ["check", "0 9 * * *"],
    # an option of the main parser
    ["--version"],
    # help
    ["next", "* * * * *", "-h"],
    # help, long
    ["next", "* * * * *", "--help"],
    # JSON goes to the full command line (json would cost start-up time)
    ["next", "* * * * *", "--json", "--after", AFTER],
    # words on both sides of an option: argparse refuses the second run
    ["next", "*/5", "-n", "1", "* * * *"],
    # an abbreviated option, which argparse expands
    ["next", "* * * * *", "--tim", "UTC"],
    # a value attached to a short option
    ["next", "* * * * *", "-n5"],
    # a short option with '='
    ["next", "* * * * *", "-n=5"],
    # -n out of range
    ["next", "* * * * *", "-n", "0"],
    # -n past the limit
    ["next", "* * * * *", "-n", "10001"],
    # -n in digits that are not ASCII
    ["next", "* * * * *", "-n", "\u0663"],
    # a value missing at the end
    ["next", "* * * * *", "--tz"],
    # a value that starts with '-'
    ["next", "* * * * *", "--after", "-2026-01-01T00:00:00Z"],
    # the end-of-options marker
    ["next", "--", "* * * * *"],
    # a word that looks like a negative number
    ["next", "-5 * * * *"],
    # a policy that does not exist
    ["next", "* * * * *", "--gap", "sideways"],
    # a flag given a value
    ["next", "* * * * *", "--local=yes"],
    # an option of another command
    ["next", "* * * * *", "--from", "quartz"],
    # an option before the command
    ["--tz", "UTC", "next", "* * * * *"],
]

# Each row: an argv the fast route reads but leaves to the full command line when computing.
LEFT_TO_THE_FULL_ROUTE = [
    # an invalid expression: the full command line has the caret message
    ["next", "61 * * * *", "--after", AFTER],
    # a shell glob slip, diagnosed by the full command line
    ["next", "0", "9", "README.md", "*", "*", "--after", AFTER],
    # wrong case: the did-you-mean hint
    ["next", "0 9 * * *", "--tz", "america/new_york", "--after", AFTER],
    # a deprecated name gets a note on stderr
    ["next", "0 9 * * *", "--tz", "US/Eastern", "--after", AFTER],
    # a name that locates no country may be deprecated: the full route decides (it is not)
    ["next", "0 9 * * *", "--tz", "Etc/GMT+5", "--after", AFTER],
    # not an instant
    ["next", "0 9 * * *", "--after", "tomorrow"],
    # an empty --after
    ["next", "0 9 * * *", "--after", ""],
    # a naive --after
    ["next", "0 9 * * *", "--after", "2026-03-08T06:00:00"],
    # an empty expression word
    ["next", "", "--after", AFTER],
]


@pytest.mark.parametrize("argv", ACCEPTED)
def test_the_fast_route_reads_what_argparse_reads(argv: list[str]) -> None:
    args = read_next(argv)
    assert args is not None
    assert fast_reading(args) == argparse_reading(argv)


@pytest.mark.parametrize("argv", [argv for argv in ACCEPTED if "--after" in " ".join(argv)])
def test_the_fast_route_prints_what_the_full_route_prints(argv: list[str]) -> None:
    args = read_next(argv)
    assert args is not None
    lines = next_lines(args)
    assert lines is not None
    assert full_route(argv) == (0, "".join(f"{line}\n" for line in lines), "")


@pytest.mark.parametrize("argv", DECLINED)
def test_the_fast_route_leaves_unusual_forms_to_argparse(argv: list[str]) -> None:
    assert read_next(argv) is None


@pytest.mark.parametrize("argv", LEFT_TO_THE_FULL_ROUTE)
def test_the_fast_route_leaves_errors_and_notes_to_the_full_route(argv: list[str]) -> None:
    args = read_next(argv)
    assert args is not None
    assert fast_reading(args) == argparse_reading(argv)
    assert next_lines(args) is None


def test_every_zone_the_fast_route_answers_for_has_no_deprecation_note() -> None:
    from cronwall._zones import available_timezones, deprecated_zone_names

    deprecated = deprecated_zone_names()
    for zone in sorted(available_timezones()):
        args = read_next(["next", "0 0 * * *", "--tz", zone, "--after", AFTER])
        assert args is not None
        assert next_lines(args) is None or zone not in deprecated, zone


# -- a property: argv built from pieces, good and bad -----------------------------------------

# Pieces of argv: the first few of each list are good, the rest bad in some way.
_EXPRESSIONS = ["*/5 * * * *", "30 1 * * *", "30 2 * * *", "0 9 * * MON-FRI", "*/20 0-3 1 * SUN"]
_WORDS = ["*/5 * * * *", "*/5", "*", "0", "1-5", "MON", "61", "", "5/15", "@daily", "README.md"]
_VALUES = {
    "-n": ["1", "3", "05", "0", "10001", "x", "\u0663", "-1"],
    "--tz": ["UTC", "America/New_York", "Europe/Dublin", "US/Eastern", "america/new_york", ""],
    "--timezone": ["Australia/Lord_Howe", "Etc/GMT-14", "Nowhere/City"],
    "--after": [
        AFTER,
        "2026-11-01T05:00:00Z",
        "2026-11-01T01:30:00-04:00",
        " 2026-01-01T00:00Z",
        "9999-12-31T23:00:00Z",
        "2026-03-08T06:00:00",
        "tomorrow",
        "",
        "-5",
    ],
    "--gap": ["skip", "late", "sideways", "LATE"],
    "--fold": ["both", "first", "last", ""],
}
_GOOD_VALUES = {"-n": 3, "--tz": 3, "--timezone": 1, "--after": 5, "--gap": 2, "--fold": 3}
_STRAY = ["--local", "--json", "-h", "--", "-", "--tim", "--loc", "-n5", "--local=1", "--from"]


@st.composite
def argvs(draw: st.DrawFn) -> list[str]:
    """``next`` with an expression run and options in any order; good pieces only, or any."""
    good = draw(st.booleans())
    if good:
        expression = [draw(st.sampled_from(_EXPRESSIONS))]
        if draw(st.booleans()):
            expression = expression[0].split()  # unquoted, five words
    else:
        expression = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=5))
    options: list[list[str]] = []
    names = [*_VALUES] if good else [*_VALUES, *_STRAY]
    for option in draw(st.lists(st.sampled_from(names), max_size=5)):
        if option not in _VALUES:
            options.append([option])
            continue
        values = _VALUES[option][: _GOOD_VALUES[option]] if good else _VALUES[option]
        value = draw(st.sampled_from(values))
        joined = option.startswith("--") and draw(st.booleans())
        options.append([f"{option}={value}"] if joined else [option, value])
    if good and draw(st.booleans()):
        options.append(["--local"])
    if good or draw(st.booleans()):
        options.append(["--after", draw(st.sampled_from(_VALUES["--after"][:5]))])
    at = draw(st.integers(0, len(options)))
    parts = [*options[:at], expression, *options[at:]]
    if draw(st.integers(0, 9)) == 0 and len(expression) > 1:
        parts.insert(draw(st.integers(0, len(parts))), expression[-1:])  # a second run
    return ["next", *(word for part in parts for word in part)]


@settings(max_examples=400, deadline=None)
@given(argvs())
def test_the_fast_route_agrees_with_argparse_and_the_full_route_on_any_argv(
    argv: list[str],
) -> None:
    """Either the fast route declines, or it reads and prints what the full route does."""
    assert_same_as_full_route(argv)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["next", *_WORDS, *_STRAY, *_VALUES, "5", "UTC", AFTER])))
def test_the_fast_route_agrees_on_any_sequence_of_tokens(argv: list[str]) -> None:
    """The same, for argv with no structure at all."""
    assert_same_as_full_route(argv)


# -- the processes: python -m cronwall against the full command line ---------------------------

FULL = f"import sys; sys.path.insert(0, {SRC!r}); from cronwall._cli import run; run()"


def process(command: list[str], argv: list[str]) -> tuple[int, str, str]:
    result = subprocess.run(
        [sys.executable, *command, *argv],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": SRC},
    )
    return result.returncode, result.stdout, result.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["next", "30 1 * * *", "--tz", "America/New_York", "--after", AFTER, "-n", "3"],
        ["next", "30 1 * * *", "--tz", "America/New_York", "--after", AFTER, "--local"],
        ["next", "0 0 * * *", "--after", "9999-12-30T00:00:00Z"],
        *LEFT_TO_THE_FULL_ROUTE[:5],
        ["next", "* * * * *", "--json", "--after", AFTER, "-n", "2"],
        ["next", "*/5", "-n", "1", "* * * *"],
        ["next", "* * * * *", "-n", "0"],
        ["check", "0 9 * * 8"],
        ["--version"],
        [],
    ],
)
def test_python_m_cronwall_is_byte_identical_to_the_full_command_line(argv: list[str]) -> None:
    assert process(["-m", "cronwall"], argv) == process(["-c", FULL], argv)


@pytest.mark.parametrize(
    ("argv", "collecting"),
    [
        (["next", "0 9 * * *", "--after", AFTER], False),  # the fast route: a short call
        (["check", "0 9 * * *"], True),  # the full command line, which may run long (check -)
        (["next", "61 * * * *"], True),  # handed over on an error
    ],
)
def test_only_the_fast_route_runs_without_the_cycle_collector(
    argv: list[str], collecting: bool
) -> None:
    entry = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: sys.stderr.write(f'collecting={gc.isenabled()}'))\n"
        "from cronwall.__main__ import main\n"
        "main()\n"
    )
    _, _, err = process(["-c", entry], argv)
    assert err.endswith(f"collecting={collecting}")
