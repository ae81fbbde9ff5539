"""Hypothesis strategies for cron expressions, zones and start instants.

Every strategy reads the one field table (``cronwall._fields``) and validates
its options when it is called, raising Hypothesis's ``InvalidArgument``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Collection
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any, Literal, NamedTuple, get_args

from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from cronwall._fields import (
    DAY_OF_MONTH,
    DAY_OF_WEEK,
    FIELDS,
    FULL_NAMES,
    MAX_DAYS_IN_MONTH,
    MAX_EXPRESSION_LENGTH,
    MONTH,
    Field,
)
from cronwall._typed import FieldName
from cronwall.testing._oracle import FOLD_POLICIES, GAP_POLICIES, tzdata_zone, tzdata_zone_names
from cronwall.testing._transitions import Transition, _transitions_in_year

__all__ = [
    "INTERESTING_TIMEZONES",
    "POLICIES",
    "ExpressionCase",
    "InvalidExpression",
    "InvalidKind",
    "ScheduleCase",
    "expression_cases",
    "expressions",
    "instants",
    "invalid_expressions",
    "schedules",
    "timezones",
]

UTC = timezone.utc
DayRule = Literal["and", "or"]
_FIELD_BY_NAME: dict[str, Field] = {field.name: field for field in FIELDS}
_FIELD_NAMES: tuple[FieldName, ...] = tuple(field.name for field in FIELDS)
# Room for the four separators and surrounding blanks, each at most three characters.
_FIELD_BUDGET = (MAX_EXPRESSION_LENGTH - 6 * 3) // len(FIELDS)


# --------------------------------------------------------------------------- expressions


class ExpressionCase(NamedTuple):
    """A valid expression together with what it means, worked out independently of the parser."""

    #: The expression text, as a parser receives it.
    text: str
    #: The text of each of the five fields.
    fields: tuple[str, ...]
    #: The values each field allows, in field order; day of week 7 is folded onto 0.
    values: tuple[frozenset[int], ...]
    #: ``"or"`` when neither day field's text starts with ``*``.
    day_rule: DayRule


def _nameable(field: Field, value: int) -> str | None:
    """The three-letter name that stands for ``value`` (7 in day of week has none of its own)."""
    if not field.names:
        return None
    name = field.names[value - field.low]
    return name if field.name_value(name) == value else None


# Strategies are built once and reused: building one inside a draw costs a validation each time.


@functools.cache
def _integers(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low, high)


@functools.cache
def _sampled(options: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    return st.sampled_from(options)


# Leading zeros are digits too (``value = 1*DIGIT``); draw them now and then.
_ZEROS = st.sampled_from(("",) * 8 + ("0", "00"))


@functools.cache
def _value_texts(field: Field, value: int, allow_names: bool) -> st.SearchStrategy[str]:
    """value = 1*DIGIT | NAME"""
    number = str(value)
    digits = _ZEROS.map(lambda zeros: zeros + number)
    name = _nameable(field, value) if allow_names else None
    if name is None:
        return digits
    return st.one_of(digits, st.sampled_from((name, name.lower(), name.title())))


def _step_text(draw: st.DrawFn, most: int) -> tuple[str, int]:
    step = draw(_integers(1, most))
    return draw(_ZEROS) + str(step), step


_ItemKind = Literal["value", "range", "stepped range", "star", "stepped star"]
_NOT_STAR: tuple[_ItemKind, ...] = ("value", "range", "stepped range")
_STAR: tuple[_ItemKind, ...] = ("star", "stepped star")


@st.composite
def _item(
    draw: st.DrawFn, field: Field, kinds: tuple[_ItemKind, ...], allow_names: bool
) -> tuple[str, frozenset[int]]:
    """item = "*" ["/" step] | value ["-" value ["/" step]]"""
    kind = draw(_sampled(kinds))
    low, high = field.low, field.high
    if kind == "value":
        value = draw(_integers(low, high))
        text, values = draw(_value_texts(field, value, allow_names)), range(value, value + 1)
    elif kind == "star":
        text, values = "*", range(low, high + 1)
    elif kind == "stepped star":
        step_text, step = _step_text(draw, high - low)
        text, values = f"*/{step_text}", range(low, high + 1, step)
    else:
        # A stepped range needs room for a step: 1 <= step <= end - start.
        start = draw(_integers(low, high - 1 if kind == "stepped range" else high))
        end = draw(_integers(start + 1 if kind == "stepped range" else start, high))
        text = draw(_value_texts(field, start, allow_names))
        text += "-" + draw(_value_texts(field, end, allow_names))
        step = 1
        if kind == "stepped range":
            step_text, step = _step_text(draw, end - start)
            text += f"/{step_text}"
        values = range(start, end + 1, step)
    if field is DAY_OF_WEEK:
        return text, frozenset(value % 7 for value in values)  # 7 is Sunday, like 0
    return text, frozenset(values)


@st.composite
def _restricted_field(
    draw: st.DrawFn,
    first: st.SearchStrategy[tuple[str, frozenset[int]]],
    rest: st.SearchStrategy[tuple[str, frozenset[int]]],
    counts: st.SearchStrategy[int],
) -> tuple[str, frozenset[int]]:
    """field = item ("," item)*"""
    count = draw(counts)
    text, values = draw(first)
    for _ in range(count - 1):
        item_text, item_values = draw(rest)
        if len(text) + 1 + len(item_text) > _FIELD_BUDGET:
            break
        text, values = f"{text},{item_text}", values | item_values
    return text, values


def _possible(values: tuple[frozenset[int], ...], day_rule: DayRule) -> bool:
    """Does the expression fire at all (docs/semantics.md, never-firing expressions)?"""
    if day_rule == "or":
        return True  # every month has every weekday
    days, months = values[2], values[3]
    return any(day <= MAX_DAYS_IN_MONTH[month] for month in months for day in days)


_BLANKS = st.text(alphabet=" \t", min_size=1, max_size=3)
_SEPARATORS = st.one_of(st.just(" "), _BLANKS)
_FieldTexts = tuple[st.SearchStrategy[tuple[str, frozenset[int]]], ...]


def _field_texts(
    restricted: frozenset[str],
    allow_names: bool,
    allow_ranges: bool,
    allow_steps: bool,
    max_items: int,
    day_rule: DayRule | None,
    starred: str | None,
) -> _FieldTexts:
    """A strategy of ``(text, values)`` per field; ``starred``: the day field to start with *."""
    kinds: tuple[_ItemKind, ...] = ("value",)
    if allow_ranges:
        kinds += ("range",)
    kinds += ("star",)
    if allow_steps and allow_ranges:
        kinds += ("stepped range",)
    if allow_steps:
        kinds += ("stepped star",)
    not_star = tuple(kind for kind in kinds if kind in _NOT_STAR)
    star = tuple(kind for kind in kinds if kind in _STAR)
    counts = _integers(1, max_items)
    strategies = []
    for field in FIELDS:
        every = range(field.low, field.high + 1)
        whole = ("*", frozenset(v % 7 for v in every) if field is DAY_OF_WEEK else frozenset(every))
        first, may_be_whole = kinds, True
        if field in (DAY_OF_MONTH, DAY_OF_WEEK):
            if day_rule == "or":
                first, may_be_whole = not_star, False
            elif field.name == starred:
                first = star
        options: list[st.SearchStrategy[tuple[str, frozenset[int]]]] = []
        if may_be_whole:
            options.append(st.just(whole))  # "*" first: the shrink target
        if field.name in restricted:
            first_items = _item(field, first, allow_names)
            items = _item(field, kinds, allow_names)
            options.append(_restricted_field(first_items, items, counts))
        strategies.append(st.one_of(options))
    return tuple(strategies)


@st.composite
def _expression_cases(draw: st.DrawFn, choices: dict[str | None, _FieldTexts]) -> ExpressionCase:
    starred = draw(_sampled(tuple(choices)))
    texts: list[str] = []
    values: list[frozenset[int]] = []
    for strategy in choices[starred]:
        text, field_values = draw(strategy)
        texts.append(text)
        values.append(field_values)
    rule: DayRule = "and" if texts[2].startswith("*") or texts[4].startswith("*") else "or"
    assume(_possible(tuple(values), rule))
    separators = [draw(_SEPARATORS) for _ in range(len(FIELDS) - 1)]
    text = texts[0] + "".join(sep + field for sep, field in zip(separators, texts[1:], strict=True))
    if draw(_integers(0, 7)) == 7:
        text = draw(_BLANKS) + text + draw(_BLANKS)  # leading and trailing blanks are ignored
    return ExpressionCase(text, tuple(texts), tuple(values), rule)


def _check_bool(name: str, value: object) -> None:
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be a bool")


def expression_cases(
    *,
    fields: Collection[str] = _FIELD_NAMES,
    allow_names: bool = True,
    allow_ranges: bool = True,
    allow_steps: bool = True,
    max_items: int = 3,
    day_rule: DayRule | None = None,
) -> st.SearchStrategy[ExpressionCase]:
    """Like :func:`expressions`, but draws each expression with its meaning (``ExpressionCase``)."""
    if isinstance(fields, str) or not isinstance(fields, Collection):
        raise InvalidArgument(f"fields={fields!r} must be a collection of field names")
    unknown = [name for name in fields if name not in _FIELD_BY_NAME]
    if unknown:
        known = ", ".join(repr(field.name) for field in FIELDS)
        raise InvalidArgument(f"fields={fields!r}: unknown field {unknown[0]!r}; known: {known}")
    for name, flag in (
        ("allow_names", allow_names),
        ("allow_ranges", allow_ranges),
        ("allow_steps", allow_steps),
    ):
        _check_bool(name, flag)
    if not isinstance(max_items, int) or isinstance(max_items, bool) or max_items < 1:
        raise InvalidArgument(f"max_items={max_items!r} must be an int of at least 1")
    if day_rule not in (None, *get_args(DayRule)):
        raise InvalidArgument(f"day_rule={day_rule!r} must be None, 'and' or 'or'")
    if day_rule == "or" and not {DAY_OF_MONTH.name, DAY_OF_WEEK.name} <= set(fields):
        raise InvalidArgument(
            "day_rule='or' needs both day fields restricted: "
            "add 'day of month' and 'day of week' to fields"
        )
    return _cached_expression_cases(
        frozenset(fields), allow_names, allow_ranges, allow_steps, max_items, day_rule
    )


@functools.cache
def _cached_expression_cases(
    restricted: frozenset[str],
    allow_names: bool,
    allow_ranges: bool,
    allow_steps: bool,
    max_items: int,
    day_rule: DayRule | None,
) -> st.SearchStrategy[ExpressionCase]:
    options: tuple[str | None, ...] = (None,)
    if day_rule == "and":
        options = (DAY_OF_WEEK.name, DAY_OF_MONTH.name)
    choices = {
        starred: _field_texts(
            restricted, allow_names, allow_ranges, allow_steps, max_items, day_rule, starred
        )
        for starred in options
    }
    return _expression_cases(choices)


def expressions(
    *,
    fields: Collection[str] = _FIELD_NAMES,
    allow_names: bool = True,
    allow_ranges: bool = True,
    allow_steps: bool = True,
    max_items: int = 3,
    day_rule: DayRule | None = None,
) -> st.SearchStrategy[str]:
    """Valid five-field cron expressions, covering the whole grammar (docs/semantics.md).

    Values, ranges, steps on ``*`` and on ranges, lists, month and weekday
    names in any case, 0 and 7 for Sunday, leading zeros, and blanks (spaces
    and tabs) around and between fields; both day rules. No expression drawn is
    a never-firing one (those are rejected by the parser), and none is longer
    than the parser accepts. Shrinks towards ``* * * * *``.

    - ``fields``: the fields that may be restricted; the others are always ``*``.
    - ``allow_names``: draw ``JAN``/``mon``/``Fri`` as well as numbers.
    - ``allow_ranges``, ``allow_steps``: draw ``a-b`` items, and ``/step`` items.
    - ``max_items``: at most this many comma-separated items in a field.
    - ``day_rule``: ``"and"`` (a day field starts with ``*``), ``"or"`` (neither
      does) or ``None`` (either).
    """
    return expression_cases(
        fields=fields,
        allow_names=allow_names,
        allow_ranges=allow_ranges,
        allow_steps=allow_steps,
        max_items=max_items,
        day_rule=day_rule,
    ).map(lambda case: case.text)


# ------------------------------------------------------------------- invalid expressions

InvalidKind = Literal[
    "shortcut",
    "extended syntax",
    "field count",
    "step on a value",
    "reversed range",
    "zero step",
    "step too large",
    "out of range",
    "empty item",
    "repeated operator",
    "not a number",
    "full name",
    "misplaced name",
    "unknown name",
    "malformed item",
    "bad separator",
    "too long",
    "never fires",
]


class InvalidExpression(NamedTuple):
    """A string the parser must reject, and why."""

    expression: str
    #: The rejection class (docs/semantics.md: grammar, never-firing expressions).
    kind: InvalidKind
    #: Why this string is invalid, in words.
    reason: str
    #: The field whose text is at fault, or ``None`` when it is the expression as a whole.
    field: FieldName | None


_DIGIT_LOOKALIKES = (
    "\u0663",  # ARABIC-INDIC DIGIT THREE
    "\uff11",  # FULLWIDTH DIGIT ONE
    "\u00b9",  # SUPERSCRIPT ONE
    "\u09e9",  # BENGALI DIGIT THREE
    "\U0001d7d3",  # MATHEMATICAL BOLD DIGIT FIVE
    "\u4e94",  # CJK five
)
_NOT_NUMBERS = (*_DIGIT_LOOKALIKES, "5_0", "+5", "-5", "0x5", "1.5", "1e1")
_EXTENDED = {
    "minute": ("H", "H/5", "R", "?"),
    "hour": ("H", "H(0-6)", "R", "?"),
    "day of month": ("L", "LW", "15W", "L-3", "?", "H"),
    "month": ("?", "H", "L"),
    "day of week": ("5L", "MON#2", "1#3", "?", "L", "H"),
}
_SHORTCUTS = (
    "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly",
    "@reboot", "@every 5m", "@DAILY", "@",
)  # fmt: skip
_BAD_BLANKS = ("\n", "\r\n", "\r", "\x00", "\v", "\f", "\u00a0", "\u2003", "\u3000", "\u200b")


def _valid_fields(draw: st.DrawFn) -> list[str]:
    return list(draw(expression_cases(max_items=2)).fields)


@st.composite
def _field_fault(draw: st.DrawFn, kind: InvalidKind) -> InvalidExpression:
    """A valid expression with one field's text replaced by (or extended with) a bad item."""
    fields = _valid_fields(draw)
    index = draw(st.integers(0, len(FIELDS) - 1))
    field = FIELDS[index]
    low, high = field.low, field.high
    value = draw(st.integers(low, high))
    item: str
    if kind == "extended syntax":
        item = draw(st.sampled_from(_EXTENDED[field.name]))
        reason = f"{item!r} is extended (Quartz or Jenkins) syntax"
    elif kind == "step on a value":
        step = draw(st.integers(1, 99))
        item, reason = f"{value}/{step}", f"a step on the single value {value}"
    elif kind == "reversed range":
        start = draw(st.integers(low + 1, high))
        end = draw(st.integers(low, start - 1))
        item = f"{start}-{end}"
        spell_names = draw(st.booleans())
        if field.names and spell_names:
            names = [_nameable(field, v) for v in (start, end)]
            if names[0] is not None and names[1] is not None:
                item = f"{names[0]}-{names[1]}"
        if draw(st.booleans()):
            item += f"/{draw(st.integers(1, 3))}"
        reason = f"the range {item!r} starts after it ends"
    elif kind == "zero step":
        item = draw(st.sampled_from(("*/0", f"{low}-{high}/0", "*/00")))
        reason = "a step of 0"
    elif kind == "step too large":
        if draw(st.booleans()):
            step = draw(st.integers(high - low + 1, high - low + 100))
            item = f"*/{step}"
        else:
            start = draw(st.integers(low, high))
            end = draw(st.integers(start, high))
            step = draw(st.integers(end - start + 1, end - start + 60))
            item = f"{start}-{end}/{step}"
        reason = f"the step in {item!r} can select only the range's first value"
    elif kind == "out of range":
        bad = draw(
            st.one_of(
                st.integers(high + 1, high + 100),
                st.integers(0, low - 1) if low > 0 else st.nothing(),
                st.just(10**20),
            )
        )
        item = draw(st.sampled_from((str(bad), f"{low}-{bad}", f"{bad}-{bad}")))
        if bad < low:
            item = str(bad)
        reason = f"{field.name} value {bad} is out of range {low}-{high}"
    elif kind == "empty item":
        item = draw(st.sampled_from((f"{value},,{value}", f"{value},", f",{value}", ",")))
        reason = "an empty list item"
    elif kind == "repeated operator":
        item = draw(
            st.sampled_from(
                (
                    f"{low}-{value}-{high}",
                    f"*/1/{value}",
                    f"{low}--{high}",
                    "*//1",
                    f"{low}-{high}/1/1",
                )
            )
        )
        reason = f"a repeated dash or slash in {item!r}"
    elif kind == "not a number":
        bad = draw(st.sampled_from(_NOT_NUMBERS))
        item = draw(st.sampled_from((bad, f"{low}-{bad}", f"*/{bad}")))
        reason = f"{bad!r} is not a number of ASCII digits"
    elif kind == "malformed item":
        item = draw(
            st.sampled_from(
                ("*-5", f"{value}-", "-", "*/", "/5", f"{low}-/1", "**", "5*", "*5", "a")
            )
        )
        reason = f"{item!r} is not an item"
    else:  # pragma: no cover - every kind above is handled
        raise AssertionError(kind)
    if draw(st.booleans()) and kind != "empty item":
        # The bad item somewhere in a list of good ones.
        other = str(value)
        item = draw(st.sampled_from((f"{other},{item}", f"{item},{other}")))
    fields[index] = item
    return InvalidExpression(" ".join(fields), kind, reason, field.name)


