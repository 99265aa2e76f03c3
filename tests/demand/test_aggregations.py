"""Every aggregation on the hand-worked fixture (see conftest.py), as exact tables."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from pipelines.demand import (
    alternative_combinations,
    cooccurrence,
    credential_demand,
    demand_by_employer,
    demand_by_state,
    demand_by_title,
    education_distribution,
    experience_distribution,
    monthly_credential_shares,
    pay_by_credential,
    pay_summary,
    postings_by_source,
    sample_summary,
    skill_category_demand,
    skill_demand,
    weekly_trend,
)

T = 1 / 3


def table(text: str, **dtypes: str) -> pd.DataFrame:
    """Inline CSV; '1/3' style shares are written out as floats by the caller."""
    return pd.read_csv(
        io.StringIO(text.strip()),
        skipinitialspace=True,
        dtype=dtypes or None,
        keep_default_na=False,
        na_values=["NA"],
    )


def assert_table(actual: pd.DataFrame, expected: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(
        actual.reset_index(drop=True), expected, check_dtype=False, check_exact=False, rtol=1e-9
    )
    for column in expected.columns:
        if pd.api.types.is_integer_dtype(expected[column]):
            assert pd.api.types.is_integer_dtype(actual[column]), f"{column} should be counts"


def test_credential_demand(frames):
    _, sample, reqs = frames
    expected = table("""
        id,   postings, required, preferred, eligible, after_hire, denominator
        RHIT, 2,        1,        1,         1,        0,          3
        CCS,  1,        1,        0,         0,        1,          3
        CPC,  1,        0,        1,         0,        0,          3
        RHIA, 1,        1,        0,         0,        0,          3
    """).assign(
        share=[2 * T, T, T, T],
        required_share=[T, T, 0, T],
        preferred_share=[T, 0, T, 0],
        eligible_share=[T, 0, 0, 0],
        after_hire_share=[0, T, 0, 0],
    )
    assert_table(credential_demand(sample, reqs), expected)


def test_alternative_combinations(frames):
    _, sample, reqs = frames
    expected = table("""
        combination,  postings, denominator
        RHIA or RHIT, 1,        3
    """).assign(share=[T])
    assert_table(alternative_combinations(sample, reqs), expected)


def test_skill_demand_counts_a_posting_once_at_its_strongest_level(frames):
    _, sample, reqs = frames
    categories = {"icd-10-cm": "coding system", "cpt": "coding system", "epic": "EHR"}
    expected = table("""
        id,        category,      postings, required, preferred, denominator
        icd-10-cm, coding system, 2,        2,        0,         3
        cpt,       coding system, 1,        0,        1,         3
        epic,      EHR,           1,        0,        1,         3
        hipaa,     other,         1,        1,        0,         3
    """).assign(
        share=[2 * T, T, T, T], required_share=[2 * T, 0, 0, T], preferred_share=[0, T, T, 0]
    )
    assert_table(skill_demand(sample, reqs, categories), expected)


def test_education_distribution_lowest_level_first(frames):
    _, sample, reqs = frames
    expected = table("""
        education,   postings, required, preferred, alternative, denominator
        high-school, 1,        1,        0,         0,           3
        associate,   2,        1,        1,         0,           3
    """).assign(
        share=[T, 2 * T],
        required_share=[T, T],
        preferred_share=[0, T],
        alternative_share=[0.0, 0.0],
    )
    assert_table(education_distribution(sample, reqs), expected)


def test_experience_distribution_uses_smallest_required_years(frames):
    _, sample, reqs = frames
    expected = table("""
        experience,      postings, denominator
        none stated,     0,        3
        under 1 year,    1,        3
        1 to 2 years,    1,        3
        2 to 3 years,    1,        3
        3 to 5 years,    0,        3
        5 years or more, 0,        3
    """).assign(share=[0, T, T, T, 0, 0])
    assert_table(experience_distribution(sample, reqs), expected)


def test_demand_by_state_keeps_postings_without_state(frames):
    _, sample, _ = frames
    expected = table("""
        state, postings, remote, denominator, share
        OK,    2,        0,      4,           0.5
        TX,    1,        0,      4,           0.25
        NA,    1,        1,      4,           0.25
    """)
    assert_table(demand_by_state(sample), expected)


def test_demand_by_employer(frames):
    _, sample, _ = frames
    expected = table("""
        company,     postings, states, denominator, share
        Acme Health, 2,        1,      4,           0.5
        Beta Clinic, 1,        1,      4,           0.25
        NA,          1,        0,      4,           0.25
    """)
    assert_table(demand_by_employer(sample), expected)


def test_pay_summary_prefers_posted_pay_and_keeps_periods_apart(frames):
    _, sample, _ = frames
    expected = table("""
        period, postings, from_text, denominator, share, minimum, p25,     median,  p75,     maximum
        hour,   2,        0,         4,           0.5,   18.0,    20.0,    20.0,    20.0,    22.0
        year,   1,        1,         4,           0.25,  45000.0, 50000.0, 50000.0, 50000.0, 55000.0
    """)
    assert_table(pay_summary(sample), expected)


def test_pay_by_credential(frames):
    _, sample, reqs = frames
    expected = table("""
        id,   period, postings, from_text, denominator, share, median
        RHIA, hour,   1,        0,         1,           1.0,   20.0
        RHIT, hour,   1,        0,         2,           0.5,   20.0
        CCS,  year,   1,        1,         1,           1.0,   50000.0
        CPC,  year,   1,        1,           1,           1.0,   50000.0
    """)
    assert_table(pay_by_credential(sample, reqs), expected)


def test_weekly_trend_new_active_closed(frames):
    _, sample, _ = frames
    expected = table("""
        week,       new, active, closed
        2026-03-02, 2,   2,      0
        2026-03-09, 1,   3,      0
        2026-03-16, 0,   3,      1
        2026-03-23, 0,   2,      0
        2026-03-30, 1,   3,      0
        2026-04-06, 0,   1,      0
    """).assign(week=lambda d: pd.to_datetime(d["week"]))
    assert_table(weekly_trend(sample), expected)


def test_monthly_credential_shares(frames):
    _, sample, reqs = frames
    expected = table("""
        month,      id,   postings, denominator
        2026-03-01, RHIT, 2,        3
        2026-03-01, CCS,  1,        3
        2026-03-01, CPC,  1,        3
        2026-03-01, RHIA, 1,        3
    """).assign(month=lambda d: pd.to_datetime(d["month"]), share=[2 * T, T, T, T])
    assert_table(monthly_credential_shares(sample, reqs), expected)


def test_cooccurrence_pairs_and_conditional_shares(frames):
    _, sample, reqs = frames
    pairs = cooccurrence(sample, reqs)
    rhit = pairs.query("item_a == 'RHIT'")
    expected = table("""
        item_a, kind_a,     item_b,    kind_b,     postings, denominator, share_of_a
        RHIT,   credential, RHIA,      credential, 1,        3,           0.5
        RHIT,   credential, epic,      skill,      1,        3,           0.5
        RHIT,   credential, hipaa,     skill,      1,        3,           0.5
        RHIT,   credential, icd-10-cm, skill,      1,        3,           0.5
    """).assign(share=T)[
        ["item_a", "kind_a", "item_b", "kind_b", "postings", "denominator", "share", "share_of_a"]
    ]
    assert_table(rhit, expected)
    # Symmetric counts, 8 items over 3 postings: 6 + 6 + 1 unordered pairs, listed both ways.
    assert len(pairs) == 2 * 13
    both_ways = pairs.merge(pairs, left_on=["item_a", "item_b"], right_on=["item_b", "item_a"])
    assert (both_ways["postings_x"] == both_ways["postings_y"]).all()


def test_cooccurrence_keeps_only_the_top_items(frames):
    _, sample, reqs = frames
    pairs = cooccurrence(sample, reqs, top=2)  # RHIT and icd-10-cm, asked by 2 postings each
    assert set(pairs["item_a"]) == {"RHIT", "icd-10-cm"}
    assert pairs["postings"].tolist() == [1, 1]


def test_sample_summary_counts_what_was_removed(frames):
    postings, _, _ = frames
    expected = table("""
        postings, extracted, first_seen, last_seen,  sources, duplicates_removed, not_relevant, collected
        4,        3,         2026-03-02, 2026-04-06, 3,       1,                  1,            6
    """)
    assert_table(sample_summary(postings), expected)


def test_postings_by_source(frames):
    postings, _, _ = frames
    expected = table("""
        source,     collected, duplicates_removed, postings
        greenhouse, 2,         0,                  2
        lever,      3,         1,                  1
        usajobs,    1,         0,                  1
    """)
    assert_table(postings_by_source(postings), expected)


def test_a_function_names_the_missing_column(frames):
    _, sample, reqs = frames
    with pytest.raises(KeyError, match="requirements is missing column.*level"):
        credential_demand(sample, reqs.drop(columns=["level"]))
    with pytest.raises(KeyError, match="postings is missing column.*state"):
        demand_by_state(sample.drop(columns=["state"]))


def test_demand_by_title_folds_case_and_spacing():
    sample = pd.DataFrame(
        {
            "posting_id": [1, 2, 3, 4],
            "title": ["Medical Coder", "medical  coder", "Medical Coder", "HIM Specialist"],
        }
    )
    expected = table("""
        title,          postings, denominator, share
        Medical Coder,  3,        4,           0.75
        HIM Specialist, 1,        4,           0.25
    """)
    assert_table(demand_by_title(sample), expected)


def test_skill_category_demand_counts_a_posting_once_per_category(frames):
    _, sample, reqs = frames
    categories = {"icd-10-cm": "coding system", "cpt": "coding system", "epic": "EHR"}
    expected = table("""
        category,      postings, required, denominator
        coding system, 2,        2,        3
        EHR,           1,        0,        3
        other,         1,        1,        3
    """).assign(share=[2 * T, T, T], required_share=[2 * T, 0, T])
    assert_table(skill_category_demand(sample, reqs, categories), expected)
