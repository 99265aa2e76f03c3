from sqlalchemy import inspect

from pipelines.store import open_store


def test_open_store_creates_every_table_and_is_idempotent(db_url):
    store = open_store(db_url)
    open_store(db_url).dispose()  # a second open migrates nothing and fails nothing
    tables = set(inspect(store.engine).get_table_names())
    assert {"postings", "crawl_runs", "crawl_run_sources", "extractions", "requirements"} <= tables
    store.dispose()
