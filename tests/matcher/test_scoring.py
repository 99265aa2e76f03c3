"""Exact market fit, qualified postings, gaps and strengths on the hand-built market.

Weights (config/scoring.yaml): credentials 40, skills 30, experience 15, education 15;
required ask 1.0, preferred 0.5; eligible / in-progress credit 0.5. The asked totals of
the eight postings (see fixture_market.py), by component:
  credentials: P2 pref 0.5 + P3..P7 one required group each        = 5.5
  skills:      2.5 + 2 + 1.5 + 2.5 + 3 + 0.5 + 2 + 1.5               = 15.5
  experience:  P2, P4, P5, P6 (1 each) + P8's alternative group / 2 = 4.5
  education:   P1 1 + P3 1 + P6 1.5 + P7 1 + P8 0.5                  = 5.0
"""

from __future__ import annotations

import pytest

from matcher.build import profile_from_mapping
from matcher.market import MarketFilter
from matcher.match import evaluate_profile

ENTRY_CLERK = {
    "skills": ["data-entry", "customer-service", "medical-terminology", "ms-office"],
    "education": "high-school",
    "years_experience": 0.5,
}
CPC_CODER = {
    "credentials": ["CPC"],
    "skills": ["cpt", "icd-10-cm", "hcpcs", "em"],
    "years_experience": 3,
    "education": "certificate",
}
RHIA_MANAGER = {
    "credentials": ["RHIA"],
    "skills": ["epic", "release-of-information", "hipaa", "icd-10-cm"],
    "years_experience": 8,
    "education": "bachelor",
}
CTR_REGISTRAR = {
    "credentials": {"CTR": "eligible"},
    "skills": ["icd-o-3", "cancer-registry", "icd-10-cm"],
    "years_experience": 1,
    "education": "associate",
}


def run(market_store, vocab, scoring, profile, **filters):
    store, _ids = market_store
    return evaluate_profile(
        profile_from_mapping(profile, vocab), store, vocab, scoring, MarketFilter(**filters)
    )


def keys(result):
    return sorted(p["source_id"] for p in result.qualified_postings)


def gap_keys(result, n):
    return [(g["kind"], g["id"], g["qualify_gain"], g["required_share"]) for g in result.gaps[:n]]


def test_entry_clerk(market_store, vocab, scoring):
    result = run(market_store, vocab, scoring, ENTRY_CLERK)
    # skills: P1 data-entry + customer-service, P8 medical-terminology = 3 of 15.5
    # education: P1 high-school = 1 of 5; no credential, no experience threshold met.
    assert result.breakdown == {
        "credentials": 0.0,
        "skills": round(30 * 3 / 15.5, 1),
        "experience": 0.0,
        "education": round(15 * 1 / 5, 1),
    }
    assert result.score == 8.8
    assert result.postings_considered == 8
    assert keys(result) == ["P1"]
    assert result.qualified_share == 0.125
    # Any one of the federal paths (1 year, associate, certificate) unlocks P8.
    assert gap_keys(result, 8) == [
        ("education", "associate", 0.125, 0.375),
        ("experience", "1", 0.125, 0.25),
        ("education", "bachelor", 0.125, 0.125),
        ("education", "certificate", 0.125, 0.125),
        ("experience", "2", 0.125, 0.125),
        ("experience", "3", 0.125, 0.125),
        ("experience", "5", 0.125, 0.125),
        ("education", "master", 0.125, 0.0),
    ]
    assert all(g["qualify_gain"] == 0 for g in result.gaps[8:])
    assert [(s["kind"], s["id"], s["demand_share"]) for s in result.strengths] == [
        ("skill", "customer-service", 0.125),
        ("skill", "data-entry", 0.125),
        ("skill", "medical-terminology", 0.125),
        ("education", "high-school", 0.125),
    ]


