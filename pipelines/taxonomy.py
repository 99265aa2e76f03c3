"""The taxonomy (config/taxonomy.yaml): credential and skill ids, how postings write them,
what each implies, who issues a credential and who may sit its exam.

Every stage reads it through this one API: the extractor its forms and sense rules, the
matcher its implications, names and next steps, the report and the web app its names and
categories. Loading imports PyYAML, never spaCy.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pipelines.untrusted import MAX_YAML_BYTES, UntrustedInputError, load_yaml

DEFAULT_TAXONOMY = Path(__file__).resolve().parents[1] / "config" / "taxonomy.yaml"
KINDS = ("credential", "skill")


class TaxonomyError(ValueError):
    """The taxonomy file is missing, not YAML, or has an entry of the wrong shape."""


@dataclass(frozen=True)
class Term:
    """One credential or skill: its id, display name and the spellings that mean it."""

    id: str
    kind: str  # "credential" | "skill"
    name: str
    category: str = ""
    acronyms: tuple[str, ...] = ()  # matched case-sensitively
    aliases: tuple[str, ...] = ()  # matched case-insensitively
    implies: tuple[str, ...] = ()
    issuer: str = ""
    eligibility: str = ""
    # forms that mean this term only where the text around them shows it: (form, pattern,
    # scope "sentence" | "posting") -- "PCC" is PointClickCare beside "EHR" or "chart"
    context: tuple[tuple[str, str, str], ...] = ()
    # (before, after): text just before / after a mention that gives it another sense
    # ("CT scans" are images, "an Epic opportunity" the adjective); "" for none
    # (before, after, forms): text around a mention that gives it another sense; `forms`
    # limits a rule to some of the term's own forms (empty: all of them).
    wrong_sense: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    # (before, after, forms): a mention of one of `forms` means the term only where the
    # text just before or just after it shows it ("indexes" files records: "scan and
    # index", "index referrals into the chart"; not "case mix index")
    right_sense: tuple[tuple[str, str, tuple[str, ...]], ...] = ()

    @property
    def next_step(self) -> str:
        """How a candidate gets this credential: "issued by AHIMA (...); needs ...", or ""."""
        parts = [f"issued by {self.issuer}" if self.issuer else "", self.eligibility]
        return "; ".join(p for p in parts if p)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "name": self.name,
            "category": self.category,
            "acronyms": list(self.acronyms),
            "aliases": list(self.aliases),
            "implies": list(self.implies),
            "issuer": self.issuer,
            "eligibility": self.eligibility,
            "context": [list(c) for c in self.context],
            "wrong_sense": [[b, a, list(f)] for b, a, f in self.wrong_sense],
            "right_sense": [[b, a, list(f)] for b, a, f in self.right_sense],
        }


@dataclass(frozen=True)
class Taxonomy:
    credentials: dict[str, Term]
    skills: dict[str, Term]
    version: str  # the file's `version` key plus a short hash of its content
    source: str = ""
    # derived once from the terms (see __post_init__)
    _implied_by: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    _forms: dict[str, Term] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        implied: dict[str, list[str]] = {}
        for t in self.credentials.values():
            for target in self.implies(t.id):
                implied.setdefault(target, []).append(t.id)
        forms: dict[str, Term] = {}
        for t in self.terms():
            for form in (t.id, t.name, *t.acronyms, *t.aliases):
                forms.setdefault(form.strip().lower(), t)
        object.__setattr__(self, "_implied_by", {k: tuple(v) for k, v in implied.items()})
        object.__setattr__(self, "_forms", forms)

    def term(self, term_id: str) -> Term | None:
        return self.credentials.get(term_id) or self.skills.get(term_id)

    def terms(self, kind: str | None = None) -> list[Term]:
        """Every term, or those of one kind ("credential" | "skill")."""
        if kind is not None:
            return list(self._section(kind).values())
        return [*self.credentials.values(), *self.skills.values()]

    def name(self, term_id: str) -> str:
        """The display name of `term_id`, or the id itself when the taxonomy lacks it."""
        term = self.term(term_id)
        return term.name if term else term_id

    def lookup(self, text: str) -> Term | None:
        """The term written `text`: its id, name, an acronym or an alias, any case."""
        return self._forms.get(text.strip().lower())

    def implied_by(self, term_id: str) -> tuple[str, ...]:
        """Credentials that satisfy `term_id` besides itself (RHIT -> ("RHIA",))."""
        return self._implied_by.get(term_id, ())

    def implies(self, term_id: str) -> tuple[str, ...]:
        """Everything holding `term_id` also satisfies, transitively (RHIA -> RHIT)."""
        return reachable(term_id, lambda i: getattr(self.term(i), "implies", ()))

    def implications(
        self, kind: str, extra: Mapping[str, Iterable[str]] | None = None
    ) -> dict[str, frozenset[str]]:
        """Every term of `kind` -> all it implies, transitively, itself excluded; `extra`
        adds direct implications kept outside the taxonomy (config/matching.yaml)."""
        extra = extra or {}
        edges = {t.id: (*t.implies, *extra.get(t.id, ())) for t in self.terms(kind)}
        return {t: frozenset(reachable(t, lambda i: edges.get(i, ()))) for t in edges}

    def _section(self, kind: str) -> dict[str, Term]:
        if kind not in KINDS:
            raise ValueError(f"unknown term kind {kind!r}")
        return self.credentials if kind == "credential" else self.skills

    def to_data(self) -> dict[str, Any]:
        """A plain-data copy, saved with the spaCy pipeline so a loaded pipeline needs no file."""
        return {
            "version": self.version,
            "source": self.source,
            "terms": [t.as_dict() for t in self.terms()],
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Taxonomy:
        terms = [
            Term(
                id=t["id"],
                kind=t["kind"],
                name=t["name"],
                category=t.get("category", ""),
                acronyms=tuple(t.get("acronyms", ())),
                aliases=tuple(t.get("aliases", ())),
                implies=tuple(t.get("implies", ())),
                issuer=t.get("issuer", ""),
                eligibility=t.get("eligibility", ""),
                context=tuple(tuple(c) for c in t.get("context", ())),
                wrong_sense=tuple((b, a, tuple(f)) for b, a, f in t.get("wrong_sense", ())),
                right_sense=tuple((b, a, tuple(f)) for b, a, f in t.get("right_sense", ())),
            )
            for t in data["terms"]
        ]
        return _build(terms, data["version"], data.get("source", ""))


def _label(source: str) -> str:
    """How messages name the file: "taxonomy custom.yaml", or "taxonomy"."""
    return f"taxonomy {source}" if source else "taxonomy"


def reachable(start: str, direct: Callable[[str], Iterable[str]]) -> tuple[str, ...]:
    """Every id reachable from `start` through `direct` (an id's direct implications),
    `start` excluded, in the order first met: the transitive closure of one term."""
    seen: list[str] = []
    todo = list(direct(start))
    while todo:
        current = todo.pop()
        if current not in seen and current != start:
            seen.append(current)
            todo.extend(direct(current))
    return tuple(seen)


def _build(terms: list[Term], version: str, source: str) -> Taxonomy:
    """The taxonomy of `terms`; an implication must name a known id of the same kind."""
    sections: dict[str, dict[str, Term]] = {kind: {} for kind in KINDS}
    for t in terms:
        sections[t.kind][t.id] = t
    for t in terms:
        for target in t.implies:
            if target not in sections[t.kind]:
                raise TaxonomyError(
                    f"{_label(source)}: {t.kind} {t.id}: implies unknown {t.kind} '{target[:80]}'"
                )
    return Taxonomy(sections["credential"], sections["skill"], version, source)


def _strings(entry: dict, key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise TaxonomyError(f"{where}: '{key}' must be a list of strings")
    return tuple(str(v) for v in value)


def _aliases(entry: dict, where: str) -> tuple[str, ...]:
    """Aliases, lower case; one with a gap (" ... ") must have plain words on each side."""
    aliases = tuple(a.lower() for a in _strings(entry, "aliases", where))
    for alias in aliases:
        if "..." in alias and not re.fullmatch(
            r"[a-z]+(?: [a-z]+)*(?: \.\.\. [a-z]+(?: [a-z]+)*)+", alias
        ):
            raise TaxonomyError(f"{where}: alias '{alias[:80]}' must be words around ' ... '")
    return aliases


def _pattern(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise TaxonomyError(f"{where} must be a non-empty pattern")
    try:
        re.compile(value)
    except re.error as exc:
        raise TaxonomyError(f"{where} is not a valid pattern: {exc}") from exc
    return value


def _context(entry: dict, where: str) -> tuple[tuple[str, str, str], ...]:
    """`context: {FORM: {pattern: ..., scope: sentence|posting}}`; FORM is one of the term's
    own acronyms or aliases (a rule for a form the term does not have would never fire)."""
    value = entry.get("context") or {}
    if not isinstance(value, dict):
        raise TaxonomyError(f"{where}: 'context' must map a form to its pattern")
    forms = {
        *_strings(entry, "acronyms", where),
        *(a.lower() for a in _strings(entry, "aliases", where)),
    }
    out = []
    for form, rule in value.items():
        here = f"{where}: context.{form}"
        if str(form) not in forms:
            raise TaxonomyError(f"{here}: not one of the term's acronyms or aliases")
        if not isinstance(rule, dict) or set(rule) - {"pattern", "scope"}:
            raise TaxonomyError(f"{here} takes 'pattern' and 'scope'")
        scope = rule.get("scope", "sentence")
        if scope not in ("sentence", "posting"):
            raise TaxonomyError(f"{here}: scope must be 'sentence' or 'posting'")
        out.append((str(form), _pattern(rule.get("pattern"), f"{here}.pattern"), scope))
    return tuple(out)


def _sense_rules(
    entry: dict, where: str, own_forms: tuple[str, ...], key: str
) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """`wrong_sense` / `right_sense`: `{before, after, forms}` or a list of such rules.
    `before`/`after` may be left out; `forms`, if given, must be forms of the term itself."""
    value = entry.get(key) or []
    rules = value if isinstance(value, list) else [value]
    known = {f.lower() for f in own_forms}
    out = []
    for rule in rules:
        if not isinstance(rule, dict) or not rule.keys() <= {"before", "after", "forms"}:
            raise TaxonomyError(f"{where}: '{key}' takes 'before' and/or 'after' (and 'forms')")
        forms = _strings(rule, "forms", f"{where}: {key}.forms")
        stray = [f for f in forms if f.lower() not in known]
        if stray:
            raise TaxonomyError(
                f"{where}: {key}.forms '{stray[0][:80]}' is not a form of this term"
            )
        before, after = rule.get("before"), rule.get("after")
        if key == "right_sense" and before is None and after is None:
            raise TaxonomyError(f"{where}: a 'right_sense' rule needs 'before' or 'after'")
        out.append(
            (
                _pattern(before, f"{where}: {key}.before") if before is not None else "",
                _pattern(after, f"{where}: {key}.after") if after is not None else "",
                forms,
            )
        )
    return tuple(out)


def parse_taxonomy(text: str, source: str = "", *, trusted: bool = False) -> Taxonomy:
    """A taxonomy from YAML text. The project's own file (`trusted`) is read by libyaml's
    safe loader, ~10x faster; any other (`--taxonomy FILE`) within the bounds of
    `pipelines.untrusted.load_yaml` (size cap, no aliases)."""
    try:
        data = load_yaml(text, _label(source), trusted=trusted)
    except UntrustedInputError as exc:
        raise TaxonomyError(str(exc)) from exc
    except yaml.YAMLError as exc:
        raise TaxonomyError(f"{_label(source)}: not valid YAML: {exc}".splitlines()[0]) from exc
    if not isinstance(data, dict) or "credentials" not in data or "skills" not in data:
        raise TaxonomyError(f"{_label(source)}: expected 'version', 'credentials' and 'skills'")
    terms: list[Term] = []
    for kind, section in (("credential", "credentials"), ("skill", "skills")):
        entries = data[section] or {}
        if not isinstance(entries, dict):
            raise TaxonomyError(f"{_label(source)}: '{section}' must map ids to entries")
        for term_id, entry in entries.items():
            where = f"{_label(source)}: {section}.{term_id}"
            if not isinstance(entry, dict) or not entry.get("name"):
                raise TaxonomyError(f"{where}: needs at least a 'name'")
            forms = _strings(entry, "acronyms", where) + _strings(entry, "aliases", where)
            terms.append(
                Term(
                    id=str(term_id),
                    kind=kind,
                    name=str(entry["name"]),
                    category=str(entry.get("category", "")),
                    acronyms=_strings(entry, "acronyms", where),
                    aliases=_aliases(entry, where),
                    implies=_strings(entry, "implies", where),
                    issuer=str(entry.get("issuer", "")),
                    eligibility=" ".join(str(entry.get("eligibility", "")).split()),
                    context=_context(entry, where),
                    wrong_sense=_sense_rules(entry, where, forms, "wrong_sense"),
                    right_sense=_sense_rules(entry, where, forms, "right_sense"),
                )
            )
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    version = f"{data.get('version', 0)}-{digest}"
    return _build(terms, version, source)


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int) -> Taxonomy:
    trusted = Path(path) == DEFAULT_TAXONOMY.resolve()
    try:
        with Path(path).open("rb") as fh:
            raw = fh.read(MAX_YAML_BYTES + 1)
    except OSError as exc:
        raise TaxonomyError(f"cannot read taxonomy {path}: {exc.strerror}") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TaxonomyError(f"{Path(path).name}: not UTF-8 text") from exc
    return parse_taxonomy(text, source=Path(path).name, trusted=trusted)


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """Read a taxonomy file (default: config/taxonomy.yaml of this repository). Every
    failure is a TaxonomyError of one line that names the file."""
    resolved = Path(path) if path is not None else DEFAULT_TAXONOMY
    try:
        mtime = resolved.stat().st_mtime_ns
    except OSError as exc:
        raise TaxonomyError(f"cannot read taxonomy {resolved}: {exc.strerror}") from exc
    return _load_cached(str(resolved.resolve()), mtime)
