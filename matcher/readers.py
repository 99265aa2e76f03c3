"""Read a resume file into text (PDF, DOCX, TXT/Markdown) or a profile mapping (YAML/JSON).

Every failure is a :class:`ResumeError` with one line for the user; the resume text is
never put in a message or a log. Files are read within :class:`ReadLimits` (size on disk,
what a DOCX unpacks to, PDF pages, characters of text), so a hostile file stops early.
"""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import zipfile
import zlib
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from matcher.decoding import check_readable, decode_text
from matcher.limits import ENV_VARS, ReadLimits, ResumeError
from pipelines.untrusted import UntrustedInputError, load_yaml, shown

__all__ = ["ReadLimits", "ResumeError", "ResumeInput", "read_resume", "read_resume_data"]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
PROFILE_SUFFIXES = {".yaml", ".yml", ".json"}
SUPPORTED = ".pdf, .docx, .txt, .md, .yaml, .yml, .json"
# A DOCX member's compression ratio is judged only above this size: small parts vary.
_RATIO_FLOOR = 1_000_000
_CHUNK = 1 << 16
# Operators and operands pypdf may parse in one content stream: a dense resume page has a
# few thousand, a hostile one millions (seconds each).
PDF_PARSE_BUDGET = 200_000


@dataclass(frozen=True)
class ResumeInput:
    """Either the text of a document resume or the mapping of a profile file."""

    path: Path
    text: str | None = None
    profile: dict[str, Any] | None = None


def _over(name: str, what: str, limit: int, key: str) -> ResumeError:
    return ResumeError(f"{name}: {what}, over the limit of {limit:,} ({ENV_VARS[key]})")


def read_bytes(path: Path, name: str, limits: ReadLimits) -> bytes:
    """The file's bytes, refused before reading when larger than ``limits.max_bytes``."""
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise _over(name, f"{size:,} bytes", limits.max_bytes, "max_bytes")
    with path.open("rb") as fh:
        data = fh.read(limits.max_bytes + 1)  # the file may have grown since stat()
    if len(data) > limits.max_bytes:
        raise _over(name, "more bytes", limits.max_bytes, "max_bytes")
    return data


def read_pdf(data: bytes, name: str, limits: ReadLimits) -> str:
    from pypdf import PdfReader
    from pypdf import errors as pdf_errors

    # pypdf warns about damaged files through logging; the one-line error says enough.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    too_big = getattr(pdf_errors, "LimitReachedError", ())
    try:
        with _pdf_bounds(limits):
            return _pdf_text(PdfReader(io.BytesIO(data)), name, limits)
    except ResumeError:
        raise
    except too_big as exc:
        raise ResumeError(
            f"{name}: a part of the PDF is too large or too complex to read (MRT_PDF_MAX_UNPACKED)"
        ) from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on damaged input
        if "crypt" in str(exc).lower():
            raise ResumeError(
                f"{name}: the PDF is encrypted and cannot be read: save an unprotected copy"
            ) from exc
        raise ResumeError(
            f"{name}: cannot read the PDF ({exc.__class__.__name__}): is it a damaged file?"
        ) from exc


def _pdf_bounds(limits: ReadLimits) -> AbstractContextManager[Any]:
    """pypdf's own limits brought down to ours (pypdf >= 6.18; older ones keep 75 MB)."""
    import pypdf

    apply = getattr(pypdf, "apply_configuration", None)
    if apply is None:
        return nullcontext()
    known = {f.name for f in dataclasses.fields(pypdf.Configuration)}
    size = limits.pdf_max_unpacked
    wanted = {
        "maximum_declared_stream_length": size,
        "array_based_stream_maximum_output_length": size,
        "zlib_maximum_output_length": size,
        "lzw_maximum_output_length": size,
        "run_length_maximum_output_length": size,
        "brotli_maximum_output_length": size,
        "jbig2_maximum_output_length": size,
        "image_maximum_buffer_size": size,
        "stream_decoding_work_maximum_length": 4 * size,
        "stream_parsing_work_maximum_count": PDF_PARSE_BUDGET,
    }
    return apply(**{k: v for k, v in wanted.items() if k in known})


def _pdf_text(reader: Any, name: str, limits: ReadLimits) -> str:
    """The text of every page, within the page and character limits."""
    if reader.is_encrypted and not reader.decrypt(""):
        raise ResumeError(
            f"{name}: the PDF is encrypted (password-protected): save an unprotected copy"
        )
    count = len(reader.pages)
    if count > limits.pdf_max_pages:
        raise _over(name, f"{count:,} pages", limits.pdf_max_pages, "pdf_max_pages")
    pages: list[str] = []
    total = 0
    for page in reader.pages:
        pages.append(page.extract_text() or "")
        total += len(pages[-1]) + 1
        if total > limits.max_chars:
            raise _over(name, "more characters of text", limits.max_chars, "max_chars")
    text = "\n".join(pages)
    if not text.strip():
        raise ResumeError(f"{name}: no text layer: scanned image? export a text PDF or use a .txt")
    return text


