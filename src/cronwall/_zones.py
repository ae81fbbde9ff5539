"""Time zones: IANA names checked against the ``tzdata`` package, and their rules.

Zone data comes from the ``tzdata`` package, never from the host (docs/semantics.md,
"Time zones"): a name is looked up in the list of names ``tzdata`` ships, matched
exactly, and its file is read from the package. Validating against that list
before touching any file also rules out paths, ``posixrules`` and friends.
"""

from __future__ import annotations

import importlib
import os
import sys
from _thread import allocate_lock
from bisect import bisect_right
from datetime import datetime, timedelta, timezone, tzinfo

from ._errors import CronwallError, TimezoneError, shorten
from ._tzif import NEVER_AFTER, NEVER_BEFORE, FixedRules, ZoneRules, parse_tzif

# typing.TYPE_CHECKING would import typing, threading.Lock threading, and functools.cache
# functools and collections: each costs a command-line call more start-up time than this
# module (the lock is the same either way).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType
    from typing import IO, TypeVar
    from zoneinfo import ZoneInfo

    T = TypeVar("T")

#: The IANA release of the zone data in use (the ``tzdata`` package's), e.g. ``"2026f"``.
#: Read on first use (module ``__getattr__``), so that a missing ``tzdata`` is reported
#: when zone data is first needed, as one clear error, not while importing cronwall.
TZDATA_VERSION: str

_MAX_NAME_LENGTH = 255


def _once(function: Callable[[], T]) -> Callable[[], T]:
    """``function``, computed on its first call and remembered (``functools.cache``)."""
    results: list[T] = []

    def remembered() -> T:
        if not results:
            # Two threads may both compute it; either result is the same, and one is kept.
            results[:] = [function()]
        return results[0]

    remembered.__name__ = function.__name__
    remembered.__qualname__ = function.__qualname__
    remembered.__doc__ = function.__doc__
    remembered.__wrapped__ = function  # type: ignore[attr-defined]
    return remembered


@_once
def _tzdata() -> ModuleType:
    try:
        return importlib.import_module("tzdata")
    except ModuleNotFoundError as missing:
        raise ModuleNotFoundError(
            "cronwall needs the 'tzdata' package for its IANA zone data; "
            "install it with: pip install tzdata",
            name="tzdata",
        ) from missing


def tzdata_version() -> str:
    """The IANA release of the ``tzdata`` package in use, e.g. ``"2026f"``."""
    version: str = _tzdata().IANA_VERSION
    return version


def __getattr__(name: str) -> str:
    if name == "TZDATA_VERSION":
        return tzdata_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@_once
def available_timezones() -> frozenset[str]:
    """Every name (zones and links) the installed ``tzdata`` package defines."""
    with _tzdata_file("zones") as handle:
        text = handle.read().decode("utf-8")
    return frozenset(text.split())


@_once
def _names_by_folded_case() -> dict[str, str]:
    return {name.casefold(): name for name in available_timezones()}


def check_name(name: object) -> str:
    """Return ``name`` if it is a zone name tzdata defines, else raise :class:`TimezoneError`.

    The result is always an exact ``str``: a subclass's own ``__eq__`` or ``__hash__``
    must not decide which zone (or which cache entry) a name is.
    """
    if not isinstance(name, str):
        raise TypeError(
            f"timezone must be an IANA name (str) or a tzinfo object, not {type(name).__name__}"
        )
    if type(name) is not str:
        name = str.__str__(name)  # a copy with plain str behaviour
    # The length first: hashing a huge text for the lookup would cost before refusing it.
    if len(name) <= _MAX_NAME_LENGTH and name in available_timezones():
        return name
    reason, suggestion = _why_not(name)
    if suggestion is not None:
        hint = f"did you mean {suggestion!r}?"
    elif reason.startswith("unknown") or not name:
        hint = "use an IANA name such as 'UTC' or 'America/New_York'"
    else:
        hint = None
    raise TimezoneError(name, reason, hint=hint, suggestion=suggestion)


