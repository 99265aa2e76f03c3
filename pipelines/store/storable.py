"""Text a database accepts: NUL characters and lone surrogates taken out before a write.

PostgreSQL refuses a NUL (``\\x00``) anywhere in a text value, and no database driver can
encode a lone surrogate (``"\\ud800"``, which ``json.loads`` makes of an unpaired escape)
as UTF-8; either one fails the whole batch it is in. Posting text comes from outside, so
every row passes :func:`storable_row` on its way into the store (``PostingWriter.upsert``,
which the crawl and ``mrt import`` share).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class Removed:
    """How many characters were taken out: NULs and lone surrogates."""

    nul: int = 0
    surrogates: int = 0

    def __bool__(self) -> bool:
        return bool(self.nul or self.surrogates)

    def add(self, other: Removed) -> None:
        self.nul += other.nul
        self.surrogates += other.surrogates


def storable_text(text: str, removed: Removed) -> str:
    """``text`` without NULs and lone surrogates (counted into ``removed``)."""
    if "\x00" in text:
        removed.nul += text.count("\x00")
        text = text.replace("\x00", "")
    if not text.isascii():
        text, count = _SURROGATE.subn("", text)
        removed.surrogates += count
    return text


def storable(value: Any, removed: Removed) -> Any:
    """``value`` with every string in it (nested dict keys and values, list items) made
    storable; the same object when nothing needed to change."""
    if isinstance(value, str):
        return storable_text(value, removed)
    if isinstance(value, dict):
        before = removed.nul + removed.surrogates
        cleaned = {storable(k, removed): storable(v, removed) for k, v in value.items()}
        return cleaned if removed.nul + removed.surrogates != before else value
    if isinstance(value, list | tuple):
        before = removed.nul + removed.surrogates
        items = [storable(v, removed) for v in value]
        if removed.nul + removed.surrogates == before:
            return value
        return items if isinstance(value, list) else tuple(items)
    return value


def storable_row(row: dict[str, Any]) -> tuple[dict[str, Any], Removed]:
    """``row`` with every text value storable, and what was removed (the same row object
    when nothing was)."""
    removed = Removed()
    cleaned = storable(row, removed)
    return cleaned, removed
