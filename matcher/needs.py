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


# A requirement row as the matcher reads it, in store column order:
# (kind, item_id, level, grp, eligible, within_months, years)
RequirementTuple = tuple[str, str, str, "int | None", bool, "int | None", "float | None"]
REQUIREMENT_FIELDS = ("kind", "item_id", "level", "grp", "eligible", "within_months", "years")


def requirement_tuple(row: Any) -> RequirementTuple:
    """A requirements row (mapping or object with the store's column names) as a tuple."""
    if isinstance(row, Mapping):
        return tuple(row[name] for name in REQUIREMENT_FIELDS)  # type: ignore[return-value]
    return tuple(getattr(row, name) for name in REQUIREMENT_FIELDS)  # type: ignore[return-value]


def build_needs(rows: Iterable[Any]) -> Needs:
    """Compress one posting's requirement rows (store columns) into its signature."""
    return needs_from_tuples(requirement_tuple(row) for row in rows)


def needs_from_tuples(rows: Iterable[RequirementTuple]) -> Needs:
    """The signature of one posting's requirement tuples.

    Credentials sharing ``grp`` form one either-of group; every "alternative" entry
    (federal experience OR associate OR certificate) forms ONE group met by any path;
    any other entry is a group of its own. An item asked at both levels is required.
    """
    groups: dict[tuple, list] = {}  # key -> [level, {(kind, id): [eligible, within]}]
    for kind, item, level, grp, eligible, within_months, years in rows:
        if kind == "experience":
            item = years_id(years if years is not None else float(item))
        within = within_months is not None
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
        flags[0] |= bool(eligible)
        flags[1] |= within
    required: set[Group] = set()
    preferred: set[Group] = set()
    for level, options in groups.values():
        group = tuple(sorted((k, i, e, w) for (k, i), (e, w) in options.items()))
        (required if level == "required" else preferred).add(group)
    return Needs(required=tuple(sorted(required)), preferred=tuple(sorted(preferred - required)))
