"""Turn posting HTML (or plain text) into the plain text every later stage reads.

The extractor stores character offsets into this text and re-applies the function to it,
so the output is a fixed point: ``html_to_text(html_to_text(x)) == html_to_text(x)``.
Double-escaped feeds (``&amp;lt;p&amp;gt;``, ``&amp;nbsp;``) are unwrapped until nothing
HTML-like is left, which is what makes the second pass a no-op.
"""

from __future__ import annotations

import html
import re

from lxml import etree

# Tags we recognise as markup; "<3 years" or "<Epic>" in plain text are left alone.
_KNOWN_TAGS = (
    "a|abbr|b|big|blockquote|body|br|center|code|dd|div|dl|dt|em|font|h[1-6]|head|hr|html|"
    "i|img|li|meta|ol|p|pre|section|article|header|footer|small|span|strong|style|script|"
    "sub|sup|table|tbody|td|tfoot|th|thead|title|tr|u|ul|link|main|nav|aside|figure|"
    "figcaption|label|caption|colgroup|col|wbr|s|strike|del|ins|mark|q|cite|address"
)
_TAG_RE = re.compile(rf"<\s*/?\s*(?:{_KNOWN_TAGS})(?:\s[^<>]*)?/?\s*>|<!--", re.IGNORECASE)
_ENTITY_RE = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?")

_DROP = frozenset({"script", "style", "head", "title", "noscript", "template", "iframe", "svg"})
# Elements separated from their neighbours by a blank line.
_PARAGRAPH = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "dl",
        "table",
        "blockquote",
        "pre",
        "section",
        "article",
        "header",
        "footer",
        "figure",
        "address",
    }
)
# Elements that start and end a line.
_LINE = frozenset(
    {"div", "tr", "dt", "dd", "hr", "caption", "main", "nav", "aside", "center", "figcaption"}
)
_LISTS = frozenset({"ul", "ol", "dl"})
_CELLS = frozenset({"td", "th"})
_EMPHASIS = frozenset({"strong", "b"})

