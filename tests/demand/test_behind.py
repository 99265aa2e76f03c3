"""Every count of every demand table opens exactly the postings it counts (pipelines.demand.behind)."""

from __future__ import annotations

import pandas as pd
import pytest

from demand.generate import generated
from pipelines.demand import compute_tables
from pipelines.demand.behind import CELLS, UnknownFigure, behind_ids, row_keys

CATEGORIES = {"icd-10-cm": "coding system", "cpt": "coding system", "epic": "EHR system"}


def _count_columns(table: str, frame: pd.DataFrame) -> list[tuple[str, str]]:
    """(column, count) pairs whose column holds a count (shares open the same postings)."""
    return [
        (column, what)
        for column, what in CELLS[table].counts.items()
        if column in frame and pd.api.types.is_integer_dtype(frame[column])
    ]


@pytest.mark.parametrize("seed", [3, 11])
def test_every_count_lists_exactly_its_postings(seed):
    postings, requirements = generated(seed, 160)
    tables = compute_tables(postings, requirements, CATEGORIES)
    checked = 0
    for table, frame in tables.items():
        for record in frame.to_dict("records"):
            key, key2 = row_keys(table, record)
            for column, _what in _count_columns(table, frame):
                ids = behind_ids(postings, requirements, table, key, column, key2, CATEGORIES)
                assert len(ids) == record[column], (table, key, key2, column)
                assert len(set(ids.tolist())) == len(ids)
                checked += 1
    assert checked > 200
    assert {"credentials", "skills", "by_state", "cooccurrence", "weekly_trend"} <= set(tables)


def test_share_opens_the_postings_of_its_count():
    postings, requirements = generated(5, 80)
    creds = compute_tables(postings, requirements)["credentials"]
    top = creds.iloc[0]
    required = behind_ids(postings, requirements, "credentials", top["id"], "required_share")
    assert len(required) == top["required"]


def test_experience_years_lists_postings_asking_for_that_figure():
    postings, requirements = generated(5, 80)
    ids = behind_ids(postings, requirements, "experience_years", "1")
    assert len(ids) > 0


def test_unknown_table_or_count_is_one_line():
    postings, requirements = generated(5, 20)
    with pytest.raises(UnknownFigure, match="no table"):
        behind_ids(postings, requirements, "nope")
    with pytest.raises(UnknownFigure, match="no count"):
        behind_ids(postings, requirements, "credentials", "RHIT", "median")
    with pytest.raises(UnknownFigure):
        behind_ids(postings, requirements, "weekly_trend", "not-a-date", "new")
