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

import sys
from bisect import bisect_right
from datetime import date, timedelta

from ._calendar import DAYS_BEFORE_MONTH, DAYS_IN_MONTH, is_leap
from ._errors import TimezoneError

#: Stand-ins for "no transition before / after": beyond any datetime's instant.
NEVER_BEFORE = -(1 << 62)
NEVER_AFTER = 1 << 62

_UNIX_ORDINAL = date(1970, 1, 1).toordinal()
_DAYS_BEFORE_MONTH = DAYS_BEFORE_MONTH[0]  # common years; a rule adds February 29 itself


#: Footer years computed around a queried year: one before it, it, and this many after.
#: Whatever a window holds, it is rebuilt (never grown) when a query falls outside it,
#: so each zone keeps one window, of at most FOOTER_SEQUENTIAL_YEARS + 2 years.
FOOTER_WINDOW_YEARS = 1
#: A query that falls at most this many rule years past a window's end (or before its
#: start) is taken for iteration moving on, so the next window reaches further that way:
#: twice as many years as the one before, up to FOOTER_SEQUENTIAL_YEARS. A query
#: anywhere else gets the small window above, so a first query costs no more.
FOOTER_SEQUENTIAL_REACH = 8
FOOTER_SEQUENTIAL_YEARS = 16
_YEAR = 366 * 86400
#: A fire at most this many years past a footer zone's hot table grows the table to reach it.
HOT_REACH_YEARS = 8
# Rule years past 9999 are all alike for zoneinfo (it uses year 10000's rule for every
# later instant): the last window ends nowhere.
_LAST_RULE_YEAR = 10000


