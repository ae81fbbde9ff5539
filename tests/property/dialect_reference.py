"""Tiny brute-force readers of each cron dialect, written from the dialects' docs and sources.

Independent of ``cronwall._translate``: each reads a text the slow, obvious way into the
minutes and hours it fires at and a function saying whether it fires on a date. Only the
forms the tests generate are covered; anything else raises ``Unsupported``.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
SUNDAY_FIRST = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
MONDAY_FIRST = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


SHORTCUTS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}
LONG_WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]


class Unsupported(Exception):
    """A form this reference does not read."""


@dataclass
class Reading:
    minutes: set[int]
    hours: set[int]
    fires_on: Callable[[date], bool]


def _number(word: str, names: list[str], first: int) -> int:
    if word.isascii() and word.isdigit():
        return int(word)
    if word.lower() in names:
        return first + names.index(word.lower())
    if names is SUNDAY_FIRST and word.lower() in LONG_WEEKDAYS:
        return first + LONG_WEEKDAYS.index(word.lower())
    raise Unsupported(word)


def _walk(start: int, end: int, step: int, low: int, high: int) -> list[int]:
    """start, start+step, ... to end, going round from high to low when end < start."""
    out = []
    value, position = start, 0
    while True:
        if position % step == 0:
            out.append(value)
        if value == end:
            return out
        value = low if value == high else value + 1
        position += 1


def expand(
    text: str,
    low: int,
    high: int,
    names: list[str] = (),  # type: ignore[assignment]
    first_name: int = 0,
    start_step: bool = False,
) -> set[int]:
    """A field's values; ranges past the end go round (Quartz's rule)."""
    values: set[int] = set()
    for item in text.split(","):
        base, _, step_text = item.partition("/")
        step = int(step_text) if step_text else 1
        if base == "*":
            start, end = low, high
        elif "-" in base:
            a, b = base.split("-")
            start, end = _number(a, names, first_name), _number(b, names, first_name)
        else:
            start = _number(base, names, first_name)
            end = high if step_text and start_step else start
        values.update(_walk(start, end, step, low, high))
    return values


def _last_day(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def _sunday0(day: date) -> int:
    return (day.weekday() + 1) % 7


def vixie(text: str) -> Reading:
    """One crontab entry, after any comment and setting lines; a command may follow."""
    words = text.split("\n")[-1].split()
    if words[0].startswith("@"):
        words = SHORTCUTS[words[0]].split()
    minute, hour, dom, month, dow = words[:5]
    days = expand(dom, 1, 31)
    months = expand(month, 1, 12, MONTHS, 1)
    weekdays = {v % 7 for v in expand(dow, 0, 7, SUNDAY_FIRST)}
    either = not (dom.startswith("*") or dow.startswith("*"))

    def fires_on(day: date) -> bool:
        if day.month not in months:
            return False
        a, b = day.day in days, _sunday0(day) in weekdays
        return (a or b) if either else (a and b)

    return Reading(expand(minute, 0, 59), expand(hour, 0, 23), fires_on)


def croniter_reading(text: str) -> Reading:
    """croniter with its defaults (day_or=True); seconds are a sixth field, last."""
    words = text.split()
    if words[0].startswith("@"):
        words = SHORTCUTS[words[0]].split()
    if words[5:] not in ([], ["0"], ["0", "*"]):
        raise Unsupported(text)
    minute, hour, dom, month, dow = words[:5]
    days = set(range(1, 32)) if dom in ("*", "?", "L") else expand(dom, 1, 31, start_step=True)
    months = expand(month, 1, 12, MONTHS, 1, True)
    # croniter reads 7 as 0 first, and a range then goes round past Saturday.
    weekdays: set[int] = set()
    for item in dow.split(","):
        if item in ("?", "0-7"):  # croniter reads '0-7' as 0-0, an equal range: every day
            weekdays |= set(range(7))
            continue
        base, slash, step = item.partition("/")
        base = "-".join("0" if end == "7" else end for end in base.split("-"))
        weekdays |= expand(base + slash + step, 0, 6, SUNDAY_FIRST, 0, True)
    dom_star = dom in ("*", "?") or (dom != "L" and len(days) == 31 and "*" in dow)
    dow_star = dow in ("*", "?") or (len(weekdays) == 7 and "*" in dom)

    def fires_on(day: date) -> bool:
        if day.month not in months:
            return False
        a = day.day == _last_day(day) if dom == "L" else day.day in days
        b = _sunday0(day) in weekdays
        return (a and b) if (dom_star or dow_star) else (a or b)

    return Reading(
        expand(minute, 0, 59, start_step=True), expand(hour, 0, 23, start_step=True), fires_on
    )


def _quartz_days(dom: str, month: str, dow: str) -> Callable[[date], bool]:
    months = expand(month, 1, 12, MONTHS, 1, True)
    if (dom == "?") == (dow == "?"):
        raise Unsupported("needs exactly one '?'")

    def fires_on(day: date) -> bool:
        if day.month not in months:
            return False
        if dom == "?":
            if dow.upper() == "L":
                return _sunday0(day) == 6
            return _sunday0(day) + 1 in expand(dow, 1, 7, SUNDAY_FIRST, 1, True)
        if dom.upper() == "L":
            return day.day == _last_day(day)
        if dom.upper().startswith("L-"):
            return day.day == _last_day(day) - int(dom[2:])
        return day.day in expand(dom, 1, 31, start_step=True)

    return fires_on


def quartz(text: str) -> Reading:
    words = text.split()
    if words[0] != "0" or words[6:] not in ([], ["*"]):
        raise Unsupported(text)
    _, minute, hour, dom, month, dow = words[:6]
    return Reading(
        expand(minute, 0, 59, start_step=True),
        expand(hour, 0, 23, start_step=True),
        _quartz_days(dom, month, dow),
    )


def aws(text: str) -> Reading:
    if text.startswith("cron("):
        text = text[5:-1]
    minute, hour, dom, month, dow, year = text.split()
    if year != "*":
        raise Unsupported(text)
    return Reading(
        expand(minute, 0, 59, start_step=True),
        expand(hour, 0, 23, start_step=True),
        _quartz_days(dom, month, dow),
    )


def _both_days(days: set[int], months: set[int], weekdays: set[int]) -> Callable[[date], bool]:
    """Celery, APScheduler and Jenkins: a day fires when every day field matches it."""

    def fires_on(day: date) -> bool:
        return day.month in months and day.day in days and _sunday0(day) in weekdays

    return fires_on


def jenkins(text: str) -> Reading:
    minute, hour, dom, month, dow = text.split()
    weekdays = {v % 7 for v in expand(dow, 0, 7)}
    return Reading(
        expand(minute, 0, 59),
        expand(hour, 0, 23),
        _both_days(expand(dom, 1, 31), expand(month, 1, 12), weekdays),
    )


def celery(text: str) -> Reading:
    minute, hour, dom, month, dow = text.split()

    def stepped(field: str, low: int, high: int, names: list[str], first: int) -> set[int]:
        # celery.schedules.crontab_parser: the range as a list, then every step-th element.
        values: set[int] = set()
        for item in field.split(","):
            base, _, step = item.partition("/")
            if base == "*":
                listed = list(range(low, high + 1))
            elif "-" in base:
                a, b = (_number(w, names, first) for w in base.split("-"))
                listed = _walk(a, b, 1, low, high)
            else:
                listed = [_number(base, names, first)]
            values.update(listed[:: int(step) if step else 1])
        return values

    return Reading(
        stepped(minute, 0, 59, [], 0),
        stepped(hour, 0, 23, [], 0),
        _both_days(
            stepped(dom, 1, 31, [], 0),
            stepped(month, 1, 12, MONTHS, 1),
            stepped(dow, 0, 6, SUNDAY_FIRST, 0),
        ),
    )


def apscheduler(text: str) -> Reading:
    """APScheduler 3's CronTrigger.from_crontab: weekday 0 is Monday."""
    minute, hour, dom, month, dow = text.split()
    weekdays = {(v + 1) % 7 for v in expand(dow, 0, 6, MONDAY_FIRST, 0, True)}
    months = expand(month, 1, 12, MONTHS, 1, True)
    if dom.lower() == "last":

        def fires_on(day: date) -> bool:
            return day.month in months and day.day == _last_day(day) and _sunday0(day) in weekdays

    else:
        fires_on = _both_days(expand(dom, 1, 31, start_step=True), months, weekdays)
    return Reading(
        expand(minute, 0, 59, start_step=True), expand(hour, 0, 23, start_step=True), fires_on
    )


READERS: dict[str, Callable[[str], Reading]] = {
    "vixie": vixie,
    "croniter": croniter_reading,
    "quartz": quartz,
    "aws": aws,
    "jenkins": jenkins,
    "celery": celery,
    "apscheduler": apscheduler,
}
