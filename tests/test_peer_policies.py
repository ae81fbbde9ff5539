"""The peer table of docs/semantics.md is measured: each peer, run on the conformance corpus,
agrees with cronwall under each DST policy on exactly the documented number of cases.

The numbers come from ``tests/peer_policies.py`` (``PYTHONPATH=src python tests/peer_policies.py``
prints the table); when a peer's version changes, re-run it and update the docs and this file.
"""

from __future__ import annotations

import sys

import pytest
from peer_policies import POLICIES, load_cases, measure, peer_version

CASES = load_cases()

# peer: (version measured, {policy: (cases agreeing of 340, of them on an offset change of 200)})
MEASURED = {
    "croniter": ("7.0.0", [(270, 146), (214, 90), (211, 87), (324, 200), (268, 144), (265, 141)]),
    "cronsim": ("2.8", [(236, 112), (258, 134), (215, 91), (280, 156), (302, 178), (259, 135)]),
    "apscheduler": ("3.11.3", [(247, 139), (195, 87), (190, 82), (246, 138), (194, 86), (189, 81)]),
    "celery": ("5.7.0", [(200, 101), (256, 157), (196, 97), (213, 114), (269, 170), (209, 110)]),
}
# cronsim 2.8, the release measured, needs Python 3.11; the test extra installs 2.7 on 3.10.
MEASURED_RELEASE_INSTALLABLE = {"cronsim": sys.version_info >= (3, 11)}


def needs_measured_release(peer: str) -> None:
    if not MEASURED_RELEASE_INSTALLABLE.get(peer, True):
        pytest.skip(f"the measured {peer} release does not install on this Python")


# The policy that reproduces each peer best, as docs/semantics.md says.
BEST = {
    "croniter": ("late", "both"),
    "cronsim": ("late", "first"),
    "apscheduler": ("skip", "both"),
    "celery": ("late", "first"),
}


@pytest.fixture(scope="module")
def table() -> dict[str, dict[tuple[str, str], tuple[int, int]]]:
    return measure(CASES)


@pytest.mark.parametrize("peer", sorted(MEASURED))
def test_each_peer_agrees_on_the_documented_number_of_cases(
    peer: str, table: dict[str, dict[tuple[str, str], tuple[int, int]]]
) -> None:
    needs_measured_release(peer)
    version, counts = MEASURED[peer]
    assert peer_version(peer) == version, f"{peer} changed: re-measure (tests/peer_policies.py)"
    assert [table[peer][policy] for policy in POLICIES] == counts


@pytest.mark.parametrize("peer", sorted(BEST))
def test_the_documented_policy_reproduces_each_peer_best(
    peer: str, table: dict[str, dict[tuple[str, str], tuple[int, int]]]
) -> None:
    needs_measured_release(peer)
    best = max(table[peer].values())
    assert table[peer][BEST[peer]] == best
    assert sum(count == best for count in table[peer].values()) == 1
