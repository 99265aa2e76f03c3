"""The HTML pages: candidates (/, /match...) and advisers (/demand, /postings...).

Pages are rendered on the server and work without JavaScript. Filters are query
parameters (``state``, ``role``, ``since``, ``until``, ``source``, ``q``), so a view is a
link to share; a candidate's profile travels between their pages in hidden form fields
(ids and figures, never resume text) and is posted, so it stays out of URLs and logs.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from pipelines.web import views
from pipelines.web.candidate import (
    profile_from_fields,
    profile_from_upload,
    read_form,
)
from pipelines.web.forms import (
    FormError,
    MarketChoice,
    link,
    market_choice,
    profile_fields,
)
from pipelines.web.params import FigureQ, FilterQ
from pipelines.web.services import Services

router = APIRouter(include_in_schema=False)


def _services(request: Request) -> Services:
    return request.app.state.services


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = request.app.state.templates.get_template(template).render(**context)
    return HTMLResponse(html, status_code=status)


# ---------------------------------------------------------------- candidates


def _home_context(services: Services) -> dict[str, Any]:
    from pipelines.concepts import EDUCATION_LADDER
    from pipelines.normalize.location import STATE_CODES

    terms, names = services.terms, services.names
    by_category: dict[str, list[tuple[str, str]]] = {}
    for skill in terms.known("skill"):
        category = names.categories.get(skill, "other")
        by_category.setdefault(category, []).append((skill, terms.name("skill", skill)))
    return {
        "credentials": [(c, terms.name("credential", c)) for c in terms.known("credential")],
        "skill_groups": sorted(by_category.items()),
        "education_levels": EDUCATION_LADDER,
        "all_states": sorted(STATE_CODES),
        "max_mb": f"{services.settings.max_upload_bytes / 1_000_000:g}",
    }


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    return render(request, "index.html.j2", **_home_context(_services(request)), message=None)


def _result_page(
    request: Request, services: Services, profile, choice: MarketChoice, source: str
) -> HTMLResponse:
    result = views.match_result(services, profile, choice)
    data = result.to_json()
    for gap in data["gaps"]:
        gap["postings_link"] = views.gap_link(gap, choice)
    return render(
        request,
        "result.html.j2",
        r=data,
        choice=choice,
        hidden=profile_fields(data["profile"]),
        source=source,
        all_states=_home_context(services)["all_states"],
    )


async def _upload_or_form(request: Request, want_file: bool):
    services = _services(request)
    try:
        form = await read_form(request, services)
        choice = market_choice(form.fields)
        if want_file:
            if not form.data:
                raise FormError("choose a resume file to upload")
            source = "your file"
            profile = await run_in_threadpool(
                profile_from_upload, services, form.filename, form.data
            )
            form.data = None  # the bytes go no further than this request
        else:
            source = "the profile you entered"
            profile = profile_from_fields(services, form.fields)
    except FormError as exc:
        page = render(
            request,
            "index.html.j2",
            status=exc.status,
            message=str(exc),
            **_home_context(services),
        )
        return None, None, None, page
    return profile, choice, source, None


async def _match_page(request: Request, *, want_file: bool) -> HTMLResponse:
    profile, choice, source, page = await _upload_or_form(request, want_file=want_file)
    if page is not None:
        return page
    return await run_in_threadpool(
        _result_page, request, _services(request), profile, choice, source
    )


@router.post("/match", response_class=HTMLResponse)
async def match_upload(request: Request) -> HTMLResponse:
    """A resume (PDF, DOCX, text) or a YAML/JSON profile file, posted as ``resume``."""
    return await _match_page(request, want_file=True)


@router.post("/match/profile", response_class=HTMLResponse)
async def match_profile(request: Request) -> HTMLResponse:
    """The profile form (also how a result page re-filters: its hidden fields)."""
    return await _match_page(request, want_file=False)


def _requirements_page(request: Request, services: Services, profile, choice, posting_id: int):
    from matcher.match import MatchError

    row = views.load_posting(services, posting_id)
    try:
        result = views.match_result(services, profile, choice, posting=str(posting_id))
    except MatchError as exc:
        raise FormError(str(exc), 422) from None
    data = result.to_json()
    rows = views.requirement_verdicts(data)
    reading = views.posting_reading(services, posting_id)
    pieces = [
        (piece, label, views.verdict_of_label(rows, label) if label else None)
        for piece, label in reading["pieces"]
    ]
    return render(
        request,
        "requirements.html.j2",
        r=data,
        row=row,
        rows=rows,
        pieces=pieces,
        hidden=profile_fields(data["profile"]),
        choice=choice,
        qualified=data["qualified_count"] > 0,
    )


@router.post("/match/posting/{posting_id}", response_class=HTMLResponse)
async def match_posting(request: Request, posting_id: int) -> HTMLResponse:
    """One posting's requirements, met / partly met / unmet for the posted profile."""
    services = _services(request)
    form = await read_form(request, services)
    choice = market_choice(form.fields)
    profile = profile_from_fields(services, form.fields)
    return await run_in_threadpool(
        _requirements_page, request, services, profile, choice, posting_id
    )


# ---------------------------------------------------------------- advisers


@router.get("/demand", response_class=HTMLResponse)
def demand(request: Request, filters: FilterQ) -> HTMLResponse:
    from pipelines.jobfamily import ROLES

    services = _services(request)
    view = services.demand.get(filters.demand)
    html = view.extras.get("html")  # the page depends only on the view: rendered once
    if html is None:
        page = views.demand_page(services, filters)
        template = request.app.state.templates.get_template("demand.html.j2")
        html = view.extras["html"] = template.render(p=page, roles=ROLES, link=link)
    return HTMLResponse(html)


@router.get("/demand/{name}.csv")
def demand_csv(request: Request, name: str, filters: FilterQ) -> Response:
    text = views.demand_csv(_services(request), filters, name)
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{name}.csv"'},
    )


@router.get("/postings", response_class=HTMLResponse)
def postings(request: Request, filters: FilterQ, figure: FigureQ, page: int = 1) -> HTMLResponse:
    from pipelines.jobfamily import ROLES

    data = views.postings_page(_services(request), filters, figure, page)
    return render(request, "postings.html.j2", p=data, roles=ROLES, link=link)


@router.get("/postings.csv")
def postings_csv(request: Request, filters: FilterQ, figure: FigureQ, page: int = 1) -> Response:
    """The listed page of postings as CSV (cells a spreadsheet would run are neutralised)."""
    import csv
    import io

    from pipelines.safe_output import csv_cell
    from pipelines.store.records import FIELDS, posting_record

    data = views.postings_page(_services(request), filters, figure, page)
    buffer = io.StringIO()
    fields = [f for f in FIELDS if f != "description"]
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for row in data["rows"]:
        writer.writerow({k: csv_cell(v) for k, v in posting_record(row).items() if k in fields})
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": 'attachment; filename="postings.csv"'},
    )


@router.get("/postings/{posting_id}", response_class=HTMLResponse)
def posting(request: Request, posting_id: int) -> HTMLResponse:
    data = views.posting_reading(_services(request), posting_id)
    return render(request, "posting.html.j2", p=data)


__all__ = ["router"]
