"""The compiled cron value: five bitmasks and a day rule, immutable and canonical."""

from __future__ import annotations

from datetime import date, datetime

from ._calendar import Days
from ._errors import ExpressionError
from ._fields import (
    DAY_OF_MONTH,
    DAY_OF_WEEK,
    HOUR,
    MAX_EXPRESSION_LENGTH,
    MINUTE,
    MONTH,
    Field,
    mask_values,
)
from ._parser import Fields, clear_field_caches, parse_fields

TYPE_CHECKING = False  # typing.TYPE_CHECKING would import typing (start-up time)
if TYPE_CHECKING:
    from typing import Any

    from ._typed import DayRule

_FULL_WEEK = 0x7F  # Sunday (bit 0) through Saturday (bit 6)
_FULL_MONTH = DAY_OF_MONTH.full_mask


class Cron:
    """A compiled cron expression.

    Equal expressions compare equal and hash alike however they were written
    (``0 0 * * 0`` equals ``0 0 * * SUN,7``); ``str()`` is the canonical text,
    which parses back to an equal value.

    Each ``*_mask`` has bit ``v`` set when value ``v`` is allowed; the day-of-week
    mask uses bits 0-6 with Sunday at 0. ``day_rule`` is ``"or"`` when both day
    fields are restricted (a day matches when either matches), else ``"and"``.
    """

    # One tuple holds the value: construction is a single store (parsing is on request
    # handlers' hot path), equality and hashing are the tuple's.
    __slots__ = ("__weakref__", "_days", "_key", "_text")

    _key: tuple[int, int, int, int, int, bool]
    _text: str
    #: Not part of the value: the engine's table of matching days for repeated single
    #: queries. ``None`` until one jumps to a later month, then ``(0, 0, b"", year)``
    #: marking that query's year, then ``(first, end, counts, year)``: days ``first`` to
    #: ``end`` (day numbers) as :func:`cronwall._calendar.day_span` counts them, from January
    #: 1st of ``year``, or ``(1, 1, b"", year)`` when the span would not reach the next
    #: matching day (see ``Schedule.next_after``).
    _days: tuple[int, int, bytes, int] | None

    def __init__(self, fields: Fields) -> None:
        minute, hour, dom, month, dow, dom_star, dow_star = fields
        either_day = not (dom_star or dow_star)
        if either_day and (dom == _FULL_MONTH or dow == _FULL_WEEK):
            # One day field matching every day makes the "either" rule match every day.
            either_day = False
            dom, dow = _FULL_MONTH, _FULL_WEEK
        _set_key(self, (minute, hour, dom, month, dow, either_day))  # the slot's own setter
        set_days(self, None)

    @property
    def minute_mask(self) -> int:
        return self._key[0]

    @property
    def hour_mask(self) -> int:
        return self._key[1]

    @property
    def day_of_month_mask(self) -> int:
        return self._key[2]

    @property
    def month_mask(self) -> int:
        return self._key[3]

    @property
    def day_of_week_mask(self) -> int:
        """Sunday is bit 0."""
        return self._key[4]

    @property
    def day_rule(self) -> DayRule:
        return "or" if self._key[5] else "and"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Cron is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Cron is immutable; cannot delete {name!r}")

    # -- value semantics -------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Cron):
            return self._key == other._key
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key)

    def __reduce__(self) -> tuple[Any, ...]:
        return (parse, (str(self),))

    def __str__(self) -> str:
        try:
            return self._text
        except AttributeError:
            text = _render(self)
            object.__setattr__(self, "_text", text)
            return text

    def __repr__(self) -> str:
        return f"Cron({str(self)!r})"

    @property
    def expression(self) -> str:
        """The canonical text; ``parse(cron.expression) == cron``."""
        return str(self)

    # -- the values, for people and strategies ----------------------------------------------

    @property
    def minutes(self) -> tuple[int, ...]:
        return tuple(mask_values(self.minute_mask))

    @property
    def hours(self) -> tuple[int, ...]:
        return tuple(mask_values(self.hour_mask))

    @property
    def days_of_month(self) -> tuple[int, ...]:
        return tuple(mask_values(self.day_of_month_mask))

    @property
    def months(self) -> tuple[int, ...]:
        return tuple(mask_values(self.month_mask))

    @property
    def days_of_week(self) -> tuple[int, ...]:
        """Sunday is 0."""
        return tuple(mask_values(self.day_of_week_mask))

    # -- matching ----------------------------------------------------------------------------

    def matches(self, moment: datetime) -> bool:
        """Whether the wall-clock fields of ``moment`` match (seconds are ignored).

        This reads ``moment``'s own fields (minute, hour, day, month, weekday) as
        they are, naive or aware, and knows nothing of time zones: it does not
        convert ``moment`` to any zone, and it answers true for a wall time that a
        daylight-saving gap skips. To ask whether an instant is a fire of a schedule
        in a zone, use :meth:`Schedule.matches`.
        """
        if not isinstance(moment, datetime):
            raise TypeError(f"matches() takes a datetime, not {type(moment).__name__}")
        key = self._key
        return bool(
            key[0] >> moment.minute & 1 and key[1] >> moment.hour & 1 and self.matches_day(moment)
        )

    def matches_day(self, day: date) -> bool:
        """Whether the cron fires at some time on calendar date ``day`` (its wall date)."""
        if not isinstance(day, date):
            raise TypeError(f"day must be a date, not {type(day).__name__}")
        key = self._key
        if not key[3] >> day.month & 1:
            return False
        dom = key[2] >> day.day & 1
        dow = key[4] >> (day.toordinal() % 7) & 1  # ordinal 7 is a Sunday
        return bool(dom | dow) if key[5] else bool(dom & dow)

    @property
    def days(self) -> Days:
        """The day fields as the calendar search reads them (a fresh light view: a compiled
        cron stores no day table, so memory per cron stays a few hundred bytes)."""
        key = self._key
        return Days(key[2], key[3], key[4], key[5])


