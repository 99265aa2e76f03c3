"""Sixteen Texas postings and six candidates, with a screener's verdicts written by hand.

The postings' text is tests/fixtures/match_verdicts/postings.jsonl; below, the requirement
rows a screener reads in each (required unless marked), and for each candidate the
postings they qualify for (every required credential, education and experience group
met) and the strong matches among them (at least 80% of the required skills too).
Nothing here was copied from the program's output: each verdict is reasoned in the
comment beside it. The resumes of the same six people are in
tests/fixtures/match_verdicts/resumes/.
"""

from __future__ import annotations

from datetime import date

from fixture_market import FixturePosting, cred, edu, exp, skill


def _posting(key: str, title: str, city: str, posted: date, reqs: tuple) -> FixturePosting:
    return FixturePosting(key, title, "Employer " + key, city, "TX", reqs, posted=posted)


VERDICT_MARKET: tuple[FixturePosting, ...] = (
    _posting("v01", "Medical Records Clerk", "Lubbock", date(2026, 11, 20),
             (edu("high-school"), skill("data-entry"), skill("scanning-indexing"), skill("epic", "preferred"))),
    _posting("v02", "Release of Information Specialist", "Houston", date(2026, 11, 18),
             (edu("high-school"), exp(1), skill("release-of-information"), skill("hipaa"),
              skill("customer-service"))),
    _posting("v03", "Health Information Technician", "Wichita Falls", date(2026, 11, 15),
             (cred("RHIT", eligible=True), edu("associate"), skill("chart-analysis"), skill("ehr"),
              skill("icd-10-cm", "preferred"))),
    _posting("v04", "Outpatient Coder II", "Dallas", date(2026, 11, 12),
             (cred("CPC", grp=1), cred("COC", grp=1), cred("CCS", grp=1), exp(2), skill("cpt"),
              skill("icd-10-cm"), skill("hcpcs"), edu("associate", "preferred"),
              skill("encoder", "preferred"))),
    _posting("v05", "Coder I", "San Antonio", date(2026, 11, 10),
             (cred("CPC-A"), edu("high-school"), skill("cpt"), skill("icd-10-cm"), skill("em"))),
    _posting("v06", "Inpatient Coder", "Corpus Christi", date(2026, 11, 8),
             (cred("CCS"), exp(3), skill("icd-10-cm"), skill("icd-10-pcs"), skill("drg"))),
    _posting("v07", "Coding Associate", "Amarillo", date(2026, 11, 6),
             (cred("CCA"), edu("high-school"), skill("icd-10-cm"), skill("cpt"))),
    _posting("v08", "Director of Health Information Management", "Fort Worth", date(2026, 11, 5),
             (cred("RHIA"), edu("bachelor"), exp(5), edu("master", "preferred"),
              skill("cerner", "preferred"))),
    _posting("v09", "HIM Supervisor", "Bryan", date(2026, 11, 4),
             (cred("RHIT", grp=1), cred("RHIA", grp=1), edu("associate"), exp(3), skill("mpi"),
              skill("chart-analysis"))),
    _posting("v10", "Cancer Registrar", "Austin", date(2026, 11, 3),
             (cred("CTR", eligible=True), edu("associate"), skill("icd-o-3"),
              skill("cancer-registry"), skill("abstracting"))),
    _posting("v11", "Senior Cancer Registrar", "Houston", date(2026, 11, 2),
             (cred("CTR"), edu("associate"), exp(3), skill("icd-o-3"), skill("abstracting"),
              skill("cancer-registry"))),
    _posting("v12", "Clinical Documentation Specialist", "Odessa", date(2026, 11, 1),
             (cred("RN", grp=1), cred("CCDS", grp=1), cred("CDIP", grp=1), edu("bachelor"), exp(3),
              skill("drg"), skill("cdi"))),
    _posting("v13", "Medical Records Technician (Coder)", "Temple", date(2026, 10, 30),
             (exp(1, "alternative"), edu("associate", "alternative"), edu("certificate", "alternative"),
              skill("medical-terminology"), skill("vista", "preferred"))),
    _posting("v14", "Risk Adjustment Coder", "El Paso", date(2026, 10, 28),
             (cred("CRC", within=12), exp(1), skill("hcc"), skill("icd-10-cm"))),
    _posting("v15", "Medical Records Specialist", "Waco", date(2026, 10, 26),
             (edu("high-school"), exp(0.5), skill("ehr"), skill("hipaa"), skill("data-entry"))),
    _posting("v16", "Coding Auditor", "Lubbock", date(2026, 10, 24),
             (cred("CPC"), exp(5), skill("auditing"), skill("em"), cred("CPMA", "preferred"),
              edu("bachelor", "preferred"))),
)  # fmt: skip

