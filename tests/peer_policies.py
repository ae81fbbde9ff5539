"""Which DST policy reproduces which peer: the conformance corpus run through the peers themselves.

For every case of ``tests/testing/corpus.json`` (fires ``t`` with ``after < t <= until``) each
peer's fires are computed with its own API, as its scheduler asks for them, and compared with
cronwall's under each of the six ``(gap, fold)`` policies. A case *agrees* when the two lists
of UTC instants are equal; a peer that refuses a case or raises counts as disagreeing.

    PYTHONPATH=src python tests/peer_policies.py     # prints the tables in docs/semantics.md

``tests/test_peer_policies.py`` asserts the same numbers, so the documented table stays measured.
The peers are called as ``benchmarks/workloads.py`` calls them: croniter with
``implement_cron_bug=True`` (the Vixie day rule for fields like ``*/2``), APScheduler 3 with its
weekday numbers translated (it counts Monday as 0), Celery's ``crontab`` as beat calls it (the
next run is ``last_run_at`` plus ``remaining_delta``, in the app's time zone).
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from functools import cache
from importlib import resources
from itertools import islice
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import cronwall
from cronwall.testing._corpus import Case, load_corpus

UTC = timezone.utc
CORPUS = Path(__file__).with_name("testing") / "corpus.json"
POLICIES = [(gap, fold) for gap in ("skip", "late") for fold in ("both", "first", "last")]
PEERS = ("croniter", "cronsim", "apscheduler", "celery")
#: Categories whose cases sit on an offset change; the rest test syntax, day rules, ranges.
DST_CATEGORIES = frozenset(
    {
        "gap",
        "fold",
        "apia-skipped-day",
        "casablanca-ramadan",
        "chatham-45min",
        "dublin-negative-dst",
        "lmt-seconds",
        "lord-howe-30min",
        "midnight-transition",
        "troll-2h",
    }
)
# No corpus window holds more fires than this; a peer that gives more is wrong anyway.
_MAX_FIRES = 5000

Fires = Callable[[str, str, datetime], Iterator[datetime]]


@cache
def peer_zone(name: str) -> ZoneInfo:
    """The zone from the tzdata package, as cronwall reads it (not the host's copy)."""
    path = resources.files("tzdata.zoneinfo").joinpath(*name.split("/"))
    with path.open("rb") as file:
        return ZoneInfo.from_file(file, key=name)


def _croniter(expression: str, zone: str, after: datetime) -> Iterator[datetime]:
    from croniter import croniter

    get_next = croniter(expression, after.astimezone(peer_zone(zone)), implement_cron_bug=True)
    while True:
        yield get_next.get_next(datetime)


def _cronsim(expression: str, zone: str, after: datetime) -> Iterator[datetime]:
    from cronsim import CronSim

    yield from CronSim(expression, after.astimezone(peer_zone(zone)))


_APS_DAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


def _apscheduler_text(expression: str) -> str:
    """The expression in APScheduler 3's dialect: weekdays as names (it counts Monday as 0)."""
    fields = expression.split()
    if fields[4] != "*":
        days = cronwall.parse(expression).day_of_week_mask
        fields[4] = ",".join(name for day, name in enumerate(_APS_DAYS) if days >> day & 1)
    return " ".join(fields)


def _apscheduler(expression: str, zone: str, after: datetime) -> Iterator[datetime]:
    from apscheduler.triggers.cron import CronTrigger

    trigger = CronTrigger.from_crontab(_apscheduler_text(expression), timezone=peer_zone(zone))
    # get_next_fire_time(previous, now) with both the last fire is how APScheduler 3's
    # scheduler asks for the next one.
    fire = after.astimezone(peer_zone(zone))
    while True:
        fire = trigger.get_next_fire_time(fire, fire)
        if fire is None:
            return
        yield fire


@cache
def _celery_app(zone: str) -> Any:
    from celery import Celery

    app = Celery(set_as_current=False)
    app.conf.timezone = zone
    app.conf.enable_utc = True
    return app


def _celery(expression: str, zone: str, after: datetime) -> Iterator[datetime]:
    from celery.schedules import crontab

    minute, hour, day_of_month, month, day_of_week = expression.split()
    schedule = crontab(
        minute=minute,
        hour=hour,
        day_of_month=day_of_month,
        month_of_year=month,
        day_of_week=day_of_week,
        app=_celery_app(zone),
    )
    last_run_at = after
    while True:
        # Beat runs the entry when remaining_estimate(last_run_at) reaches 0, that is at
        # start + delta (in UTC), and records that instant as the new last_run_at.
        start, delta, _ = schedule.remaining_delta(last_run_at, tz=peer_zone(zone))
        fire = (start + delta).astimezone(UTC)
        if fire <= last_run_at:
            raise RuntimeError(f"celery's next run {fire} is not after {last_run_at}")
        yield fire
        last_run_at = fire


PEER_FIRES: dict[str, Fires] = {
    "croniter": _croniter,
    "cronsim": _cronsim,
    "apscheduler": _apscheduler,
    "celery": _celery,
}


def peer_version(peer: str) -> str:
    return importlib.metadata.version("APScheduler" if peer == "apscheduler" else peer)


def window(fires: Iterator[datetime], case: Case) -> list[datetime] | None:
    """The fires in ``(after, until]`` as UTC, or ``None`` when the peer failed on the case."""
    got: list[datetime] = []
    try:
        for fire in islice(fires, _MAX_FIRES):
            utc = fire.astimezone(UTC)
            if utc > case.until:
                break
            if utc > case.after:
                got.append(utc)
    except Exception:
        # Any failure of a peer (an overflow near year 9999, a refused field) is a disagreement.
        return None
    return got


def cronwall_fires(case: Case, gap: str, fold: str) -> list[datetime]:
    schedule = cronwall.Schedule(case.expression, case.timezone, gap=gap, fold=fold)  # type: ignore[arg-type]
    return list(schedule.between(case.after, case.until))


def measure(cases: list[Case]) -> dict[str, dict[tuple[str, str], tuple[int, int]]]:
    """peer -> policy -> (cases agreeing, DST cases agreeing)."""
    ours = {policy: [cronwall_fires(case, *policy) for case in cases] for policy in POLICIES}
    table: dict[str, dict[tuple[str, str], tuple[int, int]]] = {}
    for peer in PEERS:
        theirs = [window(PEER_FIRES[peer](c.expression, c.timezone, c.after), c) for c in cases]
        table[peer] = {}
        for policy in POLICIES:
            agree = [theirs[i] == ours[policy][i] for i in range(len(cases))]
            dst = [
                a for a, case in zip(agree, cases, strict=True) if case.category in DST_CATEGORIES
            ]
            table[peer][policy] = (sum(agree), sum(dst))
    return table


def load_cases() -> list[Case]:
    return load_corpus(CORPUS.read_text(encoding="utf-8"))[1]


def markdown(table: dict[str, dict[tuple[str, str], tuple[int, int]]], cases: list[Case]) -> str:
    dst_total = sum(case.category in DST_CATEGORIES for case in cases)
    head = " | ".join(f"`{gap}`/`{fold}`" for gap, fold in POLICIES)
    lines = [
        f"| peer | {head} |",
        "|---|" + "---|" * len(POLICIES),
    ]
    for peer in PEERS:
        best = max(table[peer].values())
        cells = []
        for policy in POLICIES:
            count, dst = table[peer][policy]
            cell = f"{count} ({dst})"
            cells.append(f"**{cell}**" if (count, dst) == best else cell)
        lines.append(f"| {peer} {peer_version(peer)} | {' | '.join(cells)} |")
    lines.append("")
    lines.append(
        f"Cases agreeing out of {len(cases)} (in brackets: out of the {dst_total} cases on an "
        "offset change); the best policy for each peer in bold."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    corpus = load_cases()
    print(markdown(measure(corpus), corpus))
