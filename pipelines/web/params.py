"""The query parameters every page and API route shares, parsed once: the demand filters
(`state`, `role`, `since`, `until`, `source`, and `q` for text search) and the figure of a
table whose postings to list (`table`, `key`, `count`, `key2`). A filtered view is a link."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from pipelines.web.forms import Filters
from pipelines.web.views import Figure


def filter_params(
    state: Annotated[
        list[str], Query(description="Two-letter state code; repeat or comma-separate.")
    ] = [],  # noqa: B006 - FastAPI copies the default
    role: Annotated[list[str], Query(description="records, coding, roi, registry or cdi.")] = [],  # noqa: B006
    since: Annotated[str | None, Query(description="YYYY-MM-DD: open at some time since.")] = None,
    until: Annotated[str | None, Query(description="YYYY-MM-DD: first seen by then.")] = None,
    source: Annotated[list[str], Query(description="A source kind (greenhouse) or feed.")] = [],  # noqa: B006
    q: Annotated[str | None, Query(description="Words that must all occur.")] = None,
) -> Filters:
    return Filters.parse(state=state, role=role, since=since, until=until, source=source, q=q)


def figure_params(
    table: Annotated[str | None, Query(description="A demand table whose figure to open.")] = None,
    key: str = "",
    count: str = "postings",
    key2: str = "",
) -> Figure | None:
    return Figure(table, key, count or "postings", key2) if table else None


FilterQ = Annotated[Filters, Depends(filter_params)]
FigureQ = Annotated[Figure | None, Depends(figure_params)]
PageQ = Annotated[int, Query(ge=1)]
