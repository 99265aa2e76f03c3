"""Reading what a browser or API client sends: filters, a profile form, an upload.

An upload is read into memory and parsed there: the body is taken in chunks up to the
limit (never spooled to a temporary file, as form parsers do past 1 MB), and its parts
are cut out with python-multipart's parser. Nothing here logs or keeps the content.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

from pipelines.demand.filters import DemandFilters
from pipelines.untrusted import shown

#: Room for the other form fields and the multipart framing around the file.
FORM_OVERHEAD = 64 * 1024
MAX_FIELD_BYTES = 4096
MAX_PARTS = 400
FILTER_KEYS = ("state", "role", "since", "until", "source")


class FormError(ValueError):
    """Bad input from the client: the message is one line, the status the HTTP code."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


# ---------------------------------------------------------------- filters


def _values(values: Iterable[str] | str | None) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return [v.strip() for v in values if v and v.strip()]


@dataclass(frozen=True)
class Filters:
    """The filters every adviser page and API endpoint takes, as query parameters."""

    demand: DemandFilters
    q: str = ""

    @classmethod
    def parse(
        cls,
        state: Iterable[str] | str | None = None,
        role: Iterable[str] | str | None = None,
        since: str | None = None,
        until: str | None = None,
        source: Iterable[str] | str | None = None,
        q: str | None = None,
    ) -> Filters:
        try:
            demand = DemandFilters.build(
                state=_values(state) or None,
                since=(since or "").strip() or None,
                until=(until or "").strip() or None,
                role=_values(role) or None,
                source=_values(source) or None,
            )
        except ValueError as exc:
            raise FormError(str(exc).replace("--", "")) from None
        return cls(demand, " ".join((q or "").split())[:200])

    def params(self, *, q: bool = True) -> list[tuple[str, str]]:
        """These filters as query parameters (empty ones left out)."""
        d = self.demand
        out = [("state", s) for s in d.states] + [("role", r) for r in d.roles]
        out += [("source", s) for s in d.sources]
        if d.since:
            out.append(("since", d.since.isoformat()))
        if d.until:
            out.append(("until", d.until.isoformat()))
        if q and self.q:
            out.append(("q", self.q))
        return out

    @property
    def active(self) -> bool:
        return bool(self.params())


def link(path: str, params: Iterable[tuple[str, Any]] = (), **more: Any) -> str:
    """``path`` with query parameters, empty values left out."""
    pairs = [(k, v) for k, v in params if v not in (None, "")]
    pairs += [(k, v) for k, v in more.items() if v not in (None, "", False)]
    return f"{path}?{urlencode(pairs)}" if pairs else path


# ---------------------------------------------------------------- the candidate's side


@dataclass(frozen=True)
class MarketChoice:
    """Which postings a candidate is matched against: a state, remote ones, since a date."""

    state: str | None = None
    remote: bool = False
    since: date | None = None

    def hidden(self) -> list[tuple[str, str]]:
        out = [("state", self.state or "")]
        if self.remote:
            out.append(("remote", "1"))
        if self.since:
            out.append(("since", self.since.isoformat()))
        return out


def market_choice(fields: Mapping[str, list[str]]) -> MarketChoice:
    from pipelines.normalize.location import state_code

    state_text = _first(fields, "state")
    state = None
    if state_text:
        state = state_code(state_text)
        if state is None:
            raise FormError(f"'{shown(state_text)}' is not a US state (use a code such as TX)")
    since_text = _first(fields, "since")
    try:
        since = date.fromisoformat(since_text) if since_text else None
    except ValueError:
        raise FormError(f"'{shown(since_text)}' is not a date (use YYYY-MM-DD)") from None
    remote = _first(fields, "remote").lower() in ("1", "on", "true", "yes")
    return MarketChoice(state, remote, since)


def _first(fields: Mapping[str, list[str]], name: str) -> str:
    values = fields.get(name) or [""]
    return values[0].strip()


def profile_mapping(fields: Mapping[str, list[str]]) -> dict[str, Any] | None:
    """A profile mapping (as a YAML profile file holds) from the profile form's fields:
    ``cred.<ID>`` = held | eligible | in progress, ``skill`` (repeated), ``years``,
    ``education``, ``home_state``. None when the form names nothing."""
    credentials = [
        {"id": name[5:], "status": values[0]}
        for name, values in fields.items()
        if name.startswith("cred.") and values and values[0].strip()
    ]
    skills = [s for s in fields.get("skill", []) if s.strip()]
    years = _first(fields, "years")
    education = _first(fields, "education")
    home = _first(fields, "home_state")
    if not (credentials or skills or years or education or home):
        return None
    mapping: dict[str, Any] = {"credentials": credentials, "skills": skills}
    if years:
        try:
            mapping["years_experience"] = float(years)
        except ValueError:
            raise FormError(f"years of experience must be a number, not '{shown(years)}'") from None
    if education:
        mapping["education"] = education
    if home:
        mapping["state"] = home
    return mapping


