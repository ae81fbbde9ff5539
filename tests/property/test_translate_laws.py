"""Laws of translate(): a translation fires exactly when the dialect does, or there is none.

Texts are generated per dialect from the forms each dialect documents. Each translation is
compared with the dialect's brute-force reader (``dialect_reference``) over four years of
days, and with the peer package itself where it is installed: croniter's own iteration,
APScheduler 3's ``CronTrigger.from_crontab(...).get_next_fire_time``, and the value sets of
Celery's ``crontab.from_string``. A refusal is always an ``ExpressionError``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

from apscheduler.triggers.cron import CronTrigger
from celery.schedules import crontab
from croniter import croniter
from dialect_reference import READERS, Reading, Unsupported
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import cronwall
from cronwall import ExpressionError, translate
from cronwall.testing import expressions

UTC = timezone.utc
# Modest: every example runs a peer for dozens of fires, so a fifth of the profile's count
# (200 under the default profile, 10 under dev, 4,000 under stress).
EXAMPLES = max(10, settings().max_examples // 5)
MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


@st.composite
def field(
    draw: st.DrawFn,
    low: int,
    high: int,
    *,
    names: list[str] | None = None,
    start_step: bool = False,
    wrap: bool = False,
) -> str:
    """One field: '*', '*/s', or a list of values, ranges and stepped ranges."""
    kind = draw(st.sampled_from(["*", "*/s", "list", "list"]))
    if kind == "*":
        return "*"
    if kind == "*/s":
        return f"*/{draw(st.integers(1, high - low))}"

    def value(v: int) -> str:
        if names and draw(st.booleans()):
            return names[v - low]
        return str(v)

    items = []
    for _ in range(draw(st.integers(1, 3))):
        a = draw(st.integers(low, high))
        shape = draw(st.sampled_from(["value", "range", "stepped", "start/step"]))
        if shape == "value" or (shape == "start/step" and not start_step):
            items.append(value(a))
            continue
        if shape == "start/step":
            items.append(f"{a}/{draw(st.integers(1, high - low))}")
            continue
        if a == high and not wrap:
            items.append(value(a))
            continue
        b = draw(st.integers(low if wrap else a + 1, high).filter(lambda b, a=a: b != a))
        step = f"/{draw(st.integers(1, max(1, abs(b - a))))}" if shape == "stepped" else ""
        if wrap and b < a:
            step = ""  # stepped wrap-around ranges differ between dialects; tested by table
        items.append(f"{value(a)}-{value(b)}{step}")
    return ",".join(items)


def _texts(
    dow: st.SearchStrategy[str], *, month_names: bool = True, **kw: bool
) -> st.SearchStrategy[str]:
    """Five fields: minute, hour, day of month, month (numbers or names), then ``dow``."""
    return st.tuples(
        field(0, 59, **kw),
        field(0, 23, **kw),
        field(1, 31, **kw),
        field(1, 12, names=MONTH_NAMES if month_names else None, **kw),
        dow,
    ).map(" ".join)


SUN = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

croniter_texts = _texts(
    field(0, 7, names=[*SUN, "SUN"], start_step=True), start_step=True, wrap=True
) | st.tuples(
    field(0, 59),
    field(0, 23),
    st.sampled_from(["1", "4,6", "1,3,5,7", "jul-aug", "9,11", "2", "*"]),
    field(0, 7, start_step=True),
).map(
    # 'L', the last day of the month: translated when the months allow one fixed day.
    lambda f: f"{f[0]} {f[1]} L {f[2]} {f[3]}"
)
celery_texts = _texts(field(0, 6, names=SUN, wrap=True), wrap=True)
apscheduler_texts = _texts(field(0, 6, start_step=True), start_step=True)
jenkins_texts = _texts(field(0, 7), month_names=False)
vixie_texts = _texts(field(0, 7, names=[*SUN, "SUN"]))


@st.composite
def quartz_texts(draw: st.DrawFn, aws: bool = False) -> str:
    kw = {"start_step": True, "wrap": not aws}
    minute, hour = draw(field(0, 59, **kw)), draw(field(0, 23, **kw))
    month = draw(field(1, 12, names=MONTH_NAMES, **kw))
    if draw(st.booleans()):
        dom, dow = "?", draw(field(1, 7, names=SUN, **kw))
    else:
        dom = draw(st.one_of(field(1, 31, **kw), st.sampled_from(["L", "L-1", "L-3"])))
        dow = "?"
        if aws and dom.startswith("L-"):
            dom = "L"
    if aws:
        return f"cron({minute} {hour} {dom} {month} {dow} *)"
    return f"0 {minute} {hour} {dom} {month} {dow}" + draw(st.sampled_from(["", " *"]))


def _check_against_reference(dialect: cronwall.Dialect, text: str) -> cronwall.Cron | None:
    """The translation (or None for a refusal), checked against the brute-force reader."""
    try:
        translated = translate(text, dialect)
    except ExpressionError:
        return None
    cron = cronwall.parse(translated)
    try:
        reading: Reading = READERS[dialect](text)
    except Unsupported:
        return cron
    assert set(cron.minutes) == reading.minutes
    assert set(cron.hours) == reading.hours
    day = date(2024, 1, 1)
    while day.year < 2028:
        assert cron.matches_day(day) == reading.fires_on(day), (text, translated, day)
        day += timedelta(days=1)
    return cron


def _fires(cron: cronwall.Cron, start: datetime, count: int) -> list[datetime]:
    schedule = cronwall.Schedule(cron, "UTC")
    return [
        f.replace(tzinfo=None) for f in schedule.upcoming(count, after=start.replace(tzinfo=UTC))
    ]


def _daily_firsts(next_after, start: datetime, count: int) -> list[datetime]:  # type: ignore[no-untyped-def]
    """The first fire of each of ``count`` firing days: samples the day rule quickly."""
    out = []
    t = start
    for _ in range(count):
        fire = next_after(t)
        out.append(fire)
        t = datetime.combine(fire.date(), time(23, 59))
    return out


starts = st.datetimes(datetime(2024, 1, 1), datetime(2030, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0)
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(croniter_texts, starts)
def test_croniter_text_fires_as_croniter_iterates_it(text: str, start: datetime) -> None:
    """A croniter translation gives croniter's own next fires, and its first fire of each day."""
    cron = _check_against_reference("croniter", text)
    assume(cron is not None)
    assert cron is not None
    it = croniter(text, start)
    theirs = [it.get_next(datetime) for _ in range(12)]
    assert _fires(cron, start, 12) == theirs

    def croniter_next(t: datetime) -> datetime:
        result: datetime = croniter(text, t).get_next(datetime)
        return result

    def cronwall_next(t: datetime) -> datetime:
        return _fires(cron, t, 1)[0]

    assert _daily_firsts(cronwall_next, start, 25) == _daily_firsts(croniter_next, start, 25)


