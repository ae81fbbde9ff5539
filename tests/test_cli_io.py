"""The cronwall process under broken I/O: one line on stderr and a documented status.

These run the real console entry point (``cronwall.__main__.main``, which hands every command
but the common forms of ``next`` to ``cronwall._cli.run``) in a subprocess, with its
standard streams pointed at a full disk, closed, or read by a process that goes away.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import cronwall

SRC = str(Path(cronwall.__file__).parent.parent)
ENTRY = f"import sys; sys.path.insert(0, {SRC!r}); from cronwall.__main__ import main; main()"
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX descriptors and signals")


def cronwall_command(*argv: str, flags: tuple[str, ...] = ()) -> list[str]:
    return [sys.executable, *flags, "-c", ENTRY, *argv]


def shell(line: str, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run ``cronwall argv`` through sh with the redirections in ``line`` ('{} 2>&-')."""
    command = " ".join(_sh_quote(word) for word in cronwall_command(*argv))
    return subprocess.run(
        ["sh", "-c", line.format(command)], capture_output=True, text=True, check=False
    )


def _sh_quote(word: str) -> str:
    return "'" + word.replace("'", "'\\''") + "'"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ("check", "0 0 * * *"),
        # Ten thousand lines overflow the output buffer: the failure comes while writing.
        ("next", "* * * * *", "-n", "10000"),
    ],
    ids=["at the end", "mid-output"],
)
def test_a_full_disk_is_one_line_on_stderr_and_status_1(args: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            cronwall_command(*args),
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert result.returncode == 1
    assert result.stderr == "cronwall: error: cannot write output: No space left on device\n"


def test_with_stderr_closed_errors_never_reach_stdout() -> None:
    result = shell("{} 2>&-", "check", "0 0 * * 8")
    assert (result.returncode, result.stdout) == (2, "")


def test_with_stdout_closed_the_output_failure_is_reported_on_stderr() -> None:
    result = shell("{} >&-", "check", "0 0 * * *")
    assert result.returncode == 1
    assert result.stderr == "cronwall: error: cannot write output: standard output is closed\n"


def test_with_stdout_closed_next_reports_the_output_failure_too() -> None:
    # `next` is answered by the fast route, which ends the same way.
    result = shell("{} >&-", "next", "0 0 * * *", "--after", "2026-01-01T00:00:00Z")
    assert result.returncode == 1
    assert result.stderr == "cronwall: error: cannot write output: standard output is closed\n"


def test_with_stdout_closed_bad_input_is_still_status_2_on_stderr() -> None:
    result = shell("{} >&-", "check", "0 0 * * 8")
    assert result.returncode == 2
    assert result.stderr.startswith("cronwall: error: day of week value '8' is out of range")


def test_a_reader_that_goes_away_ends_quietly() -> None:
    with subprocess.Popen(
        cronwall_command("next", "* * * * *", "-n", "10000"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()  # what `| head -1` does
        error = process.stderr.read()
        assert process.wait(timeout=60) == 0
    assert error == b""


def test_ctrl_c_while_running_exits_130_without_a_traceback() -> None:
    with subprocess.Popen(
        cronwall_command("check", "-"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write("0 9 * * *\n")
        process.stdin.flush()
        # Once the first result is out, the process is waiting for the next line.
        assert process.stdout.readline() == "line 1: 0 9 * * *\n"
        process.send_signal(signal.SIGINT)
        _, error = process.communicate(timeout=60)
        assert process.returncode == 130
    assert error == ""


def test_ctrl_c_during_start_up_exits_130_without_a_traceback(tmp_path: Path) -> None:
    # A stand-in tzdata package that sends the process a real SIGINT while cronwall
    # loads its zone data at start-up.
    (tmp_path / "tzdata").mkdir()
    (tmp_path / "tzdata" / "__init__.py").write_text(
        "import os, signal, time\nos.kill(os.getpid(), signal.SIGINT)\ntime.sleep(5)\n"
    )
    entry = f"import sys; sys.path[:0] = [{str(tmp_path)!r}, {SRC!r}]; "
    entry += "from cronwall.__main__ import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", entry, "next", "0 9 * * *"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert (result.returncode, result.stdout, result.stderr) == (130, "", "")


@pytest.mark.parametrize("command", ["check", "next"])
def test_without_tzdata_the_import_error_is_one_line_and_status_1(command: str) -> None:
    # -S: no site-packages, so no tzdata; cronwall itself comes from the source folder.
    # `next` takes its fast route first and must say the same.
    result = subprocess.run(
        cronwall_command(command, "0 0 * * *", flags=("-S",)),
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": ""},
    )
    assert result.returncode == 1
    assert result.stderr == (
        "cronwall: error: cronwall needs the 'tzdata' package for its IANA zone data; "
        "install it with: pip install tzdata\n"
    )


def test_without_tzdata_parsing_still_works_as_a_library() -> None:
    code = (
        f"import sys; sys.path.insert(0, {SRC!r}); import cronwall; "
        "print(cronwall.parse('0 9 * * MON-FRI'))"
    )
    result = subprocess.run(
        [sys.executable, "-S", "-c", code], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout) == (0, "0 9 * * 1-5\n")
