"""`mrt match` on document resumes (PDF, DOCX, TXT, Markdown) and the privacy rule."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parents[1] / "matcher"))
from fixture_market import build_market  # noqa: E402
from resume_files import MARKER, write_docx, write_pdf  # noqa: E402

from pipelines.cli import cli  # noqa: E402
from pipelines.store import open_store  # noqa: E402

SAMPLE = Path(__file__).parents[2] / "matcher" / "samples" / "sample_resume.md"
# The sample resume with a unique marker in the name line: it must never leave memory.
TEXT = SAMPLE.read_text(encoding="utf-8").replace("Jordan Avery", f"Jordan {MARKER}")
EXPECTED_PROFILE = {
    "credentials": [{"id": "CCS", "status": "in progress"}, {"id": "RHIT", "status": "held"}],
    "years_experience": 3.7,
    "education": "associate",
    "state": "OK",
}


@pytest.fixture
def market_db(sqlite_url: str) -> str:
    store = open_store(sqlite_url)
    build_market(store)
    store.dispose()
    return sqlite_url


def _write(kind: str, directory: Path) -> Path:
    if kind == "pdf":
        return write_pdf(directory / "resume.pdf", TEXT)
    if kind == "docx":
        return write_docx(directory / "resume.docx", TEXT)
    path = directory / f"resume.{kind}"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["pdf", "docx", "txt", "md"])
def test_every_document_format_gives_the_same_profile(kind, market_db, tmp_path):
    saved = tmp_path / "profile.yaml"
    result = CliRunner().invoke(
        cli,
        [
            "match",
            str(_write(kind, tmp_path)),
            "--db",
            market_db,
            "--format",
            "json",
            "--save-profile",
            str(saved),
        ],
    )
    assert result.exit_code == 0, result.output
    profile = yaml.safe_load(saved.read_text())
    assert {k: profile[k] for k in EXPECTED_PROFILE} == EXPECTED_PROFILE
    assert {"rhit", "epic", "icd-10-cm", "release-of-information", "hipaa"} - {
        s.lower() for s in profile["skills"]
    } == {"rhit"}
    data = json.loads(result.stdout)
    # P1: high school (below the associate); P2: 3.7 years; P3: RHIT + associate; P5: the
    # CCS in progress meets its "within 12 months", 3.7 years its 3; P8: a federal path.
    # Skills do not gate (P5's ICD-10-PCS and DRG are coverage).
    assert sorted(p["source_id"] for p in data["qualified_postings"]) == [
        "P1", "P2", "P3", "P5", "P8"
    ]  # fmt: skip
    assert MARKER not in result.output


def test_resume_text_never_leaves_memory(market_db, tmp_path):
    resume = _write("txt", tmp_path)
    saved = tmp_path / "me.json"
    env_db = market_db
    proc = subprocess.run(
        [sys.executable, "-c", "from pipelines.cli import main; main()", "match", str(resume),
         "--db", env_db, "--format", "markdown", "--save-profile", str(saved)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert MARKER not in proc.stdout and MARKER not in proc.stderr
    assert MARKER not in saved.read_text()
    assert json.loads(saved.read_text())["credentials"]  # derived ids only
    db_file = Path(market_db.removeprefix("sqlite:///"))
    for path in db_file.parent.glob(db_file.name + "*"):  # the database, its WAL and SHM
        assert MARKER.encode() not in path.read_bytes(), path
    # nothing written beside the resume either
    assert sorted(
        p.name for p in tmp_path.iterdir() if p.suffix != ".sqlite" and "sqlite" not in p.name
    ) == [
        "me.json",
        "resume.txt",
    ]


def test_no_table_holds_the_resume_text(db_url, tmp_path):
    """On SQLite and PostgreSQL: after a match, no row of any table contains the marker."""
    from sqlalchemy import MetaData, select

    store = open_store(db_url)
    build_market(store)
    result = CliRunner().invoke(
        cli, ["match", str(_write("docx", tmp_path)), "--db", db_url, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    metadata = MetaData()
    metadata.reflect(store.engine)
    assert {"postings", "requirements", "match_needs", "match_index"} <= set(metadata.tables)
    with store.engine.connect() as conn:
        for table in metadata.tables.values():
            for row in conn.execute(select(table)):
                for value in row:
                    blob = value if isinstance(value, bytes) else str(value).encode()
                    assert MARKER.encode() not in blob, table.name
    store.dispose()
