"""Law: Schedule.matches(t) is true exactly at the oracle's fires."""

from __future__ import annotations

from datetime import timedelta, timezone

from hypothesis import given

import cronwall
from cronwall.testing import ScheduleCase, reference_fires, schedules

UTC = timezone.utc
HOUR = timedelta(hours=1)


@given(schedules())
def test_matches_is_true_exactly_at_the_oracles_fires(case: ScheduleCase) -> None:
    """Within two hours around t, matches() holds at the oracle's fires and nowhere else."""
    try:
        start = case.start.astimezone(UTC) - HOUR
        end = start + 2 * HOUR
    except OverflowError:  # too close to the ends of time for a window
        return
    fires = reference_fires(case.expression, case.timezone, start, 10_000, horizon=2 * HOUR)
    schedule = cronwall.Schedule(case.expression, case.timezone)
    minute = start.replace(second=0, microsecond=0)
    candidates = {minute + k * timedelta(minutes=1) for k in range(1, 120)}
    # Fires themselves, and the instants either side (zones whose offset has seconds
    # fire off the UTC minute).
    for fire in fires:
        candidates |= {fire, fire - timedelta(seconds=1), fire + timedelta(seconds=1)}
    expected = {fire.isoformat() for fire in fires}
    for candidate in sorted(candidates):
        if start < candidate <= end:
            assert schedule.matches(candidate) == (candidate.isoformat() in expected), candidate
            try:
                local = candidate.astimezone(schedule.tzinfo)
            except OverflowError:  # the local date is outside years 1-9999
                continue
            # The same instant read in the schedule's own zone is the same answer.
            assert schedule.matches(local) == schedule.matches(candidate)