def test_cpc_outpatient_coder(market_store, vocab, scoring):
    result = run(market_store, vocab, scoring, CPC_CODER)
    # credentials: P4's CPC/CCS/COC group = 1 of 5.5
    # skills: P3 icd pref .5, P4 cpt + icd + em pref .5, P5 icd = 4 of 15.5
    # experience: 3 years meets P2, P4, P5 and P8's alternative (.5) = 3.5 of 4.5
    # education: certificate meets P1 high-school and P8's alternative (.5) = 1.5 of 5
    assert result.breakdown == {
        "credentials": 7.3,
        "skills": 7.7,
        "experience": 11.7,
        "education": 4.5,
    }
    assert result.score == 31.2
    assert keys(result) == ["P4"]
    # Then by the share of postings where the item would fill a requirement still unmet:
    # associate (P3, P7; P8's alternative is met by experience) and RHIA (P3, P6) before
    # CCS, which P4 names too but in a CPC/CCS/COC group the CPC already meets.
    assert gap_keys(result, 4) == [
        ("skill", "medical-terminology", 0.125, 0.125),
        ("education", "associate", 0.0, 0.375),
        ("credential", "RHIA", 0.0, 0.25),
        ("credential", "CCS", 0.0, 0.25),
    ]
    missing = {g["id"]: g["missing_share"] for g in result.gaps}
    assert missing["associate"] == 0.25 and missing["RHIA"] == 0.25 and missing["CCS"] == 0.125
    assert missing["COC"] == 0.0
    ccs = next(g for g in result.gaps if g["id"] == "CCS")
    assert "AHIMA" in ccs["next_step"]


def test_rhia_manager_meets_rhit_through_equivalence(market_store, vocab, scoring):
    result = run(market_store, vocab, scoring, RHIA_MANAGER)
    # credentials: P2 RHIT preferred met as implied (.5) + P3 group + P6 RHIA = 2.5 of 5.5
    # skills: P1 epic pref .5, P2 2, P3 epic + icd pref 1.5, P4 icd 1, P5 icd 1, P6 epic .5 = 6.5
    # experience: all 4.5; education: P1, P3, P6 bachelor (master pref not), P7, P8 .5 = 4.5
    assert result.breakdown == {
        "credentials": 18.2,
        "skills": 12.6,
        "experience": 15.0,
        "education": 13.5,
    }
    assert result.score == 59.3
    assert keys(result) == ["P2", "P3", "P6"]
    assert result.qualified_share == 0.375
    rhit = next(s for s in result.strengths if s["id"] == "RHIT")
    assert rhit == {
        "kind": "credential",
        "id": "RHIT",
        "name": rhit["name"],
        "demand_share": 0.25,
        "required_share": 0.125,
        "implied_by": "RHIA",
    }
    rhia = next(s for s in result.strengths if s["id"] == "RHIA")
    assert rhia["implied_by"] is None and rhia["demand_share"] == 0.25
    assert gap_keys(result, 1) == [("skill", "medical-terminology", 0.125, 0.125)]
    assert all(g["id"] not in ("RHIT", "RHIA") for g in result.gaps)


def test_ctr_registrar_eligible_partial_credit(market_store, vocab, scoring):
    result = run(market_store, vocab, scoring, CTR_REGISTRAR)
    # credentials: P7 "CTR eligible" met by eligible status at half credit = .5 of 5.5
    assert result.breakdown == {
        "credentials": 3.6,
        "skills": 8.7,
        "experience": 5.0,
        "education": 10.5,
    }
    assert result.score == 27.8
    assert keys(result) == ["P7"]  # eligibility is accepted: qualified
    ctr = next(g for g in result.gaps if g["id"] == "CTR")
    assert (
        ctr["status"] == "eligible"
        and ctr["qualify_gain"] == 0.0
        and ctr["required_share"] == 0.125
    )
    assert result.next_steps[0]["id"] == "CTR"
    assert "Sit the CTR exam: 1 of 8 postings" in result.next_steps[0]["text"]


def test_breakdown_adds_up_to_score(market_store, vocab, scoring):
    for profile in (ENTRY_CLERK, CPC_CODER, RHIA_MANAGER, CTR_REGISTRAR):
        result = run(market_store, vocab, scoring, profile)
        assert round(sum(result.breakdown.values()), 1) == result.score
        assert 0 <= result.score <= 100


