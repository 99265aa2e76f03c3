"""What each page shows, built from the demand, store, extract and matcher libraries.

Functions here return plain data for the templates and the JSON API; they format and
link, they do not aggregate or score (that stays in ``pipelines.demand`` and ``matcher``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from pipelines.demand.behind import CELLS, behind_ids, row_keys
from pipelines.report.display import COLUMNS, TITLES, display_tables, fmt_share
from pipelines.web.forms import Filters, FormError, MarketChoice, link
from pipelines.web.services import DemandView, Services

#: Rows shown per table on /demand (every row is in the CSV and the JSON).
PAGE_LIMITS = {"by_employer": 20, "by_title": 20, "skills": 50, "cooccurrence": 60,
               "pay_by_credential": 30, "by_state": 60}  # fmt: skip
#: Gap kinds and the table whose postings a gap links to.
GAP_TABLES = {"credential": "credentials", "skill": "skills", "education": "education",
              "experience": "experience_years"}  # fmt: skip


class NotFound(LookupError):
    """No such posting or table; the message is one line."""


class Unavailable(RuntimeError):
    """The store cannot answer this yet (no market index); the message says what to run."""


# ---------------------------------------------------------------- /demand


@dataclass
class Cell:
    text: str
    href: str | None = None
    numeric: bool = False


def _figure_link(filters: Filters, table: str, key: str, column: str, key2: str) -> str:
    return link(
        "/postings",
        filters.params(q=False),
        table=table,
        key=key,
        count=column,
        key2=key2,
    )


def demand_tables(services: Services, view: DemandView, filters: Filters) -> list[dict[str, Any]]:
    """Every demand table, formatted as the report formats it, each count linked to its
    postings."""
    cached = view.extras.get("tables")
    if cached is None:
        cached = view.extras["tables"] = display_tables(view.tables, services.names, PAGE_LIMITS)
    out = []
    for name, table in cached.items():
        frame = view.tables[name]
        cells = CELLS.get(name)
        rows = []
        for i, shown_row in enumerate(table.rows):
            record = frame.iloc[i].to_dict()
            key, key2 = row_keys(name, record) if cells else ("", "")
            row = []
            for column, text in zip(table.columns, shown_row, strict=True):
                href = None
                if cells and column.key in cells.counts and text not in ("0", "0.0%"):
                    href = _figure_link(filters, name, key, column.key, key2)
                row.append(Cell(text, href, column.numeric))
            rows.append(row)
        out.append(
            {
                "name": name,
                "title": table.title,
                "note": table.note,
                "columns": table.columns,
                "rows": rows,
                "total_rows": table.total_rows,
                "truncated": table.truncated,
                "csv": link(f"/demand/{name}.csv", filters.params(q=False)),
            }
        )
    return out


def demand_page(services: Services, filters: Filters) -> dict[str, Any]:
    from pipelines.report.charts import build_charts
    from pipelines.report.highlights import highlights

    view = services.demand.get(filters.demand)
    if "charts" not in view.extras:
        view.extras["charts"] = build_charts(view.tables, services.names)
        view.extras["glance"] = highlights(view.tables, services.names)
    pay = view.tables["pay"]
    n = view.tables.n
    return {
        "filters": filters,
        "described": filters.demand.describe(),
        "n": n,
        "sample": view.tables["sample"].iloc[0].to_dict(),
        "pay_share": fmt_share(int(pay["postings"].sum()) / n if n else 0),
        "tables": {t["name"]: t for t in demand_tables(services, view, filters)},
        "charts": view.extras["charts"],
        "glance": view.extras["glance"],
        "states": state_choices(services),
    }


def state_choices(services: Services) -> list[str]:
    """The states the store has postings in, for the filter forms."""
    view = services.demand.get(Filters.parse().demand)
    states = view.tables["by_state"]["state"].dropna().astype(str)
    return sorted(states.tolist())


def demand_csv(services: Services, filters: Filters, name: str) -> str:
    from pipelines.report.exports import export_frame
    from pipelines.safe_output import csv_frame

    view = services.demand.get(filters.demand)
    if name not in view.tables.tables:
        raise NotFound(f"no table '{name}'")
    return csv_frame(export_frame(name, view.tables[name], services.names)).to_csv(index=False)


def demand_json(services: Services, filters: Filters) -> dict[str, Any]:
    from pipelines.report.exports import report_json

    view = services.demand.get(filters.demand)
    if "json" not in view.extras:
        view.extras["json"] = report_json(
            view.tables, services.names, services.methodology(), services.started_on
        )
    return view.extras["json"]


# ---------------------------------------------------------------- /postings


@dataclass(frozen=True)
class Figure:
    """The figure a postings list stands behind: table, row key(s) and count."""

    table: str
    key: str = ""
    count: str = "postings"
    key2: str = ""

    def params(self) -> list[tuple[str, str]]:
        return [
            ("table", self.table),
            ("key", self.key),
            ("count", self.count),
            ("key2", self.key2),
        ]

    def describe(self, services: Services) -> str:
        if self.table == "experience_years":
            return f"Postings asking for {self.key} year(s) of experience"
        title = TITLES.get(self.table, self.table)
        header = next((c.header for c in COLUMNS.get(self.table, []) if c.key == self.count), "")
        key = self.key or ("not stated" if CELLS[self.table].key else "")
        if self.table == "credentials" and self.key:
            key = f"{self.key} ({services.names.credential(self.key)})"
        if self.table == "skills" and self.key:
            key = services.names.skill(self.key)
        parts = [title, key, self.key2, header]
        return " › ".join(p for p in parts if p)


def postings_page(
    services: Services, filters: Filters, figure: Figure | None, page: int
) -> dict[str, Any]:
    """One page of the postings behind a figure (else the whole sample), newest first,
    narrowed by the text search ``q``."""
    from pipelines.demand.behind import UnknownFigure
    from pipelines.store.search import rows_by_id

    view = services.demand.get(filters.demand)
    order = view.extras.get("order_all")
    if order is None:
        order = view.extras["order_all"] = view.postings.sort_values(
            ["first_seen", "posting_id"], ascending=False
        )["posting_id"].to_numpy(dtype="int64")
    if figure is not None:
        behind = view.extras.setdefault("behind", {})
        chosen = behind.get(figure)
        if chosen is None:
            try:
                ids = behind_ids(
                    view.postings,
                    view.requirements,
                    figure.table,
                    figure.key,
                    figure.count,
                    figure.key2,
                    services.names.categories,
                )
            except UnknownFigure as exc:
                raise FormError(str(exc)) from None
            chosen = behind[figure] = order[np.isin(order, ids)]
    else:
        chosen = view.newest_first
    if filters.q:
        matches = np.fromiter(services.search().matches(filters.q), dtype="int64")
        chosen = chosen[np.isin(chosen, matches)]
    size = services.settings.page_size
    pages = max(1, math.ceil(len(chosen) / size))
    if page < 1:
        raise FormError("page must be 1 or more")
    rows = rows_by_id(services.store, chosen[(page - 1) * size : page * size].tolist())
    base = [*filters.params(), *(figure.params() if figure else [])]
    return {
        "filters": filters,
        "figure": figure,
        "figure_text": figure.describe(services) if figure else "",
        "total": int(len(chosen)),
        "page": page,
        "pages": pages,
        "rows": rows,
        "prev": link("/postings", base, page=page - 1) if page > 1 else None,
        "next": link("/postings", base, page=page + 1) if page < pages else None,
        "states": state_choices(services),
        "csv": link("/postings.csv", base),
        "base_params": base,
    }


# ---------------------------------------------------------------- /postings/{id}


def load_posting(services: Services, posting_id: int) -> dict[str, Any]:
    from pipelines.store.search import rows_by_id

    rows = rows_by_id(services.store, [posting_id])
    if not rows:
        raise NotFound(f"no posting {posting_id}")
    return rows[0]


def posting_reading(services: Services, posting_id: int) -> dict[str, Any]:
    """The posting with its requirements highlighted and labelled, as `mrt explain` shows."""
    from pipelines.extract.labels import labelled_pieces, reading_labels
    from pipelines.extract.store import load_extraction_inputs
    from pipelines.jobfamily import classify

    row = load_posting(services, posting_id)
    with services.store.engine.connect() as conn:
        posting = load_extraction_inputs(conn, [posting_id])[0]
    text, reading = services.read_posting(posting)
    labels = reading_labels(reading)
    family = classify(str(posting.get("title") or ""), text)
    return {
        "row": row,
        "text": text,
        "labels": labels,
        "pieces": labelled_pieces(text, labels),
        "relevant": family.relevant,
        "verdict": f"relevant ({family.role})"
        if family.relevant
        else f"not relevant: {family.reason}",
    }


# ---------------------------------------------------------------- matching


def match_result(
    services: Services, profile, choice: MarketChoice, posting: str | None = None
) -> Any:
    """``mrt match`` for a profile: the same MatchResult, against the index kept loaded."""
    from matcher.match import evaluate_profile
    from matcher.signatures import MarketFilter

    index = services.market.current()
    if index is None:
        raise Unavailable(
            "the market index has not been built yet: run mrt extract on this store first"
        )
    return evaluate_profile(
        profile,
        services.store,
        services.terms,
        services.scoring,
        MarketFilter(state=choice.state, remote=choice.remote, since=choice.since),
        posting=posting,
        limit=services.settings.match_limit,
        index=index,
    )


def gap_link(gap: dict[str, Any], choice: MarketChoice) -> str | None:
    table = GAP_TABLES.get(gap.get("kind", ""))
    if table is None:
        return None
    return link("/postings", [("state", choice.state or "")], table=table, key=gap["id"])


def requirement_verdicts(result_json: dict[str, Any]) -> list[dict[str, Any]]:
    """Each requirement of a one-posting match (the matcher's ``requirements``: `mrt match
    --posting`) with its verdict as one word: met / partly / unmet."""
    return [
        {**entry, "verdict": _verdict_word(str(entry.get("status") or ""))}
        for entry in result_json.get("requirements", [])
        if isinstance(entry, dict)
    ]


def _verdict_word(value: str) -> str:
    value = value.lower()
    if value in ("true", "met", "yes"):
        return "met"
    if value.startswith("part") or value in ("eligible", "in progress"):
        return "partly"
    if value in ("false", "unmet", "no", "missing"):
        return "unmet"
    return value or "unmet"


def verdict_of_label(rows: list[dict[str, Any]], label) -> str | None:
    """The verdict of the requirement a highlighted stretch names (None if not listed)."""
    kind = {"credential": "credential", "skill": "skill", "education": "education",
            "experience": "experience"}.get(label.kind)  # fmt: skip
    if kind is None or label.level == "ignored":
        return None
    for row in rows:
        if row.get("kind") == kind and str(row.get("id")) == label.item:
            return row["verdict"]
    if kind in ("education", "experience"):
        return "met"  # not a gap: the candidate's level or years reach it
    return None


__all__ = [
    "Cell",
    "Figure",
    "NotFound",
    "Unavailable",
    "demand_csv",
    "demand_json",
    "demand_page",
    "gap_link",
    "load_posting",
    "match_result",
    "posting_reading",
    "postings_page",
    "requirement_verdicts",
    "verdict_of_label",
]
