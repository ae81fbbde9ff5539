"""cronwall.pydantic: field types for pydantic v2 models, through real pydantic and FastAPI."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from datetime import datetime, timezone
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

import cronwall
from cronwall import CronwallError, Schedule, validate_schedule
from cronwall.pydantic import CronExpression, CronSchedule, IanaTimezone

NOW = datetime(2026, 3, 17, 15, 0, tzinfo=timezone.utc)
WEEKDAYS_AT_NINE = {"type": "cron", "expression": "0 9 * * MON-FRI", "timezone": "America/New_York"}

# Every JSON value: what a request body can hold.
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(["cron", "Cron", "0 9 * * *", "5/15 * * * *", "UTC", "america/new_york"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["type", "expression", "timezone", "tz", "last_run_at"])
            | st.text(max_size=5),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


def five_slash_fifteen_error(loc: object) -> dict[str, object]:
    """The whole error pydantic reports for the expression '5/15 * * * *' at ``loc``."""
    return {
        "type": "cron_expression",
        "loc": loc,
        "msg": "minute step '5/15' needs a range; did you mean '5-59/15'?",
        "input": "5/15 * * * *",
        "ctx": {
            "code": "invalid_expression",
            "field": "minute",
            "span": [0, 4],
            "suggestion": "5-59/15 * * * *",
            "hint": "did you mean '5-59/15'?",
            "reason": "minute step '5/15' needs a range",
        },
    }


class Check(BaseModel):
    expression: CronExpression
    timezone: IanaTimezone


class Job(BaseModel):
    name: str
    schedule: CronSchedule


class JobCreated(BaseModel):
    id: str
    schedule: CronSchedule


app = FastAPI()


@app.post("/check")
def check(body: Check) -> dict[str, str]:
    return {"expression": str(body.expression), "timezone": body.timezone}


@app.post("/jobs", status_code=201)
def create_job(job: Job) -> JobCreated:
    return JobCreated(id="job_1", schedule=job.schedule)


client = TestClient(app, raise_server_exceptions=False)


def errors_of(model: type[BaseModel], data: Any) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return caught.value.errors(include_url=False)


class TestCronExpression:
    def test_a_valid_expression_becomes_a_cron(self) -> None:
        checked = Check.model_validate({"expression": "0 9 * * MON-FRI", "timezone": "UTC"})
        assert checked.expression == cronwall.parse("0 9 * * 1-5")
        assert type(checked.expression) is cronwall.Cron

    def test_a_cron_is_accepted_as_it_is(self) -> None:
        cron = cronwall.parse("*/15 * * * *")
        assert Check(expression=cron, timezone="UTC").expression is cron

    def test_json_mode_serialises_the_canonical_text_and_python_mode_keeps_the_cron(self) -> None:
        checked = Check.model_validate({"expression": " 0 9 * * MON-FRI ", "timezone": "UTC"})
        assert checked.model_dump(mode="json") == {"expression": "0 9 * * 1-5", "timezone": "UTC"}
        assert checked.model_dump_json() == '{"expression":"0 9 * * 1-5","timezone":"UTC"}'
        assert checked.model_dump()["expression"] is checked.expression

    def test_an_invalid_expression_is_a_cron_expression_error_with_cronwalls_structure(
        self,
    ) -> None:
        assert errors_of(Check, {"expression": "5/15 * * * *", "timezone": "UTC"}) == [
            five_slash_fifteen_error(("expression",))
        ]

    def test_a_number_is_a_cron_expression_error_not_a_crash(self) -> None:
        (error,) = errors_of(Check, {"expression": 15, "timezone": "UTC"})
        assert (error["type"], error["msg"], error["ctx"]["code"]) == (
            "cron_expression",
            "expression must be a string, not a number",
            "parameter_invalid_type",
        )

    def test_braces_in_the_text_are_shown_as_they_are(self) -> None:
        # pydantic fills message templates from ctx: the client's text must not be read as one.
        text = "{hint} {reason} {span} * *"
        (error,) = errors_of(Check, {"expression": text, "timezone": "UTC"})
        with pytest.raises(CronwallError) as caught:
            cronwall.parse(text)
        assert error["msg"] == caught.value.message
        assert "{hint}" in error["msg"]

    def test_a_huge_expression_is_rejected_and_echoed_shortened(self) -> None:
        (error,) = errors_of(Check, {"expression": "1" * 1_000_000, "timezone": "UTC"})
        assert error["msg"] == "expression is 1000000 characters long; the limit is 512"
        assert error["input"] == "1" * 100 + "\N{HORIZONTAL ELLIPSIS} (999900 more characters)"

    @settings(max_examples=200, deadline=None)
    @given(text=st.text(max_size=40) | st.sampled_from(["0 9 * * *", "*/5 1-3 * JAN MON"]))
    def test_any_text_gets_exactly_cronwalls_answer(self, text: str) -> None:
        """The type accepts what parse() accepts, and rejects the rest with parse()'s message."""
        try:
            expected: cronwall.Cron | CronwallError = cronwall.parse(text)
        except CronwallError as error:
            expected = error
        adapter = TypeAdapter(CronExpression)
        if isinstance(expected, cronwall.Cron):
            assert adapter.validate_python(text) == expected
            return
        with pytest.raises(ValidationError) as caught:
            adapter.validate_python(text)
        (error,) = caught.value.errors()
        assert error["msg"] == expected.message
        assert error["ctx"]["reason"] == expected.to_dict()["reason"]


