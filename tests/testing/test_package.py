"""``cronwall.testing`` is optional: ``import cronwall`` never loads it, nor Hypothesis."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import cronwall.testing


def run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_importing_cronwall_imports_neither_hypothesis_nor_the_testing_package() -> None:
    out = run(
        """
        import sys
        import cronwall
        cronwall.Schedule("* * * * *", "UTC")
        print("hypothesis" in sys.modules, "cronwall.testing" in sys.modules)
        """
    )
    assert out.split() == ["False", "False"]


def test_the_oracle_works_without_hypothesis_and_the_strategies_say_what_is_missing() -> None:
    out = run(
        """
        import sys
        sys.modules["hypothesis"] = None  # as if Hypothesis were not installed
        from datetime import datetime, timezone
        import cronwall.testing
        start = datetime(2026, 1, 1, tzinfo=timezone.utc)
        print(len(cronwall.testing.reference_fires("* * * * *", "UTC", start, 3)))
        try:
            cronwall.testing.expressions
        except ModuleNotFoundError as error:
            print(error)
        """
    )
    assert out.splitlines() == [
        "3",
        "cronwall.testing.expressions needs Hypothesis: pip install 'cronwall[testing]'",
    ]


def test_the_corpus_command_works_without_hypothesis() -> None:
    out = run(
        """
        import runpy, sys
        sys.modules["hypothesis"] = None
        sys.argv = ["python -m cronwall.testing", "corpus", "--count", "1"]
        runpy.run_module("cronwall.testing", run_name="__main__")
        """
    )
    assert [case["category"] for case in json.loads(out)["cases"]] == ["plain"]


def test_every_public_name_is_there() -> None:
    for name in cronwall.testing.__all__:
        assert getattr(cronwall.testing, name) is not None
    assert set(cronwall.testing.__all__) <= set(dir(cronwall.testing))


def test_the_public_modules_leak_no_names_beyond_their_all() -> None:
    """What a user sees with dir() or tab completion is exactly the documented API."""
    for module in (cronwall, cronwall.testing):
        public = {
            name
            for name in vars(module)
            if not name.startswith("_") and not isinstance(getattr(module, name), type(cronwall))
        }
        assert public <= set(module.__all__), sorted(public - set(module.__all__))
        # Subpackages and integration modules (cronwall.testing, cronwall.pydantic) appear as
        # attributes once imported; they are modules, not leaked names.
        shown = {
            n
            for n in dir(module)
            if not n.startswith("_") and not isinstance(getattr(module, n), type(cronwall))
        }
        assert shown <= set(module.__all__)
