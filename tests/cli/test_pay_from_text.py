"""`mrt postings` and `mrt match` show pay stated only in the text, marked as such."""

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

PROFILE = Path(__file__).parents[1] / "fixtures" / "resumes" / "rhia_manager.yaml"


@pytest.fixture(scope="module")
def pay_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('pay') / 'mrt.sqlite'}"
    b = StoreBuilder()
    rhit = [("credential", "RHIT", "required")]
    b.posting(title="Text Pay Coder", x_salary=(20.0, 27.0, "hour"), reqs=rhit)
    b.posting(
        title="Posted Pay Coder",
        salary_min=18.0,
        salary_max=22.0,
        salary_period="hour",
        x_salary=(99.0, 99.0, "hour"),  # structured pay wins over what the text says
        reqs=rhit,
    )
    b.posting(title="No Pay Coder", reqs=rhit)
    b.write(open_store(url)).dispose()
    return url


def run(*args: str) -> str:
    result = CliRunner(env={"COLUMNS": "250"}).invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def lines_with(out: str, word: str) -> str:
    return "\n".join(line for line in out.splitlines() if word in line)


def test_postings_table_marks_pay_from_text(pay_db: str) -> None:
    out = run("postings", "--db", pay_db)
    assert "$20.00-27.00/hr (from text)" in lines_with(out, "Text Pay")
    posted = lines_with(out, "Posted Pay")
    assert "$18.00-22.00/hr" in posted and "from text" not in posted and "99" not in posted
    assert "$" not in lines_with(out, "No Pay")


def test_postings_jsonl_and_csv_carry_pay_source(pay_db: str) -> None:
    rows = {
        r["title"]: r
        for r in map(json.loads, run("postings", "--format", "jsonl", "--db", pay_db).splitlines())
    }
    pay = {
        t: (r["salary_min"], r["salary_max"], r["salary_period"], r["pay_source"])
        for t, r in rows.items()
    }
    assert pay == {
        "Text Pay Coder": (20.0, 27.0, "hour", "text"),
        "Posted Pay Coder": (18.0, 22.0, "hour", "posted"),
        "No Pay Coder": (None, None, None, None),
    }
    table = csv.DictReader(io.StringIO(run("postings", "--format", "csv", "--db", pay_db)))
    assert {r["title"]: r["pay_source"] for r in table} == {
        "Text Pay Coder": "text",
        "Posted Pay Coder": "posted",
        "No Pay Coder": "",
    }


def test_match_marks_pay_from_text(pay_db: str) -> None:
    out = run("match", str(PROFILE), "--db", pay_db)
    assert "$20.00–$27.00/hour (from text)" in lines_with(out, "Text Pay")
    assert "from text" not in lines_with(out, "Posted Pay")
    data = json.loads(run("match", str(PROFILE), "--db", pay_db, "--format", "json"))
    listed = {p["title"]: (p["salary_min"], p["pay_source"]) for p in data["qualified_postings"]}
    assert listed == {
        "Text Pay Coder": (20.0, "text"),
        "Posted Pay Coder": (18.0, "posted"),
        "No Pay Coder": (None, None),
    }
    assert not any(k.startswith("text_salary") for p in data["qualified_postings"] for k in p)
