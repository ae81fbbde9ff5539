"""End to end: a real ``celery beat`` and a real ``celery worker`` against a real Redis.

The suite starts ``redis-server`` on a free loopback port without persistence and kills it
afterwards. Without ``redis-server`` the test fails (CI installs it, see ``.ci/run``); set
``CRONWALL_ALLOW_NO_REDIS=1`` to skip it on a machine that cannot install it (not in CI).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import redis

import cronwall

# A schedule of "* * * * *" fires within a minute; the processes need a few seconds to start.
RUN_TIMEOUT = 100

APP = """
import json
import os
from datetime import datetime, timezone

import redis
from celery import Celery

from cronwall.celery import CronwallSchedule

URL = os.environ["CRONWALL_E2E_BROKER"]
app = Celery("e2e_app", broker=URL)
app.conf.update(
    beat_scheduler="cronwall.celery:Scheduler",
    beat_schedule={
        "every-minute": {"task": "e2e_app.record", "schedule": CronwallSchedule("* * * * *")}
    },
    broker_connection_retry_on_startup=True,
)


@app.task(bind=True)
def record(self):
    run = {
        "scheduled_at": self.request.get("scheduled_at"),
        "headers": self.request.headers,
        "started": datetime.now(timezone.utc).isoformat(),
    }
    redis.Redis.from_url(URL).rpush("runs", json.dumps(run))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def redis_url() -> Iterator[str]:
    server = shutil.which("redis-server")
    if server is None:
        # CI (which sets CI=true) never skips: .ci/run installs redis-server.
        if os.environ.get("CRONWALL_ALLOW_NO_REDIS") == "1" and not os.environ.get("CI"):
            pytest.skip("redis-server is not installed and CRONWALL_ALLOW_NO_REDIS=1")
        pytest.fail(
            "redis-server is not installed: the Celery end-to-end test needs it "
            "(apt-get install redis-server; .ci/run does this). "
            "Set CRONWALL_ALLOW_NO_REDIS=1 to skip this test locally."
        )
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.05)
        yield url
    finally:
        stop(process)


def test_beat_and_a_worker_run_the_task_with_its_scheduled_at_header(
    tmp_path: Path, redis_url: str
) -> None:
    (tmp_path / "e2e_app.py").write_text(textwrap.dedent(APP), encoding="utf-8")
    source = Path(cronwall.__file__).resolve().parent.parent
    env = {
        **os.environ,
        "CRONWALL_E2E_BROKER": redis_url,
        "PYTHONPATH": os.pathsep.join(
            [str(tmp_path), str(source), os.environ.get("PYTHONPATH", "")]
        ),
    }
    celery = [sys.executable, "-m", "celery", "-A", "e2e_app"]
    logs = {name: (tmp_path / f"{name}.log").open("wb") for name in ("beat", "worker")}
    processes = [
        subprocess.Popen(
            [*celery, "beat", "-s", str(tmp_path / "beat-schedule"), "-l", "info"],
            cwd=tmp_path,
            env=env,
            stdout=logs["beat"],
            stderr=subprocess.STDOUT,
        ),
        subprocess.Popen(
            [*celery, "worker", "-P", "solo", "-l", "info", "--without-mingle", "--without-gossip"],
            cwd=tmp_path,
            env=env,
            stdout=logs["worker"],
            stderr=subprocess.STDOUT,
        ),
    ]
    try:
        client = redis.Redis.from_url(redis_url)
        deadline = time.monotonic() + RUN_TIMEOUT
        popped = None
        # Poll, so a beat or worker that dies at start fails the test at once, with its log.
        while popped is None and time.monotonic() < deadline:
            if any(process.poll() is not None for process in processes):
                break
            popped = client.lpop("runs")
            time.sleep(0.2)
    finally:
        for process in processes:
            stop(process)
        for log in logs.values():
            log.close()
    output = "\n".join(f"--- {n}.log\n" + (tmp_path / f"{n}.log").read_text() for n in logs)
    assert popped is not None, f"no run within {RUN_TIMEOUT} s\n{output}"
    run = json.loads(popped)
    scheduled_at = run["scheduled_at"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:00Z", scheduled_at), run
    assert run["headers"]["scheduled_at"] == scheduled_at
    nominal = datetime.fromisoformat(scheduled_at.replace("Z", "+00:00"))
    started = datetime.fromisoformat(run["started"])
    assert timedelta(0) <= started - nominal < timedelta(seconds=30), run
    assert "Sending due task every-minute (e2e_app.record)" in output
