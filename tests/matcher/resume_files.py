"""Resume files made at test time: PDF with fpdf2, DOCX with python-docx, broken ones too."""

from __future__ import annotations

from pathlib import Path

# A string no real resume contains: the privacy tests assert it never leaks.
MARKER = "Zqxmarker7741"


def write_pdf(path: Path, text: str) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in text.splitlines():
        pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def write_encrypted_pdf(path: Path, text: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(path.with_suffix(".plain.pdf"), text)
    writer = PdfWriter()
    writer.append(PdfReader(plain))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    with path.open("wb") as fh:
        writer.write(fh)
    plain.unlink()
    return path


def write_empty_pdf(path: Path) -> Path:
    """A page with only a drawing, like a scan without OCR: no text layer."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    pdf.output(str(path))
    return path


def write_corrupt_pdf(path: Path) -> Path:
    path.write_bytes(
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nthis is not a pdf\n%%EOF"
    )
    return path


def write_docx(path: Path, text: str, table: list[list[str]] | None = None) -> Path:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    document.save(str(path))
    return path


def write_corrupt_docx(path: Path) -> Path:
    path.write_bytes(b"PK\x03\x04" + b"\x00garbage, not a zip archive" * 10)
    return path


def write_docx_bomb(path: Path, unpacked: int = 1 << 30, *, declared: int | None = None) -> Path:
    """A .docx whose word/document.xml inflates to about `unpacked` bytes of paragraphs
    from about a thousandth of that on disk (a "zip bomb"), built without compressing it.

    ``declared`` is the size its ZIP headers claim (default: the truth). Above 64 MB the
    CRC is not the real one (too slow to compute), so a reader that inflates it all fails
    only at the end.
    """
    import io
    import zipfile

    template = write_docx(path.with_suffix(".template.docx"), "Pat Example")
    with zipfile.ZipFile(template) as z:
        parts = {info.filename: z.read(info) for info in z.infolist()}
    template.unlink()
    paragraph = b"<w:p><w:r><w:t>RHIT Epic ICD-10-CM</w:t></w:r></w:p>"
    chunk = paragraph * ((1 << 20) // len(paragraph))
    head = parts["word/document.xml"].split(b"<w:body>")[0] + b"<w:body>"
    tail = b"</w:body></w:document>"
    repeats = max(1, unpacked // len(chunk))
    # Each piece is deflated on its own and flushed, so identical pieces can be repeated.
    body = _deflate(head) + _deflate(chunk) * repeats + _deflate(tail, final=True)
    size = len(head) + len(chunk) * repeats + len(tail)
    out = io.BytesIO()
    entries = []
    for name, data in parts.items():
        if name == "word/document.xml":
            raw, crc, real = body, _repeated_crc(head, chunk, repeats, tail), size
        else:
            raw, crc, real = _deflate(data, final=True), zlib_crc(data), len(data)
        entries.append((name.encode(), out.tell(), crc, len(raw), declared or real))
        out.write(_zip_header(b"PK\x03\x04", entries[-1], local=True) + raw)
    directory = out.tell()
    for entry in entries:
        out.write(_zip_header(b"PK\x01\x02", entry, local=False))
    end = out.tell()
    out.write(b"PK\x05\x06" + (0).to_bytes(4, "little") + len(entries).to_bytes(2, "little") * 2
              + (end - directory).to_bytes(4, "little") + directory.to_bytes(4, "little") + b"\0\0")  # fmt: skip
    path.write_bytes(out.getvalue())
    return path


def _repeated_crc(head: bytes, chunk: bytes, repeats: int, tail: bytes) -> int:
    import zlib

    if repeats > 64:
        return 0
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(chunk, crc)
    return zlib.crc32(tail, crc)


def zlib_crc(data: bytes) -> int:
    import zlib

    return zlib.crc32(data)


def _deflate(data: bytes, *, final: bool = False) -> bytes:
    import zlib

    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)


def _zip_header(signature: bytes, entry: tuple, *, local: bool) -> bytes:
    import struct

    name, offset, crc, packed, unpacked = entry
    common = struct.pack("<HHHHHIIIHH", 20, 0, 8, 0, 0x21, crc, packed, unpacked, len(name), 0)
    if local:
        return signature + common + name
    return (
        signature
        + struct.pack("<H", 20)
        + common
        + struct.pack("<HHHII", 0, 0, 0, 0, offset)
        + name
    )


def write_pdf_bomb(path: Path, unpacked: int = 200 << 20) -> Path:
    """A one-page PDF whose content stream inflates to about `unpacked` bytes of text
    operators from a few hundred KB (the zlib checksum is left wrong)."""
    chunk = b"BT /F1 12 Tf 72 700 Td (RHIT Epic) Tj ET\n" * 25_000
    stream = b"\x78\xda" + _deflate(chunk) * max(1, unpacked // len(chunk))
    stream += _deflate(b"", final=True) + b"\0\0\0\0"
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d/Filter/FlateDecode>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer <</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path
