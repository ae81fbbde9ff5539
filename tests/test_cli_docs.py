"""The README's and docs/cli.md's synopses list every option each subcommand has."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from cronwall._cli import build_parser

ROOT = Path(__file__).parent.parent


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no subcommands")


def _options(sub: argparse.ArgumentParser) -> set[str]:
    """Each option's first spelling (its aliases, like --timezone, are told in prose)."""
    return {
        action.option_strings[0]
        for action in sub._actions
        if action.option_strings and action.option_strings[0] != "-h"
    }


@pytest.mark.parametrize("document", ["README.md", "docs/cli.md"])
def test_the_synopsis_lists_every_option_of_every_subcommand(document: str) -> None:
    text = (ROOT / document).read_text(encoding="utf-8")
    synopsis = text[
        text.index("```\ncronwall ") : text.index("```", text.index("```\ncronwall ") + 3)
    ]
    for name, sub in _subcommands().items():
        lines = [line for line in synopsis.splitlines() if line.startswith(f"cronwall {name} ")]
        assert lines, f"no synopsis line for {name}"
        shown = set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", " ".join(lines)))
        assert _options(sub) <= shown, (name, _options(sub) - shown)
