"""`mrt match` end to end: formats, JSON shape, escaping, filters, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parents[1] / "matcher"))
from fixture_market import FixturePosting, build_market, cred, edu, exp, insert_postings, skill  # noqa: E402
from resume_files import (  # noqa: E402
    MARKER,
    write_corrupt_docx,
    write_corrupt_pdf,
    write_empty_pdf,
    write_encrypted_pdf,
)

from pipelines.cli import cli  # noqa: E402
from pipelines.store import open_store  # noqa: E402

RESUMES = Path(__file__).parents[1] / "fixtures" / "resumes"
RHIA = RESUMES / "rhia_manager.yaml"
EVIL = "[bold red]Evil[/] <script>alert(1)</script> *Coder* | x"


@pytest.fixture
def market_db(db_url: str) -> str:
    store = open_store(db_url)
    try:
        ids = build_market(store)
        insert_postings(
            store,
            (
                FixturePosting(
                    "E1", EVIL, "<b>Acme</b> [link](http://x)", "Austin", "TX",
                    (cred("RHIA"), edu("bachelor"), exp(5), skill("epic")),
                ),
            ),
            known=ids,
        )  # fmt: skip
    finally:
        store.dispose()
    return db_url


def invoke(*args: str):
    return CliRunner().invoke(cli, ["match", *map(str, args)])


def test_json_has_the_documented_fields(market_db):
    result = invoke(RHIA, "--db", market_db, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {
        "score",
        "breakdown",
        "qualified_share",
        "postings_considered",
        "qualified_postings",
        "gaps",
        "strengths",
    }
    assert data["postings_considered"] == 9
    assert 0 <= data["score"] <= 100
    assert set(data["breakdown"]) == {"credentials", "skills", "experience", "education"}
    assert round(sum(data["breakdown"].values()), 1) == data["score"]
    # every posting but P4 (CPC, CCS or COC) and P7 (CTR): skills do not gate
    assert data["qualified_share"] == round(7 / 9, 4)
    assert sorted(p["source_id"] for p in data["qualified_postings"]) == [
        "E1", "P1", "P2", "P3", "P5", "P6", "P8"
    ]  # fmt: skip
    for posting in data["qualified_postings"]:
        assert {"source", "source_id", "title", "company", "url"} <= set(posting)
    assert data["gaps"], "an RHIA manager still misses things in this market"
    gains = [g["qualify_gain"] for g in data["gaps"]]
    assert gains == sorted(gains, reverse=True)
    for gap in data["gaps"]:
        assert gap["kind"] in {"credential", "skill", "education", "experience"}
        assert {"id", "required_share", "preferred_share", "qualify_gain"} <= set(gap)
        assert 0 <= gap["required_share"] <= 1 and 0 <= gap["preferred_share"] <= 1
    for strength in data["strengths"]:
        assert {"kind", "id", "demand_share", "implied_by"} <= set(strength)
    assert {"kind": "credential", "id": "RHIT", "implied_by": "RHIA"}.items() <= next(
        s for s in data["strengths"] if s["id"] == "RHIT"
    ).items()
    # issue 11: strong matches, skill coverage, strong gains, experience counted
    assert {"strong_share", "strong_count", "strong_postings", "experience_counted"} <= set(data)
    # strong: P2 (ROI, HIPAA), P3 (Epic), P6 and E1 (Epic)
    assert data["strong_share"] == round(4 / 9, 4) and data["strong_count"] == 4
    assert sorted(p["source_id"] for p in data["strong_postings"]) == ["E1", "P2", "P3", "P6"]
    for posting in data["qualified_postings"]:
        assert 0 <= posting["skill_coverage"] <= 1 and isinstance(posting["strong"], bool)
    strong_first = [not p["strong"] for p in data["qualified_postings"]]
    assert strong_first == sorted(strong_first)
    for gap in data["gaps"]:
        assert 0 <= gap["strong_gain"] <= 1
    assert data["experience_counted"] == {
        "years": 8.0,
        "source": "profile",
        "stated_years": 0.0,
        "roles": [],
    }
    assert data["qualification"] == {
        "gate": ["credential", "education", "experience"],
        "strong_match": 0.8,
    }


def test_one_posting_lists_its_requirements(market_db):
    data = json.loads(
        invoke(RHIA, "--db", market_db, "--format", "json", "--posting", "fixture:P3").stdout
    )
    verdicts = {r["id"]: (r["status"], r["how"] or r["action"]) for r in data["requirements"]}
    assert verdicts == {
        "RHIT": ("met", "you hold RHIA"),
        "RHIA": ("met", "you hold RHIA"),
        "associate": ("met", "you have a bachelor degree"),
        "epic": ("met", "on your resume"),
        "icd-10-cm": ("met", "on your resume"),
    }
    out = invoke(RHIA, "--db", market_db, "--format", "markdown", "--posting", "fixture:P7").stdout
    assert "## Requirements of this posting" in out
    assert "| CTR \\(or eligible\\) | required | unmet | obtain CTR" in out
    table = CliRunner(env={"COLUMNS": "250"}).invoke(
        cli, ["match", str(RHIA), "--db", market_db, "--posting", "fixture:P7"]
    )
    assert "Requirements of this posting" in table.stdout and "unmet" in table.stdout


def test_table_escapes_posting_text(market_db):
    result = CliRunner(env={"COLUMNS": "250"}).invoke(cli, ["match", str(RHIA), "--db", market_db])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Market fit" in out and "Qualified now: 77.8% (7 of 9)" in out
    assert "[bold red]Evil[/]" in out  # shown literally, not interpreted as Rich markup
    assert "adding CCS: +11.1% of postings" in out


def test_markdown_escapes_posting_text(market_db):
    result = invoke(RHIA, "--db", market_db, "--format", "markdown")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<b>" not in out and "\\[link\\]" in out
    assert "\\*Coder\\*" in out and "\\| x" in out
    assert out.startswith("# Market fit: ")


def test_filters(market_db):
    data = json.loads(invoke(RHIA, "--db", market_db, "--format", "json", "--state", "tx").stdout)
    assert data["postings_considered"] == 5 and data["filters"]["state"] == "TX"
    data = json.loads(invoke(RHIA, "--db", market_db, "--format", "json", "--remote").stdout)
    assert data["postings_considered"] == 1
    data = json.loads(
        invoke(RHIA, "--db", market_db, "--format", "json", "--since", "2026-10-15").stdout
    )
    assert data["postings_considered"] == 5
    data = json.loads(
        invoke(RHIA, "--db", market_db, "--format", "json", "--posting", "fixture:P6").stdout
    )
    assert data["postings_considered"] == 1 and data["qualified_share"] == 1.0
    data = json.loads(invoke(RHIA, "--db", market_db, "--format", "json", "--limit", "1").stdout)
    assert len(data["qualified_postings"]) == 1 and data["qualified_share"] == round(7 / 9, 4)


def test_save_profile_holds_only_derived_ids(market_db, tmp_path):
    out = tmp_path / "me.json"
    result = invoke(RESUMES / "ctr_registrar.json", "--db", market_db, "--save-profile", out)
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text()) == {
        "credentials": [{"id": "CTR", "status": "eligible"}],
        "skills": ["cancer-registry", "icd-10-cm", "icd-o-3"],
        "years_experience": 1.0,
        "education": "associate",
        "state": "CA",
    }


def test_empty_market_is_a_clear_message(sqlite_url):
    open_store(sqlite_url).dispose()  # an empty store; a missing one is refused
    result = invoke(RHIA, "--db", sqlite_url)
    assert result.exit_code == 1
    assert "No current extracted postings in the store yet" in result.stderr
    result = invoke(RHIA, "--db", sqlite_url, "--state", "AK")
    assert result.exit_code == 1


def _one_line_exit_2(result, needle: str) -> None:
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert needle in lines[0]
    assert MARKER not in result.output


@pytest.mark.parametrize(
    "make, needle",
    [
        (lambda d: write_corrupt_pdf(d / "bad.pdf"), "cannot read the PDF"),
        (lambda d: write_encrypted_pdf(d / "locked.pdf", f"RHIT {MARKER}"), "encrypted"),
        (lambda d: write_empty_pdf(d / "scan.pdf"), "no text layer"),
        (lambda d: write_corrupt_docx(d / "bad.docx"), "not a valid Word .docx"),
        (lambda d: (d / "cv.rtf").write_text(MARKER) and d / "cv.rtf", "unsupported file type"),
        (lambda d: d / "missing.txt", "no such file"),
        (
            lambda d: (d / "p.yaml").write_text("credentials: [RHTI]") and d / "p.yaml",
            "unknown credential 'RHTI'",
        ),
        (
            lambda d: (d / "p.yaml").write_text("skils: [epic]") and d / "p.yaml",
            "unknown profile field(s): skils",
        ),
        (
            lambda d: (
                (d / "p.json").write_text('{"credentials": {"RHIT": "maybe"}}') and d / "p.json"
            ),
            "unknown status",
        ),
    ],
)
def test_bad_resume_exits_2_with_one_line(tmp_path, sqlite_url, make, needle):
    _one_line_exit_2(invoke(make(tmp_path), "--db", sqlite_url), needle)


def test_bad_options_exit_2(market_db, tmp_path):
    assert invoke(RHIA, "--db", market_db, "--since", "yesterday").exit_code == 2
    assert invoke(RHIA, "--db", market_db, "--state", "Narnia").exit_code == 2
    _one_line_exit_2(
        invoke(RHIA, "--db", market_db, "--posting", "nosuch:1"), "no posting 'nosuch:1'"
    )
    scoring = tmp_path / "s.yaml"
    scoring.write_text("components: {credentials: lots}\n")
    _one_line_exit_2(
        invoke(RHIA, "--db", market_db, "--scoring", scoring),
        "components.credentials must be a number",
    )
    _one_line_exit_2(
        invoke(RHIA, "--db", market_db, "--taxonomy", tmp_path / "none.yaml"), "taxonomy"
    )


def test_real_entry_point_one_line_error(tmp_path):
    bad = write_corrupt_pdf(tmp_path / "bad.pdf")
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "from pipelines.cli import main; main()",
            "match",
            str(bad),
            "--db",
            f"sqlite:///{tmp_path / 'x.sqlite'}",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0 and "cannot read the PDF" in proc.stderr


def test_profile_path_does_not_import_spacy(market_db):
    code = (
        "import sys\n"
        "from pipelines.cli.errors import run_cli\n"
        "from pipelines.cli import cli\n"
        f"sys.argv = ['mrt', 'match', {str(RHIA)!r}, '--db', {market_db!r}, '--format', 'json']\n"
        "code = run_cli(cli)\n"
        "assert code == 0, code\n"
        "print('SPACY' if 'spacy' in sys.modules else 'LIGHT', file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().endswith("LIGHT")