@pytest.mark.parametrize(
    "profile, qualified",
    [
        # either-of: any member of P4's CPC/CCS/COC group
        ({"credentials": ["COC"], "skills": ["cpt", "icd-10-cm"], "years_experience": 2}, ["P4"]),
        ({"credentials": ["CCS"], "skills": ["cpt", "icd-10-cm"], "years_experience": 2}, ["P4"]),
        ({"credentials": ["CCS-P"], "skills": ["cpt", "icd-10-cm"], "years_experience": 2}, []),
        # "RHIT or RHIT eligible": eligible status is enough; "in progress" is not
        (
            {"credentials": {"RHIT": "eligible"}, "skills": ["epic"], "education": "associate"},
            ["P3"],
        ),
        (
            {"credentials": {"RHIT": "in progress"}, "skills": ["epic"], "education": "associate"},
            [],
        ),
        # "obtain CCS within 12 months": met while studying for it, not without it
        (
            {
                "credentials": {"CCS": "in progress"},
                "skills": ["icd-10-cm", "icd-10-pcs", "drg"],
                "years_experience": 3,
            },
            ["P5"],
        ),
        ({"skills": ["icd-10-cm", "icd-10-pcs", "drg"], "years_experience": 3}, []),
        # federal alternatives: any one path
        ({"skills": ["medical-terminology"], "years_experience": 1}, ["P8"]),
        ({"skills": ["medical-terminology"], "education": "associate"}, ["P8"]),
        ({"skills": ["medical-terminology"], "education": "certificate"}, ["P8"]),
        ({"skills": ["medical-terminology"], "education": "high-school"}, []),
    ],
)
def test_group_logic(market_store, vocab, scoring, profile, qualified):
    assert keys(run(market_store, vocab, scoring, profile)) == qualified


def test_partial_credit_scores_half(market_store, vocab, scoring):
    held = run(market_store, vocab, scoring, {"credentials": ["RHIT"]})
    eligible = run(market_store, vocab, scoring, {"credentials": {"RHIT": "eligible"}})
    # RHIT held: P2 pref .5 + P3 group 1 = 1.5 of 5.5; eligible: P3 only, at half = .5
    assert held.breakdown["credentials"] == round(40 * 1.5 / 5.5, 1)
    assert eligible.breakdown["credentials"] == round(40 * 0.5 / 5.5, 1)
    rhit = next(g for g in eligible.gaps if g["id"] == "RHIT")
    assert rhit["status"] == "eligible"


def test_filters_narrow_the_market(market_store, vocab, scoring):
    tx = run(market_store, vocab, scoring, RHIA_MANAGER, state="TX")
    assert tx.postings_considered == 4  # P1, P2, P4, P6
    assert keys(tx) == ["P2", "P6"] and tx.qualified_share == 0.5
    assert tx.market == "postings in TX"
    remote = run(market_store, vocab, scoring, RHIA_MANAGER, remote=True)
    assert remote.postings_considered == 1 and keys(remote) == ["P2"]
    from datetime import date

    recent = run(market_store, vocab, scoring, RHIA_MANAGER, since=date(2026, 10, 15))
    assert recent.postings_considered == 4  # P1..P4
    assert keys(recent) == ["P2", "P3"]
    nothing = run(market_store, vocab, scoring, RHIA_MANAGER, state="AK")
    assert nothing.postings_considered == 0 and nothing.qualified_postings == []


def test_one_posting(market_store, vocab, scoring):
    store, ids = market_store
    profile = profile_from_mapping(RHIA_MANAGER, vocab)
    by_id = evaluate_profile(profile, store, vocab, scoring, posting=str(ids["P6"]))
    by_source = evaluate_profile(profile, store, vocab, scoring, posting="fixture:P6")
    assert {**by_id.to_json(), "filters": None} == {**by_source.to_json(), "filters": None}
    assert by_id.postings_considered == 1 and by_id.qualified_share == 1.0
    assert [p["source_id"] for p in by_id.qualified_postings] == ["P6"]
    # RHIA 1 + bachelor 1 (+ master pref 0) + 5 years 1 + epic pref .5 of the same asks
    assert by_id.breakdown == {
        "credentials": 40.0,
        "skills": 30.0,
        "experience": 15.0,
        "education": 10.0,
    }


def test_within_months_partial_gives_an_action_item(market_store, vocab, scoring):
    profile = {
        "credentials": {"CCS": "in progress"},
        "skills": ["icd-10-cm", "icd-10-pcs", "drg"],
        "years_experience": 3,
    }
    result = run(market_store, vocab, scoring, profile)
    assert keys(result) == ["P5"]
    # P5's "CCS within 12 months" at half credit: .5 of 5.5 credential asks
    assert result.breakdown["credentials"] == round(40 * 0.5 / 5.5, 1)
    assert result.next_steps[0]["id"] == "CCS"
    assert result.next_steps[0]["text"].startswith("Obtain CCS: 1 of 8 postings")
    ccs = next(g for g in result.gaps if g["id"] == "CCS")
    # holding it would also meet P4's CPC/CCS/COC group, but P4 needs CPT too
    assert (
        ccs["status"] == "in progress"
        and ccs["qualify_gain"] == 0.0
        and ccs["missing_share"] == 0.25
    )
