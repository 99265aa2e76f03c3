"""Extract credentials, skills and requirement levels from job postings (spaCy, rule-based).

Entry points: `load_extractor(taxonomy_path=None) -> Extractor` with `.extract(posting)`,
`.extract_many(postings)`, `.find_mentions(text)`; `load_taxonomy(path=None)`.
"""

from __future__ import annotations

from .extractor import Extractor, Mention, load_extractor
from .taxonomy import Taxonomy, TaxonomyError, Term, load_taxonomy

__all__ = [
    "Extractor",
    "Mention",
    "Taxonomy",
    "TaxonomyError",
    "Term",
    "load_extractor",
    "load_taxonomy",
]
