"""Change over time, from crawl history: weekly volume and monthly credential shares."""

from __future__ import annotations

import pandas as pd

from pipelines.demand.columns import extracted, require_columns, share
from pipelines.demand.items import item_levels

TREND_COLUMNS = ("posting_id", "first_seen", "last_seen", "closed_at")


def _naive(ts: pd.Series) -> pd.Series:
    return ts.dt.tz_convert("UTC").dt.tz_localize(None) if ts.dt.tz is not None else ts


def week_start(ts: pd.Series) -> pd.Series:
    """The Monday (00:00 UTC) starting the ISO week of each timestamp."""
    return _naive(ts).dt.to_period("W-SUN").dt.start_time


def month_start(ts: pd.Series) -> pd.Series:
    return _naive(ts).dt.to_period("M").dt.start_time


def weekly_trend(sample: pd.DataFrame) -> pd.DataFrame:
    """New, active and closed postings per week.

    A posting is active in every week from the one it was first seen to the one it closed
    in, or was last seen in when no complete crawl has closed it yet.
    """
    require_columns(sample, TREND_COLUMNS, "postings")
    columns = {"week": "datetime64[ns]", "new": "int64", "active": "int64", "closed": "int64"}
    if sample.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})
    start = week_start(sample["first_seen"])
    end = week_start(sample["closed_at"].fillna(sample["last_seen"]))
    closed = week_start(sample["closed_at"].dropna())
    weeks = pd.date_range(start.min(), max(end.max(), start.max()), freq="7D")

    def per_week(s: pd.Series) -> pd.Series:
        return s.value_counts().reindex(weeks, fill_value=0)

    new = per_week(start)
    ended_before = per_week(end).cumsum().shift(1, fill_value=0)
    return pd.DataFrame(
        {
            "week": weeks.astype("datetime64[ns]"),
            "new": new.to_numpy(),
            "active": (new.cumsum() - ended_before).to_numpy(),
            "closed": per_week(closed).to_numpy(),
        }
    ).astype(columns)


def monthly_credential_shares(
    sample: pd.DataFrame, requirements: pd.DataFrame, top: int = 6
) -> pd.DataFrame:
    """For the ``top`` credentials overall: share of each month's new postings asking for them.

    ``denominator`` is the number of extracted postings first seen that month; months where
    a credential was not asked for are listed with 0 so that a chart's lines do not skip.
    """
    require_columns(sample, TREND_COLUMNS, "postings")
    base = extracted(sample).assign(month=lambda d: month_start(d["first_seen"]))
    columns = {
        "month": "datetime64[ns]",
        "id": object,
        "postings": "int64",
        "denominator": "int64",
        "share": "float64",
    }
    asking = item_levels(sample, requirements, "credential")[["posting_id", "item_id"]]
    if base.empty or asking.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})
    leaders = (
        asking.groupby("item_id")
        .size()
        .reset_index(name="n")
        .sort_values(["n", "item_id"], ascending=[False, True])
        .head(top)["item_id"]
    )
    totals = base.groupby("month").size().rename("denominator")
    grid = pd.MultiIndex.from_product([totals.index, leaders], names=["month", "id"])
    return (
        asking.loc[asking["item_id"].isin(leaders)]
        .merge(base[["posting_id", "month"]], on="posting_id")
        .groupby(["month", "item_id"])
        .size()
        .rename_axis(["month", "id"])
        .reindex(grid, fill_value=0)
        .rename("postings")
        .reset_index()
        .assign(denominator=lambda d: d["month"].map(totals))
        .assign(share=lambda d: share(d["postings"], d["denominator"]))
        .astype(columns)
        .sort_values(["month", "postings", "id"], ascending=[True, False, True])
        .reset_index(drop=True)
    )
