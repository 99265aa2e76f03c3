"""A candidate's profile from an upload or a form, read in memory and never kept.

The upload's bytes live only in this request's memory: they are not written to a file,
the database or a log, and no part of them goes into a URL or a header. What leaves is
the derived profile (ids and figures) and the match result.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from starlette.requests import Request

from pipelines.web.forms import (
    FORM_OVERHEAD,
    FormError,
    Upload,
    display_name,
    parse_multipart,
    profile_mapping,
    urlencoded_fields,
)
from pipelines.web.services import Services

log = logging.getLogger("mrt.web")


def _mb(limit: int) -> str:
    return f"{limit / 1_000_000:g} MB"


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) as soon as it passes ``limit`` bytes."""
    too_big = FormError(f"the upload is over the size limit of {_mb(limit)}", 413)
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit + FORM_OVERHEAD:
        raise too_big
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit + FORM_OVERHEAD:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


async def read_form(request: Request, services: Services, file_field: str = "resume") -> Upload:
    """A posted form (multipart or urlencoded), read in memory within the upload limit."""
    limit = services.settings.max_upload_bytes
    body = await read_body(request, limit)
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        upload = parse_multipart(body, content_type, file_field)
    elif content_type.startswith("application/x-www-form-urlencoded"):
        upload = Upload(fields=urlencoded_fields(body))
    else:
        raise FormError("send a form (multipart/form-data or urlencoded)", 415)
    if upload.data is not None and len(upload.data) > limit:
        name = display_name(upload.filename)
        raise FormError(f"{name}: the file is over the size limit of {_mb(limit)}", 413)
    return upload


def profile_from_upload(services: Services, filename: str | None, data: bytes):
    """The profile of an uploaded resume or profile file, its kind found from its content."""
    from matcher.build import ProfileError
    from matcher.limits import ReadLimits, ResumeError
    from matcher.match import resolve_profile
    from matcher.readers import read_resume_data
    from matcher.sniff import sniff_suffix

    name = display_name(filename)
    try:
        limits = replace(ReadLimits.from_env(), max_bytes=services.settings.max_upload_bytes)
        suffix = sniff_suffix(data, name)
        document = read_resume_data(data, name, suffix, limits)
        if document.profile is not None:
            return resolve_profile(document.profile, services.terms)
        with services.extractor_lock:
            return resolve_profile(document, services.terms, extractor=services.extractor)
    except (ResumeError, ProfileError) as exc:
        raise FormError(str(exc), 400) from None
    except MemoryError:
        raise FormError(f"{name}: the file needs too much memory to read", 400) from None
    except Exception as exc:  # noqa: BLE001 - a reader bug on a strange file; the server stays up
        log.error("reading an upload failed: %s", exc.__class__.__name__)
        raise FormError(f"{name}: cannot read this file ({exc.__class__.__name__})", 400) from None


def profile_from_mapping(services: Services, mapping: dict[str, Any]):
    """The profile of a profile mapping (the form's fields, or a JSON body)."""
    from matcher.build import ProfileError
    from matcher.build import profile_from_mapping as build

    try:
        return build(mapping, services.terms)
    except ProfileError as exc:
        raise FormError(str(exc), 400) from None
    except (TypeError, ValueError) as exc:
        raise FormError(f"not a profile: {exc.__class__.__name__}", 400) from None


def profile_from_fields(services: Services, fields: dict[str, list[str]]):
    mapping = profile_mapping(fields)
    if mapping is None:
        raise FormError("name at least one credential, skill, year of experience or education")
    return profile_from_mapping(services, mapping)


__all__ = [
    "profile_from_fields",
    "profile_from_mapping",
    "profile_from_upload",
    "read_body",
    "read_form",
]
