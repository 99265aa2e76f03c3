"""Display names and categories of credentials and skills, from the shared taxonomy.

The report works without a taxonomy (it then shows ids): names come from
``pipelines.taxonomy`` when the taxonomy loads, else the ids are shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipelines.taxonomy import Taxonomy, TaxonomyError, load_taxonomy


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


def names_from(taxonomy: Taxonomy) -> Names:
    """The display names and skill categories of ``taxonomy``."""
    return Names(
        credentials={t.id: t.name for t in taxonomy.terms("credential")},
        skills={t.id: t.name for t in taxonomy.terms("skill")},
        categories={t.id: t.category for t in taxonomy.terms("skill") if t.category},
        version=taxonomy.version,
    )


def load_names(taxonomy_path: str | Path | None = None) -> Names:
    """The taxonomy's names, or empty :class:`Names` (ids shown as they are).

    Without a path, any problem with the default taxonomy only costs the display names;
    a file the user named must load, or its one-line TaxonomyError says why.
    """
    try:
        return names_from(load_taxonomy(taxonomy_path))
    except TaxonomyError:
        if taxonomy_path is not None:
            raise
        return Names()
