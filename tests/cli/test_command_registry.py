"""Every registered command loads; a broken one fails loudly instead of vanishing."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from pipelines.cli import COMMANDS, cli


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_registered_command_loads(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert isinstance(command, click.Command)


def test_a_command_whose_module_is_missing_fails_with_its_cause(monkeypatch) -> None:
    monkeypatch.setitem(COMMANDS, "ghost", "pipelines.cli.no_such_module:ghost")
    result = CliRunner().invoke(cli, ["ghost"])
    assert isinstance(result.exception, ModuleNotFoundError)
    assert "no_such_module" in str(result.exception)


def test_unknown_command_is_still_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["nonsense"])
    assert result.exit_code == 2 and "No such command" in result.output