def profile_fields(profile_dict: Mapping[str, Any]) -> list[tuple[str, str]]:
    """A derived profile (``Profile.to_dict()``) as the profile form's fields, so a result page
    can carry it in hidden fields: ids and figures only, never resume text."""
    out = [(f"cred.{c['id']}", c["status"]) for c in profile_dict.get("credentials", [])]
    out += [("skill", s) for s in profile_dict.get("skills", [])]
    if profile_dict.get("years_experience"):
        out.append(("years", f"{float(profile_dict['years_experience']):g}"))
    if profile_dict.get("education"):
        out.append(("education", profile_dict["education"]))
    if profile_dict.get("state"):
        out.append(("home_state", profile_dict["state"]))
    return out


# ---------------------------------------------------------------- multipart bodies


@dataclass
class Upload:
    """A multipart form read in memory: text fields and at most one file."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    filename: str | None = None
    data: bytes | None = None
    file_field: str | None = None


def urlencoded_fields(body: bytes) -> dict[str, list[str]]:
    from urllib.parse import parse_qs

    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise FormError("the form is not UTF-8 text") from None
    return parse_qs(text, keep_blank_values=True, max_num_fields=MAX_PARTS)


def parse_multipart(body: bytes, content_type: str, file_field: str) -> Upload:
    """The fields and the ``file_field`` file of a multipart/form-data body."""
    from python_multipart.multipart import MultipartParser, parse_options_header

    _, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if not boundary:
        raise FormError("a multipart form without a boundary")
    upload = Upload()
    part: dict[str, Any] = {}
    header: dict[str, bytes] = {"field": b"", "value": b""}
    count = 0

    def on_part_begin() -> None:
        nonlocal count
        count += 1
        if count > MAX_PARTS:
            raise FormError("too many form fields")
        part.clear()
        part.update(name=None, filename=None, chunks=[], size=0)

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header["field"] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header["value"] += data[start:end]

    def on_header_end() -> None:
        if header["field"].lower() == b"content-disposition":
            _, params = parse_options_header(header["value"])
            part["name"] = params.get(b"name", b"").decode("utf-8", "replace")
            if b"filename" in params:
                part["filename"] = params[b"filename"].decode("utf-8", "replace")
        header["field"], header["value"] = b"", b""

    def on_part_data(data: bytes, start: int, end: int) -> None:
        part["chunks"].append(data[start:end])
        part["size"] += end - start
        if part["filename"] is None and part["size"] > MAX_FIELD_BYTES:
            raise FormError("a form field is too long")

    def on_part_end() -> None:
        data = b"".join(part["chunks"])
        if part["filename"] is not None:
            if part["name"] == file_field and upload.data is None:
                upload.filename, upload.data, upload.file_field = part["filename"], data, file_field
        elif part["name"]:
            upload.fields.setdefault(part["name"], []).append(data.decode("utf-8", "replace"))
        part["chunks"] = []

    callbacks = {
        "on_part_begin": on_part_begin,
        "on_header_field": on_header_field,
        "on_header_value": on_header_value,
        "on_header_end": on_header_end,
        "on_part_data": on_part_data,
        "on_part_end": on_part_end,
    }
    parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
    try:
        parser.write(body)
        parser.finalize()
    except FormError:
        raise
    except Exception as exc:  # noqa: BLE001 - a malformed body from the client
        raise FormError(f"a malformed multipart form ({exc.__class__.__name__})") from None
    return upload


_SAFE_NAME = re.compile(r"[^\w.\- ]+")


def display_name(filename: str | None) -> str:
    """The uploaded file's base name, made plain for messages ("upload" when missing)."""
    base = re.split(r"[\\/]", filename or "")[-1]
    return shown(_SAFE_NAME.sub("_", base).strip()) or "upload"


__all__ = [
    "FILTER_KEYS",
    "FORM_OVERHEAD",
    "Filters",
    "FormError",
    "MarketChoice",
    "Upload",
    "display_name",
    "link",
    "market_choice",
    "parse_multipart",
    "profile_fields",
    "profile_mapping",
    "urlencoded_fields",
]
