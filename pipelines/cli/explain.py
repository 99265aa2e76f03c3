"""``mrt explain``: show a posting with each requirement highlighted and labelled, so a user can see why.

Posting text is untrusted: it goes into Rich ``Text`` objects (never parsed as markup)
through :func:`_safe`, which makes terminal control characters visible.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from pipelines.cli.errors import UserError
from pipelines.cli.options import db_option, taxonomy_option
from pipelines.safe_output import terminal_safe
from pipelines.untrusted import shown

STYLES = {"required": "bold black on green", "preferred": "black on yellow",
          "alternative": "black on cyan", "ignored": "dim strike",
          "pay": "bold black on magenta"}  # fmt: skip


def _safe(value: Any, style: str = "") -> Text:
    return Text(terminal_safe(value), style=style)


def _posting_from_file(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        first = next((line for line in raw.splitlines() if line.strip()), "")
        try:
            posting = json.loads(first)
        except json.JSONDecodeError as exc:
            raise UserError(f"{path}: line 1 is not JSON ({exc.msg})") from None
        if not isinstance(posting, dict) or not isinstance(posting.get("description", ""), str):
            raise UserError(f"{path}: line 1 is not a posting object with a 'description'")
        return posting
    return {"id": path.name, "title": path.stem.replace("_", " "), "description": raw}


def _posting_from_store(db_url: str | None, posting_id: int) -> dict[str, Any]:
    from pipelines.extract.store import load_extraction_inputs
    from pipelines.store.db import open_store

    store = open_store(db_url, create=False)
    try:
        with store.engine.connect() as conn:
            found = load_extraction_inputs(conn, [posting_id])
    finally:
        store.dispose()
    if not found:
        raise UserError(f"no posting with id {posting_id} in the store")
    return found[0]


def highlighted(text: str, reading) -> Text:
    """The posting text with requirement spans styled and a [label] after each."""
    from pipelines.extract.labels import labelled_pieces, reading_labels

    out = Text()
    # Offsets index the raw text: cut first, then make each piece terminal-safe.
    for piece, label in labelled_pieces(text, reading_labels(reading)):
        if label is None:
            out.append(terminal_safe(piece))
        elif not piece:  # overlapping evidence (a figure inside a term): label only
            out.append(terminal_safe(f"[{label.label}]"), style="italic")
        else:
            out.append(terminal_safe(piece), style=STYLES[label.level])
            out.append(terminal_safe(f"[{label.label}]"), style="italic bold")
    return out


def legend(reading) -> Table:
    table = Table(title="Requirements", show_lines=False)
    for column in ("kind", "id", "level", "group", "eligible", "within", "evidence / why ignored"):
        table.add_column(column)
    for m in reading.mentions:
        if m.counted:
            row = ["credential" if m.kind == "credential" else "skill", m.id, m.level,
                   "" if m.group is None else str(m.group), "yes" if m.eligible else "",
                   f"{m.within_months} mo" if m.within_months else "", m.text]  # fmt: skip
        else:
            row = [m.kind, m.id, "ignored", "", "", "", f"{m.text}: {m.why}"]
        table.add_row(*(_safe(cell) for cell in row))
    for e in reading.education:
        table.add_row(*(_safe(c) for c in ("education", e["level"], e["requirement"], "", "", "",
                                            e["evidence"][0]["text"])))  # fmt: skip
    for x in reading.experience:
        table.add_row(*(_safe(c) for c in ("experience", f"{x['years']:g} yr", x["requirement"],
                                            "", "", "", x["evidence"][0]["text"])))  # fmt: skip
    if reading.salary:
        pay = reading.salary
        table.add_row(*(_safe(c) for c in ("salary", f"{pay['min']:g}-{pay['max']:g}",
                                           pay["period"], "", "", "", reading.salary_evidence["text"])))  # fmt: skip
    return table


@click.command()
@click.argument("target")
@db_option
@taxonomy_option
def explain(target: str, db_url: str | None, taxonomy: Path | None) -> None:
    """Show a posting (stored id, contract JSONL file, or text/HTML file) with its requirements marked."""
    from pipelines.extract import TaxonomyError, load_extractor
    from pipelines.jobfamily import classify

    path = Path(target)
    if path.is_file():
        posting = _posting_from_file(path)
    elif target.isascii() and target.isdigit() and len(target) <= 18:  # a 64-bit id
        posting = _posting_from_store(db_url, int(target))
    else:
        raise UserError(f"{shown(target)} is neither a file nor a stored posting id")
    try:
        extractor = load_extractor(taxonomy)
    except TaxonomyError as exc:
        raise UserError(str(exc)) from None
    text, reading = extractor.reading(posting)
    family = classify(str(posting.get("title") or ""), text)
    console = Console(highlight=False)
    header = _safe(posting.get("title") or "(untitled)", "bold")
    if posting.get("company"):
        header.append(terminal_safe(f" - {posting['company']}"))
    console.print(header)
    verdict = f"relevant ({family.role})" if family.relevant else f"not relevant: {family.reason}"
    console.print(_safe(verdict, "green" if family.relevant else "red"))
    console.print()
    console.print(highlighted(text, reading))
    console.print()
    console.print(legend(reading))