# -- canonical text ---------------------------------------------------------------------------


def _star_step_mask(field: Field, step: int) -> int:
    mask = 0
    for value in range(field.low, field.high + 1, step):
        mask |= 1 << value
    if field is DAY_OF_WEEK and mask & 0x80:
        mask = (mask & 0x7F) | 1
    return mask


def _render_list(field: Field, mask: int) -> str:
    """Values as runs: consecutive ones as 'a-b', evenly spaced ones as 'a-b/s'."""
    values = mask_values(mask)
    items = []
    i = 0
    while i < len(values):
        j = i
        if i + 1 < len(values):
            step = values[i + 1] - values[i]
            while j + 1 < len(values) and values[j + 1] - values[j] == step:
                j += 1
        if j - i >= 2:
            suffix = "" if values[i + 1] - values[i] == 1 else f"/{values[i + 1] - values[i]}"
            items.append(f"{values[i]}-{values[j]}{suffix}")
            i = j + 1
        else:
            items.append(str(values[i]))
            i += 1
    return ",".join(items)


def _render_star(field: Field, mask: int) -> str | None:
    """The mask written as '*' or '*/n' plus a list, if some '*/n' fits inside it."""
    if mask == (field.full_mask if field is not DAY_OF_WEEK else _FULL_WEEK):
        return "*"
    for step in range(2, field.high - field.low + 1):
        star = _star_step_mask(field, step)
        if star & mask == star:
            rest = mask & ~star
            return f"*/{step}" + (f",{_render_list(field, rest)}" if rest else "")
    return None


