"""Pure scoring: does a candidate qualify for a posting, how well, market fit, gaps, strengths.

"Qualified" is what a screener checks: every required group of the gating kinds
(``gate`` in config/scoring.yaml: credentials, education, experience) is met. The other
required groups (skills) are coverage: a qualified posting whose coverage reaches
``strong_match`` is a strong match.

The market is a :class:`MarketIndex` of distinct signatures with posting counts (or a
list of (Needs, count) pairs): each distinct group is judged once and numpy spreads the
verdicts over the signatures, so the cost barely grows with the number of postings.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from matcher.config import COMPONENTS, ScoringConfig
from matcher.index import MarketIndex
from matcher.needs import COMPONENT_OF_KIND, Group, Needs, Option, years_id
from matcher.profile import Profile, education_rank
from matcher.terms import MatchTerms

Market = Sequence[tuple[Needs, int]]
KIND_ORDER = {"credential": 0, "skill": 1, "education": 2, "experience": 3}


@dataclass(frozen=True)
class Credit:
    """How well one option or group is met: value 0..1 (market fit), whether it counts as
    met (qualification, coverage) and how ("held", "implied", "eligible", "in progress",
    "after hire": a credential asked within N months of hire, not needed to be hired)."""

    value: float = 0.0
    how: str = ""
    via: str | None = None  # the candidate's credential/skill that implies it
    item: tuple[str, str] | None = None
    meets: bool = False

    def rank(self) -> tuple[bool, float, bool]:
        return (self.meets, self.value, self.via is None)


NO_CREDIT = Credit()
PARTIAL_HOWS = ("eligible", "in progress", "after hire")


def group_gates(group: Group, gate: Sequence[str]) -> bool:
    """A required group decides qualification when one of its options is of a gating kind."""
    return any(option[0] in gate for option in group)


def strong_enough(met: np.ndarray | int, asked: np.ndarray | int, threshold: float) -> Any:
    """Coverage met / asked reaches the threshold (nothing asked counts as covered)."""
    return np.asarray(met) + 1e-9 >= threshold * np.asarray(asked)


class Candidate:
    """A profile with its equivalences resolved once, for evaluating many signatures."""

    def __init__(self, profile: Profile, terms: MatchTerms, cfg: ScoringConfig):
        self.profile = profile
        self.cfg = cfg
        by_status: dict[str, list[str]] = defaultdict(list)
        for cred, status in profile.credentials.items():
            by_status[status].append(cred)
        self.held = terms.closure("credential", by_status["held"])
        self.eligible = terms.closure("credential", by_status["eligible"])
        self.in_progress = terms.closure("credential", by_status["in progress"])
        self.skills = terms.closure("skill", profile.skills)
        self.edu_rank = education_rank(profile.education)
        self.years = profile.years_experience

    def option_credit(self, option: Option) -> Credit:
        kind, item, eligible_ok, within_ok = option
        key = (kind, item)
        if kind == "credential":
            if item in self.held:
                via = self.held[item]
                if via is None:
                    return Credit(1.0, "held", None, key, True)
                return Credit(self.cfg.implied_credit, "implied", via, key, True)
            if eligible_ok and item in self.eligible:
                return Credit(self.cfg.eligible_credit, "eligible", self.eligible[item], key, True)
            if within_ok and (item in self.eligible or item in self.in_progress):
                via = self.eligible.get(item) if item in self.eligible else self.in_progress[item]
                return Credit(self.cfg.in_progress_credit, "in progress", via, key, True)
            if within_ok and not eligible_ok:
                # "must obtain CRC within one year of hire": not needed to be hired
                return Credit(0.0, "after hire", None, key, True)
            return NO_CREDIT
        if kind == "skill":
            if item in self.skills:
                via = self.skills[item]
                return Credit(
                    1.0 if via is None else self.cfg.implied_credit,
                    "held" if via is None else "implied",
                    via,
                    key,
                    True,
                )
            return NO_CREDIT
        if kind == "education":
            return (
                Credit(1.0, "held", None, key, True)
                if self.edu_rank >= education_rank(item) >= 0
                else NO_CREDIT
            )
        if kind == "experience":
            return Credit(1.0, "held", None, key, True) if self.years >= float(item) else NO_CREDIT
        return NO_CREDIT

    def group_credit(self, group: Group) -> Credit:
        """The best option: met before unmet, then more credit, then held before implied."""
        best = NO_CREDIT
        for option in group:
            credit = self.option_credit(option)
            if credit.rank() > best.rank():
                best = credit
        return best

    def qualifies(self, needs: Needs) -> bool:
        """Every required group of a gating kind is met."""
        return all(
            self.group_credit(g).meets for g in needs.required if group_gates(g, self.cfg.gate)
        )

    def coverage(self, needs: Needs) -> tuple[int, int]:
        """(met, asked) of the required groups that do not gate (required skills)."""
        others = [g for g in needs.required if not group_gates(g, self.cfg.gate)]
        return sum(self.group_credit(g).meets for g in others), len(others)

    def strong(self, needs: Needs) -> bool:
        return self.qualifies(needs) and bool(
            strong_enough(*self.coverage(needs), self.cfg.strong_match)
        )


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
    # postings that become strong matches (qualified, skill coverage reached) by adding it
    strong_gain: float = 0.0
    strong_postings: int = 0


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
    strong: int = 0
    strong_needs: list[int] = field(default_factory=list)
    # per signature: required non-gating groups (skills) asked and met
    skills_asked: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    skills_met: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def qualified_share(self) -> float:
        return self.qualified / self.considered if self.considered else 0.0

    def coverage(self, sig: int) -> float:
        asked = int(self.skills_asked[sig]) if len(self.skills_asked) else 0
        return round(int(self.skills_met[sig]) / asked, 4) if asked else 1.0

    def coverages(self) -> np.ndarray:
        """Skill coverage of every signature (1 where no skill is asked)."""
        asked = np.maximum(self.skills_asked, 1)
        return np.where(self.skills_asked > 0, self.skills_met / asked, 1.0)


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
    candidate: Candidate, terms: MatchTerms, items: set[tuple[str, str]]
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
    for (kind, item), implied in terms.implies.items():
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


def _step_size(gap: Gap) -> float:
    """How far up a ladder a gap is: among gaps opening as much, the smaller step first
    (1 year before 3 years, a certificate before a bachelor's); credentials and skills 0."""
    if gap.kind == "experience":
        return float(gap.id)
    if gap.kind == "education":
        return float(education_rank(gap.id))
    return 0.0


def _group_entries(e_sig: np.ndarray, e_group: np.ndarray, n_groups: int):
    """(signatures sorted by group, start offset of each group): the entries of group g are
    ``sigs[starts[g]:starts[g + 1]]``."""
    order = np.argsort(e_group, kind="stable")
    starts = np.searchsorted(e_group[order], np.arange(n_groups + 1))
    return e_sig[order], starts


def _sigs_of(groups: Sequence[int], sigs: np.ndarray, starts: np.ndarray) -> np.ndarray:
    if not len(groups):
        return np.zeros(0, dtype=sigs.dtype)
    return np.concatenate([sigs[starts[g] : starts[g + 1]] for g in groups])


def assess(
    profile: Profile,
    market: MarketIndex | Market,
    terms: MatchTerms,
    cfg: ScoringConfig,
    weights: np.ndarray | None = None,
) -> Assessment:
    """Everything `mrt match` reports about a market.

    ``weights`` are the postings per signature after filters (default: all of them).
    Per signature: the required gating groups unmet (qualified when none), and the other
    required groups asked and met (skill coverage; strong when it reaches
    ``cfg.strong_match``). Gains are a re-evaluation: each possible addition re-judges
    the unmet required groups, and a signature it touches is re-counted with the groups
    it fixes.
    """
    index = as_index(market)
    w = (index.counts if weights is None else np.asarray(weights)).astype(np.int64)
    n_sigs, n_groups = index.signatures, len(index.groups)
    candidate = Candidate(profile, terms, cfg)
    group_credits = [candidate.group_credit(g) for _, g in index.groups]
    credits = np.array([c.value for c in group_credits], dtype=float)
    meets = np.array([c.meets for c in group_credits], dtype=bool)
    required = np.array([level == "required" for level, _ in index.groups], dtype=bool)
    gating = np.array([group_gates(g, cfg.gate) for _, g in index.groups], dtype=bool)
    considered = int(w.sum())
    score, breakdown = market_fit(candidate, index, w, credits)

    live = w[index.entry_sig] > 0
    if n_groups:
        req_e = required[index.entry_group] & live
        gate_e = req_e & gating[index.entry_group]
        met_e = meets[index.entry_group]
    else:
        req_e = gate_e = met_e = np.zeros(0, dtype=bool)
    skill_e = req_e & ~gate_e
    gate_unmet = np.bincount(index.entry_sig[gate_e & ~met_e], minlength=n_sigs)
    skills_asked = np.bincount(index.entry_sig[skill_e], minlength=n_sigs)
    skills_met = np.bincount(index.entry_sig[skill_e & met_e], minlength=n_sigs)
    qualified_mask = (gate_unmet == 0) & (w > 0)
    strong_mask = qualified_mask & strong_enough(skills_met, skills_asked, cfg.strong_match)

    group_postings = _group_weights(index, w)
    partial_postings: Counter[tuple[str, str]] = Counter()
    # After-hire credentials count in the postings the candidate qualifies for: the ones
    # that would hire them now and ask for it later.
    in_qualified = np.bincount(
        index.entry_group[qualified_mask[index.entry_sig]],
        weights=w[index.entry_sig[qualified_mask[index.entry_sig]]],
        minlength=n_groups,
    )
    for g, credit in enumerate(group_credits):
        if required[g] and credit.how in PARTIAL_HOWS and credit.item:
            if credit.how == "after hire":  # any of the group, within a set time of hire
                name = " or ".join(o[1] for o in index.groups[g][1] if o[0] == "credential")
                n = int(in_qualified[g])
            else:  # the credential the candidate is finishing (CCS, when it meets CCA)
                name, n = credit.via or credit.item[1], int(group_postings[g])
            if n:
                partial_postings[(name, credit.how)] += n

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

    # The unmet required groups, and the signatures asking each of them.
    open_e = req_e & ~met_e
    open_sigs, open_starts = _group_entries(
        index.entry_sig[open_e], index.entry_group[open_e], n_groups
    )
    open_groups = np.nonzero(required & ~meets & (group_postings > 0))[0]
    # An addition can only fix a group naming it, what it implies, or a ladder it climbs.
    groups_with: dict[tuple[str, str], list[int]] = defaultdict(list)
    for g in open_groups:
        for option in index.groups[g][1]:
            key = (
                (option[0], option[1]) if option[0] in ("credential", "skill") else (option[0], "")
            )
            groups_with[key].append(int(g))
    missing = _missing_counts(index, w, required & (credits < 1))
    gaps: list[Gap] = []
    for addition in _additions(candidate, terms, asked_items):
        kind, item = addition
        if kind in ("credential", "skill"):
            touched_items = {item, *terms.implied(kind, item)}
            maybe = sorted({g for i in touched_items for g in groups_with.get((kind, i), ())})
        else:
            maybe = sorted(set(groups_with.get((kind, ""), ())))
        improved = Candidate(_with(profile, addition), terms, cfg)
        fixed = [g for g in maybe if improved.group_credit(index.groups[g][1]).meets]
        gain = strong_gain = 0
        if fixed:
            gate_fix = np.bincount(
                _sigs_of([g for g in fixed if gating[g]], open_sigs, open_starts),
                minlength=n_sigs,
            )
            skill_fix = np.bincount(
                _sigs_of([g for g in fixed if not gating[g]], open_sigs, open_starts),
                minlength=n_sigs,
            )
            touched = np.flatnonzero(gate_fix | skill_fix)
            qualified_after = gate_unmet[touched] == gate_fix[touched]
            strong_after = qualified_after & strong_enough(
                skills_met[touched] + skill_fix[touched], skills_asked[touched], cfg.strong_match
            )
            tw = w[touched]
            gain = int(tw[qualified_after & ~qualified_mask[touched]].sum())
            strong_gain = int(tw[strong_after & ~strong_mask[touched]].sum())
        i = position.get(addition)
        required_n = req[i] if i is not None else 0
        preferred_n = pref[i] if i is not None else 0
        if gain or strong_gain or required_n or preferred_n:
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
                    strong_gain=_share(strong_gain, considered),
                    strong_postings=strong_gain,
                )
            )
    gaps.sort(
        key=lambda g: (
            -g.qualify_gain,
            -g.strong_gain,
            _step_size(g) if g.qualify_gain or g.strong_gain else 0.0,
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
        qualified=int(w[qualified_mask].sum()),
        qualified_needs=[int(i) for i in np.nonzero(qualified_mask)[0]],
        gaps=gaps,
        strengths=_strengths(candidate, index, w, req, considered),
        partials=[Partial(c, how, n) for (c, how), n in sorted(partial_postings.items())],
        strong=int(w[strong_mask].sum()),
        strong_needs=[int(i) for i in np.nonzero(strong_mask)[0]],
        skills_asked=skills_asked,
        skills_met=skills_met,
    )


def missing_skills(
    index: MarketIndex, profile: Profile, terms: MatchTerms, cfg: ScoringConfig, sig: int
) -> list[tuple[str, str]]:
    """The options of signature ``sig``'s unmet required non-gating groups (its missing
    required skills), for the few postings listed."""
    candidate = Candidate(profile, terms, cfg)
    lo, hi = np.searchsorted(index.entry_sig, [sig, sig + 1])
    out: list[tuple[str, str]] = []
    for g in index.entry_group[lo:hi]:
        level, group = index.groups[int(g)]
        if level != "required" or group_gates(group, cfg.gate):
            continue
        if not candidate.group_credit(group).meets:
            out += [(o[0], o[1]) for o in group]
    return out


def _missing_counts(
    index: MarketIndex, w: np.ndarray, unfulfilled: np.ndarray
) -> dict[tuple[str, str], int]:
    """Postings per item that name it in a required group not (fully) met yet."""
    if not unfulfilled.any():
        return {}
    keep = unfulfilled[index.entry_group] & (w[index.entry_sig] > 0)
    sigs, starts = _group_entries(index.entry_sig[keep], index.entry_group[keep], len(index.groups))
    groups_of: dict[tuple[str, str], list[int]] = defaultdict(list)
    for g in np.nonzero(unfulfilled)[0]:
        for option in index.groups[g][1]:
            groups_of[(option[0], option[1])].append(int(g))
    counts: dict[tuple[str, str], int] = {}
    for item, groups in groups_of.items():
        asking = np.zeros(index.signatures, dtype=bool)
        asking[_sigs_of(groups, sigs, starts)] = True
        counts[item] = int(w[asking].sum())
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
