"""cronwall: when does a five-field cron expression fire in an IANA time zone?

Strict POSIX cron parsing, literal wall-clock matching across daylight-saving
gaps and folds, zone data from the ``tzdata`` package, deterministic jitter.
"""

# Every public name is served on first use, by the module that defines it (``_LAZY`` and
# ``__getattr__`` below): ``import cronwall`` itself loads no submodule, so a command-line
# call pays only for the modules its command needs (start-up time is CPU time). Type
# checkers and IDEs read the real imports here (typing.TYPE_CHECKING would import typing).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._api import ParameterError, validate_schedule
    from ._cron import Cron, is_valid, parse
    from ._errors import CronwallError, ExpressionError, TimezoneError
    from ._explain import explain
    from ._hazards import DstHazard
    from ._jitter import DEFAULT_MAX_DELAY, jitter
    from ._resolve import Resolution, WallKind, resolve
    from ._responses import DstWarningDict, ScheduleDict, ValidatedScheduleDict
    from ._schedule import Schedule
    from ._translate import CrontabLine, Dialect, translate, translate_crontab_line
    from ._typed import Catchup, DayRule, FoldPolicy, GapPolicy, Run
    from ._zones import available_timezones, get_zone
del TYPE_CHECKING  # not a public name

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

# Where each public name is defined.
_LAZY = {
    "ParameterError": "._api",
    "validate_schedule": "._api",
    "Cron": "._cron",
    "is_valid": "._cron",
    "parse": "._cron",
    "CronwallError": "._errors",
    "ExpressionError": "._errors",
    "TimezoneError": "._errors",
    "explain": "._explain",
    "DstHazard": "._hazards",
    "DEFAULT_MAX_DELAY": "._jitter",
    "jitter": "._jitter",
    "Resolution": "._resolve",
    "WallKind": "._resolve",
    "resolve": "._resolve",
    "DstWarningDict": "._responses",
    "ScheduleDict": "._responses",
    "ValidatedScheduleDict": "._responses",
    "Schedule": "._schedule",
    "CrontabLine": "._translate",
    "Dialect": "._translate",
    "translate": "._translate",
    "translate_crontab_line": "._translate",
    "Catchup": "._typed",
    "DayRule": "._typed",
    "FoldPolicy": "._typed",
    "GapPolicy": "._typed",
    "Run": "._typed",
    "available_timezones": "._zones",
    "get_zone": "._zones",
}


def __getattr__(name: str) -> object:
    if name == "TZDATA_VERSION":
        from ._zones import tzdata_version

        return tzdata_version()
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cronwall' has no attribute {name!r}")
    import sys  # already loaded: importlib would cost start-up time

    __import__(__name__ + module)
    value = getattr(sys.modules[__name__ + module], name)
    globals()[name] = value  # once loaded, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
