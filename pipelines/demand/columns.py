"""Guards shared by the aggregation functions: required columns and share denominators."""

from __future__ import annotations

import pandas as pd


def require_columns(frame: pd.DataFrame, columns: tuple[str, ...] | list[str], what: str) -> None:
    """Fail at the door with the missing names, not deep inside a groupby."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"{what} is missing column(s): {', '.join(missing)}")


def share(count: pd.Series | int, denominator: pd.Series | int) -> pd.Series | float:
    """count / denominator, 0.0 where the denominator is 0 (an empty sample, not NaN)."""
    if isinstance(count, pd.Series):
        denom = (
            pd.Series(denominator, index=count.index)
            if not isinstance(denominator, pd.Series)
            else denominator
        )
        return (count / denom.where(denom > 0)).fillna(0.0).astype("float64")
    return float(count) / denominator if denominator else 0.0


def extracted(sample: pd.DataFrame) -> pd.DataFrame:
    """Postings the extractor has read: the denominator of every requirement share.

    A posting not yet extracted has no requirement rows; counting it would understate
    every credential and skill.
    """
    require_columns(sample, ["posting_id", "extracted"], "postings")
    return sample.loc[sample["extracted"]]
