"""`-s NAME=VALUE` for `mrt crawl` and `mrt run`: Scrapy settings, as `scrapy crawl -s`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import click


def parse_settings(values: Iterable[str]) -> dict[str, str]:
    """``NAME=VALUE`` pairs as Scrapy's command line reads them: split at the first '=',
    the value kept as text (Scrapy's getters make it a number, bool, list or dict), the
    last of a repeated name winning."""
    settings: dict[str, str] = {}
    for value in values:
        name, sep, setting = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"'{value}' is not NAME=VALUE", param_hint="'-s'")
        settings[name.strip()] = setting
    return settings


def _callback(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> Any:
    return parse_settings(values)


settings_option = click.option(
    "-s",
    "--set",
    "scrapy_settings",
    multiple=True,
    metavar="NAME=VALUE",
    callback=_callback,
    help="Set a Scrapy setting for every feed, above the project's and a source's own, "
    "as `scrapy crawl -s` does (repeatable), e.g. -s DOWNLOAD_DELAY=2 -s MRT_INCREMENTAL=false.",
)

__all__ = ["parse_settings", "settings_option"]
