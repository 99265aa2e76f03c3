"""Pure scoring: does a candidate meet a posting's needs, their market fit, gaps, strengths.

The market is a list of (Needs, number of postings) pairs, one per distinct signature, so
the cost grows with the variety of postings, not their number.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from matcher.config import COMPONENTS, ScoringConfig
from matcher.needs import COMPONENT_OF_KIND, Group, Needs, Option, years_id
from matcher.profile import EDUCATION_LEVELS, Profile, education_rank
from matcher.vocab import Vocabulary

Market = Sequence[tuple[Needs, int]]
KIND_ORDER = {"credential": 0, "skill": 1, "education": 2, "experience": 3}


@dataclass(frozen=True)
class Credit:
    """How well one option or group is met: value 0..1 and how ("held", "implied"...)."""

    value: float = 0.0
    how: str = ""
    via: str | None = None  # the candidate's credential/skill that implies it
    item: tuple[str, str] | None = None


NO_CREDIT = Credit()


class Candidate:
    """A profile with its equivalences resolved once, for evaluating many signatures."""

    def __init__(self, profile: Profile, vocab: Vocabulary, cfg: ScoringConfig):
        self.profile = profile
        self.cfg = cfg
        by_status: dict[str, list[str]] = defaultdict(list)
        for cred, status in profile.credentials.items():
            by_status[status].append(cred)
        self.held = vocab.closure("credential", by_status["held"])
        self.eligible = vocab.closure("credential", by_status["eligible"])
        self.in_progress = vocab.closure("credential", by_status["in progress"])
        self.skills = vocab.closure("skill", profile.skills)
        self.edu_rank = education_rank(profile.education)
        self.years = profile.years_experience

    def option_credit(self, option: Option) -> Credit:
        kind, item, eligible_ok, within_ok = option
        key = (kind, item)
        if kind == "credential":
            if item in self.held:
                via = self.held[item]
                if via is None:
                    return Credit(1.0, "held", None, key)
                return Credit(self.cfg.implied_credit, "implied", via, key)
            if eligible_ok and item in self.eligible:
                return Credit(self.cfg.eligible_credit, "eligible", self.eligible[item], key)
            if within_ok and (item in self.eligible or item in self.in_progress):
                via = self.eligible.get(item) if item in self.eligible else self.in_progress[item]
                return Credit(self.cfg.in_progress_credit, "in progress", via, key)
            return NO_CREDIT
        if kind == "skill":
            if item in self.skills:
                via = self.skills[item]
                return Credit(
                    1.0 if via is None else self.cfg.implied_credit,
                    "held" if via is None else "implied",
                    via,
                    key,
                )
            return NO_CREDIT
        if kind == "education":
            return (
                Credit(1.0, "held", None, key)
                if self.edu_rank >= education_rank(item) >= 0
                else NO_CREDIT
            )
        if kind == "experience":
            return Credit(1.0, "held", None, key) if self.years >= float(item) else NO_CREDIT
        return NO_CREDIT

    def group_credit(self, group: Group) -> Credit:
        best = NO_CREDIT
        for option in group:
            credit = self.option_credit(option)
            if credit.value > best.value or (
                credit.value == best.value > 0 and credit.via is None and best.via
            ):
                best = credit
        return best

    def qualifies(self, needs: Needs) -> bool:
        return all(self.group_credit(g).value > 0 for g in needs.required)


@dataclass
class Gap:
    kind: str
    id: str
    required_share: float
    preferred_share: float
    qualify_gain: float
    qualify_postings: int
    status: str | None = None  # "eligible" / "in progress" when partly there


@dataclass
class Strength:
    kind: str
    id: str
    demand_share: float
    required_share: float
    implied_by: str | None = None


@dataclass
class Partial:
    """A credential met only as eligible / in progress, and how many postings accept that."""

    id: str
    status: str
    postings: int


@dataclass
class Assessment:
    score: float
    breakdown: dict[str, float]
    considered: int
    qualified: int
    qualified_needs: list[int]  # indices into the market
    gaps: list[Gap] = field(default_factory=list)
    strengths: list[Strength] = field(default_factory=list)
    partials: list[Partial] = field(default_factory=list)

    @property
    def qualified_share(self) -> float:
        return self.qualified / self.considered if self.considered else 0.0


def _share(n: int, total: int) -> float:
    return round(n / total, 4) if total else 0.0


def market_fit(candidate: Candidate, market: Market) -> tuple[float, dict[str, float]]:
    """Score 0-100 and its breakdown by component, adding up to the score.

    Every ask of every posting (a required group, a preferred group) weighs its level's
    weight; a component's share is the weighted share of asks met (partial credit
    counts in part). Components no posting asks about drop out and the rest scale to 100.
    """
    cfg = candidate.cfg
    met: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    for needs, count in market:
        for level, groups in (("required", needs.required), ("preferred", needs.preferred)):
            for group in groups:
                components = sorted({COMPONENT_OF_KIND[o[0]] for o in group})
                weight = cfg.levels[level] * count / len(components)
                credit = candidate.group_credit(group).value
                for component in components:
                    asked[component] += weight
                    met[component] += weight * credit
    active = [c for c in COMPONENTS if asked[c] > 0 and cfg.components[c] > 0]
    total_weight = sum(cfg.components[c] for c in active)
    if not active:
        return 100.0, {
            c: round(100 * cfg.components[c] / sum(cfg.components.values()), 1) for c in COMPONENTS
        }
    breakdown = {
        c: round(100 * cfg.components[c] / total_weight * met[c] / asked[c], 1)
        if c in active
        else 0.0
        for c in COMPONENTS
    }
    return round(sum(breakdown.values()), 1), breakdown


def _item_counts(market: Market) -> tuple[Counter, Counter]:
    """Postings listing each (kind, id) in a required / a preferred group."""
    required: Counter = Counter()
    preferred: Counter = Counter()
    for needs, count in market:
        for item in needs.items("required"):
            required[item] += count
        for item in needs.items("preferred"):
            preferred[item] += count
    return required, preferred


def _additions(
    candidate: Candidate, vocab: Vocabulary, items: set[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Things the candidate could add that the market asks for (or that imply what it asks)."""
    adds: set[tuple[str, str]] = set()
    for kind, item in items:
        if (
            kind == "credential"
            and item not in candidate.held
            or kind == "skill"
            and item not in candidate.skills
            or kind == "education"
            and education_rank(item) > candidate.edu_rank
            or kind == "experience"
            and float(item) > candidate.years
        ):
            adds.add((kind, item))
    for (kind, item), implied in vocab.implies.items():
        if kind in ("credential", "skill") and any((kind, i) in adds for i in implied):
            already = candidate.held if kind == "credential" else candidate.skills
            if item not in already:
                adds.add((kind, item))
    return sorted(adds)


