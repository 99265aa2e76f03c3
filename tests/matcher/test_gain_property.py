"""qualify_gain and strong_gain must equal a brute-force re-evaluation, posting by posting;
adding a credential never lowers what a candidate qualifies for; what a held credential or
skill implies is never a gap.

``assess`` only re-evaluates the signatures an addition can touch; this checks that
shortcut against evaluating every posting with and without the added item.
"""

from __future__ import annotations

from fixture_market import MARKET
from hypothesis import given, settings
from hypothesis import strategies as st
from verdict_market import VERDICT_MARKET

from matcher.needs import build_needs
from matcher.profile import EDUCATION_LEVELS, Profile
from matcher.score import Candidate, _with, assess

NEEDS = [build_needs(p.reqs) for p in (*MARKET, *VERDICT_MARKET)]
# Duplicate a few signatures so counts above one are exercised.
WEIGHTED = [(n, 1 + i % 3) for i, n in enumerate(NEEDS)]
CREDS = ["RHIT", "RHIA", "CCS", "CCA", "CPC", "CPC-A", "COC", "CTR", "CCS-P", "CRC", "RN"]
SKILLS = sorted(
    {r.item_id for p in (*MARKET, *VERDICT_MARKET) for r in p.reqs if r.kind == "skill"}
    | {"cerner", "meditech"}
)

profiles = st.builds(
    Profile,
    credentials=st.dictionaries(
        st.sampled_from(CREDS), st.sampled_from(["held", "eligible", "in progress"]), max_size=3
    ),
    skills=st.frozensets(st.sampled_from(SKILLS), max_size=8),
    years_experience=st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0, 6.0]),
    education=st.sampled_from([None, *EDUCATION_LEVELS]),
)


@settings(max_examples=150, deadline=None)
@given(profile=profiles)
def test_qualify_gain_matches_brute_force(profile, terms, scoring):
    result = assess(profile, WEIGHTED, terms, scoring)
    total = sum(c for _, c in WEIGHTED)
    base = Candidate(profile, terms, scoring)
    for gap in result.gaps:
        improved = Candidate(_with(profile, (gap.kind, gap.id)), terms, scoring)
        newly = sum(c for n, c in WEIGHTED if improved.qualifies(n) and not base.qualifies(n))
        assert gap.qualify_postings == newly, (gap, profile)
        assert gap.qualify_gain == round(newly / total, 4)
        strong = sum(c for n, c in WEIGHTED if improved.strong(n) and not base.strong(n))
        assert gap.strong_postings == strong, (gap, profile)
    listed = {(g.kind, g.id) for g in result.gaps}
    everything = (
        [("credential", c) for c in terms.known("credential")]
        + [("skill", s) for s in terms.known("skill")]
        + [("education", lv) for lv in EDUCATION_LEVELS]
        + [("experience", y) for y in ("0.5", "1", "2", "3", "4", "5", "10")]
    )
    for addition in everything:
        improved = Candidate(_with(profile, addition), terms, scoring)
        if any(improved.qualifies(n) and not base.qualifies(n) for n, _ in WEIGHTED):
            # experience steps are listed at the market's own thresholds (1, 2, 3, 5)
            if addition[0] == "experience":
                assert any(k == "experience" and float(i) <= float(addition[1]) for k, i in listed)
            else:
                assert addition in listed, (addition, profile)
    assert result.qualified == sum(c for n, c in WEIGHTED if base.qualifies(n))
    assert result.strong == sum(c for n, c in WEIGHTED if base.strong(n))
    assert 0 <= result.score <= 100
    assert round(sum(result.breakdown.values()), 1) == result.score


@settings(max_examples=150, deadline=None)
@given(profile=profiles, added=st.sampled_from(CREDS))
def test_adding_a_credential_never_lowers_the_qualified_count(profile, added, terms, scoring):
    before = assess(profile, WEIGHTED, terms, scoring)
    after = assess(profile.with_credential(added), WEIGHTED, terms, scoring)
    assert after.qualified >= before.qualified
    assert after.strong >= before.strong
    assert set(before.qualified_needs) <= set(after.qualified_needs)


@settings(max_examples=150, deadline=None)
@given(profile=profiles)
def test_an_implied_credential_or_skill_is_never_a_gap(profile, terms, scoring):
    result = assess(profile, WEIGHTED, terms, scoring)
    gaps = {(g.kind, g.id) for g in result.gaps}
    for cred in profile.held():
        for implied in terms.implied("credential", cred):
            assert ("credential", implied) not in gaps, (cred, implied)
    for skill in profile.skills:
        for implied in terms.implied("skill", skill):
            assert ("skill", implied) not in gaps, (skill, implied)
