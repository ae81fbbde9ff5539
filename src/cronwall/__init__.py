"""cronwall: when does a five-field cron expression fire in an IANA time zone?

Strict POSIX cron parsing, literal wall-clock matching across daylight-saving
gaps and folds, zone data from the ``tzdata`` package, deterministic jitter.
"""

from __future__ import annotations

from ._cron import Cron, DayRule, parse
from ._errors import CronwallError, ExpressionError, TimezoneError
from ._jitter import DEFAULT_MAX_DELAY, jitter
from ._schedule import Run, Schedule
from ._zones import TZDATA_VERSION, available_timezones, get_zone

__all__ = [
    "DEFAULT_MAX_DELAY",
    "TZDATA_VERSION",
    "Cron",
    "CronwallError",
    "DayRule",
    "ExpressionError",
    "Run",
    "Schedule",
    "TimezoneError",
    "available_timezones",
    "get_zone",
    "jitter",
    "parse",
]

__version__ = "0.1.0"
