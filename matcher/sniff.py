"""What kind of resume a file is, from its bytes rather than its name (for uploads).

A browser sends whatever name the file had; the reader is chosen by the content: a PDF
header, a ZIP package holding a Word document, or text, which is a YAML/JSON profile when
it parses as a mapping of profile fields and a resume otherwise. Formats we cannot read
(an old .doc, RTF, images, other archives) stop with one line saying what to do.
"""

from __future__ import annotations

import io
import json
import re
import zipfile

from matcher.decoding import decode_text
from matcher.limits import ResumeError
from pipelines.untrusted import UntrustedInputError, load_yaml

PROFILE_KEYS = frozenset(
    {"credentials", "skills", "years_experience", "education", "state", "name"}
)
# A YAML profile has one of its keys at the start of a line; other text is not parsed.
_PROFILE_LINE = re.compile(rf"^(?:{'|'.join(sorted(PROFILE_KEYS))})\s*:", re.MULTILINE)
_SAVE_AS = "save it as .docx or PDF"
_REFUSED = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", f"an old Word .doc (or other Office) file: {_SAVE_AS}"),
    (b"{\\rtf", f"a rich-text (.rtf) file: {_SAVE_AS}"),
    (b"\x89PNG", "an image, not a document: export a text PDF or use a .txt"),
    (b"\xff\xd8\xff", "an image, not a document: export a text PDF or use a .txt"),
    (b"GIF8", "an image, not a document: export a text PDF or use a .txt"),
    (b"\x1f\x8b", "a compressed archive, not a document"),
    (b"7z\xbc\xaf", "a compressed archive, not a document"),
    (b"Rar!", "a compressed archive, not a document"),
)


def _is_profile(text: str, name: str) -> str | None:
    """ ".json" / ".yaml" when ``text`` is a profile mapping, else None (a text resume)."""
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("{"):
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            return ".json"  # meant as JSON: the profile reader says where it breaks
        return ".json" if isinstance(value, dict) else None
    if not _PROFILE_LINE.search(text):
        return None
    try:
        value = load_yaml(text, name)
    except (UntrustedInputError, ValueError, RecursionError):
        return None
    if isinstance(value, dict) and value and {str(k) for k in value} <= PROFILE_KEYS:
        return ".yaml"
    return None


def sniff_suffix(data: bytes, name: str) -> str:
    """The reader suffix for ``data`` (".pdf", ".docx", ".json", ".yaml" or ".txt").

    Raises :class:`ResumeError` (one line, naming ``name``) for empty data and for kinds no
    reader takes.
    """
    if not data.strip():
        raise ResumeError(f"{name}: the file is empty")
    if b"%PDF-" in data[:1024]:
        return ".pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
            raise ResumeError(f"{name}: a damaged ZIP package, not a readable .docx") from None
        if "word/document.xml" in names:
            return ".docx"
        raise ResumeError(f"{name}: a ZIP archive but not a Word .docx; {_SAVE_AS}")
    for magic, what in _REFUSED:
        if data.startswith(magic):
            raise ResumeError(f"{name}: {what}")
    return _is_profile(decode_text(data, name), name) or ".txt"


__all__ = ["PROFILE_KEYS", "sniff_suffix"]
