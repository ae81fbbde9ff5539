"""``import cronwall`` loads only what the common path needs (start-up time is CPU time).

Measured in docs/performance.md; pinned here by what gets imported, never by a timer: each
module below is loaded on first use by the feature that needs it.
"""

from __future__ import annotations

import json
import subprocess
import sys

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
    script = f"import sys\n{code}\nimport json\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout))


def test_import_cronwall_loads_none_of_the_deferred_modules() -> None:
    assert sorted(modules_after("import cronwall") & set(DEFERRED)) == []


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
