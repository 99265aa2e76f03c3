"""Bytes of a text resume or profile to text, and the check that text reads as text.

The encoding is found in this order: a byte-order mark; UTF-16 without one (every other
byte NUL); UTF-8; else the likeliest legacy code page, Windows-1252 when it reads as well
as charset-normalizer's best guess (short Western text fools the guessers). Text that is
mostly control or replacement characters came from a binary or mislabelled file and is
refused rather than read as an empty resume.
"""

from __future__ import annotations

import codecs
import re

from matcher.limits import ResumeError

# UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0/C1 controls other than tab, line breaks and form feed; NUL; U+FFFD; lone surrogates.
_UNREADABLE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ud800-\udfff]")
#: Largest share of unreadable characters in the text of a resume.
MAX_UNREADABLE_SHARE = 0.05


def decode_text(data: bytes, name: str) -> str:
    """The text of `data`; :class:`ResumeError` when no encoding reads it."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                raise ResumeError(
                    f"{name}: starts with a {codec.upper()} byte-order mark but is not {codec.upper()} text"
                ) from None
    codec = _utf16_by_nuls(data)
    if codec is not None:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass  # NUL bytes in a binary file: the checks below refuse it
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _legacy(data, name)


def _utf16_by_nuls(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: Latin text has a NUL in every other byte."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _legacy(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    western = from_bytes(data, cp_isolation=["cp1252"]).best()
    if western is not None and (best is None or western.chaos <= best.chaos):
        return str(western)
    if best is None:
        raise ResumeError(f"{name}: not text in any known encoding (a binary file?)")
    return str(best)


def check_readable(text: str, name: str) -> None:
    """Refuse text with a high share of control, NUL or replacement characters."""
    if not text:
        return
    unreadable = len(text) - len(_UNREADABLE.sub("", text))
    if unreadable > MAX_UNREADABLE_SHARE * len(text):
        share = round(100 * unreadable / len(text))
        raise ResumeError(
            f"{name}: does not read as text ({share}% control or unknown characters): "
            "a binary, damaged or mislabelled file?"
        )
