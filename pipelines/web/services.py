"""What the web app loads once and shares between requests.

The store is opened read only (a SQLite connection with ``query_only``, a PostgreSQL
session whose transactions are read only), after checking that its schema is current
(the app never migrates it). The extractor, vocabulary, scoring weights and display names
are loaded at start-up; the market index is loaded at start-up and reloaded when `mrt
extract` rebuilds it; demand frames and tables are computed per filter set and kept
while the store does not change.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Engine, event, select

from pipelines.demand import DemandFilters, load_postings, load_requirements, sample_postings
from pipelines.demand.tables import DemandTables, clip_to_window, compute_tables
from pipelines.store.db import Store, StoreError, open_store
from pipelines.web.settings import WebSettings

log = logging.getLogger("mrt.web")


def _read_only_connection(dbapi_conn: Any, _record: Any) -> None:
    """Every connection of the app refuses writes, whatever a bug might try."""
    module = type(dbapi_conn).__module__
    if module.startswith("sqlite3"):
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA query_only = ON")
        cursor.close()
        return
    autocommit = dbapi_conn.autocommit
    dbapi_conn.autocommit = True
    try:
        dbapi_conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    finally:
        dbapi_conn.autocommit = autocommit


def check_schema(engine: Engine) -> None:
    """Refuse a store whose schema is not at every migration head (the app never migrates)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from pipelines.store.db import MIGRATIONS

    heads = set(ScriptDirectory(str(MIGRATIONS)).get_heads())
    with engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
    if not current:
        raise StoreError(
            "the database holds no mrt store yet: run mrt crawl, mrt import or mrt demo"
        )
    if current != heads:
        raise StoreError(
            "the store's schema is not the current one: run mrt extract (or any command that "
            "writes) once to migrate it; the web app only reads"
        )


def open_read_only(url: str | None) -> Store:
    """The store at ``url``, which must exist, with read-only connections."""
    store = open_store(url, create=False, migrate_schema=False)
    event.listen(store.engine, "connect", _read_only_connection)
    try:
        check_schema(store.engine)
    except StoreError:
        store.dispose()
        raise
    except Exception as exc:  # noqa: BLE001 - a database that does not answer: one line
        store.dispose()
        first = str(exc).splitlines()[0] if str(exc) else ""
        raise StoreError(f"cannot read the database: {exc.__class__.__name__}: {first}") from exc
    return store


class MarketHolder:
    """The market index as last built by `mrt extract`, reloaded when it is rebuilt."""

    def __init__(self, store: Store, refresh_seconds: float) -> None:
        self.store = store
        self.refresh = refresh_seconds
        self.index = None
        self.fingerprint: str | None = None
        self.built_at = None
        self._checked = 0.0
        self._lock = threading.Lock()
        self.reload()

    def _state(self) -> tuple[str | None, Any]:
        from matcher.cache_tables import match_cache_state

        query = select(match_cache_state.c.fingerprint, match_cache_state.c.built_at).where(
            match_cache_state.c.id == 1
        )
        with self.store.engine.connect() as conn:
            row = conn.execute(query).first()
        return (row.fingerprint, row.built_at) if row else (None, None)

    def reload(self) -> None:
        from matcher.signatures import cached_index

        fingerprint, built_at = self._state()
        if fingerprint != self.fingerprint or self.index is None:
            self.index = cached_index(self.store) if fingerprint else None
            self.fingerprint, self.built_at = fingerprint, built_at
            if self.index is None:
                log.warning("no market index in the store yet: run mrt extract to build it")
        self._checked = time.monotonic()

    def current(self):
        """The index (None when never built), checked against the store at most every
        ``refresh`` seconds."""
        if time.monotonic() - self._checked > self.refresh:
            with self._lock:
                if time.monotonic() - self._checked > self.refresh:
                    self.reload()
        return self.index


@dataclass
class DemandView:
    """One filter set's frames and tables, and its sample ordered newest first."""

    filters: DemandFilters
    postings: pd.DataFrame
    requirements: pd.DataFrame
    tables: DemandTables
    newest_first: np.ndarray
    extras: dict[str, Any] = field(default_factory=dict)  # display caches, per view


