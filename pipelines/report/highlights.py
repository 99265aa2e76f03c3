"""A few sentences at the top of the report, read off the same tables it prints."""

from __future__ import annotations

import pandas as pd

from pipelines.demand.tables import DemandTables
from pipelines.report.display import fmt_count, fmt_money, fmt_share
from pipelines.report.names import Names


def highlights(tables: DemandTables, names: Names) -> list[str]:
    """Plain sentences (escaped by the template like any other text); [] for an empty sample."""
    if tables.n == 0:
        return []
    out = []
    creds = tables["credentials"]
    if not creds.empty:
        top = creds.iloc[0]
        out.append(
            f"{top['id']} ({names.credential(top['id'])}) is the credential asked for most: "
            f"{fmt_share(top['share'])} of {fmt_count(top['denominator'])} postings, "
            f"{fmt_share(top['required_share'])} as a requirement."
        )
    combos = tables["credential_alternatives"]
    if not combos.empty:
        top = combos.iloc[0]
        out.append(f"{fmt_share(top['share'])} of postings accept either {top['combination']}.")
    skills = tables["skills"]
    if not skills.empty:
        leaders = ", ".join(
            f"{names.skill(r.id)} ({fmt_share(r.share)})" for r in skills.head(3).itertuples()
        )
        out.append(f"Most asked-for skills: {leaders}.")
    experience = tables["experience"]
    if experience["denominator"].iloc[0] > 0:
        low = experience.loc[
            experience["experience"].isin(["none stated", "under 1 year", "1 to 2 years"]), "share"
        ].sum()
        out.append(
            f"{fmt_share(low)} of postings ask for less than 2 years of experience, or state none."
        )
    pay = tables["pay"].set_index("period")
    for period, unit in (("hour", "hourly"), ("year", "yearly")):
        if period in pay.index and pd.notna(pay.loc[period, "median"]):
            row = pay.loc[period]
            from_text = (
                f", {fmt_count(row['from_text'])} of them only in the text"
                if row["from_text"]
                else ""
            )
            out.append(
                f"Median advertised {unit} pay {fmt_money(row['median'], period)} "
                f"({fmt_count(row['postings'])} postings state {unit} pay{from_text})."
            )
    states = tables["by_state"].dropna(subset=["state"])
    if not states.empty:
        top = states.iloc[0]
        out.append(
            f"Most postings are in {top['state']} ({fmt_share(top['share'])}), "
            f"across {len(states)} states in all."
        )
    return out
