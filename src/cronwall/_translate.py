"""Other cron dialects in, strict five-field expressions out.

A layer above the parser. A dialect's text is read into what it fires on: the
set of values of each field and the rule that combines its two day fields. Those
sets are written as strict POSIX text, which :func:`cronwall.parse` compiles; its
canonical form is the answer. Nothing is approximated: when five-field POSIX cron
cannot state a dialect's fires exactly, the text is refused with the reason.

Each dialect's rules, and where they come from, are in docs/dialects.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Literal, NamedTuple, NoReturn, get_args

from ._cron import _render_list, parse
from ._errors import _SHOWN, CronwallError, ExpressionError
from ._fields import (
    DAY_OF_MONTH,
    DAY_OF_WEEK,
    HOUR,
    MAX_DAYS_IN_MONTH,
    MAX_EXPRESSION_LENGTH,
    MINUTE,
    MONTH,
    MONTH_NAMES_LONG,
    WEEKDAY_NAMES_LONG,
    Field,
    mask_values,
)
from ._parser import SHORTCUTS
from ._zones import check_name

Dialect = Literal["croniter", "quartz", "aws", "jenkins", "vixie", "celery", "apscheduler"]
DIALECTS: tuple[Dialect, ...] = get_args(Dialect)

_FULL_WEEK = 0x7F  # Sunday (bit 0) through Saturday (bit 6)
_MONTH_NAMES = MONTH.names
_SUNDAY_FIRST = DAY_OF_WEEK.names[:7]  # the table's eighth name is 7, Sunday again
_JITTER_HINT = (
    "pick a fixed value, and use cronwall.jitter(key) for a stable per-job delay "
    "that spreads the load"
)


class CrontabLine(NamedTuple):
    """A crontab line read by :func:`translate_crontab_line`."""

    #: The strict five-field expression, canonical.
    expression: str
    #: The IANA zone a ``CRON_TZ=`` line or a ``CRON_TZ=``/``TZ=`` prefix names, else ``None``.
    zone: str | None
    #: The text after the schedule (empty when there is none).
    command: str


# -- reading one dialect's fields -------------------------------------------------------------


# NamedTuples rather than dataclasses: ``dataclasses`` imports ``inspect``, which would
# double the start-up cost of the CLI (it imports this module for --from).
class _Spec(NamedTuple):
    """One field as a dialect spells it."""

    name: str  # the field's name in messages
    low: int
    high: int
    #: Upper-case name to the dialect's value.
    names: Mapping[str, int]
    #: The dialect's value to cronwall's (only weekday numberings differ).
    to_posix: Callable[[int], int] = int
    #: Values accepted beyond ``high``, read as another value before any range is built.
    aliases: Mapping[int, int] = MappingProxyType({})


class _Rules(NamedTuple):
    """How a dialect reads a field's items."""

    name: Dialect
    #: '5/15' means '5-<high>/15'.
    start_step: bool
    #: A range whose start is after its end: refused, or read by the dialect's own rule.
    wrap: Literal["refuse", "cyclic", "celery", "croniter"]
    #: Steps larger than this (given the range's start and end) are the dialect's own error.
    step_limit: Literal["none", "range", "field"] = "none"
    #: Full English names ('monday') are accepted as the three-letter name.
    full_names: bool = False


class _Token(NamedTuple):
    text: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _quoted(text: str) -> str:
    """``repr(text)``, capped: everything echoed back in a message is bounded."""
    if len(text) <= _SHOWN // 2:
        return repr(text)
    left = len(text) - _SHOWN // 2
    return f"{text[: _SHOWN // 2]!r}\N{HORIZONTAL ELLIPSIS} ({left} more characters)"


