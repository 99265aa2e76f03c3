"""The report step of ``mrt demo``: write the HTML report of the demo store, print its path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipelines.report import default_output, write_report


def report_step(ctx: Any, out_dir: Path | str = "reports") -> Path:
    """Demo step (``ctx`` is the demo's DemoContext: ``db_url``, ``console``, ``data``)."""
    path = write_report(ctx.db_url, default_output("html", directory=out_dir))
    ctx.data["report"] = path
    ctx.console.print(f"Report: {path}")
    return path
