"""Read postings and requirements from the store as tidy DataFrames, one query each.

Only the columns the reports use are selected and the filters run in SQL, so a store of
100,000 postings and 1.5 million requirement rows loads in seconds.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Select, and_, func, or_, select

from pipelines.demand.filters import DemandFilters
from pipelines.store import schema
from pipelines.store.db import Store
from pipelines.store.postings import in_state

P, E, R = schema.postings, schema.extractions, schema.requirements
L = schema.posting_locations

POSTING_CATEGORIES = (
    "source", "feed", "title", "company", "state", "role", "salary_period", "pay_source",
)  # fmt: skip
REQUIREMENT_CATEGORIES = ("kind", "item_id", "level")
LEVELS = ("required", "preferred", "alternative")


def _relevant():
    # The extractor's judgement wins; a posting not yet extracted keeps the crawler's.
    return func.coalesce(E.c.relevant, P.c.relevant)


def _where(filters: DemandFilters) -> list:
    conds = []
    if filters.states:  # any of the posting's places
        conds.append(in_state(*filters.states))
    if filters.sources:
        conds.append(or_(P.c.source.in_(filters.sources), P.c.feed.in_(filters.sources)))
    if filters.roles:
        conds.append(E.c.role.in_(filters.roles))
    if filters.until_dt is not None:
        conds.append(P.c.first_seen < filters.until_dt)
    if filters.since_dt is not None:
        conds.append(func.coalesce(P.c.closed_at, P.c.last_seen) >= filters.since_dt)
    return conds


def _postings_query(filters: DemandFilters) -> Select:
    return (
        select(
            P.c.id.label("posting_id"),
            P.c.source,
            P.c.feed,
            P.c.title,
            P.c.company,
            P.c.state,
            P.c.remote,
            E.c.role,
            _relevant().label("relevant"),
            P.c.duplicate_of,
            P.c.salary_min,
            P.c.salary_max,
            P.c.salary_period,
            E.c.salary_min.label("x_salary_min"),
            E.c.salary_max.label("x_salary_max"),
            E.c.salary_period.label("x_salary_period"),
            P.c.first_seen,
            P.c.last_seen,
            P.c.closed_at,
            (E.c.posting_id.is_not(None)).label("extracted"),
        )
        .select_from(P.outerjoin(E, E.c.posting_id == P.c.id))
        .where(*_where(filters))
        .order_by(P.c.id)
    )


def _utc(column: pd.Series) -> pd.Series:
    # SQLite hands back naive UTC text, PostgreSQL aware datetimes: one dtype for both.
    return pd.to_datetime(column, utc=True, format="ISO8601").dt.as_unit("ns")


def _posted_or_extracted_pay(frame: pd.DataFrame) -> pd.DataFrame:
    """The posting's structured pay when it has any, else what the extractor read from the
    text; ``pay_source`` says which ("posted" | "text" | NA), as ``shown_pay`` does per row."""
    posted = frame["salary_min"].notna() | frame["salary_max"].notna()
    from_text = ~posted & (frame["x_salary_min"].notna() | frame["x_salary_max"].notna())
    source = pd.Series(pd.NA, index=frame.index, dtype=object)
    return frame.assign(
        pay_source=source.mask(posted, "posted").mask(from_text, "text"),
        salary_min=frame["salary_min"].where(posted, frame["x_salary_min"]),
        salary_max=frame["salary_max"].where(posted, frame["x_salary_max"]),
        salary_period=frame["salary_period"].where(posted, frame["x_salary_period"]),
    ).drop(columns=["x_salary_min", "x_salary_max", "x_salary_period"])


def _fetch(store: Store, query: Select) -> list[tuple]:
    """Rows of ``query`` as plain tuples straight from the DBAPI cursor.

    SQLAlchemy's Row objects and per-value type processing cost more than the query itself
    at a million rows, so the statement is compiled here, its parameters passed through
    their types' bind processors (a datetime becomes SQLite's text form), and the driver's
    tuples handed to pandas, which converts whole columns at once.
    """
    dialect = store.engine.dialect
    compiled = query.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    for name, value in params.items():
        bind = compiled.binds.get(name)
        processor = (
            bind.type.dialect_impl(dialect).bind_processor(dialect) if bind is not None else None
        )
        if processor is not None:
            params[name] = processor(value)
    args = [params[name] for name in compiled.positiontup] if compiled.positional else params
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute(str(compiled), args)
        return cursor.fetchall()
    finally:
        raw.close()


def _read(store: Store, query: Select, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame.from_records(_fetch(store, query), columns=columns, coerce_float=False)


def _states_query(filters: DemandFilters) -> Select:
    matching = select(P.c.id).select_from(P.outerjoin(E, E.c.posting_id == P.c.id))
    return (
        select(L.c.posting_id, L.c.state)
        .where(L.c.state.is_not(None), L.c.posting_id.in_(matching.where(*_where(filters))))
        .order_by(L.c.posting_id, L.c.position)
    )


def with_states(
    frame: pd.DataFrame, places: list[tuple], only: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Add ``states``: the distinct states of each posting's places (primary first), from
    ``places`` ((posting_id, state) rows of posting_locations); a posting without such rows
    has its own ``state``. With ``only`` (the --state filter), only those states are kept."""
    found: dict[int, list[str]] = {}
    for posting_id, state in places:
        states = found.setdefault(int(posting_id), [])
        if state not in states:
            states.append(state)
    own = frame["state"].astype(object)
    states = [
        found.get(int(pid)) or ([s] if isinstance(s, str) else [])
        for pid, s in zip(frame["posting_id"], own, strict=True)
    ]
    if only:
        states = [[s for s in each if s in only] for each in states]
    return frame.assign(
        states=pd.Series([tuple(s) for s in states], index=frame.index, dtype=object)
    )


