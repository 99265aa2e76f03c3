"""Demand reports: HTML (self-contained), markdown, CSV, JSON and parquet of the same tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pipelines.demand.filters import DemandFilters
from pipelines.demand.tables import DemandTables, build_tables
from pipelines.report.exports import (
    export_frames,
    render_markdown,
    report_json,
    write_json,
    write_tables,
)
from pipelines.report.html import render_html
from pipelines.report.methodology import ACCURACY_FILE, Methodology, load_methodology
from pipelines.report.names import Names, load_names
from pipelines.store.db import Store, open_store

FORMATS = ("html", "markdown", "csv", "json", "parquet")
SUFFIX = {"html": ".html", "markdown": ".md", "json": ".json", "csv": "", "parquet": ""}


def default_output(fmt: str, day: date | None = None, directory: Path | str = "reports") -> Path:
    """``reports/mrt-report-YYYY-MM-DD.html`` (a directory of files for csv/parquet)."""
    day = day or date.today()
    suffix = SUFFIX[fmt] if fmt in ("html", "markdown", "json") else f"-{fmt}"
    return Path(directory) / f"mrt-report-{day.isoformat()}{suffix}"


@dataclass
class ReportData:
    """Everything a renderer needs, gathered from the store once."""

    tables: DemandTables
    names: Names
    method: Methodology
    day: date


def gather(
    store: Store,
    filters: DemandFilters | None = None,
    *,
    taxonomy_path: str | Path | None = None,
    accuracy_path: Path = ACCURACY_FILE,
    day: date | None = None,
) -> ReportData:
    names = load_names(taxonomy_path)
    return ReportData(
        tables=build_tables(store, filters, names.categories),
        names=names,
        method=load_methodology(store, accuracy_path),
        day=day or date.today(),
    )


def render_text(data: ReportData, fmt: str) -> str:
    """HTML, markdown or JSON text of the report."""
    args = (data.tables, data.names, data.method, data.day)
    if fmt == "html":
        return render_html(*args)
    if fmt == "markdown":
        return render_markdown(*args)
    if fmt == "json":
        return write_json(None, report_json(*args))
    raise ValueError(f"{fmt} is not a text format")


def write_data(data: ReportData, out: Path, fmt: str) -> Path:
    if fmt in ("csv", "parquet"):
        return write_tables(out, export_frames(data.tables, data.names), fmt)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_text(data, fmt), encoding="utf-8")
    return out


def write_report(
    store: Store | str,
    out: Path | str | None = None,
    fmt: str = "html",
    *,
    taxonomy_path: str | Path | None = None,
    accuracy_path: Path = ACCURACY_FILE,
    day: date | None = None,
    **filters: Any,
) -> Path:
    """Write the report of ``store`` (a Store or a database URL) and return its path.

    ``filters``: ``state``, ``since``, ``until``, ``role``, ``source`` as the CLI takes them.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
    opened = open_store(store) if isinstance(store, str) else store
    try:
        data = gather(
            opened,
            DemandFilters.build(**filters),
            taxonomy_path=taxonomy_path,
            accuracy_path=accuracy_path,
            day=day,
        )
    finally:
        if isinstance(store, str):
            opened.dispose()
    return write_data(data, Path(out) if out else default_output(fmt, data.day), fmt)


__all__ = ["FORMATS", "ReportData", "default_output", "gather", "render_text", "write_report"]
