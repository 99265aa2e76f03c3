"""What the matcher needs from the taxonomy: implications, names, next steps, aliases.

The taxonomy belongs to the extractor (``pipelines.extract.taxonomy.load_taxonomy``); this
adapter reads it once into plain mappings so scoring stays pure and never imports spaCy.
Matcher-only facts (more implications, skills learned on the job, relevant role words)
come from ``config/matching.yaml``, so editing them never changes ``taxonomy_version``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipelines.untrusted import UntrustedInputError, load_yaml_file, shown

KINDS = ("credential", "skill")
DEFAULT_MATCHING = Path(__file__).resolve().parents[1] / "config" / "matching.yaml"
MATCHING_FILE = "matching.yaml"
EDUCATION_NAMES = {
    "high-school": "high-school diploma or GED",
    "certificate": "postsecondary certificate",
}
ROLE_CLASSES = ("family", "adjacent", "clerical", "healthcare_setting")
MATCHING_KEYS = ("implies", "category_implies", "learned_on_the_job", "experience_roles")


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
    # credential id -> "AHIMA (American Health Information Management Association)"
    issuers: Mapping[str, str] = field(default_factory=dict)
    # credential id -> who may sit the exam
    eligibility: Mapping[str, str] = field(default_factory=dict)
    # skill ids employers usually teach on the job
    on_the_job: frozenset[str] = frozenset()
    # role class (family, adjacent, clerical, healthcare_setting) -> (phrases, acronyms)
    roles: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)

    def implied(self, kind: str, item: str) -> frozenset[str]:
        return self.implies.get((kind, item), frozenset())

    def name(self, kind: str, item: str) -> str:
        return self.names.get((kind, item), item)

    def display(self, kind: str, item: str) -> str:
        """What to call an asked item: the taxonomy's name of a credential or skill,
        "associate degree", "high-school diploma or GED", "2 years of experience"."""
        if kind == "education":
            return EDUCATION_NAMES.get(item, f"{item} degree")
        if kind == "experience":
            return f"{item} year{'' if item == '1' else 's'} of experience"
        return self.name(kind, item)

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


def _ids(value: Any, where: str, known: Iterable[str], kind: str) -> list[str]:
    """A list of ids that must all be known ids of ``kind``."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise VocabularyError(f"{where} must be a list of {kind} ids")
    known = set(known)
    for item in value:
        if item not in known:
            raise VocabularyError(f"{where}: unknown {kind} '{shown(item)}'")
    return list(value)


