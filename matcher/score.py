"""Pure scoring: does a candidate meet a posting's needs, their market fit, gaps, strengths.

The market is a :class:`MarketIndex` of distinct signatures with posting counts (or a
list of (Needs, count) pairs): each distinct group is judged once and numpy spreads the
verdicts over the signatures, so the cost barely grows with the number of postings.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from matcher.config import COMPONENTS, ScoringConfig
from matcher.index import MarketIndex
from matcher.needs import COMPONENT_OF_KIND, Group, Needs, Option, years_id
from matcher.profile import Profile, education_rank
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
    # share of postings where it is an option of a required group the candidate does
    # not fully meet yet: "RHIA" in "RHIT or RHIA" does not count for an RHIT holder
    missing_share: float = 0.0
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


def _share(n: float, total: int) -> float:
    return round(float(n) / total, 4) if total else 0.0


def as_index(market: MarketIndex | Market) -> MarketIndex:
    if isinstance(market, MarketIndex):
        return market
    return MarketIndex.build([n for n, _ in market], [c for _, c in market])


def _group_weights(index: MarketIndex, weights: np.ndarray) -> np.ndarray:
    """Postings (weighted) asking each distinct group."""
    return np.bincount(
        index.entry_group, weights=weights[index.entry_sig], minlength=len(index.groups)
    )


def market_fit(
    candidate: Candidate, index: MarketIndex, weights: np.ndarray, credits: np.ndarray | None = None
) -> tuple[float, dict[str, float]]:
    """Score 0-100 and its breakdown by component, adding up to the score.

    Every ask of every posting (a required group, a preferred group) weighs its level's
    weight; a component's share is the weighted share of asks met (partial credit
    counts in part). Components no posting asks about drop out and the rest scale to 100.
    A group mixing kinds (federal alternatives) splits its weight between their components.
    """
    cfg = candidate.cfg
    if credits is None:
        credits = np.array([candidate.group_credit(g).value for _, g in index.groups])
    asked: Counter[str] = Counter()
    met: Counter[str] = Counter()
    for g, ((level, group), postings) in enumerate(
        zip(index.groups, _group_weights(index, weights), strict=True)
    ):
        if not postings:
            continue
        components = sorted({COMPONENT_OF_KIND[o[0]] for o in group})
        weight = cfg.levels[level] * float(postings) / len(components)
        for component in components:
            asked[component] += weight
            met[component] += weight * float(credits[g])
    active = [c for c in COMPONENTS if asked[c] > 0 and cfg.components[c] > 0]
    if not active:
        total = sum(cfg.components.values())
        breakdown = {c: round(100 * cfg.components[c] / total, 1) for c in COMPONENTS}
        return round(sum(breakdown.values()), 1), breakdown
    total_weight = sum(cfg.components[c] for c in active)
    breakdown = {
        c: round(100 * cfg.components[c] / total_weight * met[c] / asked[c], 1)
        if c in active
        else 0.0
        for c in COMPONENTS
    }
    return round(sum(breakdown.values()), 1), breakdown


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


def assess(
    profile: Profile,
    market: MarketIndex | Market,
    vocab: Vocabulary,
    cfg: ScoringConfig,
    weights: np.ndarray | None = None,
) -> Assessment:
    """Everything `mrt match` reports about a market.

    ``weights`` are the postings per signature after filters (default: all of them).
    Gains are a re-evaluation: for each possible addition, the unmet groups it would
    meet are re-judged with the addition, and a signature counts as newly qualified
    when every one of its unmet required groups is then met.
    """
    index = as_index(market)
    w = (index.counts if weights is None else np.asarray(weights)).astype(np.int64)
    candidate = Candidate(profile, vocab, cfg)
    group_credits = [candidate.group_credit(g) for _, g in index.groups]
    credits = np.array([c.value for c in group_credits], dtype=float)
    required = np.array([level == "required" for level, _ in index.groups], dtype=bool)
    considered = int(w.sum())
    score, breakdown = market_fit(candidate, index, w, credits)

    unmet = required & (credits == 0) if len(credits) else np.zeros(0, dtype=bool)
    live = w[index.entry_sig] > 0
    keep = unmet[index.entry_group] & live
    e_sig, e_group = index.entry_sig[keep], index.entry_group[keep]
    hits = np.bincount(e_sig, minlength=index.signatures)
    qualified_mask = (hits == 0) & (w > 0)
    qualified = int(w[qualified_mask].sum())

    group_postings = _group_weights(index, w)
    partial_postings: Counter[tuple[str, str]] = Counter()
    for g, credit in enumerate(group_credits):
        if required[g] and credit.how in ("eligible", "in progress") and credit.item:
            partial_postings[(credit.item[1], credit.how)] += int(group_postings[g])

    n_items = len(index.items)
    item_w = w[index.item_sig]
    req = np.bincount(
        index.item_item[index.item_level == 0],
        weights=item_w[index.item_level == 0],
        minlength=n_items,
    )
    pref = np.bincount(
        index.item_item[index.item_level == 1],
        weights=item_w[index.item_level == 1],
        minlength=n_items,
    )
    position = {item: i for i, item in enumerate(index.items)}
    asked_items = {item for i, item in enumerate(index.items) if req[i] or pref[i]}
    unmet_groups = np.nonzero(unmet & (group_postings > 0))[0]

    missing = _missing_counts(index, w, required & (credits < 1))
    additions = _additions(candidate, vocab, asked_items)
    fixes: list[np.ndarray] = []
    for addition in additions:
        improved = Candidate(_with(profile, addition), vocab, cfg)
        fixed = np.zeros(len(index.groups), dtype=bool)
        for g in unmet_groups:
            fixed[g] = improved.group_credit(index.groups[g][1]).value > 0
        fixes.append(fixed)
    # A signature missing more groups than any one addition meets cannot be unlocked by one.
    most = max((int(f.sum()) for f in fixes), default=0)
    reachable = (hits[e_sig] <= most) if len(e_sig) else np.zeros(0, dtype=bool)
    r_sig, r_group = e_sig[reachable], e_group[reachable]
    gaps: list[Gap] = []
    for addition, fixed in zip(additions, fixes, strict=True):
        gain = 0
        if fixed.any():
            fixed_hits = np.bincount(r_sig[fixed[r_group]], minlength=index.signatures)
            gain = int(w[(hits > 0) & (fixed_hits == hits)].sum())
        i = position.get(addition)
        required_n = req[i] if i is not None else 0
        preferred_n = pref[i] if i is not None else 0
        if gain or required_n or preferred_n:
            gaps.append(
                Gap(
                    kind=addition[0],
                    id=addition[1],
                    required_share=_share(required_n, considered),
                    preferred_share=_share(preferred_n, considered),
                    qualify_gain=_share(gain, considered),
                    qualify_postings=gain,
                    missing_share=_share(missing.get(addition, 0), considered),
                    status=profile.credentials.get(addition[1])
                    if addition[0] == "credential"
                    else None,
                )
            )
    gaps.sort(
        key=lambda g: (
            -g.qualify_gain,
            -g.missing_share,
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
        qualified_needs=[int(i) for i in np.nonzero(qualified_mask)[0]],
        gaps=gaps,
        strengths=_strengths(candidate, index, w, req, considered),
        partials=[Partial(c, how, n) for (c, how), n in sorted(partial_postings.items())],
    )


def _missing_counts(
    index: MarketIndex, w: np.ndarray, unfulfilled: np.ndarray
) -> dict[tuple[str, str], int]:
    """Postings per item that name it in a required group not (fully) met yet."""
    if not unfulfilled.any():
        return {}
    keep = unfulfilled[index.entry_group] & (w[index.entry_sig] > 0)
    u_sig, u_group = index.entry_sig[keep], index.entry_group[keep]
    groups_of: dict[tuple[str, str], list[int]] = defaultdict(list)
    for g in np.nonzero(unfulfilled)[0]:
        for option in index.groups[g][1]:
            groups_of[(option[0], option[1])].append(int(g))
    counts: dict[tuple[str, str], int] = {}
    for item, groups in groups_of.items():
        mask = np.zeros(len(index.groups), dtype=bool)
        mask[groups] = True
        sigs = np.bincount(u_sig[mask[u_group]], minlength=index.signatures) > 0
        counts[item] = int(w[sigs].sum())
    return counts


def _strengths(
    candidate: Candidate, index: MarketIndex, w: np.ndarray, req: np.ndarray, considered: int
) -> list[Strength]:
    """What the candidate has that postings ask for, with the share asking (any level)."""
    n_items = len(index.items)
    any_w = w[index.any_sig]
    demand = np.bincount(index.any_item, weights=any_w, minlength=n_items)
    strengths: list[Strength] = []
    met_by_kind: dict[str, np.ndarray] = {
        "education": np.zeros(n_items, dtype=bool),
        "experience": np.zeros(n_items, dtype=bool),
    }
    for i, (kind, item) in enumerate(index.items):
        credit = candidate.option_credit((kind, item, False, False))
        if credit.value <= 0 or not demand[i]:
            continue
        if kind in met_by_kind:
            met_by_kind[kind][i] = True
        elif credit.how in ("held", "implied"):
            strengths.append(
                Strength(
                    kind,
                    item,
                    _share(demand[i], considered),
                    _share(req[i], considered),
                    credit.via,
                )
            )
    required_rows = index.item_level == 0
    for kind, mask in met_by_kind.items():
        if not mask.any():
            continue
        item = candidate.profile.education if kind == "education" else years_id(candidate.years)
        any_sigs = np.bincount(index.any_sig[mask[index.any_item]], minlength=index.signatures) > 0
        req_rows = required_rows & mask[index.item_item]
        req_sigs = np.bincount(index.item_sig[req_rows], minlength=index.signatures) > 0
        strengths.append(
            Strength(
                kind,
                item,
                _share(w[any_sigs].sum(), considered),
                _share(w[req_sigs].sum(), considered),
            )
        )
    strengths.sort(key=lambda s: (-s.demand_share, KIND_ORDER[s.kind], s.id))
    return strengths
