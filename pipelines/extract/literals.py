"""Words a pattern cannot match without, found from its syntax: a scan for them (plain
literals, no case folding, in C) tells cheaply that a long case-insensitive alternation
such as `cues.boilerplate_sentence` has nothing to find in a clause.

A prefilter is only ever a necessary condition: when it finds a word the pattern itself
still decides. It reads lower-cased text, which is exact while the text holds none of the
few characters that `re.IGNORECASE` folds onto an ASCII letter but `str.lower` does not
(see `folds_plainly`).
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

# Characters re.IGNORECASE matches to an ASCII letter whose str.lower() is not that letter:
# "İ" (its lower case is two characters), dotless "ı", long "ſ"; and the Kelvin sign, which
# lowers to "k" but is listed to keep the rule simple.
_ODD_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")


def folds_plainly(text: str) -> bool:
    """Whether `text.lower()` can stand in for case-insensitive matching of ASCII words."""
    return text.isascii() or not any(c in text for c in _ODD_FOLDS)


Condition = frozenset[str]  # any one of these words must occur


def _best(conditions: list[Condition]) -> Condition | None:
    """The most selective of several necessary conditions (longest shortest word)."""
    if not conditions:
        return None
    return max(conditions, key=lambda c: (min(map(len, c)), -len(c)))


def _sequence(items: Any) -> Condition | None:
    """The condition of a sequence of parsed items: its best element, runs of literal
    characters joined into words."""
    found: list[Condition] = []
    run: list[str] = []

    def close() -> None:
        if run:
            found.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        name = op.name
        if name == "LITERAL" and av < 128:
            run.append(chr(av).lower())
            continue
        close()
        inner = _element(name, av)
        if inner is not None:
            found.append(inner)
    close()
    return _best(found)


def _element(name: str, av: Any) -> Condition | None:
    if name in ("SUBPATTERN", "ATOMIC_GROUP"):
        return _sequence(av[-1] if name == "SUBPATTERN" else av)
    if name == "BRANCH":
        alternatives = [_sequence(alt) for alt in av[1]]
        if any(c is None for c in alternatives):
            return None
        return frozenset().union(*alternatives)  # type: ignore[arg-type]
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
        return _sequence(av[2])
    return None  # classes, assertions, optional parts: nothing certain


def required_words(pattern: re.Pattern[str]) -> Condition | None:
    """Lower-case words one of which every match of `pattern` contains, or None when the
    syntax promises none (a word of one character is no use as a filter either)."""
    condition = _sequence(_sre_parse.parse(pattern.pattern, pattern.flags))
    if condition is None or min(map(len, condition)) < 2:
        return None
    return condition


def prefilter(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """The words of `required_words`, fewest and shortest that say the same: a word that
    holds another is dropped (the other is in the text whenever it is), spaces around a
    word are trimmed. Looked for with `in` in lower-cased text (see `Layout.may_hold`)."""
    words = required_words(pattern)
    if words is None:
        return None
    trimmed = {w.strip() if len(w.strip()) >= 2 else w for w in words}
    kept = [w for w in trimmed if not any(o != w and o in w for o in trimmed)]
    return tuple(sorted(kept))


def literal_union(*patterns: re.Pattern[str]) -> tuple[str, ...] | None:
    """Words one of which any match of any of `patterns` holds (None if one has none)."""
    found: set[str] = set()
    for pattern in patterns:
        words = prefilter(pattern)
        if words is None:
            return None
        found.update(words)
    return tuple(sorted(found))
