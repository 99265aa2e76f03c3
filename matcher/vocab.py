"""What the matcher needs from the taxonomy: equivalences, names, next steps, aliases.

The taxonomy belongs to the extractor (``pipelines.extract.taxonomy.load_taxonomy``); this
adapter reads it once into plain mappings so scoring stays pure and never imports spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KINDS = ("credential", "skill")


class VocabularyError(ValueError):
    """The taxonomy cannot be loaded; the message is one line."""


@dataclass(frozen=True)
class Vocabulary:
    """Taxonomy facts the matcher uses, keyed by (kind, id)."""

    # (kind, id) -> every (same-kind) id it implies, transitively, itself excluded:
    # RHIA -> {RHIT}.
    implies: Mapping[tuple[str, str], frozenset[str]]
    names: Mapping[tuple[str, str], str]
    # credential id -> "AHIMA; needs a CAHIIM-accredited associate program"
    next_steps: Mapping[str, str]
    # lower-cased id, display name or alias -> (kind, id)
    aliases: Mapping[str, tuple[str, str]]
    version: str | None = None

    def implied(self, kind: str, item: str) -> frozenset[str]:
        return self.implies.get((kind, item), frozenset())

    def name(self, kind: str, item: str) -> str:
        return self.names.get((kind, item), item)

    def resolve(self, kind: str, text: str) -> str | None:
        """The canonical id of ``text`` (an id, name or alias) of ``kind``, or None."""
        hit = self.aliases.get(text.strip().lower())
        return hit[1] if hit and hit[0] == kind else None

    def known(self, kind: str) -> list[str]:
        return sorted({item for (k, item) in self.names if k == kind})

    def closure(self, kind: str, items: Iterable[str]) -> dict[str, str | None]:
        """Every id met by ``items``: id -> None when held directly, else the id implying it."""
        met: dict[str, str | None] = {}
        for item in sorted(items):
            met[item] = None
        for item in sorted(items):
            for implied in sorted(self.implied(kind, item)):
                met.setdefault(implied, item)
        return met


def _attr(info: Any, *names: str, default: Any = None) -> Any:
    """Read a field whether the taxonomy entry is a mapping or an object."""
    for name in names:
        value = info.get(name) if isinstance(info, Mapping) else getattr(info, name, None)
        if value not in (None, "", [], ()):
            return value
    return default


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _transitive(direct: Mapping[str, list[str]]) -> dict[str, frozenset[str]]:
    closed: dict[str, frozenset[str]] = {}
    for start in direct:
        seen: set[str] = set()
        todo = list(direct[start])
        while todo:
            item = todo.pop()
            if item in seen or item == start:
                continue
            seen.add(item)
            todo.extend(direct.get(item, []))
        closed[start] = frozenset(seen)
    return closed


def _next_step(info: Any) -> str:
    parts = []
    issuer = _attr(info, "issuer")
    if issuer:
        parts.append(f"issued by {issuer}")
    eligibility = _attr(info, "eligibility", "next_step")
    if eligibility:
        parts.append(str(eligibility).strip())
    return "; ".join(parts)


def vocabulary_from_taxonomy(taxonomy: Any) -> Vocabulary:
    """Adapt the extractor's taxonomy object (``.credentials`` / ``.skills`` dicts)."""
    implies: dict[tuple[str, str], frozenset[str]] = {}
    names: dict[tuple[str, str], str] = {}
    next_steps: dict[str, str] = {}
    aliases: dict[str, tuple[str, str]] = {}
    for kind, entries in (
        ("credential", _attr(taxonomy, "credentials", default={})),
        ("skill", _attr(taxonomy, "skills", default={})),
    ):
        direct = {item: _as_list(_attr(info, "implies")) for item, info in entries.items()}
        for item, implied in _transitive(direct).items():
            implies[(kind, item)] = implied
        for item, info in entries.items():
            name = str(_attr(info, "name", "display_name", "display", default=item))
            names[(kind, item)] = name
            for alias in [
                item,
                name,
                *_as_list(_attr(info, "acronyms")),
                *_as_list(_attr(info, "aliases")),
            ]:
                aliases.setdefault(alias.strip().lower(), (kind, item))
            if kind == "credential":
                next_steps[item] = _next_step(info)
    version = _attr(taxonomy, "version")
    return Vocabulary(implies, names, next_steps, aliases, str(version) if version else None)


def load_vocabulary(taxonomy_path: str | Path | None = None) -> Vocabulary:
    """Load ``config/taxonomy.yaml`` (or ``taxonomy_path``) through the extractor's loader.

    ``pipelines.extract`` imports lazily, so this pulls in PyYAML, not spaCy.
    """
    from pipelines.extract.taxonomy import load_taxonomy

    try:
        taxonomy = load_taxonomy(taxonomy_path) if taxonomy_path else load_taxonomy()
    except FileNotFoundError as exc:
        raise VocabularyError(f"taxonomy file not found: {exc.filename or taxonomy_path}") from exc
    except Exception as exc:  # noqa: BLE001 - shown to the user as one line
        first = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        if "taxonomy" not in first:  # the loader's own errors already name the file
            first = f"cannot load taxonomy {taxonomy_path or ''}: {first}".replace("  ", " ")
        raise VocabularyError(first) from exc
    return vocabulary_from_taxonomy(taxonomy)
