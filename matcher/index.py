"""The market's signatures unpacked into incidence arrays, for vectorised evaluation.

A candidate is judged once per distinct group ("RHIT or RHIA", "2 years", "Epic
preferred"), a few hundred at most; numpy then spreads those verdicts over every
signature through the signature x group incidence, so the cost of a match stays nearly
flat as the number of postings grows.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from matcher.needs import Group, Needs

LEVELS = ("required", "preferred")


@dataclass(frozen=True)
class MarketIndex:
    groups: list[tuple[str, Group]]  # distinct (level, group)
    items: list[tuple[str, str]]  # distinct (kind, id)
    counts: np.ndarray  # postings per signature
    entry_sig: np.ndarray  # signature of each (signature, group) pair
    entry_group: np.ndarray
    item_sig: np.ndarray  # (signature, item, level) triples, one per signature+item+level
    item_item: np.ndarray
    item_level: np.ndarray  # 0 required, 1 preferred
    any_sig: np.ndarray  # (signature, item) pairs at any level
    any_item: np.ndarray

    @property
    def signatures(self) -> int:
        return len(self.counts)

    @classmethod
    def build(cls, needs: Sequence[Needs], counts: Sequence[int]) -> MarketIndex:
        group_ids: dict[tuple[str, Group], int] = {}
        item_ids: dict[tuple[str, str], int] = {}
        entries: list[tuple[int, int]] = []
        item_rows: set[tuple[int, int, int]] = set()
        for sig, need in enumerate(needs):
            for level_code, level in enumerate(LEVELS):
                for group in need.required if level == "required" else need.preferred:
                    gid = group_ids.setdefault((level, group), len(group_ids))
                    entries.append((sig, gid))
                    for option in group:
                        iid = item_ids.setdefault((option[0], option[1]), len(item_ids))
                        item_rows.add((sig, iid, level_code))
        any_rows = sorted({(s, i) for s, i, _ in item_rows})
        item_sorted = sorted(item_rows)

        def column(rows: list, k: int) -> np.ndarray:
            return np.fromiter((r[k] for r in rows), dtype=np.int32, count=len(rows))

        return cls(
            groups=list(group_ids),
            items=list(item_ids),
            counts=np.asarray(counts, dtype=np.int64),
            entry_sig=column(entries, 0),
            entry_group=column(entries, 1),
            item_sig=column(item_sorted, 0),
            item_item=column(item_sorted, 1),
            item_level=column(item_sorted, 2).astype(np.int8),
            any_sig=column(any_rows, 0),
            any_item=column(any_rows, 1),
        )

    def to_bytes(self) -> bytes:
        meta = json.dumps({"groups": self.groups, "items": self.items})
        buffer = io.BytesIO()
        np.savez(
            buffer,
            meta=np.frombuffer(meta.encode("utf-8"), dtype=np.uint8),
            counts=self.counts,
            entry_sig=self.entry_sig,
            entry_group=self.entry_group,
            item_sig=self.item_sig,
            item_item=self.item_item,
            item_level=self.item_level,
            any_sig=self.any_sig,
            any_item=self.any_item,
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> MarketIndex:
        arrays = np.load(io.BytesIO(data), allow_pickle=False)
        meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
        return cls(
            groups=[(level, tuple(tuple(o) for o in group)) for level, group in meta["groups"]],
            items=[tuple(item) for item in meta["items"]],
            counts=arrays["counts"],
            entry_sig=arrays["entry_sig"],
            entry_group=arrays["entry_group"],
            item_sig=arrays["item_sig"],
            item_item=arrays["item_item"],
            item_level=arrays["item_level"],
            any_sig=arrays["any_sig"],
            any_item=arrays["any_item"],
        )
