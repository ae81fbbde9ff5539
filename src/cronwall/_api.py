"""Schedule objects as web APIs carry them: validation for request handlers, rendering for reads.

The object is ``{"type": "cron", "expression": ..., "timezone": ...}``; responses
add the read-only ``last_run_at`` and ``upcoming_runs_at`` (RFC 3339 UTC strings,
nominal fire times: jitter only ever delays a run). Every problem with a
request's object raises a :class:`cronwall.CronwallError` whose ``to_dict()`` is
the body of a 400 response, with ``param`` naming the offending key.

:func:`parse_schedule` is the one validator of schedule objects: ``validate_schedule``
and the pydantic types in ``cronwall.pydantic`` both call it, so they accept and
reject exactly the same objects with the same messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Literal, cast

from ._cron import parse
from ._errors import MAX_LISTED, CronwallError, ExpressionError, TimezoneError, shorten
from ._hazards import DstHazard, _clock, later
from ._policy import FOLD_POLICIES, GAP_POLICIES
from ._rfc3339 import format_utc
from ._schedule import Schedule

if TYPE_CHECKING:
    from ._responses import DstWarningDict, ScheduleDict, ValidatedScheduleDict

ParameterCode = Literal[
    "parameter_missing", "parameter_unknown", "parameter_invalid_type", "parameter_invalid_value"
]

#: The keys a request may set.
WRITABLE_KEYS = ("type", "expression", "timezone")
#: Optional keys naming a DST policy; absent means literal matching (and responses omit them).
POLICY_KEYS = ("gap", "fold")
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
# The characters of a key worth a did-you-mean (a set test: ``re`` costs import time).
_KEY_NAME_CHARACTERS = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_. -"
)
#: Wall times each DST warning lists; the rest are counted.
WARNING_EXAMPLES = 3


class ParameterError(CronwallError):
    """A schedule object with a missing, unknown or mistyped key.

    ``code`` says which, for clients that branch on it: ``parameter_missing``,
    ``parameter_unknown``, ``parameter_invalid_type`` or ``parameter_invalid_value``.
    """

    def __init__(
        self, message: str, *, param: str | None, code: ParameterCode, hint: str | None = None
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
    reason: str, param: str | None, code: ParameterCode, hint: str | None
) -> ParameterError:
    return ParameterError(reason, param=param, code=code, hint=hint)


ParameterError.__module__ = "cronwall"


def validate_schedule(
    obj: object,
    *,
    now: datetime | None = None,
    count: int = 5,
    warn: bool = False,
    param: str = "schedule",
) -> ValidatedScheduleDict:
    """Check a schedule object from an API request and return it normalised.

    ``obj`` is the decoded JSON value, such as ``{"type": "cron", "expression":
    "0 9 * * 1-5", "timezone": "America/Los_Angeles"}``. The result has the
    canonical expression, ``last_run_at`` (``None``) and the next ``count`` fires
    after ``now`` (default: the current time) as ``upcoming_runs_at``; with
    ``warn=True`` also ``warnings``: one per clock change of the next 365 days
    that skips or doubles runs of the schedule (see :class:`DstWarningDict`).

    Raises a :class:`cronwall.CronwallError` for every problem with the object,
    a value that is not a JSON object included (``param`` is
    ``"schedule.expression"`` and so on; ``param=`` changes the prefix).
    """
    schedule = parse_schedule(obj, param=param)
    start = _now() if now is None else now
    # The same keys, and ``warnings`` may be added: widen the type without a copy.
    result = cast("ValidatedScheduleDict", schedule_to_dict(schedule, now=start, count=count))
    if warn:
        hazards = schedule.dst_hazards(start, later(start, WARNING_HORIZON))
        result["warnings"] = dst_warnings(hazards)
    return result


def parse_schedule(obj: object, *, param: str = "schedule") -> Schedule:
    """The :class:`Schedule` a schedule object describes; raises as :func:`validate_schedule`.

    The checks run in this order, and the first problem is reported: the value
    is a mapping; ``type``, when present, is ``"cron"``; no unknown keys;
    ``type`` is present; ``expression`` parses; ``timezone`` is a zone name.
    """
    if not isinstance(obj, Mapping):
        # A JSON null, string, array or number where the object goes: the client's mistake.
        raise ParameterError(
            f"{param or 'the request body'} must be an object, not {_json_type(obj)}",
            param=param or None,
            code="parameter_invalid_type",
            hint="send the object itself, not its JSON text" if isinstance(obj, str) else None,
        )
    # An unsupported type explains the other keys ({"type": "interval", "every": "5m"}),
    # so it is reported before them.
    has_type = "type" in obj
    if has_type:
        _check_type(obj, param)
    unknown = [
        key
        for key in obj
        if key not in WRITABLE_KEYS and key not in READ_ONLY_KEYS and key not in POLICY_KEYS
    ]
    if unknown:
        raise _unknown_keys(unknown, param)
    if not has_type:
        _check_type(obj, param)
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
    gap, fold = _policy(obj, "gap", GAP_POLICIES, param), _policy(obj, "fold", FOLD_POLICIES, param)
    try:
        return Schedule(cron, timezone_name, gap=gap, fold=fold)  # type: ignore[arg-type]
    except TimezoneError as error:
        raise TimezoneError(
            error.timezone,
            error.reason,
            hint=error.hint,
            param=_path(param, "timezone"),
            suggestion=error.suggestion,
        ) from None


def _check_type(obj: Mapping[Any, Any], param: str) -> None:
    kind = _required_string(obj, "type", param)
    if kind != "cron":
        # Only a short text can be a near miss; a long one is not copied to find out.
        close = len(kind) <= _SHOWN and kind.strip().lower() == "cron"
        raise ParameterError(
            f"schedule type {_shown(kind)!r} is not supported",
            param=_path(param, "type"),
            code="parameter_invalid_value",
            hint="did you mean 'cron'?" if close else "the only type is 'cron'",
        )


def dst_warnings(hazards: list[DstHazard]) -> list[DstWarningDict]:
    """One warning per clock change, from the hazards of each wall time it skips or repeats."""
    by_transition: dict[datetime, list[DstHazard]] = {}
    for hazard in hazards:
        by_transition.setdefault(hazard.transition, []).append(hazard)
    return [_warning(group) for group in by_transition.values()]


def _warning(group: list[DstHazard]) -> DstWarningDict:
    first = group[0]
    shown = group[:WARNING_EXAMPLES]
    if len(group) == 1:
        message = first.message  # names the wall time, the date and (in a fold) both runs
    else:
        one_day = len({hazard.wall_time.date() for hazard in group}) == 1
        walls = [
            _clock(h.wall_time)
            if one_day
            else f"{h.wall_time.date().isoformat()} {_clock(h.wall_time)}"
            for h in shown
        ]
        if len(group) > len(shown):
            walls.append(f"{len(group) - len(shown)} more")
        listed = _join(walls)
        day = f" on {first.wall_time.date().isoformat()}" if one_day else ""
        effect, why = {
            "skip": ("skipped", "so those wall times do not exist"),
            "late": ("delayed to the end of the gap", "so those wall times do not exist"),
            "both": ("doubled", "so those wall times happen twice"),
            "first": ("kept to the first pass", "so those wall times happen twice"),
            "last": ("kept to the second pass", "so those wall times happen twice"),
        }[first.policy or ("skip" if first.kind == "gap" else "both")]
        message = (
            f"{len(group)} runs {effect}{day} ({listed}): "
            f"{first.timezone} {first.clock_change}, {why}"
        )
    whole = first.to_dict()
    return {
        "kind": first.kind,
        "message": message,
        "timezone": first.timezone,
        "transition_at": whole["transition_at"],
        "offset_before": whole["offset_before"],
        "offset_after": whole["offset_after"],
        "wall_time_count": len(group),
        "wall_times": [hazard.wall_time.isoformat() for hazard in shown],
        "runs_at": [format_utc(fire) for hazard in shown for fire in hazard.fires],
    }


def schedule_to_dict(
    schedule: Schedule,
    *,
    now: datetime | None = None,
    count: int = 5,
    last_run_at: datetime | None = None,
) -> ScheduleDict:
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
    document = cast("ScheduleDict", schedule_object(schedule))
    document["last_run_at"] = None if last_run_at is None else format_utc(last_run_at)
    document["upcoming_runs_at"] = [format_utc(fire) for fire in fires]
    return document


def schedule_object(schedule: Schedule) -> dict[str, str]:
    """The writable keys of ``schedule``'s API object: what a client sends to recreate it.

    ``type``, ``expression`` (canonical) and ``timezone``; a DST policy travels with the
    object only when it is not the literal default, so default objects keep three keys.
    """
    document = {"type": "cron", "expression": str(schedule.cron), "timezone": schedule.timezone}
    if schedule.gap != "skip":
        document["gap"] = schedule.gap
    if schedule.fold != "both":
        document["fold"] = schedule.fold
    return document


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _required_string(obj: Mapping[Any, Any], key: str, param: str) -> str:
    if key not in obj:
        raise ParameterError(
            f"schedule {key} is required",
            param=_path(param, key),
            code="parameter_missing",
            hint=_EXAMPLES[key],
        )
    return _string(obj, key, param)


def _string(obj: Mapping[Any, Any], key: str, param: str) -> str:
    """The value of ``key``, which must be a JSON string, as plain text."""
    value = obj[key]
    if not isinstance(value, str):
        raise ParameterError(
            f"schedule {key} must be a string, not {_json_type(value)}",
            param=_path(param, key),
            code="parameter_invalid_type",
        )
    # A str subclass could change how the text compares or prints: keep plain text.
    return value if type(value) is str else str.__str__(value)


def _policy(obj: Mapping[str, Any], key: str, allowed: tuple[str, ...], param: str) -> str:
    """The optional ``gap``/``fold`` key: its default when absent, else one of ``allowed``."""
    if key not in obj:
        return allowed[0]
    value = _string(obj, key, param)
    if value not in allowed:
        names = ", ".join(repr(name) for name in allowed)
        raise ParameterError(
            f"schedule {key} {_shown(value)!r} is not a {key} policy",
            param=_path(param, key),
            code="parameter_invalid_value",
            hint=f"use one of {names} (default {allowed[0]!r})",
        )
    return value


def _unknown_keys(keys: list[Any], param: str) -> ParameterError:
    # A body may carry any number of keys: name the first few, count the rest.
    names = [_key_text(key) for key in keys[:MAX_LISTED]]
    if len(keys) > MAX_LISTED:
        names.append(f"{len(keys) - MAX_LISTED:,} more")
    first = keys[0]
    hint = None
    # Suggest only for something that looks like a key name: a hint never quotes braces or
    # other punctuation back, so message templates built on it stay what they say.
    if (
        isinstance(first, str)
        and len(first) <= _SHOWN
        and first
        and _KEY_NAME_CHARACTERS.issuperset(first)
    ):
        guess = _ALIASES.get(first)
        if guess is None:
            import difflib  # only for this rare error: it costs import time (it loads re)

            known = WRITABLE_KEYS + POLICY_KEYS
            close = difflib.get_close_matches(first.lower(), known, n=1, cutoff=0.7)
            guess = close[0] if close else None
        if guess is not None:
            hint = f"did you mean {guess!r}" + (f" for {names[0]}?" if len(keys) > 1 else "?")
    allowed = ", ".join(repr(key) for key in WRITABLE_KEYS)
    return ParameterError(
        f"schedule has unknown key{'s' if len(keys) > 1 else ''} {_join(names)} "
        f"(the keys are {allowed})",
        param=_path(param, _shown(first) if isinstance(first, str) else _key_text(first)),
        code="parameter_unknown",
        hint=hint,
    )


def _key_text(key: object) -> str:
    """A key as a message quotes it, capped (JSON keys are strings; Python callers' may not be)."""
    if isinstance(key, str):
        return repr(shorten(str.__str__(key), _SHOWN))
    try:
        return shorten(repr(key))
    except Exception:  # a caller's object may raise anything
        return f"<{type(key).__qualname__} object>"


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _path(param: str, key: str) -> str:
    """``schedule.expression``; just the key when the schedule is the whole request."""
    return f"{param}.{key}" if param else key


def _shown(text: str) -> str:
    """A short stand-in for a long key in ``param`` (a path, not a message)."""
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
    if isinstance(value, str):
        return "a string"
    return type(value).__name__
