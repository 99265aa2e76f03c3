"""Import postings from a file: JSON Lines (contract input) or a JobSpy CSV (`mrt import`).

Each line stands alone: the file is read as bytes and decoded line by line, each line
bounded in size, checked for the types of its fields and for numbers a database can hold,
so a bad line is reported by number and skipped while every good line is stored.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy.exc import SQLAlchemyError

from pipelines.jsonlines import (
    INT64_MAX,
    MAX_LINE_BYTES,
    BadLine,
    decode_line,
    physical_lines,
    read_json_lines,
    too_long,
)
from pipelines.untrusted import shown


class ImportFileError(ValueError):
    """The file as a whole (UTF-16, not a JobSpy CSV) or an import setting is not valid;
    one line, for the CLI to show."""


JOBSPY_COLUMNS = {"site", "job_url", "title", "company", "location", "description"}
_TRUE = {"true", "1", "yes", "y", "t"}
#: Rejected lines reported one by one; the rest are counted in a summary.
MAX_REPORTED = 20
# The contract's fields and what each may hold (null is always allowed).
FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str, int), "title": (str,), "company": (str,), "location": (str,),
    "description": (str,), "url": (str,), "employment_type": (str,),
    "date_posted": (str, int), "salary": (str, int, float),
}  # fmt: skip
_TYPE_NAMES = {str: "text", int: "a whole number", float: "a number"}


def _stable_id(*parts: Any) -> str:
    return hashlib.sha256("|".join(str(p or "") for p in parts).encode()).hexdigest()[:24]


def jsonl_posting(record: Any, feed: str):
    """A posting from one line of the extraction contract's input format."""
    from scraper.items import JobPosting

    if not isinstance(record, dict):
        raise BadLine(f"not a JSON object ({_json_kind(record)})")
    for name, types in FIELD_TYPES.items():
        value = record.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, types)):
            wanted = " or ".join(_TYPE_NAMES[t] for t in types)
            raise BadLine(f"'{name}' must be {wanted}, not {_json_kind(value)}")
    title = record.get("title")
    if not title or not title.strip():
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
        baseSalaryRaw=None if record.get("salary") is None else str(record["salary"]),
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


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return {str: "text", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__
    )


def unstorable(row: dict[str, Any]) -> str | None:
    """Why a row cannot be stored as it is (a number beyond 64 bits, NaN or infinity),
    searching nested values too; None when it can. (NUL characters are taken out by the
    store itself.)"""
    stack: list[tuple[str, Any]] = list(row.items())
    while stack:
        name, value = stack.pop()
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, int) and abs(value) > INT64_MAX:
            return f"'{name}' holds a number beyond the 64-bit range a database stores"
        if isinstance(value, float) and not math.isfinite(value):
            return f"'{name}' holds {value}, not a number a database stores"
        if isinstance(value, dict):
            stack.extend((name, v) for v in list(value.keys()) + list(value.values()))
        elif isinstance(value, list):
            stack.extend((name, v) for v in value)
    return None


def max_line_bytes() -> int:
    raw = os.environ.get("MRT_IMPORT_MAX_LINE_BYTES", "").strip()
    if not raw:
        return MAX_LINE_BYTES
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value <= 0:
        raise ImportFileError(
            f"MRT_IMPORT_MAX_LINE_BYTES must be a whole number above 0, not '{shown(raw)}'"
        )
    return value


_TOO_LONG_HINT = " (MRT_IMPORT_MAX_LINE_BYTES)"


def is_csv(path: Path) -> bool:
    """By extension; for any other name, a first line that is not a JSON object is CSV."""
    suffix = path.suffix.lower()
    if suffix in {".csv", ".tsv"}:
        return True
    if suffix in {".jsonl", ".ndjson", ".json"}:
        return False
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    return not head.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"{")


def _refuse_utf16(path: Path) -> None:
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(f"{shown(path.name)}: UTF-16 text; save it as UTF-8 and import again")


