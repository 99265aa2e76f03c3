"""The scoring math of shared/eval/score.py, used when that file is not beside the repository.

Kept to the same figures (F1 on id sets, accuracies on matched ids) so the targets mean the
same thing either way; the test imports the shared file itself whenever it exists.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

SHARED_EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval"


def _f1(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _acc(hit: int, total: int) -> dict[str, float]:
    return {"accuracy": hit / total if total else 1.0, "n": total}


def _score_copy(gold: dict[str, dict], pred: dict[str, dict]) -> dict[str, Any]:
    counts = {k: [0, 0, 0] for k in ("cred", "skill", "grp", "edu", "exp")}
    ratios = {k: [0, 0] for k in ("rel", "cred_level", "cred_qual", "skill_level", "salary")}

    def prf(key: str, g: set, p: set) -> None:
        counts[key][0] += len(g & p)
        counts[key][1] += len(p - g)
        counts[key][2] += len(g - p)

    def ratio(key: str, ok: bool) -> None:
        ratios[key][0] += bool(ok)
        ratios[key][1] += 1

    def by_id(items):
        out = {}
        for it in items or []:
            out.setdefault(it["id"], it)
        return out

    def groups(creds):
        found: dict = {}
        for c in creds or []:
            if c.get("group") is not None:
                found.setdefault(c["group"], set()).add(c["id"])
        return {frozenset(g) for g in found.values() if len(g) > 1}

    def pairs(items, key):
        return {
            (
                round(float(i[key]), 2) if isinstance(i[key], (int, float)) else i[key],
                i.get("requirement"),
            )
            for i in items or []
        }

    for pid, g in gold.items():
        p = pred.get(pid, {})
        ratio("rel", bool(p.get("relevant")) == bool(g["relevant"]))
        if not g["relevant"]:
            continue
        gc, pc = by_id(g["credentials"]), by_id(p.get("credentials"))
        prf("cred", set(gc), set(pc))
        for cid in set(gc) & set(pc):
            ratio("cred_level", gc[cid]["level"] == pc[cid]["level"])
            ratio("cred_qual", bool(gc[cid]["eligible"]) == bool(pc[cid]["eligible"])
                  and gc[cid]["within_months"] == pc[cid]["within_months"])  # fmt: skip
        prf("grp", groups(g["credentials"]), groups(p.get("credentials")))
        gs, ps = by_id(g["skills"]), by_id(p.get("skills"))
        prf("skill", set(gs), set(ps))
        for sid in set(gs) & set(ps):
            ratio("skill_level", gs[sid]["level"] == ps[sid]["level"])
        prf("edu", pairs(g["education"], "level"), pairs(p.get("education"), "level"))
        prf("exp", pairs(g["experience"], "years"), pairs(p.get("experience"), "years"))
        gsal, psal = g.get("salary"), p.get("salary")
        ratio("salary", (not gsal and not psal) or bool(gsal and psal and abs(gsal["min"] - psal["min"]) < 0.01
              and abs(gsal["max"] - psal["max"]) < 0.01 and gsal["period"] == psal["period"]))  # fmt: skip
    return {
        "relevance": _acc(*ratios["rel"]),
        "credentials": _f1(*counts["cred"]),
        "credential_level": _acc(*ratios["cred_level"]),
        "credential_qualifiers": _acc(*ratios["cred_qual"]),
        "credential_groups": _f1(*counts["grp"]),
        "skills": _f1(*counts["skill"]),
        "skill_level": _acc(*ratios["skill_level"]),
        "education": _f1(*counts["edu"]),
        "experience": _f1(*counts["exp"]),
        "salary": _acc(*ratios["salary"]),
    }


def score(gold: dict[str, dict], pred: dict[str, dict]) -> dict[str, Any]:
    """score.py's figures: from the shared file when present, else from the copy above."""
    shared = SHARED_EVAL / "score.py"
    if shared.is_file():
        spec = importlib.util.spec_from_file_location("shared_eval_score", shared)
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        return module.score(gold, pred, [])
    return _score_copy(gold, pred)


# The targets (on unseen postings); the tests fail below them.
TARGETS = {
    ("relevance", "accuracy"): 0.95,
    ("credentials", "f1"): 0.97,
    ("credential_level", "accuracy"): 0.92,
    ("credential_qualifiers", "accuracy"): 0.95,
    ("credential_groups", "f1"): 0.85,
    ("skills", "f1"): 0.97,
    ("skill_level", "accuracy"): 0.97,
    ("education", "f1"): 0.85,
    ("experience", "f1"): 0.85,
    ("salary", "accuracy"): 0.90,
}


def below_targets(figures: dict[str, Any]) -> list[str]:
    return [
        f"{field} {measure} {figures[field][measure]:.3f} < {target}"
        for (field, measure), target in TARGETS.items()
        if figures[field][measure] < target
    ]
