"""Resume matching: read a resume, build a profile, score it against the market, list gaps.

Imports stay light (no spaCy) until a document resume actually needs the extractor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matcher.match import MatchResult

__all__ = ["MatchResult", "match_resume", "render_result"]


def match_resume(*args: Any, **kwargs: Any) -> MatchResult:
    from matcher.match import match_resume as _match_resume

    return _match_resume(*args, **kwargs)


def render_result(result: MatchResult, fmt: str = "table", console: Any = None) -> str | None:
    from matcher.render import render_result as _render_result

    return _render_result(result, fmt, console)
