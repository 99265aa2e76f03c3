"""Random stores as frames: postings (some duplicates, irrelevant, unextracted) and requirements."""

from __future__ import annotations

import numpy as np
import pandas as pd

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
            "remote": pd.array(rng.choice([True, False, None], n), dtype="boolean"),
            "role": pd.Categorical(rng.choice(["records", "coding"], n)),
            "relevant": rng.random(n) < 0.9,
            "duplicate": rng.random(n) < 0.15,
            "extracted": rng.random(n) < 0.85,
            "salary_min": np.where(period == None, np.nan, low),  # noqa: E711
            "salary_max": np.where(period == None, np.nan, low * 1.2),  # noqa: E711
            "salary_period": pd.Categorical(period),
            "pay_source": pd.Categorical(
                np.where(period == None, None, rng.choice(["posted", "text"], n))  # noqa: E711
            ),
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