class TestIanaTimezone:
    def test_a_zone_name_is_kept_as_the_name(self) -> None:
        checked = Check.model_validate({"expression": "* * * * *", "timezone": "US/Pacific"})
        assert checked.timezone == "US/Pacific"
        assert type(checked.timezone) is str

    @pytest.mark.parametrize(
        ("name", "message"),
        [
            # Names are case-sensitive, with a hint.
            (
                "america/new_york",
                "unknown timezone 'america/new_york'; names are case-sensitive; "
                "did you mean 'America/New_York'?",
            ),
            # A file of the zone database, not a zone.
            ("posixrules", "'posixrules' is not an IANA time zone name"),
            # A path.
            ("../etc/passwd", "timezone '../etc/passwd' is a path, not an IANA name"),
            # Empty.
            ("", "timezone is empty; use an IANA name such as 'UTC' or 'America/New_York'"),
            # Far too long to be a name.
            ("A" * 100_000, "timezone name is 100000 characters long; no IANA name is"),
        ],
    )
    def test_a_name_cronwall_rejects_is_a_cron_timezone_error(
        self, name: str, message: str
    ) -> None:
        (error,) = errors_of(Check, {"expression": "* * * * *", "timezone": name})
        assert (error["type"], error["loc"], error["msg"]) == (
            "cron_timezone",
            ("timezone",),
            message,
        )
        assert error["ctx"]["code"] == "invalid_timezone"

    @pytest.mark.parametrize("value", [None, 0, ["UTC"], {"name": "UTC"}, True])
    def test_a_value_that_is_not_a_string_is_a_cron_timezone_error(self, value: object) -> None:
        (error,) = errors_of(Check, {"expression": "* * * * *", "timezone": value})
        assert (error["type"], error["ctx"]["code"]) == ("cron_timezone", "parameter_invalid_type")
        assert error["msg"].startswith("timezone must be a string, not ")