def _with(profile: Profile, addition: tuple[str, str]) -> Profile:
    kind, item = addition
    if kind == "credential":
        return profile.with_credential(item)
    if kind == "skill":
        return profile.with_skill(item)
    if kind == "education":
        return profile.with_education(item)
    return profile.with_years(float(item))


def _reach(addition: tuple[str, str], vocab: Vocabulary) -> set[tuple[str, str]]:
    """Market items that become met when the candidate adds ``addition``."""
    kind, item = addition
    if kind in ("credential", "skill"):
        return {(kind, item)} | {(kind, i) for i in vocab.implied(kind, item)}
    if kind == "education":
        return {("education", lv) for lv in EDUCATION_LEVELS[: education_rank(item) + 1]}
    return {("experience", item)}  # lower thresholds are widened below


def assess(profile: Profile, market: Market, vocab: Vocabulary, cfg: ScoringConfig) -> Assessment:
    """Everything `mrt match` reports about the market, computed from signatures alone."""
    candidate = Candidate(profile, vocab, cfg)
    considered = sum(count for _, count in market)
    score, breakdown = market_fit(candidate, market)

    qualified_idx: list[int] = []
    # (kind, id) of an unmet option -> indices of unqualified signatures it appears in
    unmet_index: dict[tuple[str, str], set[int]] = defaultdict(set)
    partial_postings: Counter[tuple[str, str]] = Counter()
    for idx, (needs, count) in enumerate(market):
        credits = [candidate.group_credit(g) for g in needs.required]
        if all(c.value > 0 for c in credits):
            qualified_idx.append(idx)
        else:
            for group, credit in zip(needs.required, credits, strict=True):
                if credit.value == 0:
                    for option in group:
                        unmet_index[(option[0], option[1])].add(idx)
        for credit in credits:
            if credit.how in ("eligible", "in progress") and credit.item:
                partial_postings[(credit.item[1], credit.how)] += count
    qualified = sum(market[i][1] for i in qualified_idx)

    required, preferred = _item_counts(market)
    all_items = set(required) | set(preferred)
    experience_items = sorted((float(i), i) for k, i in all_items if k == "experience")
    gaps: list[Gap] = []
    for addition in _additions(candidate, vocab, all_items):
        reach = _reach(addition, vocab)
        if addition[0] == "experience":
            reach |= {("experience", i) for y, i in experience_items if y <= float(addition[1])}
        touched = set().union(*(unmet_index.get(item, set()) for item in reach))
        improved = Candidate(_with(profile, addition), vocab, cfg)
        gain = sum(market[i][1] for i in touched if improved.qualifies(market[i][0]))
        status = profile.credentials.get(addition[1]) if addition[0] == "credential" else None
        if gain or required[addition] or preferred[addition]:
            gaps.append(
                Gap(
                    kind=addition[0],
                    id=addition[1],
                    required_share=_share(required[addition], considered),
                    preferred_share=_share(preferred[addition], considered),
                    qualify_gain=_share(gain, considered),
                    qualify_postings=gain,
                    status=status,
                )
            )
    gaps.sort(
        key=lambda g: (
            -g.qualify_gain,
            -g.required_share,
            -g.preferred_share,
            KIND_ORDER[g.kind],
            g.id,
        )
    )

    return Assessment(
        score=score,
        breakdown=breakdown,
        considered=considered,
        qualified=qualified,
        qualified_needs=qualified_idx,
        gaps=gaps,
        strengths=_strengths(candidate, market, considered),
        partials=[Partial(c, how, n) for (c, how), n in sorted(partial_postings.items())],
    )


