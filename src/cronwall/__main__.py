"""``python -m cronwall``: the command line."""

from ._fast_cli import run

if __name__ == "__main__":
    run()