@contextmanager
def _csv_field_limit(limit: int) -> Iterator[None]:
    before = csv.field_size_limit()
    csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _csv_records(path: Path, feed: str, limit: int) -> Iterator[tuple[int, Any]]:
    bad: dict[int, BadLine] = {}

    def lines(fh: IO[bytes]) -> Iterator[str]:
        for number, raw in physical_lines(fh, limit):
            try:
                if raw is None:
                    raise too_long(limit, _TOO_LONG_HINT)
                yield decode_line(raw, number)
            except BadLine as exc:
                bad[number] = exc
                # Something in its place, so the record holding it is not a blank row.
                yield "?\n" if raw is None else raw.decode("utf-8", errors="replace")

    with path.open("rb") as fh, _csv_field_limit(limit):
        reader = csv.DictReader(lines(fh))
        missing = JOBSPY_COLUMNS - set(reader.fieldnames or [])
        if missing:
            raise ImportFileError(
                f"{shown(path.name)}: not a JobSpy CSV (missing columns: {', '.join(sorted(missing))})"
            )
        done = reader.line_num
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield reader.line_num, BadLine(f"malformed CSV ({shown(exc)})")
                done = reader.line_num
                continue
            span = range(done + 1, reader.line_num + 1)
            done = reader.line_num
            broken = [(n, bad.pop(n)) for n in span if n in bad]
            if broken:
                yield broken[0]  # the first bad line of a record over several lines
                continue
            yield span.start, _guarded(jobspy_posting, row, feed)


def _guarded(make: Any, *args: Any) -> Any:
    """``make(*args)``, or a BadLine for whatever goes wrong with this one record."""
    try:
        return make(*args)
    except BadLine as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - one record must not stop the file
        return BadLine(f"cannot be read ({exc.__class__.__name__})")


def read_postings(path: Path, limit: int | None = None) -> Iterator[tuple[int, Any]]:
    """(line number, posting or BadLine) for every record of the file."""
    limit = limit or max_line_bytes()
    feed = f"import:{path.name}"[:255]
    _refuse_utf16(path)
    if is_csv(path):
        yield from _csv_records(path, feed, limit)
        return
    with path.open("rb") as fh:
        for number, record in read_json_lines(fh, limit, _TOO_LONG_HINT):
            if isinstance(record, BadLine):
                yield number, record
            else:
                yield number, _guarded(jsonl_posting, record, feed)


@dataclass
class ImportResult:
    """What an import stored and rejected; ``problems`` holds the first MAX_REPORTED."""

    stored: int = 0
    rejected: int = 0
    problems: list[str] = field(default_factory=list)

    def reject(self, number: int, why: object) -> None:
        self.rejected += 1
        if len(self.problems) < MAX_REPORTED:
            self.problems.append(f"line {number}: {why}")


def _row(posting: Any) -> dict[str, Any]:
    """The store row of a posting, or BadLine when it cannot be cleaned or stored."""
    from pipelines.jobfamily import classify
    from scraper.items import item_fields
    from scraper.pipelines import clean_posting, item_to_row

    adapter = item_fields(posting)
    problem = clean_posting(adapter, lambda _name: None)
    if problem:
        raise BadLine(problem)
    adapter["relevant"] = classify(posting.title, posting.description).relevant
    row = item_to_row(adapter)
    why = unstorable(row)
    if why:
        raise BadLine(why)
    return row


# What the database (or its driver) raises for a row it will not take.
_REFUSED = (SQLAlchemyError, ValueError, OverflowError, TypeError)


def _write(writer: Any, pending: list[tuple[int, dict]], result: ImportResult) -> None:
    """One transaction for the batch; if the database refuses it, each row in its own, so
    only the rows it refuses are lost (and reported)."""
    try:
        writer.upsert([row for _, row in pending])
        result.stored += len(pending)
        return
    except _REFUSED as exc:
        if _is_connection_error(exc):
            raise
    for number, row in pending:
        try:
            writer.upsert([row])
            result.stored += 1
        except _REFUSED as exc:
            if _is_connection_error(exc):
                raise
            result.reject(number, f"the database refused it ({exc.__class__.__name__})")


def _is_connection_error(exc: Exception) -> bool:
    from sqlalchemy.exc import InterfaceError, OperationalError

    return isinstance(exc, (OperationalError, InterfaceError))


def import_file(path: Path, db_url: str | None, batch: int = 500) -> ImportResult:
    """Store the good postings of ``path``; report the others by line number."""
    from pipelines.store.db import open_store
    from pipelines.store.postings import PostingWriter

    limit = max_line_bytes()
    store = open_store(db_url)
    writer = PostingWriter(store)
    result = ImportResult()
    pending: list[tuple[int, dict]] = []
    try:
        for number, posting in read_postings(path, limit):
            if not isinstance(posting, BadLine):
                posting = _guarded(_row, posting)
            if isinstance(posting, BadLine):
                result.reject(number, posting)
                continue
            pending.append((number, posting))
            if len(pending) >= batch:
                _write(writer, pending, result)
                pending = []
        if pending:
            _write(writer, pending, result)
    finally:
        store.dispose()
    return result
