"""Demand for credentials and skills: share of postings asking for each, by level.

A posting asking for an item at several levels counts once, at its strongest level
(`pipelines.concepts.LEVEL_STRENGTH`: required over alternative over preferred), so ``required + preferred + alternative ==
postings`` for every item and ``share`` counts the posting once whatever the level.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from pipelines.concepts import LEVEL_STRENGTH, Level
from pipelines.demand.columns import extracted, require_columns, share

# Strength back to its level, for the strongest level of a posting's item.
_LEVEL_OF_STRENGTH = {strength: level for level, strength in LEVEL_STRENGTH.items()}
REQUIREMENT_COLUMNS = ("posting_id", "kind", "item_id", "level", "grp", "eligible", "within_months")


def _codes(column: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes and their labels (cheap for the loader's categorical columns)."""
    cat = column.astype("category")
    return cat.cat.codes.to_numpy(), cat.cat.categories


def rows_of_kind(
    sample: pd.DataFrame, requirements: pd.DataFrame, kinds: str | list[str], columns: list[str]
) -> pd.DataFrame:
    """Requirement rows of ``kinds`` belonging to the extracted postings of ``sample``."""
    require_columns(requirements, REQUIREMENT_COLUMNS, "requirements")
    ids = extracted(sample)["posting_id"]
    kinds = [kinds] if isinstance(kinds, str) else kinds
    mask = requirements["kind"].isin(kinds) & requirements["posting_id"].isin(ids)
    return requirements.loc[mask, columns]


def item_levels(sample: pd.DataFrame, requirements: pd.DataFrame, kind: str) -> pd.DataFrame:
    """One row per (posting, item) of ``kind``: strongest level, eligible, after-hire flags.

    ``item_id`` stays categorical: grouping a million rows by integer codes, not strings.
    """
    rows = rows_of_kind(
        sample, requirements, kind, ["posting_id", "item_id", "level", "eligible", "within_months"]
    )
    level_codes, levels = _codes(rows["level"])
    # an unknown level counts as required, the default reading of an item
    strength_of = np.array(
        [LEVEL_STRENGTH.get(str(level), LEVEL_STRENGTH[Level.REQUIRED.value]) for level in levels]
        + [LEVEL_STRENGTH[Level.REQUIRED.value]],
        dtype="int64",
    )
    return (
        rows.assign(
            item_id=rows["item_id"].astype("category"),
            strength=strength_of[level_codes],
            after_hire=rows["within_months"].notna(),
        )
        .groupby(["posting_id", "item_id"], as_index=False, sort=False, observed=True)
        .agg(
            strength=("strength", "max"),
            eligible=("eligible", "any"),
            after_hire=("after_hire", "any"),
        )
        .assign(level=lambda d: d["strength"].map(_LEVEL_OF_STRENGTH))
        .drop(columns="strength")
    )


