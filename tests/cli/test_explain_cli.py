"""`mrt explain`: the posting with requirements labelled, posting text escaped, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import insert

from pipelines.cli import cli
from pipelines.store.db import open_store, utcnow
from pipelines.store.schema import postings


def test_explain_jsonl_file_labels_requirements(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    posting = {"id": "x", "title": "Medical Coder", "description":
               "Requirements\n- RHIT or RHIA\n- 2 years of coding experience\n\nBenefits\n- We pay for your CPC exam"}  # fmt: skip
    path.write_text(json.dumps(posting) + "\n", encoding="utf-8")
    result = CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["explain", str(path)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "[RHIT required group 1]" in out and "[RHIA required group 1]" in out
    assert "[2 yr required]" in out
    assert "CPC ignored" in out and "boilerplate section" in out
    assert "relevant (coding)" in out


def test_explain_escapes_markup_in_posting_text(tmp_path: Path) -> None:
    path = tmp_path / "posting.html"
    path.write_text(
        "<p>[bold red]HIM Technician[/] [link=http://x]click[/link] RHIT required</p>",
        encoding="utf-8",
    )
    result = CliRunner(env={"COLUMNS": "200"}).invoke(cli, ["explain", str(path)])
    assert result.exit_code == 0, result.output
    assert "[bold red]HIM Technician[/]" in result.stdout
    assert "[link=http://x]click[/link]" in result.stdout


def test_explain_stored_posting_and_errors(db_url: str, tmp_path: Path) -> None:
    store = open_store(db_url)
    now = utcnow()
    with store.begin() as conn:
        pid = conn.execute(insert(postings).values(
            source="t", source_id="1", feed="t:f", title="Cancer Registrar",
            description="Qualifications\n- CTR or CTR-eligible", content_hash="h", relevant=True,
            first_seen=now, last_seen=now)).inserted_primary_key[0]  # fmt: skip
    store.dispose()
    runner = CliRunner(env={"COLUMNS": "200"})
    result = runner.invoke(cli, ["explain", str(pid), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "CTR required eligible" in result.stdout
    missing = runner.invoke(cli, ["explain", "999", "--db", db_url])
    assert missing.exit_code == 2 and "no posting with id 999" in missing.stderr
    neither = runner.invoke(cli, ["explain", str(tmp_path / "nope.txt")])
    assert neither.exit_code == 2 and "neither a file nor a stored posting id" in neither.stderr
