"""Run the command line in-process and capture what it prints (shared by the CLI tests)."""

from __future__ import annotations

import io

from cronwall._cli import main


def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of ``cronwall *argv`` reading ``stdin``."""
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, err=err, stdin=io.StringIO(stdin))
    return status, out.getvalue(), err.getvalue()
