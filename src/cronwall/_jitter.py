"""Deterministic per-schedule jitter: a stable delay in [0, max_delay) from a key.

The hash is language-independent (docs/jitter.md spells it out with test vectors):

    digest = SHA-256(b"cronwall-jitter-v1\\x00" + UTF-8 bytes of the key)
    n      = first 8 bytes of digest, as an unsigned big-endian integer
    delay  = floor(n * max_ms / 2**64) milliseconds

where ``max_ms`` is ``max_delay`` in whole milliseconds (rounded down). Python's
``hash()`` would change from process to process; this does not.
"""

from __future__ import annotations

from datetime import timedelta

from ._errors import CronwallError

DEFAULT_MAX_DELAY = timedelta(seconds=10)
_DOMAIN = b"cronwall-jitter-v1\x00"
_MILLISECOND = timedelta(milliseconds=1)


def jitter(key: str | bytes, *, max_delay: timedelta = DEFAULT_MAX_DELAY) -> timedelta:
    """The delay for ``key``: the same on every machine, process and Python version.

    Keys spread uniformly over ``[0, max_delay)`` at millisecond resolution.
    """
    if isinstance(key, str):
        try:
            data = key.encode("utf-8")
        except UnicodeEncodeError:
            raise CronwallError(
                "jitter key is not valid Unicode text (it has a lone surrogate)", param="key"
            ) from None
    elif isinstance(key, bytes):
        data = key
    else:
        raise TypeError(f"jitter key must be a str or bytes, not {type(key).__name__}")
    if not isinstance(max_delay, timedelta):
        raise TypeError(f"max_delay must be a timedelta, not {type(max_delay).__name__}")
    bound = max_delay // _MILLISECOND
    if bound < 1:
        raise CronwallError(
            f"max_delay must be at least 1 millisecond, not {max_delay!r}", param="max_delay"
        )
    import hashlib  # deferred: most processes never jitter, and it costs start-up time

    number = int.from_bytes(hashlib.sha256(_DOMAIN + data).digest()[:8], "big")
    return timedelta(milliseconds=(number * bound) >> 64)
