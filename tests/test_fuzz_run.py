"""A seeded fuzz run: 10^5 mutated inputs to parse, Schedule, validate_schedule and the CLI.

Each input may be accepted or refused, but refused only with the library's own errors
(``CronwallError``) or ``TypeError``; anything else fails the run, naming the seed and
the input. The seed is random per run (printed with any failure) and can be fixed:

    CRONWALL_FUZZ_SEED=1234 pytest tests/test_fuzz_run.py
    CRONWALL_FUZZ_INPUTS=1000000 pytest tests/test_fuzz_run.py    # a longer run

The default 10^5 inputs take about 7 s of CPU (measured on CPython 3.11); the CLI's 2 %
share is a third of it, since every call builds argparse's parser afresh.
"""

from __future__ import annotations

import contextlib
import io
import os
import random
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import cronwall
from cronwall import CronwallError, Schedule, parse, validate_schedule
from cronwall._cli import main

SEED = int(os.environ.get("CRONWALL_FUZZ_SEED") or random.SystemRandom().randrange(2**32))
INPUTS = int(os.environ.get("CRONWALL_FUZZ_INPUTS") or 100_000)
# Shares of the inputs per target: the CLI is the slowest per call.
SHARES = {"parse": 0.6, "schedule": 0.2, "validate_schedule": 0.18, "cli": 0.02}

SEEDS = [
    "* * * * *",
    "*/5 * * * *",
    "0 9 * * MON-FRI",
    "30 1 * * *",
    "0 0 29 2 *",
    "0 0 1,15 * SUN",
    "5-59/15 2-4 */3 JAN-MAR 1-7/2",
    "0 0 31 4,6,9,11 *",
    "@daily",
    "0 0 L * *",
    "0 0 ? * 5#3",
    "0 0 0 * * * 2026",
    "22-2 * * * *",
    "5/15 * * * *",
]
ALPHABET = [
    *"0123456789*/-, \t",
    *"LW#?HRJANFEBMONSUNTUEWEDTHUFRISATjanmon@",
    *("\n", "\r", "\x00", "\x0b", "\u00a0", "\u3000", "\u0663", "\uff11", "\u00b9", "_", "+"),
    *("é", "\ud800", "\U0001f600", "\u200b", "\ufeff"),
]
NAMES = sorted(cronwall.available_timezones())
ZONE_MUTANTS = ["", "..", "/", "\x00", " ", "\\", "posix/", "right/", "localtime", "zone.tab"]


def _mutate(rnd: random.Random, text: str) -> str:
    for _ in range(rnd.randint(1, 4)):
        roll = rnd.random()
        at = rnd.randint(0, len(text))
        if roll < 0.3:
            text = text[:at] + rnd.choice(ALPHABET) + text[at:]
        elif roll < 0.5 and text:
            text = text[:at] + text[at + 1 :]
        elif roll < 0.65 and text:
            text = text[:at] + rnd.choice(ALPHABET) + text[at + 1 :]
        elif roll < 0.75:
            text = text[:at] + str(rnd.choice([0, 7, 8, 24, 31, 60, 10**6, 10**40])) + text[at:]
        elif roll < 0.85:
            other = rnd.choice(SEEDS)
            text = text[:at] + other[rnd.randint(0, len(other)) :]
        elif roll < 0.92:
            text = text[:at] + text[at:] * rnd.randint(2, 60)
        else:
            text = text[:at] + rnd.choice(ALPHABET) * rnd.choice([100, 511, 513, 5000]) + text[at:]
    return text


def _expression(rnd: random.Random) -> Any:
    roll = rnd.random()
    if roll < 0.02:
        return rnd.choice([None, 5, 5.0, b"* * * * *", ["*"] * 5, object()])
    text = _mutate(rnd, rnd.choice(SEEDS)) if roll < 0.9 else rnd.choice(SEEDS)
    return text


def _zone(rnd: random.Random) -> Any:
    roll = rnd.random()
    if roll < 0.5:
        return rnd.choice(NAMES)
    if roll < 0.55:
        return rnd.choice([None, 0, b"UTC", timezone(timedelta(hours=rnd.randint(-23, 23)))])
    name = rnd.choice(NAMES)
    at = rnd.randint(0, len(name))
    return name[:at] + rnd.choice(ZONE_MUTANTS + ALPHABET) + name[at + rnd.randint(0, 2) :]


def _instant(rnd: random.Random) -> datetime:
    year = rnd.choice([1, 2, 1969, 1970, 2026, 2038, 2100, 9998, 9999])
    moment = datetime(year, rnd.randint(1, 12), rnd.randint(1, 28), rnd.randint(0, 23))
    offset = timedelta(minutes=rnd.choice([0, -720, 840, 330, -1439, 1439]))
    return moment.replace(tzinfo=timezone(offset))


