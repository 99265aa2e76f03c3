"""Fixtures of the demand tests: the hand-worked store (sample_store.py) on each database."""

from __future__ import annotations

import pandas as pd
import pytest

from demand.sample_store import fixture_rows
from pipelines.demand import load_postings, load_requirements, sample_postings
from pipelines.store.db import Store, open_store


@pytest.fixture
def demand_store(store: Store) -> Store:
    return fixture_rows().write(store)


@pytest.fixture(scope="session")
def frames(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, ...]:
    """(every matched posting, the sample, the sample's requirements) loaded from SQLite once.

    The aggregation tests only read these frames; the loading tests run on every database.
    """
    path = tmp_path_factory.mktemp("demand") / "mrt.sqlite"
    store = fixture_rows().write(open_store(f"sqlite:///{path}"))
    postings, requirements = load_postings(store), load_requirements(store)
    store.dispose()
    return postings, sample_postings(postings), requirements