def check_docx_package(data: bytes, name: str, limits: ReadLimits) -> None:
    """Refuse a ZIP bomb before python-docx inflates anything.

    The member count, the declared sizes and each large member's ratio come from the ZIP
    directory; since a directory can lie, every member is then inflated in bounded chunks
    and counted against the same budget. XML parts may not carry a DTD (Word never writes
    one; entity tricks need one).
    """
    damaged = ResumeError(f"{name}: not a valid Word .docx file (damaged, or an old .doc?)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise damaged from exc
    with archive:
        members = archive.infolist()
        if len(members) > limits.docx_max_members:
            raise _over(
                name, f"{len(members):,} parts", limits.docx_max_members, "docx_max_members"
            )
        declared = sum(m.file_size for m in members)
        if declared > limits.docx_max_unpacked:
            raise _over(name, f"unpacks to {declared:,} bytes", limits.docx_max_unpacked,
                        "docx_max_unpacked")  # fmt: skip
        for member in members:
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size > _RATIO_FLOOR and ratio > limits.docx_max_ratio:
                raise _over(name, f"a part compressed {ratio:,.0f} to 1", limits.docx_max_ratio,
                            "docx_max_ratio")  # fmt: skip
        budget = limits.docx_max_unpacked
        try:
            for member in members:
                budget -= _inflate_bounded(archive, member, budget, name, limits)
        except ResumeError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
                NotImplementedError, RuntimeError) as exc:  # fmt: skip
            raise damaged from exc


def _inflate_bounded(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: int, name: str, limits: ReadLimits
) -> int:
    """Bytes `member` inflates to, reading no more than `budget` + one chunk."""
    xml = member.filename.endswith((".xml", ".rels"))
    size, tail = 0, b""
    with archive.open(member) as fh:
        while chunk := fh.read(_CHUNK):
            size += len(chunk)
            if size > budget:
                raise _over(name, "unpacks to more bytes", limits.docx_max_unpacked,
                            "docx_max_unpacked")  # fmt: skip
            if xml and b"<!DOCTYPE" in tail + chunk:
                raise ResumeError(f"{name}: an XML part declares a DTD, which Word never writes")
            tail = chunk[-16:]
    return size


def read_docx(data: bytes, name: str, limits: ReadLimits) -> str:
    import docx

    check_docx_package(data, name, limits)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ResumeError(
            f"{name}: not a valid Word .docx file (damaged, or an old .doc?)"
        ) from exc
    except Exception as exc:  # noqa: BLE001 - lxml/zip errors on damaged files
        raise ResumeError(f"{name}: cannot read the .docx file ({exc.__class__.__name__})") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells: list[str] = []
            for cell in row.cells:
                if cell.text not in cells:  # merged cells repeat their text
                    cells.append(cell.text)
            lines.append(" | ".join(cells))
    text = "\n".join(lines)
    if not text.strip():
        raise ResumeError(f"{name}: the document has no text")
    return text


def read_text(data: bytes, name: str) -> str:
    text = decode_text(data, name)
    if not text.strip():
        raise ResumeError(f"{name}: the file is empty")
    return text


def read_profile_file(data: bytes, name: str, suffix: str) -> dict[str, Any]:
    raw = read_text(data, name)
    check_readable(raw, name)
    try:
        profile = json.loads(raw) if suffix == ".json" else load_yaml(raw, name)
    except json.JSONDecodeError as exc:
        raise ResumeError(
            f"{name}: malformed JSON at line {exc.lineno}, column {exc.colno}"
        ) from exc
    except UntrustedInputError as exc:
        raise ResumeError(str(exc)) from exc
    except RecursionError as exc:
        raise ResumeError(f"{name}: nested too deeply for a profile") from exc
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise ResumeError(f"{name}: cannot read a value ({shown(exc)})") from exc
    if not isinstance(profile, dict):
        raise ResumeError(
            f"{name}: a profile must be a mapping (credentials, skills, years_experience, education, state)"
        )
    return profile


def read_resume(path: str | Path, limits: ReadLimits | None = None) -> ResumeInput:
    """Dispatch on the file extension; raise :class:`ResumeError` on any problem.

    ``limits`` default to :meth:`ReadLimits.from_env` (environment variables or defaults).
    """
    path = Path(path)
    name = shown(path.name)
    if not path.exists():
        raise ResumeError(f"{shown(path)}: no such file")
    if not path.is_file():
        raise ResumeError(f"{shown(path)}: not a file")
    suffix = path.suffix.lower()
    if suffix not in {".pdf", ".docx"} | TEXT_SUFFIXES | PROFILE_SUFFIXES:
        hint = (
            " (save a .doc as .docx or PDF)" if suffix in {".doc", ".rtf", ".odt", ".pages"} else ""
        )
        raise ResumeError(
            f"{name}: unsupported file type '{shown(suffix) or '(none)'}'{hint}; use {SUPPORTED}"
        )
    limits = limits or ReadLimits.from_env()
    try:
        data = read_bytes(path, name, limits)
    except PermissionError as exc:
        raise ResumeError(f"{shown(path)}: permission denied") from exc
    except OSError as exc:
        raise ResumeError(
            f"{shown(path)}: cannot read ({exc.strerror or exc.__class__.__name__})"
        ) from exc
    return read_resume_data(data, path, suffix, limits)


def read_resume_data(
    data: bytes, path: str | Path, suffix: str, limits: ReadLimits | None = None
) -> ResumeInput:
    """Read a resume already in memory (an upload) as the kind ``suffix`` names (".pdf",
    ".docx", ".txt", ".md", ".yaml", ".json"); ``path`` only names it in messages."""
    path = Path(path)
    name = shown(path.name)
    limits = limits or ReadLimits.from_env()
    if len(data) > limits.max_bytes:
        raise _over(name, f"{len(data):,} bytes", limits.max_bytes, "max_bytes")
    if suffix in PROFILE_SUFFIXES:
        return ResumeInput(path, profile=read_profile_file(data, name, suffix))
    if suffix == ".pdf":
        text = read_pdf(data, name, limits)
    elif suffix == ".docx":
        text = read_docx(data, name, limits)
    else:
        text = read_text(data, name)
    check_readable(text, name)
    if len(text) > limits.max_chars:
        raise _over(name, f"{len(text):,} characters of text", limits.max_chars, "max_chars")
    return ResumeInput(path, text=text)
