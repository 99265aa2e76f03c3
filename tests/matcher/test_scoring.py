"""Exact market fit, qualified postings, gaps and strengths on the hand-built market.

Qualified = every required credential, education and experience group met (skills do not
gate; config/scoring.yaml `gate`). By hand, per posting of fixture_market.py, the gate:
  P1 high school; P2 1 year; P3 RHIT (or eligible) or RHIA, and an associate degree;
  P4 CPC, CCS or COC, and 2 years; P5 3 years (its CCS "within 12 months" is after hire);
  P6 RHIA, a bachelor's and 5 years; P7 CTR (or eligible) and an associate degree;
  P8 1 year, or an associate degree, or a certificate.
Required skills (coverage; strong match at 80%): P1 data entry, customer service; P2 ROI,
HIPAA; P3 Epic; P4 CPT, ICD-10-CM; P5 ICD-10-CM, ICD-10-PCS, DRG; P6 none; P7 ICD-O-3,
cancer registry; P8 medical terminology.

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
from matcher.match import evaluate_profile
from matcher.signatures import MarketFilter

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


def run(market_store, terms, scoring, profile, **filters):
    store, _ids = market_store
    return evaluate_profile(
        profile_from_mapping(profile, terms), store, terms, scoring, MarketFilter(**filters)
    )


def keys(result):
    return sorted(p["source_id"] for p in result.qualified_postings)


def gap_keys(result, n):
    return [(g["kind"], g["id"], g["qualify_gain"], g["required_share"]) for g in result.gaps[:n]]


def test_entry_clerk(market_store, terms, scoring):
    result = run(market_store, terms, scoring, ENTRY_CLERK)
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
    assert result.strong_count == 1  # P1: data entry and customer service, 2 of 2
    # 3 years opens P2, P5 (CCS after hire) and P8; 1 year P2 and P8 (P8 also by any one
    # of its education paths, the smallest step first); P8 alone becomes a strong match
    # (medical terminology).
    assert gap_keys(result, 8) == [
        ("experience", "3", 0.375, 0.125),
        ("experience", "5", 0.375, 0.125),
        ("experience", "1", 0.25, 0.25),
        ("experience", "2", 0.25, 0.125),
        ("education", "certificate", 0.125, 0.125),
        ("education", "associate", 0.125, 0.375),
        ("education", "bachelor", 0.125, 0.125),
        ("education", "master", 0.125, 0.0),
    ]
    assert [g["strong_gain"] for g in result.gaps[:8]] == [0.125] * 8
    assert all(g["qualify_gain"] == 0 for g in result.gaps[8:])
    assert [(s["kind"], s["id"], s["demand_share"]) for s in result.strengths] == [
        ("skill", "customer-service", 0.125),
        ("skill", "data-entry", 0.125),
        ("skill", "medical-terminology", 0.125),
        ("education", "high-school", 0.125),
    ]


def test_cpc_outpatient_coder(market_store, terms, scoring):
    result = run(market_store, terms, scoring, CPC_CODER)
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
    # P1 (a certificate is above high school), P2 and P8 (3 years), P4 (CPC, 2 years),
    # P5 (3 years; CCS after hire). Only P4 is a strong match (CPT and ICD-10-CM).
    assert keys(result) == ["P1", "P2", "P4", "P5", "P8"]
    assert result.strong_count == 1 and result.strong_postings[0]["source_id"] == "P4"
    # Nothing alone opens another posting (P3 and P7 need a credential and an associate,
    # P6 three things); medical terminology makes P8 strong. Then by the share of
    # postings where the item would fill a requirement still unmet: associate (P3, P7;
    # P8's alternative is met by experience) and RHIA (P3, P6) before CCS, which P4 names
    # too but in a CPC/CCS/COC group the CPC already meets.
    assert result.gaps[0]["strong_gain"] == 0.125
    assert gap_keys(result, 4) == [
        ("skill", "medical-terminology", 0.0, 0.125),
        ("education", "associate", 0.0, 0.375),
        ("credential", "RHIA", 0.0, 0.25),
        ("credential", "CCS", 0.0, 0.25),
    ]
    missing = {g["id"]: g["missing_share"] for g in result.gaps}
    assert missing["associate"] == 0.25 and missing["RHIA"] == 0.25 and missing["CCS"] == 0.125
    assert missing["COC"] == 0.0
    ccs = next(g for g in result.gaps if g["id"] == "CCS")
    assert "AHIMA" in ccs["next_step"]


def test_rhia_manager_meets_rhit_through_equivalence(market_store, terms, scoring):
    result = run(market_store, terms, scoring, RHIA_MANAGER)
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
    assert keys(result) == ["P1", "P2", "P3", "P5", "P6", "P8"]
    assert result.qualified_share == 0.75
    # P2 (ROI, HIPAA), P3 (Epic), P6 (no skill asked) are strong; P1, P5, P8 are not
    assert result.strong_share == 0.375
    # strong first, then by skill coverage (P5 1 of 3, P1 and P8 none), then newest (P2 and
    # P3 share a day: the later-stored first)
    assert [p["source_id"] for p in result.qualified_postings] == [
        "P3", "P2", "P6", "P5", "P1", "P8"
    ]  # fmt: skip
    assert [p["skill_coverage"] for p in result.qualified_postings] == [
        1.0, 1.0, 1.0, 0.3333, 0.0, 0.0
    ]  # fmt: skip
    rhit = next(s for s in result.strengths if s["id"] == "RHIT")
    assert rhit == {
        "kind": "credential",
        "id": "RHIT",
        "name": rhit["name"],
        "demand_share": 0.25,
        "required_share": 0.125,
        "implied_by": "RHIA",
        "implied_by_name": "Registered Health Information Administrator",
    }
    rhia = next(s for s in result.strengths if s["id"] == "RHIA")
    assert rhia["implied_by"] is None and rhia["demand_share"] == 0.25
    # CCS, COC, CPC open P4 and CTR opens P7; CCS also names P5's after-hire group
    assert gap_keys(result, 4) == [
        ("credential", "CCS", 0.125, 0.25),
        ("credential", "COC", 0.125, 0.125),
        ("credential", "CPC", 0.125, 0.125),
        ("credential", "CTR", 0.125, 0.125),
    ]
    assert all(g["id"] not in ("RHIT", "RHIA") for g in result.gaps)


def test_ctr_registrar_eligible_partial_credit(market_store, terms, scoring):
    result = run(market_store, terms, scoring, CTR_REGISTRAR)
    # credentials: P7 "CTR eligible" met by eligible status at half credit = .5 of 5.5
    assert result.breakdown == {
        "credentials": 3.6,
        "skills": 8.7,
        "experience": 5.0,
        "education": 10.5,
    }
    assert result.score == 27.8
    # P7: eligibility is accepted; P1 (associate), P2 and P8 (1 year)
    assert keys(result) == ["P1", "P2", "P7", "P8"]
    ctr = next(g for g in result.gaps if g["id"] == "CTR")
    assert (
        ctr["status"] == "eligible"
        and ctr["qualify_gain"] == 0.0
        and ctr["required_share"] == 0.125
    )
    assert result.next_steps[0]["id"] == "CTR"
    assert "Sit the CTR exam: 1 of 8 postings" in result.next_steps[0]["text"]


def test_breakdown_adds_up_to_score(market_store, terms, scoring):
    for profile in (ENTRY_CLERK, CPC_CODER, RHIA_MANAGER, CTR_REGISTRAR):
        result = run(market_store, terms, scoring, profile)
        assert round(sum(result.breakdown.values()), 1) == result.score
        assert 0 <= result.score <= 100


@pytest.mark.parametrize(
    "profile, posting, qualified",
    [
        # either-of: any member of P4's CPC/CCS/COC group, with P4's 2 years
        ({"credentials": ["COC"], "years_experience": 2}, "P4", True),
        ({"credentials": ["CCS"], "years_experience": 2}, "P4", True),
        ({"credentials": ["CCS-P"], "years_experience": 2}, "P4", False),
        ({"credentials": ["CPC"], "years_experience": 1}, "P4", False),
        # skills never gate: CPT and ICD-10-CM are coverage
        ({"credentials": ["CPC"], "skills": ["cpt", "icd-10-cm"], "years_experience": 2}, "P4", True),
        # "RHIT or RHIT eligible": eligible status is enough; "in progress" is not
        ({"credentials": {"RHIT": "eligible"}, "education": "associate"}, "P3", True),
        ({"credentials": {"RHIT": "in progress"}, "education": "associate"}, "P3", False),
        ({"credentials": ["RHIA"], "education": "associate"}, "P3", True),
        ({"credentials": ["RHIT"]}, "P3", False),  # no associate degree
        # "CCS within 12 months of hire": not needed to be hired; the 3 years are
        ({"credentials": {"CCS": "in progress"}, "years_experience": 3}, "P5", True),
        ({"years_experience": 3}, "P5", True),
        ({"credentials": ["CCS"], "years_experience": 2}, "P5", False),
        # federal alternatives: any one path
        ({"years_experience": 1}, "P8", True),
        ({"education": "associate"}, "P8", True),
        ({"education": "certificate"}, "P8", True),
        ({"education": "high-school", "years_experience": 0.5}, "P8", False),
    ],
)  # fmt: skip
def test_group_logic(market_store, terms, scoring, profile, posting, qualified):
    assert (posting in keys(run(market_store, terms, scoring, profile))) is qualified


def test_partial_credit_scores_half(market_store, terms, scoring):
    held = run(market_store, terms, scoring, {"credentials": ["RHIT"]})
    eligible = run(market_store, terms, scoring, {"credentials": {"RHIT": "eligible"}})
    # RHIT held: P2 pref .5 + P3 group 1 = 1.5 of 5.5; eligible: P3 only, at half = .5
    assert held.breakdown["credentials"] == round(40 * 1.5 / 5.5, 1)
    assert eligible.breakdown["credentials"] == round(40 * 0.5 / 5.5, 1)
    rhit = next(g for g in eligible.gaps if g["id"] == "RHIT")
    assert rhit["status"] == "eligible"


def test_filters_narrow_the_market(market_store, terms, scoring):
    tx = run(market_store, terms, scoring, RHIA_MANAGER, state="TX")
    assert tx.postings_considered == 4  # P1, P2, P4, P6
    assert keys(tx) == ["P1", "P2", "P6"] and tx.qualified_share == 0.75
    assert tx.market == "postings in TX"
    remote = run(market_store, terms, scoring, RHIA_MANAGER, remote=True)
    assert remote.postings_considered == 1 and keys(remote) == ["P2"]
    from datetime import date

    recent = run(market_store, terms, scoring, RHIA_MANAGER, since=date(2026, 10, 15))
    assert recent.postings_considered == 4  # P1..P4
    assert keys(recent) == ["P1", "P2", "P3"]
    nothing = run(market_store, terms, scoring, RHIA_MANAGER, state="AK")
    assert nothing.postings_considered == 0 and nothing.qualified_postings == []


def test_one_posting(market_store, terms, scoring):
    store, ids = market_store
    profile = profile_from_mapping(RHIA_MANAGER, terms)
    by_id = evaluate_profile(profile, store, terms, scoring, posting=str(ids["P6"]))
    by_source = evaluate_profile(profile, store, terms, scoring, posting="fixture:P6")
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


def test_within_months_partial_gives_an_action_item(market_store, terms, scoring):
    profile = {
        "credentials": {"CCS": "in progress"},
        "skills": ["icd-10-cm", "icd-10-pcs", "drg"],
        "years_experience": 3,
    }
    result = run(market_store, terms, scoring, profile)
    # P2 and P8 (3 years), P5 (3 years; CCS within 12 months); P4's group has no deadline
    assert keys(result) == ["P2", "P5", "P8"]
    # P5's "CCS within 12 months" at half credit: .5 of 5.5 credential asks
    assert result.breakdown["credentials"] == round(40 * 0.5 / 5.5, 1)
    assert result.next_steps[0]["id"] == "CCS"
    assert result.next_steps[0]["text"].startswith("Finish CCS: 1 of 8 postings")
    ccs = next(g for g in result.gaps if g["id"] == "CCS")
    # holding it meets P4's CPC/CCS/COC group: P4 (2 years) opens
    assert (
        ccs["status"] == "in progress"
        and ccs["qualify_gain"] == 0.125
        and ccs["missing_share"] == 0.25
    )
