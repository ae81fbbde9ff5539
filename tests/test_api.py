"""Schedule objects as web APIs carry them: validation with 400-ready errors, and rendering."""

from __future__ import annotations

import json
import pickle
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta, timezone
from types import MappingProxyType
from typing import Any, get_type_hints

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typing_extensions import is_typeddict

from cronwall import (
    CronwallError,
    DstWarningDict,
    ExpressionError,
    ParameterError,
    Schedule,
    ScheduleDict,
    TimezoneError,
    ValidatedScheduleDict,
    validate_schedule,
)

UTC = timezone.utc
NOW = datetime(2026, 3, 17, 15, 0, tzinfo=UTC)
WEEKDAYS_AT_NINE = {
    "type": "cron",
    "expression": "0 9 * * 1-5",
    "timezone": "America/Los_Angeles",
}


# Every JSON value: what json.loads can give a handler.
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(["cron", "* * * * *", "UTC", "America/New_York", "5/15 * * * *"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["type", "expression", "timezone", "tz", "warnings"])
            | st.text(max_size=5),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


def error_for(obj: Any) -> dict[str, Any]:
    with pytest.raises(CronwallError) as caught:
        validate_schedule(obj, now=NOW)
    body = caught.value.to_dict()
    json.dumps(body)  # ready for a response body as it is
    return body


class TestValidSchedules:
    def test_a_valid_schedule_comes_back_with_its_next_five_runs(self) -> None:
        assert validate_schedule(WEEKDAYS_AT_NINE, now=NOW) == {
            "type": "cron",
            "expression": "0 9 * * 1-5",
            "timezone": "America/Los_Angeles",
            "last_run_at": None,
            "upcoming_runs_at": [
                "2026-03-17T16:00:00Z",
                "2026-03-18T16:00:00Z",
                "2026-03-19T16:00:00Z",
                "2026-03-20T16:00:00Z",
                "2026-03-23T16:00:00Z",
            ],
        }

    def test_the_expression_comes_back_in_canonical_form(self) -> None:
        result = validate_schedule(
            {"type": "cron", "expression": "  0 9 * * MON-FRI ", "timezone": "UTC"}, now=NOW
        )
        assert result["expression"] == "0 9 * * 1-5"

    def test_the_time_zone_comes_back_as_given_links_included(self) -> None:
        result = validate_schedule(
            {"type": "cron", "expression": "0 9 * * *", "timezone": "US/Pacific"}, now=NOW
        )
        assert result["timezone"] == "US/Pacific"
        assert result["upcoming_runs_at"][0] == "2026-03-17T16:00:00Z"

    def test_count_sets_how_many_upcoming_runs(self) -> None:
        assert len(validate_schedule(WEEKDAYS_AT_NINE, now=NOW, count=2)["upcoming_runs_at"]) == 2
        assert validate_schedule(WEEKDAYS_AT_NINE, now=NOW, count=0)["upcoming_runs_at"] == []

    def test_runs_are_strictly_after_now(self) -> None:
        at_a_run = datetime(2026, 3, 17, 16, 0, tzinfo=UTC)
        runs = validate_schedule(WEEKDAYS_AT_NINE, now=at_a_run, count=1)["upcoming_runs_at"]
        assert runs == ["2026-03-18T16:00:00Z"]

    def test_now_defaults_to_the_current_time(self) -> None:
        before = datetime.now(UTC)
        (first,) = validate_schedule(WEEKDAYS_AT_NINE, count=1)["upcoming_runs_at"]
        assert before < datetime.fromisoformat(first.replace("Z", "+00:00"))

    def test_now_may_be_in_any_zone(self) -> None:
        local = NOW.astimezone(timezone(timedelta(hours=-7)))
        assert validate_schedule(WEEKDAYS_AT_NINE, now=local) == validate_schedule(
            WEEKDAYS_AT_NINE, now=NOW
        )

    def test_a_fold_lists_both_runs(self) -> None:
        result = validate_schedule(
            {"type": "cron", "expression": "30 1 * * *", "timezone": "America/New_York"},
            now=datetime(2026, 11, 1, 0, 0, tzinfo=UTC),
            count=3,
        )
        assert result["upcoming_runs_at"] == [
            "2026-11-01T05:30:00Z",
            "2026-11-01T06:30:00Z",
            "2026-11-02T06:30:00Z",
        ]

    def test_runs_end_at_year_9999(self) -> None:
        result = validate_schedule(
            {"type": "cron", "expression": "0 0 31 12 *", "timezone": "UTC"},
            now=datetime(9998, 6, 1, tzinfo=UTC),
        )
        assert result["upcoming_runs_at"] == ["9998-12-31T00:00:00Z", "9999-12-31T00:00:00Z"]

    def test_read_only_keys_are_ignored_on_input(self) -> None:
        sent_back = {
            **WEEKDAYS_AT_NINE,
            "last_run_at": "2026-03-16T16:00:00Z",
            "upcoming_runs_at": ["anything", 42],
            "warnings": None,
        }
        assert validate_schedule(sent_back, now=NOW) == validate_schedule(WEEKDAYS_AT_NINE, now=NOW)

    def test_any_mapping_will_do(self) -> None:
        class Only(Mapping[str, Any]):
            def __getitem__(self, key: str) -> Any:
                return WEEKDAYS_AT_NINE[key]

            def __iter__(self) -> Iterator[str]:
                return iter(WEEKDAYS_AT_NINE)

            def __len__(self) -> int:
                return len(WEEKDAYS_AT_NINE)

        expected = validate_schedule(WEEKDAYS_AT_NINE, now=NOW)
        assert validate_schedule(MappingProxyType(WEEKDAYS_AT_NINE), now=NOW) == expected
        assert validate_schedule(Only(), now=NOW) == expected

    def test_the_result_is_json_ready(self) -> None:
        result = validate_schedule(WEEKDAYS_AT_NINE, now=NOW, warn=True)
        assert json.loads(json.dumps(result)) == result


class TestWarnings:
    # America/New_York: forward 02:00 -> 03:00 on 2026-03-08, back 02:00 -> 01:00 on 2026-11-01.

    def test_warn_lists_the_dst_hazards_of_the_next_year(self) -> None:
        result = validate_schedule(
            {"type": "cron", "expression": "30 1,2 * * *", "timezone": "America/New_York"},
            now=datetime(2026, 1, 1, tzinfo=UTC),
            warn=True,
        )
        assert [(w["kind"], w["wall_times"], w["runs_at"]) for w in result["warnings"]] == [
            ("gap", ["2026-03-08T02:30:00"], []),
            ("fold", ["2026-11-01T01:30:00"], ["2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z"]),
        ]
        assert result["warnings"][0]["message"] == (
            "no run at 02:30 on 2026-03-08: America/New_York clocks go forward 1 hour at 02:00, "
            "so that wall time is skipped"
        )

    def test_every_minute_gets_one_warning_per_clock_change_not_one_per_run(self) -> None:
        result = validate_schedule(
            {"type": "cron", "expression": "* * * * *", "timezone": "America/New_York"},
            now=datetime(2026, 1, 1, tzinfo=UTC),
            warn=True,
        )
        assert result["warnings"] == [
            {
                "kind": "gap",
                "message": "60 runs skipped on 2026-03-08 (02:00, 02:01, 02:02 and 57 more): "
                "America/New_York clocks go forward 1 hour at 02:00, "
                "so those wall times do not exist",
                "timezone": "America/New_York",
                "transition_at": "2026-03-08T07:00:00Z",
                "offset_before": "-05:00",
                "offset_after": "-04:00",
                "wall_time_count": 60,
                "wall_times": ["2026-03-08T02:00:00", "2026-03-08T02:01:00", "2026-03-08T02:02:00"],
                "runs_at": [],
            },
            {
                "kind": "fold",
                "message": "60 runs doubled on 2026-11-01 (01:00, 01:01, 01:02 and 57 more): "
                "America/New_York clocks go back 1 hour at 02:00, so those wall times happen twice",
                "timezone": "America/New_York",
                "transition_at": "2026-11-01T06:00:00Z",
                "offset_before": "-04:00",
                "offset_after": "-05:00",
                "wall_time_count": 60,
                "wall_times": ["2026-11-01T01:00:00", "2026-11-01T01:01:00", "2026-11-01T01:02:00"],
                "runs_at": [
                    "2026-11-01T05:00:00Z",
                    "2026-11-01T06:00:00Z",
                    "2026-11-01T05:01:00Z",
                    "2026-11-01T06:01:00Z",
                    "2026-11-01T05:02:00Z",
                    "2026-11-01T06:02:00Z",
                ],
            },
        ]

    def test_a_few_wall_times_in_one_change_are_all_listed(self) -> None:
        result = validate_schedule(
            {"type": "cron", "expression": "0,20,40 2 * * *", "timezone": "America/New_York"},
            now=datetime(2026, 1, 1, tzinfo=UTC),
            warn=True,
        )
        (gap,) = result["warnings"]
        assert gap["message"] == (
            "3 runs skipped on 2026-03-08 (02:00, 02:20 and 02:40): America/New_York clocks go "
            "forward 1 hour at 02:00, so those wall times do not exist"
        )
        assert gap["wall_time_count"] == 3

    def test_the_counts_add_up_to_the_hazards_of_the_same_year(self) -> None:
        schedule = Schedule("*/5 * * * *", "Australia/Lord_Howe")
        start = datetime(2026, 1, 1, tzinfo=UTC)
        hazards = schedule.dst_hazards(start, start + timedelta(days=365))
        result = validate_schedule(
            {"type": "cron", "expression": "*/5 * * * *", "timezone": "Australia/Lord_Howe"},
            now=start,
            warn=True,
        )
        # Lord Howe moves its clocks by 30 minutes: six five-minute runs per change.
        assert [w["wall_time_count"] for w in result["warnings"]] == [6, 6]
        assert sum(w["wall_time_count"] for w in result["warnings"]) == len(hazards)

    def test_the_next_year_starts_at_now(self) -> None:
        result = validate_schedule(
            {"type": "cron", "expression": "30 1,2 * * *", "timezone": "America/New_York"},
            now=datetime(2026, 6, 1, tzinfo=UTC),
            warn=True,
        )
        assert [w["wall_times"] for w in result["warnings"]] == [
            ["2026-11-01T01:30:00"],
            ["2027-03-14T02:30:00"],
        ]

    def test_a_schedule_clear_of_transitions_has_an_empty_warnings_list(self) -> None:
        assert validate_schedule(WEEKDAYS_AT_NINE, now=NOW, warn=True)["warnings"] == []

    def test_without_warn_there_is_no_warnings_key(self) -> None:
        assert "warnings" not in validate_schedule(WEEKDAYS_AT_NINE, now=NOW)

    def test_warnings_near_the_end_of_time_do_not_overflow(self) -> None:
        result = validate_schedule(
            {"type": "cron", "expression": "30 1 * * *", "timezone": "America/New_York"},
            now=datetime(9999, 6, 1, tzinfo=UTC),
            warn=True,
        )
        assert [w["wall_times"] for w in result["warnings"]] == [["9999-11-07T01:30:00"]]


class TestErrorResponses:
    def test_an_expression_error_carries_its_span_and_hint(self) -> None:
        assert error_for({"type": "cron", "expression": "5/15 * * * *", "timezone": "UTC"}) == {
            "type": "invalid_request_error",
            "code": "invalid_expression",
            "message": "minute step '5/15' needs a range; did you mean '5-59/15'?",
            "param": "schedule.expression",
            "expression": "5/15 * * * *",
            "field": "minute",
            "span": [0, 4],
            "reason": "minute step '5/15' needs a range",
            "hint": "did you mean '5-59/15'?",
            "suggestion": "5-59/15 * * * *",
        }

    def test_an_unknown_time_zone_names_the_timezone_param(self) -> None:
        body = error_for(
            {"type": "cron", "expression": "0 9 * * *", "timezone": "america/new_york"}
        )
        assert body["param"] == "schedule.timezone"
        assert body["code"] == "invalid_timezone"
        assert body["hint"] == "did you mean 'America/New_York'?"

    def test_unknown_keys_are_rejected_naming_every_one(self) -> None:
        body = error_for({**WEEKDAYS_AT_NINE, "tz": "UTC", "paused": True})
        assert body == {
            "type": "invalid_request_error",
            "code": "parameter_unknown",
            "message": "schedule has unknown keys 'tz' and 'paused' "
            "(the keys are 'type', 'expression', 'timezone'); did you mean 'timezone' for 'tz'?",
            "param": "schedule.tz",
            "reason": "schedule has unknown keys 'tz' and 'paused' "
            "(the keys are 'type', 'expression', 'timezone')",
            "hint": "did you mean 'timezone' for 'tz'?",
        }

    def test_a_close_misspelling_gets_a_suggestion(self) -> None:
        body = error_for({"type": "cron", "cronExpression": "* * * * *", "timezone": "UTC"})
        assert body["message"] == (
            "schedule has unknown key 'cronExpression' (the keys are 'type', 'expression', "
            "'timezone'); did you mean 'expression'?"
        )

    def test_a_key_with_punctuation_gets_no_suggestion(self) -> None:
        # Close to 'expression', but braces are no typo: nothing is quoted back in a hint.
        body = error_for({**WEEKDAYS_AT_NINE, "expression{reason}": 1, "x": 2})
        assert body["hint"] is None

    def test_a_dashed_key_still_gets_its_suggestion(self) -> None:
        body = error_for({"type": "cron", "cron-expression": "* * * * *", "timezone": "UTC"})
        assert body["hint"] == "did you mean 'expression'?"

    def test_a_very_long_unknown_key_is_shortened_in_the_response(self) -> None:
        body = error_for({**WEEKDAYS_AT_NINE, "x" * 10_000: 1})
        assert len(body["message"]) < 200
        assert body["param"] == "schedule." + "x" * 60 + "\N{HORIZONTAL ELLIPSIS}"
        assert body["hint"] is None

    @pytest.mark.parametrize(
        ("obj", "param", "code", "message"),
        [
            # Nothing at all: the first key checked is reported.
            (
                {},
                "schedule.type",
                "parameter_missing",
                "schedule type is required; set it to 'cron'",
            ),
            # Only cron schedules exist.
            (
                {"type": "interval", "expression": "* * * * *", "timezone": "UTC"},
                "schedule.type",
                "parameter_invalid_value",
                "schedule type 'interval' is not supported; the only type is 'cron'",
            ),
            # The type is matched exactly; a near miss gets a hint.
            (
                {"type": "Cron", "expression": "* * * * *", "timezone": "UTC"},
                "schedule.type",
                "parameter_invalid_value",
                "schedule type 'Cron' is not supported; did you mean 'cron'?",
            ),
            # JSON null is not a string.
            (
                {"type": None, "expression": "* * * * *", "timezone": "UTC"},
                "schedule.type",
                "parameter_invalid_type",
                "schedule type must be a string, not null",
            ),
            # The expression is required.
            (
                {"type": "cron", "timezone": "UTC"},
                "schedule.expression",
                "parameter_missing",
                "schedule expression is required; for example '0 9 * * 1-5'",
            ),
            # A JSON array of fields is not an expression.
            (
                {"type": "cron", "expression": ["0", "9", "*", "*", "*"], "timezone": "UTC"},
                "schedule.expression",
                "parameter_invalid_type",
                "schedule expression must be a string, not an array",
            ),
            # A number where the expression goes.
            (
                {"type": "cron", "expression": 5, "timezone": "UTC"},
                "schedule.expression",
                "parameter_invalid_type",
                "schedule expression must be a string, not a number",
            ),
            # True is a boolean in JSON, not the number 1.
            (
                {"type": "cron", "expression": True, "timezone": "UTC"},
                "schedule.expression",
                "parameter_invalid_type",
                "schedule expression must be a string, not a boolean",
            ),
            # The zone is required: there is no silent default to UTC.
            (
                {"type": "cron", "expression": "0 9 * * *"},
                "schedule.timezone",
                "parameter_missing",
                "schedule timezone is required; use an IANA name such as 'UTC' or "
                "'America/New_York'",
            ),
            # An offset in minutes is not a zone.
            (
                {"type": "cron", "expression": "0 9 * * *", "timezone": -300},
                "schedule.timezone",
                "parameter_invalid_type",
                "schedule timezone must be a string, not a number",
            ),
            # A nested object is not a zone either.
            (
                {"type": "cron", "expression": "0 9 * * *", "timezone": {"name": "UTC"}},
                "schedule.timezone",
                "parameter_invalid_type",
                "schedule timezone must be a string, not an object",
            ),
            # The expression is checked before the zone.
            (
                {"type": "cron", "expression": "@daily", "timezone": "Mars/Olympus"},
                "schedule.expression",
                "invalid_expression",
                "shortcut '@daily' is not supported; cronwall takes five fields; use '0 0 * * *'",
            ),
            # An empty zone name.
            (
                {"type": "cron", "expression": "0 9 * * *", "timezone": ""},
                "schedule.timezone",
                "invalid_timezone",
                "timezone is empty; use an IANA name such as 'UTC' or 'America/New_York'",
            ),
            # A non-string key is an unknown key too.
            (
                dict[Any, str]([*WEEKDAYS_AT_NINE.items(), (1, "x")]),
                "schedule.1",
                "parameter_unknown",
                "schedule has unknown key 1 (the keys are 'type', 'expression', 'timezone')",
            ),
        ],
    )
    def test_every_bad_object_gets_a_400_body_naming_its_param(
        self, obj: dict[Any, Any], param: str, code: str, message: str
    ) -> None:
        body = error_for(obj)
        assert (body["param"], body["code"], body["message"]) == (param, code, message)
        assert body["type"] == "invalid_request_error"

    def test_the_param_prefix_can_name_where_the_schedule_sits(self) -> None:
        with pytest.raises(CronwallError) as caught:
            validate_schedule({"type": "cron", "expression": "0 9 * *"}, param="job.trigger")
        assert caught.value.param == "job.trigger.expression"
        with pytest.raises(CronwallError) as caught:
            validate_schedule({"type": "cron", "expression": "0 9 * * *"}, param="")
        assert caught.value.param == "timezone"

    def test_the_errors_are_the_library_error_classes(self) -> None:
        with pytest.raises(ExpressionError):
            validate_schedule({"type": "cron", "expression": "61 * * * *", "timezone": "UTC"})
        with pytest.raises(TimezoneError):
            validate_schedule({"type": "cron", "expression": "* * * * *", "timezone": "Nowhere"})
        with pytest.raises(ParameterError):
            validate_schedule({"type": "cron"})

    def test_errors_pickle_with_their_param(self) -> None:
        for obj in (
            {"type": "cron"},
            {"type": "cron", "expression": "61 * * * *", "timezone": "UTC"},
            {"type": "cron", "expression": "* * * * *", "timezone": "Nowhere"},
        ):
            with pytest.raises(CronwallError) as caught:
                validate_schedule(obj)
            copy = pickle.loads(pickle.dumps(caught.value))
            assert type(copy) is type(caught.value)
            assert copy.to_dict() == caught.value.to_dict()
            assert copy.param is not None and copy.param.startswith("schedule.")

    def test_parameter_error_shows_under_the_public_module(self) -> None:
        assert ParameterError.__module__ == "cronwall"
        assert issubclass(ParameterError, CronwallError)
        assert issubclass(ParameterError, ValueError)


class TestUntrustedBodies:
    @pytest.mark.parametrize(
        ("obj", "message"),
        [
            # JSON null where the object goes.
            (None, "schedule must be an object, not null"),
            # JSON text not yet decoded, or a bare expression.
            ('{"type": "cron"}', "schedule must be an object, not a string"),
            # A JSON array, even of pairs.
            ([["type", "cron"]], "schedule must be an object, not an array"),
            # A number.
            (5, "schedule must be an object, not a number"),
            # A boolean.
            (True, "schedule must be an object, not a boolean"),
        ],
    )
    def test_a_value_that_is_not_an_object_is_an_invalid_type(self, obj: Any, message: str) -> None:
        body = error_for(obj)
        assert (body["param"], body["code"], body["message"]) == (
            "schedule",
            "parameter_invalid_type",
            message
            if not isinstance(obj, str)
            else f"{message}; send the object itself, not its JSON text",
        )

    def test_a_whole_body_that_is_not_an_object_has_no_param(self) -> None:
        with pytest.raises(ParameterError) as caught:
            validate_schedule([], param="")
        assert caught.value.to_dict()["param"] is None
        assert caught.value.message == "the request body must be an object, not an array"

    def test_the_prefix_names_where_a_non_object_sits(self) -> None:
        with pytest.raises(ParameterError) as caught:
            validate_schedule("0 9 * * *", param="job.trigger")
        assert caught.value.param == "job.trigger"

    def test_an_unsupported_type_is_reported_before_unknown_keys(self) -> None:
        body = error_for({"type": "interval", "every": "5m"})
        assert (body["param"], body["code"], body["message"]) == (
            "schedule.type",
            "parameter_invalid_value",
            "schedule type 'interval' is not supported; the only type is 'cron'",
        )

    def test_a_huge_type_is_shortened_in_the_message(self) -> None:
        body = error_for({**WEEKDAYS_AT_NINE, "type": " cron" * 200_000})
        assert body["message"] == (
            f"schedule type {' cron' * 12 + chr(0x2026)!r} is not supported; "
            "the only type is 'cron'"
        )

    def test_a_type_of_the_wrong_json_type_is_reported_before_unknown_keys(self) -> None:
        body = error_for({"type": ["cron"], "every": "5m"})
        assert (body["param"], body["code"]) == ("schedule.type", "parameter_invalid_type")

    def test_a_missing_type_is_reported_after_unknown_keys_which_may_explain_it(self) -> None:
        body = error_for({"kind": "cron", "expression": "* * * * *", "timezone": "UTC"})
        assert (body["param"], body["code"], body["hint"]) == (
            "schedule.kind",
            "parameter_unknown",
            "did you mean 'type'?",
        )

    def test_thousands_of_unknown_keys_give_a_short_message(self) -> None:
        body = error_for({**WEEKDAYS_AT_NINE, **{f"key{i}": i for i in range(10_000)}})
        assert body["message"] == (
            "schedule has unknown keys 'key0', 'key1', 'key2', 'key3', 'key4', 'key5', 'key6', "
            "'key7', 'key8', 'key9' and 9,990 more (the keys are 'type', 'expression', 'timezone')"
        )

    def test_an_unknown_key_too_long_to_print_is_named_by_its_type(self) -> None:
        huge = 10**5000  # str() refuses ints this long by default
        body = error_for({**WEEKDAYS_AT_NINE, huge: 1})
        assert body["message"] == (
            "schedule has unknown key <int object> (the keys are 'type', 'expression', 'timezone')"
        )

    @pytest.mark.parametrize("key", ["type", "expression", "timezone"])
    @pytest.mark.parametrize(
        "value",
        [
            None,  # JSON null
            0,  # a number
            1.5,  # a number
            False,  # a boolean
            [],  # an empty array
            ["0 9 * * *"],  # the right text, wrapped in an array
            {},  # an empty object
            {"type": "cron", "expression": "0 9 * * *", "timezone": "UTC"},  # nested schedule
        ],
    )
    def test_a_wrong_json_type_in_any_key_is_an_invalid_type(self, key: str, value: Any) -> None:
        body = error_for({**WEEKDAYS_AT_NINE, key: value})
        assert (body["param"], body["code"]) == (f"schedule.{key}", "parameter_invalid_type")

    def test_a_str_subclass_is_read_as_its_plain_text(self) -> None:
        class Shouting(str):
            def __str__(self) -> str:
                return self.upper()

        result = validate_schedule(
            {"type": Shouting("cron"), "expression": "0 9 * * *", "timezone": Shouting("UTC")},
            now=NOW,
        )
        assert type(result["timezone"]) is str
        assert result["timezone"] == "UTC"

    @given(body=JSON)
    @settings(max_examples=200, deadline=None)
    def test_any_json_value_is_accepted_or_rejected_with_a_library_error(
        self, body: object
    ) -> None:
        """No JSON value, however nested or odd, makes validate_schedule raise anything else."""
        try:
            validate_schedule(body, now=NOW)
        except CronwallError as error:
            json.dumps(error.to_dict())

    @given(
        body=st.fixed_dictionaries(
            {}, optional={"type": JSON, "expression": JSON, "timezone": JSON, "tz": JSON}
        )
    )
    @settings(max_examples=200, deadline=None)
    def test_any_json_values_in_the_known_keys_are_accepted_or_rejected_cleanly(
        self, body: dict[str, object]
    ) -> None:
        """Wrong JSON types in any key are the client's error, never a TypeError."""
        try:
            validate_schedule(body, now=NOW)
        except CronwallError as error:
            assert error.param is not None and error.param.startswith("schedule.")


class TestProgrammingErrors:
    def test_a_naive_now_is_a_type_error(self) -> None:
        with pytest.raises(TypeError, match="naive"):
            validate_schedule(WEEKDAYS_AT_NINE, now=datetime(2026, 3, 17))

    def test_a_negative_count_is_a_library_error(self) -> None:
        with pytest.raises(CronwallError, match="count must be at least 0"):
            validate_schedule(WEEKDAYS_AT_NINE, now=NOW, count=-1)

    def test_a_count_that_is_not_an_int_is_a_type_error(self) -> None:
        with pytest.raises(TypeError, match="count must be an int"):
            validate_schedule(WEEKDAYS_AT_NINE, now=NOW, count=2.0)  # type: ignore[arg-type]


class TestScheduleToDict:
    def test_to_dict_has_the_same_shape_as_a_validated_object(self) -> None:
        schedule = Schedule("0 9 * * MON-FRI", "America/Los_Angeles")
        assert schedule.to_dict(now=NOW) == validate_schedule(WEEKDAYS_AT_NINE, now=NOW)

    def test_last_run_at_is_rendered_in_utc(self) -> None:
        schedule = Schedule("0 9 * * 1-5", "America/Los_Angeles")
        last = datetime(2026, 3, 16, 9, 0, tzinfo=schedule.tzinfo)
        result = schedule.to_dict(now=NOW, count=1, last_run_at=last)
        assert result["last_run_at"] == "2026-03-16T16:00:00Z"
        assert result["upcoming_runs_at"] == ["2026-03-17T16:00:00Z"]

    def test_upcoming_runs_are_the_nominal_times_without_jitter(self) -> None:
        schedule = Schedule("0 9 * * 1-5", "America/Los_Angeles")
        runs = list(zip(range(5), schedule.iter_runs(NOW, key="deploy-7"), strict=False))
        assert schedule.to_dict(now=NOW)["upcoming_runs_at"] == [
            run.scheduled_at.strftime("%Y-%m-%dT%H:%M:%SZ") for _, run in runs
        ]
        assert all(run.run_at > run.scheduled_at for _, run in runs)

    def test_a_naive_last_run_at_is_a_type_error(self) -> None:
        with pytest.raises(TypeError, match="last_run_at is a naive datetime"):
            Schedule("* * * * *").to_dict(now=NOW, last_run_at=datetime(2026, 3, 16))

    def test_a_schedule_with_a_tzinfo_object_renders_its_name(self) -> None:
        fixed = timezone(timedelta(hours=5, minutes=30))
        assert Schedule("0 9 * * *", fixed).to_dict(now=NOW, count=1) == {
            "type": "cron",
            "expression": "0 9 * * *",
            "timezone": "UTC+05:30",
            "last_run_at": None,
            "upcoming_runs_at": ["2026-03-18T03:30:00Z"],
        }

    def test_years_before_1000_keep_four_digits(self) -> None:
        result = Schedule("0 0 1 1 *").to_dict(now=datetime(4, 6, 1, tzinfo=UTC), count=1)
        assert result["upcoming_runs_at"] == ["0005-01-01T00:00:00Z"]


class TestResponseTypes:
    def test_the_response_types_are_exported_typed_dicts(self) -> None:
        # The response types live in a module loaded on first use (import time), and the
        # modules that return them name them only for type checkers: resolve the annotations
        # the way a type checker would.
        names = {"ValidatedScheduleDict": ValidatedScheduleDict, "ScheduleDict": ScheduleDict}
        assert get_type_hints(validate_schedule, localns=names)["return"] is ValidatedScheduleDict
        hints = get_type_hints(Schedule.to_dict, localns=names)
        assert hints["return"] is ScheduleDict
        assert is_typeddict(ValidatedScheduleDict)
        assert is_typeddict(ScheduleDict)
        assert is_typeddict(DstWarningDict)

    def test_the_typed_dicts_name_exactly_the_keys_of_a_response(self) -> None:
        result = validate_schedule(
            {"type": "cron", "expression": "30 1,2 * * *", "timezone": "America/New_York"},
            now=NOW,
            warn=True,
        )
        assert set(result) == ValidatedScheduleDict.__required_keys__ | {"warnings"}
        # gap and fold appear only for a schedule with a DST policy.
        assert ValidatedScheduleDict.__optional_keys__ == {"warnings", "gap", "fold"}
        assert ScheduleDict.__optional_keys__ == {"gap", "fold"}
        assert set(result) - {"warnings"} == ScheduleDict.__required_keys__
        assert all(set(w) == DstWarningDict.__required_keys__ for w in result["warnings"])


def test_a_misspelt_policy_key_gets_a_did_you_mean() -> None:
    with pytest.raises(ParameterError) as info:
        validate_schedule(
            {"type": "cron", "expression": "30 2 * * *", "timezone": "UTC", "gapp": "late"}
        )
    assert (info.value.code, info.value.param, info.value.hint) == (
        "parameter_unknown",
        "schedule.gapp",
        "did you mean 'gap'?",
    )
