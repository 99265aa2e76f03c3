"""Scoring weights from ``config/scoring.yaml`` (or a user's copy), validated once."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines.untrusted import UntrustedInputError, load_yaml_file, shown

DEFAULT_SCORING = Path(__file__).resolve().parents[1] / "config" / "scoring.yaml"
COMPONENTS = ("credentials", "skills", "experience", "education")
#: Kinds of requirement a posting can ask for; ``gate`` names those that decide "qualified".
KINDS = ("credential", "education", "experience", "skill")
DEFAULT_GATE = ("credential", "education", "experience")
DEFAULT_STRONG_MATCH = 0.8


class ScoringConfigError(ValueError):
    """The scoring file is missing or malformed; the message is one line."""


@dataclass(frozen=True)
class ScoringConfig:
    components: dict[str, float]
    levels: dict[str, float]
    eligible_credit: float
    in_progress_credit: float
    implied_credit: float
    #: requirement kinds whose required groups must all be met to be qualified
    gate: tuple[str, ...] = DEFAULT_GATE
    #: share of a qualified posting's other required groups (its required skills) to meet
    #: for a strong match
    strong_match: float = DEFAULT_STRONG_MATCH


def _number(
    data: dict, key: str, where: str, *, low: float = 0.0, high: float | None = None
) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ScoringConfigError(f"{where}.{key} must be a number, got '{shown(value)}'")
    number = float(value) if abs(value) < 1e300 else math.inf  # NaN passes, and is caught here
    if not math.isfinite(number) or number < low or (high is not None and number > high):
        bounds = f"between {low} and {high}" if high is not None else f"a number >= {low}"
        raise ScoringConfigError(f"{where}.{key} must be {bounds}, got '{shown(value)}'")
    return number


def _section(data: Any, key: str) -> dict:
    section = data.get(key)
    if not isinstance(section, dict):
        raise ScoringConfigError(f"scoring config needs a mapping '{key}'")
    return section


def scoring_from_dict(data: Any) -> ScoringConfig:
    if not isinstance(data, dict):
        raise ScoringConfigError("scoring config must be a YAML mapping")
    components = _section(data, "components")
    unknown = set(components) - set(COMPONENTS)
    if unknown:
        names = shown(", ".join(sorted(map(str, unknown))))
        raise ScoringConfigError(f"unknown scoring component(s): {names}")
    weights = {c: _number(components, c, "components") for c in COMPONENTS}
    if sum(weights.values()) <= 0:
        raise ScoringConfigError("component weights must not all be zero")
    levels = _section(data, "levels")
    partial = _section(data, "partial_credit")
    gate = data.get("gate", list(DEFAULT_GATE))
    if not isinstance(gate, list) or not all(isinstance(k, str) for k in gate):
        raise ScoringConfigError(f"gate must be a list of kinds ({', '.join(KINDS)})")
    stray = [k for k in gate if k not in KINDS]
    if stray:
        raise ScoringConfigError(f"gate: unknown kind '{shown(stray[0])}' (use {', '.join(KINDS)})")
    return ScoringConfig(
        components=weights,
        levels={lv: _number(levels, lv, "levels") for lv in ("required", "preferred")},
        eligible_credit=_number(partial, "eligible", "partial_credit", high=1.0),
        in_progress_credit=_number(partial, "in_progress", "partial_credit", high=1.0),
        implied_credit=_number(data, "implied_credit", "scoring", high=1.0),
        gate=tuple(k for k in KINDS if k in gate),
        strong_match=(
            _number(data, "strong_match", "scoring", high=1.0)
            if "strong_match" in data
            else DEFAULT_STRONG_MATCH
        ),
    )


def load_scoring(path: str | Path | None = None) -> ScoringConfig:
    path = Path(path) if path else DEFAULT_SCORING
    try:
        data = load_yaml_file(path, f"scoring file {shown(path)}")
    except FileNotFoundError as exc:
        raise ScoringConfigError(f"scoring file not found: {shown(path)}") from exc
    except UntrustedInputError as exc:
        raise ScoringConfigError(str(exc)) from exc
    except (OSError, ValueError, RecursionError) as exc:
        first = shown(str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__)
        raise ScoringConfigError(f"cannot read scoring file {shown(path)}: {first}") from exc
    return scoring_from_dict(data)
