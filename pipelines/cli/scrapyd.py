"""``--scrapyd`` for `mrt crawl` and `mrt run`, and `mrt deploy`: the project on Scrapyd."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from pipelines.cli.errors import UserError


def scrapyd_options(command: Any) -> Any:
    """Add ``--scrapyd URL[,URL...]`` and ``--scrapyd-timeout SECONDS`` to a command."""
    command = click.option(
        "--scrapyd-timeout",
        type=click.FloatRange(min=1),
        default=6 * 3600,
        show_default=True,
        metavar="SECONDS",
        help="With --scrapyd: cancel the jobs still running after this long (failed feeds).",
    )(command)
    return click.option(
        "--scrapyd",
        "scrapyd",
        envvar="MRT_SCRAPYD",
        default=None,
        metavar="URL[,URL...]",
        help="Run one Scrapyd job per feed on these daemons (deploying this build where "
        "missing) instead of crawling here; needs a PostgreSQL --db every worker reaches.",
    )(command)


def checked_daemons(
    scrapyd: str | None, db_url: str | None, *, replay: Any = None, record: Any = None
) -> list | None:
    """The daemons of ``--scrapyd`` (None without it); UserError for what cannot work."""
    if not scrapyd:
        return None
    from pipelines.store.db import default_db_url
    from scraper.scrapyd import require_postgresql
    from scraper.scrapyd_api import parse_daemons

    try:
        daemons = parse_daemons(scrapyd)
        require_postgresql(db_url or default_db_url())
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if replay or record:
        raise UserError("--replay and --record work on this machine only, not with --scrapyd")
    return daemons


def say(line: str) -> None:
    click.echo(line, err=True)


def scrapyd_crawl(daemons: list, timeout: float) -> Callable[..., Any]:
    """A stand-in for ``scraper.runner.crawl`` that runs the feeds on ``daemons``."""

    def crawl(
        sources: list[dict[str, Any]],
        db_url: str | None,
        *,
        keep_all: bool = False,
        settings: dict[str, Any] | None = None,
        command: str = "crawl --scrapyd",
        **local_only: Any,  # progress, replay, record: checked_daemons refused the last two
    ) -> Any:
        from pipelines.store.db import default_db_url
        from scraper.scrapyd import crawl_on_scrapyd

        return crawl_on_scrapyd(
            sources, db_url or default_db_url(), daemons, keep_all=keep_all, settings=settings,
            command=command, timeout=timeout, say=say,
        )  # fmt: skip

    return crawl


@click.command()
@click.option(
    "--scrapyd",
    "scrapyd",
    envvar="MRT_SCRAPYD",
    default=None,
    metavar="URL[,URL...]",
    help="Deploy to these Scrapyd daemons (each that lacks this build).",
)
@click.option(
    "--egg",
    "egg_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="Write the egg here (for scrapyd-deploy --egg FILE --version VERSION).",
)
def deploy(scrapyd: str | None, egg_path: Path | None) -> None:
    """Build the Scrapyd egg of the installed project and deploy it.

    The version is the package version with a content hash (printed on stdout); a daemon
    that already has it is left alone. Exit 1 when a daemon could not take it.
    """
    from scraper.egg import build_egg
    from scraper.scrapyd import deploy as deploy_egg
    from scraper.scrapyd import deployed_line
    from scraper.scrapyd_api import parse_daemons

    if not scrapyd and egg_path is None:
        raise UserError("give --scrapyd URL[,URL...] or --egg FILE")
    try:
        daemons = parse_daemons(scrapyd) if scrapyd else []
    except ValueError as exc:
        raise UserError(str(exc)) from None
    egg = build_egg()
    if egg_path is not None:
        egg_path.write_bytes(egg.data)
        say(f"wrote {egg_path} ({len(egg.data) // 1024} KB)")
    outcomes = deploy_egg(daemons, egg) if daemons else {}
    for daemon, outcome in outcomes.items():
        say(deployed_line(daemon, outcome, egg))
    click.echo(egg.version)
    if any(outcome.problem for outcome in outcomes.values()):
        sys.exit(1)
