"""The web app: a FastAPI application over one store, read only, served by uvicorn.

``create_app(settings)`` builds it; the store, extractor, market index and the unfiltered
demand view are loaded once, when the app starts. Every response carries a
Content-Security-Policy allowing only the app's own stylesheet (no script at all, nothing
remote); errors are one line, on a page or as ``{"error": ...}`` under ``/api/``.
"""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from pipelines.web.forms import FormError
from pipelines.web.services import Services, load_services
from pipelines.web.settings import WebSettings
from pipelines.web.views import NotFound, Unavailable

HERE = Path(__file__).parent
log = logging.getLogger("mrt.web")

#: No script, no inline style, nothing from another origin; forms post only here.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def templates() -> Environment:
    # autoescape for every template: posting text and file names are untrusted. Missing
    # keys render empty: a match result gains fields over time (issue 11's strong matches).
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from matcher.match import pct
    from matcher.render import pay_text, place_text

    env.filters.update(pct=pct, pay=pay_text, place=place_text)
    env.globals["safe_url"] = safe_url
    return env


def safe_url(url: Any) -> str | None:
    """A posting's own link, only when it is http(s) (a ``javascript:`` URL is not a link)."""
    text = str(url or "")
    return text if text.startswith(("https://", "http://")) else None


class SecurityHeaders:
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def error_response(request: Request, status: int, message: str) -> Any:
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    env: Environment = request.app.state.templates
    html = env.get_template("error.html.j2").render(status=status, message=message)
    return HTMLResponse(html, status_code=status)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(FormError)
    async def form_error(request: Request, exc: FormError):
        return error_response(request, exc.status, str(exc))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        return error_response(request, 404, str(exc))

    @app.exception_handler(Unavailable)
    async def unavailable(request: Request, exc: Unavailable):
        return error_response(request, 503, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = "no such page" if exc.status_code == 404 else str(exc.detail)
        return error_response(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("query", "path"))
        return error_response(request, 400, f"{where}: {first.get('msg', 'invalid value')}")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        # The class only: a message could quote what was uploaded.
        log.error("%s %s failed: %s", request.method, request.url.path, exc.__class__.__name__)
        return error_response(request, 500, "something went wrong on our side; try again")


def create_app(settings: WebSettings | None = None, services: Services | None = None) -> FastAPI:
    """The app for ``settings`` (or for ``services`` already loaded, as tests do)."""
    settings = settings or WebSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        own = services is None
        app.state.services = services or load_services(settings)
        try:
            yield
        finally:
            if own:
                app.state.services.close()

    app = FastAPI(
        title="mrt-skills",
        summary="Medical records technician jobs: match a resume, see what employers ask for.",
        version="1",
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN: not here
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.templates = templates()
    app.state.settings = settings
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _install_errors(app)
    from pipelines.web.api import router as api_router
    from pipelines.web.pages import router as pages_router

    app.include_router(pages_router)
    app.include_router(api_router)
    return app


__all__ = ["CONTENT_SECURITY_POLICY", "create_app"]
