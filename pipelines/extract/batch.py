"""Extract every stored posting that needs it, in batches: what `mrt extract` and `mrt run` call."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines.store.db import Store

from .extractor import Extractor, load_extractor
from .store import count_postings, load_extraction_inputs, pending_posting_ids, write_results

log = logging.getLogger(__name__)

# progress(done, total): called after each batch is stored.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ExtractStats:
    extracted: int
    skipped: int  # already extracted from the same content with the same taxonomy version
    failed: int
    relevant: int = 0
    taxonomy_version: str = ""


def _extract_batch(extractor: Extractor, batch: list[dict[str, Any]], batch_size: int):
    """(posting, result) pairs; a posting that breaks the extractor is isolated and skipped."""
    try:
        return list(
            zip(batch, extractor.extract_many(batch, batch_size=batch_size), strict=True)
        ), 0
    except Exception:  # noqa: BLE001 - one bad posting must not stop the batch
        pairs, failed = [], 0
        for posting in batch:
            try:
                pairs.append((posting, extractor.extract(posting)))
            except Exception as exc:  # noqa: BLE001
                failed += 1
                log.warning("posting %s: extraction failed: %s", posting.get("id"), exc)
        return pairs, failed


def extract_pending(
    store: Store,
    *,
    taxonomy_path: str | Path | None = None,
    redo: bool = False,
    progress: Progress | None = None,
    batch_size: int = 256,
) -> ExtractStats:
    """Extract postings whose content hash or taxonomy version changed (all with `redo`).

    One transaction per batch: a run stopped half-way keeps every finished batch, and the
    next run picks up the rest.
    """
    extractor = load_extractor(taxonomy_path)
    version = extractor.taxonomy_version
    with store.engine.connect() as conn:
        total = count_postings(conn)
        pending = pending_posting_ids(conn, version, redo=redo)
    extracted = failed = relevant = 0
    done = 0
    for i in range(0, len(pending), batch_size):
        ids = pending[i : i + batch_size]
        with store.engine.connect() as conn:
            batch = load_extraction_inputs(conn, ids)
        pairs, batch_failed = _extract_batch(extractor, batch, min(batch_size, 64))
        with store.begin() as conn:
            write_results(conn, pairs, version)
        extracted += len(pairs)
        failed += batch_failed
        relevant += sum(1 for _, r in pairs if r.get("relevant"))
        done += len(ids)
        if progress is not None:
            progress(done, len(pending))
    return ExtractStats(extracted, total - len(pending), failed, relevant, version)
