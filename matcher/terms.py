"""The taxonomy as the matcher reads it: the shared `Taxonomy` plus config/matching.yaml.

Names, forms, issuers and the taxonomy's own implications come from
``pipelines.taxonomy`` (one API for every stage). What only matching needs lives in
``config/matching.yaml`` (more implications, skills learned on the job, relevant role
words), so editing it never changes ``taxonomy_version`` and never re-runs extraction.
Loading imports PyYAML, never spaCy.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipelines.taxonomy import KINDS, Taxonomy, TaxonomyError, load_taxonomy
from pipelines.untrusted import UntrustedInputError, load_yaml_file, shown

DEFAULT_MATCHING = Path(__file__).resolve().parents[1] / "config" / "matching.yaml"
MATCHING_FILE = "matching.yaml"
EDUCATION_NAMES = {
    "high-school": "high-school diploma or GED",
    "certificate": "postsecondary certificate",
}
ROLE_CLASSES = ("family", "adjacent", "clerical", "healthcare_setting")
MATCHING_KEYS = ("implies", "category_implies", "learned_on_the_job", "experience_roles")


class MatchTermsError(ValueError):
    """The taxonomy or matching.yaml cannot be loaded; the message is one line."""


@dataclass(frozen=True)
class MatchTerms:
    """Taxonomy facts the matcher uses, with matching.yaml's additions."""

    taxonomy: Taxonomy
    # (kind, id) -> every (same-kind) id it implies, transitively, itself excluded:
    # RHIA -> {RHIT}; CPC -> {CPC-A} (matching.yaml); Epic -> {ehr} (by category).
    implies: Mapping[tuple[str, str], frozenset[str]]
    # skill ids employers usually teach on the job
    on_the_job: frozenset[str] = frozenset()
    # role class (family, adjacent, clerical, healthcare_setting) -> (phrases, acronyms)
    roles: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return self.taxonomy.version

    def implied(self, kind: str, item: str) -> frozenset[str]:
        return self.implies.get((kind, item), frozenset())

    def name(self, kind: str, item: str) -> str:
        return self.taxonomy.name(item) if kind in KINDS else item

    def display(self, kind: str, item: str) -> str:
        """What to call an asked item: the taxonomy's name of a credential or skill,
        "associate degree", "high-school diploma or GED", "2 years of experience"."""
        if kind == "education":
            return EDUCATION_NAMES.get(item, f"{item} degree")
        if kind == "experience":
            return f"{item} year{'' if item == '1' else 's'} of experience"
        return self.name(kind, item)

    def next_step(self, credential: str) -> str:
        """Who issues `credential` and who may sit its exam, or "" when unknown."""
        term = self.taxonomy.credentials.get(credential)
        return term.next_step if term else ""

    def issuer(self, credential: str) -> str:
        term = self.taxonomy.credentials.get(credential)
        return term.issuer.strip() if term else ""

    def eligibility(self, credential: str) -> str:
        term = self.taxonomy.credentials.get(credential)
        return term.eligibility if term else ""

    def resolve(self, kind: str, text: str) -> str | None:
        """The canonical id of ``text`` (an id, name or alias) of ``kind``, or None."""
        term = self.taxonomy.lookup(text)
        return term.id if term and term.kind == kind else None

    def known(self, kind: str) -> list[str]:
        return sorted(t.id for t in self.taxonomy.terms(kind))

    def closure(self, kind: str, items: Iterable[str]) -> dict[str, str | None]:
        """Every id met by ``items``: id -> None when held directly, else the id implying it."""
        met: dict[str, str | None] = {}
        for item in sorted(items):
            met[item] = None
        for item in sorted(items):
            for implied in sorted(self.implied(kind, item)):
                met.setdefault(implied, item)
        return met


