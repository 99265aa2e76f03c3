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
#: Where the pay figures come from, stated in every format's methodology.
PAY_METHOD = (
    "Pay comes from the posting's structured salary fields (the pay range the job board or "
    "the page's JobPosting data carries). Where a posting has none but states its pay in the "
    "description, the figure the extractor read from the text is used instead; the pay "
    "tables count those postings under 'Of which pay from text' (from_text in the exports)."
)

#: How a posting with several places is counted, stated in every format's methodology.
PLACES_METHOD = (
    "A posting may name several places (a federal job with several duty stations, a "
    "board listing 'Toronto, New York, San Francisco'); every place is kept. In the tables "
    "by state, a posting counts once in each state it names, so the state rows can add up "
    "to more than the number of postings and their shares to more than 100%; every "
    "national figure counts it once. Texts that name no place ('Location Negotiable After "
    "Selection', 'Multiple Locations') give no state."
)


@dataclass
class AccuracyTable:
    """The extractor's scores: one row per measure, one column per labelled set."""

    columns: list[str]
    rows: list[list[str]]
    measured_on: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass
class Methodology:
    crawl_runs: int = 0
    first_crawl: str | None = None
    last_crawl: str | None = None
    taxonomy_versions: list[str] = field(default_factory=list)
    accuracy: AccuracyTable | None = None
    accuracy_source: str | None = None
    pay: str = PAY_METHOD
    places: str = PLACES_METHOD

    def as_dict(self) -> dict[str, Any]:
        return {
            "crawl_runs": self.crawl_runs,
            "first_crawl": self.first_crawl,
            "last_crawl": self.last_crawl,
            "taxonomy_versions": self.taxonomy_versions,
            "pay": self.pay,
            "places": self.places,
            "extractor_accuracy": self.accuracy.raw if self.accuracy else "not measured",
        }


def _score(value: Any) -> str:
    """One cell: F1 (or accuracy) with the number of items it was measured on."""
    if isinstance(value, dict):
        for key, label in (("f1", "F1"), ("accuracy", "accuracy")):
            if isinstance(value.get(key), (int, float)):
                n = value.get("n")
                if n is None and isinstance(value.get("tp"), int):
                    n = value["tp"] + value.get("fn", 0)
                return f"{label} {value[key]:.3f}" + (f" (n={n})" if n is not None else "")
        return ", ".join(f"{k} {_score(v)}" for k, v in value.items())[:80]
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def accuracy_table(data: dict[str, Any]) -> AccuracyTable:
    """Lay out accuracy.json: ``{set: {measure: {f1|accuracy, n|tp/fn...}}}`` as a table.

    Anything else is shown flat, one key per row, so a new layout still reads.
    """
    sets = [
        k
        for k, v in data.items()
        if isinstance(v, dict) and any(isinstance(x, dict) for x in v.values())
    ]
    measured_on = data.get("measured_on")
    if not sets:
        rows = [[k, _score(v)] for k, v in data.items() if k != "measured_on"]
        return AccuracyTable(["value"], rows, measured_on, data)
    measures = list(dict.fromkeys(m for s in sets for m in data[s]))
    rows = [
        [
            measure.replace("_", " "),
            *(_score(data[s][measure]) if measure in data[s] else "" for s in sets),
        ]
        for measure in measures
    ]
    return AccuracyTable(sets, rows, measured_on, data)


def read_accuracy(path: Path = ACCURACY_FILE) -> AccuracyTable | None:
    """The extractor's measured accuracy (written by its scorer), or None when not measured."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return accuracy_table(data) if isinstance(data, dict) and data else None


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