def _why_not(name: str) -> tuple[str, str | None]:
    """The reason (and a hint) a string is not a zone name."""
    shown = shorten(name, 60)
    if not name:
        return "timezone is empty", None
    if len(name) > _MAX_NAME_LENGTH:
        return f"timezone name is {len(name)} characters long; no IANA name is", None
    if "\x00" in name:
        return f"timezone {shown!r} contains a NUL character", None
    if name != name.strip():
        stripped = name.strip()
        return (
            f"timezone {shown!r} has surrounding whitespace",
            stripped if stripped in available_timezones() else None,
        )
    folded = _names_by_folded_case().get(name.casefold())
    if folded is not None:
        return f"unknown timezone {shown!r}; names are case-sensitive", folded
    if name.startswith(("/", ".")) or "/../" in name or name.endswith("/..") or "\\" in name:
        return f"timezone {shown!r} is a path, not an IANA name", None
    if name in ("localtime", "posixrules") or name.startswith(("posix/", "right/")):
        return f"{shown!r} is not an IANA time zone name", None
    return f"unknown timezone {shown!r}", close_zone_name(name)


# No IANA name is longer than 32 characters; past this a typo is not what went wrong.
_MAX_TYPO_LENGTH = 64


def close_zone_name(name: str) -> str | None:
    """The zone name ``name`` is one slip away from, or ``None``.

    A slip is one character added, dropped or changed, two neighbours swapped, a
    space for an underscore, or any change of case. Lookups only, in a table of
    every name with one character deleted, so an answer takes microseconds (a
    rejection must stay cheap); when several names are one slip away, the first
    in alphabetical order is given.
    """
    if len(name) > _MAX_TYPO_LENGTH:
        return None
    by_folded = _names_by_folded_case()
    key = name.replace(" ", "_").casefold()
    exact = by_folded.get(key)
    if exact is not None and exact != name:
        return exact
    found: set[str] = set()
    for index in range(len(key) - 1):
        # Two neighbours swapped.
        swapped = key[:index] + key[index + 1] + key[index] + key[index + 2 :]
        if swapped in by_folded:
            found.add(by_folded[swapped])
    deletions = _names_by_deletion()
    found.update(deletions.get(key, ()))  # a character added
    for index in range(len(key)):
        shorter = key[:index] + key[index + 1 :]
        if shorter in by_folded:
            found.add(by_folded[shorter])  # a character added to a name
        # A character changed: both lose it at the same place (or, rarely, nearby).
        found.update(deletions.get(shorter, ()))
    found.discard(name)
    return min(found) if found else None


@_once
def _names_by_deletion() -> dict[str, tuple[str, ...]]:
    """Every case-folded name with one character deleted, to the names it comes from."""
    table: dict[str, set[str]] = {}
    for name in available_timezones():
        key = name.casefold()
        for index in range(len(key)):
            table.setdefault(key[:index] + key[index + 1 :], set()).add(name)
    return {key: tuple(sorted(names)) for key, names in table.items()}


@_once
def deprecated_zone_names() -> dict[str, str]:
    """Deprecated names (``'US/Eastern'``) to the zone they stand for (``'America/New_York'``).

    A name is deprecated when tzdata defines it as a link (an alias of another
    name) and it is not a location of any country in ``zone.tab`` or
    ``zone1970.tab``. The links come from tzdata's own compiled source,
    ``tzdata.zi`` (its ``L TARGET NAME`` lines), followed to the zone. ``UTC`` and
    ``GMT`` are links too, but the usual way to say UTC and GMT: they are kept.
    """

    def lines(name: str) -> list[str]:
        with _tzdata_file("zoneinfo", name) as handle:
            return handle.read().decode("utf-8").splitlines()

    links: dict[str, str] = {}
    for line in lines("tzdata.zi"):
        if line.startswith("L "):
            _, target, link = line.split()
            links[link] = target
    located: set[str] = set()
    for table in ("zone.tab", "zone1970.tab"):
        for line in lines(table):
            if line and not line.startswith("#"):
                located.add(line.split("\t")[2])
    result = {}
    for link, target in links.items():
        if link in located or link in ("UTC", "GMT"):
            continue
        for _ in range(len(links)):  # links may point at links
            if target not in links:
                break
            target = links[target]
        result[link] = target
    return result