def load_postings(store: Store, filters: DemandFilters | None = None) -> pd.DataFrame:
    """Every posting matching ``filters``, duplicates and irrelevant ones flagged, not dropped.

    Keeping them lets the sample summary say how many were removed; :func:`sample_postings`
    narrows to the report's sample. ``state`` is the posting's primary state, ``states``
    every state its places are in (a tuple; see :func:`with_states`).
    """
    filters = filters or DemandFilters()
    query = _postings_query(filters)
    columns = [c.name for c in query.selected_columns]
    frame = _read(store, query, columns)
    places = _fetch(store, _states_query(filters)) if len(frame) else []
    return (
        frame.pipe(_posted_or_extracted_pay)
        .pipe(with_states, places, filters.states)
        .assign(
            posting_id=lambda d: d["posting_id"].astype("int64"),
            relevant=lambda d: d["relevant"].astype("boolean").fillna(True).astype(bool),
            duplicate=lambda d: d["duplicate_of"].notna(),
            extracted=lambda d: d["extracted"].astype(bool),
            remote=lambda d: d["remote"].astype("boolean"),
            salary_min=lambda d: d["salary_min"].astype("float64"),
            salary_max=lambda d: d["salary_max"].astype("float64"),
            first_seen=lambda d: _utc(d["first_seen"]),
            last_seen=lambda d: _utc(d["last_seen"]),
            closed_at=lambda d: _utc(d["closed_at"]),
        )
        .drop(columns=["duplicate_of"])
        .astype({c: "category" for c in POSTING_CATEGORIES})
        .reset_index(drop=True)
    )


def sample_postings(postings: pd.DataFrame) -> pd.DataFrame:
    """The report's sample: relevant postings that are not duplicates of another."""
    return postings.loc[postings["relevant"] & ~postings["duplicate"]].reset_index(drop=True)


def _requirements_query(filters: DemandFilters) -> Select:
    return (
        select(
            R.c.posting_id,
            R.c.kind,
            R.c.item_id,
            R.c.level,
            R.c.grp,
            R.c.eligible,
            R.c.within_months,
            R.c.years,
        )
        .select_from(
            R.join(P, P.c.id == R.c.posting_id).join(
                E,
                and_(
                    E.c.posting_id == R.c.posting_id, E.c.taxonomy_version == R.c.taxonomy_version
                ),
            )
        )
        .where(E.c.relevant.is_(True), P.c.duplicate_of.is_(None), *_where(filters))
    )


def load_requirements(store: Store, filters: DemandFilters | None = None) -> pd.DataFrame:
    """Requirement rows of the sample's postings, from their current extraction only.

    Rows left by an older taxonomy version (not matching ``extractions``) are ignored.
    """
    query = _requirements_query(filters or DemandFilters())
    columns = [c.name for c in query.selected_columns]
    frame = _read(store, query, columns)
    return (
        frame.assign(
            posting_id=lambda d: d["posting_id"].astype("int64"),
            grp=lambda d: d["grp"].astype("Int64"),
            eligible=lambda d: d["eligible"].astype("boolean").fillna(False).astype(bool),
            within_months=lambda d: d["within_months"].astype("Int64"),
            years=lambda d: d["years"].astype("float64"),
        )
        .astype({c: "category" for c in REQUIREMENT_CATEGORIES})
        .reset_index(drop=True)
    )
