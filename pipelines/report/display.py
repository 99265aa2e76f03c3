"""How each report table is shown: titles, column headers, number formats, notes.

HTML and markdown render the same :class:`DisplayTable`, so both show identical figures,
and the formats here are the one place where a share becomes "66.7%".
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from pipelines.demand.tables import DemandTables
from pipelines.report.names import Names

NOT_STATED = "not stated"


def fmt_count(value) -> str:
    return f"{int(value):,}"


def fmt_share(value) -> str:
    return f"{100 * float(value):.1f}%"


def fmt_money(value, period: str | None = None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    value = float(value)
    return f"${value:,.2f}" if period == "hour" or value < 1000 else f"${value:,.0f}"


def fmt_text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return NOT_STATED
    return str(value)


def fmt_date(value) -> str:
    if value is None or value is pd.NaT:
        return ""
    return pd.Timestamp(value).date().isoformat()


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    fmt: Callable[..., str] = fmt_text
    numeric: bool = False


@dataclass
class DisplayTable:
    """A table ready to print: formatted cells, the source column of each, a note."""

    name: str
    title: str
    columns: list[Column]
    rows: list[list[str]]
    note: str = ""
    total_rows: int = 0

    @property
    def truncated(self) -> bool:
        return self.total_rows > len(self.rows)


def _count(key: str, header: str) -> Column:
    return Column(key, header, fmt_count, True)


def _share(key: str, header: str) -> Column:
    return Column(key, header, fmt_share, True)


def _money(key: str, header: str) -> Column:
    return Column(key, header, fmt_money, True)


TITLES = {
    "sample": "Sample",
    "sources": "Postings by source",
    "credentials": "Credentials asked for",
    "credential_alternatives": "Either-of credential groups",
    "skills": "Skills asked for",
    "skill_categories": "Skills by category",
    "education": "Education",
    "experience": "Minimum experience required",
    "by_state": "Postings by state",
    "by_employer": "Postings by employer",
    "by_title": "Job titles",
    "pay": "Advertised pay",
    "pay_by_credential": "Median pay by credential",
    "weekly_trend": "Postings per week",
    "monthly_credential_shares": "Credential shares per month",
    "cooccurrence": "Asked for together",
}

COLUMNS: dict[str, list[Column]] = {
    "sample": [
        _count("postings", "Postings (n)"),
        _count("extracted", "Extracted"),
        Column("first_seen", "First seen"),
        Column("last_seen", "Last seen"),
        _count("sources", "Sources"),
        _count("duplicates_removed", "Duplicates removed"),
        _count("not_relevant", "Outside the job family"),
        _count("collected", "Collected"),
    ],
    "sources": [
        Column("source", "Source"),
        _count("collected", "Collected"),
        _count("duplicates_removed", "Duplicates removed"),
        _count("postings", "In sample"),
    ],
    "credentials": [
        Column("id", "Credential"),
        Column("name", "Name"),
        _count("postings", "Postings"),
        _share("share", "Any level"),
        _share("required_share", "Required"),
        _share("preferred_share", "Preferred"),
        _share("eligible_share", "Accepts eligible"),
        _share("after_hire_share", "Obtain after hire"),
        _count("denominator", "Of n"),
    ],
    "credential_alternatives": [
        Column("combination", "Either of"),
        _count("postings", "Postings"),
        _share("share", "Share"),
        _count("denominator", "Of n"),
    ],
    "skills": [
        Column("category", "Category"),
        Column("name", "Skill"),
        _count("postings", "Postings"),
        _share("share", "Any level"),
        _share("required_share", "Required"),
        _share("preferred_share", "Preferred"),
        _count("denominator", "Of n"),
    ],
    "skill_categories": [
        Column("category", "Category"),
        _count("postings", "Postings asking for any"),
        _share("share", "Any level"),
        _share("required_share", "At least one required"),
        _count("denominator", "Of n"),
    ],
    "education": [
        Column("education", "Education"),
        _count("postings", "Postings"),
        _share("share", "Any level"),
        _share("required_share", "Required"),
        _share("preferred_share", "Preferred"),
        _share("alternative_share", "Alternative path"),
        _count("denominator", "Of n"),
    ],
    "experience": [
        Column("experience", "Minimum required"),
        _count("postings", "Postings"),
        _share("share", "Share"),
        _count("denominator", "Of n"),
    ],
    "by_state": [
        Column("state", "State"),
        _count("postings", "Postings"),
        _count("remote", "Of which remote"),
        _share("share", "Share"),
        _count("denominator", "Of n"),
    ],
    "by_employer": [
        Column("company", "Employer"),
        _count("postings", "Postings"),
        _count("states", "States"),
        _share("share", "Share"),
        _count("denominator", "Of n"),
    ],
    "by_title": [
        Column("title", "Title as advertised"),
        _count("postings", "Postings"),
        _share("share", "Share"),
        _count("denominator", "Of n"),
    ],
    "pay": [
        Column("period", "Pay period"),
        _count("postings", "Postings with pay"),
        _count("from_text", "Of which pay from text"),
        _share("share", "Share"),
        _count("denominator", "Of n"),
        _money("minimum", "Lowest"),
        _money("p25", "25th pct"),
        _money("median", "Median"),
        _money("p75", "75th pct"),
        _money("maximum", "Highest"),
    ],
    "pay_by_credential": [
        Column("id", "Credential"),
        Column("period", "Pay period"),
        _count("postings", "Postings with pay"),
        _count("from_text", "Of which pay from text"),
        _share("share", "Share"),
        _count("denominator", "Of postings asking"),
        _money("median", "Median (midpoint)"),
    ],
    "weekly_trend": [
        Column("week", "Week of", fmt_date),
        _count("new", "New"),
        _count("active", "Active"),
        _count("closed", "Closed"),
    ],
    "monthly_credential_shares": [
        Column("month", "Month", lambda v: pd.Timestamp(v).strftime("%Y-%m")),
        Column("id", "Credential"),
        _count("postings", "Postings"),
        _share("share", "Share"),
        _count("denominator", "Of new postings"),
    ],
    "cooccurrence": [
        Column("name_a", "Postings asking for"),
        Column("name_b", "also ask for"),
        _count("postings", "Postings"),
        _share("share_of_a", "Share of the first"),
        _share("share", "Share of all"),
        _count("denominator", "Of n"),
    ],
}

NOTES = {
    "credentials": "Share of extracted postings (n in the last column). A posting asking at "
    "both levels counts as required; Any level counts each posting once.",
    "credential_alternatives": "Credentials a posting accepts as alternatives (either one "
    "satisfies the requirement).",
    "skills": "Share of extracted postings naming the skill in the job's duties or qualifications.",
    "skill_categories": "A posting naming several skills of a category counts once for it.",
    "education": "A posting may name several levels, so shares need not add up to 100%.",
    "experience": "Smallest number of years required (or offered as an alternative path); "
    "the bands add up to n.",
    "by_state": "Share of all postings in the sample; a posting in several states counts in "
    "each (shares can add up to more than 100%); postings without a state (remote, "
    "unparsed) show as not stated.",
    "pay": "Ranges of the advertised pay; quartiles of the range midpoints. Hourly and yearly "
    "pay are kept apart, not converted. Pay from text: postings without structured pay whose "
    "description states it, as the extractor read it.",
    "pay_by_credential": "Of the postings asking for the credential, how many state pay, and "
    "their median midpoint.",
    "weekly_trend": "New: first seen that week. Active: open at some point in the week. "
    "Closed: gone from a complete crawl of its feed that week.",
    "monthly_credential_shares": "Share of each month's new extracted postings asking for "
    "the credential, for the most asked-for credentials.",
    "cooccurrence": "Among the most asked-for credentials and skills: of the postings asking "
    "for the first, the share also asking for the second.",
}


def with_names(name: str, frame: pd.DataFrame, names: Names) -> pd.DataFrame:
    """Add display-name columns the tables show next to ids."""
    if name == "credentials":
        return frame.assign(name=frame["id"].map(names.credential))
    if name == "skills":
        return frame.assign(name=frame["id"].map(names.skill))
    if name == "cooccurrence":
        return frame.assign(
            name_a=[
                names.item(k, i) for k, i in zip(frame["kind_a"], frame["item_a"], strict=True)
            ],
            name_b=[
                names.item(k, i) for k, i in zip(frame["kind_b"], frame["item_b"], strict=True)
            ],
        )
    return frame


def display_table(
    name: str, frame: pd.DataFrame, names: Names, limit: int | None = None
) -> DisplayTable:
    """Format ``frame`` (one of the report tables) for HTML or markdown."""
    frame = with_names(name, frame, names)
    columns = COLUMNS[name]
    shown = frame if limit is None else frame.head(limit)
    rows = []
    for record in shown.to_dict("records"):
        period = record.get("period")
        rows.append(
            [
                col.fmt(record[col.key], period)
                if col.fmt is fmt_money
                else col.fmt(record[col.key])
                for col in columns
            ]
        )
    return DisplayTable(
        name=name,
        title=TITLES[name],
        columns=columns,
        rows=rows,
        note=NOTES.get(name, ""),
        total_rows=len(frame),
    )


def display_tables(
    tables: DemandTables, names: Names, limits: dict[str, int] | None = None
) -> dict[str, DisplayTable]:
    limits = limits or {}
    return {
        name: display_table(name, frame, names, limits.get(name))
        for name, frame in tables.tables.items()
    }