def _json_value(rnd: random.Random, depth: int = 0) -> Any:
    roll = rnd.random()
    if roll < 0.4 or depth > 2:
        return _expression(rnd)
    if roll < 0.55:
        return rnd.choice([None, True, 0, -1, 1.5, float("nan"), 10**30, ""])
    if roll < 0.7:
        return [_json_value(rnd, depth + 1) for _ in range(rnd.randint(0, 3))]
    return {_key(rnd): _json_value(rnd, depth + 1) for _ in range(rnd.randint(0, 3))}


def _key(rnd: random.Random) -> Any:
    keys = ["type", "expression", "timezone", "last_run_at", "upcoming_runs_at", "warnings"]
    roll = rnd.random()
    if roll < 0.7:
        return rnd.choice(keys)
    if roll < 0.95:
        return _mutate(rnd, rnd.choice(keys))
    return rnd.choice([0, None, ("type",), 1.5])


def _body(rnd: random.Random) -> Any:
    if rnd.random() < 0.03:
        return rnd.choice([None, [], "cron", 5])
    body: dict[Any, Any] = {}
    if rnd.random() < 0.9:
        body["type"] = "cron" if rnd.random() < 0.8 else _json_value(rnd)
    if rnd.random() < 0.9:
        body["expression"] = _expression(rnd) if rnd.random() < 0.9 else _json_value(rnd)
    if rnd.random() < 0.9:
        body["timezone"] = _zone(rnd) if rnd.random() < 0.9 else _json_value(rnd)
    for _ in range(rnd.choice([0, 0, 0, 1, 2, 30])):
        body[_key(rnd)] = _json_value(rnd)
    return body


def _argv(rnd: random.Random) -> list[str]:
    command = rnd.choice(["next", "check", "explain", "dst", "help", "", "--version", "-h"])
    argv = [command] if command else []
    expression = _expression(rnd)
    if isinstance(expression, str):
        argv += expression.split(" ") if rnd.random() < 0.3 else [expression]
    zone = _zone(rnd)
    if isinstance(zone, str) and rnd.random() < 0.8:
        argv += ["--tz", zone]
    options = [
        ["-n", str(rnd.choice([0, 1, 5, 10_000, 10_001, -1]))],
        ["-n", _mutate(rnd, "5")],
        ["--after", _instant(rnd).isoformat()],
        ["--after", _mutate(rnd, "2026-11-01T05:30:00Z")],
        ["--year", str(rnd.choice([0, 1, 2026, 9999, 10000]))],
        ["--year", _mutate(rnd, "2026")],
        ["--json"],
        ["--local"],
        ["--bogus"],
    ]
    for _ in range(rnd.randint(0, 3)):
        argv += rnd.choice(options)
    if "next" in argv and "--after" not in argv:
        argv += ["--after", "2026-06-01T00:00:00Z"]  # keep the run independent of today
    return [a for a in argv if "\x00" not in a or rnd.random() < 0.5]


def _run_parse(rnd: random.Random) -> object:
    expression = _expression(rnd)
    return expression, lambda: parse(expression)


def _run_schedule(rnd: random.Random) -> object:
    expression, zone, moment = _expression(rnd), _zone(rnd), _instant(rnd)

    def call() -> None:
        schedule = Schedule(expression, zone)
        schedule.next_after(moment)
        schedule.prev_before(moment)

    return (expression, zone, moment), call


def _run_validate(rnd: random.Random) -> object:
    body, now, warn = _body(rnd), _instant(rnd), rnd.random() < 0.1
    return body, lambda: validate_schedule(body, now=now, count=3, warn=warn)


def _run_cli(rnd: random.Random) -> object:
    argv = _argv(rnd)

    def call() -> None:
        out, err = io.StringIO(), io.StringIO()
        # argparse writes usage errors to the real streams: capture those too.
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(argv, out=out, err=err)
        assert status in (0, 2), (status, out.getvalue(), err.getvalue())

    return argv, call


TARGETS: dict[str, Callable[[random.Random], object]] = {
    "parse": _run_parse,
    "schedule": _run_schedule,
    "validate_schedule": _run_validate,
    "cli": _run_cli,
}


@pytest.mark.slow
@pytest.mark.parametrize("target", list(TARGETS))
def test_fuzzed_inputs_raise_only_the_librarys_errors_or_type_errors(target: str) -> None:
    rnd = random.Random(f"{SEED}-{target}")
    make = TARGETS[target]
    for index in range(int(INPUTS * SHARES[target])):
        shown, call = make(rnd)  # type: ignore[misc]
        try:
            call()
        except (CronwallError, TypeError):
            pass
        except BaseException as error:
            raise AssertionError(
                f"CRONWALL_FUZZ_SEED={SEED}: {target} input #{index} {shown!r:.300} raised "
                f"{type(error).__name__}: {error!s:.300}"
            ) from error
