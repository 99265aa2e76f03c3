"""Invariants on generated data: shares in 0..1, counts adding up, no double counting."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.demand import (
    compute_tables,
    credential_demand,
    skill_demand,
)

CREDENTIALS = ["RHIT", "RHIA", "CCS", "CPC"]
SKILLS = ["icd-10-cm", "cpt", "epic"]
LEVELS = ["required", "preferred", "alternative"]


def generated(seed: int, n: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Random postings (some duplicates, irrelevant, unextracted) and requirement rows."""
    rng = np.random.default_rng(seed)
    first = pd.Timestamp("2026-01-05", tz="UTC") + pd.to_timedelta(rng.integers(0, 90, n), "D")
    last = first + pd.to_timedelta(rng.integers(0, 40, n), "D")
    closed = pd.Series(last + pd.Timedelta(days=1)).where(rng.random(n) < 0.4)
    period = rng.choice(["hour", "year", None], n)
    low = np.where(period == "hour", 18.0, 45000.0) * rng.uniform(0.9, 1.2, n)
    postings = pd.DataFrame(
        {
            "posting_id": np.arange(1, n + 1),
            "source": pd.Categorical(rng.choice(["greenhouse", "lever"], n)),
            "title": pd.Categorical(
                rng.choice(["Medical Coder", "medical coder", "ROI Specialist"], n)
            ),
            "company": pd.Categorical(rng.choice(["A", "B", "C", None], n)),
            "state": pd.Categorical(rng.choice(["OK", "TX", None], n)),
            "role": pd.Categorical(rng.choice(["records", "coding"], n)),
            "relevant": rng.random(n) < 0.9,
            "duplicate": rng.random(n) < 0.15,
            "extracted": rng.random(n) < 0.85,
            "salary_min": np.where(period == None, np.nan, low),  # noqa: E711
            "salary_max": np.where(period == None, np.nan, low * 1.2),  # noqa: E711
            "salary_period": pd.Categorical(period),
            "first_seen": first,
            "last_seen": last,
            "closed_at": pd.to_datetime(closed, utc=True),
        }
    )
    rows = []
    for pid in postings["posting_id"]:
        for _ in range(rng.integers(0, 7)):
            kind = rng.choice(["credential", "skill", "education", "experience"])
            item = {
                "credential": rng.choice(CREDENTIALS),
                "skill": rng.choice(SKILLS),
                "education": rng.choice(["high-school", "associate"]),
                "experience": "1",
            }[kind]
            rows.append(
                {
                    "posting_id": pid,
                    "kind": kind,
                    "item_id": item,
                    "level": rng.choice(LEVELS),
                    "grp": rng.choice([1, 2])
                    if kind == "credential" and rng.random() < 0.4
                    else None,
                    "eligible": bool(rng.random() < 0.2),
                    "within_months": 12 if rng.random() < 0.1 else None,
                    "years": float(rng.integers(0, 7)) if kind == "experience" else np.nan,
                }
            )
    columns = [
        "posting_id",
        "kind",
        "item_id",
        "level",
        "grp",
        "eligible",
        "within_months",
        "years",
    ]
    reqs = pd.DataFrame(rows, columns=columns).astype({"grp": "Int64", "within_months": "Int64"})
    # The loader drops requirement rows of duplicates, irrelevant and unextracted postings.
    kept = postings.loc[postings["relevant"] & ~postings["duplicate"] & postings["extracted"]]
    return postings, reqs.loc[reqs["posting_id"].isin(kept["posting_id"])]


@settings(max_examples=25, deadline=None)
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
