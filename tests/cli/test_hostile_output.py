"""Terminal escapes in posting text never reach stdout raw, whichever command prints it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from demand.builder import StoreBuilder

from pipelines.cli import cli
from pipelines.store.db import open_store

CLEAR = "\x1b[2J\x1b[H"
WINDOW_TITLE = "\x1b]0;you have been pwned\x07"
LINK = "\x1b]8;;https://evil.example/\x1b\\Apply here\x1b]8;;\x1b\\"
RLO = "\u202e"
C1_CSI = "\x9b31m"
TITLE = f"{CLEAR}Medical Records Technician{WINDOW_TITLE} {RLO}gpj.exe"
COMPANY = f"Acme{LINK} Health{C1_CSI}\x7f"
DESCRIPTION = (
    f"Requirements\n- RHIT required {CLEAR}\n- {LINK}\n- HIPAA {RLO}know-how\u2066x\u2069\r"
    "overwritten line"
)
# What a terminal acts on: ESC, BEL, C1 (CSI, OSC), DEL, CR, every bidi embedding/isolate.
RAW = ["\x1b", "\x07", "\x9b", "\x9d", "\x7f", "\r", *"\u202a\u202b\u202c\u202d\u202e"]
RAW += [*"\u2066\u2067\u2068\u2069"]
PROFILE = Path(__file__).parents[1] / "fixtures" / "resumes" / "rhia_manager.yaml"


def assert_inert(out: str) -> None:
    found = sorted({f"U+{ord(ch):04X}" for ch in RAW if ch in out})
    assert not found, f"raw control characters reached stdout: {found}"


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'mrt.sqlite'}"
    b = StoreBuilder()
    b.posting(
        title=TITLE,
        company=COMPANY,
        description=DESCRIPTION,
        state="TX",
        city=f"Austin{RLO}",
        url=f"https://example.org/job{CLEAR}",
        reqs=[("credential", "RHIT", "required"), ("skill", "hipaa", "required")],
    )
    b.write(open_store(url)).dispose()
    return url


def run(*args: str) -> str:
    runner = CliRunner(env={"COLUMNS": "250", "FORCE_COLOR": None, "TTY_COMPATIBLE": None})
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_postings_table_shows_escapes_as_text(hostile_db: str) -> None:
    out = run("postings", "--db", hostile_db)
    assert_inert(out)
    assert "\\x1b[2J" in out and "\\u202egpj.exe" in out and "\\x9b31m" in out


def test_postings_jsonl_stays_valid_and_lossless(hostile_db: str) -> None:
    out = run("postings", "--format", "jsonl", "--db", hostile_db)
    assert_inert(out)
    row = json.loads(out)
    assert (row["title"], row["company"], row["description"]) == (TITLE, COMPANY, DESCRIPTION)


def test_postings_csv(hostile_db: str) -> None:
    out = run("postings", "--format", "csv", "--db", hostile_db)
    assert_inert(out)
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["title"].startswith("\\x1b[2J")


def test_explain_stored_posting(hostile_db: str) -> None:
    out = run("explain", "1", "--db", hostile_db)
    assert_inert(out)
    assert "\\x1b]0;you have been pwned\\x07" in out
    assert "[RHIT required]" in out


def test_explain_file(tmp_path: Path) -> None:
    path = tmp_path / "posting.jsonl"
    posting = {"id": "x", "title": TITLE, "company": COMPANY, "description": DESCRIPTION}
    path.write_text(json.dumps(posting) + "\n", encoding="utf-8")
    out = run("explain", str(path))
    assert_inert(out)
    assert "\\u202e" in out


@pytest.mark.parametrize("fmt", ["table", "markdown", "json"])
def test_match(hostile_db: str, fmt: str) -> None:
    out = run("match", str(PROFILE), "--db", hostile_db, "--format", fmt)
    assert_inert(out)
    if fmt == "json":
        assert json.loads(out)["qualified_postings"][0]["title"] == TITLE
    else:
        assert "gpj.exe" in out


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_report_on_stdout(hostile_db: str, fmt: str) -> None:
    out = run("report", "--db", hostile_db, "--format", fmt)
    assert_inert(out)
    if fmt == "json":
        titles = [r["title"] for r in json.loads(out)["tables"]["by_title"]]
        assert titles == [TITLE]
    else:
        assert "\\\\x1b[2J" in out  # the escape, its backslash escaped for markdown
