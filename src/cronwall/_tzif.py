"""A zone's UTC-offset history as sorted transition instants, read from TZif data.

The engine asks one question of a zone: for an instant ``u`` (integer seconds
since 1970-01-01T00:00Z), what is the offset, and over which maximal interval
``[start, end)`` around ``u`` does it stay the same? Those intervals are
*segments*; within one, wall time is UTC plus a constant, so the calendar search
can run on naive wall time and map back exactly.

Explicit transitions come from the TZif file (RFC 8536, version 2+ data);
instants after the last one follow the file's POSIX TZ footer, evaluated exactly
as CPython's ``zoneinfo`` evaluates it (same year choice, same edge cases), so
the engine and a ``zoneinfo.ZoneInfo`` built from the same file agree on every
instant.
"""

from __future__ import annotations

import struct
import threading
from bisect import bisect_right
from datetime import date

from ._errors import TimezoneError

#: Stand-ins for "no transition before / after": beyond any datetime's instant.
NEVER_BEFORE = -(1 << 62)
NEVER_AFTER = 1 << 62

_UNIX_ORDINAL = date(1970, 1, 1).toordinal()
_extend_lock = threading.Lock()
_DAYS_BEFORE_MONTH = (0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)


class ZoneRules:
    """Transitions of one zone, extended lazily into the future by a footer rule.

    ``trans[i]`` is the instant from which ``offs[i]`` holds (until ``trans[i + 1]``);
    before ``trans[0]``, ``before`` holds. The list is complete for instants below
    ``covered_until``; :meth:`segment` extends it on demand.
    """

    __slots__ = ("before", "covered_until", "footer", "max_offset", "min_offset", "offs", "trans")

    def __init__(
        self,
        trans: list[int],
        offs: list[int],
        before: int,
        footer: PosixFooter | None,
        footer_from: int = NEVER_AFTER,
    ) -> None:
        self.trans = trans
        self.offs = offs
        self.before = before
        self.footer = footer
        everything = [before, *offs, *(() if footer is None else (footer.std, footer.dst))]
        self.min_offset = min(everything)
        self.max_offset = max(everything)
        if footer is None:
            self.covered_until = NEVER_AFTER
        else:
            # Instants after the last explicit transition follow the footer (as zoneinfo does).
            self.covered_until = footer_from
            self._extend_to(footer_from, first=True)

    def segment(self, u: int) -> tuple[int, int, int]:
        """(start, end, offset) of the segment holding instant ``u``."""
        if u >= self.covered_until:
            with _extend_lock:  # two threads must not append the same transitions
                if u >= self.covered_until:
                    self._extend_to(u)
        trans = self.trans
        i = bisect_right(trans, u)
        if i == 0:
            return NEVER_BEFORE, trans[0] if trans else self.covered_until, self.before
        if i == len(trans):
            return trans[-1], self.covered_until, self.offs[-1]
        return trans[i - 1], trans[i], self.offs[i - 1]

    def _extend_to(self, u: int, *, first: bool = False) -> None:
        """Append footer transitions until the list covers instant ``u`` (and a year more)."""
        footer = self.footer
        assert footer is not None
        start = self.covered_until
        year = _utc_year(start)
        last_year = min(_utc_year(u) + 1, 10000)
        current = self.offs[-1] if self.offs else self.before
        if first:
            # The footer takes over just after the last explicit transition.
            taking_over = footer(start)
            if taking_over != current:
                self.trans.append(start)
                self.offs.append(taking_over)
                current = taking_over
        while year <= last_year:
            for point in footer.change_points(year):
                if point < start:
                    continue
                offset = footer(point)
                if offset != current:
                    self.trans.append(point)
                    self.offs.append(offset)
                    current = offset
            year += 1
        self.covered_until = max(start, _year_start(last_year + 1))


def _utc_year(u: int) -> int:
    day = u // 86400 + _UNIX_ORDINAL
    if day < 1:
        return 1
    if day > 3652059:  # date.max.toordinal()
        return 10000
    return date.fromordinal(day).year


