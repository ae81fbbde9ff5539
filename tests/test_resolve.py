"""Zone resolution: a wall time is a gap (no instant), unique, or a fold (two instants)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cronwall
from cronwall import resolve

ZONES = [
    "America/New_York",
    "Europe/Dublin",
    "Australia/Lord_Howe",
    "Pacific/Apia",
    "Pacific/Chatham",
    "America/Santiago",
    "Africa/Casablanca",
    "Asia/Kolkata",
    "UTC",
]


def isos(instants: tuple[datetime, ...]) -> list[str]:
    return [instant.isoformat() for instant in instants]


class TestNewYork:
    # 2026-03-08 02:00 EST -> 03:00 EDT (gap 02:00-02:59); 2026-11-01 02:00 EDT -> 01:00 EST
    # (fold 01:00-01:59).

    def test_half_past_two_on_spring_forward_day_is_a_gap(self) -> None:
        assert resolve(datetime(2026, 3, 8, 2, 30), "America/New_York") == ("gap", ())

    def test_half_past_one_on_fall_back_day_is_a_fold_with_two_instants(self) -> None:
        kind, instants = resolve(datetime(2026, 11, 1, 1, 30), "America/New_York")
        assert kind == "fold"
        assert isos(instants) == ["2026-11-01T05:30:00+00:00", "2026-11-01T06:30:00+00:00"]

    def test_the_minute_after_the_gap_is_unique(self) -> None:
        kind, instants = resolve(datetime(2026, 3, 8, 3, 0), "America/New_York")
        assert (kind, isos(instants)) == ("unique", ["2026-03-08T07:00:00+00:00"])


def test_lord_howe_folds_by_thirty_minutes() -> None:
    # 2026-04-05 02:00 +11:00 -> 01:30 +10:30: walls 01:30-01:59 occur twice.
    kind, instants = resolve(datetime(2026, 4, 5, 1, 45), "Australia/Lord_Howe")
    assert kind == "fold"
    assert isos(instants) == ["2026-04-04T14:45:00+00:00", "2026-04-04T15:15:00+00:00"]


def test_apia_skipped_the_whole_of_2011_12_30() -> None:
    for hour in (0, 12, 23):
        assert resolve(datetime(2011, 12, 30, hour), "Pacific/Apia").kind == "gap"


def test_resolve_refuses_aware_datetimes_and_bad_zones() -> None:
    with pytest.raises(TypeError, match="naive"):
        resolve(datetime(2026, 1, 1, tzinfo=timezone.utc), "UTC")
    with pytest.raises(cronwall.TimezoneError):
        resolve(datetime(2026, 1, 1), "Nowhere/Else")


@given(
    st.sampled_from(ZONES),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
)
def test_resolution_agrees_with_zoneinfo_round_trips(name: str, local: datetime) -> None:
    """Law: the instants of a wall time are exactly those zoneinfo maps back to it."""
    zone = cronwall.get_zone(name)
    local = local.replace(microsecond=0)
    expected = set()
    for fold in (0, 1):
        aware = local.replace(tzinfo=zone, fold=fold)
        instant = aware.astimezone(timezone.utc)
        if instant.astimezone(zone).replace(tzinfo=None) == local:
            expected.add(instant)
    kind, instants = resolve(local, name)
    assert set(instants) == expected
    assert list(instants) == sorted(instants)
    assert kind == {0: "gap", 1: "unique", 2: "fold"}[len(instants)]


def test_an_instant_near_the_transition_resolves_back_to_its_own_wall_time() -> None:
    zone = cronwall.get_zone("Europe/Dublin")
    start = datetime(2026, 10, 25, 0, 0, tzinfo=timezone.utc)
    for minutes in range(0, 180, 7):
        instant = start + timedelta(minutes=minutes)
        wall = instant.astimezone(zone).replace(tzinfo=None)
        assert instant in resolve(wall, "Europe/Dublin").instants
