"""Whether a term mention means the term: the per-term sense rules of the taxonomy (`context`,
`wrong_sense`, `right_sense`), compiled once per taxonomy. "PCC" counts as PointClickCare
only beside record words, "CT scans" are not scanning records, "an Epic opportunity" is no
EHR, "indexes" files records only where it takes them somewhere or pairs with scanning."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.taxonomy import Taxonomy, load_taxonomy

from .mentions import TermMention
from .structure import Layout

_FLAGS = re.IGNORECASE | re.DOTALL
# How far back a wrong_sense `before` rule reads: "for the appropriate " before "billing".
_BEFORE_REACH = 24
# How far on a wrong_sense `after` rule reads: " and governance requirements" after "audit".
_AFTER_REACH = 40
_Rule = tuple["re.Pattern[str] | None", "re.Pattern[str] | None", frozenset[str]]


@dataclass(frozen=True)
class TermSenses:
    context: dict[str, tuple[re.Pattern[str], str]]  # form -> (pattern, scope)
    # term id -> its rules: (before, after, forms the rule is limited to, lower case)
    wrong_sense: dict[str, tuple[_Rule, ...]]
    right_sense: dict[str, tuple[_Rule, ...]]

    @classmethod
    def from_taxonomy(cls, taxonomy: Taxonomy) -> TermSenses:
        context: dict[str, tuple[re.Pattern[str], str]] = {}
        wrong: dict[str, tuple[_Rule, ...]] = {}
        right: dict[str, tuple[_Rule, ...]] = {}
        for term in taxonomy.terms():
            for form, pattern, scope in term.context:
                context[form] = (re.compile(pattern, _FLAGS), scope)
            for rules, into in ((term.wrong_sense, wrong), (term.right_sense, right)):
                compiled = _compiled(rules)
                if compiled:
                    into[term.id] = compiled
        return cls(context, wrong, right)

    def needs_context(self, mention: TermMention) -> bool:
        return mention.text in self.context

    def plausible(self, m: TermMention, text: str, layout: Layout, plainly_named: set[str]) -> bool:
        """False when the text around the mention gives it another sense."""
        for before, after, forms in self.wrong_sense.get(m.id, ()):
            if forms and m.text.lower() not in forms:
                continue
            if before is not None and before.search(text, max(0, m.start - _BEFORE_REACH), m.start):
                return False
            if after is not None and after.match(text[m.end : m.end + _AFTER_REACH]):
                return False
        for before, after, forms in self.right_sense.get(m.id, ()):
            if forms and m.text.lower() not in forms:
                continue
            if not (
                (before is not None and before.search(text, max(0, m.start - 24), m.start))
                or (after is not None and after.match(text[m.end : m.end + 60]))
            ):
                return False
        rule = self.context.get(m.text)
        if rule is None or m.id in plainly_named:
            return True
        pattern, scope = rule
        s, e = (0, len(text)) if scope == "posting" else layout.sentence_of(m.start)
        return bool(pattern.search(text[s:e]))


def _compiled(rules: tuple[tuple[str, str, tuple[str, ...]], ...]) -> tuple[_Rule, ...]:
    return tuple(
        (
            re.compile(before, re.IGNORECASE) if before else None,
            re.compile(after, re.IGNORECASE) if after else None,
            frozenset(f.lower() for f in forms),
        )
        for before, after, forms in rules
        if before or after
    )


_COMPILED: dict[str, TermSenses] = {}  # taxonomy version -> its rules, compiled


def senses_for(taxonomy: Taxonomy | None = None) -> TermSenses:
    """The compiled rules of `taxonomy` (default: the one load_taxonomy gives), once per
    taxonomy version (a Taxonomy holds dicts, so it cannot be a cache key itself)."""
    taxonomy = taxonomy or load_taxonomy()
    found = _COMPILED.get(taxonomy.version)
    if found is None:
        found = _COMPILED[taxonomy.version] = TermSenses.from_taxonomy(taxonomy)
    return found
