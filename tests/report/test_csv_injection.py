"""Every CSV the project writes neutralises formula cells; numbers stay numbers."""

from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
import pytest
from click.testing import CliRunner
from demand.builder import StoreBuilder

from pipelines.cli import cli
from pipelines.report import write_report
from pipelines.safe_output import csv_cell, csv_frame, terminal_safe
from pipelines.store.db import open_store

FORMULAS = {
    '=HYPERLINK("https://evil.example","Apply")': '\'=HYPERLINK("https://evil.example","Apply")',
    "+1+cmd|' /C calc'!A0": "'+1+cmd|' /C calc'!A0",
    "-2+3": "'-2+3",
    "@SUM(A1:A9)": "'@SUM(A1:A9)",
    "\t=1+1": "'\t=1+1",
    "\r=1+1": "'\n=1+1",  # the carriage return itself becomes a newline
}
# The report folds whitespace in titles; the store holds the four that survive it.
STORED = dict(list(FORMULAS.items())[:4])


@pytest.mark.parametrize(("raw", "cell"), FORMULAS.items())
def test_formula_cells_get_a_leading_quote(raw: str, cell: str) -> None:
    assert csv_cell(raw) == cell


def test_other_cells_are_unchanged() -> None:
    assert csv_cell("Medical Coder - Remote") == "Medical Coder - Remote"
    assert csv_cell(-3.5) == -3.5 and csv_cell(None) is None and csv_cell(True) is True


def test_terminal_safe_makes_controls_visible() -> None:
    assert terminal_safe("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert terminal_safe("x\u202ey\u2066z\u2069") == "x\\u202ey\\u2066z\\u2069"
    assert terminal_safe("\x9b\x7f\x00") == "\\x9b\\x7f\\x00"
    assert terminal_safe("one\r\ntwo\rthree\tfour") == "one\ntwo\nthree\tfour"
    assert terminal_safe(None) == "" and terminal_safe(12) == "12"


def test_csv_frame_leaves_numeric_columns_numeric() -> None:
    frame = pd.DataFrame(
        {"title": ["=1+1", "Coder"], "delta": [-2.5, 3.0], "n": [-1, 2], "ok": [True, False]}
    )
    out = csv_frame(frame)
    assert out["title"].tolist() == ["'=1+1", "Coder"]
    pd.testing.assert_frame_equal(out[["delta", "n", "ok"]], frame[["delta", "n", "ok"]])
    back = pd.read_csv(io.StringIO(out.to_csv(index=False)))
    assert back["delta"].tolist() == [-2.5, 3.0] and back["n"].dtype.kind == "i"


@pytest.fixture(scope="module")
def formula_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('formula') / 'mrt.sqlite'}"
    b = StoreBuilder()
    for i, raw in enumerate(STORED):
        b.posting(
            title=raw,
            company=f"@Employer {i}" if i % 2 else f"-Employer {i}",
            salary_min=18.0 + i,
            salary_max=22.0 + i,
            salary_period="hour",
            reqs=[("credential", "RHIT", "required")],
        )
    b.write(open_store(url)).dispose()
    return url


def test_report_csv_tables_are_neutralised(formula_db: str, tmp_path) -> None:
    out = write_report(formula_db, tmp_path / "csv", "csv", day=date(2026, 4, 1))
    titles = pd.read_csv(out / "by_title.csv", keep_default_na=False)
    assert sorted(titles["title"]) == sorted(STORED.values())
    assert titles["postings"].dtype.kind == "i" and titles["share"].dtype.kind == "f"
    employers = pd.read_csv(out / "by_employer.csv", keep_default_na=False)
    assert all(name.startswith("'") for name in employers["company"])
    pay = pd.read_csv(out / "pay.csv")
    assert pay.loc[0, "minimum"] == 18.0 and pay["median"].dtype.kind == "f"
    for path in out.glob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))):
            assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in row), path


def test_postings_csv_is_neutralised(formula_db: str) -> None:
    result = CliRunner().invoke(cli, ["postings", "--format", "csv", "--db", formula_db])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert sorted(r["title"] for r in rows) == sorted(STORED.values())
    assert all(r["company"][0] == "'" for r in rows)
    assert sorted(float(r["salary_min"]) for r in rows) == [18.0 + i for i in range(len(rows))]
