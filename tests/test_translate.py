"""translate(): other dialects in, the exactly equivalent strict expression out, or why not."""

from __future__ import annotations

import doctest
import io
import pickle
import re
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

import cronwall
from cronwall import CrontabLine, ExpressionError, TimezoneError, translate, translate_crontab_line

# The dialects' brute-force readers are shared with the property laws.
sys.path.insert(0, str(Path(__file__).parent / "property"))
from dialect_reference import READERS

# -- accepted: text in a dialect, and the canonical strict text it becomes ----------------------

ACCEPTED = [
    # croniter: day_or=True ORs the day fields unless one of them reads as '*' ...
    ("croniter", "0 0 1 * mon", "0 0 1 * 1"),
    # ... and '*/2' does not read as '*', so croniter ORs where cronwall would AND.
    ("croniter", "0 0 */2 * 1", "0 0 1-31/2 * 1"),
    ("croniter", "0 0 */2 * *", "0 0 1-31/2 * *"),
    # A full day list reads as '*' in croniter when the other field's text has a '*'.
    ("croniter", "0 0 1-31 * */2", "0 0 * * 0-6/2"),
    ("croniter", "5/15 * * * *", "5-50/15 * * * *"),
    # croniter's '59/15' is minute 59 alone.
    ("croniter", "59/15 * * * *", "59 * * * *"),
    ("croniter", "0 22-2 * * *", "0 */22,1,2,23 * * *"),
    ("croniter", "0 0 * * fri-mon", "0 0 * * 0,1,5,6"),
    # croniter reads 7 as Sunday before the range: 5-7 is Friday to Sunday.
    ("croniter", "0 0 * * 5-7", "0 0 * * 0,5,6"),
    ("croniter", "0 0 * * 0-7", "0 0 * * *"),
    ("croniter", "@daily", "0 0 * * *"),
    ("croniter", "@weekly", "0 0 * * 0"),
    ("croniter", "0 9 * * 1-5 0", "0 9 * * 1-5"),
    ("croniter", "0 9 * * 1-5 0 *", "0 9 * * 1-5"),
    ("croniter", "0 0 L 1,3,5 *", "0 0 31 1-5/2 *"),
    ("croniter", "0 0 ? * 1", "0 0 * * 1"),
    # quartz: seconds first, weekdays 1-7 from Sunday, '?' in one day field.
    ("quartz", "0 0 12 ? * MON-FRI", "0 12 * * 1-5"),
    ("quartz", "0 0 12 ? * 2-6", "0 12 * * 1-5"),
    ("quartz", "0 0 12 ? * 1", "0 12 * * 0"),
    ("quartz", "0 0/15 * * * ?", "*/15 * * * *"),
    # 'L' alone in the day of week is its last day, Saturday.
    ("quartz", "0 15 10 ? * L", "15 10 * * 6"),
    ("quartz", "0 0 12 L 4,6,9,11 ?", "0 12 30 4,6,9,11 *"),
    ("quartz", "0 0 12 L-2 1 ?", "0 12 29 1 *"),
    ("quartz", "0 0 12 1 * ? *", "0 12 1 * *"),
    ("quartz", "0 0 22-2 * * ?", "0 */22,1,2,23 * * *"),
    ("quartz", "0 0 0 ? * FRI-MON", "0 0 * * 0,1,5,6"),
    # aws: six fields with a year, optionally wrapped in cron(...).
    ("aws", "cron(0 12 ? * 2-6 *)", "0 12 * * 1-5"),
    ("aws", "0/10 * ? * MON-FRI *", "*/10 * * * 1-5"),
    ("aws", "15 10 L 1 ? *", "15 10 31 1 *"),
    # jenkins: both day fields must match; one of them '*' is the ordinary case.
    ("jenkins", "0 0 1 * *", "0 0 1 * *"),
    ("jenkins", "*/15 9-17 * * 1-5", "*/15 9-17 * * 1-5"),
    ("jenkins", "0 0 * * 7", "0 0 * * 0"),
    # Both restricted, but Sunday among the weekdays: '*/7' says "both" in cronwall.
    ("jenkins", "0 0 1-7 * 0", "0 0 1-7 * */7"),
    # vixie: cronwall's own grammar, plus shortcuts and the command after the fields.
    ("vixie", "0 9 * * mon-fri /usr/bin/report --daily", "0 9 * * 1-5"),
    ("vixie", "@hourly /usr/bin/poll", "0 * * * *"),
    ("vixie", "# nightly\nMAILTO=ops\n0 2 * * * backup", "0 2 * * *"),
    ("vixie", "0 0 1 * mon", "0 0 1 * 1"),
    # celery: both day fields must match, weekday 0 is Sunday, names, wrap-around ranges.
    ("celery", "0 0 */2 * 1", "0 0 */2 * 1"),
    ("celery", "0 0 1-7 * sun", "0 0 1-7 * */7"),
    ("celery", "0 0 1-31 * 1", "0 0 * * 1"),
    # Days 1-29 are every day February has.
    ("celery", "0 0 1-29 2 1", "0 0 * 2 1"),
    ("celery", "*/20 8-17 * * mon-fri", "*/20 8-17 * * 1-5"),
    ("celery", "0 0 * * friday", "0 0 * * 5"),
    # celery steps through the wrapped list 22, 23, 0, 1, 2: hours 22, 0 and 2.
    ("celery", "0 22-2/2 * * *", "0 */22,2 * * *"),
    # apscheduler: weekday 0 is Monday; 'last' is the month's last day.
    ("apscheduler", "0 9 * * 0-4", "0 9 * * 1-5"),
    ("apscheduler", "0 9 * * 6", "0 9 * * 0"),
    ("apscheduler", "0 9 * * mon-fri", "0 9 * * 1-5"),
    ("apscheduler", "30 6 last 4 *", "30 6 30 4 *"),
    ("apscheduler", "5/15 * * * *", "5-50/15 * * * *"),
    ("apscheduler", "0 0 1 * sun", "0 0 1 * */7"),
]


