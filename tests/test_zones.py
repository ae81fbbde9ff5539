"""Time zones: names checked against tzdata, rules read from tzdata, never from the host."""

from __future__ import annotations

import itertools
import random
import zoneinfo
from bisect import bisect_right
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from zone_support import segment_preempted, tzdata_bytes

import cronwall
from cronwall import Schedule, TimezoneError
from cronwall._hazards import transitions
from cronwall._tzif import HOT_REACH_YEARS, NEVER_AFTER, NEVER_BEFORE, ZoneRules, parse_tzif
from cronwall._zones import ProbedRules, rules_for_name

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

HOSTILE_NAMES = [
    "",  # empty
    "localtime",  # the host's own zone, whatever it is
    "posixrules",  # a database helper file, not a zone
    "posix/America/New_York",  # duplicate trees some systems ship
    "right/UTC",  # leap-second variants
    "zone.tab",  # data files in the database folder
    "zone1970.tab",
    "tzdata.zi",
    "leapseconds",
    "iso3166.tab",
    "__init__.py",  # the tzdata package's own files
    "../etc/passwd",  # paths
    "/etc/localtime",
    "/usr/share/zoneinfo/UTC",
    "America/../UTC",
    "America//New_York",
    "America/New_York/",
    ".",
    "..",
    "UTC\x00",  # NUL bytes
    "\x00",
    " UTC",  # surrounding spaces
    "UTC ",
    "\tEurope/London\n",
    "america/new_york",  # wrong case
    "utc",
    "EUROPE/LONDON",
    "America/New_York\\",  # backslash
    "Amer\u0456ca/New_York",  # Cyrillic i lookalike
    "x" * 10_000,  # huge
    "America/Nowhere",  # plausible but unknown
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_zone_name_raises_the_timezone_error(name: str) -> None:
    with pytest.raises(TimezoneError) as caught:
        Schedule("* * * * *", name)
    assert isinstance(caught.value, cronwall.CronwallError)
    assert caught.value.timezone == name
    with pytest.raises(TimezoneError):
        cronwall.get_zone(name)


def test_wrong_case_suggests_the_right_name() -> None:
    with pytest.raises(TimezoneError) as caught:
        Schedule("* * * * *", "america/new_york")
    assert str(caught.value) == (
        "unknown timezone 'america/new_york'; names are case-sensitive; "
        "did you mean 'America/New_York'?"
    )
    assert caught.value.to_dict()["param"] == "timezone"


def test_surrounding_spaces_are_named_as_the_problem() -> None:
    with pytest.raises(TimezoneError, match="surrounding whitespace; did you mean 'UTC'"):
        Schedule("* * * * *", " UTC")


def test_links_and_zones_are_both_accepted() -> None:
    assert Schedule("0 0 * * *", "US/Eastern").timezone == "US/Eastern"
    assert Schedule("0 0 * * *", "Asia/Calcutta").next_after(EPOCH) == Schedule(
        "0 0 * * *", "Asia/Kolkata"
    ).next_after(EPOCH)


def test_the_tzdata_version_in_use_is_reported() -> None:
    import tzdata  # type: ignore[import-untyped]

    assert cronwall.TZDATA_VERSION == tzdata.IANA_VERSION
    assert len(cronwall.available_timezones()) > 500
    assert "UTC" in cronwall.available_timezones()


def test_zone_data_comes_from_tzdata_not_from_the_hosts_zone_folder(tmp_path: Path) -> None:
    # A host folder claiming New York is permanently UTC+14 must change nothing.
    kiritimati = Path(__file__).parent / "data"  # not used; the bogus file is built below
    del kiritimati
    fake = tmp_path / "America"
    fake.mkdir()
    import importlib.resources

    bogus = importlib.resources.files("tzdata.zoneinfo").joinpath("Etc", "GMT-14").read_bytes()
    (fake / "New_York").write_bytes(bogus)
    zoneinfo.reset_tzpath([str(tmp_path)])
    try:
        assert zoneinfo.ZoneInfo.no_cache("America/New_York").utcoffset(None) == timedelta(hours=14)
        fire = Schedule("30 1 * * *", "America/New_York").next_after(
            datetime(2026, 11, 1, tzinfo=timezone.utc)
        )
        assert fire is not None
        assert fire.isoformat() == "2026-11-01T05:30:00+00:00"
        zone = cronwall.get_zone("America/New_York")
        assert datetime(2026, 7, 1, tzinfo=zone).utcoffset() == timedelta(hours=-4)
    finally:
        zoneinfo.reset_tzpath()


# Rule years far apart, to check that footer transitions computed directly for a queried
# year (rather than year by year from the last explicit one) are zoneinfo's.
FAR_YEARS = (2100, 2480, 5000, 9998)


def _year_start(year: int) -> int:
    return int((datetime(year, 1, 1, tzinfo=timezone.utc) - EPOCH).total_seconds())


@pytest.mark.parametrize("name", sorted(cronwall.available_timezones()))
def test_zone_offsets_agree_with_zoneinfo_on_the_same_tzdata_file(name: str) -> None:
    """Every zone: segments hold the same offset zoneinfo computes, at transitions and between."""
    rules = rules_for_name(name)
    zone = cronwall.get_zone(name)
    rnd = random.Random(name)
    points = [rnd.randrange(-2_208_988_800, 4_102_444_800) for _ in range(40)]
    recent = [when for when, _, _ in transitions(rules, -2_208_988_800, 4_102_444_800)]
    for when in recent[-60:]:
        points += [when - 1, when, when + 1]
    for year in FAR_YEARS:
        # Fresh rules each time: the first query in a far year is the one computed directly.
        far = parse_tzif(tzdata_bytes(name), name)
        u = _year_start(year) + rnd.randrange(365 * 86400)
        far_start, far_end, _ = far.segment(u)
        points += [u, far_start - 1, far_start, far_end - 1]
        points += [far_end, far_end + 1]
        for when, _, _ in transitions(far, _year_start(year), _year_start(year + 1)):
            points += [when - 1, when, when + 1]
    for u in points:
        if not -62_135_596_800 + 86_400 <= u < 253_402_300_799 - 86_400:
            continue  # an edge at the end of time: beyond what zoneinfo can convert
        start, end, offset = rules.segment(u)
        expected = (EPOCH + timedelta(seconds=u)).astimezone(zone).utcoffset()
        assert expected is not None
        assert start <= u < end
        assert offset == expected // timedelta(seconds=1), (name, u)


@pytest.mark.parametrize("name", sorted(cronwall.available_timezones()))
def test_a_zones_hot_table_holds_the_segments_segment_gives(name: str) -> None:
    """heat(u) publishes a table holding u in a segment with u's offset and no change of offset
    inside it (its ends are changes, or where the table's data ends), near transitions and
    anywhere from year 1 to 9999; just outside it, the table says None."""
    rules = rules_for_name(name)
    rnd = random.Random(name)
    points = [rnd.randrange(-62_135_596_800, 253_402_300_799) for _ in range(30)]
    points += [
        when + rnd.randrange(-2, 3) for when in rnd.sample(rules.trans, min(20, len(rules.trans)))
    ]
    points += [when for when, _, _ in transitions(rules, 1_700_000_000, 2_100_000_000)][:20]
    for u in points:
        first = rules.heat(u)
        assert rules.hot == first
        assert first[2:] == ((), (), (), ())  # the rest waits for the table's second query
        rules.complete()
        ends, offsets, walls, wall_days, before_ends, minutes = rules.hot
        assert len(minutes) == len(offsets)
        assert all(m * 60 == o for m, o in zip(minutes, offsets, strict=True) if o is not None)
        assert (ends, offsets) == first[:2]
        i = bisect_right(ends, u)
        offset = rules.segment(u)[2]
        # An offset of seconds (local mean time) reads None: the general search takes it.
        assert offsets[i] == (None if offset % 60 else offset), (name, u)
        start, end = ends[i - 1], ends[i]
        assert start <= u < end
        assert transitions(rules, start + 1, end) == [], (name, u)
        lo, hi = ends[0], ends[-1]
        assert offsets[bisect_right(ends, lo - 1)] is None
        if hi < NEVER_AFTER:
            assert offsets[bisect_right(ends, hi)] is None
        _check_wall_ends(rules, ends, offsets, walls, u + offset, rnd)
        # A wall time on a day before a segment's wall end day lies before its end.
        for k, (end, offset_k) in enumerate(zip(ends, offsets, strict=False)):
            if offset_k is not None and abs(end) < NEVER_AFTER:
                assert (wall_days[k] - 1) * 86400 + 86340 - offset_k < end
        # Bisecting the timedelta ends by t - epoch finds the segment of t's second + 1.
        for x in (u - 2, u - 1, u, *(end + d for end in ends[1:3] for d in (-2, -1, 0, 1))):
            for micros in (0, 1, 999_999):
                if abs(x) < 10**11:
                    elapsed = timedelta(seconds=x, microseconds=micros)
                    assert bisect_right(before_ends, elapsed) == bisect_right(ends, x + 1)


def _check_wall_ends(
    rules: ZoneRules,
    ends: tuple[int, ...],
    offsets: tuple[int | None, ...],
    walls: tuple[int, ...],
    wall: int,
    rnd: random.Random,
) -> None:
    """The hot table's wall ends find a wall time's first segment: for wall times around
    ``wall`` and every segment's edges, segment j = bisect_right(walls, w) is the first segment
    of the table holding w whenever w - offsets[j] lies in it, and holds no w otherwise."""
    segments = [(ends[k - 1], ends[k], rules.segment(ends[k - 1])[2]) for k in range(1, len(ends))]
    probes = [wall + rnd.randrange(-86400, 86400) for _ in range(5)]
    probes += [
        edge + d
        for start, end, off in segments
        for edge in (start + off, end + off)
        for d in (-61, -1, 0, 1, 60)
        if abs(edge) < NEVER_AFTER
    ]
    for w in probes:
        holding = [k + 1 for k, (start, end, off) in enumerate(segments) if start <= w - off < end]
        j = bisect_right(walls, w)
        offset = offsets[j]
        if offset is not None and w - offset >= ends[j - 1]:
            assert holding and holding[0] == j, (w, j, holding)
        elif offset is not None:
            assert j not in holding


def test_no_two_transitions_since_1900_are_closer_than_the_probing_step() -> None:
    # ProbedRules finds a tzinfo's transitions by probing every 6 hours.
    closest = min(
        later[0] - earlier[0]
        for name in cronwall.available_timezones()
        for earlier, later in itertools.pairwise(
            transitions(rules_for_name(name), -2_208_988_800, 4_102_444_800)
        )
    )
    assert closest > 4 * 6 * 3600


@pytest.mark.parametrize(
    "name",
    ["America/New_York", "Australia/Lord_Howe", "Europe/Dublin", "Pacific/Apia", "Asia/Kolkata"],
)
def test_probed_rules_of_a_zoneinfo_object_match_the_tzdata_rules(name: str) -> None:
    probed = ProbedRules(cronwall.get_zone(name))
    exact = rules_for_name(name)
    for u in range(946_684_800, 1_893_456_000, 7 * 86400 + 3601):
        assert probed.segment(u)[2] == exact.segment(u)[2]
    # Segment edges found by probing are the exact transitions, within what was probed.
    for u in (1_420_000_000, 1_793_000_000):
        start, end, _ = probed.segment(u)
        exact_start, exact_end, _ = exact.segment(u)
        assert start == max(exact_start, probed.covered_from)
        assert end == min(exact_end, probed.covered_until)
        assert start > NEVER_BEFORE


def test_a_tzinfo_object_gets_exactly_its_own_rules() -> None:
    # A zoneinfo object from the host path is used as it is, not swapped for tzdata's.
    zone = cronwall.get_zone("Europe/Dublin")
    by_object = Schedule("30 1 * * *", zone)
    by_name = Schedule("30 1 * * *", "Europe/Dublin")
    after = datetime(2026, 10, 24, tzinfo=timezone.utc)
    assert by_object.upcoming(4, after=after) == by_name.upcoming(4, after=after)
    assert by_object.timezone == "Europe/Dublin"


def test_a_fixed_offset_tzinfo_is_a_zone_without_transitions() -> None:
    schedule = Schedule("0 0 * * *", timezone(timedelta(hours=5, minutes=30)))
    fire = schedule.next_after(datetime(2026, 1, 1, tzinfo=timezone.utc))
    assert fire is not None
    assert fire.isoformat() == "2026-01-01T18:30:00+00:00"


# -- threads ---------------------------------------------------------------------------------


def test_a_reader_never_sees_a_zone_half_extended_by_another_thread() -> None:
    """Whatever line of segment() a reader is at when another thread extends the same zone
    to a later year, the reader gets the single-threaded answer (any interpreter, with or
    without a global lock: a thread switch is forced at every line in turn)."""
    name = "America/New_York"
    data = tzdata_bytes(name)
    reference = parse_tzif(data, name)
    warm = _year_start(2300) + 200 * 86400
    year = 365 * 86400
    wrong = []
    for k in range(-20, 60):
        u = warm + k * 23 * 86400 + 3600  # every 23 days, 2299 to 2304
        expected = reference.segment(u)
        for at_line in range(1, 16):
            rules = parse_tzif(data, name)
            rules.segment(warm)
            answer = segment_preempted(
                rules, u, at_line, lambda rules=rules, u=u: rules.segment(u + 5 * year)
            )
            if answer != expected:
                wrong.append((u, at_line, answer, expected))
    assert wrong == []


@pytest.mark.parametrize("name", ["America/New_York", "Australia/Lord_Howe", "UTC"])
def test_zone_data_cut_short_is_a_timezone_error_never_a_crash(name: str) -> None:
    data = tzdata_bytes(name)
    for cut in range(len(data)):
        try:
            parse_tzif(data[:cut], name)
        except TimezoneError as error:
            assert "is malformed" in str(error)
        else:
            # Only the last records can go unnoticed (designation names, leap seconds and
            # indicators, which zone rules do not read), never the header or the transitions.
            assert cut > len(data) // 2


@pytest.mark.parametrize(
    "fire",
    [
        1_798_779_600 + 3600,  # 2027-01-01T06:00:00Z, just past a 2026-only table
        1_835_409_600,  # 2028-02-29T05:00:00Z, a leap day's
        2_026_008_000,  # 2034-03-15T04:00:00Z, under 8 years on
    ],
)
def test_a_fire_within_8_years_grows_the_hot_table_and_a_farther_one_leaves_it(fire: int) -> None:
    """ahead(v) answers for an instant past the hot table: within HOT_REACH_YEARS of its end the
    table becomes one holding both (a yearly or leap-day schedule's queries stay in it, and its
    fires join them); farther on the table stays as it is."""
    rules = parse_tzif(tzdata_bytes("America/New_York"), "America/New_York")
    june = 1_781_784_000  # 2026-06-18T12:00:00Z
    ends, *_ = rules.heat(june)
    assert ends[-1] <= fire < ends[-1] + HOT_REACH_YEARS * 366 * 86400
    end, offset = rules.ahead(fire)
    assert (end, offset) == rules.segment(fire)[1:]
    grown, offsets, *_ = rules.hot
    assert grown[0] <= june < fire < grown[-1]
    assert offsets[bisect_right(grown, fire)] == offset
    far = grown[-1] + HOT_REACH_YEARS * 366 * 86400  # more than 8 years past the grown table
    end, offset = rules.ahead(far)
    assert offset == rules.segment(far)[2]
    assert rules.hot[0] == grown


def test_the_hot_table_never_gives_way_to_a_window_that_leaves_out_its_start() -> None:
    """Queries in one year whose fires lie in another (a leap day's) must not make each other's
    tables: whatever window answers for the fire, the queries' own year stays in the table."""
    rules = parse_tzif(tzdata_bytes("America/New_York"), "America/New_York")
    june = 1_781_784_000  # 2026-06-18T12:00:00Z
    rules.heat(june)
    rules.segment(1_835_409_600)  # another reader puts the window around 2028 (2027-2029)
    for fire in (1_798_779_600 + 3600, 1_835_409_600):  # 2027-01-01T06:00Z, 2028-02-29T04:00Z
        _, offset = rules.ahead(fire)
        assert offset == rules.segment(fire)[2] == -5 * 3600
        ends, offsets, *_ = rules.hot
        assert offsets[bisect_right(ends, june)] == -4 * 3600  # june still in the table
        assert offsets[bisect_right(ends, fire)] == -5 * 3600  # and the fire, from now on


def test_the_zone_reader_reads_every_zone_alike_with_and_without_native_casts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """TZif integers come from a memoryview cast (native byte order, read reversed on a
    little-endian machine) or, where C's int sizes differ, from int.from_bytes: same rules."""
    import cronwall._tzif as tzif

    for name in sorted(cronwall.available_timezones()):
        data = tzdata_bytes(name)
        cast = parse_tzif(data, name)
        monkeypatch.setattr(tzif, "_NATIVE_CASTS", False)
        plain = parse_tzif(data, name)
        monkeypatch.setattr(tzif, "_NATIVE_CASTS", True)
        assert (cast.trans, cast.offs, cast.before, cast.footer_from) == (
            plain.trans,
            plain.offs,
            plain.before,
            plain.footer_from,
        ), name


def test_a_footers_rule_dates_come_from_its_table_of_the_14_kinds_of_year_exactly() -> None:
    """PosixFooter.bounds reads a rule date's place in its year from a table per kind of year
    (leap or not, weekday of January 1st); the rule's own arithmetic gives the same instants
    for every footer in tzdata, in every year from 1 to 9999 sampled around the kinds."""
    from cronwall._tzif import _rule_instant, _year_start, is_leap

    years = [*range(1, 30), *range(1890, 2110), *range(9970, 10000), 2100, 2400, 4000]
    checked = 0
    for name in sorted(cronwall.available_timezones()):
        footer = rules_for_name(name).footer
        if footer is None or not hasattr(footer, "_start_rule"):
            continue  # no footer, or one without DST
        checked += 1
        for year in years:
            days = _year_start(year) // 86400
            leap = is_leap(year)
            want = (
                _rule_instant(footer._start_rule, days, leap),
                _rule_instant(footer._end_rule, days, leap),
            )
            assert footer.bounds(days, leap) == want, (name, year)
    assert checked > 100  # tzdata has a few hundred zones whose footer has DST
