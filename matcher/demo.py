"""The matcher's part of `mrt demo`: match the bundled sample resume and print the result.

`pipelines/cli/demo.py` runs steps taking a ``DemoContext`` (``db_url``, ``console``,
``data``); :func:`match_step` is that step, to be placed after the extract step.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

SAMPLE_RESUME = Path(__file__).with_name("samples") / "sample_resume.md"


def demo_match(db_url: str, console: Any = None, resume: str | Path = SAMPLE_RESUME):
    """Match ``resume`` (default: the made-up sample) against the store and print it."""
    from rich.console import Console
    from rich.text import Text

    from matcher.match import match_resume
    from matcher.render import render_table

    console = console or Console()
    console.print(Text(f"mrt match {Path(resume).name} (a made-up candidate)", style="bold"))
    result = match_resume(resume, db_url)
    render_table(result, console)
    console.print(
        Text("Try it on your own resume: mrt match path/to/resume.pdf [--state TX] [--format json]")
    )
    return result


def match_step(ctx: Any) -> None:
    """Match the bundled sample resume (a made-up RHIT) against the extracted postings.

    Reads ``ctx.db_url``; leaves a summary in ``ctx.data["match"]``.
    """
    result = demo_match(ctx.db_url, ctx.console)
    ctx.data["match"] = {
        "score": result.score,
        "qualified_share": result.qualified_share,
        "postings_considered": result.postings_considered,
    }