class _Reader:
    """Reads one text of one dialect; every refusal points into that text."""

    def __init__(self, text: str, rules: _Rules) -> None:
        self.text = text
        self.rules = rules

    def fail(
        self,
        reason: str,
        span: tuple[int, int],
        *,
        field: str | None = None,
        hint: str | None = None,
    ) -> NoReturn:
        raise ExpressionError(self.text, reason, span, field=field, hint=hint)

    def fail_at(self, token: _Token, reason: str, spec: _Spec, hint: str | None = None) -> NoReturn:
        self.fail(reason, (token.start, token.end), field=spec.name, hint=hint)

    # -- a field: a comma list of items -----------------------------------------------------

    def values(self, token: _Token, spec: _Spec) -> set[int]:
        """The dialect's values (its own numbering) that a plain field selects."""
        selected: set[int] = set()
        offset = token.start
        for item in token.text.split(","):
            part = _Token(item, offset)
            if not item:
                self.fail_at(part, f"empty item in the {spec.name} list", spec)
            selected |= self.item_values(part, spec)
            offset += len(item) + 1
        return selected

    def mask(self, token: _Token, spec: _Spec) -> int:
        """The cronwall mask (bit v for cronwall value v) of a plain field."""
        mask = 0
        for value in self.values(token, spec):
            mask |= 1 << spec.to_posix(value)
        return mask

    def item_values(self, item: _Token, spec: _Spec) -> set[int]:
        """item = "*" ["/" step] | value ["-" value] ["/" step]"""
        text = item.text
        base, slash, step_text = text.partition("/")
        rules = self.rules
        step = 1
        if slash:
            if not step_text or not _is_digits(step_text):
                self.fail_at(item, f"{spec.name} step in {_quoted(text)} is not a number", spec)
            step = int(step_text)  # safe: ASCII digits only
            if step == 0:
                self.fail_at(item, f"{spec.name} step must be at least 1 in {_quoted(text)}", spec)
        if base == "*":
            start, end = spec.low, spec.high
        else:
            first, dash, last = base.partition("-")
            start = self.value(_Token(first, item.start), spec, text)
            if not dash:
                if not slash:
                    return {start}
                if not rules.start_step:
                    self.fail_at(
                        item,
                        f"{rules.name} does not read the step {_quoted(text)} on a single "
                        f"{spec.name} value",
                        spec,
                    )
                if rules.wrap == "croniter" and start == spec.high:
                    return {start}  # croniter: '59/15' is minute 59 alone
                end = spec.high
            else:
                end = self.value(_Token(last, item.start + len(first) + 1), spec, text)
                if start == end and rules.wrap == "croniter":
                    # croniter widens a range written with equal ends to the whole field:
                    # what '0-7' (Sunday to Sunday) means, and a surprise anywhere else.
                    if (first, last) == ("0", "7") and not slash:
                        return set(range(spec.low, spec.high + 1))
                    self.fail_at(
                        item,
                        f"croniter reads the one-value range {_quoted(base)} as every "
                        f"{spec.name}, which is rarely what was meant",
                        spec,
                        f"write '*' for every {spec.name} or {first!r} for one",
                    )
                if start > end:
                    return self.wrapped(item, spec, start, end, step)
        self.check_step(item, spec, start, end, step, slash=bool(slash))
        return set(range(start, end + 1, step))

    def check_step(
        self, item: _Token, spec: _Spec, start: int, end: int, step: int, *, slash: bool
    ) -> None:
        limit = self.rules.step_limit
        if not slash or limit == "none":
            return
        largest = end - start if limit == "range" else spec.high
        if step > largest:
            self.fail_at(
                item,
                f"{self.rules.name} rejects the {spec.name} step {step} in "
                f"{_quoted(item.text)}: it is larger than {largest}",
                spec,
            )

    def wrapped(self, item: _Token, spec: _Spec, start: int, end: int, step: int) -> set[int]:
        """A range whose start is after its end, read by the dialect's own rule."""
        rules = self.rules
        size = spec.high - spec.low + 1
        if rules.wrap == "refuse":
            self.fail_at(
                item,
                f"{spec.name} range {_quoted(item.text.partition('/')[0])} runs backwards, "
                f"which {rules.name} does not accept",
                spec,
            )
        if rules.wrap == "croniter" and step != 1:
            # croniter restarts a stepped wrap-around range after the field's end by its
            # own count ('22-2/3' is hours 22 and 2), which no reader would expect.
            self.fail_at(
                item,
                f"croniter's stepped wrap-around {spec.name} range {_quoted(item.text)} "
                "does not continue the step across the end of the field",
                spec,
                "write the values out as a list",
            )
        if rules.wrap == "celery":
            # celery.schedules.crontab_parser: the two pieces of the range, then every
            # step-th element of that list.
            values = list(range(start, spec.high + 1)) + list(range(spec.low, end + 1))
            return set(values[::step])
        # Quartz (and croniter without a step): the range continues from the field's start.
        return {spec.low + (v - spec.low) % size for v in range(start, end + size + 1, step)}

    def value(self, token: _Token, spec: _Spec, item: str) -> int:
        """value = 1*DIGIT | NAME"""
        text = token.text
        if _is_digits(text):
            value = int(text)  # safe: ASCII digits only
            if value in spec.aliases:
                return spec.aliases[value]
            if not spec.low <= value <= spec.high:
                self.fail_at(
                    token,
                    f"{self.rules.name} {spec.name} value {_quoted(text)} is out of range "
                    f"{spec.low}-{spec.high}",
                    spec,
                )
            return value
        upper = text.upper()
        if upper in spec.names:
            return spec.names[upper]
        if self.rules.full_names and spec.names:
            for long_name in _LONG_NAMES:
                if upper == long_name.upper() and long_name[:3].upper() in spec.names:
                    return spec.names[long_name[:3].upper()]
        if not text:
            self.fail_at(
                _Token(item, token.start), f"missing {spec.name} value in {_quoted(item)}", spec
            )
        if upper.startswith("H"):
            self.fail_at(
                token,
                f"{_quoted(text)} is a hashed {spec.name}: {self.rules.name} derives it from "
                "the job's name, so it has no fixed equivalent",
                spec,
                _JITTER_HINT,
            )
        known = ", ".join(spec.names) if spec.names else "digits only"
        self.fail_at(
            token,
            f"{self.rules.name} {spec.name} value {_quoted(text)} is not a number"
            + (f" or a name ({known})" if spec.names else ""),
            spec,
        )


