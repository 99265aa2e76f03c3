"""Uploads are read by what they contain, not by their name (matcher.sniff)."""

from __future__ import annotations

import io

import pytest

from matcher.limits import ReadLimits, ResumeError
from matcher.readers import read_resume_data
from matcher.sniff import sniff_suffix


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "suffix"),
    [
        (b"credentials: [RHIT]\nskills: [Epic]\nyears_experience: 2\n", ".yaml"),
        (b'{"credentials": ["RHIA"], "education": "bachelor"}', ".json"),
        (b"Jane Roe\nSkills: Epic, ICD-10-CM\nRHIT, 2019\n", ".txt"),
        (b"%PDF-1.7\n...", ".pdf"),
    ],
)
def test_kind_comes_from_the_content(data, suffix):
    assert sniff_suffix(data, "upload") == suffix


def test_a_word_document_is_found_inside_its_zip_package():
    assert sniff_suffix(_docx("RHIT since 2019"), "resume.pdf") == ".docx"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "old Word .doc"),
        (b"{\\rtf1\\ansi hello}", "rich-text"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "an image"),
        (b"PK\x03\x04 not really a zip", "damaged ZIP"),
    ],
)
def test_unreadable_kinds_stop_with_one_line(data, message):
    with pytest.raises(ResumeError, match=message) as caught:
        sniff_suffix(data, "cv.docx")
    assert "\n" not in str(caught.value)


def test_binary_data_named_txt_is_refused_by_the_reader():
    data = bytes(range(256)) * 8
    with pytest.raises(ResumeError, match="does not read as text|not text"):
        read_resume_data(data, "cv.txt", sniff_suffix(data, "cv.txt"))


def test_read_resume_data_applies_the_size_limit():
    with pytest.raises(ResumeError, match="over the limit"):
        read_resume_data(b"RHIT " * 100, "cv.txt", ".txt", ReadLimits(max_bytes=100))
