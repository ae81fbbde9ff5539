"""The ``cronwall`` command: print a schedule's next fires, or check an expression.

Exit status: 0 on success, 2 for bad input (with the library's message on
stderr, never a traceback), 130 when interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any, NoReturn, TextIO

from ._cron import parse
from ._errors import CronwallError
from ._schedule import Schedule
from ._zones import TZDATA_VERSION

MAX_COUNT = 10_000


class UsageError(Exception):
    """Bad command-line input that is not an expression or zone error."""


def format_utc(moment: datetime) -> str:
    """RFC 3339 in UTC with a 'Z': ``2026-11-01T05:30:00Z``."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def format_local(moment: datetime, schedule: Schedule) -> str:
    """The local wall time with its offset: ``2026-11-01T01:30:00-04:00``."""
    return moment.astimezone(schedule.tzinfo).isoformat()


def parse_instant(text: str, option: str = "--after") -> datetime:
    """An RFC 3339 date-time with 'Z' or an offset (a naive time names no instant)."""
    value = text.strip()
    if value[-1:] in ("Z", "z"):
        value = value[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"{option} {text!r} is not an RFC 3339 date-time such as 2026-11-01T05:30:00Z"
        ) from None
    if moment.utcoffset() is None:
        raise UsageError(f"{option} {text!r} has no offset; add 'Z' or an offset such as +02:00")
    return moment


def _expression(words: Sequence[str]) -> str:
    # Accept the expression quoted as one word, or unquoted as five.
    return " ".join(words)


def _count(text: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}")
    value = int(text)
    if not 1 <= value <= MAX_COUNT:
        raise argparse.ArgumentTypeError(f"must be from 1 to {MAX_COUNT}, got {value}")
    return value


def _schedule(args: argparse.Namespace) -> Schedule:
    return Schedule(parse(_expression(args.expression)), args.tz)


def command_next(args: argparse.Namespace, out: TextIO) -> int:
    schedule = _schedule(args)
    after = parse_instant(args.after) if args.after else datetime.now(timezone.utc)
    fires = schedule.upcoming(args.n, after=after)
    if args.json:
        document: dict[str, Any] = {
            "type": "cron",
            "expression": str(schedule.cron),
            "timezone": schedule.timezone,
            "upcoming_runs_at": [format_utc(fire) for fire in fires],
        }
        if args.local:
            document["upcoming_runs_local"] = [format_local(f, schedule) for f in fires]
        print(json.dumps(document), file=out)
        return 0
    for fire in fires:
        line = format_utc(fire)
        if args.local:
            line += "  " + format_local(fire, schedule)
        print(line, file=out)
    return 0


def command_check(args: argparse.Namespace, out: TextIO) -> int:
    schedule = _schedule(args)
    if args.json:
        document = {"valid": True, "expression": str(schedule.cron), "timezone": schedule.timezone}
        print(json.dumps(document), file=out)
    else:
        print(schedule.cron, file=out)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cronwall",
        description="When does a five-field cron expression fire in an IANA time zone?",
    )
    parser.add_argument(
        "--version", action="version", version=f"cronwall {_version()} (tzdata {TZDATA_VERSION})"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "expression", nargs="+", metavar="EXPR", help="five fields, quoted: '*/5 * * * *'"
        )
        sub.add_argument("--tz", default="UTC", metavar="ZONE", help="IANA zone (default UTC)")
        sub.add_argument("--json", action="store_true", help="print JSON")
        return sub

    nxt = add("next", "print the next fires, one RFC 3339 UTC time per line")
    nxt.add_argument("-n", type=_count, default=5, metavar="N", help="how many (default 5)")
    nxt.add_argument("--after", metavar="RFC3339", help="start after this instant (default now)")
    nxt.add_argument("--local", action="store_true", help="add the local wall time and offset")
    nxt.set_defaults(handler=command_next)

    check = add("check", "validate an expression (and zone); print its canonical form")
    check.set_defaults(handler=command_check)
    return parser


def _version() -> str:
    from . import __version__

    return __version__


def _fail(message: str, args: argparse.Namespace | None, out: TextIO, err: TextIO) -> int:
    if args is not None and getattr(args, "json", False):
        print(json.dumps({"valid": False, "error": {"message": message}}), file=out)
    else:
        print(f"cronwall: error: {message}", file=err)
    return 2


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; returns the exit status (``console_scripts`` exits with it)."""
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    parser = build_parser()
    args: argparse.Namespace | None = None
    try:
        args = parser.parse_args(argv)
        status: int = args.handler(args, out)
        return status
    except CronwallError as error:
        if args is not None and args.json:
            print(json.dumps({"valid": False, "error": error.to_dict()}), file=out)
        else:
            print(f"cronwall: error: {error}", file=err)
        return 2
    except (UsageError, TypeError) as error:
        return _fail(str(error), args, out, err)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def run() -> NoReturn:
    sys.exit(main())
