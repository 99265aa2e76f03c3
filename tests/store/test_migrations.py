from sqlalchemy import inspect

from pipelines.store import open_store


def test_open_store_creates_every_table_and_is_idempotent(db_url):
    store = open_store(db_url)
    open_store(db_url).dispose()  # a second open migrates nothing and fails nothing
    tables = set(inspect(store.engine).get_table_names())
    assert {"postings", "crawl_runs", "crawl_run_sources", "extractions", "requirements"} <= tables
    store.dispose()


def _script():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from pipelines.store.db import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg, ScriptDirectory.from_config(cfg)


def test_the_migration_history_has_one_head():
    _, script = _script()
    assert len(script.get_heads()) == 1, script.get_heads()


def test_a_store_made_before_the_join_upgrades_in_place(tmp_path):
    from alembic import command
    from sqlalchemy import text

    from pipelines.store.db import make_engine, migrate

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    cfg, script = _script()
    with engine.begin() as conn:  # the schema as the two branches left it
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "m0002")
        command.upgrade(cfg, "s0002")
        conn.exec_driver_sql(
            "INSERT INTO crawl_runs (id, started_at, status) VALUES (1, '2026-01-01', 'complete')"
        )
    migrate(engine)
    with engine.connect() as conn:
        heads = {r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))}
        assert heads == set(script.get_heads())
        assert conn.execute(text("SELECT count(*) FROM crawl_runs")).scalar() == 1
    engine.dispose()


def test_schema_heads_read_from_the_files_match_alembic():
    from pipelines.store.db import schema_heads

    _, script = _script()
    assert schema_heads() == frozenset(script.get_heads())


def test_a_current_store_is_opened_without_alembic(tmp_path):
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'current.db'}"
    open_store(url).dispose()  # made and migrated once
    code = (
        "import sys; from pipelines.store import open_store; open_store(sys.argv[1]).dispose();"
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, url], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "False"
