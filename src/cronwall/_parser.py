"""Strict POSIX cron parser: text in, five compiled field masks out.

Grammar (as docs/semantics.md states it)::

    expression = [sep] field sep field sep field sep field sep field [sep]
    sep        = 1*(" " | TAB)
    field      = item *("," item)
    item       = "*" ["/" step] | value ["-" value ["/" step]]
    value      = 1*DIGIT | NAME      ; DIGIT is ASCII 0-9 only
    step       = 1*DIGIT

Parsing runs on a fast path for plain ASCII text; anything else (non-ASCII
letters or digits, control characters, Unicode spaces) takes a slow path that
finds the offending character and says what it is. Every rejection raises
:class:`ExpressionError` with the character span of the offending text.
"""

from __future__ import annotations

from ._errors import ExpressionError
from ._fields import (
    DAY_OF_MONTH,
    DAY_OF_WEEK,
    FIELDS,
    FULL_NAMES,
    MAX_DAYS_IN_MONTH,
    MAX_EXPRESSION_LENGTH,
    MONTH,
    MONTH_NAMES_LONG,
    Field,
    mask_values,
)

TYPE_CHECKING = False  # typing.TYPE_CHECKING would import typing (start-up time)
if TYPE_CHECKING:
    from typing import NoReturn

#: The `@` shortcuts of Vixie cron and their five-field equivalents (refused by the parser,
#: with the equivalent as the hint; accepted by translate() where the dialect has them).
SHORTCUTS = {
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
    "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@hourly": "0 * * * *",
}
# Quartz, Jenkins and other extended-cron letters, with a hint where POSIX cron has one.
_EXTENDED: dict[str, str | None] = {
    "L": None,
    "LW": None,
    "W": None,
    "#": None,
    "?": "use '*'",
    "H": "pick a fixed value",
    "R": "pick a fixed value",
}
_SEPARATORS = " \t"
_DAYS_IN_EVERY_MONTH = (1 << 30) - 2  # bits 1-29
# unicodedata has no names for control characters.
_CONTROL_NAMES = {
    "\n": "line feed",
    "\r": "carriage return",
    "\x00": "NUL character",
    "\x0b": "vertical tab",
    "\x0c": "form feed",
}


#: What the parser hands the compiler: the five masks (bit v set when value v is allowed;
#: day of week in bits 0-6, Sunday 0) and whether each day field's text starts with '*'.
#: A plain tuple, not a NamedTuple: building it is on the parse hot path.
Fields = tuple[int, int, int, int, int, bool, bool]


class _Problem(Exception):
    """A rejection inside one field; ``start``/``end`` are offsets within the field's text."""

    def __init__(
        self,
        start: int,
        end: int,
        reason: str,
        hint: str | None = None,
        replacement: str | None = None,
    ) -> None:
        super().__init__(reason)
        self.start = start
        self.end = end
        self.reason = reason
        self.hint = hint
        #: Text that, put in place of the span, removes this problem.
        self.replacement = replacement


