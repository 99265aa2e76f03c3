"""Fixtures for the extractor tests: one pipeline for the whole session (built once)."""

from __future__ import annotations

from typing import Any

import pytest

from pipelines.extract import Extractor, load_extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return load_extractor()


@pytest.fixture(scope="session")
def run(extractor: Extractor):
    """run(description, title=...) -> the contract output of one posting."""

    def _run(
        description: str, title: str = "Medical Coder", company: str | None = None
    ) -> dict[str, Any]:
        return extractor.extract(
            {"id": "t", "title": title, "description": description, "company": company}
        )

    return _run