class TestCronSchedule:
    def test_a_schedule_object_becomes_a_schedule(self) -> None:
        job = Job.model_validate({"name": "report", "schedule": WEEKDAYS_AT_NINE})
        assert job.schedule == Schedule("0 9 * * 1-5", "America/New_York")

    def test_a_schedule_is_accepted_as_it_is(self) -> None:
        schedule = Schedule("0 9 * * *", "Europe/Berlin")
        assert Job(name="report", schedule=schedule).schedule is schedule

    def test_json_mode_serialises_the_three_key_object_with_the_canonical_expression(
        self,
    ) -> None:
        job = Job.model_validate({"name": "report", "schedule": WEEKDAYS_AT_NINE})
        assert job.model_dump(mode="json") == {
            "name": "report",
            "schedule": {
                "type": "cron",
                "expression": "0 9 * * 1-5",
                "timezone": "America/New_York",
            },
        }
        assert type(job.model_dump()["schedule"]) is Schedule

    def test_a_model_round_trips_through_json(self) -> None:
        job = Job.model_validate({"name": "report", "schedule": WEEKDAYS_AT_NINE})
        assert Job.model_validate(job.model_dump(mode="json")) == job
        assert Job.model_validate_json(job.model_dump_json()) == job
        assert Job.model_validate(job.model_dump()) == job

    def test_a_dst_policy_is_kept_through_json_and_only_when_it_is_not_the_default(
        self,
    ) -> None:
        body = {**WEEKDAYS_AT_NINE, "gap": "late", "fold": "first"}
        job = Job.model_validate({"name": "report", "schedule": body})
        assert job.schedule == Schedule("0 9 * * 1-5", "America/New_York", gap="late", fold="first")
        assert job.model_dump(mode="json")["schedule"] == {**body, "expression": "0 9 * * 1-5"}
        assert Job.model_validate_json(job.model_dump_json()) == job
        literal = Job.model_validate({"name": "report", "schedule": {**body, "gap": "skip"}})
        assert set(literal.model_dump(mode="json")["schedule"]) == {
            "type",
            "expression",
            "timezone",
            "fold",
        }

    def test_an_unknown_policy_is_a_cron_schedule_error_at_its_key(self) -> None:
        errors = errors_of(Job, {"name": "r", "schedule": {**WEEKDAYS_AT_NINE, "fold": "once"}})
        assert [(e["type"], e["loc"], e["ctx"]["code"]) for e in errors] == [
            ("cron_schedule", ("schedule", "fold"), "parameter_invalid_value")
        ]

    def test_a_response_sent_back_unchanged_is_accepted(self) -> None:
        sent_back = validate_schedule(WEEKDAYS_AT_NINE, now=NOW, warn=True)
        job = Job.model_validate_json(json.dumps({"name": "report", "schedule": sent_back}))
        assert job.schedule == Schedule("0 9 * * 1-5", "America/New_York")

    def test_each_error_points_at_the_offending_key(self) -> None:
        bad_expression = {**WEEKDAYS_AT_NINE, "expression": "5/15 * * * *"}
        bad_zone = {**WEEKDAYS_AT_NINE, "timezone": "Mars/Olympus"}
        unknown = {**WEEKDAYS_AT_NINE, "timeZone": "UTC"}
        cases = [
            (bad_expression, "cron_expression", ("schedule", "expression"), "5/15 * * * *"),
            (bad_zone, "cron_timezone", ("schedule", "timezone"), "Mars/Olympus"),
            (unknown, "cron_schedule", ("schedule", "timeZone"), "UTC"),
            (
                {**WEEKDAYS_AT_NINE, "type": "interval"},
                "cron_schedule",
                ("schedule", "type"),
                "interval",
            ),
            ("0 9 * * *", "cron_schedule", ("schedule",), "0 9 * * *"),
        ]
        for schedule, kind, loc, offending in cases:
            (error,) = errors_of(Job, {"name": "x", "schedule": schedule})
            assert (error["type"], error["loc"], error["input"]) == (kind, loc, offending)

    def test_a_missing_key_points_at_the_key_and_echoes_the_object(self) -> None:
        (error,) = errors_of(Job, {"name": "x", "schedule": {"type": "cron", "timezone": "UTC"}})
        assert error == {
            "type": "cron_expression",
            "loc": ("schedule", "expression"),
            "msg": "schedule expression is required; for example '0 9 * * 1-5'",
            "input": {"type": "cron", "timezone": "UTC"},
            "ctx": {
                "code": "parameter_missing",
                "hint": "for example '0 9 * * 1-5'",
                "reason": "schedule expression is required",
            },
        }

    def test_an_unknown_key_keeps_its_did_you_mean(self) -> None:
        (error,) = errors_of(Job, {"name": "x", "schedule": {**WEEKDAYS_AT_NINE, "tz": "UTC"}})
        assert error["msg"] == (
            "schedule has unknown key 'tz' (the keys are 'type', 'expression', 'timezone'); "
            "did you mean 'timezone'?"
        )
        assert error["ctx"] == {
            "code": "parameter_unknown",
            "hint": "did you mean 'timezone'?",
            "reason": "schedule has unknown key 'tz' "
            "(the keys are 'type', 'expression', 'timezone')",
        }

    def test_nested_junk_is_echoed_shortened(self) -> None:
        junk = [[[["deep"]]], list(range(1000))]
        (error,) = errors_of(Job, {"name": "x", "schedule": junk})
        # Two levels are shown; deeper or larger containers are described.
        assert error["input"] == [["an array of 1 item"], "an array of 1000 items"]
        assert error["msg"] == "schedule must be an object, not an array"

    @settings(max_examples=300, deadline=None)
    @given(body=JSON)
    def test_the_type_and_validate_schedule_give_the_same_answer(self, body: object) -> None:
        """CronSchedule accepts what validate_schedule accepts, with its message and its param."""
        try:
            validate_schedule(body, now=NOW)
        except CronwallError as expected:
            with pytest.raises(ValidationError) as caught:
                TypeAdapter(CronSchedule).validate_python(body)
            (error,) = caught.value.errors()
            assert error["msg"] == expected.message
            assert error["ctx"]["code"] == expected.to_dict()["code"]
            assert ".".join(("schedule", *map(str, error["loc"]))) == expected.param
        else:
            assert isinstance(TypeAdapter(CronSchedule).validate_python(body), Schedule)

    def test_the_json_schema_is_an_object_with_a_pattern_examples_and_the_dst_rule(self) -> None:
        assert TypeAdapter(CronSchedule).json_schema() == {
            "type": "object",
            "title": "CronSchedule",
            "description": "A cron expression evaluated in an IANA time zone. Wall-clock times "
            "in the zone are matched literally: a time that a daylight-saving change skips does "
            "not run, and a time that it repeats runs twice, once at each offset, unless 'gap' or "
            "'fold' names another policy.",
            "properties": {
                "type": {"type": "string", "const": "cron"},
                "expression": {
                    "type": "string",
                    "pattern": r"^[ \t]*[^ \t]+([ \t]+[^ \t]+){4}[ \t]*$",
                    "maxLength": 512,
                    "description": "A five-field POSIX cron expression: minute, hour, day of "
                    "month, month, day of week. Responses carry its canonical form.",
                    "examples": ["0 9 * * 1-5", "*/15 * * * *", "30 2 1 * *"],
                },
                "timezone": {
                    "type": "string",
                    "minLength": 1,
                    "description": "An IANA time-zone name, matched exactly (case-sensitive).",
                    "examples": ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata"],
                },
                "gap": {
                    "type": "string",
                    "enum": ["skip", "late"],
                    "default": "skip",
                    "description": "What a matching wall time in a spring-forward gap does: "
                    "'skip' (never fires) or 'late' (fires once, at the end of the gap).",
                },
                "fold": {
                    "type": "string",
                    "enum": ["both", "first", "last"],
                    "default": "both",
                    "description": "What a matching wall time in a fall-back fold does: 'both' "
                    "(fires in each pass), 'first' or 'last' (fires in that pass only).",
                },
            },
            "required": ["type", "expression", "timezone"],
            "additionalProperties": False,
            "examples": [
                {"type": "cron", "expression": "0 9 * * 1-5", "timezone": "America/New_York"}
            ],
        }

    def test_the_schema_pattern_admits_every_expression_cronwall_accepts(self) -> None:
        import re

        pattern = re.compile(TypeAdapter(CronExpression).json_schema()["pattern"])
        for text in [
            "0 9 * * 1-5",
            " \t*/15  *\t* * *  ",
            "0 0 29 2 *",
            "1,2,3 4-5/1 * JAN-MAR SUN",
        ]:
            cronwall.parse(text)
            assert pattern.match(text)
        assert not pattern.match("0 9 * *")
        assert not pattern.match("0 9 * * * *")


