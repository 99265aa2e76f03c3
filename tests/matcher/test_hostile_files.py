"""Hostile resume and profile files (issue 10): bombs stop early, encodings are found,
binary files and bad numbers give one line, and no message quotes more than ~80 characters
of what the user gave."""

from __future__ import annotations

import codecs
import json
import random
import time
import zipfile
from pathlib import Path

import pytest
from resume_files import MARKER, write_docx, write_docx_bomb, write_pdf, write_pdf_bomb

from matcher.build import LINE_CHARS, PIECE_CHARS, profile_from_mapping, text_pieces
from matcher.config import ScoringConfigError, load_scoring
from matcher.limits import ReadLimits
from matcher.match import resolve_profile
from matcher.profile import ProfileError
from matcher.readers import ResumeError, read_resume
from matcher.resume_text import split_sections

TEXT = f"Pat Example {MARKER}\nAustin, TX 78701\nCertifications\nRHIT\nSkills\nEpic, ICD-10-CM\n"
SAMPLE = Path(__file__).parents[2] / "matcher" / "samples" / "sample_resume.md"
# Longest message: the fixed wording plus one user value cut to 80 characters.
MAX_MESSAGE = 240


def refused(path: Path, limits: ReadLimits | None = None) -> str:
    """The one-line message read_resume gives for `path`, checked for the common rules."""
    start = time.monotonic()
    with pytest.raises(ResumeError) as info:
        read_resume(path, limits)
    message = str(info.value)
    assert time.monotonic() - start < 5
    assert "\n" not in message and MARKER not in message and len(message) <= MAX_MESSAGE
    return message


# ---------------------------------------------------------------- resource bombs


def test_docx_bomb_is_refused_from_its_directory(tmp_path):
    bomb = write_docx_bomb(tmp_path / "bomb.docx")  # ~3 MB inflating to 1 GB
    assert "over the limit of 10,000,000 (MRT_DOCX_MAX_UNPACKED)" in refused(bomb)


def test_docx_whose_headers_lie_is_read_in_bounded_chunks(tmp_path):
    liar = write_docx_bomb(tmp_path / "liar.docx", declared=50_000)
    assert "not a valid Word .docx" in refused(liar)
    # Honest headers under a larger limit: the ratio of the inflating part stops it.
    dense = write_docx_bomb(tmp_path / "dense.docx", 5_000_000)
    assert "compressed" in refused(dense) and "MRT_DOCX_MAX_RATIO" in refused(dense)
    # Without the ratio test, the bounded reading stops at the limit.
    loose = ReadLimits(docx_max_ratio=10_000, docx_max_unpacked=2_000_000)
    assert "MRT_DOCX_MAX_UNPACKED" in refused(dense, loose)


def test_docx_members_and_dtd(tmp_path, monkeypatch):
    plain = write_docx(tmp_path / "r.docx", TEXT)
    monkeypatch.setenv("MRT_DOCX_MAX_MEMBERS", "3")
    assert "parts, over the limit of 3 (MRT_DOCX_MAX_MEMBERS)" in refused(plain)
    monkeypatch.delenv("MRT_DOCX_MAX_MEMBERS")
    xxe = tmp_path / "xxe.docx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(xxe, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(
                    b"?>",
                    b'?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
                    1,
                )
            out.writestr(info, data)
    assert "declares a DTD" in refused(xxe)


def test_file_size_pages_and_text_length_are_bounded(tmp_path, monkeypatch):
    text = tmp_path / "r.txt"
    text.write_text(TEXT * 10, encoding="utf-8")
    monkeypatch.setenv("MRT_RESUME_MAX_BYTES", "100")
    assert "bytes, over the limit of 100 (MRT_RESUME_MAX_BYTES)" in refused(text)
    monkeypatch.delenv("MRT_RESUME_MAX_BYTES")
    monkeypatch.setenv("MRT_RESUME_MAX_CHARS", "200")
    assert "characters of text, over the limit of 200 (MRT_RESUME_MAX_CHARS)" in refused(text)
    monkeypatch.delenv("MRT_RESUME_MAX_CHARS")
    pdf = write_pdf(tmp_path / "r.pdf", "RHIT\n" * 120)  # three pages
    assert "3 pages, over the limit of 2 (MRT_PDF_MAX_PAGES)" in refused(
        pdf, ReadLimits(pdf_max_pages=2)
    )
    assert "MRT_RESUME_MAX_CHARS" in refused(pdf, ReadLimits(max_chars=300))


def test_pdf_stream_bomb_is_cut_off(tmp_path):
    bomb = write_pdf_bomb(tmp_path / "bomb.pdf")  # ~600 KB inflating to 200 MB
    assert "too large or too complex to read (MRT_PDF_MAX_UNPACKED)" in refused(bomb)
    # Under the unpacked limit, the parsing budget stops a page of a million operators.
    dense = write_pdf_bomb(tmp_path / "dense.pdf", 3 << 20)
    assert "too large or too complex" in refused(dense)


@pytest.mark.parametrize("value", ["0", "-5", "lots", "x" * 200])
def test_a_bad_limit_setting_is_one_line(tmp_path, monkeypatch, value):
    path = tmp_path / "r.txt"
    path.write_text(TEXT, encoding="utf-8")
    monkeypatch.setenv("MRT_PDF_MAX_PAGES", value)
    assert "MRT_PDF_MAX_PAGES must be a whole number above 0" in refused(path)


