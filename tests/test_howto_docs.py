"""The how-to guides' examples run and print what the guides say they print."""

from __future__ import annotations

import doctest
import io
import re
import shlex
from pathlib import Path

import pytest

from cronwall._cli import main

DOCS = Path(__file__).resolve().parent.parent / "docs"
GUIDES = ["request-handlers.md", "schedulers.md"]
_BLOCK = re.compile(r"^```(pycon|console)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def blocks(name: str, kind: str) -> list[str]:
    text = (DOCS / name).read_text(encoding="utf-8")
    return [body for found_kind, body in _BLOCK.findall(text) if found_kind == kind]


@pytest.mark.parametrize("name", GUIDES)
def test_the_python_examples_print_what_the_guide_shows(name: str) -> None:
    # One doctest per guide, blocks in order, so later examples use earlier names.
    source = "\n".join(blocks(name, "pycon"))
    assert source, f"{name} has no examples"
    parser = doctest.DocTestParser()
    test = parser.get_doctest(source, {}, name, str(DOCS / name), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    report = io.StringIO()
    runner.run(test, out=report.write)
    assert runner.failures == 0, report.getvalue()


def _commands(name: str) -> list[tuple[str, str]]:
    commands = []
    for body in blocks(name, "console"):
        for chunk in re.split(r"^(?=\$ )", body, flags=re.MULTILINE):
            if chunk:
                command, _, output = chunk.partition("\n")
                commands.append((command.removeprefix("$ "), output))
    return commands


@pytest.mark.parametrize(
    ("command", "output"),
    [pytest.param(c, o, id=c) for name in GUIDES for c, o in _commands(name)],
)
def test_the_command_line_examples_print_what_the_guide_shows(command: str, output: str) -> None:
    words = shlex.split(command)
    assert words[0] == "cronwall"
    out, err = io.StringIO(), io.StringIO()
    assert main(words[1:], out=out, err=err) == 0, err.getvalue()
    assert out.getvalue() == output