@pytest.mark.parametrize(("dialect", "text", "expected"), ACCEPTED)
def test_accepted_text_translates_to_its_canonical_strict_form(
    dialect: cronwall.Dialect, text: str, expected: str
) -> None:
    assert translate(text, dialect) == expected


@pytest.mark.parametrize(("dialect", "text", "expected"), ACCEPTED)
def test_translation_fires_on_the_same_wall_times_over_eight_years(
    dialect: cronwall.Dialect, text: str, expected: str
) -> None:
    reading = READERS[dialect](text)
    cron = cronwall.parse(translate(text, dialect))
    if dialect != "vixie":
        assert set(cron.minutes) == reading.minutes
        assert set(cron.hours) == reading.hours
    day = date(2024, 1, 1)
    while day.year < 2032:
        assert cron.matches_day(day) == reading.fires_on(day), day
        day += timedelta(days=1)


# -- refused: no exact five-field equivalent, or text the dialect itself rejects -----------------

REFUSED = [
    # Nth weekday of the month: a day-of-month list cannot say it.
    ("quartz", "0 0 12 ? * MON#2", ["second Monday", "'0 12 8-14 * *'"]),
    ("aws", "0 12 ? * 6#3 *", ["third Friday", "'0 12 15-21 * *'"]),
    ("croniter", "0 12 * * fri#5", ["fifth Friday", "'0 12 29-31 * *'"]),
    # Last weekday of the month.
    ("quartz", "0 0 12 ? * 6L", ["last such weekday"]),
    # Nearest weekday to a day: depends on the weekday the day falls on.
    ("quartz", "0 0 12 15W * ?", ["nearest a day"]),
    # 'L' across months of different lengths (or February) is no fixed day.
    ("quartz", "0 0 12 L * ?", ["last day of the month", "February"]),
    ("croniter", "0 0 L 4,5 *", ["months of different lengths"]),
    ("apscheduler", "0 0 last * *", ["last day of the month"]),
    # A seconds field other than 0 fires more than once a minute.
    ("quartz", "*/30 * * * * ?", ["seconds field '*/30'", "second(s) 0, 30"]),
    ("croniter", "* * * * * 15", ["second(s) 15", "only at second 0"]),
    # A year field other than '*' stops the schedule.
    ("aws", "0 0 1 * ? 2027", ["year field '2027'"]),
    ("quartz", "0 0 0 1 * ? 2026-2030", ["year field"]),
    # Both day fields restricted where the dialect needs both to match.
    ("celery", "0 0 1-7 * 1", ["both day 1-7 of the month and a Monday", "'0 0 1-7 * *'"]),
    ("apscheduler", "0 0 13 * fri", ["both day 13 of the month and a Friday"]),
    ("jenkins", "0 0 1 * 1", ["cannot say both"]),
    # Jenkins 'H' and its shortcuts are hashed per job.
    ("jenkins", "H H * * *", ["hashed minute", "cronwall.jitter"]),
    ("jenkins", "H(0-29)/10 * * * *", ["'H(0-29)/10'", "cronwall.jitter"]),
    ("jenkins", "@daily", ["'@daily'", "cronwall.jitter"]),
    # '@reboot' names no time.
    ("vixie", "@reboot /usr/bin/start", ["'@reboot' runs once when the cron daemon starts"]),
    # A zone on the line would be lost by an expression alone.
    ("vixie", "CRON_TZ=Europe/Paris 0 9 * * *", ["zone 'Europe/Paris'", "'0 9 * * *'"]),
    ("vixie", "CRON_TZ=Asia/Tokyo\n0 9 * * * job", ["zone 'Asia/Tokyo'"]),
    # cronie's TZ= line sets the command's environment only.
    ("vixie", "TZ=Asia/Tokyo\n0 9 * * * job", ["'TZ=' line sets the command's environment"]),
    # Vixie is cronwall's grammar: its errors are cronwall's, pointing into the line.
    ("vixie", "5/15 * * * * job", ["needs a range", "'5-59/15'"]),
    # croniter reads '5-5' as the whole field.
    ("croniter", "5-5 * * * *", ["one-value range '5-5' as every minute"]),
    # croniter's stepped wrap-around ranges restart by their own count.
    ("croniter", "0 22-2/3 * * *", ["stepped wrap-around hour range"]),
    # Never fires, in any dialect.
    ("celery", "0 0 30 2 *", ["never fires", "February"]),
    ("celery", "0 0 31 2 1", ["never fires"]),
    # Quartz needs '?' in exactly one day field.
    ("quartz", "0 0 12 * * MON", ["'?' in exactly one"]),
    ("aws", "0 12 ? * ? *", ["'?' in exactly one"]),
    # Values outside the dialect's own ranges.
    ("celery", "0 0 * * 7", ["value '7' is out of range 0-6"]),
    ("quartz", "0 0 0 ? * 0", ["value '0' is out of range 1-7"]),
    ("apscheduler", "0 0 * * 7", ["out of range 0-6"]),
    # Forms the dialect does not read.
    ("celery", "5/15 * * * *", ["does not read the step '5/15'"]),
    ("apscheduler", "0 0 * * mon-fri/2", ["ignores the rest"]),
    ("apscheduler", "0 0 * * 4-1", ["runs backwards"]),
    ("jenkins", "0 0 * JAN *", ["not a number"]),
    # Field counts.
    ("quartz", "0 12 * * ?", ["6 fields (seconds first)", "found 5"]),
    ("aws", "0 12 * * ?", ["6 fields", "found 5"]),
    ("croniter", "0 0 * * * * * *", ["found 8"]),
    # Not ASCII.
    ("celery", "0 0 * * \u0661", ["U+0661"]),
]


