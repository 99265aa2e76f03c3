"""Reading resumes of every format, and one clear error for every bad file."""

from __future__ import annotations

from pathlib import Path

import pytest
from resume_files import (
    MARKER,
    write_corrupt_docx,
    write_corrupt_pdf,
    write_docx,
    write_empty_pdf,
    write_encrypted_pdf,
    write_pdf,
)

from matcher.readers import ResumeError, read_resume

RESUMES = Path(__file__).parents[1] / "fixtures" / "resumes"
TEXT = f"Pat Example {MARKER}\nAustin, TX 78701\nCertifications\nRHIT\nSkills\nEpic, ICD-10-CM\n"


def test_pdf_text(tmp_path):
    doc = read_resume(write_pdf(tmp_path / "r.pdf", TEXT))
    assert MARKER in doc.text and "ICD-10-CM" in doc.text and doc.profile is None


def test_docx_paragraphs_and_tables(tmp_path):
    path = write_docx(tmp_path / "r.docx", TEXT, table=[["Skills", "Epic"], ["Systems", "Cerner"]])
    text = read_resume(path).text
    assert MARKER in text and "Skills | Epic" in text and "Systems | Cerner" in text


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_plain_text(tmp_path, suffix):
    path = tmp_path / f"r{suffix}"
    path.write_text(TEXT, encoding="utf-8")
    assert read_resume(path).text == TEXT


def test_cp1252_text_is_read(tmp_path):
    path = tmp_path / "r.txt"
    path.write_bytes("Jos\xe9 \u2013 RHIT".encode("cp1252"))
    assert read_resume(path).text == "Jos\xe9 \u2013 RHIT"


def test_profile_files():
    assert read_resume(RESUMES / "rhia_manager.yaml").profile["credentials"] == ["RHIA"]
    assert read_resume(RESUMES / "ctr_registrar.json").profile["years_experience"] == 1


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: write_corrupt_pdf(d / "bad.pdf"), "cannot read the PDF"),
        (lambda d: write_encrypted_pdf(d / "locked.pdf", TEXT), "encrypted"),
        (
            lambda d: write_empty_pdf(d / "scan.pdf"),
            "no text layer: scanned image? export a text PDF or use a .txt",
        ),
        (lambda d: write_corrupt_docx(d / "bad.docx"), "not a valid Word .docx"),
        (lambda d: write_docx(d / "blank.docx", ""), "no text"),
        (lambda d: _write(d / "r.rtf", "{\\rtf1 RHIT}"), "unsupported file type '.rtf'"),
        (lambda d: _write(d / "r.doc", "RHIT"), "save a .doc as .docx"),
        (lambda d: _write(d / "empty.txt", "  \n"), "empty"),
        (lambda d: _write(d / "p.yaml", "credentials: [RHIT\nskills: ["), "not valid YAML at line"),
        (lambda d: _write(d / "p.json", '{"credentials": '), "malformed JSON at line 1"),
        (lambda d: _write(d / "p.yaml", "- RHIT\n- CCS\n"), "a profile must be a mapping"),
        (lambda d: d / "missing.pdf", "no such file"),
    ],
)
def test_bad_files_give_one_line(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(ResumeError) as info:
        read_resume(path)
    text = str(info.value)
    assert message in text
    assert "\n" not in text and MARKER not in text


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