def is_located(name: str) -> bool:
    """Whether ``name`` is the location of a country in ``zone.tab`` or ``zone1970.tab``
    (their third column), so never a deprecated name (see :func:`deprecated_zone_names`).

    The answer without building every table: the name is searched for in the files' text,
    and each place it occurs is checked as a whole line, as ``deprecated_zone_names``
    reads it.
    """
    needle = ("\t" + name).encode("utf-8")
    for table in ("zone1970.tab", "zone.tab"):
        with _tzdata_file("zoneinfo", table) as handle:
            data = handle.read()
        at = data.find(needle)
        while at >= 0:
            start = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at)
            line = data[start : len(data) if end < 0 else end].decode("utf-8")
            if not line.startswith("#") and line.split("\t")[2:3] == [name]:
                return True
            at = data.find(needle, at + 1)
    return False


_zones_by_name: dict[str, ZoneInfo] = {}


def get_zone(name: str) -> tzinfo:
    """The ``zoneinfo.ZoneInfo`` for ``name``, built from the ``tzdata`` package's file."""
    name = check_name(name)
    zone = _zones_by_name.get(name)
    if zone is None:
        from zoneinfo import ZoneInfo  # deferred: only local views need one (import time)

        with _open(name) as handle:
            zone = ZoneInfo.from_file(handle, key=name)
        # Keyed by checked names only, so at most one entry per tzdata name.
        zone = _zones_by_name.setdefault(name, zone)
    return zone


def _open(name: str) -> IO[bytes]:
    return _tzdata_file("zoneinfo", *name.split("/"))


def _tzdata_file(*parts: str) -> IO[bytes]:
    """Open a file of the ``tzdata`` package (``parts`` are checked names, never input)."""
    # Straight from the package's folder, the usual install: importlib.resources imports
    # tempfile, zipfile and pathlib, more start-up time than the rest of cronwall. A package
    # that is not a folder (inside a zip file) goes through importlib.resources.
    module_file = getattr(_tzdata(), "__file__", None)
    if module_file:
        try:
            return open(os.path.join(os.path.dirname(module_file), *parts), "rb")
        except OSError:
            pass
    import importlib.resources

    resource = importlib.resources.files(_tzdata())
    for part in parts:
        resource = resource.joinpath(part)
    return resource.open("rb")


_rules_lock = allocate_lock()
_rules_by_name: dict[str, ZoneRules] = {}


def rules_for_name(name: str) -> ZoneRules:
    """The (cached) transition rules of a zone named in tzdata."""
    if type(name) is not str or len(name) > _MAX_NAME_LENGTH:
        name = check_name(name)  # an exact str from here on, or the TimezoneError
    rules = _rules_by_name.get(name)
    if rules is None:
        name = check_name(name)
        with _open(name) as handle:
            data = handle.read()
        rules = parse_tzif(data, name)
        with _rules_lock:
            rules = _rules_by_name.setdefault(name, rules)
    return rules


# -- rules of arbitrary tzinfo objects ------------------------------------------------------

# A tzinfo object exposes no transition list, so its transitions are found by
# probing its offset every _PROBE_STEP seconds and bisecting each change to the
# second. Two changes closer together than the step would be missed; since 1900 no
# two transitions of any IANA zone are closer than 6 days (tzdata 2026f; checked
# against every zone by tests/test_zones.py).
_PROBE_STEP = 6 * 3600
# Probing extends the known history one chunk at a time, in each direction.
_PROBE_CHUNK = 366 * 86400
_FIRST_INSTANT = int((datetime(1, 1, 2) - datetime(1970, 1, 1)).total_seconds())
_LAST_INSTANT = int((datetime(9999, 12, 30) - datetime(1970, 1, 1)).total_seconds())
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


