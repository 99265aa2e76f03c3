"""`mrt extract` leaves the matcher's market cache current, so `mrt match` starts warm."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from matcher.cache_tables import match_cache_state
from matcher.signatures import market_fingerprint
from pipelines.cli import cli
from pipelines.store.db import open_store

POSTINGS = Path(__file__).resolve().parents[1] / "fixtures" / "labelled" / "postings.jsonl"


def _cache_is_current(db: str) -> bool:
    store = open_store(db)
    try:
        with store.begin() as conn:
            cached = conn.execute(select(match_cache_state.c.fingerprint)).scalar()
            return cached is not None and cached == market_fingerprint(conn)
    finally:
        store.dispose()


def test_extract_refreshes_the_match_market(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'mrt.sqlite'}"
    runner = CliRunner()
    assert runner.invoke(cli, ["import", str(POSTINGS), "--db", db]).exit_code == 0
    assert not _cache_is_current(db)
    result = runner.invoke(cli, ["extract", "--db", db])
    assert result.exit_code == 0, result.output
    assert _cache_is_current(db)
