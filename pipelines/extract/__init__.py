"""Extract credentials, skills and requirement levels from job postings (spaCy, rule-based).

Entry points: `load_extractor(taxonomy_path=None) -> Extractor` with `.extract(posting)`,
`.extract_many(postings)`, `.find_mentions(text)`; `load_taxonomy(path=None)`.

Names load on first use (PEP 562), so `from pipelines.extract.taxonomy import ...` and
`from pipelines.extract import load_taxonomy` do not pay for importing spaCy: the
matcher's profile path and the report need the taxonomy, not the pipeline.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .extractor import Extractor, Mention, load_extractor
    from .taxonomy import Taxonomy, TaxonomyError, Term, load_taxonomy

_HOMES = {
    "Extractor": ".extractor",
    "Mention": ".extractor",
    "load_extractor": ".extractor",
    "Taxonomy": ".taxonomy",
    "TaxonomyError": ".taxonomy",
    "Term": ".taxonomy",
    "load_taxonomy": ".taxonomy",
}

__all__ = [
    "Extractor",
    "Mention",
    "Taxonomy",
    "TaxonomyError",
    "Term",
    "load_extractor",
    "load_taxonomy",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home, __name__), name)
    globals()[name] = value
    return value
