"""Find schema.org JobPosting objects in pages: extruct reads the structured data (JSON-LD,
and microdata where a page has no JSON-LD posting); JSON-LD blocks that strict JSON and
extruct reject are read by a tolerant decoder (json5), as real sites serve them.

Bounded: at most :data:`MAX_BLOCKS` JSON-LD blocks a page, :data:`MAX_NODES` values walked
looking for postings, and json5 (pure Python, ~100 KB/s) only for blocks up to
:data:`MAX_TOLERANT_CHARS`; the page itself is capped by DOWNLOAD_MAXSIZE.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import json5
import lxml.etree
from extruct import extract as extruct_extract
from extruct.jsonld import JsonLdExtractor
from extruct.utils import parse_html

#: JSON-LD blocks read on one page (a job page has one to three); the rest count as unread.
MAX_BLOCKS = 50
#: JSON values walked on one page looking for JobPosting nodes (lists, @graph, nesting).
MAX_NODES = 20_000
#: Largest block handed to json5 after strict JSON and extruct failed on it, in characters.
MAX_TOLERANT_CHARS = 200_000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CDATA = re.compile(r"^\s*(?:<!\[CDATA\[|<!--)|(?:\]\]>|-->)\s*$")
_BLOCKS = lxml.etree.XPath(
    '//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'
)  # any spelling of the type ("application/LD+JSON", "...; charset=utf-8")
_MICRODATA_POSTING = lxml.etree.XPath('//*[@itemscope][contains(@itemtype, "JobPosting")]')
_EXTRUCT_JSONLD = JsonLdExtractor()
_CONTAINERS = ("@graph", "mainEntity", "itemListElement", "item")


def parse_json_ld(text: str) -> list[Any]:
    """Every JSON value in one script body; [] when nothing can be read.

    Strict JSON first; then json5 (comments, trailing commas, single quotes, unquoted
    keys) with raw control characters made spaces; then several values one after another.
    """
    text = _CDATA.sub("", text.strip())
    if not text:
        return []
    try:
        return [json.loads(text)]
    except RecursionError:  # [[[[... nested past the limit: no page needs that
        return []
    except ValueError:
        pass
    text = _CONTROL.sub(" ", text)
    if len(text) <= MAX_TOLERANT_CHARS:
        try:
            return [json5.loads(text)]
        except (ValueError, RecursionError):
            pass
    return _consecutive_values(text)


def _consecutive_values(text: str) -> list[Any]:
    """``{...}{...}`` or ``{...};{...}``: each value in turn, up to the first unreadable."""
    decoder = json.JSONDecoder(strict=False)
    values, index = [], 0
    while index < len(text):
        while index < len(text) and text[index] in " \t\r\n;,":
            index += 1
        if index >= len(text):
            break
        try:
            value, index = decoder.raw_decode(text, index)
        except (ValueError, RecursionError):
            break
        values.append(value)
    return values


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).rsplit("/", 1)[-1] for k in kinds if k}


def iter_job_postings(value: Any, limit: int = MAX_NODES) -> Iterator[dict[str, Any]]:
    """JobPosting nodes anywhere in a JSON-LD value (lists, @graph, nesting), in document
    order, walking at most ``limit`` values (no recursion: nesting depth costs nothing)."""
    yield from _walk(value, [limit])


def _walk(value: Any, budget: list[int]) -> Iterator[dict[str, Any]]:
    """:func:`iter_job_postings` drawing on ``budget[0]``, shared by a page's blocks."""
    stack = [value]
    while stack and budget[0] > 0:
        node = stack.pop()
        budget[0] -= 1
        if isinstance(node, list):
            stack.extend(reversed(node[: budget[0]]))
        elif isinstance(node, dict):
            if "JobPosting" in _types(node):
                yield node
                continue
            stack.extend(node[key] for key in reversed(_CONTAINERS) if key in node)


def _block_values(script: Any) -> list[Any] | None:
    """The values of one JSON-LD block: extruct's reading (strict JSON, then its comment
    remover), else :func:`parse_json_ld`; None when neither reads it."""
    try:
        values = _EXTRUCT_JSONLD.extract_items(script)
    except RecursionError:
        return None
    except ValueError:
        values = []
    if values:
        return values
    text = script.text or ""
    values = parse_json_ld(text)
    return values if values or not text.strip() else None


def job_postings_in_html(html: str | bytes) -> tuple[list[dict[str, Any]], int]:
    """JobPosting objects of a page and the number of JSON-LD blocks left unread (malformed,
    or past :data:`MAX_BLOCKS`). Microdata postings are read only when JSON-LD has none."""
    data = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
    try:
        tree = parse_html(data, encoding="utf-8")
    except (lxml.etree.ParserError, ValueError):  # an empty or non-HTML body
        return [], 0
    found: list[dict[str, Any]] = []
    blocks = _BLOCKS(tree)
    broken = max(0, len(blocks) - MAX_BLOCKS)
    budget = [MAX_NODES]
    for script in blocks[:MAX_BLOCKS]:
        values = _block_values(script)
        if values is None:
            broken += 1
            continue
        found.extend(_walk(values, budget))
    if not found and _MICRODATA_POSTING(tree):
        found.extend(microdata_postings(tree))
    return found, broken


def microdata_postings(tree: Any) -> list[dict[str, Any]]:
    """JobPosting items written as microdata (``itemtype=".../JobPosting"``), in the
    JSON-LD shape extruct gives them (``uniform``)."""
    try:
        items = extruct_extract(tree, syntaxes=["microdata"], uniform=True, errors="log")
    except RecursionError:
        return []
    return [p for item in items.get("microdata", []) for p in iter_job_postings(item)]


def text_of(value: Any) -> str | None:
    """schema.org values come as text, objects with name/value, or lists of either; raw
    control characters (a broken page's) become spaces."""
    if value is None:
        return None
    if isinstance(value, list):
        parts = [text_of(v) for v in value]
        return ", ".join(p for p in parts if p) or None
    if isinstance(value, dict):
        return text_of(value.get("name") or value.get("value") or value.get("@id"))
    return _CONTROL.sub(" ", str(value)).strip() or None