def _strengths(candidate: Candidate, market: Market, considered: int) -> list[Strength]:
    """What the candidate has that postings ask for, with the share asking (any level)."""
    demand: Counter[tuple[str, str]] = Counter()
    demand_required: Counter[tuple[str, str]] = Counter()
    via: dict[tuple[str, str], str | None] = {}
    edu_id = candidate.profile.education
    years = years_id(candidate.years)
    for needs, count in market:
        seen: set[tuple[str, str]] = set()
        seen_required: set[tuple[str, str]] = set()
        for level, groups in (("required", needs.required), ("preferred", needs.preferred)):
            for group in groups:
                for option in group:
                    credit = candidate.option_credit(option)
                    if credit.value < 1.0 and credit.how not in ("implied",):
                        continue
                    kind = option[0]
                    key = (kind, option[1])
                    if kind == "education":
                        key = (kind, edu_id)
                    elif kind == "experience":
                        key = (kind, years)
                    else:
                        via[key] = credit.via
                    seen.add(key)
                    if level == "required":
                        seen_required.add(key)
        for key in seen:
            demand[key] += count
        for key in seen_required:
            demand_required[key] += count
    strengths = [
        Strength(
            kind,
            item,
            _share(n, considered),
            _share(demand_required[(kind, item)], considered),
            via.get((kind, item)),
        )
        for (kind, item), n in demand.items()
    ]
    strengths.sort(key=lambda s: (-s.demand_share, KIND_ORDER[s.kind], s.id))
    return strengths