class _Rejected(Exception):
    """A rejection of the whole expression, before its suggestion is worked out."""

    def __init__(
        self,
        reason: str,
        span: tuple[int, int],
        field: str | None,
        hint: str | None,
        replacement: str | None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.span = span
        self.field = field
        self.hint = hint
        self.replacement = replacement


# A suggestion may fix this many problems in turn ('0 0 ? * ?' needs two); past that the
# text is too far from a cron expression to guess, and rejection stays cheap.
_MAX_FIXES = 6


def parse_fields(expression: str) -> Fields:
    """Parse ``expression`` into field masks, or raise :class:`ExpressionError`.

    An error whose problem has a mechanical fix carries ``suggestion``: the whole
    expression with every such fix applied, checked to parse.
    """
    try:
        return _parse(expression)
    except _Rejected as rejected:
        suggestion = None if rejected.replacement is None else _suggest(expression, rejected)
        raise ExpressionError(
            expression,
            rejected.reason,
            rejected.span,
            field=rejected.field,
            hint=rejected.hint,
            suggestion=suggestion,
        ) from None


def _suggest(expression: str, rejected: _Rejected) -> str | None:
    """The expression with this and any further fixable problems fixed, if it then parses."""
    text = expression
    for _ in range(_MAX_FIXES):
        if rejected.replacement is None:
            return None
        start, end = rejected.span
        text = text[:start] + rejected.replacement + text[end:]
        try:
            _parse(text)
        except _Rejected as again:
            rejected = again
        else:
            return text
    return None


def _parse(expression: str) -> Fields:
    if len(expression) > MAX_EXPRESSION_LENGTH:
        _fail(
            expression,
            f"expression is {len(expression)} characters long; "
            f"the limit is {MAX_EXPRESSION_LENGTH}",
            (MAX_EXPRESSION_LENGTH, len(expression)),
        )
    flat = expression.replace("\t", " ")
    if not (flat.isascii() and flat.isprintable()):
        _reject_unusual_character(expression)
    texts = flat.split()
    if not texts:
        _fail(expression, "expression is empty", (0, len(expression)))
    if texts[0].startswith("@"):
        _reject_shortcut(expression, texts[0])
    if len(texts) != 5:
        _reject_field_count(expression, len(texts))

    try:
        # Field texts repeat far more than whole expressions ('*', '0', '1-5'): most are
        # one dictionary hit.
        index = 0
        minute = _MASKS[0].get(texts[0]) or _compile_cached(texts[0], 0)
        index = 1
        hour = _MASKS[1].get(texts[1]) or _compile_cached(texts[1], 1)
        index = 2
        dom = _MASKS[2].get(texts[2]) or _compile_cached(texts[2], 2)
        index = 3
        month = _MASKS[3].get(texts[3]) or _compile_cached(texts[3], 3)
        index = 4
        dow = _MASKS[4].get(texts[4]) or _compile_cached(texts[4], 4)
    except _Problem as problem:
        start = _field_spans(expression)[index][0]
        raise _Rejected(
            problem.reason,
            (start + problem.start, start + problem.end),
            FIELDS[index].name,
            problem.hint,
            problem.replacement,
        ) from None
    if dow & 0x80:
        dow = (dow & 0x7F) | 1  # 7 is another spelling of Sunday (0)
    dom_star, dow_star = texts[2][0] == "*", texts[4][0] == "*"
    if not dom & _DAYS_IN_EVERY_MONTH and (dom_star or dow_star):
        # Days 1-29 occur in every month (February 29th in leap years); the either-day
        # rule fires on every restricted weekday of every month.
        _reject_never_firing(expression, dom, month)
    return minute, hour, dom, month, dow, dom_star, dow_star


# -- one field -------------------------------------------------------------------------------

#: Compiled masks of short field texts, one bounded cache per field (never zero: every
#: accepted field selects a value). Longer texts are rare and compiled each time.
_MASKS: tuple[dict[str, int], ...] = ({}, {}, {}, {}, {})
_MAX_MASKS = 1024
_MAX_CACHED_FIELD = 24


def clear_field_caches() -> None:
    for cache in _MASKS:
        cache.clear()


def _compile_cached(text: str, index: int) -> int:
    mask = _compile_field(text, FIELDS[index])
    if len(text) <= _MAX_CACHED_FIELD:
        cache = _MASKS[index]
        if len(cache) >= _MAX_MASKS:
            cache.clear()
        cache[text] = mask
    return mask


def _compile_field(text: str, field: Field) -> int:
    """field = item *("," item)"""
    # Fast paths for the commonest fields: '*', a number, one range or step. The text is
    # ASCII here, so str.isdigit() means ASCII digits.
    if text == "*":
        return field.full_mask
    if text.isdigit():
        value = int(text)
        if field.low <= value <= field.high:
            return 1 << value
    elif "," not in text:
        # One range, written 'a-b', 'a-b/s' or '*/s' with numbers or names; anything odd
        # (and every error) goes the long way below.
        base, slash, step_text = text.partition("/")
        step = int(step_text) if step_text.isdigit() else 0
        if base == "*":
            start, end = field.low, field.high
        else:
            first, _, last = base.partition("-")
            names = field.name_values
            start = int(first) if first.isdigit() else names.get(first.upper(), -1)
            end = int(last) if last.isdigit() else names.get(last.upper(), -1)
        if field.low <= start <= end <= field.high:
            if not slash:
                return ((1 << (end + 1)) - 1) >> start << start  # bits start..end
            if 0 < step <= end - start:
                return _step_mask(start, end, step)
    mask = 0
    offset = 0
    for item in text.split(","):
        if item.isdigit():
            value = int(item)
            if field.low <= value <= field.high:
                mask |= 1 << value
                offset += len(item) + 1
                continue
        elif not item:
            # The empty item sits at `offset`: point at the comma that should have followed it.
            at = offset if offset < len(text) else offset - 1
            raise _Problem(at, at + 1, f"empty item in the {field.name} list")
        try:
            mask |= _compile_item(item, field)
        except _Problem as problem:
            problem.start += offset
            problem.end += offset
            raise
        offset += len(item) + 1
    return mask


def _step_mask(start: int, end: int, step: int) -> int:
    """Bits start, start + step, ... up to end."""
    # n ones spaced `step` apart are the binary geometric series (2**(n*step) - 1) / (2**step - 1).
    count = (end - start) // step + 1
    return ((1 << (count * step)) - 1) // ((1 << step) - 1) << start


def _compile_item(item: str, field: Field) -> int:
    """item = "*" ["/" step] | value ["-" value ["/" step]]"""
    base, slash, step_text = item.partition("/")
    if slash:
        if "/" in step_text:
            at = len(base) + 1 + step_text.index("/")
            raise _Problem(at, at + 1, f"repeated '/' in {field.name} item {item!r}")
        step = _parse_step(step_text, len(base) + 1, field)
    else:
        step = 0
    if not base:
        raise _Problem(0, 1, f"missing {field.name} value before '/' in {item!r}")
    if base == "*":
        start, end = field.low, field.high
    elif base.startswith("*"):
        at = 1
        raise _Problem(at, at + 1, f"unexpected {base[1]!r} after '*' in the {field.name} field")
    else:
        first, dash, last = base.partition("-")
        if dash and "-" in last:
            at = len(first) + 1 + last.index("-")
            raise _Problem(at, at + 1, f"repeated '-' in {field.name} item {item!r}")
        start = _parse_value(first, 0, field, item)
        if not dash:
            if step:
                # Vixie cron reads 'a/s' as 'a-high/s'; when the step passes the end of
                # the field, that is 'a' alone.
                fixed = f"{first}-{field.high}/{step_text}" if start + step <= field.high else first
                raise _Problem(
                    0,
                    len(item),
                    f"{field.name} step {item!r} needs a range",
                    f"did you mean {fixed!r}?",
                    fixed,
                )
            return 1 << start
        end = _parse_value(last, len(first) + 1, field, item)
        if start > end:
            reason = f"{field.name} range {base!r} runs backwards"
            if step:
                # Whether a wrapped step restarts at the field's low end or carries on is
                # a matter of dialect: no single reading to suggest.
                raise _Problem(0, len(base), reason)
            fixed = _wrapped(first, last, start, end, field)
            raise _Problem(0, len(base), reason, f"did you mean {fixed!r}?", fixed)
    if step == 0:
        # A whole range: `mask >> start << start` clears the bits below start.
        return ((1 << (end + 1)) - 1) >> start << start
    if step > end - start:
        at = len(base) + 1
        if end == start:
            raise _Problem(at - 1, len(item), f"{field.name} range {base!r} has one value: no step")
        raise _Problem(
            at,
            len(item),
            f"{field.name} step {step} in {item!r} selects only {start}; "
            f"the step must be from 1 to {end - start}",
        )
    return _step_mask(start, end, step)


def _parse_step(text: str, at: int, field: Field) -> int:
    """step = 1*DIGIT"""
    if not text:
        raise _Problem(at - 1, at, f"missing step after '/' in the {field.name} field")
    if not text.isdigit():
        _reject_token(text, at, field, "step")
    step = int(text)  # safe: the text is ASCII (checked up front) and all digits
    if step == 0:
        raise _Problem(at, at + len(text), f"{field.name} step must be at least 1, not {text!r}")
    return step


def _parse_value(text: str, at: int, field: Field, item: str) -> int:
    """value = 1*DIGIT | NAME"""
    if not text:
        if at == 0:
            raise _Problem(
                0, 1, f"{field.name} value {item!r} has a sign; only plain digits are allowed"
            )
        raise _Problem(at - 1, at, f"missing {field.name} value after '-' in {item!r}")
    if text.isdigit():
        value = int(text)  # safe: ASCII digits only
        if not field.low <= value <= field.high:
            raise _Problem(
                at,
                at + len(text),
                f"{field.name} value {text!r} is out of range {field.low}-{field.high}",
            )
        return value
    if text.isalpha():
        return _parse_name(text, at, field)
    _reject_token(text, at, field, "value")


def _parse_name(text: str, at: int, field: Field) -> int:
    upper = text.upper()
    span = (at, at + len(text))
    if upper in _EXTENDED:
        _reject_extended(upper, span, field)
    if not field.names:
        raise _Problem(*span, f"names are not allowed in the {field.name} field; use a number")
    value = field.name_values.get(upper)
    if value is not None:
        return value
    short = FULL_NAMES.get(upper)
    if short is not None and field.name_value(short) is not None:
        raise _Problem(
            *span,
            f"{field.name} name {text!r} is not allowed; names are three letters",
            f"did you mean {short!r}?",
            short,
        )
    known = ", ".join(dict.fromkeys(field.names))
    raise _Problem(*span, f"unknown {field.name} name {text!r}; expected one of {known}")


def _reject_token(text: str, at: int, field: Field, what: str) -> NoReturn:
    """Explain why ``text`` is not a number (or name) where one goes."""
    for index, char in enumerate(text):
        span = (at + index, at + index + 1)
        if char.upper() in _EXTENDED:
            if char.isalpha():
                # Letters after digits, as in '15W' or '5L'.
                _reject_extended(char.upper(), span, field)
            _reject_extended(char, span, field)
        if char in "+-" and index == 0:
            raise _Problem(
                *span, f"{field.name} {what} {text!r} has a sign; only plain digits are allowed"
            )
        if not ("0" <= char <= "9" or (what == "value" and char.isalpha() and char.isascii())):
            raise _Problem(
                *span,
                f"unexpected {char!r} in {field.name} {what} {text!r}; "
                f"expected {'digits or a name' if what == 'value' and field.names else 'digits'}",
            )
    # Mixed digits and letters, as in '1MON'.
    raise _Problem(at, at + len(text), f"{field.name} {what} {text!r} is not a number or a name")


def _reject_extended(token: str, span: tuple[int, int], field: Field) -> NoReturn:
    # '?' (no specific value) is the only letter with a mechanical fix: '*'.
    raise _Problem(
        *span,
        f"{token!r} is extended (Quartz) cron syntax, not supported in the {field.name} field",
        _EXTENDED[token],
        "*" if token == "?" else None,
    )


def _wrapped(first: str, last: str, start: int, end: int, field: Field) -> str:
    """A wrap-around range written the POSIX way: '22-2' becomes '22-23,0-2'."""
    if field is DAY_OF_WEEK and start == 7:
        # 7 is Sunday, the week's first day: '7-MON' is Sunday to Monday, '0-MON'.
        return "0" if end == 0 else f"0-{last}"
    # Day-of-week ranges wrap after Saturday (6); 7 is only another spelling of Sunday.
    high = 6 if field is DAY_OF_WEEK else field.high
    top = str(high) if first.isdigit() else field.names[high - field.low]
    bottom = str(field.low) if last.isdigit() else field.names[0]
    head = first if start == high else f"{first}-{top}"
    tail = last if end == field.low else f"{bottom}-{last}"
    return f"{head},{tail}"


# -- the whole expression -------------------------------------------------------------------


def _field_spans(expression: str) -> list[tuple[int, int]]:
    """(start, end) of each run of characters between spaces and tabs."""
    spans = []
    start = None
    for index, char in enumerate(expression):
        if char in _SEPARATORS:
            if start is not None:
                spans.append((start, index))
                start = None
        elif start is None:
            start = index
    if start is not None:
        spans.append((start, len(expression)))
    return spans


def _field_at(expression: str, position: int) -> str | None:
    for index, (start, end) in enumerate(_field_spans(expression)):
        if start <= position < end and index < len(FIELDS):
            return FIELDS[index].name
    return None


def _reject_unusual_character(expression: str) -> NoReturn:
    import unicodedata  # deferred: only a rejected expression needs character names

    for index, char in enumerate(expression):
        if char in _SEPARATORS or (char.isascii() and char.isprintable()):
            continue
        span = (index, index + 1)
        code = f"U+{ord(char):04X}"
        name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "").lower() or "control character"
        if char.isspace() or not char.isprintable():
            _fail(
                expression,
                f"unexpected {name} ({code}); fields are separated by spaces or tabs only",
                span,
            )
        field = _field_at(expression, index)
        where = f" in the {field} field" if field else ""
        if char.isdigit() or char.isnumeric():
            digit = unicodedata.digit(char, None)
            hint = f"did you mean '{digit}'?" if digit is not None else None
            _fail(
                expression,
                f"{char!r} ({code}) is not an ASCII digit{where}",
                span,
                field=field,
                hint=hint,
                replacement=None if digit is None else str(digit),
            )
        _fail(expression, f"unexpected {char!r} ({code}){where}", span, field=field)
    raise AssertionError("unreachable: the caller saw an unusual character")  # pragma: no cover


