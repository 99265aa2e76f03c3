"""`mrt serve`: the web app for candidates and advisers, on one store, read only."""

from __future__ import annotations

import click

from pipelines.cli.errors import UserError
from pipelines.cli.options import db_option, scoring_option, taxonomy_option


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--max-upload-mb",
    type=click.FloatRange(min=0.001, max=100),
    default=None,
    help="Largest resume upload in MB (default 5, or MRT_UPLOAD_MAX_BYTES).",
)
@taxonomy_option
@scoring_option
@click.option(
    "--forwarded-allow-ips",
    default=None,
    metavar="IPS",
    help="Proxy addresses whose X-Forwarded-* headers are trusted (behind nginx: 127.0.0.1).",
)
@click.option("--log-level", type=click.Choice(["warning", "info", "debug"]), default="info")
def serve(db_url, host, port, max_upload_mb, taxonomy, scoring, forwarded_allow_ips, log_level):
    """Serve the web app: resume matching, demand tables, postings and a JSON API.

    The store is only read (it must exist; `mrt extract` builds the market index the
    matching uses). Uploaded resumes are read in memory and never stored or logged.
    """
    import uvicorn

    from pipelines.store.db import StoreError
    from pipelines.web.app import create_app
    from pipelines.web.services import load_services
    from pipelines.web.settings import SettingsError, WebSettings

    try:
        settings = WebSettings.from_env(
            db_url=db_url,
            max_upload_bytes=int(max_upload_mb * 1_000_000) if max_upload_mb else None,
            taxonomy=taxonomy,
            scoring=scoring,
        )
        click.echo("Loading the store, the extractor and the market index...", err=True)
        services = load_services(settings)  # before listening: a bad store is one line
    except (SettingsError, StoreError) as exc:
        raise UserError(str(exc)) from None
    except ValueError as exc:  # taxonomy or scoring files
        raise UserError(str(exc).splitlines()[0]) from None
    click.echo(f"mrt serve: http://{host}:{port}/ (Ctrl-C stops)", err=True)
    try:
        uvicorn.run(
            create_app(settings, services),
            host=host,
            port=port,
            log_level=log_level,
            proxy_headers=forwarded_allow_ips is not None,
            forwarded_allow_ips=forwarded_allow_ips,
            server_header=False,
        )
    finally:
        services.close()