class ZoneRules:
    """Transitions of one zone: explicit ones from the file, then a footer rule's.

    ``trans[i]`` is the instant from which ``offs[i]`` holds (until ``trans[i + 1]``);
    before ``trans[0]``, ``before`` holds. Both are tuples, never changed after
    construction. From ``footer_from`` on, the POSIX footer rule decides: its
    transitions are computed directly for the queried year (not year by year from the
    last explicit one) into a small window, which :meth:`segment` replaces as a whole,
    by one attribute store, when a query falls outside it (with a wider one, up to
    FOOTER_SEQUENTIAL_YEARS + 2 rule years, when the query lies just past its end or just
    before its start: iteration moving on needs the years ahead). A reader takes the window
    once and uses only what it took, so a thread racing to replace it can never show
    it a half-built one, with or without a global interpreter lock.
    """

    __slots__ = (
        "_footer_year",
        "_window",
        "before",
        "fixed_offset",
        "footer",
        "footer_from",
        "hot",
        "max_offset",
        "min_offset",
        "offs",
        "reach_days",
        "trans",
    )

    min_offset: int
    max_offset: int
    reach_days: int
    fixed_offset: int | None

    def __init__(
        self,
        trans: list[int],
        offs: list[int],
        before: int,
        footer: PosixFooter | None,
        footer_from: int = NEVER_AFTER,
    ) -> None:
        self.trans: tuple[int, ...] | list[int] = tuple(trans)
        self.offs: tuple[int, ...] | list[int] = tuple(offs)
        self.before = before
        self.footer = footer
        self.footer_from = NEVER_AFTER if footer is None else footer_from
        self._footer_year = _rule_year(self.footer_from) if footer is not None else 0
        everything = [before, *offs, *(() if footer is None else (footer.std, footer.dst))]
        self._set_offset_range(min(everything), max(everything))
        self._window: _Window = _NO_WINDOW
        #: (ends, offsets, walls, wall_days, before_ends, minutes): with
        #: i = bisect_right(ends, u), offsets[i] is None when u lies outside the table, else
        #: the segment holding u ends at ends[i] with offset offsets[i] (minutes[i] in
        #: minutes), its wall times before day wall_days[i]; bisecting before_ends by
        #: t - epoch gives that i for u = t's whole second + 1; with
        #: j = bisect_right(walls, w), segment j is the first whose wall times reach past
        #: wall time w (w's first pass when w lies in it). The last four parts are made on
        #: the table's second query (see :func:`_complete`). The segments around the last
        #: query outside it (see :meth:`heat`), replaced as a whole by one store.
        self.hot: _Hot = _NO_HOT

    def _set_offset_range(self, low: int, high: int) -> None:
        """The least and greatest offset the zone can have, and what follows from them."""
        self.min_offset = low
        self.max_offset = high
        #: More whole days than the widest change of offset spans (a reader of the hot table
        #: that far from a change needs no exact check).
        self.reach_days = (high - low) // 86400 + 1
        #: The one offset of a zone that never changes it, when whole minutes, else None.
        self.fixed_offset = low if low == high and not low % 60 else None

    def segment(self, u: int) -> tuple[int, int, int]:
        """(start, end, offset) of the segment holding instant ``u``."""
        trans = self.trans
        if self.footer is None or (trans and u < trans[-1]):
            i = bisect_right(trans, u)
            if i == len(trans):
                if not i:
                    return NEVER_BEFORE, NEVER_AFTER, self.before
                return trans[-1], NEVER_AFTER, self.offs[-1]
            if i == 0:
                return NEVER_BEFORE, trans[0], self.before
            return trans[i - 1], trans[i], self.offs[i - 1]
        # From the last explicit transition on, the footer's window answers.
        window = self._window  # read once: another thread may publish a new one meanwhile
        points = window[0]
        k = bisect_right(points, u) - 1
        outside = not 0 <= k < len(points) - 1
        clipped = (k == 0 and not window[2]) or (k == len(points) - 2 and not window[3])
        # A window built around u's year answers even at a clipped edge: that is as far
        # as a footer that changes nothing for a year is looked at.
        if outside or (clipped and window[4] != _rule_year(u)):
            window = self._build_window(u, window)
            self._window = window  # one store publishes the whole, immutable window
            points = window[0]
            k = bisect_right(points, u) - 1
        return points[k], points[k + 1], window[1][k]

    def heat(self, u: int) -> _Hot:
        """Publish and return a :attr:`hot` table holding instant ``u``: the explicit
        segments around it, or the exact segments of the footer's window around it."""
        trans = self.trans
        if type(self) is not ZoneRules and type(self) is not FixedRules:
            hot = self._one_segment(u)  # a subclass's own segments (probed ones, mutable)
        elif self.footer is None or (trans and u < trans[-1]):
            # Segment j is [trans[j - 1], trans[j]) with offset (before, *offs)[j]; take
            # up to 17 around u's (the last explicit one, when a footer follows, excluded).
            n = len(trans)
            i = bisect_right(trans, u)
            a = max(i - 8, 0)
            b = min(i + 9, n + 1 if self.footer is None else n)
            ends = tuple(trans[a:b]) if b <= n else (*trans[a:n], NEVER_AFTER)
            offsets = (
                (self.before, *self.offs[: b - 1]) if a == 0 else tuple(self.offs[a - 1 : b - 1])
            )
            hot = _hot(trans[a - 1] if a else NEVER_BEFORE, ends, offsets)
        else:
            # The footer's segments: the whole window when it holds u. Its first and last
            # edges may be no real change (a year's start), which a reader of the table
            # takes for one: it follows the same offset into the next segment.
            window = self._window
            points = window[0]
            if not (points and points[0] <= u < points[-1]):
                ends = self.hot[0]
                if ends and (ends[-1] <= u < ends[-1] + _YEAR or ends[0] - _YEAR <= u < ends[0]):
                    # Just past the table's end or before its start: iteration moving on,
                    # which the window (grown that way) serves.
                    self.segment(u)
                    window = self._window
                else:
                    # A first query, or one far from the last: u's rule year alone, a
                    # third of a window's work; the window waits for a query that needs it.
                    year = _rule_year(u)
                    window = self._footer_window(year, year, year)
                points = window[0]
            hot = _hot(points[0], points[1:], window[1])
        self.hot = hot
        return hot

    def complete(self) -> None:
        """Publish the hot table with the parts its later queries read (see _complete):
        next_after calls this on a table's second query."""
        hot = self.hot
        if hot[0] and not hot[4]:
            self.hot = _complete(hot)

    def ahead(self, u: int) -> tuple[int, int]:
        """(end, offset) of the segment holding ``u``, an instant past the :attr:`hot` table.

        When ``u`` lies within HOT_REACH_YEARS after a footer table's end (a yearly schedule's
        fire in the next year, a leap day's up to 8 years on), the table grows to hold both:
        the footer's window when that holds them, else those rule years computed for the table
        alone (the window may be another reader's, around another year), so the queries' own
        year stays in it and the fire's joins it. Farther on, the window answers and the table
        stays as it is.
        """
        ends = self.hot[0]
        if (
            ends
            and self.footer is not None
            and self.footer_from <= ends[0]
            and ends[-1] <= u < ends[-1] + HOT_REACH_YEARS * _YEAR
        ):
            window = self._window
            points = window[0]
            if not (points and points[0] <= ends[0] and u < points[-1]):
                year = _rule_year(u)
                window = self._footer_window(_rule_year(ends[0]), year, year)
                points = window[0]
            self.hot = hot = _hot(points[0], points[1:], window[1])
            i = bisect_right(hot[0], u)
            offset = hot[1][i]
            if offset is not None:
                return hot[0][i], offset
        _, end, offset = self.segment(u)
        return end, offset

    def _one_segment(self, u: int) -> _Hot:
        start, end, offset = self.segment(u)
        return _hot(start, (end,), (offset,))

    def _build_window(self, u: int, previous: _Window) -> _Window:
        """The footer's segments over the rule years around ``u``'s.

        When ``u`` lies just past the ``previous`` window's end (iteration moving forward),
        the new window reaches twice as many years ahead; just before its start, as many back.
        """
        year = _rule_year(u)
        first_year = year - 1
        last_year = year + FOOTER_WINDOW_YEARS
        edges = previous[0]
        if edges:
            # Twice the rule years the previous window computed (none, if all of them came
            # before the footer's first year), at least two, at most the cap.
            span = 2 * (previous[6] - previous[5] + 1)
            if span > FOOTER_SEQUENTIAL_YEARS:
                span = FOOTER_SEQUENTIAL_YEARS
            elif span < 2:
                span = 2
            if u >= edges[-2]:
                if year <= previous[6] + FOOTER_SEQUENTIAL_REACH:
                    last_year = year + span
            elif year >= previous[5] - FOOTER_SEQUENTIAL_REACH:
                first_year = year - span
        return self._footer_window(first_year, last_year, year)

    def _footer_window(self, first_year: int, last_year: int, year: int) -> _Window:
        """The footer's segments over rule years ``first_year..last_year`` (clamped to the
        footer's years), as a window built for ``year``.

        Pure integer arithmetic on the footer's precomputed rule constants: per rule
        year, its first instant and its DST start and end (where inside the year), each
        kept only where the offset changes.
        """
        footer = self.footer
        assert footer is not None
        if first_year < self._footer_year:
            first_year = self._footer_year
        if last_year > _LAST_RULE_YEAR:
            last_year = _LAST_RULE_YEAR
        footer_from = self.footer_from
        std = footer.std
        dst = footer.dst
        within = footer._within
        y = first_year - 1
        days = y * 365 + y // 4 - y // 100 + y // 400 + 1 - _UNIX_ORDINAL
        lo = days * 86400
        if lo <= footer_from:
            # The explicit history hands over here: its last segment is exact.
            lo = footer_from
            trans = self.trans
            points = [trans[-1] if trans else NEVER_BEFORE]
            current = self.offs[-1] if trans else self.before
            lo_exact = True
        else:
            points = [lo]
            current = -1 << 62  # the first year's first instant sets it
            lo_exact = False
        offsets: list[int] = []
        # The loop below leaves high at last_year + 1's first instant, when it runs.
        high = lo if first_year <= last_year else _year_start(last_year + 1)
        for rule_year in range(first_year, last_year + 1):
            leap = rule_year % 4 == 0 and (rule_year % 100 != 0 or rule_year % 400 == 0)
            low = days * 86400
            start, end = within[days % 7 + 7 if leap else days % 7]
            start += low
            end += low
            days += 366 if leap else 365
            high = days * 86400
            # Where DST holds: [start, end) when it starts first, else all but [end, start).
            if start < end:
                offset = dst if start <= low < end else std
                first, first_offset, second, second_offset = start, dst, end, std
            else:
                offset = std if end <= low < start else dst
                first, first_offset, second = end, (std if end < start else dst), start
                second_offset = dst
            if offset != current and low >= lo:
                if current == -1 << 62:
                    offsets.append(offset)  # the window's first segment, from lo
                else:
                    points.append(low)
                    offsets.append(offset)
                current = offset
            if low < first < high and first_offset != current and first >= lo:
                points.append(first)
                offsets.append(first_offset)
                current = first_offset
            if low < second < high and second_offset != current and second >= lo:
                points.append(second)
                offsets.append(second_offset)
                current = second_offset
        if lo_exact:
            offsets.insert(0, self.offs[-1] if self.trans else self.before)
        if last_year == _LAST_RULE_YEAR:
            points.append(NEVER_AFTER)
            hi_exact = True
        else:
            points.append(high)
            hi_exact = False
        return tuple(points), tuple(offsets), lo_exact, hi_exact, year, first_year, last_year


