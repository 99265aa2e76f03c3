"""The ``mrt`` command: a click group whose subcommands load only when called.

Lazy loading keeps ``mrt match`` and ``mrt postings`` from importing Scrapy or spaCy
when they do not need them.
"""

from __future__ import annotations

import importlib
import sys

import click

# command name -> "module:attribute" of a click.Command
COMMANDS: dict[str, str] = {
    "demo": "pipelines.cli.demo:demo",
    "crawl": "pipelines.cli.crawl:crawl",
    "deploy": "pipelines.cli.scrapyd:deploy",
    "postings": "pipelines.cli.postings:postings",
    "import": "pipelines.cli.importing:import_postings",
    "extract": "pipelines.cli.extract:extract",
    "explain": "pipelines.cli.explain:explain",
    "match": "pipelines.cli.match:match",
    "report": "pipelines.cli.report:report",
    "run": "pipelines.cli.run:run",
    "serve": "pipelines.cli.serve:serve",
    "status": "pipelines.cli.status:status",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        # A registered command whose module is missing or broken is a packaging error: it
        # fails with its cause, never disappears from the list.
        module = importlib.import_module(module_name)
        return getattr(module, attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mrt-skills")
def cli() -> None:
    """Medical records technician job postings: collect, extract, match, report."""


def main() -> None:
    from pipelines.cli.errors import run_cli

    sys.exit(run_cli(cli))