class DemandCache:
    """Demand views by filter set, least recently used dropped past ``size``; all of them
    dropped when the store's data version changes."""

    def __init__(self, store: Store, categories: dict[str, str], size: int, refresh: float):
        self.store = store
        self.categories = categories
        self.size = size
        self.refresh = refresh
        self.version: str | None = None
        self._checked = 0.0
        self._views: OrderedDict[DemandFilters, DemandView] = OrderedDict()
        self._building: dict[DemandFilters, threading.Lock] = {}
        self._lock = threading.Lock()

    def data_version(self) -> str:
        """Changes when a posting or extraction changes (checked every ``refresh`` s)."""
        from matcher.signatures import market_fingerprint

        now = time.monotonic()
        if self.version is None or now - self._checked > self.refresh:
            with self.store.engine.connect() as conn:
                version = market_fingerprint(conn)
            with self._lock:
                if version != self.version:
                    self._views.clear()
                    self.version = version
                self._checked = now
        return self.version or ""

    def get(self, filters: DemandFilters) -> DemandView:
        self.data_version()
        with self._lock:
            view = self._views.get(filters)
            if view is not None:
                self._views.move_to_end(filters)
                return view
            building = self._building.setdefault(filters, threading.Lock())
        with building:  # one thread computes a filter set; the others wait for it
            with self._lock:
                view = self._views.get(filters)
            if view is None:
                view = self._build(filters)
                with self._lock:
                    self._views[filters] = view
                    while len(self._views) > self.size:
                        self._views.popitem(last=False)
        with self._lock:
            self._building.pop(filters, None)
        return view

    def _build(self, filters: DemandFilters) -> DemandView:
        started = time.perf_counter()
        postings = load_postings(self.store, filters)
        requirements = load_requirements(self.store, filters)
        tables = DemandTables(
            filters,
            clip_to_window(compute_tables(postings, requirements, self.categories), filters),
        )
        sample = sample_postings(postings)
        order = sample.sort_values(["first_seen", "posting_id"], ascending=False)["posting_id"]
        log.info(
            "demand view built in %.2f s (%d postings; filters: %s)",
            time.perf_counter() - started,
            len(sample),
            filters.describe(),
        )
        return DemandView(filters, postings, requirements, tables, order.to_numpy(dtype="int64"))


@dataclass
class Services:
    """The shared state of one app: built by :func:`load_services` at start-up."""

    settings: WebSettings
    store: Store
    terms: Any
    scoring: Any
    names: Any
    extractor: Any
    market: MarketHolder
    demand: DemandCache
    started_on: date = field(default_factory=date.today)
    extractor_lock: threading.Lock = field(default_factory=threading.Lock)
    _methodology: tuple[str, Any] | None = None
    _search: tuple[str, Any] | None = None
    _search_lock: threading.Lock = field(default_factory=threading.Lock)

    def methodology(self):
        """The report's methodology facts, reloaded when the store changes."""
        from pipelines.report.methodology import load_methodology

        version = self.demand.data_version()
        if self._methodology is None or self._methodology[0] != version:
            self._methodology = (version, load_methodology(self.store))
        return self._methodology[1]

    def search(self):
        """The postings' text index (``pipelines.store.search.TextIndex``), rebuilt when the
        store changes."""
        from pipelines.store.search import TextIndex

        version = self.demand.data_version()
        current = self._search
        if current is None or current[0] != version:
            with self._search_lock:
                current = self._search
                if current is None or current[0] != version:
                    current = self._search = (version, TextIndex.load(self.store))
        return current[1]

    def read_posting(self, posting: dict[str, Any]):
        """The extractor's reading of a posting: (text, reading), one request at a time."""
        with self.extractor_lock:
            return self.extractor.reading(posting)

    def close(self) -> None:
        self.store.dispose()


def load_services(settings: WebSettings) -> Services:
    """Open the store read only and load everything the pages need, once."""
    from matcher.config import load_scoring
    from matcher.terms import load_match_terms
    from pipelines.extract import load_extractor
    from pipelines.report.names import names_from

    started = time.perf_counter()
    store = open_read_only(settings.db_url)
    try:
        terms = load_match_terms(settings.taxonomy)
        scoring = load_scoring(settings.scoring)
        names = names_from(terms.taxonomy)
        extractor = load_extractor(settings.taxonomy) if settings.taxonomy else load_extractor()
        market = MarketHolder(store, settings.refresh_seconds)
        demand = DemandCache(
            store, names.categories, settings.demand_cache_size, settings.refresh_seconds
        )
        services = Services(settings, store, terms, scoring, names, extractor, market, demand)
        demand.get(DemandFilters())  # the unfiltered view, before the first visitor asks
        services.search()
    except Exception:
        store.dispose()
        raise
    log.info("mrt serve: loaded in %.1f s", time.perf_counter() - started)
    return services


__all__ = ["DemandCache", "DemandView", "MarketHolder", "Services", "load_services"]
