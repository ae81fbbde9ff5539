"""Jitter: a stable, uniform, documented delay in [0, max) per key."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from cronwall import CronwallError, Run, Schedule, jitter

# Published test vectors (docs/jitter.md): SHA-256 of b"cronwall-jitter-v1\x00" + key.
VECTORS = [
    # (key, bound, delay in ms); first 8 digest bytes in the comment, from coreutils sha256sum
    ("", timedelta(seconds=10), 3_801),  # 6154343b8c56280e
    ("deployment-42", timedelta(seconds=10), 5_692),  # 91bcf0eda329939b
    ("billing/nightly-report", timedelta(seconds=10), 5_503),  # 8ce39ea56e6d8012
    ("ünïcødé", timedelta(seconds=10), 5_541),  # 8ddb1a968935dc92
    ("deployment-42", timedelta(minutes=5), 170_786),
    ("deployment-42", timedelta(milliseconds=1), 0),
]


@pytest.mark.parametrize(("key", "bound", "milliseconds"), VECTORS)
def test_published_vectors_hold(key: str, bound: timedelta, milliseconds: int) -> None:
    assert jitter(key, max_delay=bound) == timedelta(milliseconds=milliseconds)


def test_the_default_bound_is_ten_seconds() -> None:
    assert jitter("deployment-42") == jitter("deployment-42", max_delay=timedelta(seconds=10))


def test_str_keys_hash_as_their_utf8_bytes() -> None:
    assert jitter("ünïcødé") == jitter("ünïcødé".encode())


def test_delay_is_the_same_in_processes_with_different_hash_seeds() -> None:
    code = (
        "import datetime, cronwall; "
        "print(cronwall.jitter('deployment-42') // datetime.timedelta(milliseconds=1))"
    )
    results = set()
    for seed in ("0", "1", "12345", "random"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        results.add(out.stdout.strip())
    assert results == {"5692"}


def test_every_delay_lies_within_the_bound_at_millisecond_resolution() -> None:
    bound = timedelta(seconds=3)
    for index in range(2_000):
        delay = jitter(f"key-{index}", max_delay=bound)
        assert timedelta(0) <= delay < bound
        assert delay.microseconds % 1000 == 0


def test_keys_spread_uniformly_over_the_bound() -> None:
    # Chi-square over 20 equal buckets with 20,000 keys: 19 degrees of freedom, so the
    # statistic exceeds 43.8 with probability 0.001 for a uniform hash.
    buckets = [0] * 20
    bound = timedelta(seconds=10)
    for index in range(20_000):
        buckets[jitter(f"schedule-{index}", max_delay=bound) // timedelta(milliseconds=500)] += 1
    expected = 20_000 / 20
    statistic = sum((count - expected) ** 2 / expected for count in buckets)
    assert statistic < 43.8


def test_bad_bounds_and_keys_are_refused_with_clear_errors() -> None:
    with pytest.raises(CronwallError, match="at least 1 millisecond"):
        jitter("k", max_delay=timedelta(microseconds=999))
    with pytest.raises(CronwallError, match="at least 1 millisecond"):
        jitter("k", max_delay=timedelta(seconds=-1))
    with pytest.raises(TypeError, match="max_delay must be a timedelta"):
        jitter("k", max_delay=10)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="jitter key must be a str or bytes"):
        jitter(42)  # type: ignore[arg-type]
    with pytest.raises(CronwallError, match="lone surrogate"):
        jitter("\ud800")


def test_jittered_runs_keep_the_nominal_time_beside_the_delayed_one() -> None:
    schedule = Schedule("0 * * * *", "UTC")
    after = datetime(2026, 1, 1, tzinfo=timezone.utc)
    runs = []
    for run in schedule.iter_runs(after, key="deployment-42"):
        runs.append(run)
        if len(runs) == 3:
            break
    assert [r.scheduled_at.isoformat() for r in runs] == [
        "2026-01-01T01:00:00+00:00",
        "2026-01-01T02:00:00+00:00",
        "2026-01-01T03:00:00+00:00",
    ]
    assert all(isinstance(r, Run) and r.delay == timedelta(milliseconds=5_692) for r in runs)
    assert runs[0].run_at.isoformat() == "2026-01-01T01:00:05.692000+00:00"
