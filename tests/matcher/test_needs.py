"""Need signatures: how requirement rows fold into required groups and preferred items."""

from __future__ import annotations

from fixture_market import cred, edu, exp, skill

from matcher.needs import Needs, build_needs


def test_groups_alternatives_and_levels():
    needs = build_needs(
        [
            cred("RHIT", grp=1, eligible=True),
            cred("RHIA", grp=1),
            cred("CCS", within=12),
            skill("epic"),
            skill("epic", "preferred"),  # asked at both levels: required
            skill("cerner", "preferred"),
            exp(1, "alternative"),
            edu("associate", "alternative"),
            edu("certificate", "alternative"),
            exp(1.5),
        ]
    )
    assert needs.required == (
        (("credential", "CCS", False, True),),
        (("credential", "RHIA", False, False), ("credential", "RHIT", True, False)),
        (("education", "associate", False, False), ("education", "certificate", False, False), ("experience", "1", False, False)),
        (("experience", "1.5", False, False),),
        (("skill", "epic", False, False),),
    )  # fmt: skip
    assert needs.preferred == ((("skill", "cerner", False, False),),)


def test_same_asks_same_signature_and_json_round_trip():
    a = build_needs([skill("cpt"), cred("CPC", grp=2), cred("COC", grp=2)])
    b = build_needs([cred("COC", grp=7), skill("cpt"), cred("CPC", grp=7)])
    assert a == b and hash(a) == hash(b)
    assert Needs.from_json(a.to_json()) == a
    assert build_needs([]) == Needs()
