"""`mrt import FILE`: bring postings from JSON Lines (contract input) or a JobSpy CSV."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from pipelines.cli.errors import UserError
from pipelines.cli.options import db_option

JOBSPY_COLUMNS = {"site", "job_url", "title", "company", "location", "description"}
_TRUE = {"true", "1", "yes", "y", "t"}


class BadLine(ValueError):
    """One input line that cannot become a posting; the message says why."""


def _stable_id(*parts: Any) -> str:
    return hashlib.sha256("|".join(str(p or "") for p in parts).encode()).hexdigest()[:24]


def jsonl_posting(record: Any, feed: str):
    """A posting from one line of the extraction contract's input format."""
    from scraper.items import JobPosting

    if not isinstance(record, dict):
        raise BadLine("not a JSON object")
    title = record.get("title")
    if not title or not isinstance(title, str):
        raise BadLine("no 'title'")
    source_id = record.get("id") or _stable_id(record.get("url"), title, record.get("company"))
    return JobPosting(
        url=record.get("url") or "",
        source="import:jsonl",
        sourceId=str(source_id),
        feed=feed,
        title=title,
        hiringOrganization=record.get("company"),
        jobLocationRaw=record.get("location"),
        employmentType=record.get("employment_type"),
        datePostedRaw=str(record["date_posted"]) if record.get("date_posted") else None,
        baseSalaryRaw=record.get("salary"),
        descriptionHtml=record.get("description") or "",
        raw=record,
    )


def jobspy_posting(row: dict[str, str], feed: str):
    """A posting from one row of python-jobspy's ``DataFrame.to_csv`` output."""
    from pipelines.normalize.salary import normalise_pay
    from scraper.items import JobPosting

    title = (row.get("title") or "").strip()
    if not title:
        raise BadLine("no 'title'")
    site = (row.get("site") or "unknown").strip()
    source_id = row.get("id") or _stable_id(row.get("job_url"), title, row.get("company"))
    pay = normalise_pay(row.get("min_amount"), row.get("max_amount"), row.get("interval") or None,
                        currency=(row.get("currency") or "USD").strip() or "USD")  # fmt: skip
    remote = (row.get("is_remote") or "").strip().lower()
    fields = {}
    if pay is not None:
        fields = {"salaryMin": pay.min, "salaryMax": pay.max, "salaryPeriod": pay.period,
                  "salaryCurrency": pay.currency, "baseSalaryRaw": pay.raw}  # fmt: skip
    return JobPosting(
        url=row.get("job_url") or row.get("job_url_direct") or "",
        source="import:jobspy",
        sourceId=f"{site}:{source_id}",
        feed=feed,
        title=title,
        hiringOrganization=row.get("company") or None,
        jobLocationRaw=row.get("location") or None,
        remote=(remote in _TRUE) if remote else None,
        employmentType=row.get("job_type") or None,
        datePostedRaw=row.get("date_posted") or None,
        descriptionHtml=row.get("description") or "",
        raw={k: v for k, v in row.items() if v not in (None, "")},
        **fields,
    )


def is_csv(path: Path) -> bool:
    """By extension; for any other name, a first line that is not a JSON object is CSV."""
    suffix = path.suffix.lower()
    if suffix in {".csv", ".tsv"}:
        return True
    if suffix in {".jsonl", ".ndjson", ".json"}:
        return False
    with path.open(encoding="utf-8-sig", errors="replace") as fh:
        first = next((line for line in fh if line.strip()), "")
    return not first.lstrip().startswith("{")


def read_postings(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, posting or BadLine) for every record of the file."""
    feed = f"import:{path.name}"
    if is_csv(path):
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            missing = JOBSPY_COLUMNS - set(reader.fieldnames or [])
            if missing:
                raise UserError(
                    f"{path.name}: not a JobSpy CSV (missing columns: {', '.join(sorted(missing))})"
                )
            for row in reader:
                try:
                    yield reader.line_num, jobspy_posting(row, feed)
                except BadLine as exc:
                    yield reader.line_num, exc
        return
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                yield number, jsonl_posting(json.loads(line), feed)
            except json.JSONDecodeError as exc:
                yield number, BadLine(f"malformed JSON ({exc.msg})")
            except BadLine as exc:
                yield number, exc


def import_file(path: Path, db_url: str | None, batch: int = 500) -> tuple[int, list[str]]:
    """Store the good postings of ``path``; returns (stored, problems by line)."""
    from itemadapter import ItemAdapter

    from pipelines.jobfamily import classify
    from pipelines.store.db import open_store
    from pipelines.store.postings import PostingWriter
    from scraper.pipelines import clean_posting, item_to_row

    store = open_store(db_url)
    writer = PostingWriter(store)
    rows, problems, stored = [], [], 0
    try:
        for number, posting in read_postings(path):
            if isinstance(posting, BadLine):
                problems.append(f"line {number}: {posting}")
                continue
            adapter = ItemAdapter(posting)
            problem = clean_posting(adapter, lambda _name: None)
            if problem:
                problems.append(f"line {number}: {problem}")
                continue
            adapter["relevant"] = classify(posting.title, posting.description).relevant
            rows.append(item_to_row(adapter))
            if len(rows) >= batch:
                writer.upsert(rows)
                stored, rows = stored + len(rows), []
        if rows:
            writer.upsert(rows)
            stored += len(rows)
    finally:
        store.dispose()
    return stored, problems


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@db_option
def import_postings(file: Path, db_url: str | None) -> None:
    """Import postings from JSON Lines (id, title, company, location, description) or a
    JobSpy CSV. Bad lines are reported with their numbers (exit 1); good lines are stored."""
    if not file.exists():
        raise UserError(f"no such file: {file}")
    try:
        stored, problems = import_file(file, db_url)
    except UnicodeDecodeError as exc:
        raise UserError(f"{file.name}: not UTF-8 text ({exc.reason})") from exc
    for problem in problems:
        click.echo(f"{file.name} {problem}", err=True)
    click.echo(f"Imported {stored} posting(s) from {file.name}; {len(problems)} line(s) rejected.")
    if problems:
        raise SystemExit(1)