# Full English names, which Celery reads by their first three letters.
_LONG_NAMES = MONTH_NAMES_LONG + WEEKDAY_NAMES_LONG


def _is_digits(text: str) -> bool:
    # ASCII digits only: str.isdigit() is true for '¹' and '٣', which int() reads.
    return bool(text) and text.isascii() and text.isdigit()


def _names(names: tuple[str, ...], first: int) -> dict[str, int]:
    return {name: first + index for index, name in enumerate(names)}


_NO_NAMES: dict[str, int] = {}
_SECOND = _Spec("second", MINUTE.low, MINUTE.high, _NO_NAMES)
_MINUTE = _Spec(MINUTE.name, MINUTE.low, MINUTE.high, _NO_NAMES)
_HOUR = _Spec(HOUR.name, HOUR.low, HOUR.high, _NO_NAMES)
_DAY = _Spec(DAY_OF_MONTH.name, DAY_OF_MONTH.low, DAY_OF_MONTH.high, _NO_NAMES)
_MONTH = _Spec(MONTH.name, MONTH.low, MONTH.high, _names(_MONTH_NAMES, 1))
_MONTH_NUMBERS = _Spec(MONTH.name, MONTH.low, MONTH.high, _NO_NAMES)
# Weekday numberings: Vixie's 0-7 from Sunday (7 is Sunday again), croniter's and
# Celery's 0-6 from Sunday, Quartz's and AWS's 1-7 from Sunday, APScheduler 3's 0-6
# from Monday.
_WEEKDAY_0_7_NUMBERS = _Spec(DAY_OF_WEEK.name, 0, 7, _NO_NAMES, lambda v: v % 7)
_WEEKDAY_0_6 = _Spec(DAY_OF_WEEK.name, 0, 6, _names(_SUNDAY_FIRST, 0))
# croniter reads 7 as 0 before it builds a range, and '*' and '5/2' stop at 6.
_WEEKDAY_CRONITER = _Spec(DAY_OF_WEEK.name, 0, 6, _names(_SUNDAY_FIRST, 0), aliases={7: 0})
_WEEKDAY_1_7 = _Spec(DAY_OF_WEEK.name, 1, 7, _names(_SUNDAY_FIRST, 1), lambda v: v - 1)
_WEEKDAY_MONDAY_0 = _Spec(
    DAY_OF_WEEK.name,
    0,
    6,
    _names(("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"), 0),
    lambda v: (v + 1) % 7,
)

_RULES: dict[Dialect, _Rules] = {
    "croniter": _Rules("croniter", start_step=True, wrap="croniter"),
    "quartz": _Rules("quartz", start_step=True, wrap="cyclic", step_limit="field"),
    "aws": _Rules("aws", start_step=True, wrap="refuse", step_limit="field"),
    "jenkins": _Rules("jenkins", start_step=False, wrap="refuse"),
    "vixie": _Rules("vixie", start_step=False, wrap="refuse"),
    "celery": _Rules("celery", start_step=False, wrap="celery", full_names=True),
    "apscheduler": _Rules("apscheduler", start_step=True, wrap="refuse", step_limit="range"),
}


# -- what a text fires on -----------------------------------------------------------------


class _Days(NamedTuple):
    """The two day fields as read: cronwall masks, and how the dialect combines them."""

    day_of_month: int
    day_of_week: int
    rule: Literal["and", "or"]
    #: ``L`` (days before the month's last, 0 for the last day itself) when the field said so.
    last_day_offset: int | None = None
    day_of_month_span: tuple[int, int] = (0, 0)


