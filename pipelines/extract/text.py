"""The text the extractor reads: ``html_to_text(description)``; evidence offsets point into it."""

from __future__ import annotations

from typing import Any

from pipelines.normalize.html import html_to_text

# The emoji, arrows and stars job boards use as bullets (as regex class ranges): a line that
# opens with one is a list item, and one glued to the text before it starts a line.
SYMBOL_BULLETS = "\u2190-\u21ff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\U0001f300-\U0001faff"
# The marks that open a list item in typed and pasted text (a regex class body, and the
# characters themselves): hyphen, bullets, asterisk, en and em dash.
LINE_BULLETS = "-•·*▪●◦‣–—"

# Set on postings read from the store: their `description` is already the plain text that
# requirement offsets point into, so it is used as it is.
PLAIN_TEXT = "_plain_text"


def posting_text(posting: dict[str, Any]) -> str:
    """Plain text of a posting's description (HTML or text in, idempotent)."""
    description = posting.get("description")
    if description is None:
        description = ""
    if not isinstance(description, str):
        raise TypeError("'description' must be a string")
    if posting.get(PLAIN_TEXT):
        return description
    return html_to_text(description)
