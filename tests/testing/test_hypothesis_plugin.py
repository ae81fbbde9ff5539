"""cronwall's Hypothesis plugin, loaded by Hypothesis itself through its ``hypothesis`` entry point.

These tests need cronwall installed with its metadata (``pip install -e '.[test]'``, as CI
does): the entry point lives there, not in the source tree.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import types
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

import cronwall
from cronwall.pydantic import CronExpression, CronSchedule

HOOK = "cronwall.testing._hypothesis_plugin:_hypothesis_setup_hook"


def plugin_declared() -> bool:
    return any(entry.value == HOOK for entry in entry_points(group="hypothesis"))


@pytest.fixture(autouse=True, scope="module")
def _installed_with_metadata() -> Iterator[None]:
    assert plugin_declared(), (
        "the installed cronwall has no 'hypothesis' entry point: its metadata predates the "
        "plugin; reinstall it with pip install -e '.[test]'"
    )
    yield


def run(code: str, **env: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


FROM_TYPE_IN_A_FRESH_PROCESS = """
    import json, sys
    import hypothesis
    from hypothesis import given, settings, strategies as st
    loaded = "cronwall.testing._hypothesis_plugin" in sys.modules
    import cronwall
    drawn = set()

    @settings(max_examples=10, database=None)
    @given(st.from_type(cronwall.Cron), st.from_type(cronwall.Schedule))
    def draw(cron, schedule):
        # A schedule with a DST policy is a private subclass of Schedule: ask isinstance.
        drawn.add((type(cron).__name__, isinstance(schedule, cronwall.Schedule)))

    try:
        draw()
    except Exception as error:
        drawn.add((type(error).__name__,))
    print(json.dumps([loaded, sorted(drawn)]))
"""


class TestLoadedByHypothesis:
    def test_the_installed_package_declares_the_entry_point(self) -> None:
        (entry,) = [e for e in entry_points(group="hypothesis") if e.value == HOOK]
        assert entry.name == "cronwall"

    def test_importing_hypothesis_loads_the_plugin_and_from_type_works(self) -> None:
        loaded, drawn = json.loads(run(FROM_TYPE_IN_A_FRESH_PROCESS))
        assert loaded is True
        assert drawn == [["Cron", True]]

    def test_hypothesis_switched_to_no_plugins_does_not_load_it(self) -> None:
        # Hypothesis's own switch for plugins: so the load above came through the entry point.
        loaded, _ = json.loads(run(FROM_TYPE_IN_A_FRESH_PROCESS, HYPOTHESIS_NO_PLUGINS="1"))
        assert loaded is False

    def test_loading_the_plugin_imports_nothing_heavy(self) -> None:
        out = run(
            """
            import sys
            import hypothesis
            heavy = ["cronwall.testing._strategies", "pydantic", "fastapi", "celery"]
            print([name for name in heavy if name in sys.modules])
            print("cronwall.testing._hypothesis_plugin" in sys.modules)
            """
        )
        assert out.split("\n")[:2] == ["[]", "True"]

    def test_without_hypothesis_the_hook_does_nothing(self) -> None:
        out = run(
            """
            import sys
            sys.modules["hypothesis"] = None  # as if Hypothesis were not installed
            from cronwall.testing._hypothesis_plugin import _hypothesis_setup_hook
            print(_hypothesis_setup_hook())
            """
        )
        assert out.strip() == "None"


@dataclass(frozen=True)
class Job:
    """A user's own class holding cronwall values."""

    name: str
    cron: cronwall.Cron
    schedule: cronwall.Schedule


class JobModel(BaseModel):
    """A user's pydantic model holding cronwall's pydantic types."""

    expression: CronExpression
    schedule: CronSchedule
    backup: cronwall.Schedule | None = None

    model_config = {"arbitrary_types_allowed": True}


class TestFromType:
    @settings(max_examples=50, deadline=None)
    @given(cron=st.from_type(cronwall.Cron))
    def test_from_type_draws_crons_that_print_and_parse_back(self, cron: cronwall.Cron) -> None:
        assert isinstance(cron, cronwall.Cron)
        assert cronwall.parse(str(cron)) == cron

    @settings(max_examples=50, deadline=None)
    @given(schedule=st.from_type(cronwall.Schedule))
    def test_from_type_draws_schedules_in_tzdata_zones(self, schedule: cronwall.Schedule) -> None:
        assert isinstance(schedule, cronwall.Schedule)
        assert schedule.timezone in cronwall.available_timezones()
        rebuilt = cronwall.Schedule(
            str(schedule.cron), schedule.timezone, gap=schedule.gap, fold=schedule.fold
        )
        assert rebuilt == schedule

    def test_from_type_draws_every_dst_policy(self) -> None:
        seen: set[tuple[str, str]] = set()

        # Derandomized: the same 200 draws every run, so the test cannot flake.
        @settings(max_examples=200, deadline=None, database=None, derandomize=True)
        @given(schedule=st.from_type(cronwall.Schedule))
        def draw(schedule: cronwall.Schedule) -> None:
            seen.add((schedule.gap, schedule.fold))

        draw()
        assert seen == {(g, f) for g in ("skip", "late") for f in ("both", "first", "last")}

    @settings(max_examples=30, deadline=None)
    @given(job=st.builds(Job))
    def test_builds_fills_a_users_own_class(self, job: Job) -> None:
        assert isinstance(job.cron, cronwall.Cron)
        assert isinstance(job.schedule, cronwall.Schedule)

    @settings(max_examples=30, deadline=None)
    @given(job=st.builds(JobModel))
    def test_builds_fills_a_pydantic_model_and_it_round_trips(self, job: JobModel) -> None:
        assert isinstance(job.expression, cronwall.Cron)
        assert isinstance(job.schedule, cronwall.Schedule)
        assert JobModel.model_validate_json(job.model_dump_json()) == job


def test_the_guides_from_type_example_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "testing.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- from_type example -->\n```python\n(.*?)```", text, re.S)
    assert found, "docs/testing.md lost its from_type example"
    # A module of its own: dataclasses looks its classes' module up in sys.modules.
    module = types.ModuleType("docs_from_type_example")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    # Padded to the block's own lines, so code compiled under the name docs/testing.md maps to
    # them: inspect.getsource (which Hypothesis calls) then reads Python, not the Markdown above.
    padded = "\n" * text.count("\n", 0, found.start(1)) + found.group(1)
    exec(compile(padded, "docs/testing.md", "exec"), module.__dict__)
    (test,) = [value for name, value in vars(module).items() if name.startswith("test_")]
    test()
