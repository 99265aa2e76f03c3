"""One posting's requirements, each judged for a candidate: met (how), partly met (action)
or unmet (action), with the posting's evidence text. `mrt match RESUME --posting ID`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from matcher.needs import Group, years_id
from matcher.profile import Profile
from matcher.score import PARTIAL_HOWS, Candidate, Credit, group_gates
from matcher.terms import MatchTerms


def _grouped(rows: Iterable[Mapping[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Rows folded the way a need signature folds them (see ``needs_from_tuples``): a
    credential group, the alternative paths, or one item; level "required" wins."""
    groups: dict[tuple, list] = {}
    for row in rows:
        entry = dict(row)
        if entry["kind"] == "experience":
            years = entry.get("years")
            entry["item_id"] = years_id(years if years is not None else float(entry["item_id"]))
        if entry["level"] == "alternative":
            key: tuple = ("alternative",)
        elif entry["kind"] == "credential" and entry.get("grp") is not None:
            key = ("group", entry["grp"])
        else:
            key = ("item", entry["kind"], entry["item_id"])
        level, members = groups.setdefault(key, ["preferred", []])
        if entry["level"] in ("required", "alternative"):
            groups[key][0] = "required"
        if all(m["item_id"] != entry["item_id"] or m["kind"] != entry["kind"] for m in members):
            members.append(entry)
        else:  # the same item named twice: keep its flags and every evidence
            same = next(
                m
                for m in members
                if m["item_id"] == entry["item_id"] and m["kind"] == entry["kind"]
            )
            same["eligible"] = bool(same.get("eligible")) or bool(entry.get("eligible"))
            same["within_months"] = same.get("within_months") or entry.get("within_months")
            same.setdefault("more_evidence", []).append(entry.get("evidence"))
    return [(level, members) for level, members in groups.values()]


def _how(credit: Credit, profile: Profile, terms: MatchTerms) -> str:
    kind, item = credit.item or ("", "")
    if credit.how == "implied":
        return f"through {credit.via if kind == 'credential' else terms.display(kind, credit.via or '')}"
    if kind == "education":
        return f"you have a {terms.display('education', profile.education or '')}"
    if kind == "experience":
        return f"you have {profile.years_experience:g} years of relevant experience"
    if kind == "credential":
        return f"you hold {item}"
    return "on your resume"


def _action(
    credit: Credit, members: list[dict[str, Any]], profile: Profile, terms: MatchTerms
) -> str:
    """What would meet the group (in full)."""
    if credit.meets:
        item = credit.item[1] if credit.item else ""
        months = next((m.get("within_months") for m in members if m["item_id"] == item), None)
        when = f" within {months} months of hire" if months else " within the time set after hire"
        about = terms.next_step(item)
        about = f" ({about})" if about else ""
        if credit.how == "eligible":
            return f"sit the {item} exam to hold it{about}"
        if credit.how == "in progress":
            return f"finish {item}{when}"
        return f"obtain {item}{when}{about}"
    first = members[0]
    kind = first["kind"]
    if kind == "credential":
        about = terms.next_step(first["item_id"])
        names = " or ".join(m["item_id"] for m in members)
        return f"obtain {names}" + (f" ({about})" if about else "")
    if kind == "skill":
        names = " or ".join(terms.name("skill", m["item_id"]) for m in members)
        taught = all(m["item_id"] in terms.on_the_job for m in members)
        return f"add {names}" + ("; usually learned on the job" if taught else "")
    paths = []
    for m in members:
        if m["kind"] == "experience":
            paths.append(
                f"{m['item_id']} years of relevant experience "
                f"(you have {profile.years_experience:g})"
            )
        else:
            paths.append(f"a {terms.display('education', m['item_id'])}")
    return " or ".join(paths)


def posting_verdicts(
    rows: Iterable[Mapping[str, Any]], candidate: Candidate, terms: MatchTerms, profile: Profile
) -> list[dict[str, Any]]:
    """Every requirement row of a posting with its group's verdict for the candidate.

    Each entry: kind, id, name, level, gates (decides qualification), group (entries of
    one either-of group or of the alternative paths share it) and ``alternatives`` (their
    names), status "met" / "partly met" / "unmet", ``how`` it is met, the ``action`` that
    would meet it (in full), and the posting's ``evidence`` text.
    """
    out: list[dict[str, Any]] = []
    for number, (level, members) in enumerate(_grouped(rows), start=1):
        group: Group = tuple(
            sorted(
                (
                    m["kind"],
                    m["item_id"],
                    bool(m.get("eligible")),
                    m.get("within_months") is not None,
                )
                for m in members
            )
        )
        credit = candidate.group_credit(group)
        if credit.meets and credit.how not in PARTIAL_HOWS:
            status, how, action = "met", _how(credit, profile, terms), ""
        elif credit.meets:
            status, how = (
                "partly met",
                f"you are {credit.how}" if credit.how != "after hire" else "not needed to be hired",
            )
            action = _action(credit, members, profile, terms)
        else:
            status, how, action = "unmet", "", _action(credit, members, profile, terms)
        names = [
            m["item_id"] if m["kind"] == "credential" else terms.display(m["kind"], m["item_id"])
            for m in members
        ]
        for m in members:
            evidence = [m.get("evidence"), *m.get("more_evidence", [])]
            out.append(
                {
                    "kind": m["kind"],
                    "id": m["item_id"],
                    "name": terms.display(m["kind"], m["item_id"]),
                    "level": level,
                    "gates": level == "required" and group_gates(group, candidate.cfg.gate),
                    "group": number,
                    "alternatives": " or ".join(names),
                    "eligible": bool(m.get("eligible")),
                    "within_months": m.get("within_months"),
                    "status": status,
                    "how": how,
                    "action": action,
                    "evidence": " … ".join(dict.fromkeys(e for e in evidence if e)),
                }
            )
    return out
