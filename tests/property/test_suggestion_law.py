"""Law: a suggestion is never text that cronwall then rejects."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

import cronwall
from cronwall import ExpressionError, parse

# Slips people make (and plain fields between them), joined in any order and number.
_SLIPS = st.sampled_from(
    [
        "?",
        "5/15",
        "59/15",
        "MON/2",
        "22-2",
        "7-MON",
        "FRI-MON",
        "NOV-FEB",
        "MONDAY",
        "JANUARY",
        "\u0663",
        "\uff11",
        "L",
        "H",
        "1,,2",
        "30",
        "31",
        "2",
        "*/2",
        "1-5",
        "0",
        "@daily",
        "@hourly",
        "15W",
        "MON#2",
    ]
)


@given(st.lists(_SLIPS, min_size=1, max_size=7), st.lists(st.sampled_from([" ", "\t", "  "])))
def test_every_suggestion_parses(tokens: list[str], spaces: list[str]) -> None:
    """Law: whenever an error carries a suggestion, parse(suggestion) succeeds."""
    gaps = [*spaces, *[" "] * len(tokens)]
    text = "".join(token + gap for token, gap in zip(tokens, gaps, strict=False))
    try:
        parse(text)
    except ExpressionError as error:
        if error.suggestion is not None:
            assert isinstance(parse(error.suggestion), cronwall.Cron)


_PROPOSAL = re.compile(r"(?:did you mean|use) '([^']*)'\??$")


@given(st.lists(_SLIPS, min_size=1, max_size=7))
def test_a_hint_never_proposes_text_that_is_rejected_for_the_same_reason(tokens: list[str]) -> None:
    """Law: the text a hint proposes, put in place of the span, removes that problem."""
    text = " ".join(tokens)
    try:
        parse(text)
    except ExpressionError as error:
        proposal = _PROPOSAL.search(error.hint or "")
        if proposal is None:
            return
        start, end = error.span
        fixed = text[:start] + proposal.group(1) + text[end:]
        try:
            parse(fixed)
        except ExpressionError as again:
            # Another problem may remain, but not in the proposed text itself (a problem of
            # the whole expression, such as a date that never occurs, may span it).
            assert (again.span, again.reason) != (error.span, error.reason)
            if again.field is not None and "can never match" not in again.reason:
                assert not start <= again.span[0] < start + len(proposal.group(1))
