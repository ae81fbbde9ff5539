"""Start-up: the CPU cost of `import cronwall` and of one CLI call, against a bare interpreter.

Each command runs in a fresh interpreter, CPU time (user + system) read from the children's
resource usage; the commands take turns, round after round, so load on the machine hits all of
them alike, and the report uses medians. Bytecode is cached (in a temporary folder) as it is
for an installed package, and every command runs once before the rounds.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
from time import perf_counter

import pytest

ROUNDS = 21
COMMANDS = {
    "bare": ["-c", "pass"],
    "import cronsim": ["-c", "import cronsim"],
    "import cronwall": ["-c", "import cronwall"],
    # What any Python CLI built like cronwall's pays before its own code: its standard modules.
    "import argparse, datetime, typing": ["-c", "import argparse, datetime, typing"],
    # The floor of `python -m cronwall next`: what `-m` (runpy) and the standard modules the
    # engine needs cost before any of cronwall's code runs.
    "import runpy, datetime, bisect, struct": ["-c", "import runpy, datetime, bisect, struct"],
    "cli next UTC": ["-m", "cronwall", "next", "*/5 * * * *", "-n", "1"],
    "cli next America/New_York": [
        "-m",
        "cronwall",
        "next",
        "*/5 * * * *",
        "-n",
        "1",
        "--tz",
        "America/New_York",
    ],
}


def _run(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    begin = perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = perf_counter() - begin
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return cpu, wall


def test_startup(benchmark):
    pytest.importorskip("cronwall")
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, PYTHONPYCACHEPREFIX=cache)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        argvs = {name: [sys.executable, *args] for name, args in COMMANDS.items()}
        for argv in argvs.values():
            _run(argv, env)  # compile and cache the bytecode
        cpu: dict[str, list[float]] = {name: [] for name in argvs}
        wall: dict[str, list[float]] = {name: [] for name in argvs}

        def one_round() -> None:
            for name, argv in argvs.items():
                c, w = _run(argv, env)
                cpu[name].append(c)
                wall[name].append(w)

        benchmark.group = "startup"
        benchmark.extra_info.update(
            lib="cronwall",
            workload="startup",
            ops=len(argvs),
            agrees=True,
        )
        benchmark.pedantic(one_round, rounds=ROUNDS, iterations=1)
        benchmark.extra_info["cpu_median_s"] = {n: statistics.median(v) for n, v in cpu.items()}
        benchmark.extra_info["wall_median_s"] = {n: statistics.median(v) for n, v in wall.items()}
        benchmark.extra_info["rounds"] = ROUNDS
