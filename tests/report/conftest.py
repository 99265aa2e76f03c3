"""A report store: the hand-worked demand fixture plus hostile posting text."""

from __future__ import annotations

import pytest
from demand.sample_store import fixture_rows

from pipelines.store.db import Store, open_store

HOSTILE_TITLE = "<script>alert('title')</script> Coder"
HOSTILE_COMPANY = 'Evil & Co <img src=x onerror="alert(1)">'
HOSTILE_SKILL = "<svg onload=alert(2)>"


def report_rows():
    b = fixture_rows()
    b.posting(  # P7: untrusted text in every field a report shows
        title=HOSTILE_TITLE,
        company=HOSTILE_COMPANY,
        state="KS",
        first_seen="2026-03-11",
        reqs=[("skill", HOSTILE_SKILL, "required"), ("credential", "RHIT", "required")],
    )
    return b


@pytest.fixture(scope="session")
def report_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('report') / 'mrt.sqlite'}"
    report_rows().write(open_store(url)).dispose()
    return url


@pytest.fixture
def report_store(report_db: str):
    store: Store = open_store(report_db)
    yield store
    store.dispose()
