"""Hostile input at the command line (issue 10): `mrt match` on bombs and binary files,
read-only commands given a database that does not exist, numbers JSON cannot hold."""

from __future__ import annotations

import codecs
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "matcher"))
from fixture_market import build_market  # noqa: E402
from resume_files import write_docx_bomb  # noqa: E402

from pipelines.cli import cli  # noqa: E402
from pipelines.cli.errors import run_cli  # noqa: E402
from pipelines.store import open_store  # noqa: E402

MRT = Path(sys.executable).with_name("mrt")
SAMPLE = Path(__file__).parents[2] / "matcher" / "samples" / "sample_resume.md"
# A normal `mrt match` on a DOCX peaks near 300 MB of address space; inflating the bomb
# would need several times this.
ADDRESS_SPACE = 1 << 30


@pytest.fixture
def market_db(sqlite_url: str) -> str:
    store = open_store(sqlite_url)
    build_market(store)
    store.dispose()
    return sqlite_url


def mrt(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    """Run `mrt ARGS` in-process through the real entry point: (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["mrt", *map(str, args)])
    code = run_cli(cli)
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert len(lines[0]) <= 250
    return lines[0]


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


@pytest.mark.skipif(not MRT.exists(), reason="the mrt script is not installed next to python")
def test_match_on_a_docx_bomb_stops_fast_in_little_memory(market_db, tmp_path):
    bomb = write_docx_bomb(tmp_path / "resume.docx")  # ~3 MB on disk, 1 GB unpacked
    start = time.monotonic()
    done = subprocess.run(
        [str(MRT), "match", str(bomb), "--db", market_db],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
    )
    assert done.returncode == 2, done.stderr[-2000:]
    assert time.monotonic() - start < 15
    assert "MRT_DOCX_MAX_UNPACKED" in one_line(done.stderr) and not done.stdout


def test_match_refuses_a_binary_file_named_txt(monkeypatch, capsys, market_db, tmp_path):
    binary = tmp_path / "resume.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    code, out, err = mrt(monkeypatch, capsys, "match", binary, "--db", market_db)
    assert code == 2 and not out
    assert "resume.txt" in one_line(err)


def test_match_reads_a_utf16_resume_like_utf8(monkeypatch, capsys, market_db, tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    profiles = []
    for name, data in [
        ("utf8.txt", text.encode("utf-8")),
        ("utf16.txt", codecs.BOM_UTF16_LE + text.encode("utf-16-le")),
        ("utf16-nobom.txt", text.encode("utf-16-be")),
    ]:
        (tmp_path / name).write_bytes(data)
        saved = tmp_path / f"{name}.json"
        args = ("match", tmp_path / name, "--db", market_db, "--save-profile", saved)
        code, _, err = mrt(monkeypatch, capsys, *args)
        assert code == 0, err
        profiles.append(json.loads(saved.read_text()))
    assert profiles[0]["credentials"] and profiles[0] == profiles[1] == profiles[2]


@pytest.mark.parametrize(
    "years", ["NaN", "Infinity", "-Infinity", "1e400", "9223372036854775808", "-1"]
)
def test_impossible_years_are_one_line_and_json_stays_valid(
    monkeypatch, capsys, market_db, tmp_path, years
):
    profile = tmp_path / "me.json"
    profile.write_text(f'{{"credentials": ["RHIT"], "years_experience": {years}}}')
    code, out, err = mrt(
        monkeypatch, capsys, "match", profile, "--db", market_db, "--format", "json"
    )
    assert code == 2 and not out
    assert "years_experience" in one_line(err)
    profile.write_text('{"credentials": ["RHIT"], "years_experience": 80}')
    code, out, err = mrt(
        monkeypatch, capsys, "match", profile, "--db", market_db, "--format", "json"
    )
    assert code == 0, err

    def no_constants(name: str) -> None:
        raise AssertionError(f"{name} in JSON output")

    json.loads(out, parse_constant=no_constants)


@pytest.mark.parametrize(
    "command",
    [
        ["postings"],
        ["report", "--format", "json"],
        ["match", str(SAMPLE)],
        ["explain", "1"],
    ],
    ids=["postings", "report", "match", "explain"],
)
def test_read_only_commands_refuse_a_missing_database(monkeypatch, capsys, tmp_path, command):
    missing = tmp_path / "typo" / "mrt.sqlite"
    for db in (str(missing), f"sqlite:///{missing}"):
        code, out, err = mrt(monkeypatch, capsys, *command, "--db", db)
        assert code == 2 and not out
        assert "no database at" in one_line(err)
    assert not missing.parent.exists()
    monkeypatch.setenv("MRT_DB", f"sqlite:///{missing}")
    code, _, err = mrt(monkeypatch, capsys, *command)
    assert code == 2 and "no database at" in err and not missing.exists()


def test_writing_commands_still_create_the_database(monkeypatch, capsys, tmp_path):
    lines = tmp_path / "postings.jsonl"
    lines.write_text('{"id": "x1", "title": "Medical Records Technician"}\n')
    db = tmp_path / "new" / "mrt.sqlite"
    code, _, err = mrt(monkeypatch, capsys, "import", lines, "--db", db)
    assert code == 0, err
    code, out, _ = mrt(monkeypatch, capsys, "postings", "--db", db, "--format", "jsonl")
    assert code == 0 and json.loads(out)["source_id"] == "x1"


def test_a_long_database_url_is_cut_in_the_message(monkeypatch, capsys, tmp_path):
    long_path = tmp_path / ("d" * 200) / "mrt.sqlite"
    code, _, err = mrt(monkeypatch, capsys, "postings", "--db", long_path)
    assert code == 2 and "…" in one_line(err)


# ---------------------------------------------------------------- mrt import


def _posting(i: int, **fields) -> bytes:
    record = {"id": f"g{i}", "title": "Medical Records Technician", "company": "Acme",
              "location": "Tulsa, OK", "description": "RHIT required", **fields}  # fmt: skip
    return json.dumps(record).encode() + b"\n"


def _stored_ids(db: str) -> set[str]:
    from pipelines.store.postings import query_postings

    store = open_store(db)
    try:
        return {r["source_id"] for r in query_postings(store, relevant_only=False)}
    finally:
        store.dispose()


def test_import_skips_each_bad_line_and_stores_every_good_one(
    monkeypatch, capsys, db_url, tmp_path
):
    bad_lines = [
        json.dumps({"id": "b1", "title": "Coder", "description": 12345}).encode(),
        json.dumps({"id": "b2", "title": "Coder", "company": ["a", "b"]}).encode(),
        b'{"id": "b3", "title": "Coder", "salary": 99999999999999999999999}',
        b'{"id": "b4", "title": "Coder", "salary": NaN}',
        b'{"id": "b5", "title": "Coder", "x": 1e400}',
        b'{"id": "b6", "title": "Coder \xff\xfe"}',
        b"[" * 1_500,
        b'"just text"',
        b'{"id": "b9", "title": "' + b"x" * 3000 + b'"}',  # over the line limit set below
        b'{"id": "b10", "title": "Coder", "raw": {"n": -9223372036854775809}}',
    ]
    data = _posting(0, description="RHIT\x00 required")  # the store drops the NUL
    data += b"".join(_posting(i) for i in range(1, 600))
    data += b"".join(line + b"\n" + _posting(1000 + i) for i, line in enumerate(bad_lines))
    path = tmp_path / "postings.jsonl"
    path.write_bytes(data)
    monkeypatch.setenv("MRT_IMPORT_MAX_LINE_BYTES", "2000")
    code, out, err = mrt(monkeypatch, capsys, "import", path, "--db", db_url)
    assert code == 1
    assert f"Imported {600 + len(bad_lines)} posting(s)" in out
    assert f"{len(bad_lines)} line(s) rejected" in out
    reported = err.strip().splitlines()
    assert [line.split(":")[0] for line in reported] == [
        f"postings.jsonl line {601 + 2 * i}" for i in range(len(bad_lines))
    ]
    assert all(len(line) < 160 for line in reported)
    for needle in ("'description' must be text", "'company' must be text, not a list",
                   "64-bit", "NaN", "out of range", "not UTF-8 text (byte",
                   "nested too deeply", "not a JSON object (text)",
                   "longer than 2,000 bytes (MRT_IMPORT_MAX_LINE_BYTES)", "64-bit"):  # fmt: skip
        assert needle in err
    ids = _stored_ids(db_url)
    assert len(ids) == 600 + len(bad_lines) and not any(i.startswith("b") for i in ids)


def test_import_reports_a_capped_number_of_lines(monkeypatch, capsys, sqlite_url, tmp_path):
    path = tmp_path / "junk.data"  # no telling extension: read as JSON Lines
    path.write_bytes(b"{" + b"\n".join(b"\x00\x01 binary %d" % i for i in range(100)) + b"\n")
    code, out, err = mrt(monkeypatch, capsys, "import", path, "--db", sqlite_url)
    assert code == 1 and "Imported 0 posting(s)" in out and "100 line(s) rejected" in out
    lines = err.strip().splitlines()
    assert len(lines) == 21 and lines[-1] == "junk.data: 80 more line(s) rejected, not listed"


def test_import_csv_bad_rows_are_skipped(monkeypatch, capsys, sqlite_url, tmp_path):
    header = b"id,site,job_url,title,company,location,description,min_amount,max_amount,interval\n"
    rows = [
        b'c1,indeed,https://x/1,Medical Coder,Acme,"Tulsa, OK",CPC required,,,\n',
        b'c2,indeed,https://x/2,Medical Coder \xff,Acme,"Tulsa, OK",bad byte,,,\n',
        b'c3,indeed,https://x/3,Medical Coder,Acme,"Tulsa, OK","two\nlines \xfe",,,\n',
        b'c4,indeed,https://x/4,Medical Coder,Acme,"Tulsa, OK",huge pay,1e999,1e999,yearly\n',
        b'c5,indeed,https://x/5,Medical Coder,Acme,"Tulsa, OK",' + b"y" * 3000 + b",,,\n",
        b'c6,indeed,https://x/6,Medical Coder,Acme,"Tulsa, OK",fine,,,\n',
    ]
    path = tmp_path / "jobs.csv"
    path.write_bytes(header + b"".join(rows))
    monkeypatch.setenv("MRT_IMPORT_MAX_LINE_BYTES", "2000")
    code, out, err = mrt(monkeypatch, capsys, "import", path, "--db", sqlite_url)
    assert code == 1 and "Imported 2 posting(s)" in out, err
    assert "line 3: not UTF-8 text (byte 37)" in err and "line 5: not UTF-8 text" in err
    assert "line 6: 'salary_m" in err and "holds inf" in err and "line 7: longer than 2,000" in err
    assert _stored_ids(sqlite_url) == {"indeed:c1", "indeed:c6"}


def test_rows_the_database_refuses_are_skipped_one_by_one(
    monkeypatch, capsys, sqlite_url, tmp_path
):
    from pipelines.store.postings import PostingWriter

    upsert = PostingWriter.upsert

    def picky(self, rows, now=None):
        if any(r["source_id"] == "g3" for r in rows):
            raise OverflowError("Python int too large to convert to SQLite INTEGER")
        return upsert(self, rows, now)

    monkeypatch.setattr(PostingWriter, "upsert", picky)
    path = tmp_path / "p.jsonl"
    path.write_bytes(b"".join(_posting(i) for i in range(6)))
    code, out, err = mrt(monkeypatch, capsys, "import", path, "--db", sqlite_url)
    assert code == 1 and "Imported 5 posting(s)" in out
    assert one_line(err) == "p.jsonl line 4: the database refused it (OverflowError)"
    assert _stored_ids(sqlite_url) == {f"g{i}" for i in range(6)} - {"g3"}


def test_import_refuses_utf16_as_a_whole(monkeypatch, capsys, sqlite_url, tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_bytes(codecs.BOM_UTF16_LE + _posting(1).decode().encode("utf-16-le"))
    code, _, err = mrt(monkeypatch, capsys, "import", path, "--db", sqlite_url)
    assert code == 2 and "UTF-16" in one_line(err)


@pytest.mark.parametrize(
    "command",
    [
        ["match", Path(__file__).parents[1] / "fixtures" / "resumes" / "rhia_manager.yaml",
         "--posting", "9" * 30],
        ["match", Path(__file__).parents[1] / "fixtures" / "resumes" / "rhia_manager.yaml",
         "--posting", "²"],
        ["explain", "9" * 30],
        ["postings", "--limit", "9" * 30],
    ],
    ids=["match-posting", "match-posting-digit", "explain", "postings-limit"],
)  # fmt: skip
def test_numbers_beyond_64_bits_on_the_command_line(monkeypatch, capsys, market_db, command):
    code, out, err = mrt(monkeypatch, capsys, *command, "--db", market_db)
    assert code == 2 and not out
    one_line(err.strip().splitlines()[-1])
    assert "Traceback" not in err