def _write(
    reader: _Reader,
    minute: int,
    hour: int,
    month: int,
    days: _Days,
    day_span: tuple[int, int],
) -> str:
    """Strict text firing exactly when (minute, hour, month, days) does, or a refusal."""
    # Days that no selected month has never match, so they may be added or left out.
    longest = max(MAX_DAYS_IN_MONTH[m] for m in mask_values(month))
    possible = DAY_OF_MONTH.full_mask & ((1 << (longest + 1)) - 1)
    dom = days.day_of_month
    if days.last_day_offset is not None:
        dom = _last_day(reader, month, days.last_day_offset, days.day_of_month_span)
    dow = days.day_of_week
    every_day = dom & possible == possible
    every_weekday = dow == _FULL_WEEK
    head = f"{_text(MINUTE, minute)} {_text(HOUR, hour)}"
    month_text = _text(MONTH, month)
    if days.rule == "or":
        if every_day or every_weekday:
            return f"{head} * {month_text} *"
        # Lists of numbers never start with '*', so cronwall reads them with the either-day rule.
        dom_text, dow_text = _render_list(DAY_OF_MONTH, dom), _render_list(DAY_OF_WEEK, dow)
        return f"{head} {dom_text} {month_text} {dow_text}"
    if every_weekday or not dom & possible:
        # (With no possible day, cronwall's parser refuses the text as never firing.)
        return f"{head} {'*' if every_day else _render_list(DAY_OF_MONTH, dom)} {month_text} *"
    if every_day:
        return f"{head} * {month_text} {_render_list(DAY_OF_WEEK, dow)}"
    # Both fields restricted, both must match: cronwall reads that only when one field's
    # text starts with '*'. '*/7' in the day of week is Sunday alone (0 and 7).
    if dow & 1:
        rest = dow & ~1
        dow_text = "*/7" + (f",{_render_list(DAY_OF_WEEK, rest)}" if rest else "")
        return f"{head} {_render_list(DAY_OF_MONTH, dom)} {month_text} {dow_text}"
    slack = dom | (DAY_OF_MONTH.full_mask & ~possible)
    for step in range(2, DAY_OF_MONTH.high - DAY_OF_MONTH.low + 1):
        star = sum(1 << d for d in range(1, 32, step))
        if star & slack == star:
            rest = dom & ~star
            dom_text = f"*/{step}" + (f",{_render_list(DAY_OF_MONTH, rest)}" if rest else "")
            return f"{head} {dom_text} {month_text} {_render_list(DAY_OF_WEEK, dow)}"
    dom_text = _render_list(DAY_OF_MONTH, dom)
    weekdays = ", ".join(WEEKDAY_NAMES_LONG[d] for d in mask_values(dow))
    reader.fail(
        f"{reader.rules.name} fires only on days that are both day {dom_text} of the month "
        f"and a {weekdays}; five-field cron reads two restricted day fields as either one, "
        "and cannot say both",
        day_span,
        field=DAY_OF_MONTH.name,
        hint=f"schedule '{head} {dom_text} {month_text} *' and check the weekday in the job",
    )


def _last_day(reader: _Reader, month: int, offset: int, span: tuple[int, int]) -> int:
    """The one day of the month that 'L' (less ``offset``) is in every selected month."""
    lengths = {28 if m == 2 else MAX_DAYS_IN_MONTH[m] for m in mask_values(month)}
    if 2 in mask_values(month) or len(lengths) > 1:
        months = "February" if 2 in mask_values(month) else "months of different lengths"
        reader.fail(
            f"{reader.rules.name} 'L' is the last day of the month, which falls on different "
            f"days in {months}; five-field cron has no 'last day'",
            span,
            field=DAY_OF_MONTH.name,
            hint="schedule days 28-31 and check in the job that tomorrow is the 1st",
        )
    day = lengths.pop() - offset
    if day < 1:
        reader.fail("'L' less its offset is before the 1st", span, field=DAY_OF_MONTH.name)
    return 1 << day


def _text(field: Field, mask: int) -> str:
    return "*" if mask == field.full_mask else _render_list(field, mask)


# -- the dialects ----------------------------------------------------------------------------


def _tokens(reader: _Reader, text: str, start: int = 0) -> list[_Token]:
    """The space- or tab-separated words of ``text[start:]``; nothing else may separate them."""
    tokens: list[_Token] = []
    begin: int | None = None
    for index in range(start, len(text)):
        char = text[index]
        if char in " \t":
            if begin is not None:
                tokens.append(_Token(text[begin:index], begin))
                begin = None
            continue
        if not (char.isascii() and char.isprintable()):
            reader.fail(
                f"unexpected {_describe(char)} in {reader.rules.name} text; "
                "fields are ASCII, separated by spaces or tabs",
                (index, index + 1),
            )
        if begin is None:
            begin = index
    if begin is not None:
        tokens.append(_Token(text[begin:], begin))
    return tokens


def _describe(char: str) -> str:
    return f"character {char!r} (U+{ord(char):04X})"


def _check_count(
    reader: _Reader, tokens: list[_Token], allowed: tuple[int, ...], what: str
) -> None:
    if len(tokens) in allowed:
        return
    span = (tokens[0].start, tokens[-1].end) if tokens else (0, len(reader.text))
    reader.fail(f"{reader.rules.name} takes {what}; found {len(tokens)}", span)


def _seconds(reader: _Reader, token: _Token) -> None:
    """A seconds field translates only when it is second 0 alone."""
    values = reader.values(token, _SECOND)
    if values != {0}:
        shown = ", ".join(map(str, sorted(values)[:5])) + (", ..." if len(values) > 5 else "")
        reader.fail(
            f"{reader.rules.name} seconds field {_quoted(token.text)} fires at second(s) {shown} "
            "of a minute; cronwall fires only at second 0",
            (token.start, token.end),
            field="second",
        )


