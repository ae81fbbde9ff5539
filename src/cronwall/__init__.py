"""cronwall: when does a five-field cron expression fire in an IANA time zone?

Strict POSIX cron parsing, literal wall-clock matching across daylight-saving
gaps and folds, zone data from the ``tzdata`` package, deterministic jitter.
"""

from __future__ import annotations

from ._api import ParameterError, validate_schedule
from ._cron import Cron, DayRule, is_valid, parse
from ._errors import CronwallError, ExpressionError, TimezoneError
from ._explain import explain
from ._hazards import DstHazard
from ._jitter import DEFAULT_MAX_DELAY, jitter
from ._resolve import Resolution, WallKind, resolve
from ._schedule import Run, Schedule
from ._zones import TZDATA_VERSION, available_timezones, get_zone

__all__ = [
    "DEFAULT_MAX_DELAY",
    "TZDATA_VERSION",
    "Cron",
    "CronwallError",
    "DayRule",
    "DstHazard",
    "ExpressionError",
    "ParameterError",
    "Resolution",
    "Run",
    "Schedule",
    "TimezoneError",
    "WallKind",
    "available_timezones",
    "explain",
    "get_zone",
    "is_valid",
    "jitter",
    "parse",
    "resolve",
    "validate_schedule",
]

__version__ = "0.1.0"
