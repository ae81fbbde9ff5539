"""Zone-name slips get a close match; deprecated names are known with their canonical zone."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cronwall
from cronwall import Schedule, TimezoneError
from cronwall._zones import close_zone_name, deprecated_zone_names


def _error(name: str) -> TimezoneError:
    with pytest.raises(TimezoneError) as caught:
        Schedule("0 9 * * *", name)
    return caught.value


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [
        ("Europe/Londn", "Europe/London"),  # a character dropped
        ("Europe/Londonn", "Europe/London"),  # a character added
        ("Europe/Lendon", "Europe/London"),  # a character changed
        ("Eurpoe/London", "Europe/London"),  # two neighbours swapped
        ("America/New York", "America/New_York"),  # a space for an underscore
        ("america/new_york", "America/New_York"),  # case
        ("Pacific/Aukland", "Pacific/Auckland"),
    ],
)
def test_a_zone_typo_suggests_the_close_name(name: str, suggestion: str) -> None:
    error = _error(name)
    assert error.suggestion == suggestion
    assert error.hint == f"did you mean {suggestion!r}?"
    assert error.to_dict()["suggestion"] == suggestion


def test_the_full_message_names_the_typo_and_the_suggestion() -> None:
    assert str(_error("Europe/Londn")) == (
        "unknown timezone 'Europe/Londn'; did you mean 'Europe/London'?"
    )


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "x" * 200, "", "localtime", "../etc"])
def test_a_name_far_from_every_zone_gets_no_suggestion(name: str) -> None:
    assert _error(name).suggestion is None


def test_a_close_match_takes_microseconds_even_for_long_names() -> None:
    close_zone_name("warm up the table")
    for name in ["x" * 64, "America/Argentina/ComodRivadaviaa", "é" * 64, "/" * 64]:
        start = time.perf_counter()
        close_zone_name(name)
        assert time.perf_counter() - start < 0.001


@given(st.sampled_from(sorted(cronwall.available_timezones())), st.data())
def test_one_slip_in_any_zone_name_gets_a_suggestion_that_is_a_zone(
    name: str, data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(name) - 1))
    slip = data.draw(st.sampled_from(["drop", "double", "change"]))
    if slip == "drop":
        typo = name[:index] + name[index + 1 :]
    elif slip == "double":
        typo = name[:index] + name[index] + name[index:]
    else:
        typo = name[:index] + ("q" if name[index] != "q" else "z") + name[index + 1 :]
    if typo in cronwall.available_timezones() or not typo.strip():
        return
    try:
        Schedule("0 9 * * *", typo)
    except TimezoneError as error:
        assert error.suggestion is not None
        assert error.suggestion in cronwall.available_timezones()


@given(st.text(max_size=70))
def test_every_zone_suggestion_is_a_zone_name(text: str) -> None:
    """Law: a suggestion is always a name tzdata defines."""
    try:
        Schedule("0 9 * * *", text)
    except TimezoneError as error:
        assert error.suggestion is None or error.suggestion in cronwall.available_timezones()


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("US/Eastern", "America/New_York"),
        ("EST", "America/Panama"),
        ("CET", "Europe/Brussels"),
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("Etc/Zulu", "Etc/UTC"),
    ],
)
def test_deprecated_names_map_to_their_canonical_zone(name: str, canonical: str) -> None:
    assert deprecated_zone_names()[name] == canonical


@pytest.mark.parametrize("name", ["UTC", "GMT", "Europe/Oslo", "America/New_York", "Etc/GMT+5"])
def test_current_names_are_not_deprecated(name: str) -> None:
    # Europe/Oslo is a link to Europe/Berlin, but it is Norway's name in zone.tab.
    assert name not in deprecated_zone_names()


def test_every_canonical_zone_is_itself_a_current_zone() -> None:
    deprecated = deprecated_zone_names()
    assert len(deprecated) > 100
    for canonical in deprecated.values():
        assert canonical in cronwall.available_timezones()
        assert canonical not in deprecated


def test_a_deprecated_name_computes_the_same_fires_as_its_canonical_zone() -> None:
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    old = Schedule("30 1 * * *", "US/Eastern").upcoming(300, after=start)
    new = Schedule("30 1 * * *", "America/New_York").upcoming(300, after=start)
    assert old == new
