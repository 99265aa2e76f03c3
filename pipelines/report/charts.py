"""The report's charts, drawn from the same tables the report prints."""

from __future__ import annotations

import pandas as pd
from markupsafe import Markup

from pipelines.demand.tables import DemandTables
from pipelines.report.display import NOT_STATED
from pipelines.report.names import Names
from pipelines.report.svg import bar_chart, heatmap, line_chart


def _label(value) -> str:
    return NOT_STATED if pd.isna(value) else str(value)


def _over_time(
    name: str, title: str, x_labels: list[str], series: dict[str, list[float]], *, percent: bool
) -> Markup:
    """Lines once there are two periods; with one period a line has nowhere to go, so bars."""
    if len(x_labels) >= 2:
        return line_chart(name, title, x_labels, series, percent=percent)
    rows = [(label, [values[0]]) for label, values in series.items() if values]
    period = x_labels[0] if x_labels else "no data"
    return bar_chart(
        name,
        title,
        rows,
        [f"{period}: one period of crawl history so far"],
        percent=percent,
        legend=True,
    )


def build_charts(tables: DemandTables, names: Names, top: int = 15) -> dict[str, Markup]:
    """Chart name -> inline SVG; one per section that has numbers to draw."""
    creds = tables["credentials"].head(top)
    skills = tables["skills"].head(top)
    states = tables["by_state"].head(top)
    weekly = tables["weekly_trend"]
    monthly = tables["monthly_credential_shares"]
    pairs = tables["cooccurrence"]
    charts = {
        "credentials": bar_chart(
            "credentials",
            "Share of postings asking for each credential",
            [(r.id, [r.required_share, r.preferred_share]) for r in creds.itertuples()],
            ["Required", "Preferred"],
            width=820,
        ),
        "skills": bar_chart(
            "skills",
            "Share of postings asking for each skill",
            [
                (names.skill(r.id), [r.required_share, r.preferred_share])
                for r in skills.itertuples()
            ],
            ["Required", "Preferred"],
            width=820,
        ),
        "experience": bar_chart(
            "experience",
            "Minimum experience required",
            [(r.experience, [r.share]) for r in tables["experience"].itertuples()],
            ["Share"],
        ),
        "education": bar_chart(
            "education",
            "Education asked for",
            [
                (r.education, [r.required_share, r.preferred_share, r.alternative_share])
                for r in tables["education"].itertuples()
            ],
            ["Required", "Preferred", "Alternative path"],
        ),
        "by_state": bar_chart(
            "by_state",
            "Postings by state",
            [(_label(r.state), [r.postings]) for r in states.itertuples()],
            ["Postings"],
            percent=False,
        ),
        "weekly_trend": _over_time(
            "weekly_trend",
            "New, active and closed postings per week",
            [w.strftime("%b %d") for w in weekly["week"]],
            {k.capitalize(): weekly[k].tolist() for k in ("active", "new", "closed")},
            percent=False,
        ),
        "monthly_credential_shares": _over_time(
            "monthly_credential_shares",
            "Credential shares of new postings per month",
            sorted({m.strftime("%Y-%m") for m in monthly["month"]}),
            {
                str(cid): grp.sort_values("month")["share"].tolist()
                for cid, grp in monthly.groupby("id", sort=False)
            },
            percent=True,
        ),
    }
    items = list(dict.fromkeys(zip(pairs["kind_a"], pairs["item_a"], strict=True)))
    index = {item: i for i, item in enumerate(items)}
    matrix: list[list[float | None]] = [[None] * len(items) for _ in items]
    for r in pairs.itertuples():
        matrix[index[(r.kind_a, r.item_a)]][index[(r.kind_b, r.item_b)]] = r.share_of_a
    charts["cooccurrence"] = heatmap(
        "cooccurrence",
        "Of postings asking for the row item, share also asking for the column item",
        [i if k == "credential" else names.skill(i) for k, i in items],
        matrix,
    )
    return charts
