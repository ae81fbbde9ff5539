"""RFC 3339 text for instants and offsets, as the CLI and the API dicts print them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone


def parse_datetime(text: str) -> datetime | None:
    """The date-time ``text`` spells, with a final ``Z`` (or ``z``) read as UTC, or ``None``
    when it spells none; naive when it has no offset (the caller decides what that means).
    """
    if text[-1:] in ("Z", "z"):
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def format_utc(moment: datetime) -> str:
    """RFC 3339 in UTC with a 'Z' and a four-digit year: ``2026-11-01T05:30:00Z``."""
    return moment.astimezone(timezone.utc).replace(tzinfo=None).isoformat() + "Z"


def format_offset(offset: timedelta) -> str:
    """A UTC offset as ``+05:30``, or ``-04:56:02`` when it has seconds (local mean time)."""
    seconds = offset // timedelta(seconds=1)
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{sign}{hours:02}:{minutes:02}"
    return f"{text}:{seconds:02}" if seconds else text
