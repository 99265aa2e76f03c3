"""Where the postings are: by state and by employer."""

from __future__ import annotations

import pandas as pd

from pipelines.demand.columns import require_columns, share


def _count_by(sample: pd.DataFrame, column: str) -> pd.DataFrame:
    """Postings per value of ``column``, the missing value kept as its own row (NaN)."""
    require_columns(sample, ["posting_id", column], "postings")
    denominator = len(sample)
    return (
        sample.assign(**{column: sample[column].astype(object)})
        .groupby(column, dropna=False, as_index=False)
        .agg(postings=("posting_id", "size"))
        .astype({"postings": "int64"})
        .assign(denominator=denominator, share=lambda d: share(d["postings"], denominator))
        .astype({"denominator": "int64"})
        .sort_values(["postings", column], ascending=[False, True], na_position="last")
        .reset_index(drop=True)
    )


def posting_states(sample: pd.DataFrame) -> pd.DataFrame:
    """One row per posting and state it is in (``states``, every place's state, where the
    frame has it; else its one ``state``); a posting in no state keeps one row, state NaN."""
    require_columns(sample, ["posting_id", "state"], "postings")
    if "states" not in sample.columns:
        return sample.assign(state=sample["state"].astype(object))
    exploded = (
        sample.drop(columns=["state"])
        .assign(state=sample["states"].map(lambda s: list(s) if len(s) else [None]))
        .explode("state")
    )
    return exploded.assign(state=exploded["state"].astype(object)).reset_index(drop=True)


def demand_by_state(sample: pd.DataFrame) -> pd.DataFrame:
    """Postings per state, and how many of them are remote-eligible.

    A posting with places in several states counts once in each of them; the denominator
    (and so each share) is the number of postings, each counted once, so shares can add up
    to more than 1. ``state`` is NaN for postings without one (fully remote, or a location
    not parsed).
    """
    require_columns(sample, ["posting_id", "state", "remote"], "postings")
    denominator = len(sample)
    per_state = posting_states(sample)
    return (
        per_state.assign(remote=per_state["remote"].astype("boolean").fillna(False).astype(bool))
        .groupby("state", dropna=False, as_index=False)
        .agg(postings=("posting_id", "nunique"), remote=("remote", "sum"))
        .astype({"postings": "int64", "remote": "int64"})
        .assign(denominator=denominator, share=lambda d: share(d["postings"], denominator))
        .astype({"denominator": "int64"})
        .sort_values(["postings", "state"], ascending=[False, True], na_position="last")
        .reset_index(drop=True)[["state", "postings", "remote", "denominator", "share"]]
    )


def demand_by_employer(sample: pd.DataFrame) -> pd.DataFrame:
    """Postings per employer and in how many states each one hires (every place's state)."""
    per_state = posting_states(sample)
    states = (
        per_state.assign(company=per_state["company"].astype(object))
        .groupby("company", dropna=False, as_index=False)
        .agg(states=("state", "nunique"))
        .astype({"states": "int64"})
    )
    return _count_by(sample, "company").merge(states, on="company", how="left")[
        ["company", "postings", "states", "denominator", "share"]
    ]


def demand_by_title(sample: pd.DataFrame) -> pd.DataFrame:
    """Postings per job title as advertised (whitespace and case folded for counting)."""
    require_columns(sample, ["posting_id", "title"], "postings")
    titles = sample["title"].astype(object).fillna("").str.split().str.join(" ")
    folded = titles.str.casefold()
    # Show each folded title in its most common spelling.
    shown = (
        pd.DataFrame({"folded": folded, "title": titles})
        .value_counts()
        .reset_index()
        .drop_duplicates("folded")
        .set_index("folded")["title"]
    )
    return _count_by(sample.assign(title=folded), "title").assign(
        title=lambda d: d["title"].map(shown)
    )[["title", "postings", "denominator", "share"]]