def _render(cron: Cron) -> str:
    minute = _render_star(MINUTE, cron.minute_mask) or _render_list(MINUTE, cron.minute_mask)
    hour = _render_star(HOUR, cron.hour_mask) or _render_list(HOUR, cron.hour_mask)
    month = _render_star(MONTH, cron.month_mask) or _render_list(MONTH, cron.month_mask)
    dom_list = _render_list(DAY_OF_MONTH, cron.day_of_month_mask)
    dow_list = _render_list(DAY_OF_WEEK, cron.day_of_week_mask)
    if cron.day_rule == "or":
        dom, dow = dom_list, dow_list  # lists never start with '*': both fields restricted
    else:
        # The "and" rule needs one day field written with a leading '*'; the other field
        # reads the same either way, since a full mask restricts nothing under "and".
        if cron.day_of_week_mask == _FULL_WEEK:
            dom, dow = _render_star(DAY_OF_MONTH, cron.day_of_month_mask) or dom_list, "*"
            dom = "*" if dom == "*" else dom_list
        elif cron.day_of_month_mask == DAY_OF_MONTH.full_mask:
            dom, dow = "*", dow_list
        else:
            # Both restricted under "and": the text had '*/n' in one of them; write it so.
            dom_star = _render_star(DAY_OF_MONTH, cron.day_of_month_mask)
            if dom_star is not None:
                dom, dow = dom_star, dow_list
            else:
                dom, dow = dom_list, _render_star(DAY_OF_WEEK, cron.day_of_week_mask) or dow_list
    return f"{minute} {hour} {dom} {month} {dow}"


# -- parsing with caches ----------------------------------------------------------------------

# Plain dicts, not functools.lru_cache: a dict entry is not an object the garbage collector
# has to track, and request handlers parse many distinct texts. Both are bounded by
# starting afresh when full; dict operations are atomic, so sharing them between threads
# needs no lock (two threads compiling one text at once just build two equal values).
# The values outlive a reset of the texts (twice as many are kept), so equal expressions
# written differently keep sharing one value; together they stay under about 10 MB.
_MAX_CACHED = 8192
_MAX_VALUES = 2 * _MAX_CACHED
_by_text: dict[str, Cron] = {}
_by_value: dict[tuple[int, int, int, int, int, bool], Cron] = {}


_set_key = Cron.__dict__["_key"].__set__
#: Sets a cron's day span (the engine's, see Cron._days): the slot's own setter.
set_days = Cron.__dict__["_days"].__set__


def parse(expression: str) -> Cron:
    """Compile a five-field POSIX cron expression.

    Raises :class:`cronwall.ExpressionError` for anything the grammar rejects and
    ``TypeError`` for a value that is not a string. Repeated texts are cache hits, and
    identical expressions, however written, share one compiled value.
    """
    if type(expression) is str:
        # The length limit comes before the cache: hashing a huge text costs (27 ms at 10^7
        # characters) before the limit would refuse it.
        cron = _by_text.get(expression) if len(expression) <= MAX_EXPRESSION_LENGTH else None
        if cron is not None:
            return cron
    elif isinstance(expression, str):
        # A str subclass: parse and cache its exact text (str.__str__ copies it), never the
        # object, whose own __eq__, __hash__, __len__ or __str__ could say anything.
        expression = str.__str__(expression)
    else:
        raise TypeError(f"expression must be a str, not {type(expression).__name__}")
    cron = Cron(parse_fields(expression))
    if len(_by_value) >= _MAX_VALUES:
        _by_value.clear()
    shared = _by_value.setdefault(cron._key, cron)
    if len(_by_text) >= _MAX_CACHED:
        _by_text.clear()
    _by_text[expression] = shared
    return shared


def is_valid(expression: str) -> bool:
    """Whether ``expression`` is an expression :func:`parse` accepts.

    Never raises for a string; a value that is not a string raises ``TypeError``,
    as :func:`parse` does (a number where an expression goes is a bug, not bad input).
    """
    try:
        parse(expression)
    except ExpressionError:
        return False
    return True


def clear_caches() -> None:
    """Forget every parsed text and field (for benchmarks and tests of cold parsing)."""
    _by_text.clear()
    _by_value.clear()
    clear_field_caches()


Cron.__module__ = "cronwall"