@st.composite
def _name_fault(draw: st.DrawFn, kind: InvalidKind) -> InvalidExpression:
    fields = _valid_fields(draw)
    if kind == "full name":
        field = draw(st.sampled_from((MONTH, DAY_OF_WEEK)))
        full = [long for long, short in FULL_NAMES.items() if short in field.names]
        item = draw(st.sampled_from(full))
        item = draw(st.sampled_from((item, item.lower(), item.title())))
        reason = f"{item!r} is a full name; names are three letters"
    elif kind == "misplaced name":
        field = draw(st.sampled_from((*FIELDS[:3], MONTH, DAY_OF_WEEK)))
        choices = [
            name for other in (MONTH, DAY_OF_WEEK) if other is not field for name in other.names
        ]
        item = draw(st.sampled_from(sorted(set(choices) - set(field.names))))
        reason = f"{item!r} is not a name of the {field.name} field"
    else:  # unknown name
        field = draw(st.sampled_from((MONTH, DAY_OF_WEEK)))
        item = draw(st.sampled_from(("FOO", "MO", "JA", "XYZ", "MONN", "JANU", "S")))
        reason = f"{item!r} is no name at all"
    fields[FIELDS.index(field)] = item
    return InvalidExpression(" ".join(fields), kind, reason, field.name)


