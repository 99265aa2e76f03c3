"""Match one resume against the market: the entry point of `mrt match` and `mrt demo`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from matcher.build import profile_from_mapping, profile_from_text
from matcher.config import ScoringConfig, load_scoring
from matcher.index import MarketIndex
from matcher.market import (
    MarketFilter,
    MarketSlice,
    PostingNotMatchable,
    find_posting,
    load_market,
    posting_market,
    qualified_postings,
)
from matcher.profile import Profile
from matcher.readers import ResumeError, ResumeInput, read_resume
from matcher.score import Assessment, assess
from matcher.vocab import Vocabulary, load_vocabulary
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

    @property
    def qualified_share(self) -> float:
        return (
            round(self.qualified_count / self.postings_considered, 4)
            if self.postings_considered
            else 0.0
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "breakdown": self.breakdown,
            "qualified_share": self.qualified_share,
            "qualified_count": self.qualified_count,
            "postings_considered": self.postings_considered,
            "market": self.market,
            "filters": self.filters,
            "qualified_postings": self.qualified_postings,
            "gaps": self.gaps,
            "strengths": self.strengths,
            "next_steps": self.next_steps,
            "profile": self.profile.to_dict(),
        }


def resolve_profile(
    resume: str | Path | Profile | dict | ResumeInput,
    vocab: Vocabulary,
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
        return profile_from_mapping(resume, vocab)
    document = resume if isinstance(resume, ResumeInput) else read_resume(resume)
    if document.profile is not None:
        return profile_from_mapping(document.profile, vocab)
    if extractor is None:
        from pipelines.extract import load_extractor  # spaCy: only for document resumes

        extractor = load_extractor(taxonomy_path) if taxonomy_path else load_extractor()
    profile = profile_from_text(document.text or "", extractor)
    if profile == Profile():
        raise ResumeError(
            f"{shown(document.path.name)}: no resume content found (no credential, skill, "
            "dated role, education or address): is it the right file?"
        )
    return profile


def pct(share: float) -> str:
    """0.125 -> "12.5%", 0.25 -> "25%"."""
    return f"{share * 100:.1f}".rstrip("0").rstrip(".") + "%"


def gap_phrase(gap: dict[str, Any], market: str) -> str:
    """ "adding CCS: +23% of postings in TX" (or how often it is asked when it unlocks none)."""
    label = gap["id"] if gap["kind"] == "credential" else gap["name"]
    if gap["qualify_gain"]:
        return f"adding {label}: +{pct(gap['qualify_gain'])} of {market}"
    asked = pct(gap["required_share"]) if gap["required_share"] else pct(gap["preferred_share"])
    how = "required" if gap["required_share"] else "preferred"
    return f"adding {label}: {how} by {asked} of {market}"


def _gap_dict(gap: Any, vocab: Vocabulary) -> dict[str, Any]:
    out = {
        "kind": gap.kind,
        "id": gap.id,
        "name": _item_name(gap.kind, gap.id, vocab),
        "required_share": gap.required_share,
        "preferred_share": gap.preferred_share,
        "qualify_gain": gap.qualify_gain,
        "qualify_postings": gap.qualify_postings,
        "missing_share": gap.missing_share,
    }
    if gap.status:
        out["status"] = gap.status
    if gap.kind == "credential":
        out["next_step"] = vocab.next_steps.get(gap.id, "")
    return out


def _item_name(kind: str, item: str, vocab: Vocabulary) -> str:
    if kind == "education":
        return {
            "high-school": "high-school diploma or GED",
            "certificate": "postsecondary certificate",
        }.get(item, f"{item} degree")
    if kind == "experience":
        return f"{item} year{'s' if item != '1' else ''} of experience"
    return vocab.name(kind, item)


def _next_steps(
    assessment: Assessment, gaps: list[dict], market: str, considered: int
) -> list[dict]:
    steps = []
    for partial in assessment.partials:
        if partial.status == "eligible":
            text = (
                f"Sit the {partial.id} exam: {partial.postings} of {considered} postings accept "
                f"'{partial.id} eligible' for now, but holding it meets the requirement in full"
            )
        else:
            text = (
                f"Obtain {partial.id}: {partial.postings} of {considered} postings take you "
                "while you work towards it, if you hold it within a set time after hire"
            )
        steps.append({"kind": "credential", "id": partial.id, "text": text})
    helpful = [g for g in gaps if g["qualify_gain"] > 0][:3] or [
        g for g in gaps if g["missing_share"] > 0
    ][:2]
    for gap in helpful:
        text = gap_phrase(gap, market)
        if gap.get("next_step"):
            text += f" ({gap['next_step']})"
        steps.append({"kind": gap["kind"], "id": gap["id"], "text": text})
    return steps


def evaluate_profile(
    profile: Profile,
    store: Store,
    vocab: Vocabulary,
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
    if posting is not None:
        row = find_posting(store, posting)
        if row is None:
            raise MatchError(f"no posting '{shown(posting)}' (use postings.id or source:source_id)")
        try:
            market: MarketSlice = posting_market(store, row["id"])
        except PostingNotMatchable as exc:
            raise MatchError(f"posting '{shown(posting)}' {exc}") from exc
        label = "this posting"
    else:
        market = load_market(store, market_filter, index)
        label = " ".join(p for p in ("postings", market_filter.describe()) if p)
    assessment = assess(profile, market.index, vocab, cfg, market.weights)
    if posting is not None:
        listed = [row] if assessment.qualified else []
    else:
        qualified_ids = {i + 1 for i in assessment.qualified_needs}
        listed = qualified_postings(store, qualified_ids, market_filter, limit)
    gaps = [_gap_dict(g, vocab) for g in assessment.gaps]
    strengths = [
        {
            "kind": s.kind,
            "id": s.id,
            "name": _item_name(s.kind, s.id, vocab),
            "demand_share": s.demand_share,
            "required_share": s.required_share,
            "implied_by": s.implied_by,
        }
        for s in assessment.strengths
    ]
    return MatchResult(
        profile=profile,
        score=assessment.score,
        breakdown=assessment.breakdown,
        postings_considered=assessment.considered,
        qualified_count=assessment.qualified,
        qualified_postings=[_posting_json(p) for p in listed],
        gaps=gaps,
        strengths=strengths,
        next_steps=_next_steps(assessment, gaps, label, assessment.considered),
        market=label,
        filters={
            "state": market_filter.state,
            "remote": market_filter.remote,
            "since": market_filter.since.isoformat() if market_filter.since else None,
            "posting": posting,
        },
    )


def _posting_json(row: dict[str, Any]) -> dict[str, Any]:
    """A posting as listed: the pay shown is the posted pay, else the pay read from the text
    (``pay_source`` says which)."""
    out = {k: v for k, v in row.items() if not k.startswith("text_salary_")}
    out.update(shown_pay(row))
    out["posting_id"] = out.pop("id")
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
    vocab = load_vocabulary(taxonomy)
    cfg = load_scoring(scoring)
    profile = resolve_profile(resume, vocab, taxonomy)
    store = open_store(db_url, create=False)
    try:
        return evaluate_profile(
            profile,
            store,
            vocab,
            cfg,
            MarketFilter(state=state.upper() if state else None, remote=remote, since=since),
            posting=posting,
            limit=limit,
        )
    finally:
        store.dispose()
