"""The demand fixture: six postings whose every table is worked out by hand in the tests.

Sample = P1, P2, P3, P6 (n=4); P4 duplicates P1, P5 is not in the job family, P6 is not
extracted yet (so requirement shares are over 3 postings).
"""

from __future__ import annotations

from demand.builder import StoreBuilder


def fixture_rows() -> StoreBuilder:
    b = StoreBuilder()
    b.posting(  # P1
        company="Acme Health",
        state="OK",
        first_seen="2026-03-02",
        last_seen="2026-03-16",
        closed_at="2026-03-18",
        salary_min=18.0,
        salary_max=22.0,
        salary_period="hour",
        x_salary=(99.0, 99.0, "hour"),  # the posting's own pay columns win
        reqs=[
            ("credential", "RHIT", "required", 1, True),
            ("credential", "RHIA", "required", 1),
            ("skill", "icd-10-cm", "required"),
            ("skill", "epic", "preferred"),
            ("education", "high-school", "required"),
            ("education", "associate", "preferred"),
            ("experience", "2", "required", None, False, None, 2.0),
        ],
    )
    b.posting(  # P2
        source="lever",
        company="Beta Clinic",
        state="TX",
        role="coding",
        first_seen="2026-03-04",
        last_seen="2026-03-30",
        x_salary=(45000.0, 55000.0, "year"),
        reqs=[
            ("credential", "CCS", "required", None, False, 12),
            ("credential", "CPC", "preferred"),
            ("skill", "icd-10-cm", "required"),
            ("skill", "icd-10-cm", "preferred"),
            ("skill", "cpt", "preferred"),
            ("experience", "1", "required", None, False, None, 1.0),
            ("experience", "3", "preferred", None, False, None, 3.0),
        ],
    )
    b.posting(  # P3
        company="Acme Health",
        state="OK",
        first_seen="2026-03-10",
        last_seen="2026-04-06",
        reqs=[
            ("credential", "RHIT", "preferred"),
            ("skill", "hipaa", "required"),
            ("education", "associate", "required"),
            ("experience", "0.5", "required", None, False, None, 0.5),
        ],
    )
    b.posting(  # P4: the same job as P1 on another board
        source="lever",
        company="Acme Health",
        state="OK",
        first_seen="2026-03-03",
        duplicate_of=1,
        reqs=[("credential", "RHIT", "required"), ("skill", "cpt", "required")],
    )
    b.posting(  # P5: a nurse job, dropped by the extractor
        source="lever",
        title="Registered Nurse",
        company="Beta Clinic",
        state="TX",
        first_seen="2026-03-05",
        x_relevant=False,
        role=None,
        reqs=[("credential", "RN", "required")],
    )
    b.posting(  # P6: relevant, not extracted yet, pay with one figure
        source="usajobs",
        company=None,
        state=None,
        first_seen="2026-04-01",
        extract=False,
        salary_min=20.0,
        salary_period="hour",
        remote=True,
    )
    return b
