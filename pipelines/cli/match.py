"""`mrt match RESUME`: market fit, qualifying postings, gaps and strengths of one resume."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from pipelines.cli.errors import UserError
from pipelines.cli.options import db_option, scoring_option, taxonomy_option
from pipelines.untrusted import shown


def _parse_since(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"'{shown(value)}' is not a date (use YYYY-MM-DD)") from exc


def _parse_state(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from pipelines.normalize.location import state_code

    code = state_code(value)
    if code is None:
        raise click.BadParameter(
            f"'{shown(value)}' is not a US state (use a two-letter code such as TX)"
        )
    return code


def _save_profile(profile, path: Path) -> None:
    data = profile.to_dict()
    try:
        if path.suffix.lower() == ".json":
            path.write_text(json.dumps(data, indent=2, allow_nan=False) + "\n", encoding="utf-8")
        else:
            import yaml

            path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    except OSError as exc:
        raise UserError(f"cannot write profile to {path}: {exc.strerror}") from exc


@click.command()
@click.argument("resume", type=click.Path(path_type=Path, dir_okay=False))
@db_option
@click.option("--state", callback=_parse_state, metavar="XX", help="Only postings in this state.")
@click.option("--remote", is_flag=True, help="Only remote postings.")
@click.option(
    "--since",
    callback=_parse_since,
    metavar="DATE",
    help="Only postings posted on or after DATE (YYYY-MM-DD).",
)
@click.option(
    "--posting",
    "posting",
    metavar="ID",
    help="Score against one posting (postings.id or source:source_id).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "markdown"]),
    default="table",
    show_default=True,
)
@click.option(
    "--save-profile",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the derived profile (ids and figures only) to FILE (.yaml or .json).",
)
@taxonomy_option
@scoring_option
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=20,
    show_default=True,
    help="Qualified postings to list.",
)
def match(
    resume, db_url, state, remote, since, posting, fmt, save_profile, taxonomy, scoring, limit
) -> None:
    """Score RESUME (PDF, DOCX, TXT/Markdown, or a YAML/JSON profile) against current postings.

    The resume text is read in memory only: it is never logged or stored. A YAML/JSON
    profile lists credentials (with status held / eligible / in progress), skills,
    years_experience, education and state.
    """
    from matcher.build import ProfileError
    from matcher.config import ScoringConfigError, load_scoring
    from matcher.match import MatchError, evaluate_profile, resolve_profile
    from matcher.readers import ResumeError
    from matcher.render import empty_market_message, render_result
    from matcher.signatures import MarketFilter
    from matcher.terms import MatchTermsError, load_match_terms
    from pipelines.store.db import open_store

    try:
        terms = load_match_terms(taxonomy)
        cfg = load_scoring(scoring)
        profile = resolve_profile(resume, terms, taxonomy)
    except (ResumeError, ProfileError, ScoringConfigError, MatchTermsError) as exc:
        raise UserError(str(exc)) from exc
    if save_profile:
        _save_profile(profile, save_profile)
    store = open_store(db_url, create=False)
    try:
        result = evaluate_profile(
            profile,
            store,
            terms,
            cfg,
            MarketFilter(state=state, remote=remote, since=since),
            posting=posting,
            limit=limit,
        )
    except MatchError as exc:
        raise UserError(str(exc)) from exc
    finally:
        store.dispose()
    if not result.postings_considered:
        raise click.ClickException(empty_market_message(result))
    try:
        text = render_result(result, fmt)
    except ValueError as exc:  # a figure JSON cannot hold (NaN, infinity)
        raise UserError(f"cannot show the result: {shown(exc)}") from exc
    if text is not None:
        click.echo(text.rstrip("\n"))
