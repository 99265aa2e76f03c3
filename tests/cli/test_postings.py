"""`mrt postings`: table, JSON Lines and CSV output with filters, after a replayed crawl."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipelines.cli import cli
from scraper.runner import RECORDINGS, crawl
from scraper.sources import load_sources

REQUIRED = {
    "source", "source_id", "url", "title", "company", "city", "state", "remote",
    "employment_type", "date_posted", "salary_min", "salary_max", "salary_period",
    "description", "first_seen", "last_seen", "closed_at", "relevant",
}  # fmt: skip


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = f"sqlite:///{tmp_path_factory.mktemp('postings') / 'mrt.sqlite'}"
    crawl(load_sources(RECORDINGS / "sources.yaml"), db, replay=RECORDINGS, keep_all=True)
    return db


def invoke(*args: str):
    result = CliRunner().invoke(cli, ["postings", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_jsonl_rows_carry_the_contract_fields(demo_db: str) -> None:
    rows = [json.loads(line) for line in invoke("--format", "jsonl", "--db", demo_db).splitlines()]
    assert len(rows) == 25
    for row in rows:
        assert set(row) >= REQUIRED
        assert row["relevant"] is True
        assert "<" not in row["description"] and "&amp;" not in row["description"]
        assert row["state"] is None or len(row["state"]) == 2
        assert row["salary_period"] in (None, "hour", "year")
    dated = [r for r in rows if r["date_posted"]]
    assert all(len(r["date_posted"]) == 10 for r in dated)


def test_filters(demo_db: str) -> None:
    def count(*args: str) -> int:
        return len(invoke("--format", "jsonl", "--db", demo_db, *args).splitlines())

    assert count("--state", "ok") == 3
    assert count("--source", "usajobs") == 4
    assert count("--all") == 30
    assert count("--limit", "2") == 2
    assert count("--since", "2026-11-10") < 25


def test_csv_and_table(demo_db: str) -> None:
    reader = csv.DictReader(
        io.StringIO(invoke("--format", "csv", "--db", demo_db, "--state", "NE"))
    )
    rows = list(reader)
    assert {r["state"] for r in rows} == {"NE"} and set(reader.fieldnames) >= REQUIRED
    table = invoke("--db", demo_db, "--source", "lever")
    assert "Risk Adjustment Coder" in table and "$27.00-34.50/hr" in table


def test_bad_options_exit_2(demo_db: str) -> None:
    for args in (["--since", "yesterday"], ["--state", "Oklahoma"]):
        result = CliRunner().invoke(cli, ["postings", "--db", demo_db, *args])
        assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1


def test_markup_in_titles_is_printed_literally(tmp_path: Path) -> None:
    from pipelines.store.db import open_store
    from pipelines.store.postings import PostingWriter

    db = f"sqlite:///{tmp_path / 'm.sqlite'}"
    store = open_store(db)
    PostingWriter(store).upsert([{"source": "x", "source_id": "1", "feed": "x:y",
                                  "title": "[bold red]Coder[/] <script>", "description": ""}])  # fmt: skip
    store.dispose()
    assert "[bold red]Coder[/] <script>" in invoke("--db", db)
