"""The ``cronwall`` command: next fires, checks, explanations and DST hazard reports.

Exit status: 0 on success; 1 when the environment fails (output cannot be
written, the ``tzdata`` package is missing); 2 for bad input (with the
library's message on stderr, never a traceback); 130 when interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta, timezone
from typing import Any, NoReturn, TextIO, cast

from ._console import (
    EXIT_BAD_INPUT,
    EXIT_ENVIRONMENT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    MAX_COUNT,
    OutputError,
    _Discard,
    run_console,
)
from ._cron import Cron, parse
from ._errors import CronwallError, ExpressionError
from ._explain import explain
from ._fields import MAX_EXPRESSION_LENGTH
from ._hazards import DstHazard, later, transitions
from ._policy import FOLD_POLICIES, GAP_POLICIES
from ._rfc3339 import format_offset, format_utc, parse_datetime
from ._schedule import Schedule, instant
from ._translate import DIALECTS, Dialect, translate, translate_crontab_line
from ._typed import FoldPolicy, GapPolicy
from ._zones import (
    available_timezones,
    close_zone_name,
    deprecated_zone_names,
    tzdata_version,
)


class UsageError(Exception):
    """Bad command-line input that is not an expression or zone error."""


class _Slip(Exception):
    """An expression that fails because of a common command-line slip, with what to do."""


def format_local(moment: datetime, schedule: Schedule) -> str:
    """The local wall time with its offset: ``2026-11-01T01:30:00-04:00``."""
    return moment.astimezone(schedule.tzinfo).isoformat()


def parse_instant(text: str, option: str = "--after") -> datetime:
    """An RFC 3339 date-time with 'Z' or an offset (a naive time names no instant)."""
    value = text.strip()
    if not value:
        # An empty value is a slip (an unset shell variable), not a request for "now".
        raise UsageError(
            f"{option} is empty; give an RFC 3339 date-time such as 2026-11-01T05:30:00Z, "
            f"or leave {option} out to start from now"
        )
    moment = parse_datetime(value)
    if moment is None:
        raise UsageError(
            f"{option} {text!r} is not an RFC 3339 date-time such as 2026-11-01T05:30:00Z"
        )
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
    cron = _cron(args)
    _note_deprecated_zone(args)
    # argparse has checked --gap and --fold against the policy names (`check` has neither).
    gap: GapPolicy = getattr(args, "gap", "skip")
    fold: FoldPolicy = getattr(args, "fold", "both")
    return Schedule(cron, args.tz, gap=gap, fold=fold)


def _cron(args: argparse.Namespace) -> Cron:
    """The expression of the command line, translated first when ``--from`` says so."""
    text = _expression(args.expression)
    dialect: Dialect | None = getattr(args, "dialect", None)
    try:
        return parse(translate(text, dialect) if dialect else text)
    except ExpressionError as error:
        if dialect is None:
            _diagnose_slip(args, error)
        raise


def _note_deprecated_zone(args: argparse.Namespace) -> None:
    canonical = deprecated_zone_names().get(args.tz)
    if canonical is not None:
        print(
            f"cronwall: note: {args.tz!r} is a deprecated name for {canonical!r}, with the same "
            f"rules; prefer --tz {canonical}",
            file=args.stderr,
        )


# -- common slips -----------------------------------------------------------------------------


def _diagnose_slip(args: argparse.Namespace, error: ExpressionError) -> None:
    """Raise :class:`_Slip` when a rejected expression shows a common command-line slip."""
    words: list[str] = args.expression
    command = f"cronwall {args.command}"
    # A shell glob: an unquoted '*' became the names of the files in this folder.
    files = list(dict.fromkeys(word for word in words if _is_file_name(word)))
    if files:
        guessed = _unglob(words)
        shown = ", ".join(repr(name) for name in files[:3]) + (", ..." if len(files) > 3 else "")
        fix = f": {command} {_quote(guessed)}" if guessed is not None else ""
        raise _Slip(
            f"the shell replaced '*' with the names of files in this folder ({shown}); "
            f"quote the expression{fix}"
        )
    tokens = " ".join(words).split()
    if len(tokens) == 6:
        zone = _zone_like(tokens[5])
        if zone is not None:
            five = " ".join(tokens[:5])
            raise _Slip(
                f"{tokens[5]!r} is a time zone, not a sixth field; did you mean "
                f"--tz {zone}? ({command} {_quote(five)} --tz {zone})"
            )
    if len(tokens) in (6, 7):
        readings = _long_readings(" ".join(tokens))
        if readings:
            said = "; ".join(f"as {dialect}: {_quote(text)}" for dialect, text in readings)
            count = "six" if len(tokens) == 6 else "seven"
            raise _Slip(f"{error}\nhint: this {count}-field expression reads {said}")


def _is_file_name(word: str) -> bool:
    # The shell expands '*' to the names in the current folder, never with a slash.
    return bool(word) and "/" not in word and word not in (".", "..") and os.path.lexists(word)


def _unglob(words: Sequence[str]) -> str | None:
    """The expression with the file names put back as '*', if it then parses."""
    try:
        # Each '*' became every visible name here: a run of k times that many is k stars.
        visible = max(1, sum(1 for name in os.listdir(".") if not name.startswith(".")))
    except OSError:
        return None
    fields: list[str] = []
    run = 0
    for word in [*words, ""]:
        if word and _is_file_name(word):
            run += 1
            continue
        if run:
            if run % visible:
                return None
            fields += ["*"] * (run // visible)
            run = 0
        if word:
            fields.append(word)
    text = " ".join(fields)
    try:
        parse(text)
    except ExpressionError:
        return None
    return text


def _zone_like(word: str) -> str | None:
    """The zone a word names or nearly names ('America/New_York', 'Europe/Londn')."""
    if word in available_timezones():
        return word
    if "/" in word or word.isalpha():
        return close_zone_name(word)
    return None


def _long_readings(text: str) -> list[tuple[str, str]]:
    """The exact five-field readings of a six- or seven-field paste, by the dialects that
    write such text: seconds first (Quartz, Spring), seconds last (croniter), a year last
    (AWS EventBridge; Quartz's optional seventh field). Only readings that exist are given.
    """
    fields = text.split()
    quartz = _translated(text, "quartz")
    # Spring's CronExpression: six fields, seconds first, weekdays as in cron (0 or 7 is
    # Sunday); a seconds field of 0 drops exactly.
    spring = None
    if len(fields) == 6 and fields[0] == "0":
        five = " ".join(fields[1:])
        try:
            spring = str(parse(five))
        except ExpressionError as error:
            # Spring allows '?' like Quartz: the parser's suggestion replaces it with '*'.
            if error.suggestion is not None and "?" in five:
                spring = str(parse(error.suggestion))
    readings = []
    if quartz is not None and quartz == spring:
        readings.append(("Quartz or Spring (seconds first)", quartz))
    else:
        if quartz is not None:
            readings.append(("Quartz (seconds first, weekdays 1-7 from Sunday)", quartz))
        if spring is not None:
            readings.append(("Spring (seconds first)", spring))
    if len(fields) == 6:
        croniter = _translated(text, "croniter")
        if croniter is not None:
            readings.append(("croniter (seconds last)", croniter))
        aws = _translated(text, "aws")
        if aws is not None:
            readings.append(("AWS EventBridge (year last, weekdays 1-7 from Sunday)", aws))
    return readings


def _translated(text: str, dialect: Dialect) -> str | None:
    try:
        return translate(text, dialect)
    except CronwallError:
        return None


def command_translate(args: argparse.Namespace, out: TextIO) -> int:
    text = _expression(args.expression)
    zone = None
    if args.dialect == "vixie":
        # A crontab line may name its zone (CRON_TZ=): keep it rather than refuse.
        line = translate_crontab_line(text)
        expression, zone = line.expression, line.zone
    else:
        expression = translate(text, args.dialect)
    if args.json:
        document = {"input": text, "dialect": args.dialect, "expression": expression}
        if args.dialect == "vixie":
            document["timezone"] = zone
        print(json.dumps(document), file=out)
        return EXIT_OK
    print(expression, file=out)
    if zone is not None:
        print(
            f"cronwall: note: the line's schedule is read in {zone}: use --tz {zone}",
            file=args.stderr,
        )
    return EXIT_OK


# -- DST policies (--gap, --fold) ------------------------------------------------------------


def _add_policy_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--gap",
        choices=GAP_POLICIES,
        default="skip",
        help="wall times a clock change skips: 'skip' them (default) or run them 'late', "
        "once, when the gap ends",
    )
    sub.add_argument(
        "--fold",
        choices=FOLD_POLICIES,
        default="both",
        help="wall times a clock change repeats: run them in 'both' passes (default), "
        "or only the 'first' or the 'last'",
    )


def _policy_keys(schedule: Schedule) -> dict[str, str]:
    """``gap``/``fold`` for a JSON document, only where they are not the literal default."""
    keys: dict[str, str] = {"gap": schedule.gap} if schedule.gap != "skip" else {}
    if schedule.fold != "both":
        keys["fold"] = schedule.fold
    return keys


def _policy_flags(schedule: Schedule) -> str:
    """`` --gap late --fold first``: the options that rebuild this schedule's policy."""
    return "".join(f" --{name} {value}" for name, value in _policy_keys(schedule).items())


_POLICY_WORDS = {
    "late": "wall times a clock change skips run once, when the gap ends",
    "first": "wall times a clock change repeats run only in the first pass",
    "last": "wall times a clock change repeats run only in the second pass",
}


def _policy_outcome(policy: str, fires: Sequence[datetime]) -> str:
    """What one policy does with one hazard's wall time."""
    if not fires:
        return "no run"
    if len(fires) == 1:
        return f"one run at {format_utc(fires[0])}" + (", when the gap ends" * (policy == "late"))
    return "runs at " + " and again at ".join(format_utc(fire) for fire in fires)


def _other_policies(hazard: DstHazard) -> str:
    """``--gap late: one run at …``: what every policy but the schedule's does with a hazard."""
    option = "--gap" if hazard.kind == "gap" else "--fold"
    return "; ".join(
        f"{option} {policy}: {_policy_outcome(policy, fires)}"
        for policy, fires in hazard.by_policy
        if policy != hazard.policy
    )


# -- commands ---------------------------------------------------------------------------------


def command_next(args: argparse.Namespace, out: TextIO) -> int:
    schedule = _schedule(args)
    after = parse_instant(args.after) if args.after is not None else datetime.now(timezone.utc)
    fires = schedule.upcoming(args.n, after=after)
    if args.json:
        document: dict[str, Any] = {
            "type": "cron",
            "expression": str(schedule.cron),
            "timezone": schedule.timezone,
            "upcoming_runs_at": [format_utc(fire) for fire in fires],
            **_policy_keys(schedule),
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
    if args.expression == ["-"]:
        return _check_lines(args, out)
    schedule = _schedule(args)
    if args.json:
        document = {"valid": True, "expression": str(schedule.cron), "timezone": schedule.timezone}
        print(json.dumps(document), file=out)
    else:
        print(schedule.cron, file=out)
    return 0


# The longest line `check -` reads whole; the rest of a longer line is read and counted.
_MAX_LINE = 1 << 16
# Longest text echoed back in `check -` output (the expression limit, plus a little).
_MAX_ECHO = MAX_EXPRESSION_LENGTH + 8


def _check_lines(args: argparse.Namespace, out: TextIO) -> int:
    """``check -``: one expression per line of standard input; blank lines and ``#``
    comments are skipped (but counted, so line numbers match the input).
    """
    if args.tz != "UTC":
        _note_deprecated_zone(args)
        Schedule("* * * * *", args.tz)  # a bad zone fails once, up front
    dialect: Dialect | None = args.dialect
    checked = invalid = 0
    for number, text, length in _lines(args.stdin):
        if not text.strip(" \t") or text.lstrip(" \t").startswith("#"):
            continue
        checked += 1
        canonical: str | None = None
        error: ExpressionError | None = None
        try:
            if length > len(text):
                raise ExpressionError(
                    text,
                    f"expression is {length} characters long; the limit is {MAX_EXPRESSION_LENGTH}",
                    (MAX_EXPRESSION_LENGTH, len(text)),
                )
            canonical = str(parse(translate(text, dialect) if dialect else text))
        except ExpressionError as caught:
            error = caught
            invalid += 1
        if args.json:
            row = {
                "line": number,
                "input": _capped(text, length),
                "valid": error is None,
                "expression": canonical,
                "error": None if error is None else _capped_dict(error.to_dict()),
            }
            print(json.dumps(row), file=out)
        elif error is None:
            print(f"line {number}: {canonical}", file=out)
        else:
            print(f"cronwall: error: line {number}: {error}", file=args.stderr)
        out.flush()  # results stream out as lines come in (a pipe is block-buffered)
    if invalid and not args.json:
        print(f"cronwall: {invalid} of {checked} expressions are invalid", file=args.stderr)
    return EXIT_BAD_INPUT if invalid else EXIT_OK


def _lines(stream: TextIO) -> Iterator[tuple[int, str, int]]:
    """(line number, text without its line ending, full length) of each input line."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        # Undecodable bytes become U+FFFD, which the parser rejects with a message.
        reconfigure(errors="replace")
    number = 0
    while True:
        chunk = stream.readline(_MAX_LINE)
        if not chunk:
            return
        number += 1
        text, length = chunk, len(chunk)
        while not chunk.endswith("\n") and len(chunk) == _MAX_LINE:
            chunk = stream.readline(_MAX_LINE)  # an overlong line: count it, keep the start
            length += len(chunk)
        ending = 2 if chunk.endswith("\r\n") else 1 if chunk.endswith("\n") else 0
        if length == len(text):
            text = text[: len(text) - ending]
        yield number, text, length - ending


def _capped(text: str, length: int | None = None) -> str:
    """``text``, cut to a readable length, saying how much was left out."""
    length = len(text) if length is None else length
    if length <= _MAX_ECHO:
        return text
    return f"{text[:_MAX_ECHO]}\N{HORIZONTAL ELLIPSIS} ({length - _MAX_ECHO:,} more characters)"


def _capped_dict(document: dict[str, Any]) -> dict[str, Any]:
    return {key: _capped(v) if isinstance(v, str) else v for key, v in document.items()}


def command_explain(args: argparse.Namespace, out: TextIO) -> int:
    schedule = _schedule(args)
    after = parse_instant(args.after) if args.after is not None else datetime.now(timezone.utc)
    sentence = explain(schedule.cron)
    fires = schedule.upcoming(args.n, after=after)
    if args.json:
        document: dict[str, Any] = {
            "expression": str(schedule.cron),
            "timezone": schedule.timezone,
            "explanation": sentence,
            "upcoming_runs_at": [format_utc(fire) for fire in fires],
            "upcoming_runs_local": [format_local(fire, schedule) for fire in fires],
            **_policy_keys(schedule),
        }
        print(json.dumps(document), file=out)
        return 0
    print(f"{sentence} ({schedule.timezone} time)", file=out)
    for name, value in _policy_keys(schedule).items():
        print(f"--{name} {value}: {_POLICY_WORDS[value]}", file=out)
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
        command = (
            f"cronwall dst {_quote(str(schedule.cron))} --tz {schedule.timezone}"
            f"{_policy_flags(schedule)}"
        )
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
    counts = {"skip": 0, "late": 0, "both": 0, "once": 0}
    for hazard in hazards:
        policy = hazard.policy or ("skip" if hazard.kind == "gap" else "both")
        counts["once" if policy in ("first", "last") else policy] += 1
    parts = [
        f"{verb} {_runs(counts[policy])}{suffix}"
        for policy, verb, suffix in (
            ("skip", "skip", ""),
            ("late", "delay", ""),
            ("both", "double", ""),
            ("once", "keep", " to one pass"),
        )
        if counts[policy]
    ]
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)


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
            **_policy_keys(schedule),
            "year": year,
            "tzdata_version": tzdata_version(),
            "hazards": [
                {
                    **hazard.to_dict(),
                    "runs_at_by_policy": {
                        policy: [format_utc(fire) for fire in fires]
                        for policy, fires in hazard.by_policy
                    },
                }
                for hazard in hazards
            ],
        }
        print(json.dumps(document), file=out)
        return 0
    title = f"{_quote(expression)} in {schedule.timezone}{_policy_flags(schedule)}, {year}"
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
    literal = [h for h in hazards if h.policy in ("skip", "both")]
    if not literal:
        print(
            "Its DST policy decides every run these changes touch: none is lost or "
            "repeated by accident.",
            file=out,
        )
        return 0
    step = _even_spacing(schedule, hazards) if len(literal) == len(hazards) else None
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
    options = _join(
        [
            *(["--gap late"] if any(h.kind == "gap" for h in literal) else []),
            *(["--fold first or --fold last"] if any(h.kind == "fold" for h in literal) else []),
        ]
    )
    print(f"Or name a DST policy ({options}): each run above shows what it would do.", file=out)
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
    # A second line, under the first's text, says what the other policies would do.
    others = f"\n  {' ' * len(when)}  {_other_policies(hazard)}"
    if hazard.policy == "late":
        late = _policy_outcome("late", hazard.fires)
        return f"{when}  late     {late} (--gap late){others}"
    if hazard.policy in ("first", "last"):
        which = "first pass" if hazard.policy == "first" else "second pass"
        once = _policy_outcome(hazard.policy, hazard.fires)
        return f"{when}  once     {once}, the {which} only (--fold {hazard.policy}){others}"
    if hazard.kind == "gap":
        return f"{when}  skipped  no run: this wall time does not exist{others}"
    first, second = hazard.fires[0], hazard.fires[-1]
    return f"{when}  doubled  runs at {format_utc(first)} and again at {format_utc(second)}{others}"


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
        sub.add_argument(
            "--tz",
            "--timezone",
            dest="tz",
            default="UTC",
            metavar="ZONE",
            help="IANA zone (default UTC)",
        )
        sub.add_argument("--json", action="store_true", help="print JSON")
        return sub

    def dialect_option(sub: argparse.ArgumentParser, *, required: bool) -> None:
        sub.add_argument(
            "--from",
            dest="dialect",
            choices=DIALECTS,
            required=required,
            metavar="DIALECT",
            help=f"translate from this dialect first: {', '.join(DIALECTS)}",
        )

    nxt = add("next", "print the next fires, one RFC 3339 UTC time per line")
    nxt.add_argument("-n", type=_count, default=5, metavar="N", help="how many (default 5)")
    nxt.add_argument("--after", metavar="RFC3339", help="start after this instant (default now)")
    nxt.add_argument("--local", action="store_true", help="add the local wall time and offset")
    _add_policy_options(nxt)
    nxt.set_defaults(handler=command_next)

    check = add(
        "check",
        "validate an expression (and zone); print its canonical form; "
        "EXPR '-' checks one expression per line of standard input",
    )
    dialect_option(check, required=False)
    check.set_defaults(handler=command_check)

    explained = add("explain", "say in plain English when it fires, and list the next fires")
    explained.add_argument("-n", type=_count, default=5, metavar="N", help="how many (default 5)")
    explained.add_argument(
        "--after", metavar="RFC3339", help="start after this instant (default now)"
    )
    _add_policy_options(explained)
    explained.set_defaults(handler=command_explain)

    dst = add("dst", "list the runs a year's daylight-saving changes skip or double")
    dst.add_argument(
        "--year", type=_year, metavar="Y", help="the year, in the zone (default this one)"
    )
    _add_policy_options(dst)
    dst.set_defaults(handler=command_dst)

    translated = commands.add_parser(
        "translate",
        help="print the strict expression that fires exactly when EXPR does in DIALECT",
        description="print the strict expression that fires exactly when EXPR does in DIALECT",
    )
    translated.add_argument("expression", nargs="+", metavar="EXPR", help="the dialect's text")
    dialect_option(translated, required=True)
    translated.add_argument("--json", action="store_true", help="print JSON")
    translated.set_defaults(handler=command_translate)
    return parser


def _version() -> str:
    from . import __version__

    return __version__


def _fail(message: str, args: argparse.Namespace | None, out: TextIO, err: TextIO) -> int:
    if args is not None and getattr(args, "json", False):
        print(json.dumps({"valid": False, "error": {"message": message}}), file=out)
    else:
        print(f"cronwall: error: {message}", file=err)
    return EXIT_BAD_INPUT


def main(
    argv: Sequence[str] | None = None,
    *,
    out: TextIO | None = None,
    err: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    """Run the command line; returns the exit status (``console_scripts`` exits with it)."""
    out = sys.stdout if out is None else out
    # With standard error closed, sys.stderr is None and print() would fall back to stdout.
    err = (sys.stderr or cast(TextIO, _Discard())) if err is None else err
    args: argparse.Namespace | None = None
    try:
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as done:  # usage errors, --help, --version: argparse has printed
            return done.code if isinstance(done.code, int) else EXIT_BAD_INPUT
        args.stderr = err
        args.stdin = sys.stdin if stdin is None else stdin
        status: int = args.handler(args, out)
        return status
    except _Slip as slip:
        return _fail(str(slip), args, out, err)
    except CronwallError as error:
        if args is not None and args.json:
            print(json.dumps({"valid": False, "error": error.to_dict()}), file=out)
        else:
            print(f"cronwall: error: {error}", file=err)
        return EXIT_BAD_INPUT
    except (UsageError, TypeError) as error:
        return _fail(str(error), args, out, err)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`| head`): what it wanted was written.
        return EXIT_OK
    except OutputError as error:
        print(f"cronwall: error: cannot write output: {error}", file=err)
        return EXIT_ENVIRONMENT
    except ModuleNotFoundError as error:
        if error.name != "tzdata":
            raise
        print(f"cronwall: error: {error}", file=err)
        return EXIT_ENVIRONMENT


def run() -> NoReturn:
    """The full command line on the process's streams, whose failures (a full disk, a
    closed descriptor, a reader gone, Ctrl-C) each end in one line and a status.
    """
    run_console(lambda out, err: main(out=out, err=err))