def _mapping(value: Any, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise VocabularyError(f"{where} must be a mapping")
    return value


def _role_words(value: Any, source: str) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    roles = _mapping(value, f"{source}: experience_roles")
    out = {}
    for name in ROLE_CLASSES:
        entry = _mapping(roles.get(name), f"{source}: experience_roles.{name}")
        words = []
        for key in ("phrases", "acronyms"):
            items = entry.get(key) or []
            if not isinstance(items, list) or not all(
                isinstance(i, str) and i.strip() for i in items
            ):
                raise VocabularyError(
                    f"{source}: experience_roles.{name}.{key} must be a list of words"
                )
            words.append(tuple(i.strip() for i in items))
        out[name] = (tuple(w.lower() for w in words[0]), words[1])
    return out


def _matching_facts(
    matching: Any, source: str, ids: Mapping[str, Iterable[str]], categories: Mapping[str, str]
) -> tuple[dict[str, dict[str, list[str]]], frozenset[str], dict]:
    """Validated matcher-only facts: extra direct implications per kind, skills learned
    on the job, role words. Every id must be an id of the taxonomy."""
    data = _mapping(matching, source)
    stray = sorted(set(map(str, data)) - set(MATCHING_KEYS))
    if stray:
        raise VocabularyError(f"{source}: unknown key '{shown(stray[0])}'")
    extra: dict[str, dict[str, list[str]]] = {kind: {} for kind in KINDS}
    implies = _mapping(data.get("implies"), f"{source}: implies")
    for section, kind in (("credentials", "credential"), ("skills", "skill")):
        for item, targets in _mapping(implies.get(section), f"{source}: implies.{section}").items():
            where = f"{source}: implies.{section}.{item}"
            _ids([item], where, ids[kind], kind)
            extra[kind].setdefault(str(item), []).extend(_ids(targets, where, ids[kind], kind))
    known_categories = set(categories.values())
    by_category = _mapping(data.get("category_implies"), f"{source}: category_implies")
    for category, targets in by_category.items():
        where = f"{source}: category_implies.{category}"
        if category not in known_categories:
            raise VocabularyError(f"{where}: no skill has this category")
        implied = _ids(targets, where, ids["skill"], "skill")
        for skill, skill_category in categories.items():
            if skill_category == category:
                extra["skill"].setdefault(skill, []).extend(t for t in implied if t != skill)
    on_job = _mapping(data.get("learned_on_the_job"), f"{source}: learned_on_the_job")
    taught = set(
        _ids(on_job.get("skills"), f"{source}: learned_on_the_job.skills", ids["skill"], "skill")
    )
    for category in on_job.get("categories") or []:
        if category not in known_categories:
            raise VocabularyError(
                f"{source}: learned_on_the_job.categories: no skill has category '{shown(category)}'"
            )
        taught |= {s for s, c in categories.items() if c == category}
    return extra, frozenset(taught), _role_words(data.get("experience_roles"), source)


def vocabulary_from_taxonomy(
    taxonomy: Any, matching: Any = None, matching_source: str = MATCHING_FILE
) -> Vocabulary:
    """Adapt the extractor's taxonomy object (``.credentials`` / ``.skills`` dicts), plus
    the matcher-only facts of ``matching`` (the parsed ``config/matching.yaml``)."""
    implies: dict[tuple[str, str], frozenset[str]] = {}
    names: dict[tuple[str, str], str] = {}
    next_steps: dict[str, str] = {}
    aliases: dict[str, tuple[str, str]] = {}
    issuers: dict[str, str] = {}
    eligibility: dict[str, str] = {}
    sections = {
        "credential": _attr(taxonomy, "credentials", default={}),
        "skill": _attr(taxonomy, "skills", default={}),
    }
    ids = {kind: list(entries) for kind, entries in sections.items()}
    categories = {
        item: str(_attr(info, "category", default="")) for item, info in sections["skill"].items()
    }
    extra, on_the_job, roles = _matching_facts(matching, matching_source, ids, categories)
    for kind, entries in sections.items():
        direct: dict[str, list[str]] = {}
        for item, info in entries.items():
            where = f"taxonomy: {kind} {item}: implies"
            direct[item] = _ids(_as_list(_attr(info, "implies")), where, ids[kind], kind)
            direct[item] += extra[kind].get(item, [])
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
                issuers[item] = str(_attr(info, "issuer", default="")).strip()
                eligibility[item] = " ".join(str(_attr(info, "eligibility", default="")).split())
    version = _attr(taxonomy, "version")
    return Vocabulary(
        implies,
        names,
        next_steps,
        aliases,
        str(version) if version else None,
        issuers=issuers,
        eligibility=eligibility,
        on_the_job=on_the_job,
        roles=roles,
    )


def matching_path(taxonomy_path: str | Path | None = None) -> Path:
    """The matching.yaml beside ``taxonomy_path`` when there is one, else the bundled one."""
    if taxonomy_path is not None:
        beside = Path(taxonomy_path).with_name(MATCHING_FILE)
        if beside.is_file():
            return beside
    return DEFAULT_MATCHING


def load_matching(path: Path) -> Any:
    try:
        return load_yaml_file(path, f"matching file {shown(path.name)}")
    except FileNotFoundError as exc:
        raise VocabularyError(f"matching file not found: {shown(path)}") from exc
    except UntrustedInputError as exc:
        raise VocabularyError(str(exc)) from exc
    except OSError as exc:
        raise VocabularyError(f"cannot read matching file {shown(path)}: {exc.strerror}") from exc


def load_vocabulary(taxonomy_path: str | Path | None = None) -> Vocabulary:
    """Load ``config/taxonomy.yaml`` (or ``taxonomy_path``) through the extractor's loader,
    with the matcher-only facts of the matching.yaml beside it (see ``matching_path``).

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
    path = matching_path(taxonomy_path)
    return vocabulary_from_taxonomy(taxonomy, load_matching(path), path.name)
