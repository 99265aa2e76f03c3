"""Display names and categories of credentials and skills, from the extractor's taxonomy.

The report works without a taxonomy (it then shows ids): names come from the
extractor's ``load_taxonomy()`` when the taxonomy loads, else the ids are shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Names:
    """id -> display name for credentials and skills, skill id -> category."""

    credentials: dict[str, str] = field(default_factory=dict)
    skills: dict[str, str] = field(default_factory=dict)
    categories: dict[str, str] = field(default_factory=dict)
    version: str | None = None

    def credential(self, item_id: str) -> str:
        return self.credentials.get(item_id, item_id)

    def skill(self, item_id: str) -> str:
        return self.skills.get(item_id, item_id)

    def item(self, kind: str, item_id: str) -> str:
        return self.credential(item_id) if kind == "credential" else self.skill(item_id)


def _field(info: Any, *keys: str) -> Any:
    for key in keys:
        value = info.get(key) if isinstance(info, dict) else getattr(info, key, None)
        if value:
            return value
    return None


def _entries(section: Any) -> dict[str, Any]:
    """Accept ``{id: info}`` or ``[{id: ..., ...}]``."""
    if isinstance(section, dict):
        return {str(k): v for k, v in section.items()}
    if isinstance(section, list):
        return {str(_field(e, "id")): e for e in section if _field(e, "id")}
    return {}


def names_from(taxonomy: Any) -> Names:
    """Build :class:`Names` from a taxonomy object or its parsed YAML mapping."""
    names = Names(version=_field(taxonomy, "version"))
    for kind in ("credentials", "skills"):
        for item_id, info in _entries(_field(taxonomy, kind) or {}).items():
            name = _field(info, "display", "display_name", "name", "label") if info else None
            getattr(names, kind)[item_id] = str(name or item_id)
            category = _field(info, "category") if info else None
            if kind == "skills" and category:
                names.categories[item_id] = str(category)
    return names


def load_names(taxonomy_path: str | Path | None = None) -> Names:
    """The taxonomy's names, or empty :class:`Names` (ids shown as they are).

    Read through the extractor's ``load_taxonomy`` (which imports PyYAML, not spaCy), so
    the report validates the file the same way extraction does. Without a path, any
    problem with the default taxonomy only costs the display names; a file the user
    named must load, or a ValueError says why.
    """
    from pipelines.extract.taxonomy import load_taxonomy

    try:
        return names_from(load_taxonomy(taxonomy_path) if taxonomy_path else load_taxonomy())
    except Exception as exc:  # noqa: BLE001 - names are decoration unless asked for
        if taxonomy_path is not None:
            reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
            if "taxonomy" not in reason:  # the loader's own errors already name the file
                reason = f"cannot read taxonomy {taxonomy_path}: {reason}"
            raise ValueError(reason) from exc
        return Names()
