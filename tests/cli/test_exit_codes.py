"""The `mrt` entry point passes a command's exit code through to the shell."""

import sys

import click

from pipelines.cli.errors import UserError, run_cli


def _group() -> click.Group:
    @click.group()
    def group() -> None:
        pass

    @group.command()
    @click.pass_context
    def fails(ctx: click.Context) -> None:
        ctx.exit(3)

    @group.command()
    def bad_input() -> None:
        raise UserError("resume.pdf: not a PDF")

    @group.command()
    def works() -> None:
        click.echo("ok")

    return group


def test_ctx_exit_code_reaches_the_shell(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["mrt", "fails"])
    assert run_cli(_group()) == 3


def test_user_error_is_one_line_and_exit_2(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["mrt", "bad-input"])
    assert run_cli(_group()) == 2
    err = capsys.readouterr().err
    assert err.strip() == "Error: resume.pdf: not a PDF"


def test_success_is_zero(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["mrt", "works"])
    assert run_cli(_group()) == 0