def _year(reader: _Reader, token: _Token) -> None:
    """A year field translates only when it allows every year."""
    if token.text not in ("*", "?"):
        reader.fail(
            f"{reader.rules.name} year field {_quoted(token.text)} limits the schedule to some "
            "years; cronwall schedules repeat every year",
            (token.start, token.end),
            field="year",
            hint="use '*' and stop the schedule in the job or the scheduler",
        )


def _reject_nth(reader: _Reader, token: _Token, minute: int, hour: int, month: int) -> NoReturn:
    """'MON#2': the second Monday of the month, which no day-of-month list states."""
    name = reader.rules.name
    weekday_text, _, nth_text = token.text.partition("#")
    nth = {"1": "first", "2": "second", "3": "third", "4": "fourth", "5": "fifth"}.get(nth_text)
    if nth is None:
        reader.fail_at(
            token, f"{name} weekday position in {_quoted(token.text)} is not 1-5", _DOW_FOR[name]
        )
    spec = _DOW_FOR[name]
    weekday = spec.names.get(weekday_text.upper())
    if weekday is None and _is_digits(weekday_text) and spec.low <= int(weekday_text) <= spec.high:
        weekday = int(weekday_text)
    if weekday is not None:
        weekday_text = WEEKDAY_NAMES_LONG[spec.to_posix(weekday)]
    first = (int(nth_text) - 1) * 7 + 1
    head = f"{_text(MINUTE, minute)} {_text(HOUR, hour)}"
    reader.fail_at(
        token,
        f"{name} {_quoted(token.text)} fires on the {nth} {weekday_text} of each month; "
        f"five-field cron cannot say '{nth} {weekday_text}'",
        _DOW_FOR[name],
        f"schedule '{head} {first}-{min(first + 6, 31)} {_text(MONTH, month)} *' and check "
        "the weekday in the job",
    )


_DOW_FOR: dict[str, _Spec] = {
    "croniter": _WEEKDAY_CRONITER,
    "quartz": _WEEKDAY_1_7,
    "aws": _WEEKDAY_1_7,
    "jenkins": _WEEKDAY_0_7_NUMBERS,
    "celery": _WEEKDAY_0_6,
    "apscheduler": _WEEKDAY_MONDAY_0,
}


_EXTENDED: tuple[str, ...] = ("croniter", "quartz", "aws")  # dialects with 'L', 'W', '#', '?'


def _special_days(
    reader: _Reader, dom: _Token, dow: _Token, minute: int, hour: int, month: int
) -> tuple[int | None, bool, bool]:
    """Day-field syntax beyond plain lists: ('L' offset, dom is '?', dow is '?').

    Refuses what has no five-field equivalent ('W', '#', '5L'); plain lists pass through.
    """
    name = reader.rules.name
    extended = name in _EXTENDED
    dom_q = extended and dom.text == "?"
    dow_q = extended and dow.text == "?"
    last: int | None = None
    upper = dom.text.upper()
    if (extended and upper == "L") or (name == "apscheduler" and upper == "LAST"):
        last = 0
    elif name == "quartz" and upper.startswith("L-") and _is_digits(upper[2:]):
        last = int(upper[2:])
        if last > 30:
            reader.fail_at(dom, f"quartz 'L' offset in {_quoted(dom.text)} is not 0-30", _DAY)
    elif extended and "W" in upper:
        reader.fail_at(
            dom,
            f"{name} {_quoted(dom.text)} is the weekday nearest a day of the month, which "
            "moves with the weekday that day falls on; five-field cron cannot say it",
            _DAY,
            "schedule the candidate days and check in the job",
        )
    elif extended and "L" in upper:
        reader.fail_at(
            dom, f"{name} 'L' (last day of the month) is translated only as the whole field", _DAY
        )
    if not extended:
        return last, dom_q, dow_q
    offset = dow.start
    for item in dow.text.split(","):
        token = _Token(item, offset)
        offset += len(item) + 1
        if "#" in item:
            _reject_nth(reader, token, minute, hour, month)
        # No weekday name has an 'L', so any 'L' but the whole field is "last weekday".
        if "L" in item.upper() and dow.text.upper() != "L":
            reader.fail_at(
                token,
                f"{name} {_quoted(item)} is the last such weekday of the month; five-field "
                "cron cannot say 'last'",
                _DOW_FOR[name],
                "schedule the month's last seven days (22-31) and check the weekday and the "
                "date in the job",
            )
    return last, dom_q, dow_q


def _day_masks(
    reader: _Reader, dom: _Token, dow: _Token, last: int | None, dom_q: bool, dow_q: bool
) -> tuple[int, int]:
    name = reader.rules.name
    dow_spec = _DOW_FOR[name]
    dom_mask = DAY_OF_MONTH.full_mask if dom_q or last is not None else reader.mask(dom, _DAY)
    if dow_q:
        dow_mask = _FULL_WEEK
    elif name in ("quartz", "aws") and dow.text.upper() == "L":
        dow_mask = 1 << 6  # 'L' alone in the day of week is its last day, Saturday
    else:
        dow_mask = reader.mask(dow, dow_spec)
    return dom_mask, dow_mask


