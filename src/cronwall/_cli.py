"""The ``cronwall`` command: next fires, checks, explanations and DST hazard reports.

Exit status: 0 on success, 2 for bad input (with the library's message on
stderr, never a traceback), 130 when interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, NoReturn, TextIO

from ._cron import parse
from ._errors import CronwallError
from ._explain import explain
from ._hazards import DstHazard, later, transitions
from ._rfc3339 import format_offset, format_utc
from ._schedule import Schedule, instant
from ._zones import tzdata_version

MAX_COUNT = 10_000


class UsageError(Exception):
    """Bad command-line input that is not an expression or zone error."""


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


def command_explain(args: argparse.Namespace, out: TextIO) -> int:
    schedule = _schedule(args)
    after = parse_instant(args.after) if args.after else datetime.now(timezone.utc)
    sentence = explain(schedule.cron)
    fires = schedule.upcoming(args.n, after=after)
    if args.json:
        document: dict[str, Any] = {
            "expression": str(schedule.cron),
            "timezone": schedule.timezone,
            "explanation": sentence,
            "upcoming_runs_at": [format_utc(fire) for fire in fires],
            "upcoming_runs_local": [format_local(fire, schedule) for fire in fires],
        }
        print(json.dumps(document), file=out)
        return 0
    print(f"{sentence} ({schedule.timezone} time)", file=out)
    print(file=out)
    rows = [(_local_label(fire, schedule), format_utc(fire)) for fire in fires]
    width = max([len("local"), *(len(local) for local, _ in rows)])
    print(f"  {'local':<{width}}  UTC", file=out)
    for local, utc in rows:
        print(f"  {local:<{width}}  {utc}", file=out)
    hazards = schedule.dst_hazards(after, later(after, timedelta(days=365)))
    if hazards:
        year = _local_date(hazards[0]).year
        print(file=out)
        command = f"cronwall dst {_quote(str(schedule.cron))} --tz {schedule.timezone}"
        print(
            f"note: in the next year, clock changes in {schedule.timezone} {_effect(hazards)}; "
            f"see: {command} --year {year}",
            file=out,
        )
    return 0


def _local_label(fire: datetime, schedule: Schedule) -> str:
    """``Fri 2026-03-13 09:00 -07:00 PDT``: the weekday helps read a schedule at a glance."""
    local = fire.astimezone(schedule.tzinfo)
    offset = format_offset(local.utcoffset() or timedelta(0))
    label = f"{local:%a} {local.date().isoformat()} {local:%H:%M} {offset}"
    # Zones without an abbreviation name themselves by their offset ('+04'): say it once.
    name = local.tzname() or ""
    return f"{label} {name}" if name.isalpha() else label


def _quote(text: str) -> str:
    return f"'{text}'"


def _effect(hazards: Sequence[DstHazard]) -> str:
    """``skip 1 run and double 2 runs``: what the clock changes do to the schedule."""
    gaps = sum(1 for hazard in hazards if hazard.kind == "gap")
    folds = len(hazards) - gaps
    parts = [f"skip {_runs(gaps)}"] if gaps else []
    if folds:
        parts.append(f"double {_runs(folds)}")
    return " and ".join(parts)


def _runs(count: int) -> str:
    return f"{count} run" + ("" if count == 1 else "s")


def _local_date(hazard: DstHazard) -> date:
    """The local date of the clock change (read in the offset before it)."""
    return (hazard.transition.replace(tzinfo=None) + hazard.offset_before).date()


# Longest list of hazards shown for one clock change; --json lists them all.
_MAX_ROWS = 12
_DAY = timedelta(days=1)
_END_OF_TIME = datetime.max.replace(tzinfo=timezone.utc)


def command_dst(args: argparse.Namespace, out: TextIO) -> int:
    schedule = _schedule(args)
    zone = schedule.tzinfo
    year = args.year if args.year is not None else datetime.now(zone).year
    start = datetime(year, 1, 1, tzinfo=zone)
    end = datetime(year + 1, 1, 1, tzinfo=zone) if year < 9999 else _END_OF_TIME
    hazards = schedule.dst_hazards(start, end)
    expression = str(schedule.cron)
    if args.json:
        document = {
            "expression": expression,
            "timezone": schedule.timezone,
            "year": year,
            "tzdata_version": tzdata_version(),
            "hazards": [hazard.to_dict() for hazard in hazards],
        }
        print(json.dumps(document), file=out)
        return 0
    title = f"{_quote(expression)} in {schedule.timezone}, {year}"
    changes = _clock_changes(schedule, start, end)
    if not changes:
        print(f"{title}: no clock changes, so every run happens exactly once", file=out)
        return 0
    if not hazards:
        dates = _join([day.isoformat() for day in changes])
        print(f"{title}: no DST hazards", file=out)
        print(
            f"The clocks change on {dates}, but this schedule matches none of the wall times "
            "skipped or repeated then: every run happens exactly once.",
            file=out,
        )
        return 0
    print(f"{title} (tzdata {tzdata_version()})", file=out)
    groups: dict[datetime, list[DstHazard]] = {}
    for hazard in hazards:
        groups.setdefault(hazard.transition, []).append(hazard)
    windows = []
    for group in groups.values():
        first = group[0]
        day = _local_date(first)
        before, after = format_offset(first.offset_before), format_offset(first.offset_after)
        print(file=out)
        print(
            f"{day.isoformat()}  {first.clock_change} "
            f"({before} to {after}, at {format_utc(first.transition)})",
            file=out,
        )
        rows = [_hazard_row(hazard, day) for hazard in group]
        if len(rows) > _MAX_ROWS:
            hidden = len(rows) - _MAX_ROWS + 2
            rows = [*rows[: _MAX_ROWS - 3], f"... {hidden} more (--json lists them all)", rows[-1]]
        for row in rows:
            print(f"  {row}", file=out)
        windows.append(_window(first))
    print(file=out)
    print(f"In {year}, clock changes {_effect(hazards)} of this schedule.", file=out)
    step = _even_spacing(schedule, hazards)
    if step is not None:
        every = {1: "every minute", 60: "every hour"}.get(step, f"every {step} minutes")
        print(
            f"It fires {every} around the clock and each change is a whole number of those "
            "intervals, so in real time its runs stay evenly spaced: only the wall-clock "
            "labels are skipped or repeated, and no run is lost or extra.",
            file=out,
        )
        return 0
    print(
        f"To avoid this, move the schedule out of the wall times that change "
        f"({_join(windows)}), or give it the time zone UTC, whose clock never changes "
        "(its runs then move in local time when the zone's offset changes).",
        file=out,
    )
    return 0


def _even_spacing(schedule: Schedule, hazards: Sequence[DstHazard]) -> int | None:
    """``n`` when the schedule fires every n minutes all day and each change is a multiple of n.

    Then a gap drops exactly the runs that real time skips, and a fold repeats exactly
    the runs that real time repeats: the spacing between consecutive runs never changes.
    """
    cron = schedule.cron
    minutes = cron.minutes
    if len(cron.hours) != 24 or (len(minutes) < 2 and minutes != (0,)):
        return None
    step = minutes[1] - minutes[0] if len(minutes) > 1 else 60
    if minutes != tuple(range(0, 60, step)) or 60 % step:
        return None
    for hazard in hazards:
        change = abs(hazard.offset_after - hazard.offset_before) // timedelta(seconds=1)
        if change % (step * 60):
            return None
    return step


def _hazard_row(hazard: DstHazard, day: date) -> str:
    wall = hazard.wall_time
    when = wall.strftime("%H:%M") if wall.date() == day else wall.strftime("%Y-%m-%d %H:%M")
    if hazard.kind == "gap":
        return f"{when}  skipped  no run: this wall time does not exist"
    first, second = hazard.fires[0], hazard.fires[-1]
    return f"{when}  doubled  runs at {format_utc(first)} and again at {format_utc(second)}"


def _window(hazard: DstHazard) -> str:
    """The wall times a clock change skips or repeats: ``02:00-03:00 on 2026-03-08``."""
    local = hazard.transition.replace(tzinfo=None)
    low = local + min(hazard.offset_before, hazard.offset_after)
    high = local + max(hazard.offset_before, hazard.offset_after)
    if high.date() == low.date():
        until = f"{high:%H:%M}"
    elif high == datetime.combine(low.date(), time()) + _DAY:
        until = "24:00"
    else:
        return f"{low:%Y-%m-%d %H:%M} to {high:%Y-%m-%d %H:%M}"
    return f"{low:%H:%M}-{until} on {low.date().isoformat()}"


def _clock_changes(schedule: Schedule, start: datetime, end: datetime) -> list[date]:
    """The local dates on which the zone's offset changes in ``[start, end)``."""
    first, _ = instant(start, "start")
    last, _ = instant(end, "end")
    return [
        (datetime(1970, 1, 1) + timedelta(seconds=when + before)).date()
        for when, before, _ in transitions(schedule._rules, first, last)
    ]


def _join(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def _year(text: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a year such as 2026, got {text!r}")
    value = int(text)
    if not 1 <= value <= 9999:
        raise argparse.ArgumentTypeError(f"must be from 1 to 9999, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cronwall",
        description="When does a five-field cron expression fire in an IANA time zone?",
    )
    parser.add_argument(
        "--version", action="version", version=f"cronwall {_version()} (tzdata {tzdata_version()})"
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

    explained = add("explain", "say in plain English when it fires, and list the next fires")
    explained.add_argument("-n", type=_count, default=5, metavar="N", help="how many (default 5)")
    explained.add_argument(
        "--after", metavar="RFC3339", help="start after this instant (default now)"
    )
    explained.set_defaults(handler=command_explain)

    dst = add("dst", "list the runs a year's daylight-saving changes skip or double")
    dst.add_argument(
        "--year", type=_year, metavar="Y", help="the year, in the zone (default this one)"
    )
    dst.set_defaults(handler=command_dst)
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
        try:
            args = parser.parse_args(argv)
        except SystemExit as done:  # usage errors, --help, --version: argparse has printed
            return done.code if isinstance(done.code, int) else 2
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
