"""Open the store by URL and bring its schema to the current migration."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from pipelines.untrusted import shown

MIGRATIONS = Path(__file__).with_name("migrations")
DEFAULT_DB_PATH = Path("data") / "mrt.sqlite"


class StoreError(RuntimeError):
    """The database cannot be opened or migrated; the message is shown to the user."""


def default_db_url() -> str:
    """``MRT_DB`` when set, else a SQLite file under ./data/ of the working directory."""
    return os.environ.get("MRT_DB") or f"sqlite:///{DEFAULT_DB_PATH}"


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def normalise_url(url: str) -> str:
    """Accept the URLs users paste (``postgresql://``, ``postgres://``, a bare path)."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL lets a report read while a crawl writes; busy_timeout makes a second writer
    # wait instead of failing at once.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


@dataclass
class Store:
    """A migrated database: use ``begin()`` for a transaction, ``engine`` for reads."""

    engine: Engine
    url: str

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


_REVISION = re.compile(r"^revision\s*=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\s*=\s*(.+)$", re.MULTILINE)


@lru_cache(maxsize=1)
def schema_heads() -> frozenset[str]:
    """The head revisions of the migrations folder, read from the files' own `revision` and
    `down_revision` lines: knowing whether a store is current must not cost Alembic's import
    (~0.4 s) on every command that opens one."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for file in (MIGRATIONS / "versions").glob("*.py"):
        text = file.read_text(encoding="utf-8")
        found = _REVISION.search(text)
        if found:
            revisions.add(found.group(1))
        down = _DOWN.search(text)
        if down:
            parents.update(re.findall(r"[\"']([^\"']+)[\"']", down.group(1)))
    return frozenset(revisions - parents)


def _is_current(engine: Engine) -> bool:
    """Whether the store already stands at every head (then there is nothing to migrate)."""
    try:
        with engine.connect() as conn:
            stamped = {
                row[0] for row in conn.exec_driver_sql("SELECT version_num FROM alembic_version")
            }
    except SQLAlchemyError:
        return False  # a new store: no version table yet
    return stamped == schema_heads()


def migrate(engine: Engine) -> None:
    """Upgrade the schema to every migration head (idempotent, one transaction).

    The history is one line from 0002 on (0002 joins the two early branches); "heads" also
    takes a store made before the join through it. A store already current is left alone
    without loading Alembic.
    """
    if _is_current(engine):
        return
    # Imported here: Alembic costs ~0.4 s at start-up and only migrations need it.
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Two crawlers starting at once must not both create the tables.
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(727274)")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL; None for another database or an in-memory one."""
    parsed = make_url(normalise_url(url))
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if parsed.query.get("uri") == "true":  # sqlite:///file:name?mode=ro&uri=true
        return None
    return Path(database).expanduser()


def open_store(
    url: str | None = None, *, migrate_schema: bool = True, create: bool = True
) -> Store:
    """Connect to ``url`` (default: :func:`default_db_url`) and migrate it.

    ``create=False`` is for commands that only read (postings, report, match, explain): a
    SQLite file that does not exist is an error, not a new empty database showing nothing
    (a mistyped ``--db``). PostgreSQL databases are never created here.
    """
    url = url or default_db_url()
    if not create:
        try:
            path = sqlite_file(url)
        except Exception as exc:  # noqa: BLE001 - a malformed URL: one line
            raise StoreError(
                f"not a database URL: '{shown(url)}' ({exc.__class__.__name__})"
            ) from exc
        if path is not None and not path.exists():
            raise StoreError(
                f"no database at {shown(path)}: check --db or MRT_DB "
                "(mrt crawl, mrt import or mrt demo create one)"
            )
    try:
        engine = make_engine(url)
        if migrate_schema:
            migrate(engine)
    except Exception as exc:  # noqa: BLE001 - one clear line for the CLI
        try:
            where = make_url(normalise_url(url)).render_as_string(hide_password=True)
        except Exception:  # noqa: BLE001 - the URL itself is what is wrong
            where = "(malformed URL)"
        first_line = str(exc).splitlines()[0] if str(exc) else ""
        raise StoreError(
            f"cannot open database {shown(where)}: {exc.__class__.__name__}: {shown(first_line)}"
        ) from exc
    return Store(engine=engine, url=url)
