"""Read a resume file into text (PDF, DOCX, TXT/Markdown) or a profile mapping (YAML/JSON).

Every failure is a :class:`ResumeError` with one line for the user; the resume text is
never put in a message or a log.
"""

from __future__ import annotations

import json
import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
PROFILE_SUFFIXES = {".yaml", ".yml", ".json"}
SUPPORTED = ".pdf, .docx, .txt, .md, .yaml, .yml, .json"


class ResumeError(ValueError):
    """The resume cannot be read; the message is one line and contains no resume text."""


@dataclass(frozen=True)
class ResumeInput:
    """Either the text of a document resume or the mapping of a profile file."""

    path: Path
    text: str | None = None
    profile: dict[str, Any] | None = None


def read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf warns about damaged files through logging; the one-line error says enough.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ResumeError(
                f"{path.name}: the PDF is encrypted (password-protected): save an unprotected copy"
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except ResumeError:
        raise
    except (
        PdfReadError,
        ValueError,
        KeyError,
        TypeError,
        OSError,
        IndexError,
        AttributeError,
    ) as exc:
        raise ResumeError(
            f"{path.name}: cannot read the PDF ({exc.__class__.__name__}): is it a damaged file?"
        ) from exc
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on damaged input
        if "crypt" in str(exc).lower():
            raise ResumeError(
                f"{path.name}: the PDF is encrypted and cannot be read: save an unprotected copy"
            ) from exc
        raise ResumeError(
            f"{path.name}: cannot read the PDF ({exc.__class__.__name__}): is it a damaged file?"
        ) from exc
    text = "\n".join(pages)
    if not text.strip():
        raise ResumeError(
            f"{path.name}: no text layer: scanned image? export a text PDF or use a .txt"
        )
    return text


def read_docx(path: Path) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ResumeError(
            f"{path.name}: not a valid Word .docx file (damaged, or an old .doc?)"
        ) from exc
    except Exception as exc:  # noqa: BLE001 - lxml/zip errors on damaged files
        raise ResumeError(
            f"{path.name}: cannot read the .docx file ({exc.__class__.__name__})"
        ) from exc
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
        raise ResumeError(f"{path.name}: the document has no text")
    return text


def read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    if not text.strip():
        raise ResumeError(f"{path.name}: the file is empty")
    return text


def read_profile_file(path: Path) -> dict[str, Any]:
    raw = read_text(path)
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(raw)
        else:
            import yaml

            data = yaml.safe_load(raw)
    except json.JSONDecodeError as exc:
        raise ResumeError(
            f"{path.name}: malformed JSON at line {exc.lineno}, column {exc.colno}"
        ) from exc
    except Exception as exc:  # noqa: BLE001 - yaml.YAMLError and friends
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ResumeError(f"{path.name}: malformed YAML{where}") from exc
    if not isinstance(data, dict):
        raise ResumeError(
            f"{path.name}: a profile must be a mapping (credentials, skills, years_experience, education, state)"
        )
    return data


def read_resume(path: str | Path) -> ResumeInput:
    """Dispatch on the file extension; raise :class:`ResumeError` on any problem."""
    path = Path(path)
    if not path.exists():
        raise ResumeError(f"{path}: no such file")
    if not path.is_file():
        raise ResumeError(f"{path}: not a file")
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            return ResumeInput(path, text=read_pdf(path))
        if suffix == ".docx":
            return ResumeInput(path, text=read_docx(path))
        if suffix in TEXT_SUFFIXES:
            return ResumeInput(path, text=read_text(path))
        if suffix in PROFILE_SUFFIXES:
            return ResumeInput(path, profile=read_profile_file(path))
    except PermissionError as exc:
        raise ResumeError(f"{path}: permission denied") from exc
    except IsADirectoryError as exc:
        raise ResumeError(f"{path}: not a file") from exc
    hint = " (save a .doc as .docx or PDF)" if suffix in {".doc", ".rtf", ".odt", ".pages"} else ""
    raise ResumeError(
        f"{path.name}: unsupported file type '{suffix or '(none)'}'{hint}; use {SUPPORTED}"
    )
