"""The migrations build exactly the tables schema.py declares (no hand-run ALTERs needed)."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from pipelines.store import open_store
from pipelines.store.schema import metadata


def _shared(obj, name, type_, reflected, compare_to) -> bool:
    """Other areas' tables (the matcher's cache) are declared in their own MetaData."""
    table = obj if type_ == "table" else getattr(obj, "table", None)
    return table is None or table.name in metadata.tables


def _diffs_for_shared_tables(conn) -> list:
    context = MigrationContext.configure(conn, opts={"include_object": _shared})
    return compare_metadata(context, metadata)


def test_migrated_database_equals_the_declared_schema(db_url):
    store = open_store(db_url)
    try:
        with store.engine.connect() as conn:
            assert _diffs_for_shared_tables(conn) == []
    finally:
        store.dispose()
