"""Find schema.org JobPosting objects in pages, tolerating the malformed JSON-LD sites serve."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from parsel import Selector

_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_LINE_COMMENT = re.compile(r"(?m)^\s*//[^\n]*$")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CDATA = re.compile(r"^\s*(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)\s*$")


def parse_json_ld(text: str) -> list[Any]:
    """Every JSON value in one script body; [] when nothing can be read.

    Tries strict JSON first, then repairs comments, trailing commas, raw control
    characters and several concatenated objects.
    """
    text = _CDATA.sub("", text.strip())
    if not text:
        return []
    try:
        return [json.loads(text)]
    except (ValueError, RecursionError):  # RecursionError: [[[[... nested past the limit
        pass
    repaired = _LINE_COMMENT.sub("", _BLOCK_COMMENT.sub("", text))
    repaired = _TRAILING_COMMA.sub(r"\1", repaired)
    repaired = _CONTROL.sub(" ", repaired)
    decoder = json.JSONDecoder(strict=False)
    values, index = [], 0
    while index < len(repaired):
        while index < len(repaired) and repaired[index] in " \t\r\n;,":
            index += 1
        if index >= len(repaired):
            break
        try:
            value, index = decoder.raw_decode(repaired, index)
        except (ValueError, RecursionError):
            break
        values.append(value)
    return values


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).rsplit("/", 1)[-1] for k in kinds if k}


def iter_job_postings(value: Any) -> Iterator[dict[str, Any]]:
    """JobPosting nodes anywhere in a JSON-LD value (lists, @graph, nesting)."""
    if isinstance(value, list):
        for entry in value:
            yield from iter_job_postings(entry)
    elif isinstance(value, dict):
        if "JobPosting" in _types(value):
            yield value
            return
        for key in ("@graph", "mainEntity", "itemListElement", "item"):
            if key in value:
                yield from iter_job_postings(value[key])


def job_postings_in_html(html: str) -> tuple[list[dict[str, Any]], int]:
    """JobPosting objects of a page and the number of unreadable JSON-LD blocks."""
    selector = Selector(text=html)
    found, broken = [], 0
    for script in selector.xpath(
        '//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]/text()'
    ).getall():
        values = parse_json_ld(script)
        if not values and script.strip():
            broken += 1
        try:
            found.extend(posting for value in values for posting in iter_job_postings(value))
        except RecursionError:  # nested deeper than any page needs
            broken += 1
    return found, broken


def text_of(value: Any) -> str | None:
    """schema.org values come as text, objects with name/value, or lists of either."""
    if value is None:
        return None
    if isinstance(value, list):
        parts = [text_of(v) for v in value]
        return ", ".join(p for p in parts if p) or None
    if isinstance(value, dict):
        return text_of(value.get("name") or value.get("value") or value.get("@id"))
    return str(value).strip() or None
