"""Render the self-contained HTML report (inline CSS and SVG, every value escaped)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from pipelines.demand.tables import DemandTables
from pipelines.report.charts import build_charts
from pipelines.report.display import display_tables, fmt_share
from pipelines.report.highlights import highlights
from pipelines.report.methodology import Methodology
from pipelines.report.names import Names

TEMPLATES = Path(__file__).with_name("templates")
TITLE = "Medical records technicians: what employers ask for"
# Long tables show their top rows; the exports hold every row.
HTML_LIMITS = {
    "by_employer": 15,
    "by_title": 15,
    "skills": 40,
    "cooccurrence": 60,
    "pay_by_credential": 30,
}


def _environment() -> Environment:
    # autoescape=True for every template: posting text (titles, employers) is untrusted.
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(tables: DemandTables, names: Names, method: Methodology, generated_on: date) -> str:
    sample = tables["sample"].iloc[0].to_dict()
    pay = tables["pay"]
    with_pay = int(pay["postings"].sum())
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            title=TITLE,
            generated_on=generated_on.isoformat(),
            filters=tables.filters.describe(),
            n=tables.n,
            sample=sample,
            pay_share=fmt_share(with_pay / tables.n if tables.n else 0),
            t=display_tables(tables, names, HTML_LIMITS),
            charts=build_charts(tables, names),
            method=method,
            glance=highlights(tables, names),
        )
    )
