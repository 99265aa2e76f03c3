"""`mrt crawl` end to end on recorded responses: re-crawls, closing, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner
from sqlalchemy import select

from pipelines.cli import cli
from pipelines.store.db import open_store
from pipelines.store.postings import postings
from pipelines.store.schema import crawl_run_sources, crawl_runs
from scraper.runner import RECORDINGS

SOURCES = """
sources:
  - kind: greenhouse
    board: harrowgate
    company: Harrowgate Valley Medical Center
  - kind: lever
    site: prairiehealth
"""


def setup(tmp_path: Path) -> tuple[Path, Path]:
    tapes = tmp_path / "tapes"
    tapes.mkdir()
    for name in ("greenhouse-harrowgate.yaml", "lever-prairiehealth.yaml"):
        shutil.copy(RECORDINGS / name, tapes / name)
    sources = tmp_path / "sources.yaml"
    sources.write_text(SOURCES)
    return tapes, sources


def remove_greenhouse_job(tapes: Path, job_id: int) -> None:
    path = tapes / "greenhouse-harrowgate.yaml"
    cassette = yaml.safe_load(path.read_text())
    listing = cassette["interactions"][0]["response"]["body"]
    data = json.loads(listing["string"])
    data["jobs"] = [j for j in data["jobs"] if j["id"] != job_id]
    listing["string"] = json.dumps(data)
    path.write_text(yaml.safe_dump(cassette))


def stored(db: str) -> dict[str, dict]:
    store = open_store(db)
    with store.engine.connect() as conn:
        result = {r.source_id: dict(r._mapping) for r in conn.execute(select(postings))}
    store.dispose()
    return result


def crawl(db: str, sources: Path, tapes: Path, *extra: str):
    args = ["crawl", "--sources", str(sources), "--replay", str(tapes), "--db", db, *extra]
    return CliRunner().invoke(cli, args)


def test_crawl_twice_then_a_vanished_posting_closes(tmp_path: Path) -> None:
    tapes, sources = setup(tmp_path)
    db = f"sqlite:///{tmp_path / 'mrt.sqlite'}"
    first = crawl(db, sources, tapes)
    assert first.exit_code == 0, first.output
    assert "greenhouse:harrowgate" in first.output and "complete" in first.output
    before = stored(db)
    assert len(before) == 7

    second = crawl(db, sources, tapes)
    assert second.exit_code == 0, second.output
    after = stored(db)
    assert set(after) == set(before)  # no duplicates
    for key, row in after.items():
        assert row["last_seen"] > before[key]["last_seen"]
        assert row["first_seen"] == before[key]["first_seen"]
        assert row["closed_at"] is None

    remove_greenhouse_job(tapes, 4100103)
    third = crawl(db, sources, tapes)
    assert third.exit_code == 0, third.output
    final = stored(db)
    assert final["harrowgate:4100103"]["closed_at"] is not None
    assert sum(r["closed_at"] is not None for r in final.values()) == 1

    store = open_store(db)
    with store.engine.connect() as conn:
        runs = conn.execute(select(crawl_runs.c.status)).scalars().all()
        last = conn.execute(
            select(crawl_run_sources).where(crawl_run_sources.c.feed == "greenhouse:harrowgate")
            .order_by(crawl_run_sources.c.id.desc())
        ).first()  # fmt: skip
    store.dispose()
    assert runs == ["finished"] * 3
    assert (last.closed, last.new, last.items, last.complete) == (1, 0, 4, True)
    assert last.dropped == {"not_relevant": 1}
    # The board's list only: its 3 relevant jobs are listed unchanged since their pay
    # calls of the first crawl, so they are marked seen without those calls.
    assert last.finish_reason == "finished" and last.requests == 1
    assert last.stats["mrt/store/seen"] == 3 and last.stats["mrt/fetch/seen"] == 3


def test_a_failed_crawl_closes_nothing_and_exits_1(tmp_path: Path) -> None:
    tapes, sources = setup(tmp_path)
    db = f"sqlite:///{tmp_path / 'mrt.sqlite'}"
    assert crawl(db, sources, tapes).exit_code == 0
    path = tapes / "greenhouse-harrowgate.yaml"
    cassette = yaml.safe_load(path.read_text())
    cassette["interactions"][0]["response"]["body"]["string"] = '{"jobs": [{"id": 41'
    path.write_text(yaml.safe_dump(cassette))
    result = crawl(db, sources, tapes)
    assert result.exit_code == 1
    assert "greenhouse:harrowgate" in result.output and "failed" in result.output
    assert all(r["closed_at"] is None for r in stored(db).values())


def test_source_kind_filter_and_keep_all(tmp_path: Path) -> None:
    tapes, sources = setup(tmp_path)
    db = f"sqlite:///{tmp_path / 'mrt.sqlite'}"
    result = crawl(db, sources, tapes, "--source-kind", "lever", "--all")
    assert result.exit_code == 0, result.output
    rows = stored(db)
    assert {r["source"] for r in rows.values()} == {"lever"}
    assert len(rows) == 4 and sum(not r["relevant"] for r in rows.values()) == 1


def test_bad_sources_exit_2_with_one_line(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'mrt.sqlite'}"
    cases = {
        "unknown.yaml": "- kind: monster\n  board: x\n",
        "missing.yaml": "- kind: lever\n",
        "broken.yaml": "- kind: lever\n  site: [unclosed\n",
        "shape.yaml": "kind: lever\n",
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text)
        result = CliRunner().invoke(cli, ["crawl", "--sources", str(path), "--db", db])
        assert result.exit_code == 2, (name, result.output)
        assert len(result.output.strip().splitlines()) == 1, result.output
    missing = CliRunner().invoke(cli, ["crawl", "--sources", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2 and "cannot read" in missing.output


def test_usajobs_without_a_key_is_skipped_not_a_crash(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("USAJOBS_API_KEY", raising=False)
    monkeypatch.delenv("USAJOBS_EMAIL", raising=False)
    sources = tmp_path / "s.yaml"
    sources.write_text("- kind: usajobs\n- kind: greenhouse\n  board: busy\n  pay: false\n")
    db = f"sqlite:///{tmp_path / 'mrt.sqlite'}"
    edge = Path(__file__).resolve().parents[1] / "fixtures" / "cassettes" / "edge"
    from scraper.runner import crawl as run_crawl
    from scraper.sources import load_sources

    summary = run_crawl(load_sources(sources), db, settings={"MRT_REPLAY_DIR": str(edge),
                        "ROBOTSTXT_OBEY": False, "RETRY_AFTER_MAX_SECONDS": 0})  # fmt: skip
    feeds = {f.feed: f for f in summary.feeds}
    assert feeds["usajobs:0675-0669"].skipped.startswith("USAJOBS_API_KEY")
    assert not summary.failed_feeds and feeds["greenhouse:busy"].stored == 1


def test_default_sources_file_is_valid() -> None:
    from scraper.sources import load_sources

    sources = load_sources()
    assert {s["kind"] for s in sources} >= {"greenhouse", "lever", "workday", "usajobs"}
