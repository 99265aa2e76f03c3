"""Loading from a real store (SQLite and PostgreSQL): filters in SQL, pay and relevance rules."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import insert

from demand.builder import StoreBuilder
from demand.sample_store import fixture_rows
from pipelines.demand import (
    DemandFilters,
    build_tables,
    load_postings,
    load_requirements,
    sample_postings,
)
from pipelines.store import schema


def sample_ids(store, **filters) -> list[int]:
    postings = load_postings(store, DemandFilters.build(**filters))
    return sorted(sample_postings(postings)["posting_id"].tolist())


def test_loaded_frames_are_tidy_and_typed(demand_store):
    postings = load_postings(demand_store)
    assert postings["posting_id"].tolist() == [1, 2, 3, 4, 5, 6]
    for column in ("source", "feed", "company", "state", "role", "salary_period"):
        assert isinstance(postings[column].dtype, pd.CategoricalDtype), column
    assert str(postings["first_seen"].dt.tz) == "UTC"
    assert postings["duplicate"].tolist() == [False, False, False, True, False, False]
    # The extractor's relevance wins; P6 (not extracted) keeps the crawler's.
    assert postings["relevant"].tolist() == [True, True, True, True, False, True]
    reqs = load_requirements(demand_store)
    assert isinstance(reqs["item_id"].dtype, pd.CategoricalDtype)
    # Rows of the duplicate (P4) and of the irrelevant posting (P5) are left in the store.
    assert sorted(reqs["posting_id"].unique()) == [1, 2, 3]
    assert len(reqs) == 18


def test_posting_pay_columns_win_over_extracted_pay(demand_store):
    pay = load_postings(demand_store).set_index("posting_id")
    assert pay.loc[1, ["salary_min", "salary_max", "salary_period"]].tolist() == [
        18.0,
        22.0,
        "hour",
    ]
    assert pay.loc[2, ["salary_min", "salary_max", "salary_period"]].tolist() == [
        45000.0,
        55000.0,
        "year",
    ]
    # P2 states pay only in its text, P3 nowhere: the source is kept for the report to show.
    assert pay.loc[[1, 2, 6], "pay_source"].tolist() == ["posted", "text", "posted"]
    assert pd.isna(pay.loc[3, "pay_source"])


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, [1, 2, 3, 6]),
        ({"state": "ok"}, [1, 3]),
        ({"state": ["OK", "TX"]}, [1, 2, 3]),
        ({"role": "coding"}, [2]),
        ({"source": "lever"}, [2]),
        ({"source": "greenhouse:test"}, [1, 3]),
        ({"since": "2026-04-01"}, [3, 6]),
        ({"until": "2026-03-03"}, [1]),
        ({"since": "2026-03-20", "until": "2026-03-31"}, [2, 3]),
    ],
)
def test_filters_select_the_sample_in_sql(demand_store, filters, expected):
    assert sample_ids(demand_store, **filters) == expected


def test_filters_apply_to_requirements_too(demand_store):
    reqs = load_requirements(demand_store, DemandFilters.build(state="TX"))
    assert sorted(reqs["posting_id"].unique()) == [2]


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"state": "Oklahoma"}, "two-letter"),
        ({"role": "nurse"}, "--role must be one of"),
        ({"since": "March"}, "YYYY-MM-DD"),
        ({"since": "2026-05-01", "until": "2026-04-01"}, "after --until"),
    ],
)
def test_bad_filters_give_one_clear_line(filters, message):
    with pytest.raises(ValueError, match=message):
        DemandFilters.build(**filters)


def test_rows_of_an_older_taxonomy_version_are_ignored(store):
    builder = fixture_rows()
    builder.write(store)
    with store.begin() as conn:
        conn.execute(
            insert(schema.requirements),
            [
                {
                    "posting_id": 3,
                    "taxonomy_version": "old",
                    "kind": "credential",
                    "item_id": "CCA",
                    "level": "required",
                    "eligible": False,
                }
            ],
        )
    assert "CCA" not in set(load_requirements(store)["item_id"].astype(str))


def test_extractor_relevance_overrides_the_crawler(store):
    b = StoreBuilder()
    b.posting(relevant=False, x_relevant=True, reqs=[("credential", "RHIT", "required")])
    b.posting(relevant=True, x_relevant=False, reqs=[("credential", "CPC", "required")])
    b.write(store)
    tables = build_tables(store)
    assert tables.n == 1
    assert tables["credentials"]["id"].tolist() == ["RHIT"]


def test_an_empty_store_gives_empty_tables_not_errors(store):
    tables = build_tables(store)
    assert tables.n == 0
    assert tables["credentials"].empty
    assert tables["experience"]["postings"].sum() == 0
    assert tables["weekly_trend"].empty


def test_trend_tables_stay_inside_the_window(demand_store):
    tables = build_tables(demand_store, DemandFilters.build(since="2026-03-20", until="2026-03-31"))
    weeks = tables["weekly_trend"]["week"].dt.strftime("%Y-%m-%d").tolist()
    assert weeks == ["2026-03-16", "2026-03-23", "2026-03-30"]
    assert tables["weekly_trend"]["active"].tolist() == [2, 2, 2]  # P2 and P3 only
    assert tables["monthly_credential_shares"]["month"].dt.month.unique().tolist() == [3]