#: A tzinfo whose offset changes more often than this within one probed chunk (366 days)
#: is refused: IANA zones change at most 5 times in any 366 days (tzdata 2026f), and
#: the limit bounds the probing one query can cost (see docs/semantics.md).
MAX_PROBED_CHANGES_PER_CHUNK = 24
#: Changes one tzinfo object's probed rules keep before starting afresh (memory bound).
MAX_PROBED_CHANGES_KEPT = 1024
_NAIVE_EPOCH = datetime(1970, 1, 1)


class ProbedRules(ZoneRules):
    """Transitions of an arbitrary ``tzinfo``, discovered by probing its offsets.

    Every call into the object goes through :meth:`_probe`, which turns any failure or
    misbehaviour into a :class:`TimezoneError` naming the object.
    """

    __slots__ = ("covered_from", "covered_until", "lock", "probes", "tz", "use_fromutc")

    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz
        self.lock = allocate_lock()
        super().__init__([], [], 0, None)
        # Probing appends to these lists, under the lock; they are this object's own.
        self.trans: list[int] = []
        self.offs: list[int] = []
        # Unprobed instants may have any offset a tzinfo can give (less than a day).
        self._set_offset_range(-86399, 86399)
        #: Calls made into the tzinfo so far (probing work, for tests and budgets).
        self.probes = 0
        # The default tzinfo.fromutc needs dst(); a class that keeps it but has no dst()
        # is read through utcoffset() alone.
        self.use_fromutc = type(tz).fromutc is not tzinfo.fromutc
        # Known: `before` holds from covered_from, and the lists hold the changes inside
        # [covered_from, covered_until); nothing is known outside.
        self._restart_at(0)

    def segment(self, u: int) -> tuple[int, int, int]:
        # Probing mutates the lists, so readers and writers take turns: a tzinfo object is
        # the rare, slow path; zones named from tzdata never get here.
        with self.lock:
            if not self.covered_from <= u < self.covered_until:
                near = self.covered_from - _PROBE_CHUNK <= u < self.covered_until + _PROBE_CHUNK
                if not near or len(self.trans) > MAX_PROBED_CHANGES_KEPT:
                    # Far from everything probed so far: start afresh around u rather than
                    # probe every year in between (from 1970 to 9999 would take a minute).
                    # Long iteration starts afresh too, so the lists stay bounded.
                    self._restart_at(u)
                while u >= self.covered_until and self.covered_until < NEVER_AFTER:
                    self._extend_forward()
                while u < self.covered_from and self.covered_from > NEVER_BEFORE:
                    self._extend_backward()
            trans = self.trans
            i = bisect_right(trans, u)
            start = trans[i - 1] if i else NEVER_BEFORE
            end = trans[i] if i < len(trans) else NEVER_AFTER
            offset = self.offs[i - 1] if i else self.before
            # Nothing is known outside the probed range: end the segment there.
            return max(start, self.covered_from), min(end, self.covered_until), offset

    def _restart_at(self, u: int) -> None:
        start = _clamp(u)
        self.trans, self.offs = [], []
        self.before = self._probe(start)
        self.covered_from = self.covered_until = start

    def _extend_forward(self) -> None:
        lo = self.covered_until
        if lo >= _LAST_INSTANT:
            self.covered_until = NEVER_AFTER
            return
        hi = min(lo + _PROBE_CHUNK, _LAST_INSTANT)
        current = self.offs[-1] if self.offs else self.before
        for change, offset in self._changes(lo, hi, current):
            self.trans.append(change)
            self.offs.append(offset)
        self.covered_until = hi

    def _extend_backward(self) -> None:
        hi = self.covered_from
        if hi <= _FIRST_INSTANT:
            self.covered_from = NEVER_BEFORE
            return
        lo = max(hi - _PROBE_CHUNK, _FIRST_INSTANT)
        first = self._probe(lo)
        # The scan ends by probing `hi`, so its last change lands on the old `before`.
        changes = self._changes(lo, hi, first)
        self.trans[:0] = [instant for instant, _ in changes]
        self.offs[:0] = [offset for _, offset in changes]
        self.before = first
        self.covered_from = lo

    def _changes(self, lo: int, hi: int, current: int) -> list[tuple[int, int]]:
        """(instant, new offset) for each change in ``(lo, hi]``, starting from ``current``."""
        found: list[tuple[int, int]] = []
        here = lo
        while here < hi:
            there = min(here + _PROBE_STEP, hi)
            offset = self._probe(there)
            if offset != current:
                if len(found) == MAX_PROBED_CHANGES_PER_CHUNK:
                    raise TimezoneError(
                        self.tz,
                        f"tzinfo {describe(self.tz)} changes its UTC offset more than "
                        f"{MAX_PROBED_CHANGES_PER_CHUNK} times within 366 days; cronwall "
                        "supports a tzinfo object only with a real zone's few changes a year",
                    )
                # Bisect to the first second with the new offset.
                low, high = here, there
                while high - low > 1:
                    middle = (low + high) // 2
                    if self._probe(middle) == current:
                        low = middle
                    else:
                        high = middle
                found.append((high, offset))
                current = offset
            here = there
        return found

    def _probe(self, u: int) -> int:
        """The UTC offset (seconds) ``tz`` gives instant ``u``; its failures as TimezoneError."""
        self.probes += 1
        tz = self.tz
        moment = _NAIVE_EPOCH + timedelta(seconds=_clamp(u))
        try:
            if self.use_fromutc:
                local = tz.fromutc(moment.replace(tzinfo=tz))
                if not isinstance(local, datetime):
                    raise TimezoneError(
                        tz,
                        f"tzinfo {describe(tz)}.fromutc() returned "
                        f"{type(local).__name__}, not a datetime",
                    )
                delta = local.utcoffset()
            else:
                delta = self._offset_from_utcoffset(moment)
        except CronwallError:
            raise
        except Exception as error:  # a caller's object may raise anything
            raise TimezoneError(
                tz, f"tzinfo {describe(tz)} failed: {type(error).__name__}: {shorten(str(error))}"
            ) from error
        if delta is None:
            raise TimezoneError(tz, f"tzinfo {describe(tz)} gives no UTC offset")
        if delta.microseconds:
            raise TimezoneError(tz, f"tzinfo {describe(tz)} has a UTC offset with microseconds")
        return delta.days * 86400 + delta.seconds

    def _offset_from_utcoffset(self, moment: datetime) -> timedelta | None:
        """The offset o with utcoffset(moment + o) == o, asking only utcoffset().

        ``datetime.utcoffset`` checks what the object returns (a timedelta under a day,
        or None); a wall time in a fold is tried in both passes.
        """
        tz = self.tz
        offset = moment.replace(tzinfo=tz).utcoffset()
        for _ in range(3):
            if offset is None:
                return None
            wall = (moment + offset).replace(tzinfo=tz)
            again = wall.utcoffset()
            if again == offset or wall.replace(fold=1).utcoffset() == offset:
                return offset
            offset = again
        return offset