@pytest.mark.parametrize(("dialect", "text", "fragments"), REFUSED)
def test_text_without_an_exact_equivalent_is_refused_with_the_reason(
    dialect: cronwall.Dialect, text: str, fragments: list[str]
) -> None:
    with pytest.raises(ExpressionError) as caught:
        translate(text, dialect)
    for fragment in fragments:
        assert fragment in caught.value.message
    start, end = caught.value.span
    assert 0 <= start < end <= len(text)


def test_second_monday_message_names_the_day_and_a_schedule_to_start_from() -> None:
    with pytest.raises(ExpressionError) as caught:
        translate("0 0 12 ? * MON#2", "quartz")
    assert str(caught.value) == (
        "quartz 'MON#2' fires on the second Monday of each month; five-field cron cannot say "
        "'second Monday'; schedule '0 12 8-14 * *' and check the weekday in the job\n"
        "    0 0 12 ? * MON#2\n"
        "               ^^^^^"
    )
    assert caught.value.field == "day of week"
    assert caught.value.to_dict()["span"] == [11, 16]


def test_both_days_refusal_points_at_the_day_fields() -> None:
    with pytest.raises(ExpressionError) as caught:
        translate("0 0 1-7 * 1", "celery")
    assert str(caught.value).splitlines()[1:] == ["    0 0 1-7 * 1", "        ^^^^^^^"]
    assert caught.value.field == "day of month"


def test_hashed_value_refusal_names_jitter_as_the_way_to_spread_load() -> None:
    with pytest.raises(ExpressionError) as caught:
        translate("H/15 * * * *", "jenkins")
    assert caught.value.hint is not None
    assert "cronwall.jitter" in caught.value.hint