#: (segment edges, offsets, first edge is a real change, last edge is, rule year built for,
#: first and last rule years computed): segment k is [edges[k], edges[k + 1]) with offsets[k].
_Window = tuple[tuple[int, ...], tuple[int, ...], bool, bool, int, int, int]
_NO_WINDOW: _Window = ((), (), False, False, -1, 0, 0)
#: (segment ends, their offsets, None outside, wall ends, wall end days, ends less a second as
#: timedeltas, offsets in minutes): see ZoneRules.hot.
_Hot = tuple[
    tuple[int, ...],
    tuple[int | None, ...],
    tuple[int, ...],
    tuple[int, ...],
    tuple[timedelta, ...],
    tuple[int, ...],
]
_NO_HOT: _Hot = ((), (None,), (), (), (), ())
# The range of a timedelta in seconds: the hot table's timedelta ends are clamped to it.
_DELTA_MIN = -86_399_999_913_600
_DELTA_MAX = 86_399_999_999_999


def _hot(start: int, ends: tuple[int, ...], offsets: tuple[int, ...]) -> _Hot:
    """The hot table of consecutive segments from ``start``: ``ends[k]`` ends segment k,
    which has ``offsets[k]``. A bisection finds a segment in it without bounds checks: ``start``
    leads the ends and None brackets the offsets, so an instant before ``start`` or at or
    after the last end finds None. A segment whose offset is not whole minutes (local mean
    time, before 1900) also reads None: readers of the table count in minutes and leave those
    to the general search. The other four parts are empty until :func:`_complete` makes
    them: the table's first query does without them (a zone's first query pays for nothing
    more than it reads)."""
    for offset in offsets:
        if offset % 60:
            minutes = [None if o % 60 else o for o in offsets]
            return (start, *ends), (None, *minutes, None), (), (), (), ()
    return (start, *ends), (None, *offsets, None), (), (), (), ()  # (no list: first query)


