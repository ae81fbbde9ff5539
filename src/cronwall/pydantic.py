"""pydantic v2 field types for cron schedules (``pip install 'cronwall[pydantic]'``).

- :data:`CronExpression` validates a five-field expression and gives a :class:`cronwall.Cron`;
  it serialises (in JSON mode) to the canonical text.
- :data:`IanaTimezone` validates an IANA zone name exactly as cronwall does and gives the name.
- :data:`CronSchedule` validates the API's schedule object ``{"type": "cron",
  "expression": ..., "timezone": ...}`` with :func:`cronwall.validate_schedule`'s rules and
  messages (it calls the same validator) and gives a :class:`cronwall.Schedule`; it
  serialises (in JSON mode) to that object with the canonical expression.

Each is an ``Annotated`` alias of the value it gives, so type checkers see a ``Cron``, a
``str`` and a ``Schedule``. Rejections are pydantic errors of types ``cron_expression``,
``cron_timezone`` and ``cron_schedule``, located at the offending key (``("schedule",
"expression")``), with cronwall's structure in ``ctx``: ``code``, ``reason``, ``hint``, and
for expressions ``field`` and ``span``, so FastAPI's 422 body carries them unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

try:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema, PydanticCustomError, ValidationError, core_schema
except ImportError as error:  # pydantic missing, or pydantic 1
    raise ModuleNotFoundError(
        "cronwall.pydantic needs pydantic 2: pip install 'cronwall[pydantic]'", name="pydantic"
    ) from error

from ._api import ParameterError, _json_type, parse_schedule, schedule_object
from ._cron import Cron, parse
from ._errors import CronwallError, ExpressionError, TimezoneError
from ._fields import MAX_EXPRESSION_LENGTH
from ._policy import FOLD_POLICIES, GAP_POLICIES
from ._schedule import Schedule
from ._zones import check_name

__all__ = ["CronExpression", "CronSchedule", "IanaTimezone"]

ErrorType = Literal["cron_expression", "cron_timezone", "cron_schedule"]

# A loose check of the shape only (five fields of non-blank text): the parser decides the rest,
# with a better message than a pattern mismatch could give.
_EXPRESSION_PATTERN = r"^[ \t]*[^ \t]+([ \t]+[^ \t]+){4}[ \t]*$"
_DST_RULE = (
    "Wall-clock times in the zone are matched literally: a time that a daylight-saving change "
    "skips does not run, and a time that it repeats runs twice, once at each offset, unless "
    "'gap' or 'fold' names another policy."
)
# Echoed inputs longer than this are shortened in errors (and say by how much).
_INPUT_SHOWN = 100
_INPUT_ITEMS = 10
# cronwall's error dict keys that are not error context: the message is ``msg``, the location
# is ``loc``, and the offending text is ``input`` (shortened there when it is long).
_NOT_CONTEXT = frozenset({"type", "message", "param", "expression", "timezone"})


def _context(error: CronwallError) -> dict[str, Any]:
    """cronwall's structure for ``ctx``, with ``hint`` and then ``reason`` last.

    pydantic fills the message template from ``ctx`` key by key, in order: the reason, which
    may quote the client's text (braces included), is substituted last so that nothing in it
    is ever read as a placeholder. Hints never quote braces (they are cronwall's own words,
    digits, zone names and plain key names).
    """
    details = error.to_dict()
    context = {key: value for key, value in details.items() if key not in _NOT_CONTEXT}
    hint, reason = context.pop("hint", None), context.pop("reason", error.message)
    context["hint"] = hint
    context["reason"] = reason
    return context


def _shown_input(value: object, depth: int = 0) -> object:
    """``value`` as an error echoes it: long strings and large or deep containers shortened."""
    if isinstance(value, str):
        if len(value) <= _INPUT_SHOWN:
            return value
        left = len(value) - _INPUT_SHOWN
        return f"{value[:_INPUT_SHOWN]}\N{HORIZONTAL ELLIPSIS} ({left} more characters)"
    if isinstance(value, Mapping):
        if depth >= 2 or len(value) > _INPUT_ITEMS:
            return f"{_json_type(value)} with {_count(len(value), 'key')}"
        return {
            _shown_input(key) if isinstance(key, str) else key: _shown_input(item, depth + 1)
            for key, item in value.items()
        }
    if isinstance(value, (list, tuple)):
        if depth >= 2 or len(value) > _INPUT_ITEMS:
            return f"{_json_type(value)} of {_count(len(value), 'item')}"
        return [_shown_input(item, depth + 1) for item in value]
    return value


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _validation_error(
    kind: ErrorType, error: CronwallError, loc: tuple[str, ...], value: object
) -> ValidationError:
    """A pydantic error of type ``kind`` at ``loc`` (relative to the field) for ``error``."""
    context = _context(error)
    template = "{reason}" if context["hint"] is None else "{reason}; {hint}"
    return ValidationError.from_exception_data(
        "cronwall",
        [
            {
                "type": PydanticCustomError(kind, template, context),
                "loc": loc,
                "input": _shown_input(value),
            }
        ],
    )


def _wrong_type(what: str, value: object) -> ParameterError:
    return ParameterError(
        f"{what} must be a string, not {_json_type(value)}",
        param=None,
        code="parameter_invalid_type",
    )


# --------------------------------------------------------------------------- validators


def _validate_expression(value: object) -> Cron:
    if isinstance(value, Cron):
        return value
    if not isinstance(value, str):
        raise _validation_error("cron_expression", _wrong_type("expression", value), (), value)
    try:
        return parse(value)
    except ExpressionError as error:
        raise _validation_error("cron_expression", error, (), value) from None


def _validate_timezone(value: object) -> str:
    if not isinstance(value, str):
        raise _validation_error("cron_timezone", _wrong_type("timezone", value), (), value)
    try:
        return check_name(value if type(value) is str else str.__str__(value))
    except TimezoneError as error:
        raise _validation_error("cron_timezone", error, (), value) from None


def _validate_schedule(value: object) -> Schedule:
    if isinstance(value, Schedule):
        return value
    try:
        # Named "schedule", as validate_schedule names it by default, so the messages are its own.
        return parse_schedule(value, param="schedule")
    except CronwallError as error:
        # The param is "schedule" for the object itself, else "schedule.<key>".
        key = None if error.param in (None, "schedule") else error.param.removeprefix("schedule.")
        kind: ErrorType = "cron_schedule"
        if key == "expression":
            kind = "cron_expression"
        elif key == "timezone":
            kind = "cron_timezone"
        offending = value
        if key is not None and isinstance(value, Mapping) and key in value:
            offending = value[key]
        loc = () if key is None else (key,)
        raise _validation_error(kind, error, loc, offending) from None


# --------------------------------------------------------------------------- serialisers


# --------------------------------------------------------------------------- JSON schemas


def _expression_schema() -> JsonSchemaValue:
    return {
        "type": "string",
        "pattern": _EXPRESSION_PATTERN,
        "maxLength": MAX_EXPRESSION_LENGTH,
        "description": (
            "A five-field POSIX cron expression: minute, hour, day of month, month, day of week. "
            "Responses carry its canonical form."
        ),
        "examples": ["0 9 * * 1-5", "*/15 * * * *", "30 2 1 * *"],
    }


def _timezone_schema() -> JsonSchemaValue:
    return {
        "type": "string",
        "minLength": 1,
        "description": "An IANA time-zone name, matched exactly (case-sensitive).",
        "examples": ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata"],
    }


def _schedule_schema() -> JsonSchemaValue:
    return {
        "type": "object",
        "title": "CronSchedule",
        "description": f"A cron expression evaluated in an IANA time zone. {_DST_RULE}",
        "properties": {
            "type": {"type": "string", "const": "cron"},
            "expression": _expression_schema(),
            "timezone": _timezone_schema(),
            "gap": {
                "type": "string",
                "enum": list(GAP_POLICIES),
                "default": "skip",
                "description": (
                    "What a matching wall time in a spring-forward gap does: 'skip' (never "
                    "fires) or 'late' (fires once, at the end of the gap)."
                ),
            },
            "fold": {
                "type": "string",
                "enum": list(FOLD_POLICIES),
                "default": "both",
                "description": (
                    "What a matching wall time in a fall-back fold does: 'both' (fires in each "
                    "pass), 'first' or 'last' (fires in that pass only)."
                ),
            },
        },
        "required": ["type", "expression", "timezone"],
        "additionalProperties": False,
        "examples": [{"type": "cron", "expression": "0 9 * * 1-5", "timezone": "America/New_York"}],
    }


# --------------------------------------------------------------------------- the types


class _CronExpressionSchema:
    """Validation, serialisation and JSON schema of :data:`CronExpression`."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate_expression,
            serialization=core_schema.to_string_ser_schema(when_used="json"),
        )

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return _expression_schema()

    def __repr__(self) -> str:
        return "CronExpression"


class _IanaTimezoneSchema:
    """Validation and JSON schema of :data:`IanaTimezone`."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(_validate_timezone)

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return _timezone_schema()

    def __repr__(self) -> str:
        return "IanaTimezone"


class _CronScheduleSchema:
    """Validation, serialisation and JSON schema of :data:`CronSchedule`."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate_schedule,
            serialization=core_schema.plain_serializer_function_ser_schema(
                schedule_object, when_used="json"
            ),
        )

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return _schedule_schema()

    def __repr__(self) -> str:
        return "CronSchedule"


#: A five-field cron expression (a ``str``, or a ``Cron``) as a :class:`cronwall.Cron`.
CronExpression = Annotated[Cron, _CronExpressionSchema()]
#: An IANA time-zone name, checked against the ``tzdata`` package, as the name.
IanaTimezone = Annotated[str, _IanaTimezoneSchema()]
#: The API's schedule object (or a ``Schedule``) as a :class:`cronwall.Schedule`.
CronSchedule = Annotated[Schedule, _CronScheduleSchema()]
