"""Views of an extraction result the component tests compare against.

A module of its own (not conftest.py): several test folders have a conftest, and
``from conftest import ...`` picks whichever was imported first.
"""

from __future__ import annotations

from typing import Any


def creds(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in result["credentials"]}


def skills(result: dict[str, Any]) -> dict[str, str]:
    return {s["id"]: s["level"] for s in result["skills"]}


def paths(result: dict[str, Any]) -> tuple[list, list]:
    """(education, experience) as sorted (level or years, requirement) pairs."""
    return (
        sorted((e["level"], e["requirement"]) for e in result["education"]),
        sorted((x["years"], x["requirement"]) for x in result["experience"]),
    )
