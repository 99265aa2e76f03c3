"""The web app's settings: which store, the upload limit, the taxonomy and scoring files."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pipelines.untrusted import shown

#: Largest resume upload, in bytes, unless MRT_UPLOAD_MAX_BYTES or --max-upload-mb says.
DEFAULT_MAX_UPLOAD = 5_000_000
UPLOAD_ENV = "MRT_UPLOAD_MAX_BYTES"


class SettingsError(ValueError):
    """A setting that cannot be used; the message is one line."""


@dataclass(frozen=True)
class WebSettings:
    """Everything `mrt serve` can be told; the defaults suit a single machine."""

    #: Database URL (default: ``MRT_DB`` or the SQLite file under ./data/).
    db_url: str | None = None
    #: Largest resume upload, in bytes (the body of a request may be a little larger).
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD
    #: Taxonomy file (default config/taxonomy.yaml) and scoring weights (config/scoring.yaml).
    taxonomy: Path | None = None
    scoring: Path | None = None
    #: Postings per page of /postings and /api/postings.
    page_size: int = 25
    #: Qualified postings listed on a match result.
    match_limit: int = 20
    #: Filtered demand views kept in memory (each holds its postings and requirement frames).
    demand_cache_size: int = 12
    #: Seconds between checks whether the store changed (then caches are rebuilt).
    refresh_seconds: float = 15.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **values) -> WebSettings:
        """Settings from keyword values, the upload limit from MRT_UPLOAD_MAX_BYTES if not given."""
        environ = os.environ if environ is None else environ
        if values.get("max_upload_bytes") is None:
            values.pop("max_upload_bytes", None)
            raw = environ.get(UPLOAD_ENV, "").strip()
            if raw:
                try:
                    values["max_upload_bytes"] = int(raw)
                except ValueError:
                    raise SettingsError(
                        f"{UPLOAD_ENV} must be a whole number of bytes, not '{shown(raw)}'"
                    ) from None
        settings = cls(**values)
        if settings.max_upload_bytes <= 0:
            raise SettingsError("the upload limit must be above 0 bytes")
        return settings


__all__ = ["DEFAULT_MAX_UPLOAD", "SettingsError", "UPLOAD_ENV", "WebSettings"]
