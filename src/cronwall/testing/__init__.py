"""Test your scheduler against cronwall's rules: Hypothesis strategies and a reference oracle.

Install with ``pip install cronwall[testing]`` (which adds Hypothesis).

- :func:`expressions`, :func:`invalid_expressions`, :func:`timezones`,
  :func:`instants` and :func:`schedules` are Hypothesis strategies; they need
  Hypothesis and are loaded the first time one is used.
- :func:`reference_fires` and :func:`reference_fires_before` are the
  brute-force oracle (a scan of every UTC minute), and :func:`transitions`
  lists a zone's offset changes; these need only the standard library and
  ``tzdata``. Both take a DST policy (``gap=``, ``fold=``), as schedules do,
  and :func:`schedules` draws one (:data:`POLICIES` lists the combinations).
- ``python -m cronwall.testing corpus`` writes a language-independent
  conformance corpus (see ``docs/testing.md``).

``import cronwall`` never imports this package, nor Hypothesis.
"""

# No ``from __future__ import annotations`` and only private imports here: every public name
# of this module is in ``__all__`` (a test checks that nothing else leaks).
import importlib as _importlib
from typing import TYPE_CHECKING as _TYPE_CHECKING

from cronwall.testing._oracle import DEFAULT_HORIZON, reference_fires, reference_fires_before
from cronwall.testing._transitions import Transition, transitions

if _TYPE_CHECKING:
    from cronwall.testing._strategies import (
        INTERESTING_TIMEZONES,
        POLICIES,
        InvalidExpression,
        InvalidKind,
        ScheduleCase,
        expressions,
        instants,
        invalid_expressions,
        schedules,
        timezones,
    )

__all__ = [
    "DEFAULT_HORIZON",
    "INTERESTING_TIMEZONES",
    "POLICIES",
    "InvalidExpression",
    "InvalidKind",
    "ScheduleCase",
    "Transition",
    "expressions",
    "instants",
    "invalid_expressions",
    "reference_fires",
    "reference_fires_before",
    "schedules",
    "timezones",
    "transitions",
]

_STRATEGY_NAMES = frozenset(
    {
        "INTERESTING_TIMEZONES",
        "POLICIES",
        "InvalidExpression",
        "InvalidKind",
        "ScheduleCase",
        "expressions",
        "instants",
        "invalid_expressions",
        "schedules",
        "timezones",
    }
)


def __getattr__(name: str) -> object:
    # The strategies import Hypothesis, an optional dependency: load them on first use, so
    # the oracle and the corpus tools work without it.
    if name not in _STRATEGY_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        strategies = _importlib.import_module("cronwall.testing._strategies")
    except ModuleNotFoundError as error:
        if error.name != "hypothesis":
            raise
        raise ModuleNotFoundError(
            f"cronwall.testing.{name} needs Hypothesis: pip install 'cronwall[testing]'",
            name="hypothesis",
        ) from error
    value = getattr(strategies, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(__all__) | {name for name in globals() if name.startswith("_")})
