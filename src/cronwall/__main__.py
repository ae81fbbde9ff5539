"""``python -m cronwall`` and the ``cronwall`` console command."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING would import typing (start-up time)
if TYPE_CHECKING:
    from typing import NoReturn


def main() -> NoReturn:
    """Run the command line: the fast route of ``next``, or the full command line."""
    import gc

    # The modules a call imports make thousands of objects that live until the process
    # ends; collecting young objects while they load finds no garbage and costs about 0.9
    # ms of CPU (8 % of a bare interpreter's start-up, CPython 3.11). The fast route makes
    # no reference cycles worth collecting in a call this short; the full command line gets
    # the collector back before it runs.
    gc.disable()
    from ._fast_cli import run

    run()


if __name__ == "__main__":
    main()
