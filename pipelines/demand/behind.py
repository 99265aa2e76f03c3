"""The postings behind a figure of the demand tables: the ids a table cell counts.

A figure is named by its table, the row's key (a credential id, a state, a week...), for
two-key tables a second key, and the count it shows (``postings``, ``required``...).
:func:`behind_ids` answers from the same frames and the same helpers the tables are
computed with, so the postings listed behind a number are exactly the ones it counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from pipelines.concepts import Level
from pipelines.demand.by_place import posting_states
from pipelines.demand.columns import extracted
from pipelines.demand.items import item_levels, rows_of_kind
from pipelines.demand.load import sample_postings
from pipelines.demand.pay import with_midpoint
from pipelines.demand.qualifications import experience_bands
from pipelines.demand.trend import month_start, week_start

#: Item tables and the requirement kind each counts.
ITEM_KINDS = {
    "credentials": "credential",
    "skills": "skill",
    "education": "education",
    "experience_years": "experience",
}
#: The count each item-table column stands for; a share opens the postings of its count.
ITEM_COUNTS = {
    "postings": "postings",
    "share": "postings",
    "required": "required",
    "required_share": "required",
    "preferred": "preferred",
    "preferred_share": "preferred",
    "alternative": "alternative",
    "alternative_share": "alternative",
    "eligible": "eligible",
    "eligible_share": "eligible",
    "after_hire": "after_hire",
    "after_hire_share": "after_hire",
}
_POSTINGS = {"postings": "postings", "share": "postings"}


@dataclass(frozen=True)
class Cells:
    """How one table's rows are named and which of its columns open postings."""

    key: str | None  # the column naming a row (None: a one-row table)
    counts: Mapping[str, str]  # table column -> the count it shows
    key2: str | None = None  # second naming column of two-key tables


CELLS: dict[str, Cells] = {
    "sample": Cells(
        None,
        {
            "postings": "postings",
            "extracted": "extracted",
            "duplicates_removed": "duplicates_removed",
            "not_relevant": "not_relevant",
            "collected": "collected",
        },
    ),
    "sources": Cells(
        "source",
        {
            "collected": "collected",
            "duplicates_removed": "duplicates_removed",
            "postings": "postings",
        },
    ),
    "credentials": Cells("id", ITEM_COUNTS),
    "skills": Cells("id", ITEM_COUNTS),
    "education": Cells("education", ITEM_COUNTS),
    "skill_categories": Cells(
        "category",
        {"postings": "postings", "share": "postings", "required_share": "required"},
    ),
    "credential_alternatives": Cells("combination", _POSTINGS),
    "experience": Cells("experience", _POSTINGS),
    "by_state": Cells("state", {**_POSTINGS, "remote": "remote"}),
    "by_employer": Cells("company", _POSTINGS),
    "by_title": Cells("title", _POSTINGS),
    "pay": Cells("period", {**_POSTINGS, "from_text": "from_text"}),
    "pay_by_credential": Cells(
        "id",
        {**_POSTINGS, "from_text": "from_text", "denominator": "asking"},
        key2="period",
    ),
    "weekly_trend": Cells("week", {"new": "new", "active": "active", "closed": "closed"}),
    "monthly_credential_shares": Cells(
        "id", {**_POSTINGS, "denominator": "denominator"}, key2="month"
    ),
    "cooccurrence": Cells(
        "item_a", {"postings": "postings", "share": "postings", "share_of_a": "postings"}, "item_b"
    ),
}


class UnknownFigure(ValueError):
    """No such table, count or key form; the message is one line."""


