"""Invariants on generated data: shares in 0..1, counts adding up, no double counting."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from demand.generate import generated
from pipelines.demand import (
    compute_tables,
    credential_demand,
    skill_demand,
)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(0, 60))
def test_tables_hold_their_invariants(seed: int, n: int):
    postings, reqs = generated(seed, n)
    tables = compute_tables(postings, reqs)
    sample = postings.loc[postings["relevant"] & ~postings["duplicate"]]
    n_sample, n_extracted = len(sample), int(sample["extracted"].sum())

    for name, frame in tables.items():
        for column in frame.columns:
            if column == "share" or column.endswith("_share") or column == "share_of_a":
                assert frame[column].between(0, 1).all(), (name, column)
    assert tables["sample"]["postings"].iloc[0] == n_sample
    assert tables["by_state"]["postings"].sum() == n_sample
    assert (tables["by_state"]["remote"] <= tables["by_state"]["postings"]).all()
    assert tables["by_employer"]["postings"].sum() == n_sample
    assert tables["by_title"]["postings"].sum() == n_sample
    assert tables["experience"]["postings"].sum() == n_extracted
    for name in ("credentials", "skills", "education", "experience", "credential_alternatives"):
        assert (tables[name]["denominator"] == n_extracted).all(), name
    for name in ("credentials", "skills"):
        frame = tables[name]
        assert (frame["required"] + frame["preferred"] <= frame["postings"]).all()
        assert (frame["postings"] <= n_extracted).all()
    education = tables["education"]
    assert (
        education["required"] + education["preferred"] + education["alternative"]
        == education["postings"]
    ).all()
    trend = tables["weekly_trend"]
    assert trend["new"].sum() == n_sample
    assert (trend["active"] >= 0).all() and (trend["active"] <= n_sample).all()
    sources = tables["sources"]
    assert sources["collected"].sum() == len(postings)
    assert sources["postings"].sum() == n_sample


def test_a_duplicate_posting_is_not_counted_twice():
    postings, reqs = generated(7, 40)
    # Copy every kept posting as a duplicate with the same requirements: nothing may change.
    kept = postings.loc[postings["relevant"] & ~postings["duplicate"]]
    copies = kept.assign(posting_id=kept["posting_id"] + 1000, duplicate=True)
    both = pd.concat([postings, copies], ignore_index=True)
    for frame_fn in (credential_demand, skill_demand):
        pd.testing.assert_frame_equal(
            frame_fn(both.loc[both["relevant"] & ~both["duplicate"]], reqs),
            frame_fn(kept, reqs),
        )
    tables = compute_tables(both, reqs)
    assert tables["sample"]["duplicates_removed"].iloc[0] == (
        len(copies) + int((postings["relevant"] & postings["duplicate"]).sum())
    )