# The six candidates as profile files (the resumes say the same).
PROFILES: dict[str, dict] = {
    "entry_clerk": {
        "skills": ["data entry", "scanning", "customer service", "Epic", "HIPAA", "Excel"],
        "years_experience": 0.5,  # six months at a clinic's front desk
        "education": "high-school",
    },
    "cpc_coder": {
        "credentials": ["CPC"],
        "skills": ["CPT", "ICD-10-CM", "HCPCS", "E/M", "encoder", "Epic"],
        "years_experience": 3,
        "education": "associate",
    },
    "rhia_manager": {
        "credentials": ["RHIA"],
        "skills": ["Cerner", "release of information", "HIPAA", "chart analysis", "MPI", "ICD-10-CM"],
        "years_experience": 7,
        "education": "bachelor",
    },
    "registrar": {
        "credentials": ["ODS-C"],  # the CTR's new name: one credential
        "skills": ["ICD-O-3", "cancer registry", "abstracting", "anatomy and physiology", "ICD-10-CM"],
        "years_experience": 4,
        "education": "associate",
    },
    "roi_specialist": {
        "skills": ["release of information", "HIPAA", "customer service", "data entry", "Epic", "scanning"],
        "years_experience": 2,
        "education": "high-school",
    },
    "new_graduate": {
        "credentials": {"RHIT": "eligible"},
        "skills": ["ICD-10-CM", "CPT", "medical terminology", "EHR", "HIPAA", "anatomy and physiology"],
        "years_experience": 0,
        "education": "associate",
    },
}  # fmt: skip

# candidate -> (qualified postings, strong matches among them)
VERDICTS: dict[str, tuple[set[str], set[str]]] = {
    # v01 and v15 ask high school and at most six months; data entry, scanning (v01) and
    # EHR (through Epic), HIPAA, data entry (v15) are all there. v02 and v14 want a year,
    # v13's paths a year or a certificate; everything else a credential.
    "entry_clerk": ({"v01", "v15"}, {"v01", "v15"}),
    # CPC meets v04's group (2 years: yes), v05's CPC-A (a CPC supersedes it) and v16's CPC
    # (but 5 years: no). Three years and an associate open v01, v02, v13, v14 (CRC after
    # hire), v15. CPC does not meet CCA (v07), CCS (v06), RHIT/RHIA, CTR. Strong: v04 (CPT,
    # ICD-10-CM, HCPCS) and v05 (CPT, ICD-10-CM, E/M); v14 is 1 of 2 (no HCC), v15 1 of 3.
    "cpc_coder": ({"v01", "v02", "v04", "v05", "v13", "v14", "v15"}, {"v04", "v05"}),
    # RHIA meets v03's RHIT (with her bachelor over the associate), v08 (bachelor, 7 >= 5
    # years) and v09. No coding, registry or CDI credential. Strong: v03 (chart analysis;
    # EHR through Cerner), v08 (no skill asked), v09 (MPI, chart analysis); v02 is 2 of 3
    # (no customer service), v15 2 of 3 (no data entry).
    "rhia_manager": (
        {"v01", "v02", "v03", "v08", "v09", "v13", "v14", "v15"},
        {"v03", "v08", "v09"},
    ),
    # ODS-C is the CTR: v10 and v11 (associate, 4 >= 3 years), strong on both. Four years
    # and an associate open v01, v02, v13, v14, v15 too, with none of their skills.
    "registrar": ({"v01", "v02", "v10", "v11", "v13", "v14", "v15"}, {"v10", "v11"}),
    # No credential, high school, two years: v01, v02, v13 (the year path), v14 (CRC after
    # hire), v15. Strong: v01, v02 and v15 (EHR through Epic); v13 lacks medical
    # terminology, v14 HCC and ICD-10-CM.
    "roi_specialist": ({"v01", "v02", "v13", "v14", "v15"}, {"v01", "v02", "v15"}),
    # RHIT eligible meets v03 ("or RHIT eligible") but not v09 (RHIT or RHIA held). No
    # experience: v02, v14 and v15 are out; the associate opens v01 and v13. Strong: v13
    # (medical terminology); v03 is 1 of 2 (EHR, no chart analysis).
    "new_graduate": ({"v01", "v03", "v13"}, {"v13"}),
}
