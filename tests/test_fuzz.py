"""Arbitrary text never raises anything but ExpressionError, and every rejection is fast."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import cronwall
from cronwall import ExpressionError, Schedule, TimezoneError, parse

# Characters near the grammar, plus the troublemakers the contract names.
_NEAR = st.sampled_from(
    [
        *"0123456789*/-, \tLW#?HRJANMONSUFRIjan@",
        *("\n", "\x00", "\u00a0", "\u3000", "\u0663", "\uff11", "\u00b9", "_", "+", "é"),
        "\ud800",
    ]
)


@given(st.text(max_size=80))
def test_arbitrary_text_is_parsed_or_rejected_with_an_expression_error(text: str) -> None:
    """Law: parse(any string) returns a Cron or raises ExpressionError, nothing else."""
    try:
        cron = parse(text)
    except ExpressionError as error:
        start, end = error.span
        assert 0 <= start <= end <= max(len(text), start + 1)
        assert error.reason and "\n" not in error.reason
        str(error)  # renders
        error.to_dict()
    else:
        assert parse(str(cron)) == cron


@given(st.lists(_NEAR, max_size=40).map("".join))
def test_text_made_of_grammar_characters_never_escapes_as_another_error(text: str) -> None:
    """Law: near-miss expressions are accepted or rejected with an ExpressionError."""
    try:
        cron = parse(text)
    except ExpressionError:
        return
    assert parse(str(cron)) == cron


# Rejection speed is measured in benchmarks/ (timed assertions do not belong here); these
# tests pin the structure that keeps it fast: the length limit comes before any other work,
# and no input makes the parser backtrack.


def test_over_long_text_is_rejected_before_any_other_work(monkeypatch: object) -> None:
    import pytest

    from cronwall import _parser

    def must_not_run(*args: object) -> None:
        raise AssertionError("the parser looked past the length limit")

    patch = pytest.MonkeyPatch()
    try:
        patch.setattr(_parser, "_reject_unusual_character", must_not_run)
        patch.setattr(_parser, "_compile_field", must_not_run)
        with pytest.raises(ExpressionError, match="the limit is 512"):
            parse("\u0663" * 1_000_000)
    finally:
        patch.undo()


def test_hostile_near_limit_inputs_are_rejected_with_expression_errors() -> None:
    import pytest

    hostile = [
        "1," * 255 + "1",  # long list: 511 characters, valid
        "*/" + "9" * 400 + " * * * *",  # enormous step
        "0" * 500 + " * * * *",  # leading zeros: fine, it is zero
        "\u0663" * 500,
        " " * 500 + "@",
        "0 0 * * " + "MONDAY," * 70,
        "1-2-3-4-5-6-7-8-9 * * * *",
    ]
    for text in hostile:
        try:
            parse(text)
        except ExpressionError:
            continue
        assert text.startswith(("1,", "0000"))
    # The reason quotes the 400-digit step twice; messages are capped, saying how much.
    with pytest.raises(ExpressionError, match=r"^minute step 9{200}") as caught:
        parse(hostile[1])
    assert caught.value.reason.endswith("\N{HORIZONTAL ELLIPSIS} (626 more characters)")
    assert len(caught.value.reason) < 300


@given(st.text(max_size=40))
def test_arbitrary_zone_names_raise_the_timezone_error_or_name_a_real_zone(name: str) -> None:
    """Law: Schedule(expr, any string) succeeds only for tzdata names; else TimezoneError."""
    try:
        schedule = Schedule("* * * * *", name)
    except TimezoneError as error:
        assert error.timezone == name
        assert name not in cronwall.available_timezones()
    else:
        assert schedule.timezone in cronwall.available_timezones()
