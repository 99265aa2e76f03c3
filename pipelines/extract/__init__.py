"""Extract credentials, skills and requirement levels from job postings (spaCy, rule-based).

Entry points: `load_extractor(taxonomy_path=None) -> Extractor` with `.extract(posting)`,
`.extract_many(postings)`, `.find_mentions(text)`. The taxonomy the extractor reads is
shared by every stage: `pipelines.taxonomy`.

Names load on first use (PEP 562), so importing this package does not pay for importing
spaCy until the extractor is asked for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipelines.taxonomy import TaxonomyError

    from .extractor import Extractor, Mention, load_extractor

_HOMES = {
    "Extractor": ".extractor",
    "Mention": ".extractor",
    "load_extractor": ".extractor",
    "TaxonomyError": "pipelines.taxonomy",
}

__all__ = [
    "Extractor",
    "Mention",
    "TaxonomyError",
    "load_extractor",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value