def _year_start(year: int) -> int:
    """Seconds since the epoch of January 1st of ``year`` (proleptic Gregorian), 00:00 UTC."""
    y = year - 1
    return (y * 365 + y // 4 - y // 100 + y // 400 + 1 - _UNIX_ORDINAL) * 86400


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


# -- POSIX TZ footer ------------------------------------------------------------------------


class _RuleDate:
    """When in a year a footer transition happens, as local seconds since 1970."""

    __slots__ = ("day", "kind", "month", "seconds", "week", "weekday")

    def __init__(self, text: str) -> None:
        date_text, _, time_text = text.partition("/")
        self.seconds = _parse_hms(time_text, 167) if time_text else 7200
        self.month = self.week = self.weekday = self.day = 0
        if date_text.startswith("M"):
            parts = date_text[1:].split(".")
            if len(parts) != 3:
                raise ValueError(f"bad rule date {text!r}")
            self.kind = "M"
            self.month, self.week, self.weekday = (_digits(p) for p in parts)
            if not (1 <= self.month <= 12 and 1 <= self.week <= 5 and 0 <= self.weekday <= 6):
                raise ValueError(f"bad rule date {text!r}")
        elif date_text.startswith("J"):
            self.kind = "J"
            self.day = _digits(date_text[1:])
            if not 1 <= self.day <= 365:
                raise ValueError(f"bad rule date {text!r}")
        else:
            self.kind = "n"
            self.day = _digits(date_text)
            if not 0 <= self.day <= 365:
                raise ValueError(f"bad rule date {text!r}")

    def local_seconds(self, year: int) -> int:
        days = _year_start(year) // 86400
        if self.kind == "M":
            leap = _is_leap(year)
            first = days + _DAYS_BEFORE_MONTH[self.month] + (self.month > 2 and leap)
            first_weekday = (first + 4) % 7  # 1970-01-01 was a Thursday; Sunday is 0
            day = (self.weekday - first_weekday) % 7 + 1 + (self.week - 1) * 7
            length = (31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[
                self.month - 1
            ]
            if day > length:
                day -= 7
            days = first + day - 1
        elif self.kind == "J":
            # Julian day n (1-365) never counts February 29th.
            days += self.day - 1 + (self.day >= 60 and _is_leap(year))
        else:
            days += self.day
        return days * 86400 + self.seconds


class PosixFooter:
    """A POSIX TZ string's rule, mapping an instant to its offset exactly as ``zoneinfo`` does."""

    __slots__ = ("dst", "end", "start", "std")

    def __init__(self, std: int, dst: int, start: _RuleDate, end: _RuleDate) -> None:
        self.std = std
        self.dst = dst
        self.start = start
        self.end = end

    def _bounds(self, year: int) -> tuple[int, int]:
        # DST starts at a standard-time wall clock and ends at a daylight-time one.
        return self.start.local_seconds(year) - self.std, self.end.local_seconds(year) - self.dst

    def __call__(self, u: int) -> int:
        # zoneinfo picks the rule year from the UTC date of the instant.
        start, end = self._bounds(_utc_year(u))
        is_dst = start <= u < end if start < end else not end <= u < start
        return self.dst if is_dst else self.std

    def change_points(self, year: int) -> list[int]:
        """Instants in UTC ``year`` where the offset may change (sorted)."""
        start, end = self._bounds(year)
        low, high = _year_start(year), _year_start(year + 1)
        return sorted({p for p in (low, start, end) if low <= p < high})


def _digits(text: str) -> int:
    if not text or not all("0" <= c <= "9" for c in text):
        raise ValueError(f"expected digits, got {text!r}")
    return int(text)


def _parse_hms(text: str, max_hours: int) -> int:
    sign = 1
    if text[:1] in ("+", "-"):
        sign = -1 if text[0] == "-" else 1
        text = text[1:]
    parts = text.split(":")
    if not 1 <= len(parts) <= 3:
        raise ValueError(f"bad time {text!r}")
    hours = _digits(parts[0])
    minutes = _digits(parts[1]) if len(parts) > 1 else 0
    seconds = _digits(parts[2]) if len(parts) > 2 else 0
    if hours > max_hours or minutes > 59 or seconds > 59:
        raise ValueError(f"bad time {text!r}")
    return sign * (hours * 3600 + minutes * 60 + seconds)


def _take_abbreviation(text: str) -> tuple[str, str]:
    if text.startswith("<"):
        close = text.index(">")
        return text[1:close], text[close + 1 :]
    index = 0
    while index < len(text) and text[index].isalpha():
        index += 1
    if index < 3:
        raise ValueError(f"bad zone abbreviation in {text!r}")
    return text[:index], text[index:]


def _take_offset(text: str) -> tuple[int | None, str]:
    index = 0
    while index < len(text) and text[index] in "+-0123456789:":
        index += 1
    if index == 0:
        return None, text
    # POSIX offsets count hours west of Greenwich; cronwall's count east.
    return -_parse_hms(text[:index], 24), text[index:]


def parse_footer(footer: str) -> tuple[PosixFooter | None, int]:
    """Parse a POSIX TZ string: (its daylight-saving rule or None, its standard offset)."""
    head, comma, rules = footer.partition(",")
    _std_name, rest = _take_abbreviation(head)
    std, rest = _take_offset(rest)
    if std is None:
        raise ValueError(f"missing offset in {footer!r}")
    if not rest:
        if comma:
            raise ValueError(f"rules without daylight time in {footer!r}")
        return None, std
    _dst_name, rest = _take_abbreviation(rest)
    dst, rest = _take_offset(rest)
    if rest:
        raise ValueError(f"unexpected {rest!r} in {footer!r}")
    if dst is None:
        dst = std + 3600
    start_text, _, end_text = rules.partition(",")
    if not start_text or not end_text:
        raise ValueError(f"missing transition rules in {footer!r}")
    return PosixFooter(std, dst, _RuleDate(start_text), _RuleDate(end_text)), std


# -- TZif -----------------------------------------------------------------------------------


def parse_tzif(data: bytes, name: str) -> ZoneRules:
    """Read version 2+ TZif data (RFC 8536) into :class:`ZoneRules`."""
    try:
        return _parse_tzif(data)
    except (ValueError, IndexError, struct.error) as error:
        raise TimezoneError(name, f"time zone data for {name!r} is malformed: {error}") from None


def _parse_tzif(data: bytes) -> ZoneRules:
    if data[:4] != b"TZif":
        raise ValueError("not TZif data")
    version = data[4:5]
    counts = struct.unpack(">6l", data[20:44])
    if version in (b"\x00", b""):
        raise ValueError("TZif version 1 data has no 64-bit section")
    isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = counts
    # Skip the version 1 block: 32-bit times.
    offset = 44 + timecnt * 5 + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt
    if data[offset : offset + 4] != b"TZif":
        raise ValueError("missing version 2 header")
    isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = struct.unpack(
        ">6l", data[offset + 20 : offset + 44]
    )
    offset += 44
    times = list(struct.unpack(f">{timecnt}q", data[offset : offset + timecnt * 8]))
    offset += timecnt * 8
    indices = data[offset : offset + timecnt]
    offset += timecnt
    types = [
        struct.unpack(">lBB", data[offset + 6 * i : offset + 6 * i + 6]) for i in range(typecnt)
    ]
    offset += typecnt * 6 + charcnt + leapcnt * 12 + isstdcnt + isutcnt
    footer_text = data[offset:].strip(b"\n").decode("ascii")

    utoffs = [t[0] for t in types]
    # Before the first transition zoneinfo uses the first standard-time type (RFC 8536's
    # "type 0" in practice); mirror it so both agree on every instant.
    before = next((t[0] for t in types if not t[1]), utoffs[indices[0]] if timecnt else utoffs[0])
    trans: list[int] = []
    offs: list[int] = []
    current = before
    for when, index in zip(times, indices, strict=True):
        off = utoffs[index]
        if off != current:
            trans.append(when)
            offs.append(off)
            current = off
        elif trans and trans[-1] == when:
            offs[-1] = off
    if not footer_text:
        return ZoneRules(trans, offs, before, None)
    footer, std = parse_footer(footer_text)
    if not times:
        # zoneinfo applies the footer to every instant of a zone without transitions.
        if footer is None:
            return FixedRules(std)
        return ZoneRules([], [], footer(_year_start(1)), footer, _year_start(1))
    if footer is None:
        # zoneinfo keeps the last transition's offset after it, whatever a fixed footer says.
        return ZoneRules(trans, offs, before, None)
    return ZoneRules(trans, offs, before, footer, times[-1] + 1)


class FixedRules(ZoneRules):
    """A zone with one offset for all time (``datetime.timezone``, ``Etc/GMT+5``)."""

    __slots__ = ()

    def __init__(self, offset: int) -> None:
        super().__init__([], [], offset, None)
