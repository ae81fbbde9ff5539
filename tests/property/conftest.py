"""Hypothesis profiles for the laws: ``ci`` (the default) and a faster ``dev``.

HYPOTHESIS_PROFILE=dev pytest tests/property    # 50 examples a law, for a quick look
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Each law compares the engine with a minute-by-minute scan, so an example takes milliseconds:
# no deadline, and drawing an instant near a zone's first transitions may be slow once.
settings.register_profile(
    "ci",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "dev",
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "stress",
    max_examples=20_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
