"""The report's tables as markdown, CSV, parquet and JSON: the same numbers as the HTML.

CSV and parquet write one file per table (``credentials.csv``...) into a directory, or
into a zip archive when the output path ends in ``.zip``.
"""

from __future__ import annotations

import io
import math
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from pipelines.demand.tables import DemandTables
from pipelines.report.display import DisplayTable, display_tables, with_names
from pipelines.report.highlights import highlights
from pipelines.report.html import TITLE
from pipelines.report.methodology import Methodology
from pipelines.report.names import Names
from pipelines.safe_output import csv_frame, json_dumps, terminal_safe

# Shares are written with 4 decimals: the HTML's "66.7%" is the same figure rounded.
SHARE_DECIMALS = 4


def export_frame(name: str, frame: pd.DataFrame, names: Names) -> pd.DataFrame:
    """A table as exported: display names added, shares rounded, dates as ISO text."""
    frame = with_names(name, frame, names)
    out = {}
    for column in frame.columns:
        series = frame[column]
        if pd.api.types.is_datetime64_any_dtype(series):
            series = series.dt.strftime("%Y-%m-%d")
        elif column == "share" or column.endswith("_share") or column == "share_of_a":
            series = series.round(SHARE_DECIMALS)
        elif pd.api.types.is_float_dtype(series):
            series = series.round(2)
        out[column] = series
    return pd.DataFrame(out)


def export_frames(tables: DemandTables, names: Names) -> dict[str, pd.DataFrame]:
    return {name: export_frame(name, frame, names) for name, frame in tables.tables.items()}


def _clean(value: Any) -> Any:
    """JSON-safe scalars: NaN/NA -> null, numpy numbers -> Python numbers."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return _clean(value.item())
    return value


def _records(frame: pd.DataFrame, columns: list[str] | None = None) -> list[dict[str, Any]]:
    frame = frame if columns is None else frame[columns]
    return [{k: _clean(v) for k, v in row.items()} for row in frame.to_dict("records")]


def report_json(
    tables: DemandTables, names: Names, method: Methodology, generated_on: date
) -> dict[str, Any]:
    """One object: the headline lists the issue names, then every table in full."""
    frames = export_frames(tables, names)
    item_columns = [
        "id",
        "name",
        "postings",
        "required_share",
        "preferred_share",
        "share",
        "denominator",
    ]
    return {
        "title": TITLE,
        "generated_on": generated_on.isoformat(),
        "filters": tables.filters.describe(),
        "postings": tables.n,
        "sample": _records(frames["sample"])[0],
        "credentials": _records(
            frames["credentials"].pipe(
                lambda d: d[item_columns + ["eligible_share", "after_hire_share"]]
            )
        ),
        "skills": _records(frames["skills"][item_columns + ["category"]]),
        "by_state": _records(
            frames["by_state"][["state", "postings", "remote", "share", "denominator"]]
        ),
        "tables": {name: _records(frame) for name, frame in frames.items()},
        "methodology": method.as_dict(),
    }


def write_json(path: Path | None, payload: dict[str, Any]) -> str:
    text = json_dumps(payload, indent=2) + "\n"
    if path is not None:
        path.write_text(text, encoding="utf-8")
    return text


def _md_cell(text: str) -> str:
    # Posting text must not break the table, inject markup into a rendered page or act on
    # the terminal it is printed to.
    return (
        terminal_safe(text)
        .replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\n", " ")
    )


def markdown_table(t: DisplayTable) -> str:
    head = "| " + " | ".join(c.header for c in t.columns) + " |"
    rule = "|" + "|".join("---:" if c.numeric else "---" for c in t.columns) + "|"
    rows = ["| " + " | ".join(_md_cell(cell) for cell in row) + " |" for row in t.rows]
    parts = [f"## {t.title}", ""]
    if t.note:
        parts += [t.note, ""]
    parts += [head, rule, *rows] if rows else ["No postings."]
    if t.truncated:
        parts += ["", f"Top {len(t.rows)} of {t.total_rows} rows."]
    return "\n".join(parts) + "\n"


def render_markdown(
    tables: DemandTables, names: Names, method: Methodology, generated_on: date
) -> str:
    shown = display_tables(tables, names, {"cooccurrence": 40, "by_employer": 25})
    header = [
        f"# {TITLE}",
        "",
        f"Generated {generated_on.isoformat()}; filters: {_md_cell(tables.filters.describe())}; "
        f"n = {tables.n:,} postings.",
        "",
    ]
    if tables.n == 0:
        header += [
            "**No postings to report**: the store holds no relevant postings matching the filters.",
            "",
        ]
        return "\n".join(header) + "\n" + markdown_table(shown["sample"])
    glance = [f"- {_md_cell(line)}" for line in highlights(tables, names)]
    header += ["## At a glance", "", *glance, ""]
    if method.accuracy:
        acc = method.accuracy
        accuracy = "\n\n" + "\n".join(
            [
                "| Measure | " + " | ".join(acc.columns) + " |",
                "|---|" + "---:|" * len(acc.columns),
                *("| " + " | ".join(_md_cell(c) for c in row) + " |" for row in acc.rows),
            ]
        )
    else:
        accuracy = " not measured"
    footer = [
        "## Methodology",
        "",
        f"- Crawl runs: {method.crawl_runs}"
        + (f" ({method.first_crawl} to {method.last_crawl})" if method.first_crawl else ""),
        f"- Taxonomy versions: {', '.join(method.taxonomy_versions) or 'none'}",
        f"- Pay: {method.pay}",
        f"- Places: {method.places}",
        f"- Extractor accuracy:{accuracy}",
        "",
    ]
    body = "\n".join(markdown_table(t) for t in shown.values())
    return "\n".join(header) + "\n" + body + "\n" + "\n".join(footer)


def write_tables(path: Path, frames: dict[str, pd.DataFrame], fmt: str) -> Path:
    """One file per table into directory ``path``, or into a zip when it ends in .zip."""

    def encode(frame: pd.DataFrame) -> bytes:
        if fmt == "csv":
            return csv_frame(frame).to_csv(index=False).encode("utf-8")
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        return buffer.getvalue()

    if path.suffix.lower() == ".zip":
        path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, frame in frames.items():
                archive.writestr(f"{name}.{fmt}", encode(frame))
        return path
    path.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        (path / f"{name}.{fmt}").write_bytes(encode(frame))
    return path