def _fields(
    reader: _Reader, tokens: list[_Token], month_spec: _Spec = _MONTH
) -> tuple[int, int, int, _Days, tuple[int, int]]:
    """Read five fields (minute hour day-of-month month day-of-week) of a dialect."""
    minute_t, hour_t, dom_t, month_t, dow_t = tokens
    name = reader.rules.name
    for token, spec in zip(tokens, (_MINUTE, _HOUR, _DAY, month_spec, _DOW_FOR[name]), strict=True):
        _reject_hash(reader, token, spec)
    for token, spec in ((minute_t, _MINUTE), (hour_t, _HOUR), (month_t, month_spec)):
        if token.text == "?":
            reader.fail_at(token, f"{name} allows '?' only in the day fields", spec, "use '*'")
    minute = reader.mask(minute_t, _MINUTE)
    hour = reader.mask(hour_t, _HOUR)
    month = reader.mask(month_t, month_spec)
    last, dom_q, dow_q = _special_days(reader, dom_t, dow_t, minute, hour, month)
    if name == "croniter" and (
        ("?" in dom_t.text and not dom_q) or ("?" in dow_t.text and not dow_q)
    ):
        token = dom_t if "?" in dom_t.text else dow_t
        reader.fail_at(token, "croniter allows '?' only as a whole day field", _DAY, "use '*'")
    dom, dow = _day_masks(reader, dom_t, dow_t, last, dom_q, dow_q)
    span = (dom_t.start, dow_t.end)
    if name in ("quartz", "aws"):
        if dom_q == dow_q:
            reader.fail(
                f"{name} needs '?' in exactly one of the day-of-month and day-of-week fields",
                span,
                field=DAY_OF_MONTH.name,
            )
        rule: Literal["and", "or"] = "and"
    elif name == "croniter":
        rule = _croniter_rule(reader, dom_t, dow_t, dom, dow, last)
    else:
        # Celery, APScheduler and Jenkins fire on a day only when both day fields match it.
        rule = "and"
    days = _Days(dom, dow, rule, last, (dom_t.start, dom_t.end))
    return minute, hour, month, days, span


def _reject_hash(reader: _Reader, token: _Token, spec: _Spec) -> None:
    """Jenkins' (and croniter's) 'H': a value derived from the job's name."""
    offset = token.start
    for item in token.text.split(","):
        if item[:1] in ("H", "h") and reader.rules.name in ("jenkins", "croniter"):
            reader.fail_at(
                _Token(item, offset),
                f"{reader.rules.name} {_quoted(item)} is a hashed {spec.name}, derived from "
                "the job's name: it has no fixed equivalent",
                spec,
                _JITTER_HINT,
            )
        offset += len(item) + 1


def _croniter_rule(
    reader: _Reader,
    dom_t: _Token,
    dow_t: _Token,
    dom: int,
    dow: int,
    last: int | None,
) -> Literal["and", "or"]:
    """croniter (day_or=True) ORs the day fields unless either one is read as '*'."""
    for token in (dom_t, dow_t):
        if "*" in token.text and token.text.split(",")[0] != token.text:
            reader.fail_at(
                token,
                f"croniter treats a list holding '*' ({_quoted(token.text)}) specially",
                _DAY if token is dom_t else _WEEKDAY_CRONITER,
                "write the values out, or '*' alone",
            )
    # croniter.expand(): a field is '*' when written '*' or '?', or when it selects every
    # value and the other field's text contains a '*'.
    dom_star = dom_t.text in ("*", "?") or (
        last is None and dom == DAY_OF_MONTH.full_mask and "*" in dow_t.text
    )
    dow_star = dow_t.text in ("*", "?") or (dow == _FULL_WEEK and "*" in dom_t.text)
    return "and" if dom_star or dow_star else "or"


def _shortcut(reader: _Reader, token: _Token, extra: int) -> str:
    """A '@' shortcut's five fields; ``extra`` is how many words follow it."""
    name = reader.rules.name
    word = token.text.lower()
    if name == "jenkins" and word in SHORTCUTS:
        reader.fail(
            f"jenkins {_quoted(token.text)} spreads its minute (and hour) by a hash of the "
            "job's name ('H'), so it has no fixed equivalent",
            (token.start, token.end),
            hint=_JITTER_HINT,
        )
    if word == "@reboot":
        reader.fail(
            f"{name} '@reboot' runs once when the cron daemon starts; it names no wall time, "
            "so no schedule fires like it",
            (token.start, token.end),
            hint="start the job from the service manager instead",
        )
    if word not in SHORTCUTS or name not in ("croniter", "vixie") or extra:
        reader.fail(
            f"{name} has no shortcut {_quoted(token.text)}",
            (token.start, token.end),
        )
    return SHORTCUTS[word]


