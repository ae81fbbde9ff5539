"""The process side of the ``cronwall`` command: exit statuses and standard streams.

Shared by the full command line (``_cli``) and the fast route of ``next`` (``_fast_cli``),
so that both end the same way when a stream fails: one line on standard error and a
documented status (docs/cli.md).
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING would import typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, NoReturn, TextIO

#: Exit statuses (docs/cli.md).
EXIT_OK = 0
EXIT_ENVIRONMENT = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130

#: The most fires ``next`` and ``explain`` list (``-n``).
MAX_COUNT = 10_000


class OutputError(Exception):
    """Standard output cannot be written: a full disk, a closed descriptor."""


class _Output:
    """A stream whose write failures become :class:`OutputError` (``print`` needs only
    ``write``), so that a full disk is one line on stderr, not a traceback.
    """

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self.failed = False

    def write(self, text: str) -> int:
        stream = self._stream()
        try:
            return stream.write(text)
        except OSError as error:
            raise self._failure(error) from None

    def flush(self) -> None:
        if self.stream is None or self.failed:
            return  # nothing was written, or the failure is already reported
        try:
            self.stream.flush()
        except OSError as error:
            raise self._failure(error) from None

    def _stream(self) -> TextIO:
        if self.stream is None:
            self.failed = True
            raise OutputError("standard output is closed")
        return self.stream

    def _failure(self, error: OSError) -> Exception:
        self.failed = True
        if isinstance(error, BrokenPipeError):
            return error  # the reader went away: not a failure to report
        return OutputError(error.strerror or str(error))


class _Discard:
    """Where messages go when standard error is closed: nowhere (never to stdout)."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def run_console(command: Callable[[Any, Any], int]) -> NoReturn:
    """Run ``command(out, err)`` on the process's streams and exit with its status.

    ``out`` is standard output, whose failures (a full disk, a closed descriptor, a reader
    gone) and a Ctrl-C each end in one line and a status; ``err`` is standard error, or a
    stream that drops what it is given when standard error is closed.
    """
    stdout = _Output(sys.stdout)
    err = sys.stderr or _Discard()
    try:
        status = command(stdout, err)
        # Output is buffered: a full disk shows only now, when it is written.
        stdout.flush()
    except KeyboardInterrupt:
        status = EXIT_INTERRUPTED
    except BrokenPipeError:
        status = EXIT_OK
    except OutputError as error:
        print(f"cronwall: error: cannot write output: {error}", file=err)
        status = EXIT_ENVIRONMENT
    if stdout.failed and sys.stdout is not None:
        # Python flushes stdout again at exit; let that go nowhere instead of failing again.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
    sys.exit(status)
