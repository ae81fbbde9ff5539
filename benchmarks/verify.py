"""Print where the libraries' answers differ from the reference, without timing anything.

    .venv/bin/python benchmarks/verify.py

The benchmark run makes the same checks (and marks differing cases); this is the quick view.
"""

from __future__ import annotations

import sys

import workloads as w


def main() -> int:
    differing = 0
    for direction, start in (("next", w.START), ("prev", w.REVERSE_START)):
        for zone in w.ZONES:
            for case in w.MIX:
                n = (
                    w.FIRES
                    if direction == "next"
                    else w.REVERSE_FIRES.get(case.expression, w.FIRES)
                )
                want = w.reference_fires(case.expression, zone, start, n, direction == "prev")
                for name in w.LIBRARY_NAMES:
                    lib = w.library(name)
                    if lib is None:
                        continue
                    make = lib.fires_after if direction == "next" else lib.fires_before
                    if make is None or case.expression in lib.unsupported:
                        continue
                    difference = w.compare(make(lib.text(case.expression), zone, start, n)(), want)
                    if difference:
                        differing += 1
                        print(f"{direction} {zone} {case.expression!r} {name}: {difference}")
    for zone in w.ZONES:
        for case in w.DISTANCE:
            t = w.wall_in(zone, case.wall)
            want = w.reference_fires(case.expression, zone, t, 1, False)
            for name in w.LIBRARY_NAMES:
                lib = w.library(name)
                if lib is None:
                    continue
                difference = w.compare(
                    [lib.next_after(lib.text(case.expression), zone, t)(t)], want
                )
                if difference:
                    differing += 1
                    print(f"distance {zone} {case.label} {name}: {difference}")
    print(f"{differing} differing case(s)")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