@settings(max_examples=EXAMPLES, deadline=None)
@given(apscheduler_texts, starts)
def test_apscheduler_text_fires_as_its_cron_trigger_does(text: str, start: datetime) -> None:
    """An APScheduler translation gives CronTrigger.from_crontab's fires (weekday 0 = Monday)."""
    cron = _check_against_reference("apscheduler", text)
    assume(cron is not None)
    assert cron is not None
    trigger = CronTrigger.from_crontab(text, timezone=UTC)

    def theirs(t: datetime) -> datetime:
        # get_next_fire_time returns the first fire at or after `now`: ask from a second later.
        fire = trigger.get_next_fire_time(None, t.replace(tzinfo=UTC) + timedelta(seconds=1))
        assert fire is not None
        result: datetime = fire.astimezone(UTC).replace(tzinfo=None)
        return result

    def ours(t: datetime) -> datetime:
        return _fires(cron, t, 1)[0]

    assert _daily_firsts(ours, start, 25) == _daily_firsts(theirs, start, 25)
    t = start
    for _ in range(12):
        assert ours(t) == theirs(t)
        t = ours(t)


@settings(max_examples=EXAMPLES, deadline=None)
@given(celery_texts, starts)
def test_celery_text_fires_on_celerys_own_sets(text: str, start: datetime) -> None:
    """A Celery translation fires on crontab.from_string's sets and remaining_estimate's times."""
    try:
        theirs = crontab.from_string(text)
    except ValueError:
        assume(False)
    cron = _check_against_reference("celery", text)
    assume(cron is not None)
    assert cron is not None
    assert set(cron.minutes) == theirs.minute
    assert set(cron.hours) == theirs.hour
    day = date(2024, 1, 1)
    while day.year < 2028:
        celery_fires = (
            day.month in theirs.month_of_year
            and day.day in theirs.day_of_month
            and (day.weekday() + 1) % 7 in theirs.day_of_week
        )
        assert cron.matches_day(day) == celery_fires, (text, day)
        day += timedelta(days=1)
    # Beat's own question, with a clock the test controls: after the last run, when next?
    t = start.replace(tzinfo=UTC)
    for _ in range(5):
        theirs.nowfun = lambda t=t: t
        celery_next = t + theirs.remaining_estimate(t)
        assert _fires(cron, t, 1) == [celery_next.replace(tzinfo=None)], (text, t)
        t = celery_next


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.one_of(quartz_texts(), quartz_texts(aws=True).map(lambda t: "aws:" + t)))
def test_quartz_and_aws_text_fires_as_their_documented_rules_say(text: str) -> None:
    """Quartz and EventBridge translations match their brute-force readers (no peer in Python)."""
    dialect: cronwall.Dialect = "aws" if text.startswith("aws:") else "quartz"
    _check_against_reference(dialect, text.removeprefix("aws:"))


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.one_of(jenkins_texts.map(lambda t: ("jenkins", t)), vixie_texts.map(lambda t: ("vixie", t)))
)
def test_jenkins_and_vixie_text_fires_as_their_rules_say(
    case: tuple[cronwall.Dialect, str],
) -> None:
    """Jenkins (both day fields must match) and Vixie (cronwall's rule) match their readers."""
    _check_against_reference(*case)


@settings(max_examples=EXAMPLES, deadline=None)
@given(expressions(), st.sampled_from(["", " /usr/bin/job", "\t/usr/bin/job --flag ☃"]))
def test_a_strict_expression_on_a_crontab_line_translates_to_itself(
    text: str, command: str
) -> None:
    """cronwall's grammar is Vixie's: a strict expression on a crontab line is unchanged."""
    assert translate(text + command, "vixie") == str(cronwall.parse(text))


noisy_texts = st.text(
    st.sampled_from(list("0123456789*/-,?#LWH@ \t\nCRON_TZ=abcdefjmnorstuvwy()\u0663")), max_size=40
)


@settings(max_examples=EXAMPLES * 5, deadline=None)
@given(noisy_texts, st.sampled_from(cronwall._translate.DIALECTS))
def test_any_text_translates_or_gets_cronwalls_own_error(
    text: str, dialect: cronwall.Dialect
) -> None:
    """Whatever the text, translate returns a strict expression or raises a CronwallError."""
    try:
        translated = translate(text, dialect)
    except cronwall.CronwallError:
        return
    assert str(cronwall.parse(translated)) == translated
