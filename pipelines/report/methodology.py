"""What the methodology section states: how the postings were collected and read."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from pipelines.store import schema
from pipelines.store.db import Store

ACCURACY_FILE = Path(__file__).resolve().parents[1] / "extract" / "accuracy.json"


@dataclass
class Methodology:
    crawl_runs: int = 0
    first_crawl: str | None = None
    last_crawl: str | None = None
    taxonomy_versions: list[str] = field(default_factory=list)
    accuracy: list[tuple[str, str]] = field(default_factory=list)
    accuracy_source: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "crawl_runs": self.crawl_runs,
            "first_crawl": self.first_crawl,
            "last_crawl": self.last_crawl,
            "taxonomy_versions": self.taxonomy_versions,
            "extractor_accuracy": dict(self.accuracy) if self.accuracy else "not measured",
        }


def _flatten(value: Any, prefix: str = "") -> list[tuple[str, str]]:
    """Nested figures as ("credentials.f1", "0.93") rows, numbers rounded for reading."""
    if isinstance(value, dict):
        out = []
        for key, item in value.items():
            out.extend(_flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, float):
        return [(prefix, f"{value:.3f}")]
    if isinstance(value, (int, str, bool)) or value is None:
        return [(prefix, str(value))]
    return [(prefix, json.dumps(value)[:80])]


def read_accuracy(path: Path = ACCURACY_FILE) -> list[tuple[str, str]]:
    """The extractor's measured accuracy (written by its scorer), or [] when not measured."""
    try:
        return _flatten(json.loads(path.read_text(encoding="utf-8")))[:40]
    except (OSError, ValueError):
        return []


def _day(value: Any) -> str | None:
    return str(value)[:10] if value is not None else None


def load_methodology(store: Store, accuracy_path: Path = ACCURACY_FILE) -> Methodology:
    runs, ext = schema.crawl_runs, schema.extractions
    with store.engine.connect() as conn:
        count, first, last = conn.execute(
            select(func.count(), func.min(runs.c.started_at), func.max(runs.c.started_at))
        ).one()
        versions = (
            conn.execute(select(ext.c.taxonomy_version).distinct().order_by(ext.c.taxonomy_version))
            .scalars()
            .all()
        )
    accuracy = read_accuracy(accuracy_path)
    return Methodology(
        crawl_runs=int(count),
        first_crawl=_day(first),
        last_crawl=_day(last),
        taxonomy_versions=list(versions),
        accuracy=accuracy,
        accuracy_source=accuracy_path.name if accuracy else None,
    )