# Exotic spaces become plain spaces and invisible characters go, in one C-level pass.
_SPACE_TABLE = str.maketrans(
    {**{c: " " for c in "\t\f\v\u00a0\u202f\u205f\u3000"},
     **{chr(c): " " for c in range(0x2000, 0x200B)},
     **{c: None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"}}
)  # fmt: skip
_MULTI_SPACE_RE = re.compile(" {2,}")
_PARSER = etree.HTMLParser()
_COMMENT_RE = re.compile(r"<!--.*?(?:-->|$)", re.S)
_BLANKS_RE = re.compile(r"\n{3,}")
_MAX_UNWRAP = 8
# The entities an escaper of markup writes (Greenhouse, Python's html.escape).
_MARKUP_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&#x27;", "'"))


def unescape(value: str) -> str:
    """``html.unescape``, with a fast path for escaped markup (a feed's HTML-in-JSON).

    ``html.unescape`` calls back into Python for every entity, and escaped markup has
    dozens per posting. When the only entities are those an escaper writes, plain
    replacements give the same text (``&amp;`` last, so ``&amp;lt;`` stays ``&lt;``);
    anything else goes through ``html.unescape`` itself.
    """
    if "&" not in value:
        return value
    text = value
    for entity, char in _MARKUP_ENTITIES:
        if entity in text:
            text = text.replace(entity, char)
    if text.count("&") == text.count("&amp;"):
        return text.replace("&amp;", "&")
    return html.unescape(value)


def html_to_text(value: str | None) -> str:
    """HTML or plain text in, normalised plain text out (idempotent)."""
    if not value:
        return ""
    if "<" not in value and "&" not in value:  # plain text: only whitespace to tidy
        return _normalise_whitespace(value)
    text = value
    for _ in range(_MAX_UNWRAP):
        if _TAG_RE.search(text):
            text = _render_html(text)
        elif _ENTITY_RE.search(text) and html.unescape(text) != text:
            text = html.unescape(text)
        else:
            break
    return _normalise_whitespace(text)


def _normalise_whitespace(text: str) -> str:
    """Collapse spaces, trim every line, keep at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # `in` checks first: most texts need none of these passes, and they are the hot path
    # of the crawl and the extractor.
    if not text.isascii() or "\t" in text or "\f" in text or "\v" in text:
        text = text.translate(_SPACE_TABLE)
    if "  " in text:
        text = _MULTI_SPACE_RE.sub(" ", text)
    text = text.replace(" \n", "\n").replace("\n ", "\n")  # spaces are single by now
    if "\n\n\n" in text:
        text = _BLANKS_RE.sub("\n\n", text)
    return text.strip()


def _render_html(markup: str) -> str:
    try:
        # Plain etree elements: lxml.html's element proxies cost a third of the time.
        root = etree.fromstring(markup, _PARSER)
    except (etree.ParserError, ValueError):
        root = None
    if root is None:  # nothing parseable (e.g. only a comment): drop anything tag-shaped
        return _TAG_RE.sub(" ", _COMMENT_RE.sub(" ", markup))
    out = _TextBuilder()
    body = root.find("body")
    out.walk(body if body is not None else root)
    return out.text()


class _TextBuilder:
    """Streams an lxml tree into text, merging adjacent line breaks."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pending_breaks = 0
        self.prefix = ""
        self.at_line_start = True
        self.raw_newline_before = True  # did the source text before this point end a line?
        self.in_pre = 0
        self.list_depth = 0

    def text(self) -> str:
        return "".join(self.parts)

    def line_break(self, count: int = 1) -> None:
        if count > self.pending_breaks:
            self.pending_breaks = count
        self.at_line_start = True

    def emit(self, raw: str | None) -> None:
        if not raw:
            return
        if self.in_pre:
            chunk = raw
        else:
            chunk = " ".join(raw.split())  # every whitespace run -> one space
            if chunk:
                chunk = (
                    (" " if raw[0].isspace() else "") + chunk + (" " if raw[-1].isspace() else "")
                )
            else:
                chunk = " "
            self.raw_newline_before = "\n" in raw[len(raw.rstrip()) :] or (
                not raw.strip() and "\n" in raw and self.raw_newline_before
            )
            if self.at_line_start:
                chunk = chunk.lstrip()
        if not chunk:
            return
        if self.parts and self.pending_breaks:
            self.parts.append("\n" * self.pending_breaks)
        self.pending_breaks = 0
        if self.prefix:
            self.parts.append(self.prefix)
            self.prefix = ""
        self.parts.append(chunk)
        self.at_line_start = chunk.endswith("\n")

    def walk(self, element: etree._Element) -> None:
        tag = element.tag
        if not isinstance(tag, str):  # comments, processing instructions
            return
        tag = tag.lower()
        if not tag or tag in _DROP:  # scripts, styles...
            return
        if tag == "br":
            # "<br><br>" is how br-soup writes a paragraph break.
            repeated = self.at_line_start and self.pending_breaks >= 1
            self.line_break(2 if repeated else 1)
            return
        own_line = tag in _EMPHASIS and self._stands_alone(element)
        if own_line:
            self.line_break()
        self._open(element, tag)
        if tag == "pre":
            self.in_pre += 1
        # lxml builds a new string on every .text/.tail read, and most tails are empty:
        # read each once and skip the call when there is nothing (the hot loop).
        text = element.text
        if text:
            self.emit(text)
        for child in element:
            self.walk(child)
            tail = child.tail
            if tail:
                self.emit(tail)
        if tag == "pre":
            self.in_pre -= 1
        self._close(tag)
        if own_line:
            self.line_break()

    def _open(self, element: etree._Element, tag: str) -> None:
        if tag in _LISTS:
            # A nested list continues its parent item's lines without a blank line.
            self.line_break(1 if self.list_depth else 2)
            self.list_depth += 1
        elif tag in _PARAGRAPH:
            self.line_break(2)
        elif tag in _LINE:
            self.line_break()
        elif tag == "li":
            self.line_break()
            self.prefix = "- "
        elif tag in _CELLS:
            previous = element.getprevious()
            while previous is not None and not isinstance(previous.tag, str):
                previous = previous.getprevious()
            if previous is not None and str(previous.tag).lower() in _CELLS:
                self.emit_separator(" | ")

    def _close(self, tag: str) -> None:
        if tag in _LISTS:
            self.list_depth -= 1
            self.line_break(1 if self.list_depth else 2)
        elif tag in _PARAGRAPH:
            self.line_break(2)
        elif tag in _LINE or tag == "li":
            self.line_break()

    def emit_separator(self, separator: str) -> None:
        if self.parts and not self.at_line_start:
            self.parts.append(separator)

    def _stands_alone(self, element: etree._Element) -> bool:
        """A bold run on a line of its own in the source is a heading: keep it separate."""
        starts_line = self.at_line_start or self.raw_newline_before
        tail = element.tail or ""
        if tail.strip():
            ends_line = "\n" in tail[: len(tail) - len(tail.lstrip())]
        else:
            following = element.getnext()
            ends_line = (
                "\n" in tail
                or following is None
                or str(following.tag).lower() in _PARAGRAPH | _LINE | {"br", "li"}
            )
        return starts_line and ends_line
