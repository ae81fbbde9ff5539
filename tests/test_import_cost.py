"""``import cronwall`` loads only what the common path needs (start-up time is CPU time).

Measured in docs/performance.md; pinned here by what gets imported, never by a timer: each
module below is loaded on first use by the feature that needs it.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tempfile

import pytest

DEFERRED = [
    "cronwall._translate",  # translate() and the CLI's --from
    "cronwall._responses",  # the TypedDicts (typing_extensions before 3.12)
    "dataclasses",
    "inspect",
    "typing_extensions",
    "difflib",  # did-you-mean hints
    "hashlib",  # jitter
    "pickle",  # schedules in a caller's tzinfo, when pickled
    "zoneinfo",  # local views (Schedule.tzinfo, get_zone)
    "importlib.resources",  # tzdata inside a zip file
    "tzdata",  # zone data, read when a zone is first used
]


def modules_after(code: str) -> set[str]:
    # The list is taken before json is imported: json's own imports (re, enum) would hide them.
    script = (
        f"import sys\n{code}\nloaded = sorted(sys.modules)\nimport json\nprint(json.dumps(loaded))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout))


def test_import_cronwall_loads_none_of_the_deferred_modules() -> None:
    assert sorted(modules_after("import cronwall") & set(DEFERRED)) == []


def test_import_cronwall_alone_loads_no_submodule_and_no_typing() -> None:
    # Every public name is served on first use: the package itself is one small module.
    loaded = modules_after("import cronwall") - modules_after("pass")
    assert sorted(loaded) == ["cronwall"]


@pytest.mark.parametrize(
    ("name", "module"),
    [
        ("Schedule", "cronwall._schedule"),
        ("parse", "cronwall._cron"),
        ("CronwallError", "cronwall._errors"),
        ("Run", "cronwall._typed"),
        ("GapPolicy", "cronwall._typed"),
        ("validate_schedule", "cronwall._api"),
        ("available_timezones", "cronwall._zones"),
    ],
)
def test_a_public_name_loads_its_module_on_first_use(name: str, module: str) -> None:
    code = f"import cronwall; assert {module!r} not in sys.modules; cronwall.{name}"
    assert module in modules_after(code)


def test_the_engine_runs_without_typing() -> None:
    # Literal aliases and the Run NamedTuple live in cronwall._typed, loaded only by
    # what names them at run time (jitter runs, the API layer, the integrations).
    code = (
        "import datetime, cronwall\n"
        "s = cronwall.Schedule('*/5 * * * *', 'America/New_York', gap='late', fold='first')\n"
        "s.upcoming(3, after=datetime.datetime(2026, 3, 8, 6, tzinfo=datetime.timezone.utc))"
    )
    loaded = modules_after(code) - modules_after("pass")
    assert sorted(loaded & {"typing", "re", "enum", "collections", "cronwall._typed"}) == []


@pytest.mark.parametrize(
    ("code", "loaded"),
    [
        ("import cronwall; cronwall.translate('0 0 * * * 0', 'croniter')", "cronwall._translate"),
        ("import cronwall; cronwall.ScheduleDict", "cronwall._responses"),
        ("import cronwall; cronwall.Schedule('0 9 * * *', 'Europe/Paris').tzinfo", "zoneinfo"),
        ("import cronwall; cronwall.jitter('deploy-1')", "hashlib"),
    ],
)
def test_each_deferred_module_is_loaded_by_the_feature_that_needs_it(
    code: str, loaded: str
) -> None:
    assert loaded in modules_after(code)


# What `cronwall next` must not load: the full command line and what it is built on. The
# answer needs only the parser, the schedule, the zone reader, the calendar and RFC 3339.
NOT_FOR_NEXT = [
    "typing",
    "re",
    "argparse",
    "json",
    "enum",
    "collections",
    "importlib.resources",
    "zoneinfo",
    "hashlib",
    "difflib",
    "struct",  # zone files are read with int.from_bytes
    "threading",  # the zone cache's lock comes from _thread
    "functools",  # the engine's caches are plain dicts
    "cronwall._translate",
    "cronwall._api",
    "cronwall._cli",
    "cronwall._typed",
]


def modules_at_exit(argv: list[str]) -> set[str]:
    """The modules loaded when ``python -m cronwall argv`` ends, less those ``-m`` itself loads."""
    # runpy.run_module is what `python -m` runs; the list is written at exit, so it holds
    # everything the command loaded.
    script = (
        "import atexit, runpy, sys\n"
        "def dump(path=sys.argv.pop(1)):\n"
        "    loaded = sorted(sys.modules)\n"
        "    with open(path, 'w') as handle:\n"
        "        handle.write(repr(loaded))\n"
        "atexit.register(dump)\n"
        "{run}"
    )
    loaded: list[set[str]] = []
    for run in ("runpy.run_module('cronwall', run_name='__main__', alter_sys=True)", "pass"):
        with tempfile.TemporaryDirectory() as folder:
            path = f"{folder}/modules"
            subprocess.run(
                [sys.executable, "-c", script.format(run=run), path, *argv],
                capture_output=True,
                check=True,
            )
            with open(path) as handle:
                loaded.append(set(ast.literal_eval(handle.read())))
    return loaded[0] - loaded[1]


def test_next_loads_none_of_the_full_command_line() -> None:
    argv = ["next", "*/5 * * * *", "-n", "1", "--tz", "America/New_York"]
    loaded = modules_at_exit([*argv, "--after", "2026-03-08T06:00:00Z"])
    assert "cronwall._schedule" in loaded  # the command ran
    assert sorted(loaded & set(NOT_FOR_NEXT)) == []


def test_next_in_utc_from_now_loads_none_of_the_full_command_line() -> None:
    loaded = modules_at_exit(["next", "*/5 * * * *", "-n", "1"])
    assert "cronwall._schedule" in loaded
    assert sorted(loaded & set(NOT_FOR_NEXT)) == []


def test_other_commands_still_load_the_full_command_line() -> None:
    assert "cronwall._cli" in modules_at_exit(["check", "*/5 * * * *"])
