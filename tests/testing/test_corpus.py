"""The conformance corpus: the engine agrees with every case; the file is what generation writes."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import tzdata  # type: ignore[import-untyped]

import cronwall
from cronwall.testing.__main__ import main
from cronwall.testing._corpus import (
    CATEGORIES,
    FORMAT,
    Case,
    dump_corpus,
    format_instant,
    generate_corpus,
    load_corpus,
    parse_instant,
)

UTC = timezone.utc
CORPUS = Path(__file__).with_name("corpus.json")
HEADER, CASES = load_corpus(CORPUS.read_text(encoding="utf-8"))
REGENERATE = "python -m cronwall.testing corpus --output tests/testing/corpus.json"


def engine_fires(case: Case) -> list[str]:
    """cronwall's fires after ``case.after``, up to ``case.until``."""
    fires = []
    for fire in cronwall.Schedule(case.expression, case.timezone).iter_after(case.after):
        if fire > case.until:
            break
        fires.append(format_instant(fire))
    return fires


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{index}-{case.category}" for index, case in enumerate(CASES)]
)
def test_the_engine_agrees_with_every_case(case: Case) -> None:
    assert engine_fires(case) == [format_instant(fire) for fire in case.expected]


def test_the_corpus_was_worked_out_with_the_tzdata_in_use() -> None:
    assert HEADER["tzdata"] == tzdata.IANA_VERSION == cronwall.TZDATA_VERSION, REGENERATE


def test_the_corpus_holds_a_few_hundred_cases_of_every_category() -> None:
    assert HEADER["format"] == FORMAT
    assert len(CASES) == HEADER["count"] >= 300
    assert {case.category for case in CASES} == set(CATEGORIES)
    assert sum(bool(case.expected) for case in CASES) >= 0.9 * len(CASES)


def test_the_corpus_file_is_what_the_generator_writes() -> None:
    """Deterministic generation: the committed file is exactly the output for its seed and count."""
    seed, count = HEADER["seed"], HEADER["count"]
    text = dump_corpus(generate_corpus(seed=seed, count=count), seed=seed, count=count)
    assert text == CORPUS.read_text(encoding="utf-8"), REGENERATE


def test_every_case_states_its_fires_in_order_within_its_window() -> None:
    for case in CASES:
        assert list(case.expected) == sorted(set(case.expected))
        assert all(case.after < fire <= case.until for fire in case.expected)


class TestInstantFormat:
    @pytest.mark.parametrize(
        ("instant", "text"),
        [
            (datetime(2026, 11, 1, 5, 30, tzinfo=UTC), "2026-11-01T05:30:00Z"),
            (datetime(1, 1, 1, tzinfo=UTC), "0001-01-01T00:00:00Z"),
            (datetime(1883, 11, 18, 15, 56, 2, tzinfo=UTC), "1883-11-18T15:56:02Z"),
            (datetime.max.replace(tzinfo=UTC), "9999-12-31T23:59:59.999999Z"),
            (
                datetime(2026, 1, 1, 6, 59, 59, 1, tzinfo=timezone(timedelta(hours=1))),
                "2026-01-01T05:59:59.000001Z",
            ),
        ],
    )
    def test_instants_are_rfc_3339_in_utc_and_read_back(self, instant: datetime, text: str) -> None:
        assert format_instant(instant) == text
        assert parse_instant(text) == instant

    def test_an_instant_without_z_is_refused(self) -> None:
        with pytest.raises(ValueError, match="'Z'"):
            parse_instant("2026-01-01T00:00:00+00:00")


class TestCommandLine:
    def test_corpus_then_check_agree(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "corpus.json"
        assert main(["corpus", "--seed", "7", "--count", "17", "--output", str(path)]) == 0
        header, cases = load_corpus(path.read_text(encoding="utf-8"))
        assert (header["seed"], header["count"], len(cases)) == (7, 17, 17)
        assert {case.category for case in cases} == set(CATEGORIES)
        assert main(["check", str(path)]) == 0
        assert "17 of 17 cases agree" in capsys.readouterr().out

    def test_check_reports_a_disagreement(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        data = json.loads(CORPUS.read_text(encoding="utf-8"))
        data["cases"] = [
            {
                "category": "plain",
                "expression": "30 1 * * *",
                "timezone": "America/New_York",
                "after": "2026-10-31T12:00:00Z",
                "until": "2026-11-01T06:30:00Z",
                "expected": ["2026-11-01T05:30:00Z"],  # wrong: the second pass is missing
            }
        ]
        path = tmp_path / "wrong.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        assert main(["check", str(path)]) == 1
        out = capsys.readouterr().out
        assert "got      ['2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z']" in out
        assert "0 of 1 cases agree" in out

    def test_the_corpus_goes_to_standard_output_by_default(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["corpus", "--count", "2"]) == 0
        _, cases = load_corpus(capsys.readouterr().out)
        assert [case.category for case in cases] == list(CATEGORIES)[:2]
