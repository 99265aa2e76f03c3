"""Shared fixtures: a fresh store on SQLite and, where a server answers, on PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.store import Store, open_store

FIXTURES = Path(__file__).parent / "fixtures"
POSTGRES_URL = os.environ.get("MRT_TEST_POSTGRES_URL", "")


@pytest.fixture(scope="session", autouse=True)
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The saved spaCy pipeline (pipelines.extract.saved) goes to a folder of the test run,
    never the user's ~/.cache; commands started in subprocesses inherit it."""
    folder = tmp_path_factory.mktemp("mrt-cache")
    folder.chmod(0o700)
    previous = os.environ.get("MRT_CACHE_DIR")
    os.environ["MRT_CACHE_DIR"] = str(folder)
    yield
    if previous is None:
        os.environ.pop("MRT_CACHE_DIR", None)
    else:
        os.environ["MRT_CACHE_DIR"] = previous


def _postgres_or_skip() -> str:
    if not POSTGRES_URL:
        pytest.skip("MRT_TEST_POSTGRES_URL is not set (no PostgreSQL server to test against)")
    import psycopg

    try:
        psycopg.connect(POSTGRES_URL.replace("+psycopg", ""), connect_timeout=3).close()
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL at MRT_TEST_POSTGRES_URL does not answer: {exc}".splitlines()[0])
    return POSTGRES_URL


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL to a private, empty schema of the test server, dropped afterwards."""
    import psycopg

    base = _postgres_or_skip()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'mrt.sqlite'}"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each test using it runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'mrt.sqlite'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = open_store(db_url)
    yield s
    s.dispose()
