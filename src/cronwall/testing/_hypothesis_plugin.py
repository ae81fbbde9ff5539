"""cronwall's Hypothesis plugin: ``st.from_type`` for ``cronwall.Cron`` and ``cronwall.Schedule``.

Hypothesis loads the ``hypothesis`` entry points of every installed distribution when it is
imported, and calls each hook. cronwall's hook registers a strategy for each of its two value
types, so that ``st.from_type`` and ``st.builds`` (of your own classes, dataclasses and
pydantic models that hold a ``Cron`` or a ``Schedule``) draw valid values.

The hook runs while ``import hypothesis`` is in progress, so it does as little as it can:
it registers functions, and the strategies module (which builds its strategies at import)
is imported only when a test first asks for one of the types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from cronwall import Cron, Schedule


def _hypothesis_setup_hook() -> None:
    """Register cronwall's types with Hypothesis; nothing happens without Hypothesis."""
    try:
        from hypothesis import strategies as st
    except ModuleNotFoundError:
        return
    from cronwall import Cron, Schedule

    st.register_type_strategy(Cron, _crons)
    st.register_type_strategy(Schedule, _schedules)


def _crons(thing: type[Cron]) -> SearchStrategy[Cron]:
    """Compiled expressions: every expression :func:`cronwall.testing.expressions` draws."""
    from cronwall import parse
    from cronwall.testing._strategies import expressions

    return expressions().map(parse)


def _schedules(thing: type[Schedule]) -> SearchStrategy[Schedule]:
    """Schedules: an expression from ``expressions()`` in a zone from ``timezones()``, with
    any of the six DST policies (half of them the literal default)."""
    from hypothesis import strategies as st

    from cronwall import Schedule
    from cronwall._policy import FOLD_POLICIES, GAP_POLICIES
    from cronwall.testing._strategies import expressions, timezones

    literal = st.builds(Schedule, expressions(), timezones())
    with_policy = st.builds(
        Schedule,
        expressions(),
        timezones(),
        gap=st.sampled_from(GAP_POLICIES),
        fold=st.sampled_from(FOLD_POLICIES),
    )
    return literal | with_policy
