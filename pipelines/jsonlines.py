"""JSON Lines from outside, one line at a time: read as bytes within a size bound, decoded
and parsed line by line, so one bad line (invalid UTF-8, malformed JSON, a number no
database holds, nesting past the stack) is reported by its number and the rest still read.
Used by `mrt import` and `mrt extract --input`.
"""

from __future__ import annotations

import codecs
import json
import math
from collections.abc import Iterator
from typing import IO, Any

from pipelines.untrusted import shown

#: Longest line read, in bytes (`mrt import` lets MRT_IMPORT_MAX_LINE_BYTES change it).
MAX_LINE_BYTES = 5_000_000
#: Largest integer SQLite and PostgreSQL store (BIGINT).
INT64_MAX = 2**63 - 1


class BadLine(ValueError):
    """One input line that cannot become a posting; the message says why."""


def _json_int(digits: str) -> int:
    if len(digits.lstrip("-")) > 19 or abs(number := int(digits)) > INT64_MAX:
        raise BadLine(f"number {shown(digits, 24)} is beyond the 64-bit range a database stores")
    return number


def _json_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise BadLine(f"number {shown(text, 24)} is out of range")
    return number


def _json_constant(name: str) -> Any:
    raise BadLine(f"{name} is not a JSON number")


def parse_line(text: str) -> Any:
    """One JSON value; BadLine for malformed JSON, NaN/Infinity and out-of-range numbers."""
    try:
        return json.loads(
            text, parse_int=_json_int, parse_float=_json_float, parse_constant=_json_constant
        )
    except json.JSONDecodeError as exc:
        raise BadLine(f"malformed JSON ({exc.msg}, column {exc.colno})") from None
    except RecursionError:
        raise BadLine("nested too deeply") from None


def physical_lines(fh: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(number, bytes) of each line of a binary file; None for a line over `limit` bytes,
    which is skipped to its end without being held in memory."""
    number = 0
    while line := fh.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def decode_line(raw: bytes, number: int) -> str:
    """UTF-8 (a BOM on line 1 dropped); BadLine naming the first byte that is not."""
    if number == 1 and raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadLine(f"not UTF-8 text (byte {exc.start + 1})") from None


def too_long(limit: int, hint: str = "") -> BadLine:
    """The BadLine of a line over `limit` bytes; `hint` says how to raise the limit."""
    return BadLine(f"longer than {limit:,} bytes{hint}")


def read_json_lines(
    fh: IO[bytes], limit: int = MAX_LINE_BYTES, hint: str = ""
) -> Iterator[tuple[int, Any]]:
    """(line number, JSON value or BadLine) for every non-blank line of a binary stream;
    `hint` is added to the message of a line over `limit` bytes (how to raise it)."""
    for number, raw in physical_lines(fh, limit):
        try:
            if raw is None:
                raise too_long(limit, hint)
            text = decode_line(raw, number)
            if not text.strip():
                continue
            yield number, parse_line(text)
        except BadLine as exc:
            yield number, exc