def _five(reader: _Reader, tokens: list[_Token]) -> str:
    minute, hour, month, days, span = _fields(reader, tokens)
    return _write(reader, minute, hour, month, days, span)


def _croniter(reader: _Reader) -> str:
    tokens = _tokens(reader, reader.text)
    if tokens and tokens[0].text.startswith("@"):
        return _shortcut(reader, tokens[0], len(tokens) - 1)
    _check_count(reader, tokens, (5, 6, 7), "5 fields, 6 with seconds last, or 7 with a year")
    if len(tokens) >= 6:
        _seconds(reader, tokens[5])
    if len(tokens) == 7:
        _year(reader, tokens[6])
    return _five(reader, tokens[:5])


def _quartz(reader: _Reader) -> str:
    tokens = _tokens(reader, reader.text)
    _check_count(reader, tokens, (6, 7), "6 fields (seconds first) or 7 with a year")
    _seconds(reader, tokens[0])
    if len(tokens) == 7:
        _year(reader, tokens[6])
    return _five(reader, tokens[1:6])


def _aws(reader: _Reader) -> str:
    text = reader.text
    start = 0
    stripped = text.strip(" \t")
    if stripped.lower().startswith("cron(") and stripped.endswith(")"):
        start = text.index("(") + 1
        text = text[: text.rindex(")")]
    tokens = _tokens(reader, text, start)
    _check_count(reader, tokens, (6,), "6 fields (minute hour day-of-month month day-of-week year)")
    _year(reader, tokens[5])
    return _five(reader, tokens[:5])


def _jenkins(reader: _Reader) -> str:
    tokens = _tokens(reader, reader.text)
    if tokens and tokens[0].text.startswith("@"):
        _shortcut(reader, tokens[0], len(tokens) - 1)
    _check_count(reader, tokens, (5,), "5 fields")
    minute, hour, month, days, span = _fields(reader, tokens, _MONTH_NUMBERS)
    return _write(reader, minute, hour, month, days, span)


def _celery(reader: _Reader) -> str:
    tokens = _tokens(reader, reader.text)
    _check_count(reader, tokens, (5,), "5 fields")
    return _five(reader, tokens)


def _apscheduler(reader: _Reader) -> str:
    tokens = _tokens(reader, reader.text)
    _check_count(reader, tokens, (5,), "5 fields")
    for token in (tokens[3], tokens[4]):
        offset = token.start
        for item in token.text.split(","):
            # APScheduler matches a name item by its prefix ('[a-z]+(-[a-z]+)?') and
            # silently drops the rest: 'mon-fri/2' is Monday to Friday.
            words = item.split("-")
            named = any(c.isalpha() for c in item)
            if named and not (len(words) <= 2 and all(w.isalpha() for w in words)):
                reader.fail_at(
                    _Token(item, offset),
                    f"apscheduler reads only the names at the start of {_quoted(item)} "
                    "and ignores the rest",
                    _MONTH if token is tokens[3] else _WEEKDAY_MONDAY_0,
                    "write the values out as numbers",
                )
            offset += len(item) + 1
    return _five(reader, tokens)


_READERS: dict[Dialect, Callable[[_Reader], str]] = {
    "croniter": _croniter,
    "quartz": _quartz,
    "aws": _aws,
    "jenkins": _jenkins,
    "celery": _celery,
    "apscheduler": _apscheduler,
}


# -- Vixie crontab lines ---------------------------------------------------------------------


def _crontab_line(reader: _Reader) -> tuple[str, str | None, str, int]:
    """(expression, zone, command, offset of the schedule) of a crontab entry."""
    text = reader.text
    zone: str | None = None
    offset = 0
    # A line read from a file keeps its line break; nothing follows it.
    lines = text.rstrip("\r\n").split("\n")
    for line in lines[:-1]:
        # Lines before the entry: comments, blank lines and settings. CRON_TZ sets the
        # zone the entries after it are read in (cronie); TZ only sets the command's
        # environment there.
        stripped = line.strip(" \t\r")
        name, equals, value = stripped.partition("=")
        name = name.strip(" \t")
        span = (offset, offset + len(line))
        if stripped and not stripped.startswith("#") and not equals:
            reader.fail(
                "a crontab entry is one line; only comments and settings (NAME=value) may "
                "come before it",
                span,
            )
        if name == "CRON_TZ":
            zone = value.strip(" \t").strip("'\"")
        elif name == "TZ":
            reader.fail(
                "a 'TZ=' line sets the command's environment, not the zone the schedule is read in",
                span,
                hint="cronie reads the schedule in the zone a CRON_TZ= line names",
            )
        offset += len(line) + 1
    start = offset
    entry = lines[-1].strip(" \t\r")
    first_word = entry.split(None, 1)[0] if entry else ""
    if entry.startswith("#") or (
        "=" in first_word and not first_word.startswith(("CRON_TZ=", "TZ="))
    ):
        reader.fail(
            "the last line is a comment or a setting, not a crontab entry "
            "(five fields, then the command)",
            (offset, offset + len(lines[-1])),
        )
    if entry.startswith(("CRON_TZ=", "TZ=")):
        # robfig/cron (and Kubernetes CronJobs before spec.timeZone) read a 'CRON_TZ=' or
        # 'TZ=' word before the fields as the zone.
        word = entry.split(None, 1)[0]
        zone = word.partition("=")[2]
        start = text.index(word, offset) + len(word)
    if zone is not None:
        zone = check_name(zone)
    # Only the schedule is checked: the command may hold any character.
    count = 1 if text[start:].lstrip(" \t").startswith("@") else 5
    words = _tokens(reader, text[: _end_of_words(text, start, count)], start)
    if not words:
        reader.fail("crontab line has no schedule", (start, len(text)))
    first = words[0]
    if first.text.startswith("@"):
        expression = _shortcut(reader, first, 0)
    elif len(words) < 5:
        reader.fail(
            f"a crontab entry starts with 5 fields; found {len(words)}",
            (first.start, words[-1].end),
        )
    else:
        try:
            expression = str(parse(text[first.start : words[4].end]))
        except ExpressionError as error:
            at = first.start
            reader.fail(
                error.reason,
                (error.span[0] + at, error.span[1] + at),
                field=error.field,
                hint=error.hint,
            )
    command = text[words[-1].end :].strip(" \t\r\n")
    return expression, zone, command, first.start


