"""Where cronwall spends its time: cProfile over next-fire iteration and cold parsing.

    .venv/bin/python benchmarks/profile_next.py [--top 15]

Prints the top functions by own time (tottime) for 1,000 fires of a few expressions in UTC
and America/New_York, then for parsing 2,000 never-seen expressions.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
from itertools import islice

import workloads as w

import cronwall

EXPRESSIONS = ("*/5 * * * *", "0 9 * * 1-5", "0 0 1 * *", "0 0 1 1 *", "0 0 29 2 *")


def iterate() -> None:
    for zone in w.ZONES:
        for expression in EXPRESSIONS:
            for _ in range(5):
                list(islice(cronwall.Schedule(expression, zone).iter_after(w.START), w.FIRES))


def parse_cold(texts: list[str]) -> None:
    for text in texts:
        cronwall.parse(text)


def show(title: str, profile: cProfile.Profile, top: int) -> None:
    print(f"\n=== {title}")
    pstats.Stats(profile).strip_dirs().sort_stats("tottime").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=15)
    top = parser.parse_args().top
    iterate()  # warm caches: zones, parsed expressions
    profile = cProfile.Profile()
    profile.runcall(iterate)
    show("next fire: 5 x 1,000 fires of each of " + ", ".join(EXPRESSIONS), profile, top)

    texts = list(w.distinct_expressions(2000, seed=99))
    w.library("cronwall").clear_caches()
    profile = cProfile.Profile()
    profile.runcall(parse_cold, texts)
    show("cold parse: 2,000 distinct expressions", profile, top)


if __name__ == "__main__":
    main()
