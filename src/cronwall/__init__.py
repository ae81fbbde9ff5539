"""cronwall: when does a five-field cron expression fire in an IANA time zone?

Strict POSIX cron parsing, literal wall-clock matching across daylight-saving
gaps and folds, zone data from the ``tzdata`` package, deterministic jitter.
"""

from ._api import (
    DstWarningDict,
    ParameterError,
    ScheduleDict,
    ValidatedScheduleDict,
    validate_schedule,
)
from ._cron import Cron, DayRule, parse
from ._errors import CronwallError, ExpressionError, TimezoneError
from ._explain import explain
from ._hazards import DstHazard
from ._jitter import DEFAULT_MAX_DELAY, jitter
from ._policy import FoldPolicy, GapPolicy
from ._resolve import Resolution, WallKind, resolve
from ._schedule import Catchup, Run, Schedule
from ._translate import CrontabLine, Dialect, translate, translate_crontab_line
from ._zones import TZDATA_VERSION, available_timezones, get_zone

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
    "jitter",
    "parse",
    "resolve",
    "translate",
    "translate_crontab_line",
    "validate_schedule",
]

__version__ = "0.1.0"
