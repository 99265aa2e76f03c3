"""The bounds a resume or profile file is read within, and the error every reader raises.

A resume comes from outside: a small hostile file (a DOCX whose XML inflates to gigabytes,
a PDF of ten thousand pages) must stop with one line, quickly and in little memory. The
defaults suit any real resume; each can be changed by its environment variable.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields

from pipelines.untrusted import shown


class ResumeError(ValueError):
    """The resume cannot be read; the message is one line and contains no resume text."""


@dataclass(frozen=True)
class ReadLimits:
    """Upper bounds on a resume file and on what it expands into."""

    #: Size of the file on disk, in bytes (any kind: PDF, DOCX, text, profile).
    max_bytes: int = 5_000_000
    #: Characters of text read from the resume; the extractor reads no more.
    max_chars: int = 100_000
    #: Total uncompressed size of the members of a DOCX (a ZIP package), in bytes.
    docx_max_unpacked: int = 10_000_000
    #: Largest uncompressed/compressed ratio of a DOCX member over 1 MB unpacked.
    docx_max_ratio: int = 100
    #: Number of members (files) in a DOCX package.
    docx_max_members: int = 1_000
    #: Pages of a PDF.
    pdf_max_pages: int = 50
    #: Bytes one PDF stream (a page's content, an image) may unpack to.
    pdf_max_unpacked: int = 10_000_000

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ReadLimits:
        """The defaults, each replaced by its environment variable when set."""
        environ = os.environ if environ is None else environ
        values = {}
        for field in fields(cls):
            name = ENV_VARS[field.name]
            raw = environ.get(name, "").strip()
            if not raw:
                continue
            try:
                value = int(raw)
            except ValueError:
                value = 0
            if value <= 0:
                raise ResumeError(f"{name} must be a whole number above 0, not '{shown(raw)}'")
            values[field.name] = value
        return cls(**values)


#: The environment variable that sets each limit.
ENV_VARS = {
    "max_bytes": "MRT_RESUME_MAX_BYTES",
    "max_chars": "MRT_RESUME_MAX_CHARS",
    "docx_max_unpacked": "MRT_DOCX_MAX_UNPACKED",
    "docx_max_ratio": "MRT_DOCX_MAX_RATIO",
    "docx_max_members": "MRT_DOCX_MAX_MEMBERS",
    "pdf_max_pages": "MRT_PDF_MAX_PAGES",
    "pdf_max_unpacked": "MRT_PDF_MAX_UNPACKED",
}