def key_text(table: str, column: str, value: Any, record: Mapping[str, Any] | None = None) -> str:
    """A row's key as it travels in a link: "" for not stated, ISO dates for periods,
    ``kind:id`` for the items of the co-occurrence table."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and np.isnan(value):
        return ""
    if table == "weekly_trend":
        return pd.Timestamp(value).date().isoformat()
    if table == "monthly_credential_shares" and column == "month":
        return pd.Timestamp(value).strftime("%Y-%m")
    if table == "cooccurrence" and record is not None:
        kind = record["kind_a"] if column == "item_a" else record["kind_b"]
        return f"{kind}:{value}"
    return str(value)


def row_keys(table: str, record: Mapping[str, Any]) -> tuple[str, str]:
    """(key, key2) of one record of ``table`` as :func:`behind_ids` takes them."""
    cells = CELLS[table]
    key = key_text(table, cells.key, record[cells.key], record) if cells.key else ""
    key2 = key_text(table, cells.key2, record[cells.key2], record) if cells.key2 else ""
    return key, key2


def _ids(frame: pd.DataFrame) -> np.ndarray:
    return np.unique(frame["posting_id"].to_numpy(dtype="int64"))


def _text_equals(series: pd.Series, key: str) -> pd.Series:
    values = series.astype(object)
    return values.isna() if key == "" else values.eq(key)


def _item_ids(sample, requirements, kind: str, key: str, count: str) -> np.ndarray:
    levels = item_levels(sample, requirements, kind)
    rows = levels.loc[levels["item_id"].astype(str) == key]
    picks = {
        "postings": slice(None),
        "required": rows["level"].eq(Level.REQUIRED.value),
        "preferred": rows["level"].eq(Level.PREFERRED.value),
        "alternative": rows["level"].eq(Level.ALTERNATIVE.value),
        "eligible": rows["eligible"],
        "after_hire": rows["after_hire"],
    }
    return _ids(rows.loc[picks[count]])


def _combination_ids(sample, requirements, key: str) -> np.ndarray:
    rows = rows_of_kind(sample, requirements, "credential", ["posting_id", "grp", "item_id"])
    rows = rows.loc[rows["grp"].notna()].astype({"item_id": str})
    members = rows.groupby(["posting_id", "grp"])["item_id"].agg(frozenset)
    wanted = frozenset(part.strip() for part in key.split(" or "))
    return np.unique(members.index.get_level_values("posting_id")[members.eq(wanted).to_numpy()])


def _asking(sample, requirements, item: str) -> set[int]:
    kind, _, item_id = item.partition(":")
    if kind not in ("credential", "skill") or not item_id:
        raise UnknownFigure(f"'{item}' is not kind:id (credential:RHIT, skill:epic)")
    rows = rows_of_kind(sample, requirements, kind, ["posting_id", "item_id"])
    return set(rows.loc[rows["item_id"].astype(str) == item_id, "posting_id"].tolist())


def _week_ids(sample: pd.DataFrame, key: str, count: str) -> np.ndarray:
    week = pd.Timestamp(key)
    start = week_start(sample["first_seen"])
    if count == "new":
        return _ids(sample.loc[start.eq(week)])
    if count == "closed":
        closed = sample.loc[sample["closed_at"].notna()]
        return _ids(closed.loc[week_start(closed["closed_at"]).eq(week)])
    end = week_start(sample["closed_at"].fillna(sample["last_seen"]))
    return _ids(sample.loc[(start <= week) & (end >= week)])


def behind_ids(
    postings: pd.DataFrame,
    requirements: pd.DataFrame,
    table: str,
    key: str = "",
    count: str = "postings",
    key2: str = "",
    categories: Mapping[str, str] | None = None,
) -> np.ndarray:
    """Ids of the postings counted by one figure, sorted.

    ``postings`` and ``requirements`` are the frames the tables were computed from
    (``load_postings`` / ``load_requirements`` for the same filters); ``count`` is a
    column of the table (a share opens the postings of its count).
    """
    cells = CELLS.get(table)
    if table == "experience_years":
        cells = Cells("id", ITEM_COUNTS)
    if cells is None:
        raise UnknownFigure(f"no table '{table}'")
    what = cells.counts.get(count)
    if what is None:
        raise UnknownFigure(f"table '{table}' has no count '{count}'")
    sample = sample_postings(postings)
    try:
        return _dispatch(postings, sample, requirements, table, key, what, key2, categories or {})
    except (ValueError, TypeError) as exc:
        if isinstance(exc, UnknownFigure):
            raise
        raise UnknownFigure(f"'{key}' is not a row of '{table}'") from exc


def _dispatch(postings, sample, requirements, table, key, what, key2, categories) -> np.ndarray:
    if table == "sample":
        relevant, duplicate = postings["relevant"], postings["duplicate"]
        chosen = {
            "postings": sample,
            "extracted": extracted(sample),
            "duplicates_removed": postings.loc[relevant & duplicate],
            "not_relevant": postings.loc[~relevant],
            "collected": postings,
        }[what]
        return _ids(chosen)
    if table == "sources":
        frame = postings.loc[_text_equals(postings["source"], key)]
        chosen = {
            "collected": frame,
            "duplicates_removed": frame.loc[frame["relevant"] & frame["duplicate"]],
            "postings": frame.loc[frame["relevant"] & ~frame["duplicate"]],
        }[what]
        return _ids(chosen)
    if table in ITEM_KINDS:
        return _item_ids(sample, requirements, ITEM_KINDS[table], key, what)
    if table == "skill_categories":
        levels = item_levels(sample, requirements, "skill")
        in_category = levels["item_id"].astype(str).map(lambda i: categories.get(i, "other"))
        rows = levels.loc[in_category.eq(key)]
        return _ids(
            rows if what == "postings" else rows.loc[rows["level"].eq(Level.REQUIRED.value)]
        )
    if table == "credential_alternatives":
        return _combination_ids(sample, requirements, key)
    if table == "experience":
        bands = experience_bands(sample, requirements)
        return _ids(bands.loc[bands["experience"].astype(str).eq(key)])
    if table == "by_state":  # a posting in several states is behind each of them
        per_state = posting_states(sample)
        rows = per_state.loc[_text_equals(per_state["state"], key)]
        if what == "remote":
            rows = rows.loc[rows["remote"].astype("boolean").fillna(False).astype(bool)]
        return _ids(rows)
    if table == "by_employer":
        return _ids(sample.loc[_text_equals(sample["company"], key)])
    if table == "by_title":
        folded = sample["title"].astype(object).fillna("").str.split().str.join(" ").str.casefold()
        return _ids(sample.loc[folded.eq(" ".join(key.split()).casefold())])
    if table == "pay":
        paid = with_midpoint(sample)
        rows = paid.loc[paid["period"].eq(key)]
        return _ids(rows if what == "postings" else rows.loc[rows["from_text"].eq(1)])
    if table == "pay_by_credential":
        asking = _item_ids(sample, requirements, "credential", key, "postings")
        if what == "asking":
            return asking
        paid = with_midpoint(extracted(sample))
        rows = paid.loc[paid["period"].eq(key2) & paid["posting_id"].isin(asking)]
        return _ids(rows if what == "postings" else rows.loc[rows["from_text"].eq(1)])
    if table == "weekly_trend":
        return _week_ids(sample, key, what)
    if table == "monthly_credential_shares":
        base = extracted(sample)
        new = base.loc[month_start(base["first_seen"]).eq(pd.Timestamp(key2))]
        if what == "denominator":
            return _ids(new)
        asking = _item_ids(sample, requirements, "credential", key, "postings")
        return _ids(new.loc[new["posting_id"].isin(asking)])
    if table == "cooccurrence":
        both = _asking(sample, requirements, key) & _asking(sample, requirements, key2)
        return np.array(sorted(both), dtype="int64")
    raise UnknownFigure(f"no table '{table}'")


__all__ = ["CELLS", "Cells", "UnknownFigure", "behind_ids", "key_text", "row_keys"]
