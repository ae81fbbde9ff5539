"""The worked example of docs/testing.md runs, as it is written there."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "testing.md"


def worked_example() -> str:
    """The Python block that follows the ``<!-- worked example -->`` marker."""
    found = re.search(
        r"<!-- worked example -->\n```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S
    )
    assert found, "docs/testing.md lost its worked example"
    # Pad to the block's own lines, so code compiled under the name docs/testing.md maps to
    # them: inspect.getsource (which Hypothesis calls) then finds Python, not Markdown, and
    # Python 3.12's stricter tokenizer has nothing to choke on.
    lines_before = found.string.count("\n", 0, found.start(1))
    return "\n" * lines_before + found.group(1)


def test_the_worked_example_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # The example reads corpus.json from the current folder, as a user writes it there with
    # `python -m cronwall.testing corpus --output corpus.json`: the committed corpus is that file.
    shutil.copyfile(ROOT / "tests" / "testing" / "corpus.json", tmp_path / "corpus.json")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {"__name__": "docs_testing_example"}
    exec(compile(worked_example(), str(DOCS), "exec"), namespace)
    tests = [value for name, value in namespace.items() if name.startswith("test_")]
    assert len(tests) == 3
    for test in tests:
        test()
