"""Two `mrt crawl` processes writing to one PostgreSQL database at once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from pipelines.store.db import normalise_url, open_store
from scraper.runner import RECORDINGS

pytestmark = pytest.mark.postgres
MRT = str(Path(sys.executable).with_name("mrt"))


def test_two_crawls_at_once_lose_and_duplicate_nothing(postgres_url: str) -> None:
    open_store(postgres_url).dispose()
    command = [MRT, "crawl", "--sources", str(RECORDINGS / "sources.yaml"),
               "--replay", str(RECORDINGS), "--db", postgres_url, "--all"]  # fmt: skip
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]  # fmt: skip
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    engine = create_engine(normalise_url(postgres_url))
    with engine.connect() as conn:
        total, distinct, open_ = conn.execute(text(
            "SELECT count(*), count(DISTINCT (source, source_id)), count(*) FILTER "
            "(WHERE closed_at IS NULL) FROM postings")).one()  # fmt: skip
        runs = conn.execute(text("SELECT count(*) FROM crawl_run_sources WHERE complete")).scalar()
    engine.dispose()
    assert total == distinct == open_ == 30
    assert runs == 16