class TestFastAPI:
    def test_an_invalid_expression_gets_a_422_that_carries_span_and_hint(self) -> None:
        response = client.post("/check", json={"expression": "5/15 * * * *", "timezone": "UTC"})
        assert response.status_code == 422
        assert response.json() == {"detail": [five_slash_fifteen_error(["body", "expression"])]}

    def test_an_error_inside_a_schedule_object_is_located_at_its_key(self) -> None:
        response = client.post(
            "/jobs",
            json={"name": "x", "schedule": {**WEEKDAYS_AT_NINE, "expression": "5/15 * * * *"}},
        )
        assert response.status_code == 422
        (detail,) = response.json()["detail"]
        assert detail["loc"] == ["body", "schedule", "expression"]
        assert detail["ctx"]["span"] == [0, 4]

    def test_a_valid_request_is_answered_with_the_canonical_object(self) -> None:
        response = client.post("/jobs", json={"name": "report", "schedule": WEEKDAYS_AT_NINE})
        assert response.status_code == 201
        assert response.json() == {
            "id": "job_1",
            "schedule": {
                "type": "cron",
                "expression": "0 9 * * 1-5",
                "timezone": "America/New_York",
            },
        }

    def test_the_openapi_document_describes_the_schedule_object(self) -> None:
        document = client.get("/openapi.json").json()
        schemas = document["components"]["schemas"]
        expected = TypeAdapter(CronSchedule).json_schema()
        assert schemas["Job"]["properties"]["schedule"] == expected
        assert schemas["JobCreated"]["properties"]["schedule"] == expected
        check = schemas["Check"]["properties"]
        expression = TypeAdapter(CronExpression).json_schema()
        assert check["expression"] == {**expression, "title": "Expression"}
        assert check["timezone"]["examples"][:2] == ["UTC", "America/New_York"]
        assert "enum" not in check["timezone"]

    @pytest.mark.parametrize(
        "schedule",
        [
            "x" * 5_000_000,  # a huge string where the object goes
            {**WEEKDAYS_AT_NINE, "expression": "* " * 1_000_000},  # a huge expression
            {**WEEKDAYS_AT_NINE, "timezone": "Europe/" * 100_000},  # a huge zone name
            {**WEEKDAYS_AT_NINE, "x" * 100_000: 1},  # a huge unknown key
            {**WEEKDAYS_AT_NINE, **{str(i): i for i in range(50_000)}},  # many unknown keys
            {**WEEKDAYS_AT_NINE, "expression": {"expression": "0 9 * * *"}},  # nested object
            {**WEEKDAYS_AT_NINE, "timezone": [[[[["UTC"]]]]]},  # nested arrays
            {**WEEKDAYS_AT_NINE, "type": 1e308},  # a huge number
            [WEEKDAYS_AT_NINE],  # the object inside an array
            None,  # null
        ],
    )
    def test_hostile_bodies_get_a_422_never_a_500(self, schedule: object) -> None:
        response = client.post("/jobs", json={"name": "x", "schedule": schedule})
        assert response.status_code == 422
        assert len(response.content) < 2_000  # nothing huge is echoed back

    @settings(max_examples=100, deadline=None)
    @given(schedule=JSON)
    def test_any_json_value_gets_a_201_or_a_422(self, schedule: object) -> None:
        response = client.post("/jobs", json={"name": "x", "schedule": schedule})
        assert response.status_code in (201, 422)


def run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


class TestImports:
    def test_importing_cronwall_imports_no_framework(self) -> None:
        out = run(
            """
            import sys
            import cronwall
            schedule = {"type": "cron", "expression": "* * * * *", "timezone": "UTC"}
            cronwall.validate_schedule(schedule, warn=True)
            frameworks = ["pydantic", "pydantic_core", "fastapi", "hypothesis", "celery"]
            frameworks += ["apscheduler", "starlette"]
            print(sorted(name for name in frameworks if name in sys.modules))
            """
        )
        assert out.strip() == "[]"

    def test_without_pydantic_the_import_names_the_extra(self) -> None:
        out = run(
            """
            import sys
            sys.modules["pydantic"] = None  # as if pydantic were not installed
            try:
                import cronwall.pydantic
            except ModuleNotFoundError as error:
                print(error.name, "|", error)
            """
        )
        assert out.strip() == (
            "pydantic | cronwall.pydantic needs pydantic 2: pip install 'cronwall[pydantic]'"
        )