def _complete(hot: _Hot) -> _Hot:
    """The hot table with its other four parts, for its readers' later queries.

    The third finds a wall time's first segment as the first finds an instant's: the first
    segment's wall start, then each segment's wall end (its end plus its offset). Where wall
    ends would go back (a segment shorter than the fall of offset after it, not in tzdata
    today) or an offset is not whole minutes, every wall time reads None and readers search
    segment by segment. The fourth gives each segment's wall end as a day number (rounded
    down), aligned with the offsets: a wall time on an earlier day lies before the segment's
    end, which a reader knows without arithmetic on big numbers. The fifth holds the ends
    less one second as timedeltas since the epoch: bisecting it by ``t - epoch`` finds the
    segment of ``u``, ``t``'s whole second plus one, as bisecting the ends by ``u`` does (an
    end ``e`` is at most ``u`` exactly when ``e - 1`` is at most ``t``), with no arithmetic
    on ``u``. The sixth holds the offsets in minutes, as the answer's time of day counts."""
    edges, offsets = hot[0], hot[1]
    inner = [0 if offset is None else offset for offset in offsets[1:-1]]
    walls = [
        edges[0] + inner[0],
        *[end + offset for end, offset in zip(edges[1:], inner, strict=True)],
    ]
    days = tuple([wall // 86400 for wall in walls])
    if None in offsets[1:-1] or walls != sorted(walls):
        walls = [NEVER_AFTER] * len(walls)
    before_ends = tuple(
        [
            timedelta(0, edge - 1)
            if _DELTA_MIN < edge <= _DELTA_MAX
            else (timedelta.max if edge > 0 else timedelta.min)
            for edge in edges
        ]
    )
    minutes = tuple([0 if offset is None else offset // 60 for offset in offsets])  # 0: unread
    return edges, offsets, tuple(walls), days, before_ends, minutes


def _utc_year(u: int) -> int:
    """The UTC year of instant ``u``, 1-10000."""
    day = u // 86400 + _UNIX_ORDINAL
    if day < 1:
        return 1
    if day > 3652059:  # date.max.toordinal()
        return 10000
    return date.fromordinal(day).year


#: The year whose footer rule zoneinfo applies at an instant: its UTC year (the same
#: function, not a wrapper: a first query in a zone calls it).
_rule_year = _utc_year


def _year_start(year: int) -> int:
    """Seconds since the epoch of January 1st of ``year`` (proleptic Gregorian), 00:00 UTC."""
    y = year - 1
    return (y * 365 + y // 4 - y // 100 + y // 400 + 1 - _UNIX_ORDINAL) * 86400


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


#: A rule date as integers: (by weekday, days from January 1st to its base day, one more
#: in leap years, weekday term, week term, last zero-based day of the month in common and
#: leap years, seconds from that day's midnight UTC to the transition).
_RuleConstants = tuple[bool, int, bool, int, int, int, int, int]


def _rule_constants(rule: _RuleDate, offset: int) -> _RuleConstants:
    """``rule``'s constants for :meth:`PosixFooter.bounds`, its wall clock at ``offset``."""
    seconds = rule.seconds - offset
    if rule.kind == "M":
        # Day (0-based) of the month's weekday-th weekday, week by week: 1970-01-01 (day 0)
        # was a Thursday (weekday 4), so day d's weekday is (d + 4) % 7.
        return (
            True,
            _DAYS_BEFORE_MONTH[rule.month],
            rule.month > 2,
            rule.weekday - 4,
            (rule.week - 1) * 7,
            DAYS_IN_MONTH[False][rule.month] - 1,
            DAYS_IN_MONTH[True][rule.month] - 1,
            seconds,
        )
    if rule.kind == "J":
        # Julian day n (1-365) never counts February 29th.
        return False, rule.day - 1, rule.day >= 60, 0, 0, 0, 0, seconds
    return False, rule.day, False, 0, 0, 0, 0, seconds


def _rule_instant(rule: _RuleConstants, days: int, leap: bool) -> int:
    """The instant of a footer rule date in the rule year whose January 1st is day ``days``
    since 1970 (``leap``: whether it is a leap year), in integer arithmetic only."""
    by_weekday, base, after_feb, weekday, add, limit, limit_leap, seconds = rule
    first = days + base + (after_feb and leap)
    if by_weekday:
        day = (weekday - first) % 7 + add
        if day > (limit_leap if leap else limit):
            day -= 7
        first += day
    return first * 86400 + seconds


class PosixFooter:
    """A POSIX TZ string's rule, mapping an instant to its offset exactly as ``zoneinfo`` does."""

    __slots__ = ("_end_rule", "_start_rule", "_within", "dst", "end", "start", "std")

    def __init__(self, std: int, dst: int, start: _RuleDate, end: _RuleDate) -> None:
        self.std = std
        self.dst = dst
        self.start = start
        self.end = end
        # DST starts at a standard-time wall clock and ends at a daylight-time one.
        self._start_rule = _rule_constants(start, std)
        self._end_rule = _rule_constants(end, dst)
        # A rule date's instant, less its year's first instant, depends only on the year's
        # kind (leap or not, and the weekday of its January 1st: the day number mod 7): the
        # pair for each of the 14 kinds, so a window computes a rule year with two lookups.
        self._within = tuple(
            (
                _rule_instant(self._start_rule, days, leap) - days * 86400,
                _rule_instant(self._end_rule, days, leap) - days * 86400,
            )
            for leap in (False, True)
            for days in range(7)
        )

    def bounds(self, days: int, leap: bool) -> tuple[int, int]:
        """(DST start, DST end) instants of the rule year whose January 1st is day ``days``
        since 1970 (``leap``: whether it is a leap year), in integer arithmetic only."""
        start, end = self._within[days % 7 + 7 if leap else days % 7]
        return days * 86400 + start, days * 86400 + end

    def _bounds(self, year: int) -> tuple[int, int]:
        return self.bounds(_year_start(year) // 86400, is_leap(year))

    def __call__(self, u: int) -> int:
        # zoneinfo picks the rule year from the UTC date of the instant.
        start, end = self._bounds(_utc_year(u))
        is_dst = start <= u < end if start < end else not end <= u < start
        return self.dst if is_dst else self.std


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
    except (ValueError, IndexError) as error:
        raise TimezoneError(name, f"time zone data for {name!r} is malformed: {error}") from None


def _records(data: bytes, start: int, count: int, size: int) -> range:
    """Where each of ``count`` records of ``size`` bytes from ``start`` begins, all in ``data``."""
    end = start + count * size
    if count < 0 or end > len(data):
        raise ValueError(f"{count} records of {size} bytes at byte {start} run past the end")
    return range(start, end, size)


def _integers(data: bytes, start: int, count: int, size: int) -> list[int]:
    """``count`` big-endian signed integers of ``size`` bytes (4 or 8) each, from
    ``data[start:]``.

    A memoryview cast rather than the struct module, whose import would cost a command-line
    call start-up time. The cast reads native byte order: on a little-endian machine the
    block is read reversed, which reverses both the bytes of each integer and their order.
    """
    block = data[start : _records(data, start, count, size).stop]
    if not _NATIVE_CASTS:
        return [
            int.from_bytes(block[at : at + size], "big", signed=True)
            for at in range(0, len(block), size)
        ]
    view = memoryview(block[::-1] if _LITTLE_ENDIAN else block)
    values: list[int] = (view.cast("q") if size == 8 else view.cast("i")).tolist()
    return values[::-1] if _LITTLE_ENDIAN else values


_LITTLE_ENDIAN = sys.byteorder == "little"
# C's int is 4 bytes and long long 8 on every platform CPython supports; checked all the same.
_NATIVE_CASTS = (
    memoryview(bytes(4)).cast("i").itemsize == 4 and memoryview(bytes(8)).cast("q").itemsize == 8
)


def _parse_tzif(data: bytes) -> ZoneRules:
    if data[:4] != b"TZif":
        raise ValueError("not TZif data")
    version = data[4:5]
    counts = _integers(data, 20, 6, 4)
    if version in (b"\x00", b""):
        raise ValueError("TZif version 1 data has no 64-bit section")
    isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = counts
    # Skip the version 1 block: 32-bit times.
    offset = 44 + timecnt * 5 + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt
    if data[offset : offset + 4] != b"TZif":
        raise ValueError("missing version 2 header")
    isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt = _integers(data, offset + 20, 6, 4)
    offset += 44
    times = _integers(data, offset, timecnt, 8)
    offset += timecnt * 8
    indices = data[offset : offset + timecnt]
    offset += timecnt
    # Each type: a 4-byte UTC offset, then a byte each for is-DST and its name's index.
    types = [
        (int.from_bytes(data[at : at + 4], "big", signed=True), data[at + 4])
        for at in _records(data, offset, typecnt, 6)
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
