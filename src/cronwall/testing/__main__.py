"""``python -m cronwall.testing``: write or check a conformance corpus.

python -m cronwall.testing corpus [--seed N] [--count N] [--output PATH]
python -m cronwall.testing check PATH
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

import cronwall
from cronwall.testing._corpus import (
    check_corpus,
    dump_corpus,
    format_instant,
    generate_corpus,
    load_corpus,
)


def _cronwall_fires(expression: str, timezone: str, after: datetime) -> Iterator[datetime]:
    return cronwall.Schedule(expression, timezone).iter_after(after)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cronwall.testing",
        description="Write a conformance corpus with the reference oracle, or check against one.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    corpus = commands.add_parser("corpus", help="write a corpus of cases worked out by the oracle")
    corpus.add_argument(
        "--seed", type=int, default=0, help="the same seed gives the same cases (default 0)"
    )
    corpus.add_argument("--count", type=int, default=340, help="how many cases (default 340)")
    corpus.add_argument(
        "--output", type=Path, help="where to write the JSON (default: standard output)"
    )
    check = commands.add_parser("check", help="check cronwall's engine against a corpus")
    check.add_argument("path", type=Path, help="a corpus JSON file")
    args = parser.parse_args(argv)

    if args.command == "corpus":
        if args.count < 0:
            parser.error(f"--count must be at least 0, not {args.count}")
        text = dump_corpus(
            generate_corpus(seed=args.seed, count=args.count), seed=args.seed, count=args.count
        )
        if args.output is None:
            sys.stdout.write(text)
        else:
            args.output.write_text(text, encoding="utf-8")
        return 0

    header, cases = load_corpus(args.path.read_text(encoding="utf-8"))
    failures = 0
    for case, got in check_corpus(cases, _cronwall_fires):
        failures += 1
        print(
            f"{case.category}: {case.expression!r} in {case.timezone}"
            f" after {format_instant(case.after)}\n"
            f"  expected {[format_instant(f) for f in case.expected]}\n"
            f"  got      {[format_instant(f) for f in got]}"
        )
    print(
        f"{len(cases) - failures} of {len(cases)} cases agree (corpus tzdata {header['tzdata']}, "
        f"cronwall tzdata {cronwall.TZDATA_VERSION})"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
