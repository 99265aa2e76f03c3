"""Education and experience asked for: what a candidate needs beyond credentials."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipelines.concepts import EDUCATION_LADDER
from pipelines.demand.columns import extracted, require_columns, share
from pipelines.demand.items import item_demand

EXPERIENCE_BANDS = (
    "none stated",
    "under 1 year",
    "1 to 2 years",
    "2 to 3 years",
    "3 to 5 years",
    "5 years or more",
)
_BAND_EDGES = [0.0, 1.0, 2.0, 3.0, 5.0, np.inf]


def education_distribution(sample: pd.DataFrame, requirements: pd.DataFrame) -> pd.DataFrame:
    """Postings naming each education level, by requirement level, lowest level first.

    A posting may name several levels (high school required, associate preferred), so the
    shares do not add up to 1; ``alternative`` marks a degree accepted instead of
    experience (federal announcements).
    """
    frame = item_demand(sample, requirements, "education")
    order = {level: i for i, level in enumerate(EDUCATION_LADDER)}
    return (
        frame.rename(columns={"id": "education"})
        .assign(_order=lambda d: d["education"].map(order).fillna(len(order)))
        .sort_values(["_order", "education"])
        .reset_index(drop=True)[
            [
                "education",
                "postings",
                "required",
                "preferred",
                "alternative",
                "denominator",
                "share",
                "required_share",
                "preferred_share",
                "alternative_share",
            ]
        ]
    )


def experience_bands(sample: pd.DataFrame, requirements: pd.DataFrame) -> pd.DataFrame:
    """Each extracted posting of ``sample`` with its band of minimum required experience
    (``posting_id``, ``experience``): the rows :func:`experience_distribution` counts."""
    require_columns(requirements, ("posting_id", "kind", "level", "years"), "requirements")
    base = extracted(sample)[["posting_id"]]
    asked = (
        requirements.loc[
            (requirements["kind"] == "experience")
            & requirements["level"].isin(["required", "alternative"])
            & requirements["years"].notna(),
            ["posting_id", "years"],
        ]
        .groupby("posting_id", as_index=False)
        .agg(years=("years", "min"))
    )
    merged = base.merge(asked, on="posting_id", how="left")
    bands = pd.cut(
        merged["years"], bins=_BAND_EDGES, right=False, labels=list(EXPERIENCE_BANDS[1:])
    )
    return pd.DataFrame(
        {
            "posting_id": merged["posting_id"].to_numpy(),
            "experience": bands.cat.add_categories([EXPERIENCE_BANDS[0]]).fillna(
                EXPERIENCE_BANDS[0]
            ),
        }
    )


def experience_distribution(sample: pd.DataFrame, requirements: pd.DataFrame) -> pd.DataFrame:
    """Minimum years of experience each posting asks for, in bands that add up to the sample.

    The figure is the smallest number of years asked at the required (or alternative) level:
    "1-2 years" was already read as 1 by the extractor, and "5 years, including 2 in
    auditing" still lets a candidate with 2 years in. A posting asking only as a
    preference falls under "none stated".
    """
    bands = experience_bands(sample, requirements)
    denominator = len(bands)
    counts = bands["experience"].value_counts().reindex(list(EXPERIENCE_BANDS), fill_value=0)
    return (
        pd.DataFrame(
            {
                "experience": pd.Series(EXPERIENCE_BANDS, dtype=object),
                "postings": counts.to_numpy(dtype="int64"),
            }
        )
        .assign(
            denominator=np.int64(denominator),
            share=lambda d: share(d["postings"], denominator),
        )
        .astype({"denominator": "int64"})
    )
