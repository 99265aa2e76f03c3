"""The web app (`mrt serve`): candidate and adviser pages and a JSON API over one store.

``create_app(WebSettings(db_url=...))`` builds the FastAPI application; ``pipelines.web.app``
holds the factory, ``pages`` and ``api`` the routes, ``views`` what each page shows (built
on ``matcher`` and ``pipelines.demand``), ``services`` what is loaded once at start-up.
"""

from __future__ import annotations

from typing import Any


def create_app(*args: Any, **kwargs: Any):
    from pipelines.web.app import create_app as _create_app

    return _create_app(*args, **kwargs)


__all__ = ["create_app"]
