"""Demand for credentials and skills: share of postings asking for each, by level.

A posting asking for an item at several levels counts once, at its strongest level
(required over preferred over alternative), so ``required + preferred + alternative ==
postings`` for every item and ``share`` counts the posting once whatever the level.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from pipelines.demand.columns import extracted, require_columns, share

LEVEL_RANK = {"required": 0, "preferred": 1, "alternative": 2}
REQUIREMENT_COLUMNS = ("posting_id", "kind", "item_id", "level", "grp", "eligible", "within_months")


def item_levels(sample: pd.DataFrame, requirements: pd.DataFrame, kind: str) -> pd.DataFrame:
    """One row per (posting, item) of ``kind``: strongest level, eligible, after-hire flags."""
    require_columns(requirements, REQUIREMENT_COLUMNS, "requirements")
    ids = extracted(sample)["posting_id"]
    rows = requirements.loc[
        (requirements["kind"] == kind) & requirements["posting_id"].isin(ids),
        ["posting_id", "item_id", "level", "eligible", "within_months"],
    ]
    return (
        rows.assign(
            item_id=lambda d: d["item_id"].astype(str),
            rank=lambda d: d["level"].astype(str).map(LEVEL_RANK).fillna(0).astype("int64"),
            after_hire=lambda d: d["within_months"].notna(),
        )
        .groupby(["posting_id", "item_id"], as_index=False, sort=False)
        .agg(rank=("rank", "min"), eligible=("eligible", "any"), after_hire=("after_hire", "any"))
    )


def item_demand(sample: pd.DataFrame, requirements: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Postings asking for each item of ``kind``; shares over the extracted sample."""
    denominator = len(extracted(sample))
    per_posting = item_levels(sample, requirements, kind)
    counts = (
        per_posting.assign(
            required=lambda d: d["rank"].eq(0),
            preferred=lambda d: d["rank"].eq(1),
            alternative=lambda d: d["rank"].eq(2),
        )
        .groupby("item_id", as_index=False)
        .agg(
            postings=("posting_id", "size"),
            required=("required", "sum"),
            preferred=("preferred", "sum"),
            alternative=("alternative", "sum"),
            eligible=("eligible", "sum"),
            after_hire=("after_hire", "sum"),
        )
        .rename(columns={"item_id": "id"})
    )
    return (
        counts.astype({c: "int64" for c in counts.columns if c != "id"})
        .assign(
            denominator=denominator,
            share=lambda d: share(d["postings"], denominator),
            required_share=lambda d: share(d["required"], denominator),
            preferred_share=lambda d: share(d["preferred"], denominator),
            alternative_share=lambda d: share(d["alternative"], denominator),
            eligible_share=lambda d: share(d["eligible"], denominator),
            after_hire_share=lambda d: share(d["after_hire"], denominator),
        )
        .astype({"id": object, "denominator": "int64"})
        .sort_values(["postings", "id"], ascending=[False, True])
        .reset_index(drop=True)
    )


def credential_demand(sample: pd.DataFrame, requirements: pd.DataFrame) -> pd.DataFrame:
    """Credentials by share of postings: required, preferred, "or eligible", obtain after hire."""
    return item_demand(sample, requirements, "credential")[
        [
            "id",
            "postings",
            "required",
            "preferred",
            "eligible",
            "after_hire",
            "denominator",
            "share",
            "required_share",
            "preferred_share",
            "eligible_share",
            "after_hire_share",
        ]
    ]


