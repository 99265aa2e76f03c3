"""The database every stage shares: SQLite by default, PostgreSQL by URL."""

from pipelines.store.db import Store, default_db_url, open_store

__all__ = ["Store", "default_db_url", "open_store"]
