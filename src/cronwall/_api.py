"""Schedule objects as web APIs carry them: validation for request handlers, rendering for reads.

The object is ``{"type": "cron", "expression": ..., "timezone": ...}``; responses
add the read-only ``last_run_at`` and ``upcoming_runs_at`` (RFC 3339 UTC strings,
nominal fire times: jitter only ever delays a run). Every problem with a
request's object raises a :class:`cronwall.CronwallError` whose ``to_dict()`` is
the body of a 400 response, with ``param`` naming the offending key.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import Any, Literal

from ._cron import parse
from ._errors import CronwallError, ExpressionError, TimezoneError
from ._hazards import later
from ._rfc3339 import format_utc
from ._schedule import Schedule

ParameterCode = Literal[
    "parameter_missing", "parameter_unknown", "parameter_invalid_type", "parameter_invalid_value"
]

#: The keys a request may set.
WRITABLE_KEYS = ("type", "expression", "timezone")
#: Keys responses carry; a client sending an object back unchanged may include them.
READ_ONLY_KEYS = ("last_run_at", "upcoming_runs_at", "warnings")
#: How far ahead ``warn=True`` looks for DST hazards.
WARNING_HORIZON = timedelta(days=365)

# Keys people send for the three known ones, beyond what a close spelling match finds.
_ALIASES = {
    "cron": "expression",
    "expr": "expression",
    "schedule": "expression",
    "tz": "timezone",
    "zone": "timezone",
    "time_zone": "timezone",
    "timeZone": "timezone",
    "kind": "type",
}
_EXAMPLES = {
    "type": "set it to 'cron'",
    "expression": "for example '0 9 * * 1-5'",
    "timezone": "use an IANA name such as 'UTC' or 'America/New_York'",
}
_SHOWN = 60


class ParameterError(CronwallError):
    """A schedule object with a missing, unknown or mistyped key.

    ``code`` says which, for clients that branch on it: ``parameter_missing``,
    ``parameter_unknown``, ``parameter_invalid_type`` or ``parameter_invalid_value``.
    """

    def __init__(
        self, message: str, *, param: str, code: ParameterCode, hint: str | None = None
    ) -> None:
        self.reason = message
        self.code = code
        self.hint = hint
        super().__init__(message if hint is None else f"{message}; {hint}", param=param)

    def __reduce__(self) -> Any:
        return (_rebuild_parameter_error, (self.reason, self.param, self.code, self.hint))

    def to_dict(self) -> dict[str, Any]:
        result = super().to_dict()
        result.update(code=self.code, reason=self.reason, hint=self.hint)
        return result


def _rebuild_parameter_error(
    reason: str, param: str, code: ParameterCode, hint: str | None
) -> ParameterError:
    return ParameterError(reason, param=param, code=code, hint=hint)


ParameterError.__module__ = "cronwall"


def validate_schedule(
    obj: Mapping[str, Any],
    *,
    now: datetime | None = None,
    count: int = 5,
    warn: bool = False,
    param: str = "schedule",
) -> dict[str, Any]:
    """Check a schedule object from an API request and return it normalised.

    ``obj`` is a mapping such as ``{"type": "cron", "expression": "0 9 * * 1-5",
    "timezone": "America/Los_Angeles"}``. The result has the canonical
    expression, ``last_run_at`` (``None``) and the next ``count`` fires after
    ``now`` (default: the current time) as ``upcoming_runs_at``; with
    ``warn=True`` also ``warnings``, the DST hazards of the next 365 days (see
    :meth:`Schedule.dst_hazards`), each as :meth:`DstHazard.to_dict` gives it.

    Raises a :class:`cronwall.CronwallError` for every problem with the object
    (``param`` is ``"schedule.expression"`` and so on; ``param=`` changes the
    prefix), and ``TypeError`` when ``obj`` is not a mapping at all.
    """
    schedule = parse_schedule(obj, param=param)
    start = _now() if now is None else now
    result = schedule_to_dict(schedule, now=start, count=count)
    if warn:
        hazards = schedule.dst_hazards(start, later(start, WARNING_HORIZON))
        result["warnings"] = [hazard.to_dict() for hazard in hazards]
    return result


def parse_schedule(obj: Mapping[str, Any], *, param: str = "schedule") -> Schedule:
    """The :class:`Schedule` a schedule object describes; raises as :func:`validate_schedule`."""
    if not isinstance(obj, Mapping):
        raise TypeError(f"a schedule object must be a mapping, not {type(obj).__name__}")
    unknown = [key for key in obj if key not in WRITABLE_KEYS and key not in READ_ONLY_KEYS]
    if unknown:
        raise _unknown_keys(unknown, param)
    kind = _required_string(obj, "type", param)
    if kind != "cron":
        close = kind.strip().lower() == "cron"
        raise ParameterError(
            f"schedule type {_shown(kind)!r} is not supported",
            param=_path(param, "type"),
            code="parameter_invalid_value",
            hint="did you mean 'cron'?" if close else "the only type is 'cron'",
        )
    expression = _required_string(obj, "expression", param)
    try:
        cron = parse(expression)
    except ExpressionError as error:
        raise ExpressionError(
            error.expression,
            error.reason,
            error.span,
            field=error.field,
            hint=error.hint,
            param=_path(param, "expression"),
            suggestion=error.suggestion,
        ) from None
    timezone_name = _required_string(obj, "timezone", param)
    try:
        return Schedule(cron, timezone_name)
    except TimezoneError as error:
        raise TimezoneError(
            error.timezone,
            error.reason,
            hint=error.hint,
            param=_path(param, "timezone"),
            suggestion=error.suggestion,
        ) from None


def schedule_to_dict(
    schedule: Schedule,
    *,
    now: datetime | None = None,
    count: int = 5,
    last_run_at: datetime | None = None,
) -> dict[str, Any]:
    """The API object of ``schedule``; see :meth:`Schedule.to_dict`."""
    if isinstance(count, bool) or not isinstance(count, int):
        raise TypeError(f"count must be an int, not {type(count).__name__}")
    if count < 0:
        raise CronwallError(f"count must be at least 0, not {count}", param="count")
    if last_run_at is not None and not isinstance(last_run_at, datetime):
        raise TypeError(
            f"last_run_at must be an aware datetime or None, not {type(last_run_at).__name__}"
        )
    if last_run_at is not None and last_run_at.utcoffset() is None:
        raise TypeError("last_run_at is a naive datetime, which names no instant; give it a tzinfo")
    fires = schedule.upcoming(count, after=_now() if now is None else now)
    return {
        "type": "cron",
        "expression": str(schedule.cron),
        "timezone": schedule.timezone,
        "last_run_at": None if last_run_at is None else format_utc(last_run_at),
        "upcoming_runs_at": [format_utc(fire) for fire in fires],
    }


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _required_string(obj: Mapping[str, Any], key: str, param: str) -> str:
    if key not in obj:
        raise ParameterError(
            f"schedule {key} is required",
            param=_path(param, key),
            code="parameter_missing",
            hint=_EXAMPLES[key],
        )
    value = obj[key]
    if not isinstance(value, str):
        raise ParameterError(
            f"schedule {key} must be a string, not {_json_type(value)}",
            param=_path(param, key),
            code="parameter_invalid_type",
        )
    return value


def _unknown_keys(keys: list[Any], param: str) -> ParameterError:
    names = [repr(_shown(key)) if isinstance(key, str) else repr(key) for key in keys]
    first = keys[0]
    hint = None
    if isinstance(first, str) and len(first) <= _SHOWN:
        guess = _ALIASES.get(first)
        if guess is None:
            import difflib  # only for this rare error: it costs import time (it loads re)

            close = difflib.get_close_matches(first.lower(), WRITABLE_KEYS, n=1, cutoff=0.7)
            guess = close[0] if close else None
        if guess is not None:
            hint = f"did you mean {guess!r}" + (f" for {names[0]}?" if len(keys) > 1 else "?")
    allowed = ", ".join(repr(key) for key in WRITABLE_KEYS)
    return ParameterError(
        f"schedule has unknown key{'s' if len(keys) > 1 else ''} {_join(names)} "
        f"(the keys are {allowed})",
        param=_path(param, _shown(first) if isinstance(first, str) else repr(first)),
        code="parameter_unknown",
        hint=hint,
    )


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _path(param: str, key: str) -> str:
    """``schedule.expression``; just the key when the schedule is the whole request."""
    return f"{param}.{key}" if param else key


def _shown(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "\N{HORIZONTAL ELLIPSIS}"


def _json_type(value: object) -> str:
    """The JSON name of a value's type, as an API client sent it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "an array"
    return type(value).__name__
