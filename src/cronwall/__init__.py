"""cronwall: when does a five-field cron expression fire in an IANA time zone?

Strict POSIX cron parsing, literal wall-clock matching across daylight-saving
gaps and folds, zone data from the ``tzdata`` package, deterministic jitter.
"""

from typing import TYPE_CHECKING as _TYPE_CHECKING

from ._api import ParameterError, validate_schedule
from ._cron import Cron, DayRule, is_valid, parse
from ._errors import CronwallError, ExpressionError, TimezoneError
from ._explain import explain
from ._hazards import DstHazard
from ._jitter import DEFAULT_MAX_DELAY, jitter
from ._policy import FoldPolicy, GapPolicy
from ._resolve import Resolution, WallKind, resolve
from ._schedule import Catchup, Run, Schedule
from ._zones import available_timezones, get_zone

if _TYPE_CHECKING:
    from ._responses import DstWarningDict, ScheduleDict, ValidatedScheduleDict
    from ._translate import CrontabLine, Dialect, translate, translate_crontab_line

__all__ = [
    "DEFAULT_MAX_DELAY",
    "TZDATA_VERSION",
    "Catchup",
    "Cron",
    "CrontabLine",
    "CronwallError",
    "DayRule",
    "Dialect",
    "DstHazard",
    "DstWarningDict",
    "ExpressionError",
    "FoldPolicy",
    "GapPolicy",
    "ParameterError",
    "Resolution",
    "Run",
    "Schedule",
    "ScheduleDict",
    "TimezoneError",
    "ValidatedScheduleDict",
    "WallKind",
    "available_timezones",
    "explain",
    "get_zone",
    "is_valid",
    "jitter",
    "parse",
    "resolve",
    "translate",
    "translate_crontab_line",
    "validate_schedule",
]

__version__ = "0.1.0"

#: The IANA release of the zone data in use (the ``tzdata`` package's), e.g. ``"2026f"``.
#: Read on first use, so that a missing ``tzdata`` is one clear error when zone data is
#: first needed rather than a failure to import cronwall.
TZDATA_VERSION: str

# Names served on first use, by the module that defines them: what the common path (parse,
# schedules, validation) does not need stays out of ``import cronwall`` (import time).
_LAZY = {
    "CrontabLine": "._translate",
    "Dialect": "._translate",
    "translate": "._translate",
    "translate_crontab_line": "._translate",
    "DstWarningDict": "._responses",
    "ScheduleDict": "._responses",
    "ValidatedScheduleDict": "._responses",
}


def __getattr__(name: str) -> object:
    if name == "TZDATA_VERSION":
        from ._zones import tzdata_version

        return tzdata_version()
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cronwall' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value  # once loaded, an ordinary attribute
    return value