def describe(tz: tzinfo) -> str:
    """``repr(tz)``, shortened, or the type's name when repr() itself fails."""
    try:
        text = repr(tz)
    except Exception:  # a caller's object may raise anything
        return f"<{type(tz).__qualname__} object>"
    return shorten(text)


def _clamp(u: int) -> int:
    return min(max(u, _FIRST_INSTANT), _LAST_INSTANT)


_rules_by_object: dict[int, tuple[tzinfo, ZoneRules]] = {}


def rules_for_tzinfo(tz: tzinfo) -> ZoneRules:
    """Rules that reproduce exactly what ``tz`` says, for a caller-given tzinfo object."""
    if isinstance(tz, timezone):
        delta = tz.utcoffset(None)
        if delta.microseconds:
            raise TimezoneError(tz, f"tzinfo {tz!r} has a UTC offset with microseconds")
        return FixedRules(delta.days * 86400 + delta.seconds)
    # Keyed by identity and holding the object, so an id is never reused for another zone.
    entry = _rules_by_object.get(id(tz))
    if entry is None or entry[0] is not tz:
        with _rules_lock:
            if len(_rules_by_object) > 1024:
                _rules_by_object.clear()
            entry = (tz, ProbedRules(tz))
            _rules_by_object[id(tz)] = entry
    return entry[1]


