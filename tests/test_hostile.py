"""Untrusted input and hostile objects: huge texts, str subclasses, broken tzinfos, pickling."""

from __future__ import annotations

import importlib.resources
import pickle
import zoneinfo
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path

import pytest

import cronwall
from cronwall import (
    ExpressionError,
    Schedule,
    TimezoneError,
    _cron,
    _zones,
    parse,
    validate_schedule,
)
from cronwall._zones import MAX_PROBED_CHANGES_PER_CHUNK, ProbedRules

UTC = timezone.utc
JAN_1 = datetime(2026, 1, 1, tzinfo=UTC)


# -- long input ------------------------------------------------------------------------------


class _WatchedDict(dict[str, object]):
    """The parse cache, recording every text it is asked about."""

    asked: list[int]

    def get(self, key: str, default: object = None) -> object:
        self.asked.append(len(key))
        return super().get(key, default)

    def __setitem__(self, key: str, value: object) -> None:
        self.asked.append(len(key))
        super().__setitem__(key, value)


@pytest.fixture
def watched_parse_cache(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    cache = _WatchedDict()
    cache.asked = []
    monkeypatch.setattr(_cron, "_by_text", cache)
    yield cache.asked


def test_a_hundred_million_characters_are_refused_before_the_parse_cache_hashes_them(
    watched_parse_cache: list[int],
) -> None:
    huge = "0" * 100_000_000
    with pytest.raises(ExpressionError) as caught:
        parse(huge)
    assert caught.value.reason == "expression is 100000000 characters long; the limit is 512"
    # Looking the text up in the cache would hash all of it first.
    assert watched_parse_cache == []
    parse("0 0 * * *")
    assert watched_parse_cache == [9, 9]  # a short text is looked up, then remembered


def test_an_over_long_expression_is_echoed_capped_in_the_error_dict() -> None:
    with pytest.raises(ExpressionError) as caught:
        parse("1" * 10_000_000)
    body = caught.value.to_dict()
    assert body["expression"] == "1" * 512 + "\N{HORIZONTAL ELLIPSIS} (9,999,488 more characters)"
    assert body["span"] == [512, 10_000_000]
    assert len(str(caught.value)) < 300


def test_an_expression_within_the_limit_is_echoed_whole_so_its_span_points_into_it() -> None:
    text = "1," * 200 + "99 * * * *"
    with pytest.raises(ExpressionError) as caught:
        parse(text)
    body = caught.value.to_dict()
    assert body["expression"] == text
    start, end = body["span"]
    assert text[start:end] == "99"


def test_an_error_about_a_hundred_thousand_unknown_keys_lists_ten_of_them() -> None:
    body = {"type": "cron", "expression": "* * * * *", "timezone": "UTC"}
    body.update({f"key{n}": n for n in range(100_000)})
    with pytest.raises(cronwall.CronwallError) as caught:
        validate_schedule(body)
    message = caught.value.to_dict()["message"]
    assert message == (
        "schedule has unknown keys 'key0', 'key1', 'key2', 'key3', 'key4', 'key5', 'key6', "
        "'key7', 'key8', 'key9' and 99,990 more (the keys are 'type', 'expression', 'timezone')"
    )


def test_a_hundred_million_character_zone_name_is_refused_by_its_length_alone() -> None:
    with pytest.raises(TimezoneError) as caught:
        Schedule("* * * * *", "x" * 100_000_000)
    assert caught.value.reason == "timezone name is 100000000 characters long; no IANA name is"
    assert caught.value.to_dict()["timezone"] == (
        "x" * 80 + "\N{HORIZONTAL ELLIPSIS} (99,999,920 more characters)"
    )


# -- str subclasses --------------------------------------------------------------------------


class _EqualsEverything(str):
    """A str that claims to equal every string and hashes like 'UTC'."""

    def __eq__(self, other: object) -> bool:
        return True

    def __ne__(self, other: object) -> bool:
        return False

    def __hash__(self) -> int:
        return hash("UTC")

    def __str__(self) -> str:
        return "UTC"

    def __len__(self) -> int:
        return 3


def test_a_str_subclass_cannot_follow_a_path_out_of_the_zone_folder() -> None:
    with pytest.raises(TimezoneError, match="is a path, not an IANA name"):
        Schedule("* * * * *", _EqualsEverything("../../../etc/passwd"))
    with pytest.raises(TimezoneError):
        cronwall.get_zone(_EqualsEverything("../../../etc/passwd"))


def test_a_str_subclass_gets_the_zone_its_text_names_and_poisons_no_cache() -> None:
    _zones._rules_by_name.pop("UTC", None)
    tokyo = Schedule("0 0 * * *", _EqualsEverything("Asia/Tokyo"))
    fire = tokyo.next_after(JAN_1)
    assert fire is not None
    assert fire.isoformat() == "2026-01-01T15:00:00+00:00"
    assert type(tokyo.timezone) is str
    assert tokyo.timezone == "Asia/Tokyo"
    # Plain "UTC" afterwards is still UTC, in every cache.
    fire = Schedule("0 0 * * *", "UTC").next_after(JAN_1)
    assert fire is not None
    assert fire.isoformat() == "2026-01-02T00:00:00+00:00"
    assert getattr(cronwall.get_zone(_EqualsEverything("Asia/Tokyo")), "key", None) == "Asia/Tokyo"
    assert getattr(cronwall.get_zone("UTC"), "key", None) == "UTC"
    assert all(type(name) is str for name in _zones._rules_by_name)
    assert all(type(name) is str for name in _zones._zones_by_name)


def test_a_str_subclass_expression_is_parsed_and_cached_as_its_exact_text() -> None:
    _cron.clear_caches()
    cron = parse(_EqualsEverything("0 12 * * *"))
    assert str(cron) == "0 12 * * *"
    assert parse("0 0 * * *") != cron
    assert all(type(text) is str for text in _cron._by_text)


# -- a caller's tzinfo -----------------------------------------------------------------------


class _NoDst(tzinfo):
    """UTC+05:00 by utcoffset() alone: dst() is None, so the default fromutc() refuses it."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(hours=5)

    def dst(self, dt: datetime | None) -> None:
        return None

    def __repr__(self) -> str:
        return "_NoDst()"


class _Raises(tzinfo):
    def utcoffset(self, dt: datetime | None) -> timedelta:
        raise KeyError("the offset service is down")

    def __repr__(self) -> str:
        return "_Raises()"


class _WrongType(tzinfo):
    def utcoffset(self, dt: datetime | None) -> object:  # type: ignore[override]
        return "+05:00"

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)


class _FractionalSeconds(tzinfo):
    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(hours=1, microseconds=500_000)

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)


class _EverySixHours(tzinfo):
    """An offset that alternates between +00:00 and +01:00 every six hours of wall time."""

    def utcoffset(self, dt: datetime | None) -> timedelta:
        assert dt is not None
        quarter = (dt.replace(tzinfo=None) - datetime(1970, 1, 1)) // timedelta(hours=6)
        return timedelta(hours=quarter % 2)

    def dst(self, dt: datetime | None) -> timedelta:
        return timedelta(0)


class _FromUtcReturnsText(tzinfo):
    def fromutc(self, dt: datetime) -> datetime:
        return "noon"  # type: ignore[return-value]

    def utcoffset(self, dt: datetime | None) -> timedelta:
        return timedelta(0)


class _BadRepr(_Raises):
    def __repr__(self) -> str:
        raise RuntimeError("no repr either")


def test_a_tzinfo_without_dst_is_read_through_utcoffset_alone() -> None:
    fire = Schedule("0 0 * * *", _NoDst()).next_after(JAN_1)
    assert fire is not None
    assert fire.isoformat() == "2026-01-01T19:00:00+00:00"


@pytest.mark.parametrize(
    ("zone", "message"),
    [
        # Its own exception, named with the object.
        (_Raises(), "tzinfo _Raises() failed: KeyError: 'the offset service is down'"),
        # datetime itself refuses a utcoffset() that is not a timedelta.
        (_WrongType(), "failed: TypeError: "),
        (_FractionalSeconds(), "has a UTC offset with microseconds"),
        (_FromUtcReturnsText(), ".fromutc() returned str, not a datetime"),
        # A repr() that fails too is replaced by the type's name.
        (_BadRepr(), "tzinfo <_BadRepr object> failed: KeyError"),
    ],
)
def test_a_misbehaving_tzinfo_raises_the_timezone_error_naming_it(
    zone: tzinfo, message: str
) -> None:
    with pytest.raises(TimezoneError, match=message.replace("(", r"\(").replace(")", r"\)")) as e:
        Schedule("0 0 * * *", zone).next_after(JAN_1)
    assert e.value.timezone is zone
    assert e.value.to_dict()["code"] == "invalid_timezone"


def test_a_tzinfo_changing_offset_every_six_hours_is_refused_within_the_probing_bound() -> None:
    rules = ProbedRules.__new__(ProbedRules)
    with pytest.raises(TimezoneError, match=f"more than {MAX_PROBED_CHANGES_PER_CHUNK} times"):
        try:
            rules.__init__(_EverySixHours())  # type: ignore[misc]
            rules.segment(1_790_000_000)
        finally:
            # Each change costs one step and a bisection to the second (15 probes).
            assert 0 < rules.probes <= (MAX_PROBED_CHANGES_PER_CHUNK + 1) * 17
    with pytest.raises(TimezoneError):
        Schedule("0 0 29 2 *", _EverySixHours()).next_after(JAN_1)


# -- pickling --------------------------------------------------------------------------------


@pytest.fixture
def tzdata_only_search_path() -> Iterator[None]:
    """zoneinfo finds no host files: ZoneInfo(key) reads the tzdata package."""
    zoneinfo.reset_tzpath([])
    zoneinfo.ZoneInfo.clear_cache()
    try:
        yield
    finally:
        zoneinfo.reset_tzpath()
        zoneinfo.ZoneInfo.clear_cache()


def test_a_schedule_built_by_name_pickles_exactly_as_before() -> None:
    schedule = Schedule("0 9 * * MON-FRI", "Europe/London")
    assert pickle.dumps(schedule, protocol=4) == (
        b"\x80\x04\x95;\x00\x00\x00\x00\x00\x00\x00\x8c\x08cronwall\x94\x8c\x08Schedule\x94\x93"
        b"\x94\x8c\x0b0 9 * * 1-5\x94\x8c\rEurope/London\x94\x86\x94R\x94."
    )


@pytest.mark.usefixtures("tzdata_only_search_path")
def test_a_schedule_in_a_tzdata_zoneinfo_pickles_as_its_name() -> None:
    by_name = Schedule("30 1 * * *", "America/New_York")
    by_zoneinfo = Schedule("30 1 * * *", zoneinfo.ZoneInfo("America/New_York"))
    by_its_own_tzinfo = Schedule("30 1 * * *", by_name.tzinfo)
    for schedule in (by_zoneinfo, by_its_own_tzinfo):
        assert schedule == by_name
        assert pickle.dumps(schedule) == pickle.dumps(by_name)
        assert pickle.loads(pickle.dumps(schedule)) == by_name


def test_a_schedule_in_a_host_zoneinfo_that_differs_from_tzdata_keeps_the_hosts_rules(
    tmp_path: Path,
) -> None:
    # A host folder claiming New York is permanently UTC+14.
    bogus = importlib.resources.files("tzdata.zoneinfo").joinpath("Etc", "GMT-14").read_bytes()
    (tmp_path / "America").mkdir()
    (tmp_path / "America" / "New_York").write_bytes(bogus)
    zoneinfo.reset_tzpath([str(tmp_path)])
    try:
        host = Schedule("0 0 * * *", zoneinfo.ZoneInfo.no_cache("America/New_York"))
        assert host != Schedule("0 0 * * *", "America/New_York")
        fire = host.next_after(JAN_1)
        assert fire is not None
        assert fire.isoformat() == "2026-01-01T10:00:00+00:00"
    finally:
        zoneinfo.reset_tzpath()


def test_a_schedule_in_a_tzinfo_that_does_not_pickle_says_why_not() -> None:
    with open(
        Path(str(importlib.resources.files("tzdata.zoneinfo"))) / "Asia" / "Tokyo", "rb"
    ) as f:
        from_file = zoneinfo.ZoneInfo.from_file(f)  # no key: not tzdata's by name
    for zone in (from_file, _NoDst.__new__(type("Local", (_NoDst,), {}))):
        schedule = Schedule("0 0 * * *", zone)
        with pytest.raises(TimezoneError, match="cannot pickle a schedule in tzinfo") as caught:
            pickle.dumps(schedule)
        assert "build the schedule from an IANA name" in str(caught.value)


def test_a_schedule_in_a_picklable_tzinfo_round_trips() -> None:
    schedule = Schedule("0 0 * * *", timezone(timedelta(hours=-3)))
    copy = pickle.loads(pickle.dumps(schedule))
    assert copy == schedule
    assert copy.next_after(JAN_1) == schedule.next_after(JAN_1)


def test_probed_rules_start_afresh_past_their_bound_and_still_fire_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_zones, "MAX_PROBED_CHANGES_KEPT", 8)
    with open(
        Path(str(importlib.resources.files("tzdata.zoneinfo"))) / "Europe" / "Paris", "rb"
    ) as f:
        from_file = zoneinfo.ZoneInfo.from_file(f)  # probed: not recognised as tzdata's
    probed = Schedule("30 2 * * *", from_file)
    by_name = Schedule("30 2 * * *", "Europe/Paris")
    rules = probed._rules
    assert isinstance(rules, ProbedRules)
    most = 0
    for fire, expected in zip(probed.iter_after(JAN_1), by_name.iter_after(JAN_1), strict=False):
        assert fire == expected
        most = max(most, len(rules.trans))
        if fire.year == 2036:
            break
    # Ten years hold 20 changes; the lists never kept more than the bound and one year's two.
    assert 8 < most <= 8 + 2