def skill_demand(
    sample: pd.DataFrame,
    requirements: pd.DataFrame,
    categories: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Skills by share of postings, with the taxonomy category of each (``other`` if unknown)."""
    categories = categories or {}
    frame = item_demand(sample, requirements, "skill")
    return frame.assign(
        category=frame["id"].map(lambda i: categories.get(i, "other")).astype(object)
    )[
        [
            "id",
            "category",
            "postings",
            "required",
            "preferred",
            "denominator",
            "share",
            "required_share",
            "preferred_share",
        ]
    ]


def alternative_combinations(sample: pd.DataFrame, requirements: pd.DataFrame) -> pd.DataFrame:
    """Either-of credential groups ("RHIT or RHIA") and the share of postings offering each."""
    require_columns(requirements, REQUIREMENT_COLUMNS, "requirements")
    denominator = len(extracted(sample))
    ids = extracted(sample)["posting_id"]
    rows = requirements.loc[
        (requirements["kind"] == "credential")
        & requirements["grp"].notna()
        & requirements["posting_id"].isin(ids),
        ["posting_id", "grp", "item_id"],
    ].astype({"item_id": str})
    groups = (
        rows.drop_duplicates()
        .sort_values("item_id")
        .groupby(["posting_id", "grp"], as_index=False)
        .agg(members=("item_id", "size"), combination=("item_id", " or ".join))
        .query("members >= 2")
    )
    return (
        groups.groupby("combination", as_index=False)
        .agg(postings=("posting_id", "nunique"))
        .astype({"combination": object, "postings": "int64"})
        .assign(denominator=denominator, share=lambda d: share(d["postings"], denominator))
        .astype({"denominator": "int64"})
        .sort_values(["postings", "combination"], ascending=[False, True])
        .reset_index(drop=True)
    )


def cooccurrence(sample: pd.DataFrame, requirements: pd.DataFrame, top: int = 12) -> pd.DataFrame:
    """Pairs among the ``top`` most asked credentials and skills, by postings naming both.

    ``share_of_a`` is the conditional share: of the postings asking for ``item_a``, how many
    also ask for ``item_b``. Pairs are listed both ways round so either reading is there.
    """
    require_columns(requirements, REQUIREMENT_COLUMNS, "requirements")
    denominator = len(extracted(sample))
    pairs_columns = [
        "item_a",
        "kind_a",
        "item_b",
        "kind_b",
        "postings",
        "denominator",
        "share",
        "share_of_a",
    ]
    ids = extracted(sample)["posting_id"]
    rows = (
        requirements.loc[
            requirements["kind"].isin(["credential", "skill"])
            & requirements["posting_id"].isin(ids),
            ["posting_id", "kind", "item_id"],
        ]
        .astype({"kind": str, "item_id": str})
        .drop_duplicates()
    )
    if rows.empty:
        return pd.DataFrame(
            {
                c: pd.Series(
                    dtype=object
                    if c in ("item_a", "kind_a", "item_b", "kind_b")
                    else ("float64" if "share" in c else "int64")
                )
                for c in pairs_columns
            }
        )
    counts = rows.groupby(["kind", "item_id"]).size().rename("n").reset_index()
    chosen = counts.sort_values(["n", "item_id"], ascending=[False, True]).head(top)
    rows = rows.merge(chosen[["kind", "item_id"]], on=["kind", "item_id"])
    item_codes, items = pd.factorize(pd.MultiIndex.from_frame(rows[["kind", "item_id"]]))
    post_codes, _ = pd.factorize(rows["posting_id"])
    incidence = np.zeros((post_codes.max() + 1, len(items)), dtype=np.int32)
    incidence[post_codes, item_codes] = 1
    both = incidence.T @ incidence
    alone = np.diag(both)
    a, b = np.where(~np.eye(len(items), dtype=bool) & (both > 0))
    kinds = items.get_level_values(0).to_numpy()
    names = items.get_level_values(1).to_numpy()
    return (
        pd.DataFrame(
            {
                "item_a": names[a].astype(object),
                "kind_a": kinds[a].astype(object),
                "item_b": names[b].astype(object),
                "kind_b": kinds[b].astype(object),
                "postings": both[a, b].astype("int64"),
                "denominator": np.full(len(a), denominator, dtype="int64"),
                "share": both[a, b] / denominator,
                "share_of_a": both[a, b] / alone[a],
            }
        )
        .sort_values(["postings", "item_a", "item_b"], ascending=[False, True, True])
        .reset_index(drop=True)
    )
