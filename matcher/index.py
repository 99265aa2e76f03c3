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
from dataclasses import dataclass, field
from datetime import date
from typing import Any

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
    # every posting's signature and filter facets, in the cached index (None in one built
    # for a posting or a test market)
    facets: PostingFacets | None = None

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
            **(self.facets.arrays() if self.facets is not None else {}),
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
            facets=PostingFacets.from_arrays(arrays) if "f_need" in arrays.files else None,
        )


EPOCH = np.datetime64("1970-01-01", "D")


@dataclass(frozen=True)
class PostingFacets:
    """Every current posting's signature and filter facets, newest first.

    Packed with the index in the cache so that narrowing the market (state, remote, since)
    and ranking the qualified postings are numpy work, not a query over every posting.
    """

    posting_id: np.ndarray  # int64, sorted by (posted_on, posting_id) descending
    need: np.ndarray  # int32: the posting's signature (index into MarketIndex)
    posted_on: np.ndarray  # int32: days since 1970-01-01
    state: np.ndarray  # int16: index into ``states``, -1 for none
    remote: np.ndarray  # bool
    states: tuple[str, ...] = ()
    #: A posting's other places (posting_locations): pairs of a row of the arrays above
    #: and a state code, so `--state` finds a posting by any of its states.
    more_row: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    more_state: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int16))

    @classmethod
    def build(
        cls,
        rows: Sequence[tuple[int, int, str | None, bool, date]],
        more_places: Sequence[tuple[int, str]] = (),
    ) -> PostingFacets:
        """From (posting_id, signature, state, remote, posted_on) rows in any order, and
        (posting_id, state) pairs of the postings' other places."""
        states = tuple(sorted({r[2] for r in rows if r[2]} | {s for _, s in more_places if s}))
        code = {s: i for i, s in enumerate(states)}
        ordered = sorted(rows, key=lambda r: (r[4], r[0]), reverse=True)
        n = len(ordered)
        row_of = {r[0]: i for i, r in enumerate(ordered)}
        more = [(row_of[pid], code[s]) for pid, s in more_places if s and pid in row_of]
        return cls(
            more_row=np.fromiter((m[0] for m in more), dtype=np.int32, count=len(more)),
            more_state=np.fromiter((m[1] for m in more), dtype=np.int16, count=len(more)),
            posting_id=np.fromiter((r[0] for r in ordered), dtype=np.int64, count=n),
            need=np.fromiter((r[1] for r in ordered), dtype=np.int32, count=n),
            posted_on=np.fromiter(
                ((np.datetime64(r[4], "D") - EPOCH).astype(int) for r in ordered),
                dtype=np.int32,
                count=n,
            ),
            state=np.fromiter((code.get(r[2], -1) for r in ordered), dtype=np.int16, count=n),
            remote=np.fromiter((bool(r[3]) for r in ordered), dtype=bool, count=n),
            states=states,
        )

    def mask(self, state: str | None = None, remote: bool = False, since: date | None = None):
        """Rows passing the filters."""
        keep = np.ones(len(self.posting_id), dtype=bool)
        if state:
            wanted = self.states.index(state) if state in self.states else -2
            in_state = self.state == wanted
            in_state[self.more_row[self.more_state == wanted]] = True
            keep &= in_state
        if remote:
            keep &= self.remote
        if since:
            keep &= self.posted_on >= (np.datetime64(since, "D") - EPOCH).astype(int)
        return keep

    def arrays(self) -> dict[str, np.ndarray]:
        """Its arrays as saved inside the packed MarketIndex (names prefixed ``f_``)."""
        return {
            "f_states": np.frombuffer(json.dumps(list(self.states)).encode("utf-8"), np.uint8),
            "f_posting_id": self.posting_id,
            "f_need": self.need,
            "f_posted_on": self.posted_on,
            "f_state": self.state,
            "f_remote": self.remote,
            "f_more_row": self.more_row,
            "f_more_state": self.more_state,
        }

    @classmethod
    def from_arrays(cls, arrays: Any) -> PostingFacets:
        return cls(
            posting_id=arrays["f_posting_id"],
            need=arrays["f_need"],
            posted_on=arrays["f_posted_on"],
            state=arrays["f_state"],
            remote=arrays["f_remote"],
            states=tuple(json.loads(arrays["f_states"].tobytes().decode("utf-8"))),
            **(
                {"more_row": arrays["f_more_row"], "more_state": arrays["f_more_state"]}
                if "f_more_row" in getattr(arrays, "files", arrays)
                else {}
            ),
        )
