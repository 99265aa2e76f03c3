"""`mrt report`: default path, formats, filters, one-line errors, an empty store."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from demand.sample_store import fixture_rows

from pipelines.cli import cli
from pipelines.store.db import open_store

MRT = Path(sys.executable).with_name("mrt")


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'mrt.sqlite'}"
    fixture_rows().write(open_store(url)).dispose()
    return url


def invoke(*args: str):
    return CliRunner().invoke(cli, ["report", *args])


def test_default_html_goes_to_reports_and_its_path_is_printed(db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("--db", db)
    assert result.exit_code == 0, result.output
    expected = Path("reports") / f"mrt-report-{date.today().isoformat()}.html"
    assert result.output.strip() == str(expected)
    html = (tmp_path / expected).read_text()
    assert "n = 4 postings" in html and 'data-chart="credentials"' in html


def test_json_prints_one_object_with_the_issue_fields(db):
    result = invoke("--db", db, "--format", "json", "--state", "OK")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["postings"] == 2
    assert payload["by_state"] == [
        {"state": "OK", "postings": 2, "remote": 0, "share": 1.0, "denominator": 2}
    ]
    assert [(c["id"], c["share"]) for c in payload["credentials"]] == [("RHIT", 1.0), ("RHIA", 0.5)]
    assert {s["id"] for s in payload["skills"]} == {"icd-10-cm", "epic", "hipaa"}


def test_markdown_and_csv_zip_outputs(db, tmp_path):
    result = invoke("--db", db, "--format", "markdown", "--role", "coding")
    assert result.exit_code == 0
    credentials = result.output.split("## Credentials asked for")[1].split("## ")[0]
    assert [line.split(" | ")[0] for line in credentials.splitlines() if line.startswith("| C")][
        1:
    ] == ["| CCS", "| CPC"]
    zipped = tmp_path / "tables.zip"
    result = invoke("--db", db, "--format", "csv", "--out", str(zipped))
    assert result.exit_code == 0 and result.output.strip() == str(zipped)
    with zipfile.ZipFile(zipped) as archive:
        assert "credentials.csv" in archive.namelist()
        assert archive.read("credentials.csv").decode().splitlines()[1].startswith("RHIT,2,")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--state", "Kansas"], "--state takes two-letter codes"),
        (["--since", "yesterday"], "--since must be a date"),
        (["--role", "nurse"], "--role must be one of"),
        (["--format", "pdf"], "Invalid value for '--format'"),
    ],
)
def test_bad_options_give_one_line_and_exit_2(db, args, message):
    result = invoke("--db", db, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_out_that_is_a_directory_is_refused(db, tmp_path):
    result = invoke("--db", db, "--out", str(tmp_path))
    assert result.exit_code == 2 and "is a directory" in result.output


def test_an_empty_store_reports_n_zero(tmp_path):
    empty = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    open_store(empty).dispose()  # created empty; a missing file is refused
    result = invoke("--db", empty, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)["postings"] == 0


def test_an_unreachable_database_is_one_line(tmp_path):
    done = subprocess.run(
        [str(MRT), "report", "--db", "postgresql://nobody@127.0.0.1:1/none"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("Error: cannot open database") and "Traceback" not in done.stderr
    assert not (tmp_path / "reports").exists()


def test_taxonomy_option_gives_names_and_categories(db, tmp_path):
    taxonomy = tmp_path / "taxonomy.yaml"
    taxonomy.write_text(
        "version: t\ncredentials:\n  RHIT:\n    name: Reg. Health Info Tech\n"
        "skills:\n  epic:\n    name: Epic EHR\n    category: EHR\n"
    )
    result = invoke("--db", db, "--format", "json", "--taxonomy", str(taxonomy))
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert (payload["credentials"][0]["id"], payload["credentials"][0]["name"]) == (
        "RHIT",
        "Reg. Health Info Tech",
    )
    epic = next(s for s in payload["skills"] if s["id"] == "epic")
    assert (epic["name"], epic["category"]) == ("Epic EHR", "EHR")
    hipaa = next(s for s in payload["skills"] if s["id"] == "hipaa")
    assert (hipaa["name"], hipaa["category"]) == ("hipaa", "other")  # not in this taxonomy


def test_a_broken_taxonomy_is_one_line(db, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("credentials: [unclosed\n")
    result = invoke("--db", db, "--taxonomy", str(broken))
    assert result.exit_code == 2
    assert "taxonomy broken.yaml: not valid YAML" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1


def test_report_does_not_load_spacy(db, tmp_path):
    """Names come from the taxonomy YAML; loading the extractor would cost seconds per report."""
    code = (
        "import sys\n"
        "from pipelines.cli.errors import run_cli\n"
        "from pipelines.cli import cli\n"
        f"sys.argv = ['mrt', 'report', '--db', {db!r}, '--out', {str(tmp_path / 'r.html')!r}]\n"
        "assert run_cli(cli) == 0\n"
        "print('SPACY' if 'spacy' in sys.modules else 'LIGHT', file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().endswith("LIGHT")
    assert "Registered Health Information Technician" in (tmp_path / "r.html").read_text()
