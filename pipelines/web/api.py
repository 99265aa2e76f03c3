"""The JSON API: /api/match, /api/demand, /api/postings (schema at /openapi.json).

``POST /api/match`` returns the object `mrt match --format json` prints; ``/api/demand``
the object of `mrt report --format json`; ``/api/postings`` the rows behind the postings
pages, each as `mrt postings --format jsonl` writes it. Errors are ``{"error": "..."}``
with a 4xx status.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from pipelines.safe_output import json_dumps
from pipelines.web import views
from pipelines.web.candidate import (
    profile_from_mapping,
    profile_from_upload,
    read_body,
    read_form,
)
from pipelines.web.forms import FormError, market_choice
from pipelines.web.params import FigureQ, FilterQ, PageQ

router = APIRouter(prefix="/api", tags=["api"])


MATCH_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["resume"],
                    "properties": {
                        "resume": {
                            "type": "string",
                            "format": "binary",
                            "description": "PDF, DOCX, TXT/Markdown resume or a YAML/JSON "
                            "profile; its kind is read from the content.",
                        },
                        "state": {"type": "string"},
                        "remote": {"type": "boolean"},
                        "since": {"type": "string", "format": "date"},
                    },
                }
            },
            "application/json": {
                "schema": {
                    "type": "object",
                    "description": "A profile, as a YAML/JSON profile file holds it.",
                    "properties": {
                        "credentials": {
                            "type": "array",
                            "items": {
                                "oneOf": [
                                    {"type": "string"},
                                    {
                                        "type": "object",
                                        "properties": {
                                            "id": {"type": "string"},
                                            "status": {
                                                "type": "string",
                                                "enum": ["held", "eligible", "in progress"],
                                            },
                                        },
                                    },
                                ]
                            },
                        },
                        "skills": {"type": "array", "items": {"type": "string"}},
                        "years_experience": {"type": "number"},
                        "education": {"type": "string"},
                        "state": {"type": "string"},
                    },
                }
            },
        },
    },
    "responses": {
        "200": {"description": "The object `mrt match --format json` prints."},
        "400": {"description": 'An unreadable file or profile: {"error": "..."}'},
        "413": {"description": "Over the upload size limit."},
    },
}


def _json(payload: Any, status: int = 200) -> Response:
    return Response(json_dumps(payload, allow_nan=False), status_code=status,
                    media_type="application/json")  # fmt: skip


@router.post("/match", openapi_extra=MATCH_BODY, summary="Match a resume or profile")
async def api_match(
    request: Request,
    state: str | None = None,
    remote: bool = False,
    since: str | None = None,
) -> Response:
    """Score a resume (multipart field ``resume``) or a JSON profile against current postings.

    ``state``, ``remote`` and ``since`` narrow the market, as query parameters or form fields.
    """
    from matcher.render import render_json

    services = request.app.state.services
    content_type = request.headers.get("content-type", "")
    query = {"state": [state or ""], "since": [since or ""], "remote": ["1" if remote else ""]}
    if content_type.startswith("application/json"):
        body = await read_body(request, services.settings.max_upload_bytes)
        try:
            mapping = json.loads(body)
        except (ValueError, RecursionError):
            raise FormError("the body is not valid JSON") from None
        if not isinstance(mapping, dict):
            raise FormError("a profile must be a JSON object")
        choice = market_choice(query)
        profile = profile_from_mapping(services, mapping)
    else:
        form = await read_form(request, services)
        if not form.data:
            raise FormError("send the resume file as the multipart field 'resume'")
        choice = market_choice({**query, **{k: v for k, v in form.fields.items() if v and v[0]}})
        profile = await run_in_threadpool(profile_from_upload, services, form.filename, form.data)
        form.data = None
    result = await run_in_threadpool(views.match_result, services, profile, choice)
    try:
        text = render_json(result)
    except ValueError as exc:
        raise FormError(f"cannot show the result: {exc.__class__.__name__}", 422) from None
    return Response(text, media_type="application/json")


@router.get("/demand", summary="Every demand table for the filters")
def api_demand(request: Request, filters: FilterQ) -> Response:
    """The object `mrt report --format json` prints, for these filters."""
    return _json(views.demand_json(request.app.state.services, filters))


@router.get("/postings", summary="Postings, searched and filtered, a page at a time")
def api_postings(request: Request, filters: FilterQ, figure: FigureQ, page: PageQ = 1) -> Response:
    """The postings of the report's sample (or behind one figure of a table), newest first."""
    from pipelines.store.records import posting_record

    data = views.postings_page(request.app.state.services, filters, figure, page)
    records = []
    for row in data["rows"]:
        record = posting_record(row)
        record.pop("description", None)
        records.append(record)
    return _json(
        {
            "total": data["total"],
            "page": data["page"],
            "pages": data["pages"],
            "filters": filters.demand.describe(),
            "q": filters.q,
            "figure": data["figure_text"] or None,
            "postings": records,
        }
    )


@router.get("/postings/{posting_id}", summary="One posting with its requirements read")
def api_posting(request: Request, posting_id: int) -> Response:
    """The posting (with its description) and each highlighted stretch `mrt explain` shows."""
    from pipelines.store.records import posting_record

    services = request.app.state.services
    data = views.posting_reading(services, posting_id)
    record = posting_record({**data["row"], "description": data["text"]})
    record["relevant_reading"] = data["verdict"]
    record["labels"] = [
        {"start": lb.start, "end": lb.end, "label": lb.label, "level": lb.level,
         "kind": lb.kind, "item": lb.item, "text": data["text"][lb.start : lb.end]}
        for lb in data["labels"]
    ]  # fmt: skip
    return _json(record)


__all__ = ["router"]
