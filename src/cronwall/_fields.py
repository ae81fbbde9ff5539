"""The one table of field facts.

The parser, the error messages, the canonical printer, the explainer and the
Hypothesis strategies all read this table; no other module spells out "0-59".
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING would import typing (start-up time)
if TYPE_CHECKING:
    from ._typed import FieldName


class Field:
    """Facts about one of the five cron fields (immutable).

    A plain class rather than a dataclass: ``dataclasses`` imports ``inspect``, which
    would double the cost of ``import cronwall``.
    """

    __slots__ = ("full_mask", "high", "low", "name", "name_values", "names")

    name: FieldName
    low: int
    high: int
    #: Three-letter names, index 0 naming value ``low``; empty when the field has no names.
    names: tuple[str, ...]
    #: The bitmask with every value of the field's range set (bit v means value v).
    full_mask: int
    #: Upper-case three-letter name to value (the first value a name stands for).
    name_values: dict[str, int]

    def __init__(self, name: FieldName, low: int, high: int, names: tuple[str, ...] = ()) -> None:
        values: dict[str, int] = {}
        for offset, known in enumerate(names):
            values.setdefault(known, low + offset)
        setattr_ = object.__setattr__
        setattr_(self, "name", name)
        setattr_(self, "low", low)
        setattr_(self, "high", high)
        setattr_(self, "names", names)
        setattr_(self, "full_mask", ((1 << (high + 1)) - 1) ^ ((1 << low) - 1))
        setattr_(self, "name_values", values)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Field is immutable; cannot set {name!r}")

    def __repr__(self) -> str:
        return (
            f"Field(name={self.name!r}, low={self.low!r}, high={self.high!r}, names={self.names!r})"
        )

    def name_value(self, name: str) -> int | None:
        """The value a (case-insensitive) three-letter name stands for, or ``None``."""
        return self.name_values.get(name.upper())


MINUTE = Field("minute", 0, 59)
HOUR = Field("hour", 0, 23)
DAY_OF_MONTH = Field("day of month", 1, 31)
MONTH = Field(
    "month",
    1,
    12,
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"),
)
# 7 is a second spelling of Sunday; it is folded onto 0 when a field is compiled.
DAY_OF_WEEK = Field("day of week", 0, 7, ("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"))

FIELDS: tuple[Field, ...] = (MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK)

#: Full English names, only to recognise them and suggest the three-letter form.
FULL_NAMES: dict[str, str] = {
    "JANUARY": "JAN",
    "FEBRUARY": "FEB",
    "MARCH": "MAR",
    "APRIL": "APR",
    "JUNE": "JUN",
    "JULY": "JUL",
    "AUGUST": "AUG",
    "SEPTEMBER": "SEP",
    "SEPT": "SEP",
    "OCTOBER": "OCT",
    "NOVEMBER": "NOV",
    "DECEMBER": "DEC",
    "SUNDAY": "SUN",
    "MONDAY": "MON",
    "TUESDAY": "TUE",
    "TUES": "TUE",
    "WEDNESDAY": "WED",
    "THURSDAY": "THU",
    "THUR": "THU",
    "THURS": "THU",
    "FRIDAY": "FRI",
    "SATURDAY": "SAT",
}

MONTH_NAMES_LONG = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAY_NAMES_LONG = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")

#: Days in each month of a leap year (index 1-12): a date is possible if it fits here.
MAX_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

MAX_EXPRESSION_LENGTH = 512


def mask_values(mask: int) -> list[int]:
    """The values whose bits are set in ``mask``, ascending."""
    values = []
    while mask:
        low = mask & -mask  # lowest set bit
        values.append(low.bit_length() - 1)
        mask ^= low
    return values