def item_demand(sample: pd.DataFrame, requirements: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Postings asking for each item of ``kind``; shares over the extracted sample."""
    denominator = len(extracted(sample))
    per_posting = item_levels(sample, requirements, kind)
    counts = (
        per_posting.assign(
            required=lambda d: d["level"].eq(Level.REQUIRED.value),
            preferred=lambda d: d["level"].eq(Level.PREFERRED.value),
            alternative=lambda d: d["level"].eq(Level.ALTERNATIVE.value),
        )
        .groupby("item_id", as_index=False, observed=True)
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


def skill_category_demand(
    sample: pd.DataFrame,
    requirements: pd.DataFrame,
    categories: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Per skill category (coding system, EHR system...): postings asking for any of its skills.

    A posting naming Epic and Cerner counts once for "EHR system"; ``required`` when at
    least one of them is required.
    """
    categories = categories or {}
    denominator = len(extracted(sample))
    per_posting = item_levels(sample, requirements, "skill")
    labels = per_posting["item_id"].astype(str).map(lambda i: categories.get(i, "other"))
    columns = {
        "category": object,
        "postings": "int64",
        "required": "int64",
        "denominator": "int64",
        "share": "float64",
        "required_share": "float64",
    }
    return (
        per_posting.assign(
            category=labels.astype(object), required=per_posting["level"].eq(Level.REQUIRED.value)
        )
        .groupby(["category", "posting_id"], as_index=False)
        .agg(required=("required", "any"))
        .groupby("category", as_index=False)
        .agg(postings=("posting_id", "size"), required=("required", "sum"))
        .assign(
            denominator=denominator,
            share=lambda d: share(d["postings"], denominator),
            required_share=lambda d: share(d["required"], denominator),
        )
        .astype(columns)
        .sort_values(["postings", "category"], ascending=[False, True])
        .reset_index(drop=True)[list(columns)]
    )


def alternative_combinations(sample: pd.DataFrame, requirements: pd.DataFrame) -> pd.DataFrame:
    """Either-of credential groups ("RHIT or RHIA") and the share of postings offering each.

    Each (posting, group) becomes a row of a membership matrix; identical rows are the same
    combination, so no string is built per group.
    """
    denominator = len(extracted(sample))
    rows = rows_of_kind(sample, requirements, "credential", ["posting_id", "grp", "item_id"])
    rows = rows.loc[rows["grp"].notna()]
    item_codes, items = _codes(rows["item_id"])
    grp_codes, grps = pd.factorize(rows["grp"].to_numpy(dtype="int64"))
    posting_ids = rows["posting_id"].to_numpy(dtype="int64")
    group_codes, groups = pd.factorize(posting_ids * max(len(grps), 1) + grp_codes)
    member = np.zeros((len(groups), len(items)), dtype=bool)
    member[group_codes, item_codes] = True
    posting_of_group = np.asarray(groups) // max(len(grps), 1)
    keep = member.sum(axis=1) >= 2
    columns = {
        "combination": object,
        "postings": "int64",
        "denominator": "int64",
        "share": "float64",
    }
    if not keep.any():
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in columns.items()})
    combos, combo_of_group = np.unique(member[keep], axis=0, return_inverse=True)
    labels = [" or ".join(sorted(items[np.flatnonzero(row)])) for row in combos]
    return (
        pd.DataFrame({"posting_id": posting_of_group[keep], "combo": combo_of_group.ravel()})
        .drop_duplicates()
        .groupby("combo", as_index=False)
        .agg(postings=("posting_id", "size"))
        .assign(combination=lambda d: [labels[i] for i in d["combo"]])
        .assign(denominator=denominator, share=lambda d: share(d["postings"], denominator))
        .astype(columns)
        .sort_values(["postings", "combination"], ascending=[False, True])
        .reset_index(drop=True)[list(columns)]
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
    rows = rows_of_kind(
        sample, requirements, ["credential", "skill"], ["posting_id", "kind", "item_id"]
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
    kind_codes, kinds_index = _codes(rows["kind"])
    item_codes, items_index = _codes(rows["item_id"])
    key = kind_codes.astype("int64") * (len(items_index) + 1) + item_codes
    key_codes, keys = pd.factorize(key)
    post_codes, _ = pd.factorize(rows["posting_id"])
    incidence = np.zeros((post_codes.max() + 1, len(keys)), dtype=bool)
    incidence[post_codes, key_codes] = True
    counts = incidence.sum(axis=0)
    kinds = np.array([str(kinds_index[k // (len(items_index) + 1)]) for k in keys], dtype=object)
    names = np.array([str(items_index[k % (len(items_index) + 1)]) for k in keys], dtype=object)
    order = sorted(range(len(keys)), key=lambda i: (-counts[i], names[i]))[:top]
    incidence = incidence[:, order].astype(np.int32)
    kinds, names = kinds[order], names[order]
    both = incidence.T @ incidence
    alone = np.diag(both)
    a, b = np.where(~np.eye(len(order), dtype=bool) & (both > 0))
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