# -- tzinfo objects given to a Schedule -----------------------------------------------------


def tzinfo_name(tz: tzinfo) -> str:
    """What a schedule shows as the zone of a caller's tzinfo: its ``key``, else ``str(tz)``."""
    try:
        key = getattr(tz, "key", None)
        text = key if isinstance(key, str) and key else str(tz)
    except Exception:  # a caller's object may raise anything; its name is not worth failing
        return describe(tz)
    return shorten(str.__str__(text))


_host_file_is_tzdata: dict[tuple[str, tuple[str, ...]], bool] = {}


def tzdata_name(tz: tzinfo) -> str | None:
    """The tzdata name ``tz`` stands for, when it is a ``ZoneInfo`` with tzdata's own data.

    That is cronwall's own zone object (``get_zone``, ``Schedule.tzinfo``), or a
    ``ZoneInfo(key)`` that ``zoneinfo`` loaded from the tzdata package (no file for the
    key on its search path) or from a host file identical to tzdata's. A schedule in
    such a zone is the name-built schedule: same rules, pickled as the name. Anything
    else (a host file that differs, ``ZoneInfo.from_file``) is None.
    """
    # Only a ZoneInfo qualifies, and there is none unless zoneinfo was imported: asking
    # sys.modules keeps zoneinfo (and the sysconfig it loads) out of ``import cronwall``.
    zoneinfo = sys.modules.get("zoneinfo")
    if zoneinfo is None or not isinstance(tz, zoneinfo.ZoneInfo):
        return None
    key = tz.key
    if type(key) is not str or len(key) > _MAX_NAME_LENGTH or key not in available_timezones():
        return None
    if _zones_by_name.get(key) is tz:
        return key
    try:
        tz.__reduce__()
    except Exception:
        return None
    search_path = tuple(zoneinfo.TZPATH)
    same = _host_file_is_tzdata.get((key, search_path))
    if same is None:
        same = _host_file_matches_tzdata(key, search_path)
        if len(_host_file_is_tzdata) > 4096:  # bounded: names times search paths seen
            _host_file_is_tzdata.clear()
        _host_file_is_tzdata[key, search_path] = same
    return key if same else None


def _host_file_matches_tzdata(key: str, search_path: tuple[str, ...]) -> bool:
    """Whether zoneinfo's file for ``key`` (first on its search path, else tzdata's) is tzdata's."""
    for folder in search_path:
        path = os.path.join(folder, key)
        if os.path.isfile(path):
            try:
                with open(path, "rb") as handle:
                    host = handle.read()
            except OSError:
                return False
            with _open(key) as handle:
                return bool(host == handle.read())
    return True


def check_picklable(tz: tzinfo) -> None:
    """Raise :class:`TimezoneError` saying why a schedule in ``tz`` cannot be pickled."""
    import pickle  # deferred: only schedules in a caller's tzinfo get here (import time)

    try:
        pickle.dumps(tz, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as error:  # pickling a caller's object may raise anything
        raise TimezoneError(
            tz,
            f"cannot pickle a schedule in tzinfo {describe(tz)}: the tzinfo itself does not "
            f"pickle ({type(error).__name__}: {shorten(str(error))}); build the schedule from "
            "an IANA name to send it to another process",
        ) from error
