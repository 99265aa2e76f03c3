"""Turn expected failures into one clear line on stderr and a non-zero exit code."""

from __future__ import annotations

import click


class UserError(click.ClickException):
    """Bad input from the user (file, config, URL): one line, exit code 2."""

    exit_code = 2


def run_cli(group: click.Group) -> int:
    from pipelines.store.db import StoreError

    try:
        # Non-standalone click returns ctx.exit()'s code (or the command's return value).
        result = group.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except StoreError as exc:
        click.echo(f"Error: {exc}", err=True)
        return 2
    except click.exceptions.Exit as exc:
        return exc.exit_code
    return result if isinstance(result, int) else 0
