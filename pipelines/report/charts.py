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
        ),
        "skills": bar_chart(
            "skills",
            "Share of postings asking for each skill",
            [
                (names.skill(r.id), [r.required_share, r.preferred_share])
                for r in skills.itertuples()
            ],
            ["Required", "Preferred"],
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
        "weekly_trend": line_chart(
            "weekly_trend",
            "New, active and closed postings per week",
            [w.strftime("%b %d") for w in weekly["week"]],
            {k.capitalize(): weekly[k].tolist() for k in ("active", "new", "closed")},
        ),
        "monthly_credential_shares": line_chart(
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
    if not pairs.empty:
        items = list(dict.fromkeys(zip(pairs["kind_a"], pairs["item_a"], strict=True)))
        index = {item: i for i, item in enumerate(items)}
        matrix: list[list[float | None]] = [[None] * len(items) for _ in items]
        for r in pairs.itertuples():
            matrix[index[(r.kind_a, r.item_a)]][index[(r.kind_b, r.item_b)]] = r.share_of_a
        charts["cooccurrence"] = heatmap(
            "cooccurrence",
            "Of postings asking for the row item, share also asking for the column item",
            [names.item(k, i) for k, i in items],
            matrix,
        )
    return charts
