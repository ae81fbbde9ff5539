"""Support for the tests of zone rules (tests/test_zones.py, tests/test_iteration.py): a zone's
file from the tzdata package, and a thread switch forced inside ``ZoneRules.segment`` for the
tests that race readers and writers of a zone's footer window."""

from __future__ import annotations

import importlib.resources
import sys
import threading
from collections.abc import Callable
from types import FrameType

from cronwall._tzif import ZoneRules


def tzdata_bytes(name: str) -> bytes:
    """The bytes of zone ``name``'s file in the tzdata package."""
    resource = importlib.resources.files("tzdata.zoneinfo")
    for part in name.split("/"):
        resource = resource.joinpath(part)
    return resource.read_bytes()


def segment_preempted(
    rules: ZoneRules, u: int, at_line: int, interloper: Callable[[], object]
) -> tuple[int, int, int]:
    """``rules.segment(u)``, with ``interloper`` run to completion in another thread just
    before the ``at_line``-th line of ``segment`` executes (a thread switch forced there)."""
    seen = 0
    others: list[threading.Thread] = []

    def in_segment(frame: FrameType, event: str, arg: object) -> object:
        nonlocal seen
        if event == "line":
            seen += 1
            if seen == at_line:
                other = threading.Thread(target=interloper)
                other.start()
                # A reader holding a lock the interloper needs would wait forever: give up
                # waiting then, which is the lock doing its job.
                other.join(timeout=1.0)
                others.append(other)
        return in_segment

    def on_call(frame: FrameType, event: str, arg: object) -> object:
        code = frame.f_code
        if code.co_name == "segment" and code.co_filename.endswith("_tzif.py"):
            return in_segment
        return None

    previous = sys.gettrace()
    sys.settrace(on_call)
    try:
        answer = rules.segment(u)
    finally:
        sys.settrace(previous)
    for other in others:
        other.join()
    return answer
