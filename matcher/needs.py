"""A posting's "need signature": its required groups and preferred groups, canonical.

Postings asking for the same things share one signature, so the market is evaluated
once per distinct signature instead of once per posting.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# (kind, id, met by "eligible" status, met by "in progress" status within N months)
Option = tuple[str, str, bool, bool]
Group = tuple[Option, ...]

COMPONENT_OF_KIND = {
    "credential": "credentials",
    "skill": "skills",
    "experience": "experience",
    "education": "education",
}


def years_id(years: float) -> str:
    """Experience ids are the minimum years as short text: 2 -> "2", 1.5 -> "1.5"."""
    return f"{float(years):g}"


@dataclass(frozen=True)
class Needs:
    """What one posting asks for: every required group must be met to qualify."""

    required: tuple[Group, ...] = ()
    preferred: tuple[Group, ...] = ()

    def to_json(self) -> str:
        return json.dumps(
            {"required": self.required, "preferred": self.preferred}, separators=(",", ":")
        )

    @classmethod
    def from_json(cls, text: str) -> Needs:
        data = json.loads(text)
        return cls(
            required=tuple(tuple(tuple(o) for o in g) for g in data["required"]),
            preferred=tuple(tuple(tuple(o) for o in g) for g in data["preferred"]),
        )

    def items(self, level: str) -> set[tuple[str, str]]:
        groups = self.required if level == "required" else self.preferred
        return {(o[0], o[1]) for g in groups for o in g}


def _field(row: Any, name: str) -> Any:
    return row[name] if isinstance(row, Mapping) else getattr(row, name)


def _option(row: Any) -> Option:
    kind = _field(row, "kind")
    item = str(_field(row, "item_id"))
    if kind == "experience":
        years = _field(row, "years")
        item = years_id(years if years is not None else float(item))
    return (
        kind,
        item,
        bool(_field(row, "eligible")),
        _field(row, "within_months") is not None,
    )


def build_needs(rows: Iterable[Any]) -> Needs:
    """Compress one posting's requirement rows (store columns) into its signature.

    Credentials sharing ``grp`` form one either-of group; every "alternative" entry
    (federal experience OR associate OR certificate) forms ONE group met by any path;
    any other entry is a group of its own. An item asked at both levels is required.
    """
    groups: dict[tuple, list] = {}  # key -> [level, {(kind, id): [eligible, within]}]
    for row in rows:
        kind, item, eligible, within = _option(row)
        level = _field(row, "level")
        grp = _field(row, "grp")
        if level == "alternative":
            key: tuple = ("alternative",)
            level = "required"
        elif kind == "credential" and grp is not None:
            key = ("group", grp)
        else:
            key = ("item", kind, item)
        entry = groups.setdefault(key, [level, {}])
        if level == "required":
            entry[0] = "required"
        flags = entry[1].setdefault((kind, item), [False, False])
        flags[0] |= eligible
        flags[1] |= within
    by_level: dict[str, set[Group]] = {"required": set(), "preferred": set()}
    for level, options in groups.values():
        group = tuple(sorted((k, i, e, w) for (k, i), (e, w) in options.items()))
        by_level["required" if level == "required" else "preferred"].add(group)
    preferred = by_level["preferred"] - by_level["required"]
    return Needs(required=tuple(sorted(by_level["required"])), preferred=tuple(sorted(preferred)))
