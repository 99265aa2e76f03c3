"""Load config/vocabulary.yaml: the cue words, headings and title forms the extractor reads by
meaning, checked when loaded so that a typo is an error at start-up, not a rule that silently
never fires.

The code names every class it reads in ``CLASSES``; the file must define exactly those (a class
the code does not read is as wrong as one it lacks). Each class is a list of regex fragments,
joined into one alternation by `Vocabulary.pattern`. `disabled` switches classes off (they
then match nothing), which is how `bench/extract.py --ablate` measures what each is worth.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipelines.untrusted import UntrustedInputError, load_yaml

DEFAULT_VOCABULARY = Path(__file__).resolve().parents[1] / "config" / "vocabulary.yaml"
ENV_PATH = "MRT_VOCABULARY"
MAX_BYTES = 1_000_000
ROLES = ("records", "coding", "roi", "registry", "cdi")
# A pattern that never matches: what a disabled class compiles to.
NEVER = r"(?!x)x"

CLASSES: tuple[str, ...] = (
    "cues.preferred",
    "cues.setting_qualifier",
    "cues.required",
    "cues.not_required",
    "cues.linking",
    "cues.training_provided",
    "cues.eligible",
    "cues.deadline_obtain",
    "cues.refused_after",
    "cues.refused_before",
    "cues.boilerplate_sentence",
    "experience.words",
    "experience.not_before",
    "experience.not_after",
    "education.high_school",
    "education.certificate",
    "education.associate",
    "education.bachelor",
    "education.master",
    "education.not_asked_before",
    "headings.preferred",
    "headings.required",
    "headings.pay",
    "headings.boilerplate",
    "headings.duties",
    "headings.own_team",
    *(f"job_family.roles.{role}" for role in ROLES),
    "job_family.excluded_titles",
    "job_family.excluded_unless_role",
    "job_family.excluded_unless_coding",
    "job_family.software_titles",
    "job_family.other_coding_titles",
    "job_family.bare_coder_titles",
    "job_family.medical_coding_text",
    "job_family.vague_titles",
    "job_family.title_codes",
    *(f"job_family.duty_cues.{role}" for role in ROLES),
    "job_family.no_coding",
)
MAPPINGS: tuple[str, ...] = ("job_family.abbreviations",)
LISTS: tuple[str, ...] = (
    "job_family.role_order",
    "disabled",
    "education.triggers",
    "education.high_school_not_after",
    "text.mixed_case_words",
    "text.item_openers",
)
# Lists of plain lower-case words (searched with str.find or put in lookbehinds, not regexes).
WORD_LISTS: tuple[str, ...] = (
    "education.triggers",
    "education.high_school_not_after",
    "text.mixed_case_words",
    "text.item_openers",
)


class VocabularyError(ValueError):
    """The vocabulary file is missing, not YAML, or has a class of the wrong shape."""


@dataclass(frozen=True)
class Vocabulary:
    classes: dict[str, tuple[str, ...]]
    mappings: dict[str, dict[str, str]]
    lists: dict[str, tuple[str, ...]]
    version: str
    source: str = ""

    def fragments(self, name: str) -> tuple[str, ...]:
        return self.classes[name]

    def enabled(self, name: str) -> bool:
        return name not in self.lists["disabled"]

    def alternation(self, name: str) -> str:
        """The class as one non-capturing group; a disabled class matches nothing."""
        if not self.enabled(name):
            return f"(?:{NEVER})"
        return "(?:" + "|".join(self.classes[name]) + ")"

    def pattern(
        self, name: str, prefix: str = r"\b", suffix: str = "", flags: int = re.IGNORECASE
    ) -> re.Pattern[str]:
        """The class compiled, word boundary before it unless told otherwise."""
        return re.compile(prefix + self.alternation(name) + suffix, flags)

    def patterns(self, name: str, prefix: str = r"\b") -> tuple[re.Pattern[str], ...]:
        """Each fragment compiled on its own, for rules that report which entry fired."""
        if not self.enabled(name):
            return (re.compile(NEVER),)
        return tuple(re.compile(prefix + f, re.IGNORECASE) for f in self.classes[name])

    def mapping(self, name: str) -> dict[str, str]:
        return self.mappings[name]

    def listing(self, name: str) -> tuple[str, ...]:
        return self.lists[name]


def _walk(data: Any, path: str, out: dict[str, Any]) -> None:
    """Flatten nested mappings to dotted names; leaves are lists or flat str->str maps."""
    if isinstance(data, dict) and path in MAPPINGS:
        out[path] = data
    elif isinstance(data, dict):
        for key, value in data.items():
            _walk(value, f"{path}.{key}" if path else str(key), out)
    else:
        out[path] = data


def _check_patterns(fragments: list[str], where: str) -> None:
    """Every fragment compiles: the class at once (each fragment in its own group, so one
    cannot balance another's parenthesis), fragment by fragment only to name a broken one.
    One compile per class keeps start-up short (it runs on every command)."""
    try:
        re.compile("|".join(f"(?:{f})" for f in fragments))
        return
    except re.error:
        pass
    for i, fragment in enumerate(fragments):
        try:
            re.compile(fragment)
        except re.error as exc:
            raise VocabularyError(f"{where}[{i}] is not a valid pattern: {exc}") from exc
    raise VocabularyError(f"{where}: its fragments do not compile together")


def parse_vocabulary(text: str, source: str = "vocabulary", *, trusted: bool = False) -> Vocabulary:
    try:
        data = load_yaml(text, source, max_bytes=MAX_BYTES, trusted=trusted)
    except UntrustedInputError as exc:
        raise VocabularyError(str(exc)) from exc
    if not isinstance(data, dict):
        raise VocabularyError(f"{source}: expected a mapping of classes")
    flat: dict[str, Any] = {}
    _walk(data, "", flat)
    flat.pop("version", None)
    unknown = sorted(set(flat) - set(CLASSES) - set(MAPPINGS) - set(LISTS))
    if unknown:
        raise VocabularyError(f"{source}: unknown class '{unknown[0][:80]}'")
    classes: dict[str, tuple[str, ...]] = {}
    for name in CLASSES:
        value = flat.get(name)
        if not value or not isinstance(value, list):
            raise VocabularyError(f"{source}: class '{name}' is missing or empty")
        for i, fragment in enumerate(value):
            if not isinstance(fragment, str) or not fragment.strip():
                raise VocabularyError(f"{source}: {name}[{i}] must be a non-empty string")
        _check_patterns(value, f"{source}: {name}")
        classes[name] = tuple(value)
    mappings: dict[str, dict[str, str]] = {}
    for name in MAPPINGS:
        value = flat.get(name)
        if not isinstance(value, dict) or not value:
            raise VocabularyError(f"{source}: '{name}' must be a non-empty mapping")
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise VocabularyError(f"{source}: '{name}' must map words to words")
        mappings[name] = {k.lower(): v.lower() for k, v in value.items()}
    lists = {name: tuple(str(v) for v in (flat.get(name) or ())) for name in LISTS}
    order = lists["job_family.role_order"]
    if sorted(order) != sorted(ROLES):
        raise VocabularyError(
            f"{source}: job_family.role_order must list each of {', '.join(ROLES)}"
        )
    for name in WORD_LISTS:
        words = lists[name]
        if not words or any(not w.strip() or w != w.lower() or "\n" in w for w in words):
            raise VocabularyError(
                f"{source}: '{name}' must be a non-empty list of lower-case words"
            )
    for name in lists["disabled"]:
        if name not in CLASSES:
            raise VocabularyError(f"{source}: disabled class '{name[:80]}' is not a class")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return Vocabulary(classes, mappings, lists, f"{data.get('version', 0)}-{digest}", source)


@lru_cache(maxsize=4)
def _load(path: str) -> Vocabulary:
    file = Path(path)
    try:
        with file.open("rb") as fh:
            text = fh.read(MAX_BYTES + 1).decode("utf-8")
    except OSError as exc:
        raise VocabularyError(f"cannot read vocabulary {file.name}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise VocabularyError(f"{file.name}: not UTF-8 text") from exc
    # the shipped file is read fast; a copy named by MRT_VOCABULARY within the bounds
    return parse_vocabulary(text, source=file.name, trusted=file == DEFAULT_VOCABULARY.resolve())


def load_vocabulary(path: str | Path | None = None) -> Vocabulary:
    """The vocabulary in force: `path`, else $MRT_VOCABULARY, else config/vocabulary.yaml."""
    chosen = path or os.environ.get(ENV_PATH) or DEFAULT_VOCABULARY
    return _load(str(Path(chosen).resolve()))