def _reject_shortcut(expression: str, token: str) -> NoReturn:
    start = _field_spans(expression)[0][0]
    replacement = SHORTCUTS.get(token.lower())
    hint = f"use {replacement!r}" if replacement else None
    _fail(
        expression,
        f"shortcut {token!r} is not supported; cronwall takes five fields",
        (start, start + len(token)),
        hint=hint,
        replacement=replacement,
    )


def _reject_field_count(expression: str, count: int) -> NoReturn:
    spans = _field_spans(expression)
    expected = "expected 5 fields (minute hour day-of-month month day-of-week)"
    if count < 5:
        # The fields there are: a span inside the text, so an API client can slice with it.
        _fail(expression, f"{expected}, found {count}", (spans[0][0], spans[-1][1]))
    if count in (6, 7):
        _fail(
            expression,
            f"{expected}, found {count}: seconds and year fields are extended (Quartz) "
            "cron syntax, not supported",
            (spans[5][0], spans[-1][1]),
        )
    _fail(expression, f"{expected}, found {count}", (spans[5][0], spans[-1][1]))


def _reject_never_firing(expression: str, day_of_month: int, month_mask: int) -> None:
    """Reject a both-days-rule expression whose days never occur in its months."""
    for month in mask_values(month_mask):
        if day_of_month & ((1 << (MAX_DAYS_IN_MONTH[month] + 1)) - 1):
            return
    days = mask_values(day_of_month)
    months = [MONTH_NAMES_LONG[m - 1] for m in mask_values(month_mask)]
    if len(days) == 1:
        day_text = f"day {days[0]} never occurs"
    else:
        day_text = "days " + ", ".join(map(str, days)) + " never occur"
    month_text = months[0] if len(months) == 1 else ", ".join(months[:-1]) + " or " + months[-1]
    spans = _field_spans(expression)
    _fail(
        expression,
        f"{DAY_OF_MONTH.name} and {MONTH.name} can never match: {day_text} in {month_text}",
        (spans[2][0], spans[3][1]),
        field=DAY_OF_MONTH.name,
    )


def _fail(
    expression: str,
    reason: str,
    span: tuple[int, int],
    *,
    field: str | None = None,
    hint: str | None = None,
    replacement: str | None = None,
) -> NoReturn:
    raise _Rejected(reason, span, field, hint, replacement)
