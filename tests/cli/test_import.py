"""`mrt import`: contract JSON Lines and JobSpy CSV, bad lines reported, good lines kept."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pipelines.cli import cli
from pipelines.store.db import open_store
from pipelines.store.postings import query_postings

IMPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def stored(db: str) -> dict[str, dict]:
    store = open_store(db)
    rows = {r["source_id"]: r for r in query_postings(store, relevant_only=False)}
    store.dispose()
    return rows


def test_jsonl_good_lines_stored_bad_lines_reported(db_url: str) -> None:
    result = CliRunner().invoke(cli, ["import", str(IMPORTS / "postings.jsonl"), "--db", db_url])
    assert result.exit_code == 1
    assert "line 3: malformed JSON" in result.output
    assert "line 4: no 'title'" in result.output
    assert "line 7: not a JSON object" in result.output
    assert "Imported 3 posting(s)" in result.output
    rows = stored(db_url)
    assert set(rows) == {"imp-1", "imp-2", "imp-4"}
    one = rows["imp-1"]
    assert (one["source"], one["city"], one["state"]) == ("import:jsonl", "Tulsa", "OK")
    assert (
        one["description"]
        == "Maintain the legal medical record.\n\n- RHIT preferred\n- Epic experience"
    )
    assert one["date_posted"].isoformat() == "2026-11-01"
    assert rows["imp-2"]["state"] == "NE"
    assert rows["imp-4"]["relevant"] is False and rows["imp-1"]["relevant"] is True
    # Importing again duplicates nothing.
    again = CliRunner().invoke(cli, ["import", str(IMPORTS / "postings.jsonl"), "--db", db_url])
    assert again.exit_code == 1 and len(stored(db_url)) == 3


def test_jobspy_csv(db_url: str) -> None:
    result = CliRunner().invoke(cli, ["import", str(IMPORTS / "jobspy.csv"), "--db", db_url])
    assert result.exit_code == 1 and "line 8: no 'title'" in result.output
    rows = stored(db_url)
    assert set(rows) == {"indeed:in-8f3a", "linkedin:li-771", "glassdoor:gd-12"}
    coder = rows["indeed:in-8f3a"]
    assert coder["source"] == "import:jobspy"
    assert (coder["salary_min"], coder["salary_max"], coder["salary_period"]) == (
        52000,
        64000,
        "year",
    )
    assert coder["remote"] is True and coder["url"].startswith("https://www.indeed.com/")
    roi = rows["linkedin:li-771"]
    assert (roi["salary_min"], roi["salary_period"], roi["state"]) == (18.5, "hour", "NE")
    assert (
        rows["glassdoor:gd-12"]["state"] == "KS" and rows["glassdoor:gd-12"]["salary_min"] is None
    )


def test_unusable_files_exit_2(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.sqlite'}"
    missing = CliRunner().invoke(cli, ["import", str(tmp_path / "none.jsonl"), "--db", db])
    assert missing.exit_code == 2 and "no such file" in missing.output
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n")
    result = CliRunner().invoke(cli, ["import", str(other), "--db", db])
    assert result.exit_code == 2 and "not a JobSpy CSV" in result.output


def test_format_is_detected_without_the_usual_extension(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.sqlite'}"
    as_text = tmp_path / "jobs.txt"
    as_text.write_bytes((IMPORTS / "jobspy.csv").read_bytes())
    assert (
        "Imported 3 posting(s)"
        in CliRunner().invoke(cli, ["import", str(as_text), "--db", db]).output
    )
    lines = tmp_path / "more.data"
    lines.write_text('{"id": "x1", "title": "Medical Coder", "description": "CPC required"}\n')
    result = CliRunner().invoke(cli, ["import", str(lines), "--db", db])
    assert result.exit_code == 0 and "Imported 1 posting(s)" in result.output
