"""pytest setup for the benchmarks (run only on request, see docs/performance.md).

The normal test run never sees this folder (`testpaths = ["tests"]`); benchmark modules are
named bench_*.py, which pytest does not collect by itself, and are collected here.
"""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import Callable
from pathlib import Path
from time import perf_counter
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import workloads


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Module | None:
    # A file named on the command line is collected by pytest itself; don't collect it twice.
    if parent.session.isinitpath(file_path):
        return None
    if file_path.suffix == ".py" and file_path.name.startswith("bench_"):
        return pytest.Module.from_parent(parent, path=file_path)
    return None


_LOAD_AT_START = os.getloadavg()


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def pytest_benchmark_update_machine_info(config: Any, machine_info: dict[str, Any]) -> None:
    import tzdata

    machine_info["cronwall_bench"] = {
        "nproc": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
        "tzdata": tzdata.IANA_VERSION,
        # Other work on the machine skews timings; the report prints these.
        "loadavg_start": _LOAD_AT_START,
        "loadavg_end": os.getloadavg(),
        "libraries": {
            name: workloads.library(name).version if workloads.library(name) else None
            for name in workloads.LIBRARY_NAMES
        },
        "apis": {
            name: workloads.library(name).api if workloads.library(name) else None
            for name in workloads.LIBRARY_NAMES
        },
    }


@pytest.fixture
def timed(benchmark: Any) -> Callable[..., None]:
    """Check a workload's answer against the reference, then time it.

    The first call is the check, the warm-up and the calibration; rounds are then chosen so a
    case takes about `budget` seconds (3-2,000 rounds), and pytest-benchmark's median is divided
    by `ops` in the report. A case whose answer differs is still timed but marked, and
    the report leaves it out of every ratio.
    """

    def run(
        target: Callable[[], Any],
        *,
        group: str,
        lib: str,
        workload: str,
        ops: int,
        want: Any = None,
        budget: float = 0.25,
        **extra: Any,
    ) -> None:
        begin = perf_counter()
        got = target()
        first = perf_counter() - begin
        difference = None if want is None else workloads.compare(got, want)
        benchmark.group = group
        benchmark.extra_info.update(
            lib=lib, workload=workload, ops=ops, agrees=difference is None, **extra
        )
        if difference is not None:
            benchmark.extra_info["difference"] = difference
        benchmark.pedantic(
            target, rounds=workloads.rounds_for(first, budget), iterations=1, warmup_rounds=0
        )

    return run