def _ids(value: Any, where: str, known: Iterable[str], kind: str) -> list[str]:
    """A list of ids that must all be known ids of ``kind``."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise MatchTermsError(f"{where} must be a list of {kind} ids")
    known = set(known)
    for item in value:
        if item not in known:
            raise MatchTermsError(f"{where}: unknown {kind} '{shown(item)}'")
    return list(value)


def _mapping(value: Any, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise MatchTermsError(f"{where} must be a mapping")
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
                raise MatchTermsError(
                    f"{source}: experience_roles.{name}.{key} must be a list of words"
                )
            words.append(tuple(i.strip() for i in items))
        out[name] = (tuple(w.lower() for w in words[0]), words[1])
    return out


def _extra_implications(data: dict, source: str, taxonomy: Taxonomy) -> dict[str, dict]:
    """matching.yaml's direct implications per kind: `implies` by id, `category_implies`
    for every skill of a category. Every id must be an id of the taxonomy."""
    ids = {kind: [t.id for t in taxonomy.terms(kind)] for kind in KINDS}
    extra: dict[str, dict[str, list[str]]] = {kind: {} for kind in KINDS}
    implies = _mapping(data.get("implies"), f"{source}: implies")
    for section, kind in (("credentials", "credential"), ("skills", "skill")):
        for item, targets in _mapping(implies.get(section), f"{source}: implies.{section}").items():
            where = f"{source}: implies.{section}.{item}"
            _ids([item], where, ids[kind], kind)
            extra[kind].setdefault(str(item), []).extend(_ids(targets, where, ids[kind], kind))
    skills = taxonomy.terms("skill")
    known_categories = {t.category for t in skills}
    by_category = _mapping(data.get("category_implies"), f"{source}: category_implies")
    for category, targets in by_category.items():
        where = f"{source}: category_implies.{category}"
        if category not in known_categories:
            raise MatchTermsError(f"{where}: no skill has this category")
        implied = _ids(targets, where, ids["skill"], "skill")
        for skill in skills:
            if skill.category == category:
                extra["skill"].setdefault(skill.id, []).extend(t for t in implied if t != skill.id)
    return extra


def _learned_on_the_job(data: dict, source: str, taxonomy: Taxonomy) -> frozenset[str]:
    on_job = _mapping(data.get("learned_on_the_job"), f"{source}: learned_on_the_job")
    skills = taxonomy.terms("skill")
    taught = set(
        _ids(
            on_job.get("skills"),
            f"{source}: learned_on_the_job.skills",
            [t.id for t in skills],
            "skill",
        )
    )
    for category in on_job.get("categories") or []:
        if category not in {t.category for t in skills}:
            raise MatchTermsError(
                f"{source}: learned_on_the_job.categories: no skill has category '{shown(category)}'"
            )
        taught |= {t.id for t in skills if t.category == category}
    return frozenset(taught)


def match_terms(
    taxonomy: Taxonomy, matching: Any = None, matching_source: str = MATCHING_FILE
) -> MatchTerms:
    """The matcher's terms: ``taxonomy`` plus the validated facts of ``matching`` (the
    parsed ``config/matching.yaml``)."""
    data = _mapping(matching, matching_source)
    stray = sorted(set(map(str, data)) - set(MATCHING_KEYS))
    if stray:
        raise MatchTermsError(f"{matching_source}: unknown key '{shown(stray[0])}'")
    extra = _extra_implications(data, matching_source, taxonomy)
    implies = {
        (kind, item): implied
        for kind in KINDS
        for item, implied in taxonomy.implications(kind, extra[kind]).items()
    }
    return MatchTerms(
        taxonomy,
        implies,
        on_the_job=_learned_on_the_job(data, matching_source, taxonomy),
        roles=_role_words(data.get("experience_roles"), matching_source),
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
        raise MatchTermsError(f"matching file not found: {shown(path)}") from exc
    except UntrustedInputError as exc:
        raise MatchTermsError(str(exc)) from exc
    except OSError as exc:
        raise MatchTermsError(f"cannot read matching file {shown(path)}: {exc.strerror}") from exc


def load_match_terms(taxonomy_path: str | Path | None = None) -> MatchTerms:
    """Load ``config/taxonomy.yaml`` (or ``taxonomy_path``) with the matcher-only facts of
    the matching.yaml beside it (see ``matching_path``)."""
    try:
        taxonomy = load_taxonomy(taxonomy_path)
    except TaxonomyError as exc:
        raise MatchTermsError(str(exc)) from exc
    path = matching_path(taxonomy_path)
    return match_terms(taxonomy, load_matching(path), path.name)
