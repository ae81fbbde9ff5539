"""The library's errors: one base class, itself a ``ValueError``, with structure."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING would import typing (start-up time)
if TYPE_CHECKING:
    from typing import Any

# Longest stretch of an expression shown under a caret message; the rest is elided.
_SHOWN = 80
#: Longest text (a value, a name, an expression) an error message or dict echoes whole.
MAX_ECHOED = 80
#: Most items (keys, names) an error message or dict lists; the rest are counted.
MAX_LISTED = 10
#: Longest reason or hint a message carries (they quote the offending text).
MAX_REASON = 240
#: Longest expression ``ExpressionError.to_dict()`` echoes: the parser's own length limit,
#: so spans always point into the echoed text when the expression was not too long.
MAX_ECHOED_EXPRESSION = 512


def shorten(text: str, limit: int = MAX_ECHOED) -> str:
    """``text``, or its first ``limit`` characters and how many were left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}\N{HORIZONTAL ELLIPSIS} ({len(text) - limit:,} more characters)"


class CronwallError(ValueError):
    """Base class of every error cronwall raises for bad input.

    ``param`` names the input that was wrong, in the dotted form an API error
    response uses (``"expression"``, ``"schedule.timezone"``).
    """

    def __init__(self, message: str, *, param: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.param = param

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict for an API's 400 response."""
        return {"type": "invalid_request_error", "message": self.message, "param": self.param}


class ExpressionError(CronwallError):
    """A cron expression that cronwall rejects.

    ``span`` is the half-open character range ``(start, end)`` of the offending
    text in ``expression``; ``field`` is the field's name, or ``None`` when the
    problem is with the expression as a whole (too many fields, too long).
    ``suggestion`` is the whole corrected expression when the problem has a
    mechanical fix (``'5-59/15 * * * *'`` for ``'5/15 * * * *'``), else ``None``;
    a suggestion always parses.
    """

    def __init__(
        self,
        expression: str,
        reason: str,
        span: tuple[int, int],
        *,
        field: str | None = None,
        hint: str | None = None,
        param: str = "expression",
        suggestion: str | None = None,
    ) -> None:
        self.expression = expression
        # Reasons quote the offending text; an expression may hold 512 characters of it.
        reason = shorten(reason, MAX_REASON)
        hint = None if hint is None else shorten(hint, MAX_REASON)
        self.reason = reason
        self.span = span
        self.field = field
        self.hint = hint
        self.suggestion = suggestion
        message = reason if hint is None else f"{reason}; {hint}"
        super().__init__(message, param=param)

    def __str__(self) -> str:
        return f"{self.message}\n{caret_lines(self.expression, self.span)}"

    def __reduce__(self) -> Any:
        return (
            _rebuild_expression_error,
            (
                self.expression,
                self.reason,
                self.span,
                self.field,
                self.hint,
                self.param,
                self.suggestion,
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        result = super().to_dict()
        result.update(
            code="invalid_expression",
            expression=shorten(self.expression, MAX_ECHOED_EXPRESSION),
            field=self.field,
            span=list(self.span),
            reason=self.reason,
            hint=self.hint,
            suggestion=self.suggestion,
        )
        return result


def _rebuild_expression_error(
    expression: str,
    reason: str,
    span: tuple[int, int],
    field: str | None,
    hint: str | None,
    param: str,
    suggestion: str | None = None,
) -> ExpressionError:
    return ExpressionError(
        expression, reason, span, field=field, hint=hint, param=param, suggestion=suggestion
    )


class TimezoneError(CronwallError):
    """A time-zone name (or object) that cronwall rejects.

    ``suggestion`` is a zone name the input probably meant (``'Europe/London'`` for
    ``'Europe/Londn'``), always one that tzdata defines, or ``None``.
    """

    def __init__(
        self,
        timezone: object,
        reason: str,
        *,
        hint: str | None = None,
        param: str = "timezone",
        suggestion: str | None = None,
    ) -> None:
        self.timezone = timezone
        self.reason = reason
        self.hint = hint
        self.suggestion = suggestion
        message = reason if hint is None else f"{reason}; {hint}"
        super().__init__(message, param=param)

    def __reduce__(self) -> Any:
        return (
            _rebuild_timezone_error,
            (self.timezone, self.reason, self.hint, self.param, self.suggestion),
        )

    def to_dict(self) -> dict[str, Any]:
        result = super().to_dict()
        shown = shorten(
            self.timezone if isinstance(self.timezone, str) else _safe_repr(self.timezone)
        )
        result.update(
            code="invalid_timezone",
            timezone=shown,
            reason=self.reason,
            hint=self.hint,
            suggestion=self.suggestion,
        )
        return result


def _safe_repr(value: object) -> str:
    try:
        return repr(value)
    except Exception:  # a caller's object may raise anything
        return f"<{type(value).__qualname__} object>"


def _rebuild_timezone_error(
    timezone: object, reason: str, hint: str | None, param: str, suggestion: str | None = None
) -> TimezoneError:
    return TimezoneError(timezone, reason, hint=hint, param=param, suggestion=suggestion)


def _printable(char: str) -> str:
    # One column per character so the caret lines up: tabs and other invisible or
    # control characters are shown as a visible stand-in.
    if char == "\t":
        return " "
    return char if char.isprintable() else "\N{REPLACEMENT CHARACTER}"


def caret_lines(expression: str, span: tuple[int, int]) -> str:
    """The expression, indented, with a caret line under ``span``."""
    start, end = span
    end = max(end, start + 1)
    offset = 0
    if len(expression) > _SHOWN:
        # Show a window around the span so a 10,000-character input stays readable.
        offset = max(0, min(start - 10, len(expression) - _SHOWN))
    window = expression[offset : offset + _SHOWN]
    shown = "".join(_printable(c) for c in window)
    prefix = "\N{HORIZONTAL ELLIPSIS}" if offset else ""
    suffix = "\N{HORIZONTAL ELLIPSIS}" if offset + _SHOWN < len(expression) else ""
    lead = start - offset + len(prefix)
    width = max(1, min(end, offset + _SHOWN + 1) - start)
    return f"    {prefix}{shown}{suffix}\n    {' ' * lead}{'^' * width}"


for _cls in (CronwallError, ExpressionError, TimezoneError):
    _cls.__module__ = "cronwall"