@pytest.mark.parametrize(
    "name, content, message",
    [
        (
            "laughs.yaml",
            'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
            + "".join(
                f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n"
                for p, c in zip("abcdefgh", "bcdefghi", strict=True)
            ),
            "aliases (*name) are not allowed",
        ),
        ("deep.yaml", "[" * 50_000, "nested too deeply"),
        ("deep.json", "[" * 50_000 + "]" * 50_000, "nested too deeply"),
        ("digits.json", '{"years_experience": ' + "9" * 5000 + "}", "cannot read a value"),
        ("big.yaml", "skills:\n" + "  - Epic\n" * 200_000, "larger than"),
    ],
)
def test_profile_bombs_give_one_short_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert message in refused(path)


def test_no_message_quotes_more_than_80_characters_of_a_value(tmp_path, terms):
    long_name = tmp_path / ("r" * 200 + ".rtf")
    long_name.write_text("x")
    assert "…" in refused(long_name)
    for field, value in [
        ("skills", ["x" * 10_000]),
        ("credentials", [{"id": "RHIT", "status": "y" * 10_000}]),
        ("education", "z" * 10_000),
        ("state", "w" * 10_000),
        ("years_experience", "v" * 10_000),
    ]:
        with pytest.raises(ProfileError) as info:
            profile_from_mapping({field: value}, terms)
        assert len(str(info.value)) <= MAX_MESSAGE and "…" in str(info.value)


def test_the_extractor_is_fed_bounded_pieces():
    random.seed(7)
    texts = [
        "RHIT " * 20_000,  # one line of mentions: a sentence the extractor would read in O(n²)
        "RHIT\n" * 20_000,
        SAMPLE.read_text(encoding="utf-8"),
        "".join(random.choice("ab .;\n") for _ in range(30_000)),
    ]
    for text in texts:
        pieces = list(text_pieces(text))
        assert "".join(piece for _, piece in pieces) == text
        assert all(text[at : at + len(piece)] == piece for at, piece in pieces)
        assert max(len(piece) for _, piece in pieces) <= PIECE_CHARS
        assert all(len(p) <= LINE_CHARS for _, p in pieces if "\n" not in p[:-1] and len(p) > 1)
    assert len(list(text_pieces(texts[2]))) == 1  # a real resume goes whole


@pytest.mark.timeout(10)
def test_a_long_line_of_dashes_is_not_quadratic():
    sections = split_sections("x" + "- " * 50_000 + "x\nSkills\nEpic\n")
    assert [s.name for s in sections] == ["header", "skills"]


# ---------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: t.encode("utf-16-le"),  # no byte-order mark
        lambda t: t.encode("utf-16-be"),
        lambda t: t.encode("utf-32"),
        lambda t: t.encode("utf-8-sig"),
        lambda t: t.encode("latin-1"),
        lambda t: t.encode("cp1252"),
    ],
    ids=[
        "utf16le-bom",
        "utf16be-bom",
        "utf16le",
        "utf16be",
        "utf32",
        "utf8-bom",
        "latin1",
        "cp1252",
    ],
)
def test_text_encodings_are_found(tmp_path, encode):
    text = TEXT.replace("Pat Example", "José Müller, résumé") + "Café Façade Noël\n"
    path = tmp_path / "r.txt"
    path.write_bytes(encode(text))
    assert read_resume(path).text == text


def test_a_utf16_profile_is_read(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_bytes(codecs.BOM_UTF16_LE + "credentials: [RHIT]\n".encode("utf-16-le"))
    assert read_resume(path).profile == {"credentials": ["RHIT"]}


@pytest.mark.parametrize(
    "data",
    [
        random.Random(1).randbytes(4000),
        b"\x00" * 4000,
        b"\x89PNG\r\n\x1a\n" + random.Random(2).randbytes(3000),
        b"SQLite format 3\x00" + b"\x00\x10\x02\x02" * 1000,
        b"RHIT " * 100 + b"\x00\x01\x02\x03" * 200,
    ],
    ids=["random", "zeros", "png", "sqlite", "mostly-text"],
)
def test_a_binary_file_named_txt_is_refused(tmp_path, data):
    path = tmp_path / "resume.txt"
    path.write_bytes(data)
    message = refused(path)
    assert "not text" in message or "does not read as text" in message


def test_text_without_resume_content_is_refused(tmp_path, terms):
    path = tmp_path / "notes.txt"
    path.write_text("Shopping list\nmilk, eggs, bread\n", encoding="utf-8")
    with pytest.raises(ResumeError, match="no resume content found"):
        resolve_profile(path, terms)


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "name, content",
    [
        ("p.yaml", "years_experience: .nan\n"),
        ("p.yaml", "years_experience: .inf\n"),
        ("p.yaml", "years_experience: 1.0e+400\n"),
        ("p.yaml", "years_experience: 99999999999999999999999\n"),
        ("p.json", '{"years_experience": NaN}'),
        ("p.json", '{"years_experience": Infinity}'),
        ("p.json", '{"years_experience": 1e400}'),
        ("p.json", '{"years_experience": -1}'),
        ("p.json", '{"years_experience": 9223372036854775808}'),
    ],
)
def test_impossible_years_are_one_line(tmp_path, terms, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        resolve_profile(path, terms)
    assert "'years_experience' must be a number of years from 0 to 80" in str(info.value)


def test_scoring_weights_must_be_finite(tmp_path):
    default = Path(__file__).parents[2] / "config" / "scoring.yaml"
    path = tmp_path / "scoring.yaml"
    for bad in (".nan", ".inf", "1" * 400):
        path.write_text(default.read_text().replace("skills: ", f"skills: {bad} #", 1))
        with pytest.raises(ScoringConfigError) as info:
            load_scoring(path)
        assert "components.skills must be a number >= 0.0" in str(info.value)
        assert len(str(info.value)) <= MAX_MESSAGE
    json.dumps(load_scoring(default).components, allow_nan=False)
