"""Posting text made harmless where it is shown: a terminal, a CSV cell, a JSON line.

Titles, employers and descriptions come from employers' pages. Printed raw, an ESC
sequence in them can clear the screen, retitle the window (OSC 0), plant a hyperlink
(OSC 8), and a bidi override (U+202E) can reorder what a reader sees. Every output path
that prints posting text goes through one of the three functions here:

- :func:`terminal_safe` for text a terminal renders (Rich tables, markdown on stdout);
- :func:`csv_cell` for every cell of every CSV the project writes;
- :func:`json_dumps` for JSON written where a terminal may show it.
"""

from __future__ import annotations

import json
from typing import Any

#: Unicode bidi embeddings, overrides and isolates (LRE..RLO, LRI..PDI).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
#: What a CSV cell may not start with, or a spreadsheet reads it as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# C0 controls except tab and newline (layout), DEL, C1 controls, bidi controls: each made
# visible as its escape ("\x1b", "\u202e") rather than dropped, so a planted sequence shows.
_UNSAFE = [
    *(c for c in range(0x20) if chr(c) not in "\t\n"),
    0x7F,
    *range(0x80, 0xA0),
    *map(ord, BIDI_CONTROLS),
]
_TERMINAL = {code: _escape(code) for code in _UNSAFE}
# json.dumps already escapes C0 controls; these are the rest, as JSON's own \\u escapes.
_JSON = {code: f"\\u{code:04x}" for code in _UNSAFE if code >= 0x7F}


def terminal_safe(text: Any) -> str:
    """``text`` with every control character that a terminal would act on made visible.

    Newlines and tabs stay; a carriage return (which lets later text overwrite a line)
    becomes a newline. ``None`` gives "".
    """
    if text is None:
        return ""
    return str(text).replace("\r\n", "\n").replace("\r", "\n").translate(_TERMINAL)


def csv_cell(value: Any) -> Any:
    """A CSV cell: text made terminal-safe and, when a spreadsheet would read it as a
    formula, prefixed with a single quote. Numbers (and None) are returned unchanged."""
    if not isinstance(value, str):
        return value
    quoted = "'" + value if value.startswith(FORMULA_STARTS) else value
    return terminal_safe(quoted)


def csv_frame(frame: Any) -> Any:
    """A DataFrame with :func:`csv_cell` applied to its text columns; numeric columns keep
    their dtype, so a negative number stays a number."""
    import pandas as pd

    types = pd.api.types
    text_columns = [
        c
        for c in frame.columns
        if not (types.is_numeric_dtype(frame[c]) or types.is_datetime64_any_dtype(frame[c]))
    ]
    return frame.assign(**{c: frame[c].astype(object).map(csv_cell) for c in text_columns})


def json_dumps(value: Any, **kwargs: Any) -> str:
    """``json.dumps`` (UTF-8 text kept readable) with DEL, C1 and bidi controls written as
    ``\\uXXXX`` escapes: the same JSON value, nothing a terminal acts on."""
    kwargs.setdefault("ensure_ascii", False)
    return json.dumps(value, **kwargs).translate(_JSON)


__all__ = ["BIDI_CONTROLS", "csv_cell", "csv_frame", "json_dumps", "terminal_safe"]
