"""Fixtures of the matcher tests: the hand-built market, the real taxonomy and weights."""

from __future__ import annotations

import pytest
from fixture_market import build_market

from matcher.config import ScoringConfig, load_scoring
from matcher.terms import MatchTerms, load_match_terms
from pipelines.store import Store


@pytest.fixture(scope="session")
def terms() -> MatchTerms:
    return load_match_terms()


@pytest.fixture(scope="session")
def scoring() -> ScoringConfig:
    return load_scoring()


@pytest.fixture
def market_store(store: Store) -> tuple[Store, dict[str, int]]:
    return store, build_market(store)
