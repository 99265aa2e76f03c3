"""A posting in several states counts once in each state of the by-state tables and once in
every national figure; `--state` (report and `mrt postings`) finds it by any of its states;
the methodology says so. A store made before posting_locations upgrades in place."""

from __future__ import annotations

import json

from click.testing import CliRunner
from sqlalchemy import select

from pipelines.cli import cli
from pipelines.demand import DemandFilters, build_tables
from pipelines.demand.behind import behind_ids
from pipelines.demand.load import load_postings, load_requirements
from pipelines.report.methodology import PLACES_METHOD
from pipelines.store.db import open_store
from pipelines.store.postings import PostingWriter, posting_locations, query_postings


def place(city: str | None, state: str | None, raw: str, remote: bool | None = None) -> dict:
    return {"city": city, "state": state, "country": "US" if state else None,
            "location_raw": raw, "remote": remote}  # fmt: skip


def posting(source_id: str, *places: dict, **fields) -> dict:
    first = places[0] if places else {}
    row = {"source": "test", "source_id": source_id, "feed": "test:feed",
           "title": "Medical Records Technician", "company": "Acme Health",
           "description": "RHIT required.", "city": first.get("city"),
           "state": first.get("state"), "location_raw": first.get("location_raw"),
           "locations": [{"position": n, **p} for n, p in enumerate(places)]}  # fmt: skip
    return {**row, **fields}


def store_with_postings(db_url: str):
    store = open_store(db_url)
    PostingWriter(store).upsert([
        # Three duty stations, two states, one that names no place.
        posting("va-1", place("Muskogee", "OK", "Muskogee, Oklahoma"),
                place("Fayetteville", "AR", "Fayetteville, Arkansas"),
                place(None, None, "Location Negotiable After Selection")),
        posting("lv-2", place("Tulsa", "OK", "Tulsa, OK"), place("Norman", "OK", "Norman, OK"),
                remote=True),
        posting("gh-3", place("Little Rock", "AR", "Little Rock, AR"), company="Other Clinic"),
        posting("ab-4"),  # no place at all
    ])  # fmt: skip
    return store


def test_a_posting_counts_once_in_each_of_its_states(db_url: str) -> None:
    store = store_with_postings(db_url)
    try:
        tables = build_tables(store)
        by_state = tables["by_state"].set_index(tables["by_state"]["state"].fillna("--"))
        assert by_state.loc["OK", "postings"] == 2 and by_state.loc["AR", "postings"] == 2
        assert by_state.loc["--", "postings"] == 1
        assert set(by_state["denominator"]) == {4} and tables.n == 4  # national: once each
        assert by_state.loc["OK", "remote"] == 1
        assert by_state["postings"].sum() == 5  # more than the 4 postings: va-1 counts twice
        employers = tables["by_employer"].set_index("company")
        assert employers.loc["Acme Health", "states"] == 2
        # The postings behind a state's figure are exactly the ones it counts.
        postings = load_postings(store)
        ids = behind_ids(postings, load_requirements(store), "by_state", "AR")
        source_ids = dict(zip(postings["posting_id"], postings["source"].astype(str), strict=True))
        named = {r["id"]: r["source_id"] for r in query_postings(store)}
        assert sorted(named[i] for i in ids) == ["gh-3", "va-1"] and len(source_ids) == 4

        # --state finds a posting by any of its states, and the table keeps to those states.
        arkansas = build_tables(store, DemandFilters.build(state="AR"))
        assert arkansas.n == 2
        assert list(arkansas["by_state"]["state"]) == ["AR"]
        found = {r["source_id"]: r["states"] for r in query_postings(store, state="ar")}
        assert found == {"va-1": ["OK", "AR"], "gh-3": ["AR"]}
    finally:
        store.dispose()


def test_the_methodology_says_how_places_are_counted(db_url: str) -> None:
    assert "counts once in each state" in PLACES_METHOD
    store = store_with_postings(db_url)
    store.dispose()
    result = CliRunner().invoke(cli, ["report", "--format", "markdown", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert "counts once in each state" in " ".join(result.output.split())


def test_mrt_postings_state_finds_a_posting_by_any_of_its_states(db_url: str) -> None:
    store_with_postings(db_url).dispose()
    out = CliRunner().invoke(cli, ["postings", "--state", "AR", "--format", "jsonl",
                                   "--db", db_url])  # fmt: skip
    assert out.exit_code == 0, out.output
    records = {r["source_id"]: r for r in map(json.loads, out.output.splitlines())}
    assert set(records) == {"va-1", "gh-3"}
    assert records["va-1"]["state"] == "OK" and records["va-1"]["states"] == ["OK", "AR"]
    table = CliRunner().invoke(cli, ["postings", "--state", "AR", "--db", db_url])
    assert "+2 more" in table.output


def test_a_rewrite_replaces_the_places_and_a_store_from_before_is_backfilled(tmp_path) -> None:
    from alembic import command
    from alembic.config import Config

    from pipelines.store.db import MIGRATIONS, make_engine, migrate

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = make_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:  # the schema before posting_locations, one posting in it
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
        conn.exec_driver_sql(
            "INSERT INTO postings (id, source, source_id, feed, title, description, city, state,"
            " location_raw, content_hash, relevant, first_seen, last_seen) VALUES (1, 'test',"
            " 'old-1', 'test:feed', 'Coder', 'x', 'Tulsa', 'OK', 'Tulsa, OK', 'h', 1,"
            " '2026-01-01', '2026-01-01')"
        )
    migrate(engine)
    with engine.connect() as conn:
        stored = conn.execute(select(posting_locations)).all()
    assert [(r.posting_id, r.position, r.city, r.state) for r in stored] == [(1, 0, "Tulsa", "OK")]
    engine.dispose()
    store = open_store(url)
    try:
        writer = PostingWriter(store)
        two = posting("old-1", place("Tulsa", "OK", "Tulsa, OK"), place("Enid", "OK", "Enid, OK"))
        assert writer.upsert([two]).updated == 1
        one = posting("old-1", place("Enid", "OK", "Enid, OK"))
        assert writer.upsert([one]).updated == 1
        with store.engine.connect() as conn:
            stored = conn.execute(select(posting_locations.c.city)).scalars().all()
        assert stored == ["Enid"]
    finally:
        store.dispose()