@st.composite
def _whole_fault(draw: st.DrawFn, kind: InvalidKind) -> InvalidExpression:
    """Faults of the expression as a whole rather than of one field."""
    field_name: FieldName | None = None
    if kind == "shortcut":
        text = draw(st.sampled_from(_SHORTCUTS))
        reason = f"{text.split()[0]!r} is a shortcut; write the five fields"
    elif kind == "field count":
        fields = _valid_fields(draw) + _valid_fields(draw)
        count = draw(st.sampled_from((0, 1, 2, 3, 4, 6, 7)))
        text = " ".join(fields[:count])
        if count == 0:
            text = draw(st.sampled_from(("", " ", "\t \t")))
        reason = f"{count} fields; an expression has exactly 5"
    elif kind == "bad separator":
        fields = _valid_fields(draw)
        separators = [" "] * (len(fields) - 1)
        bad = draw(st.sampled_from(_BAD_BLANKS))
        where = draw(st.sampled_from(("between", "before", "after")))
        if where == "between":
            separators[draw(st.integers(0, len(separators) - 1))] = bad
        text = fields[0] + "".join(
            sep + field for sep, field in zip(separators, fields[1:], strict=True)
        )
        if where == "before":
            text = bad + text
        elif where == "after":
            text += bad
        reason = f"{bad!r} outside a field; only spaces and tabs separate fields"
    elif kind == "too long":
        # A minute field of many 0s makes the expression exactly ``length`` characters long:
        # valid but for its length (shrinking towards one character too many).
        length = draw(st.integers(MAX_EXPRESSION_LENGTH + 1, 2 * MAX_EXPRESSION_LENGTH))
        rest = " " + " ".join(_valid_fields(draw)[1:])
        room = length - len(rest)  # room > 400: the other fields are at most ~100 each
        zeros = ["0"] * ((room + 1) // 2)
        if room % 2 == 0:
            zeros[-1] = "00"  # a leading zero fills the odd character
        text = ",".join(zeros) + rest
        reason = f"{len(text)} characters; at most {MAX_EXPRESSION_LENGTH} are accepted"
    else:  # never fires
        # Under the "and" day rule, days that no month of the expression has.
        text, reason = draw(_never_firing())
    return InvalidExpression(text, kind, reason, field_name)


@st.composite
def _never_firing(draw: st.DrawFn) -> tuple[str, str]:
    fields = _valid_fields(draw)
    if draw(st.booleans()):
        months, days = [2], draw(st.lists(st.sampled_from((30, 31)), min_size=1, max_size=2))
    else:
        months = draw(st.lists(st.sampled_from((2, 4, 6, 9, 11)), min_size=1, max_size=4))
        days = [31]
    spelled_months = [MONTH.names[m - 1] if draw(st.booleans()) else str(m) for m in months]
    fields[2] = ",".join(str(day) for day in days)
    fields[3] = ",".join(spelled_months)
    fields[4] = draw(st.sampled_from(("*", "*/2", "*/3", "*,MON")))
    reason = f"day {fields[2]} of month {fields[3]} never happens"
    return " ".join(fields), reason


_FIELD_KINDS: tuple[InvalidKind, ...] = (
    "extended syntax",
    "step on a value",
    "reversed range",
    "zero step",
    "step too large",
    "out of range",
    "empty item",
    "repeated operator",
    "not a number",
    "malformed item",
)
_NAME_KINDS: tuple[InvalidKind, ...] = ("full name", "misplaced name", "unknown name")


def invalid_expressions(
    *, kinds: Collection[InvalidKind] | None = None
) -> st.SearchStrategy[InvalidExpression]:
    """Strings the parser must reject: ``InvalidExpression(expression, kind, reason, field)``.

    Every rejection class of the grammar (and never-firing expressions) is covered:
    ``@`` shortcuts, extended syntax (``L W # ? H``), the wrong number of
    fields, steps on single values, reversed ranges, zero and too-large steps,
    values out of range, empty list items, repeated dashes and slashes,
    non-ASCII digits and other non-numbers, full and misplaced names,
    characters other than spaces and tabs between fields, over-long
    expressions, and expressions that can never fire. Except for the
    expression-wide kinds, the fault is in one field (``field``) and every
    other field is valid. ``kinds`` restricts the draw to some classes.
    """
    every = get_args(InvalidKind)
    if kinds is None:
        chosen: tuple[InvalidKind, ...] = every
    else:
        if isinstance(kinds, str) or not isinstance(kinds, Collection) or not kinds:
            raise InvalidArgument(f"kinds={kinds!r} must be a non-empty collection of kinds")
        unknown = [kind for kind in kinds if kind not in every]
        if unknown:
            raise InvalidArgument(f"kinds={kinds!r}: unknown kind {unknown[0]!r}; known: {every}")
        chosen = tuple(kind for kind in every if kind in kinds)
    strategies = []
    for kind in chosen:
        if kind in _FIELD_KINDS:
            strategies.append(_field_fault(kind))
        elif kind in _NAME_KINDS:
            strategies.append(_name_fault(kind))
        else:
            strategies.append(_whole_fault(kind))
    return st.one_of(strategies)


# ----------------------------------------------------------------------- zones and instants

#: Zones whose rules exercise the engine: every kind of offset change in the database.
INTERESTING_TIMEZONES: tuple[str, ...] = (
    "UTC",
    "America/New_York",  # US rules; LMT -4:56:02 until 1883
    "Europe/London",
    "Europe/Dublin",  # negative DST in winter since 1971; DMT -0:25:21 until 1916
    "Australia/Sydney",  # southern hemisphere
    "Australia/Lord_Howe",  # 30-minute DST
    "Pacific/Chatham",  # +12:45 / +13:45
    "America/Santiago",  # transitions at 24:00
    "Pacific/Apia",  # skipped 2011-12-30 entirely
    "Asia/Kolkata",  # +5:30, no DST; LMT with seconds
    "Africa/Casablanca",  # DST suspended each Ramadan
    "America/St_Johns",  # -3:30 / -2:30
    "Asia/Tehran",  # +3:30, DST until 2022
    "Antarctica/Troll",  # 2-hour DST
    "Pacific/Kiritimati",  # +14: the local date is ahead of every other
    "Etc/GMT+12",  # -12: the local date is behind every other
    "America/Havana",  # transitions at 00:00
    "America/Sao_Paulo",  # transitions at 00:00 until 2019
    "Asia/Kathmandu",  # +5:45
    "Australia/Eucla",  # +8:45
    "Africa/Monrovia",  # -0:44:30 until 1972
    "Pacific/Kwajalein",  # skipped a day in 1993
    "America/Scoresbysund",  # changed its base offset in 2024
    "Asia/Gaza",  # frequent rule changes
    "Europe/Moscow",
    "America/Los_Angeles",
    "Asia/Tokyo",
    "US/Eastern",  # a link
)


def timezones(*, include_all: bool = True) -> st.SearchStrategy[str]:
    """IANA zone names: half from :data:`INTERESTING_TIMEZONES`, half from every name tzdata ships.

    With ``include_all=False`` only the interesting ones. Shrinks towards ``"UTC"``.
    """
    _check_bool("include_all", include_all)
    interesting = st.sampled_from(INTERESTING_TIMEZONES)
    if not include_all:
        return interesting
    return st.one_of(interesting, st.sampled_from(sorted(tzdata_zone_names())))


_FIRST = datetime.min.replace(tzinfo=UTC)
_LAST = datetime.max.replace(tzinfo=UTC)
_PIVOT = datetime(2000, 1, 1, tzinfo=UTC)
_MODERN = (datetime(1970, 1, 1, tzinfo=UTC), datetime(2040, 1, 1, tzinfo=UTC))
_HISTORY = (datetime(1850, 1, 1, tzinfo=UTC), datetime(2150, 1, 1, tzinfo=UTC))


_MICROSECONDS = st.one_of(st.just(0), st.integers(0, 999_999))


def _within(low: datetime, high: datetime) -> st.SearchStrategy[datetime]:
    """UTC instants in ``[low, high]``, shrinking towards 2000-01-01 (or the nearer bound)."""
    pivot = min(max(_PIVOT, low), high)
    below = math.floor((low - pivot).total_seconds())
    above = math.floor((high - pivot).total_seconds())

    def instant(seconds: int, microseconds: int) -> datetime:
        try:
            instant = pivot + timedelta(seconds=seconds, microseconds=microseconds)
            return min(max(instant, low), high)
        except OverflowError:  # past the end of year 9999
            return high

    return st.builds(instant, st.integers(below, above), _MICROSECONDS)


def _windows(
    low: datetime, high: datetime, *windows: tuple[datetime, datetime]
) -> st.SearchStrategy[datetime]:
    """Instants in each window clipped to ``[low, high]`` (the whole range if none overlaps)."""
    clipped = [(max(a, low), min(b, high)) for a, b in windows if max(a, low) <= min(b, high)]
    return st.one_of([_within(a, b) for a, b in clipped] or [_within(low, high)])


def _next_transition(zone: tzinfo, base: datetime, kind: str) -> Transition | None:
    """The first transition after ``base`` (of ``kind``, unless ``"on"``) within three years."""
    for year in range(max(1, base.year - 1), min(base.year + 3, 9999)):
        for transition in _transitions_in_year(zone, year):
            if transition.at > base and kind in ("on", transition.kind):
                return transition
    return None


_NEAR = (
    timedelta(0),
    timedelta(microseconds=-1),
    timedelta(microseconds=1),
    timedelta(seconds=-1),
    timedelta(seconds=1),
    timedelta(minutes=-1),
    timedelta(minutes=1),
)


_NEAR_OFFSETS = st.one_of(
    st.sampled_from(_NEAR), st.integers(-7200, 7200).map(lambda s: timedelta(seconds=s))
)
_KINDS = st.sampled_from(("ordinary", "on", "gap", "fold"))
_STYLES = st.sampled_from(("utc", "zone", "fixed"))
_FIXED_MINUTES = st.integers(-14 * 60, 14 * 60)


@st.composite
def _instants(
    draw: st.DrawFn,
    zone: tzinfo,
    kinds: st.SearchStrategy[str],
    ordinary: st.SearchStrategy[datetime],
    bases: st.SearchStrategy[datetime],
    low: datetime,
    high: datetime,
) -> datetime:
    kind = draw(kinds)
    instant = draw(ordinary if kind == "ordinary" else bases)
    imaginary: datetime | None = None
    transition = _next_transition(zone, instant, kind) if kind != "ordinary" else None
    if transition is not None:
        at, size = transition.at, transition.size
        if kind == "on":
            instant = at + draw(_NEAR_OFFSETS)
        else:
            seconds = draw(_integers(0, max(0, math.ceil(size.total_seconds()) - 1)))
            into = timedelta(seconds=seconds, microseconds=draw(_MICROSECONDS))
            into = min(into, size - timedelta(microseconds=1))
            second_pass = kind == "gap" or draw(st.booleans())
            instant = at + into if second_pass else at - size + into
            if kind == "gap" and draw(st.booleans()):
                # The same instant written as a wall time in the gap at the earlier offset
                # (fold=0, PEP 495), a time the zone's clocks never show.
                try:
                    imaginary = (instant + transition.offset_before).replace(tzinfo=zone, fold=0)
                except OverflowError:
                    imaginary = None
        instant = min(max(instant, low), high)
        if imaginary is not None and imaginary.astimezone(UTC) != instant:
            imaginary = None  # clipped to the bounds
    style = draw(_STYLES)
    if imaginary is not None:
        return imaginary
    try:
        if style == "zone":
            return instant.astimezone(zone)
        if style == "fixed":
            return instant.astimezone(timezone(timedelta(minutes=draw(_FIXED_MINUTES))))
    except OverflowError:  # the local date is outside years 1-9999
        pass
    return instant


@functools.lru_cache(maxsize=1024)
def _instants_strategy(
    zone: tzinfo, near_transitions: bool, low: datetime, high: datetime
) -> st.SearchStrategy[datetime]:
    edges: tuple[tuple[datetime, datetime], ...] = ()
    if high - low > timedelta(days=7):
        edges = ((low, low + timedelta(days=3)), (high - timedelta(days=3), high))
    ordinary = _windows(low, high, _MODERN, (low, high), *edges)
    bases = _windows(low, high, _MODERN, _HISTORY)
    kinds = _KINDS if near_transitions else st.just("ordinary")
    return _instants(zone, kinds, ordinary, bases, low, high)


def _aware(name: str, value: object) -> datetime:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise InvalidArgument(f"{name}={value!r} must be an aware datetime")
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise InvalidArgument(f"{name}={value!r} is outside years 1-9999 in UTC") from None


def _zone_argument(zone: object) -> tzinfo:
    if isinstance(zone, tzinfo):
        return zone
    if isinstance(zone, str) and zone in tzdata_zone_names():
        return tzdata_zone(zone)
    raise InvalidArgument(f"zone={zone!r} must be a tzinfo or an IANA name tzdata ships")


def instants(
    zone: str | tzinfo,
    *,
    near_transitions: bool = True,
    min_value: datetime | None = None,
    max_value: datetime | None = None,
) -> st.SearchStrategy[datetime]:
    """Aware start instants, biased onto the offset changes of ``zone``.

    With ``near_transitions`` (the default), three draws in four are near a
    transition of ``zone`` (found by probing its ``utcoffset``): exactly on it
    or within a few seconds or hours of it; inside a gap (in the hour, or
    however long the gap is, after a forward transition), sometimes written as
    the non-existent wall time itself at the earlier offset (``fold=0``); on
    the first or the second pass of a fold. The rest are ordinary instants,
    mostly from 1970-2040, some from anywhere in ``[min_value, max_value]``
    (default: the whole of years 1-9999) and some from its first and last
    days. An instant is written in UTC, in ``zone`` (with ``fold`` set), or at
    a fixed offset: compare instants, never wall times. Zones without
    transitions give ordinary instants.
    """
    tz = _zone_argument(zone)
    _check_bool("near_transitions", near_transitions)
    low = _FIRST if min_value is None else _aware("min_value", min_value)
    high = _LAST if max_value is None else _aware("max_value", max_value)
    if low > high:
        raise InvalidArgument(f"min_value={min_value!r} is after max_value={max_value!r}")
    return _instants_strategy(tz, near_transitions, low, high)


class ScheduleCase(NamedTuple):
    """An expression, a zone name, a start instant and a DST policy: one input to a scheduler.

    ``Schedule(case.expression, case.timezone, gap=case.gap, fold=case.fold)`` is the
    schedule; ``reference_fires(..., gap=case.gap, fold=case.fold)`` its oracle.
    """

    expression: str
    timezone: str
    start: datetime
    #: What to do with a matching wall time in a gap: ``"skip"`` (literal) or ``"late"``.
    gap: str = "skip"
    #: What to do with one in a fold: ``"both"`` (literal), ``"first"`` or ``"last"``.
    fold: str = "both"


#: Every (gap, fold) combination, the literal default first.
POLICIES = tuple((gap, fold) for gap in GAP_POLICIES for fold in FOLD_POLICIES)


def _wall_hours_around(start: datetime, zone: tzinfo) -> list[int]:
    """The wall-clock hour of ``start`` in ``zone`` and the hours either side (skipped or not)."""
    try:
        wall = start.astimezone(zone)
    except OverflowError:  # the local date is outside years 1-9999
        return []
    return [(wall.hour + k) % 24 for k in (0, -1, 1)]


_AIMED_MINUTES = st.one_of(
    st.just("*"), st.integers(2, 30).map("*/{}".format), st.integers(0, 59).map(str)
)


@st.composite
def _schedules(
    draw: st.DrawFn,
    expression_strategy: st.SearchStrategy[str] | None,
    timezone_strategy: st.SearchStrategy[str],
    near_transitions: bool,
    policies: bool,
) -> ScheduleCase:
    zone = draw(timezone_strategy)
    start = draw(instants(zone, near_transitions=near_transitions))
    # Each example draws one policy combination: the examples are split across them.
    gap, fold = draw(st.sampled_from(POLICIES)) if policies else POLICIES[0]
    if expression_strategy is not None:
        return ScheduleCase(draw(expression_strategy), zone, start, gap, fold)
    hours = _wall_hours_around(start, _zone_argument(zone))
    if not hours or not draw(st.booleans()):
        return ScheduleCase(draw(_default_expressions()), zone, start, gap, fold)
    # Aimed: fire every day around the wall-clock hour of the start, so that a start near a
    # transition has fires in its gap or on both passes of its fold.
    chosen = draw(st.lists(st.sampled_from(hours), min_size=1, max_size=3, unique=True))
    hour_field = ",".join(str(hour) for hour in sorted(chosen))
    return ScheduleCase(f"{draw(_AIMED_MINUTES)} {hour_field} * * *", zone, start, gap, fold)


def schedules(
    *,
    expressions: st.SearchStrategy[str] | None = None,
    timezones: st.SearchStrategy[str] | None = None,
    near_transitions: bool = True,
    policies: bool = True,
) -> st.SearchStrategy[ScheduleCase]:
    """``ScheduleCase(expression, timezone, start, gap, fold)``: an expression, a zone, a start
    in it and a DST policy.

    The zone is drawn from ``timezones`` (default :func:`timezones`), then the
    start from ``instants(timezone, near_transitions=near_transitions)``, then
    the expression from ``expressions``. By default, half the expressions are
    drawn from :func:`expressions` and half are *aimed* at the start: every
    day, in one to three of the wall-clock hour of the start and the hours
    either side (skipped ones included), so that a start near a transition
    has fires in its gap or on both passes of its fold. The policy is one of
    the six ``(gap, fold)`` combinations, each as likely, or always the literal
    ``("skip", "both")`` when ``policies=False``.
    """
    for name, value in (("expressions", expressions), ("timezones", timezones)):
        if value is not None and not isinstance(value, st.SearchStrategy):
            raise InvalidArgument(f"{name}={value!r} must be a strategy or None")
    _check_bool("near_transitions", near_transitions)
    _check_bool("policies", policies)
    return _schedules(
        expressions,
        _default_timezones() if timezones is None else timezones,
        near_transitions,
        policies,
    )


_default_expressions = expressions
_default_timezones = timezones
