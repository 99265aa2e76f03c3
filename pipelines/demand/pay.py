"""Advertised pay: how often it is stated, its ranges, and its median by credential.

A posting's pay is its structured salary fields, or where it has none the pay the extractor
read from its description (``pay_source`` "text", loaded by ``pipelines.demand.load``);
every pay table counts the latter in ``from_text``.
"""

from __future__ import annotations

import pandas as pd

from pipelines.demand.columns import extracted, require_columns, share
from pipelines.demand.items import item_levels

PAY_COLUMNS = ("posting_id", "salary_min", "salary_max", "salary_period", "pay_source")


def with_midpoint(sample: pd.DataFrame) -> pd.DataFrame:
    """Postings stating pay, with the midpoint of their range (the one figure when only one)."""
    require_columns(sample, PAY_COLUMNS, "postings")
    return sample.loc[sample["salary_min"].notna() | sample["salary_max"].notna()].assign(
        period=lambda d: d["salary_period"].astype(object).fillna("unknown"),
        low=lambda d: d["salary_min"].fillna(d["salary_max"]),
        high=lambda d: d["salary_max"].fillna(d["salary_min"]),
        midpoint=lambda d: (d["low"] + d["high"]) / 2,
        from_text=lambda d: (d["pay_source"].astype(object) == "text").astype("int64"),
    )


def pay_summary(sample: pd.DataFrame) -> pd.DataFrame:
    """Per pay period (hour, year): postings stating pay, the range and quartiles of midpoints.

    Hourly and yearly figures are kept apart rather than converted: an hourly posting may
    be part-time, and 2,080 hours a year would invent precision.
    """
    denominator = len(sample)
    return (
        with_midpoint(sample)
        .groupby("period", as_index=False)
        .agg(
            postings=("posting_id", "size"),
            from_text=("from_text", "sum"),
            minimum=("low", "min"),
            p25=("midpoint", lambda s: s.quantile(0.25)),
            median=("midpoint", "median"),
            p75=("midpoint", lambda s: s.quantile(0.75)),
            maximum=("high", "max"),
        )
        .astype({"postings": "int64", "from_text": "int64", "period": object})
        .assign(denominator=denominator, share=lambda d: share(d["postings"], denominator))
        .astype({"denominator": "int64"})
        .sort_values(["postings", "period"], ascending=[False, True])
        .reset_index(drop=True)[
            [
                "period",
                "postings",
                "from_text",
                "denominator",
                "share",
                "minimum",
                "p25",
                "median",
                "p75",
                "maximum",
            ]
        ]
    )


def pay_by_credential(sample: pd.DataFrame, requirements: pd.DataFrame) -> pd.DataFrame:
    """Median pay midpoint of postings asking for each credential, per pay period.

    ``denominator`` is the number of postings asking for the credential; ``postings`` those
    of them stating pay in that period, ``from_text`` those whose pay was read from the text.
    """
    paid = with_midpoint(extracted(sample))[["posting_id", "period", "midpoint", "from_text"]]
    asking = item_levels(sample, requirements, "credential")[["posting_id", "item_id"]]
    totals = asking.groupby("item_id").size().rename("denominator")
    return (
        asking.merge(paid, on="posting_id")
        .groupby(["item_id", "period"], as_index=False)
        .agg(
            postings=("posting_id", "size"),
            from_text=("from_text", "sum"),
            median=("midpoint", "median"),
        )
        .rename(columns={"item_id": "id"})
        .assign(denominator=lambda d: d["id"].map(totals))
        .astype(
            {
                "id": object,
                "period": object,
                "postings": "int64",
                "from_text": "int64",
                "denominator": "int64",
            }
        )
        .assign(share=lambda d: share(d["postings"], d["denominator"]))
        .sort_values(["period", "postings", "id"], ascending=[True, False, True])
        .reset_index(drop=True)[
            ["id", "period", "postings", "from_text", "denominator", "share", "median"]
        ]
    )
