"""The ``cronwall`` command's entry point: ``next`` answered without the full command line.

A call such as ``cronwall next '*/5 * * * *' -n 1 --tz America/New_York`` spends most of its
time starting Python and importing modules, and the full command line (``_cli``) imports
argparse, json, typing, the translator and the explainer: about twice what the engine's
modules and the answer cost together (42 ms against 20 ms of CPU on CPython 3.11, where a
bare interpreter takes 10). So this route reads the well-formed common forms of ``next``
with a small table, computes the fires with the engine alone, and prints exactly the lines
the full command line prints.

Everything else goes to the full command line, unchanged, which reads the arguments itself:
help, ``--version``, other commands, ``--json``, abbreviated or unknown options, ``-nN``,
values that start with ``-``, expression words on both sides of an option, an expression,
zone, count or instant that is not valid, a zone name that may be deprecated (which gets a
note) and any failure while computing. Nothing has been printed when it steps aside, so
messages and exit statuses stay argparse's and the library's (tests/test_cli_fast.py
checks both routes against each other).
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone

from ._console import EXIT_INTERRUPTED, EXIT_OK, MAX_COUNT, run_console
from ._rfc3339 import format_utc, parse_datetime
from ._schedule import Schedule
from ._zones import is_located

TYPE_CHECKING = False  # typing.TYPE_CHECKING would import typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import NoReturn, TextIO

    from ._typed import FoldPolicy, GapPolicy

# The options of `next` this route reads, by the name of the value they set (argparse's
# `dest`); each takes one value, except the flag --local. Any other token that starts with
# '-' declines, abbreviations argparse would expand (--tim) included.
_VALUED = {"-n": "n", "--tz": "tz", "--timezone": "tz", "--after": "after"}
_POLICY = {"--gap": "gap", "--fold": "fold"}


class NextArgs:
    """The arguments of one ``next`` call, named as argparse's namespace names them."""

    __slots__ = ("after", "expression", "fold", "gap", "json", "local", "n", "tz")

    def __init__(self) -> None:
        self.expression: list[str] = []
        self.tz = "UTC"
        self.json = False  # --json goes to the full command line
        self.n = 5
        self.after: str | None = None
        self.local = False
        self.gap: GapPolicy = "skip"
        self.fold: FoldPolicy = "both"


def read_next(argv: Sequence[str]) -> NextArgs | None:
    """The arguments of ``cronwall next ...`` when ``argv`` is one of the forms this route
    reads and argparse would accept, else ``None`` (the full command line then answers).

    Read: ``next``, then the expression's words (one run of them, before, between or after
    the options), ``-n N``, ``--tz``/``--timezone ZONE``, ``--after RFC3339``, ``--gap G``,
    ``--fold F`` (each also as ``--option=value``, the last one given counting, as in
    argparse) and ``--local``.
    """
    if len(argv) < 2 or argv[0] != "next":
        return None
    args = NextArgs()
    words = args.expression
    # Runs of expression words separated by options: argparse takes the first, and refuses
    # the words of any other.
    runs = 0
    after_word = False
    index, count = 1, len(argv)
    while index < count:
        token = argv[index]
        index += 1
        if not token.startswith("-"):
            runs += not after_word
            after_word = True
            words.append(token)
            continue
        after_word = False
        if token == "--local":
            args.local = True
            continue
        option, equals, value = token.partition("=")
        if equals and not option.startswith("--"):
            return None  # '-n=5': attached short-option values are left to argparse
        if not equals:
            if index == count:
                return None
            value = argv[index]
            index += 1
            if value.startswith("-"):
                return None  # argparse may read it as an option, or a negative number
        name = _VALUED.get(option)
        if name == "n":
            n = _count(value)
            if n is None:
                return None
            args.n = n
        elif name is not None:
            setattr(args, name, value)
        elif option in _POLICY:
            from ._policy import FOLD_POLICIES, GAP_POLICIES

            if value not in (GAP_POLICIES if option == "--gap" else FOLD_POLICIES):
                return None
            setattr(args, _POLICY[option], value)
        else:
            return None
    if runs != 1:
        return None
    return args


def _count(text: str) -> int | None:
    # The full command line's -n: ASCII digits only (never int() on unchecked text), 1 to MAX_COUNT.
    if not text.isascii() or not text.isdigit():
        return None
    value = int(text)
    return value if 1 <= value <= MAX_COUNT else None


def next_lines(args: NextArgs) -> list[str] | None:
    """The lines ``cronwall next`` prints for ``args``, or ``None`` when the full command line
    must answer: an error (it has the messages), or a zone name that may be deprecated
    (it prints a note about those).
    """
    try:
        return _lines(args)
    except Exception:
        # Whatever failed, the full command line does the same work again and reports the
        # failure its own way: this route never answers differently.
        return None


def _lines(args: NextArgs) -> list[str] | None:
    zone = args.tz
    schedule = Schedule(" ".join(args.expression), zone, gap=args.gap, fold=args.fold)
    # A deprecated name is a link that locates no country, UTC and GMT excepted: a located
    # name never is one (asking that is cheaper than listing every deprecated name).
    if zone not in ("UTC", "GMT") and not is_located(zone):
        return None
    if args.after is None:
        after = datetime.now(timezone.utc)
    else:
        text = args.after.strip()
        moment = parse_datetime(text) if text else None
        if moment is None or moment.utcoffset() is None:
            return None
        after = moment
    fires = schedule.upcoming(args.n, after=after)
    local = schedule.tzinfo if args.local else None
    lines = []
    for fire in fires:
        line = format_utc(fire)
        if local is not None:
            line += "  " + fire.astimezone(local).isoformat()
        lines.append(line)
    return lines


def _print(lines: list[str], out: TextIO) -> int:
    for line in lines:
        print(line, file=out)
    return EXIT_OK


def run() -> NoReturn:
    """The ``cronwall`` console command and ``python -m cronwall``: the fast route when it
    answers, else the full command line (:func:`cronwall._cli.run`)."""
    lines = None
    args = read_next(sys.argv[1:])
    if args is not None:
        try:
            lines = next_lines(args)
        except KeyboardInterrupt:
            # What the full command line does once its command runs (docs/cli.md).
            sys.exit(EXIT_INTERRUPTED)
    if lines is None:
        import gc

        gc.enable()  # off while the fast route ran (cronwall.__main__); the full one needs it
        from ._cli import run as run_full

        run_full()
    run_console(lambda out, err: _print(lines, out))