def _end_of_words(text: str, start: int, count: int) -> int:
    """The index just after the ``count``-th space-separated word from ``start``."""
    seen = 0
    in_word = False
    for index in range(start, len(text)):
        if text[index] in " \t":
            if in_word:
                seen += 1
                in_word = False
                if seen == count:
                    return index
        else:
            in_word = True
    return len(text)


# -- public API ------------------------------------------------------------------------------


def _check_input(text: object, dialect: object, name: str = "text") -> None:
    if not isinstance(text, str):
        raise TypeError(f"{name} must be a str, not {type(text).__name__}")
    if not isinstance(dialect, str):
        raise TypeError(f"dialect must be a str, not {type(dialect).__name__}")
    if dialect not in DIALECTS:
        raise CronwallError(
            f"unknown dialect {_quoted(dialect)}; expected one of {', '.join(DIALECTS)}",
            param="dialect",
        )
    if len(text) > MAX_EXPRESSION_LENGTH:
        raise ExpressionError(
            text,
            f"text is {len(text)} characters long; the limit is {MAX_EXPRESSION_LENGTH}",
            (MAX_EXPRESSION_LENGTH, len(text)),
        )


def translate(text: str, dialect: Dialect) -> str:
    """The strict five-field expression that fires exactly when ``text`` fires in ``dialect``.

    ``dialect`` is one of ``"croniter"``, ``"quartz"``, ``"aws"``, ``"jenkins"``,
    ``"vixie"``, ``"celery"``, ``"apscheduler"``. The result is cronwall's canonical
    text. Raises :class:`cronwall.ExpressionError` saying why when there is no exact
    equivalent (a seconds field other than 0, 'L' across months of different lengths,
    '#', 'W', 'H', both day fields restricted where the dialect requires both to match,
    ...), and for text the dialect itself rejects. A Vixie line naming a zone
    (``CRON_TZ=``) is refused with the zone in the message: use
    :func:`translate_crontab_line` to keep it.
    """
    _check_input(text, dialect)
    reader = _Reader(text, _RULES[dialect])
    if dialect == "vixie":
        expression, zone, _, start = _crontab_line(reader)
        if zone is not None:
            reader.fail(
                f"the crontab line reads its schedule in the zone {_quoted(zone)}; an "
                "expression alone would lose it",
                (0, start),
                hint=f"schedule {expression!r} in {zone!r}, or use "
                "cronwall.translate_crontab_line() to get both",
            )
        return expression
    strict = _READERS[dialect](reader)
    try:
        return str(parse(strict))
    except ExpressionError as error:
        # The sets were read exactly, so the only rejection left is a never-firing one.
        reader.fail(
            f"{dialect} text never fires: {error.reason}",
            (0, len(text)),
            field=error.field,
        )


def translate_crontab_line(line: str) -> CrontabLine:
    """A Vixie/cronie crontab entry as (expression, zone, command).

    ``line`` is one entry, optionally preceded by comment and setting lines
    (``CRON_TZ=Europe/Paris``); a ``CRON_TZ=`` or ``TZ=`` word before the fields
    (robfig/cron, Kubernetes) also names the zone. The zone is checked like every
    cronwall zone (:class:`cronwall.TimezoneError`).
    """
    _check_input(line, "vixie", "line")
    expression, zone, command, _ = _crontab_line(_Reader(line, _RULES["vixie"]))
    return CrontabLine(expression, zone, command)


CrontabLine.__module__ = "cronwall"