def test_refusal_survives_pickling_like_every_expression_error() -> None:
    with pytest.raises(ExpressionError) as caught:
        translate("0 0 1-7 * 1", "celery")
    again = pickle.loads(pickle.dumps(caught.value))
    assert str(again) == str(caught.value)


# -- crontab lines -----------------------------------------------------------------------------


def test_crontab_line_keeps_zone_and_command() -> None:
    line = translate_crontab_line("CRON_TZ=Europe/Paris\n30 2 * * 1-5 /usr/bin/backup --all")
    assert line == CrontabLine("30 2 * * 1-5", "Europe/Paris", "/usr/bin/backup --all")


def test_crontab_line_reads_a_zone_prefix_as_robfig_cron_does() -> None:
    line = translate_crontab_line("TZ=America/New_York 0 9 * * * run.sh")
    assert line == CrontabLine("0 9 * * *", "America/New_York", "run.sh")


def test_crontab_line_command_may_hold_any_character() -> None:
    line = translate_crontab_line("@daily echo 'café \u2603' > /tmp/x")
    assert line == CrontabLine("0 0 * * *", None, "echo 'café \u2603' > /tmp/x")


def test_crontab_line_read_from_a_file_may_keep_its_line_break() -> None:
    assert translate_crontab_line("0 9 * * * job\r\n") == CrontabLine("0 9 * * *", None, "job")


@pytest.mark.parametrize("text", ["# 0 9 * * * job", "MAILTO=ops", "0 9 * * * job\n1 2 * * * x"])
def test_crontab_text_that_is_not_one_entry_is_refused(text: str) -> None:
    # A comment, a setting, and two entries: translate takes one entry at a time.
    with pytest.raises(ExpressionError):
        translate_crontab_line(text)


def test_crontab_line_with_an_unknown_zone_raises_the_zone_error() -> None:
    with pytest.raises(TimezoneError):
        translate_crontab_line("CRON_TZ=Mars/Olympus 0 9 * * * run.sh")


def test_crontab_line_error_points_into_the_whole_line() -> None:
    with pytest.raises(ExpressionError) as caught:
        translate_crontab_line("MAILTO=ops\n0 25 * * * job")
    assert caught.value.span == (13, 15)
    assert caught.value.field == "hour"


# -- input checks ------------------------------------------------------------------------------


def test_text_over_512_characters_is_refused_before_any_reading() -> None:
    with pytest.raises(ExpressionError) as caught:
        translate("0 " * 300, "croniter")
    assert caught.value.reason == "text is 600 characters long; the limit is 512"


def test_unknown_dialect_is_a_cronwall_error_naming_the_dialects() -> None:
    with pytest.raises(cronwall.CronwallError) as caught:
        translate("* * * * *", "cronie")  # type: ignore[arg-type]
    assert "expected one of croniter, quartz, aws, jenkins, vixie, celery, apscheduler" in str(
        caught.value
    )
    assert caught.value.param == "dialect"


@pytest.mark.parametrize(("text", "dialect"), [(5, "croniter"), ("* * * * *", None)])
def test_wrong_types_are_type_errors(text: object, dialect: object) -> None:
    with pytest.raises(TypeError):
        translate(text, dialect)  # type: ignore[arg-type]


def test_long_tokens_are_capped_in_messages() -> None:
    text = "0 0 * * " + "x" * 400
    with pytest.raises(ExpressionError) as caught:
        translate(text, "celery")
    assert len(caught.value.message) < 200
    assert "more characters" in caught.value.message


@pytest.mark.parametrize("dialect", cronwall._translate.DIALECTS)
def test_hostile_text_gets_an_expression_error_in_every_dialect(
    dialect: cronwall.Dialect,
) -> None:
    for text in ["", " ", "\x00", "*" * 512, ",,,,, * * * *", "1-2-3 * * * *", "@", "cron("]:
        with pytest.raises(ExpressionError):
            translate(text, dialect)


def test_the_dialects_guide_examples_print_what_it_shows() -> None:
    guide = Path(__file__).resolve().parent.parent / "docs" / "dialects.md"
    blocks = re.findall(r"^```pycon\n(.*?)^```$", guide.read_text("utf-8"), re.M | re.S)
    assert len(blocks) == 2
    test = doctest.DocTestParser().get_doctest("\n".join(blocks), {}, "dialects.md", None, 0)
    runner = doctest.DocTestRunner()
    report = io.StringIO()
    runner.run(test, out=report.write)
    assert runner.failures == 0, report.getvalue()
