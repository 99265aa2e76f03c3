"""`mrt extract --input` (contract JSONL to stdout) and `mrt extract` over a store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import insert

from pipelines.cli import cli
from pipelines.store.db import open_store, utcnow
from pipelines.store.schema import postings

GOOD = {
    "id": "a1",
    "title": "Medical Coder",
    "description": "<p>Requirements</p><ul><li>CPC or CCS</li></ul>",
}
OTHER = {"id": "a2", "title": "HIM Technician", "description": "Nice to have: RHIT. Pay: $20/hr"}


def test_input_file_prints_one_result_per_line(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(p) for p in (GOOD, OTHER)) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "--input", str(path)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a1", "a2"]
    assert {c["id"] for c in rows[0]["credentials"]} == {"CPC", "CCS"}
    ev = rows[0]["credentials"][0]["evidence"][0]
    assert ev["text"] == "CPC" and ev["end"] - ev["start"] == 3
    assert rows[1]["salary"] == {"min": 20.0, "max": 20.0, "period": "hour"}


def test_malformed_line_is_reported_and_others_processed(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps(GOOD) + "\n{not json\n[1, 2]\n" + json.dumps(OTHER) + "\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["extract", "--input", str(path)])
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a1", "a2"]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2 and errors[0].startswith("line 2:") and errors[1].startswith("line 3:")


def test_a_line_of_bad_bytes_or_numbers_is_one_skipped_line(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        json.dumps(GOOD).encode()
        + b'\n{"id": "x", "description": "caf\xe9"}\n'
        + b'{"id": 1'
        + b"9" * 40
        + b', "description": "big"}\n'
        + json.dumps(OTHER).encode()
        + b"\n"
    )
    result = CliRunner().invoke(cli, ["extract", "--input", str(path)])
    assert result.exit_code == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a1", "a2"]
    errors = result.stderr.strip().splitlines()
    assert errors[0].startswith("line 2: not UTF-8") and errors[1].startswith("line 3:")
    assert "64-bit" in errors[1]


def test_stdin_through_the_real_command() -> None:
    proc = subprocess.run(
        [sys.executable, "-c", "from pipelines.cli import main; main()", "extract", "--input", "-"],
        input=json.dumps(GOOD) + "\nnope\n", capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 1
    assert json.loads(proc.stdout.splitlines()[0])["id"] == "a1"
    assert proc.stderr.strip().startswith("line 2: malformed JSON")


def test_missing_input_and_bad_taxonomy_are_one_line_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", "--input", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 2 and "cannot read" in result.stderr
    bad = tmp_path / "tax.yaml"
    bad.write_text("credentials: [", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "--input", "-", "--taxonomy", str(bad)], input="")
    assert result.exit_code == 2 and "YAML" in result.stderr


def test_store_extract_is_incremental(db_url: str) -> None:
    store = open_store(db_url)
    now = utcnow()
    with store.begin() as conn:
        conn.execute(insert(postings), [
            {"source": "t", "source_id": str(i), "feed": "t:f", "title": "Medical Coder",
             "description": f"Requirements\n- CPC\n- {i + 1} years of coding experience",
             "content_hash": f"h{i}", "relevant": True, "first_seen": now, "last_seen": now}
            for i in range(3)
        ])  # fmt: skip
    store.dispose()
    runner = CliRunner()
    first = runner.invoke(cli, ["extract", "--db", db_url])
    assert first.exit_code == 0, first.output
    assert "extracted 3, skipped 0" in first.stdout
    second = runner.invoke(cli, ["extract", "--db", db_url])
    assert "extracted 0, skipped 3" in second.stdout
    redo = runner.invoke(cli, ["extract", "--db", db_url, "--all"])
    assert "extracted 3, skipped 0" in redo.stdout


def test_store_extract_redoes_all_when_the_taxonomy_changes(
    sqlite_url: str, tmp_path: Path
) -> None:
    from pipelines.taxonomy import DEFAULT_TAXONOMY

    store = open_store(sqlite_url)
    now = utcnow()
    with store.begin() as conn:
        conn.execute(insert(postings), [
            {"source": "t", "source_id": str(i), "feed": "t:f", "title": "Medical Coder",
             "description": "Requirements\n- CPC", "content_hash": f"h{i}", "relevant": True,
             "first_seen": now, "last_seen": now}
            for i in range(2)
        ])  # fmt: skip
    store.dispose()
    runner = CliRunner()
    assert "extracted 2" in runner.invoke(cli, ["extract", "--db", sqlite_url]).stdout
    edited = tmp_path / "taxonomy.yaml"
    edited.write_text(
        DEFAULT_TAXONOMY.read_text(encoding="utf-8") + "\n# a user's edit\n", encoding="utf-8"
    )
    again = runner.invoke(cli, ["extract", "--db", sqlite_url, "--taxonomy", str(edited)])
    assert "extracted 2, skipped 0" in again.stdout
    assert (
        "extracted 0, skipped 2"
        in runner.invoke(cli, ["extract", "--db", sqlite_url, "--taxonomy", str(edited)]).stdout
    )
