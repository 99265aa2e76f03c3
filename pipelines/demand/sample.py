"""The sample behind every figure: how many postings, from when, from where, what was removed."""

from __future__ import annotations

import pandas as pd

from pipelines.demand.columns import require_columns

SUMMARY_COLUMNS = (
    "posting_id",
    "source",
    "relevant",
    "duplicate",
    "extracted",
    "first_seen",
    "last_seen",
)


def sample_summary(postings: pd.DataFrame) -> pd.DataFrame:
    """One row: the sample size and what was left out of it.

    ``postings`` is every posting the filters matched (see ``load_postings``); the sample
    is the relevant ones that are not duplicates. ``duplicates_removed`` counts relevant
    postings found to repeat another one (the same job on two boards); ``not_relevant``
    the postings outside the job family.
    """
    require_columns(postings, SUMMARY_COLUMNS, "postings")
    sample = postings.loc[postings["relevant"] & ~postings["duplicate"]]
    first, last = sample["first_seen"].min(), sample["last_seen"].max()
    return pd.DataFrame(
        {
            "postings": [len(sample)],
            "extracted": [int(sample["extracted"].sum())],
            "first_seen": [first.date().isoformat() if pd.notna(first) else None],
            "last_seen": [last.date().isoformat() if pd.notna(last) else None],
            "sources": [int(sample["source"].astype(object).nunique())],
            "duplicates_removed": [int((postings["relevant"] & postings["duplicate"]).sum())],
            "not_relevant": [int((~postings["relevant"]).sum())],
            "collected": [len(postings)],
        }
    ).astype({"postings": "int64", "extracted": "int64", "collected": "int64"})


def postings_by_source(postings: pd.DataFrame) -> pd.DataFrame:
    """Per source: postings collected, duplicates removed and kept in the sample."""
    require_columns(postings, SUMMARY_COLUMNS, "postings")
    return (
        postings.assign(
            source=postings["source"].astype(object),
            kept=postings["relevant"] & ~postings["duplicate"],
            duplicate_removed=postings["relevant"] & postings["duplicate"],
        )
        .groupby("source", as_index=False)
        .agg(
            collected=("posting_id", "size"),
            duplicates_removed=("duplicate_removed", "sum"),
            postings=("kept", "sum"),
        )
        .astype({"collected": "int64", "duplicates_removed": "int64", "postings": "int64"})
        .sort_values(["postings", "source"], ascending=[False, True])
        .reset_index(drop=True)
    )
