"""Match one resume against the market: the entry point of `mrt match` and `mrt demo`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from matcher.build import profile_from_mapping, profile_from_text
from matcher.config import ScoringConfig, load_scoring
from matcher.index import MarketIndex
from matcher.needs import build_needs
from matcher.profile import Profile, education_rank
from matcher.readers import ResumeError, ResumeInput, read_resume
from matcher.requirements import posting_verdicts
from matcher.score import Assessment, Candidate, assess, missing_skills, strong_enough
from matcher.signatures import (
    MarketFilter,
    MarketSlice,
    PostingNotMatchable,
    find_posting,
    load_market,
    posting_requirements,
    ranked_postings,
)
from matcher.terms import MatchTerms, load_match_terms
from pipelines.store.db import Store, open_store
from pipelines.store.postings import shown_pay
from pipelines.untrusted import shown


class MatchError(ValueError):
    """A problem with the request (unknown posting...); the message is one line."""


@dataclass
class MatchResult:
    """Everything `mrt match` shows; ``to_json`` is the `--format json` object."""

    profile: Profile
    score: float
    breakdown: dict[str, float]
    postings_considered: int
    qualified_count: int
    qualified_postings: list[dict[str, Any]]
    gaps: list[dict[str, Any]]
    strengths: list[dict[str, Any]]
    next_steps: list[dict[str, Any]]
    market: str = ""  # "postings in TX", for messages
    filters: dict[str, Any] = field(default_factory=dict)
    strong_count: int = 0
    # what decides "qualified" and "strong match" (config/scoring.yaml)
    qualification: dict[str, Any] = field(default_factory=dict)
    # with --posting: every requirement of that posting, met / partly met / unmet
    requirements: list[dict[str, Any]] | None = None

    @property
    def qualified_share(self) -> float:
        return self._share(self.qualified_count)

    @property
    def strong_share(self) -> float:
        return self._share(self.strong_count)

    def _share(self, n: int) -> float:
        return round(n / self.postings_considered, 4) if self.postings_considered else 0.0

    @property
    def strong_postings(self) -> list[dict[str, Any]]:
        """The listed qualified postings that are strong matches (they come first)."""
        return [p for p in self.qualified_postings if p.get("strong")]

    def to_json(self) -> dict[str, Any]:
        out = {
            "score": self.score,
            "breakdown": self.breakdown,
            "qualified_share": self.qualified_share,
            "qualified_count": self.qualified_count,
            "strong_share": self.strong_share,
            "strong_count": self.strong_count,
            "postings_considered": self.postings_considered,
            "market": self.market,
            "filters": self.filters,
            "qualification": self.qualification,
            "qualified_postings": self.qualified_postings,
            "strong_postings": self.strong_postings,
            "gaps": self.gaps,
            "strengths": self.strengths,
            "next_steps": self.next_steps,
            "experience_counted": self.profile.experience_counted(),
            "profile": self.profile.to_dict(),
        }
        if self.requirements is not None:
            out["requirements"] = self.requirements
        return out


def resolve_profile(
    resume: str | Path | Profile | dict | ResumeInput,
    terms: MatchTerms,
    taxonomy_path: str | Path | None = None,
    extractor: Any = None,
) -> Profile:
    """A Profile from a Profile, a profile mapping, a resume file of any supported kind, or a
    resume already read (a :class:`ResumeInput`, e.g. an upload read in memory).

    ``extractor``: one already loaded (the web app keeps one), else it is loaded here.
    """
    if isinstance(resume, Profile):
        return resume
    if isinstance(resume, dict):
        return profile_from_mapping(resume, terms)
    document = resume if isinstance(resume, ResumeInput) else read_resume(resume)
    if document.profile is not None:
        return profile_from_mapping(document.profile, terms)
    if extractor is None:
        from pipelines.extract import load_extractor  # spaCy: only for document resumes

        extractor = load_extractor(taxonomy_path) if taxonomy_path else load_extractor()
    profile = profile_from_text(document.text or "", extractor, roles=terms.roles)
    if not profile.has_content():
        raise ResumeError(
            f"{shown(document.path.name)}: no resume content found (no credential, skill, "
            "dated role, education or address): is it the right file?"
        )
    return profile


def pct(share: float) -> str:
    """0.125 -> "12.5%", 0.25 -> "25%"."""
    return f"{share * 100:.1f}".rstrip("0").rstrip(".") + "%"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def gap_phrase(gap: dict[str, Any], market: str) -> str:
    """ "adding CCS: +23% of postings in TX" (or how often it is asked when it opens none)."""
    label = gap["id"] if gap["kind"] == "credential" else gap["name"]
    if gap["qualify_gain"]:
        return f"adding {label}: +{pct(gap['qualify_gain'])} of {market}"
    if gap.get("strong_gain"):
        return f"adding {label}: +{pct(gap['strong_gain'])} of {market} become strong matches"
    asked = pct(gap["required_share"]) if gap["required_share"] else pct(gap["preferred_share"])
    how = "required" if gap["required_share"] else "preferred"
    return f"adding {label}: {how} by {asked} of {market}"


def _gap_dict(gap: Any, terms: MatchTerms, cfg: ScoringConfig) -> dict[str, Any]:
    out = {
        "kind": gap.kind,
        "id": gap.id,
        "name": terms.display(gap.kind, gap.id),
        "gates": gap.kind in cfg.gate,
        "required_share": gap.required_share,
        "preferred_share": gap.preferred_share,
        "qualify_gain": gap.qualify_gain,
        "qualify_postings": gap.qualify_postings,
        "strong_gain": gap.strong_gain,
        "strong_gain_postings": gap.strong_postings,
        "missing_share": gap.missing_share,
    }
    if gap.status:
        out["status"] = gap.status
    if gap.kind == "credential":
        out["next_step"] = terms.next_step(gap.id)
        out["issuer"] = terms.issuer(gap.id)
        out["eligibility"] = terms.eligibility(gap.id)
    if gap.kind == "skill":
        out["learned_on_the_job"] = gap.id in terms.on_the_job
    return out


#: How many next steps of each sort (what qualifies you, what makes strong matches).
NEXT_STEPS_EACH = 3


def _next_steps(
    assessment: Assessment,
    gaps: list[dict],
    terms: MatchTerms,
    profile: Profile,
    market: str,
    considered: int,
) -> list[dict]:
    """Credentials met in part first, then the top gaps that qualify you for more postings
    (with the credential's issuer and eligibility), then the top skills that turn
    qualified postings into strong matches (saying when one is usually learned on the job)."""
    steps: list[dict] = []
    after_hire = sorted(
        (p for p in assessment.partials if p.status == "after hire"), key=lambda p: -p.postings
    )
    partials = [p for p in assessment.partials if p.status != "after hire"] + after_hire[:2]
    for partial in partials:
        about = terms.next_step(partial.id)
        if partial.status == "eligible":
            text = (
                f"Sit the {partial.id} exam: {partial.postings} of {considered} postings accept "
                f"'{partial.id} eligible' for now, but holding it meets the requirement in full"
            )
        elif partial.status == "in progress":
            text = (
                f"Finish {partial.id}: {partial.postings} of {considered} postings take you "
                "while you work towards it, if you hold it within a set time after hire"
            )
        else:
            text = (
                f"Plan for {partial.id}: {partial.postings} of {considered} postings would hire "
                "you without it and ask you to obtain it within a set time after hire"
            )
        if about and partial.status == "eligible":
            text += f" ({about})"
        steps.append(
            {"kind": "credential", "id": partial.id, "status": partial.status, "text": text}
        )
    gating = [g for g in gaps if g["gates"]]
    opening = _smallest_steps([g for g in gating if g["qualify_postings"] > 0])
    opening = opening[:NEXT_STEPS_EACH] or [g for g in gating if g["missing_share"] > 0][:2]
    for gap in opening:
        label = gap["id"] if gap["kind"] == "credential" else gap["name"]
        if gap["qualify_postings"]:
            text = (
                f"{label}: +{_plural(gap['qualify_postings'], 'posting')} you would qualify "
                f"for (+{pct(gap['qualify_gain'])} of {market})"
            )
        else:
            text = f"{label}: required by {pct(gap['required_share'])} of {market}"
        if gap["kind"] == "credential":
            about = terms.next_step(gap["id"])
            text += f"; {about}" if about else ""
        elif gap["kind"] == "experience":
            text += f"; you have {profile.years_experience:g} years of relevant experience"
        steps.append(_step(gap, text))
    coverage = [g for g in gaps if not g["gates"]]
    strong = [g for g in coverage if g["strong_gain_postings"] > 0][:NEXT_STEPS_EACH] or [
        g for g in coverage if g["required_share"] > 0
    ][:2]
    for gap in strong:
        if gap["strong_gain_postings"]:
            n = gap["strong_gain_postings"]
            become = "would become a strong match" if n == 1 else "would become strong matches"
            text = (
                f"{gap['name']}: +{_plural(n, 'posting')} {become}; "
                f"required by {pct(gap['required_share'])} of {market}"
            )
        else:
            text = f"{gap['name']}: required by {pct(gap['required_share'])} of {market}"
        if gap.get("learned_on_the_job"):
            text += "; usually learned on the job"
        steps.append(_step(gap, text))
    return steps


def _smallest_steps(gaps: list[dict]) -> list[dict]:
    """Leave out a step up a ladder (3 years, a bachelor's) when a smaller step of the same
    kind already listed opens as many postings (1 year, an associate)."""

    def size(gap: dict) -> float:
        return float(gap["id"]) if gap["kind"] == "experience" else education_rank(gap["id"])

    kept: list[dict] = []
    for gap in gaps:
        if gap["kind"] in ("experience", "education") and any(
            k["kind"] == gap["kind"]
            and size(k) <= size(gap)
            and k["qualify_postings"] >= gap["qualify_postings"]
            for k in kept
        ):
            continue
        kept.append(gap)
    return kept


def _step(gap: dict, text: str) -> dict:
    step = {
        "kind": gap["kind"],
        "id": gap["id"],
        "text": text,
        "qualify_postings": gap["qualify_postings"],
        "strong_gain_postings": gap["strong_gain_postings"],
    }
    for key in ("issuer", "eligibility", "learned_on_the_job"):
        if key in gap:
            step[key] = gap[key]
    return step


def evaluate_profile(
    profile: Profile,
    store: Store,
    terms: MatchTerms,
    cfg: ScoringConfig,
    market_filter: MarketFilter | None = None,
    *,
    posting: str | None = None,
    limit: int = 20,
    index: MarketIndex | None = None,
) -> MatchResult:
    """Score a profile against the store's current market (or one posting).

    ``index``: the market index, when the caller keeps one loaded (see ``load_market``).
    """
    market_filter = market_filter or MarketFilter()
    rows: list[dict] | None = None
    if posting is not None:
        row = find_posting(store, posting)
        if row is None:
            raise MatchError(f"no posting '{shown(posting)}' (use postings.id or source:source_id)")
        try:
            rows = posting_requirements(store, row["id"])
        except PostingNotMatchable as exc:
            raise MatchError(f"posting '{shown(posting)}' {exc}") from exc
        one = MarketIndex.build([build_needs(rows)], [1])
        market: MarketSlice = MarketSlice(one, one.counts)
        label = "this posting"
    else:
        market = load_market(store, market_filter, index)
        label = " ".join(p for p in ("postings", market_filter.describe()) if p)
    assessment = assess(profile, market.index, terms, cfg, market.weights)
    n_sigs = market.index.signatures
    qualified = np.zeros(n_sigs, dtype=bool)
    qualified[assessment.qualified_needs] = True
    strong = np.zeros(n_sigs, dtype=bool)
    strong[assessment.strong_needs] = True
    if posting is not None:
        listed = [{**row, "need": 0}] if assessment.qualified else []
    else:
        listed = ranked_postings(store, market, qualified, strong, assessment.coverages(), limit)
    gaps = [_gap_dict(g, terms, cfg) for g in assessment.gaps]
    strengths = [
        {
            "kind": s.kind,
            "id": s.id,
            "name": terms.display(s.kind, s.id),
            "demand_share": s.demand_share,
            "required_share": s.required_share,
            "implied_by": s.implied_by,
            "implied_by_name": terms.display(s.kind, s.implied_by) if s.implied_by else None,
        }
        for s in assessment.strengths
    ]
    return MatchResult(
        profile=profile,
        score=assessment.score,
        breakdown=assessment.breakdown,
        postings_considered=assessment.considered,
        qualified_count=assessment.qualified,
        qualified_postings=[
            _posting_json(p, assessment, market.index, profile, terms, cfg) for p in listed
        ],
        gaps=gaps,
        strengths=strengths,
        next_steps=_next_steps(assessment, gaps, terms, profile, label, assessment.considered),
        market=label,
        filters={
            "state": market_filter.state,
            "remote": market_filter.remote,
            "since": market_filter.since.isoformat() if market_filter.since else None,
            "posting": posting,
        },
        strong_count=assessment.strong,
        qualification={"gate": list(cfg.gate), "strong_match": cfg.strong_match},
        requirements=(
            posting_verdicts(rows, Candidate(profile, terms, cfg), terms, profile)
            if rows is not None
            else None
        ),
    )


def _posting_json(
    row: dict[str, Any],
    assessment: Assessment,
    index: MarketIndex,
    profile: Profile,
    terms: MatchTerms,
    cfg: ScoringConfig,
) -> dict[str, Any]:
    """A posting as listed: the pay shown is the posted pay, else the pay read from the text
    (``pay_source`` says which); its required-skill coverage and the skills it misses."""
    need = row["need"]
    out = {k: v for k, v in row.items() if not k.startswith("text_salary_") and k != "need"}
    out.update(shown_pay(row))
    out["posting_id"] = out.pop("id")
    out["skill_coverage"] = assessment.coverage(need)
    out["skills_met"] = int(assessment.skills_met[need])
    out["skills_asked"] = int(assessment.skills_asked[need])
    # listed postings are qualified: strong when their skill coverage reaches the threshold
    out["strong"] = bool(
        strong_enough(assessment.skills_met[need], assessment.skills_asked[need], cfg.strong_match)
    )
    out["missing_skills"] = sorted(
        {item for _kind, item in missing_skills(index, profile, terms, cfg, need)}
    )
    return out


def match_resume(
    resume: str | Path | Profile | dict,
    db_url: str | None = None,
    *,
    state: str | None = None,
    remote: bool = False,
    since: date | None = None,
    posting: str | None = None,
    taxonomy: str | Path | None = None,
    scoring: str | Path | None = None,
    limit: int = 20,
) -> MatchResult:
    """Read ``resume`` (path, profile mapping or Profile) and match it against ``db_url``."""
    terms = load_match_terms(taxonomy)
    cfg = load_scoring(scoring)
    profile = resolve_profile(resume, terms, taxonomy)
    store = open_store(db_url, create=False)
    try:
        return evaluate_profile(
            profile,
            store,
            terms,
            cfg,
            MarketFilter(state=state.upper() if state else None, remote=remote, since=since),
            posting=posting,
            limit=limit,
        )
    finally:
        store.dispose()
