"""Show a MatchResult as Rich panels, Markdown or JSON; posting text is escaped everywhere.

Every string that reaches the terminal passes through ``terminal_safe`` (control
characters and bidi overrides made visible); JSON is written with ASCII escapes.
"""

from __future__ import annotations

import json
import re
from typing import Any

from matcher.match import MatchResult, gap_phrase, pct
from pipelines.safe_output import terminal_safe

COMPONENT_LABELS = {
    "credentials": "Credentials",
    "skills": "Skills",
    "experience": "Experience",
    "education": "Education",
}


def pay_text(row: dict[str, Any]) -> str:
    low, high, period = row.get("salary_min"), row.get("salary_max"), row.get("salary_period")
    if low is None and high is None:
        return ""

    def money(value: float) -> str:
        return f"${value:,.2f}" if period == "hour" else f"${value:,.0f}"

    figures = money(low) if high in (None, low) else f"{money(low or high)}–{money(high)}"
    text = f"{figures}/{period}" if period else figures
    return f"{text} (from text)" if row.get("pay_source") == "text" else text


def place_text(row: dict[str, Any]) -> str:
    place = ", ".join(p for p in (row.get("city"), row.get("state")) if p)
    if row.get("remote"):
        place = f"{place} (remote)" if place else "Remote"
    return place


def coverage_text(row: dict[str, Any]) -> str:
    """ "4/5 skills (80%)", "no skills asked"; "strong" in front of a strong match."""
    asked = row.get("skills_asked", 0)
    text = (
        f"{row.get('skills_met', 0)}/{asked} skills ({pct(row.get('skill_coverage', 1.0))})"
        if asked
        else "no skills asked"
    )
    return f"strong · {text}" if row.get("strong") else text


def experience_lines(result: MatchResult) -> list[str]:
    """How the years of experience were found, and the roles counted (without their text)."""
    exp = result.profile.experience_counted()
    head = {
        "dated roles": f"{exp['years']:g} years of relevant experience, from dated roles "
        "(overlaps counted once)",
        "stated total": f"{exp['years']:g} years of relevant experience, as the resume states "
        "(no relevant role could be dated)",
        "profile": f"{exp['years']:g} years of experience, from the profile",
        "none": "No relevant experience found",
    }[exp["source"]]
    lines = [head]
    for role in exp["roles"]:
        what = {"family": "job family", "adjacent": "adjacent work"}.get(role["relevance"])
        why = f"{role['matched']} ({what})" if what else "not in the job family"
        counted = "counted" if role["counted"] else "not counted"
        lines.append(f"{role['start']} to {role['end']}: {role['years']:g} y, {why}, {counted}")
    return lines


def requirement_label(row: dict[str, Any]) -> str:
    label = row["alternatives"]  # credential ids, other names: "RHIT or RHIA"
    if row.get("eligible"):
        label += " (or eligible)"
    if row.get("within_months"):
        label += f" (within {row['within_months']} months of hire)"
    return label


def requirement_groups(result: MatchResult) -> list[dict[str, Any]]:
    """The posting's requirements one row per group (either-of groups and alternative paths
    as one), unmet first."""
    seen: dict[int, dict[str, Any]] = {}
    for row in result.requirements or []:
        seen.setdefault(row["group"], row)
    order = {"unmet": 0, "partly met": 1, "met": 2}
    return sorted(
        seen.values(),
        key=lambda r: (order[r["status"]], r["level"] != "required", r["group"]),
    )


def empty_market_message(result: MatchResult) -> str:
    if result.filters.get("state") or result.filters.get("remote") or result.filters.get("since"):
        return f"No current extracted postings match the filters ({result.market}); widen them."
    return "No current extracted postings in the store yet: run `mrt crawl` then `mrt extract` (or `mrt demo`)."


def _via(strength: dict[str, Any]) -> str:
    """What implies a strength: a credential by its id, a skill by its name."""
    if strength["kind"] == "credential":
        return strength["implied_by"]
    return strength.get("implied_by_name") or strength["implied_by"]


def _gate_words(result: MatchResult) -> str:
    """ "credential, education and experience" from the gating kinds."""
    kinds = list(result.qualification.get("gate") or ["credential", "education", "experience"])
    return kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1]


def _gap_label(gap: dict[str, Any], market: str) -> str:
    if gap["qualify_gain"]:
        label = gap_phrase(gap, market)
    elif gap["kind"] == "credential":
        label = f"{gap['id']} ({gap['name']})"
    else:
        label = gap["name"]
    if gap.get("status"):
        label += f" (you are {gap['status']})"
    return label


# ---------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|~])")


def md_escape(text: Any) -> str:
    """Untrusted text in Markdown: HTML and Markdown syntax made inert."""
    s = terminal_safe(text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    return " ".join(s.split())


def _md_link(title: str, url: str | None) -> str:
    if url and re.match(r"^https?://", url):
        safe_url = (
            url.replace(" ", "%20")
            .replace("(", "%28")
            .replace(")", "%29")
            .replace("<", "%3C")
            .replace(">", "%3E")
        )
        return f"[{md_escape(title)}]({safe_url})"
    return md_escape(title)


def render_markdown(result: MatchResult) -> str:
    if not result.postings_considered:
        return empty_market_message(result) + "\n"
    lines = [
        f"# Market fit: {result.score:.1f} / 100",
        "",
        f"Against {result.postings_considered} {md_escape(result.market)}.",
        "",
        "| Component | Points |",
        "|---|---:|",
        *(f"| {COMPONENT_LABELS[c]} | {p:.1f} |" for c, p in result.breakdown.items()),
        f"| **Total** | **{result.score:.1f}** |",
        "",
        f"## Qualified now: {pct(result.qualified_share)} ({result.qualified_count} of {result.postings_considered})",
        "",
        f"Strong matches (qualified, at least {pct(result.qualification.get('strong_match', 0.8))} "
        f"of the required skills): {pct(result.strong_share)} ({result.strong_count} of "
        f"{result.postings_considered}). Qualified means every required "
        f"{_gate_words(result)} is met; required skills are coverage.",
        "",
    ]
    if result.qualified_postings:
        lines += [
            "| Title | Employer | Place | Pay | Skills | Missing skills |",
            "|---|---|---|---|---|---|",
        ]
        for p in result.qualified_postings:
            lines.append(
                f"| {_md_link(p['title'], p.get('url'))} | {md_escape(p.get('company'))} | "
                f"{md_escape(place_text(p))} | {md_escape(pay_text(p))} | "
                f"{md_escape(coverage_text(p))} | {md_escape(', '.join(p.get('missing_skills', [])))} |"
            )
        lines.append("")
    if result.requirements is not None:
        lines += ["## Requirements of this posting", ""]
        lines += ["| Requirement | Level | Verdict | How / what to do | Evidence |"]
        lines += ["|---|---|---|---|---|"]
        for r in requirement_groups(result):
            level = r["level"] + ("" if r["gates"] or r["level"] != "required" else " (skill)")
            lines.append(
                f"| {md_escape(requirement_label(r))} | {level} | {r['status']} | "
                f"{md_escape(r['how'] or r['action'])} | {md_escape(r['evidence'])} |"
            )
        lines.append("")
    lines += ["## Experience counted", ""]
    lines += [f"- {md_escape(line)}" for line in experience_lines(result)]
    lines += ["", "## Gaps, most impact first", ""]
    if result.gaps:
        lines += [
            "| Gap | Kind | Required by | Preferred by | Unmet asks | Newly qualified | New strong matches |",
            "|---|---|---:|---:|---:|---:|---:|",
        ]
        for g in result.gaps:
            lines.append(
                f"| {md_escape(_gap_label(g, result.market))} | {g['kind']} | {pct(g['required_share'])} | "
                f"{pct(g['preferred_share'])} | {pct(g['missing_share'])} | +{pct(g['qualify_gain'])} | "
                f"+{pct(g['strong_gain'])} |"
            )
    else:
        lines.append("None: the candidate meets everything these postings ask for.")
    lines += ["", "## Strengths", ""]
    for s in result.strengths:
        via = f" (through {md_escape(_via(s))})" if s.get("implied_by") else ""
        lines.append(f"- {md_escape(s['name'])}{via}: asked by {pct(s['demand_share'])}")
    if not result.strengths:
        lines.append("None of the candidate's credentials or skills is asked for here.")
    if result.next_steps:
        lines += ["", "## Next steps", ""]
        lines += [f"- {md_escape(step['text'])}" for step in result.next_steps]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- Rich


def render_table(result: MatchResult, console: Any = None) -> None:
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    def safe(value: Any, style: str = "") -> Text:
        # Text() never parses Rich markup; terminal_safe defuses escapes in posting fields.
        return Text(terminal_safe(value), style=style)

    console = console or Console()
    if not result.postings_considered:
        console.print(safe(empty_market_message(result)))
        return
    breakdown = Table.grid(padding=(0, 2))
    breakdown.add_column()
    breakdown.add_column(justify="right")
    for component, points in result.breakdown.items():
        breakdown.add_row(COMPONENT_LABELS[component], f"{points:.1f}")
    breakdown.add_row(Text("Total", style="bold"), Text(f"{result.score:.1f}", style="bold"))
    console.print(
        Panel(
            Group(safe(f"against {result.postings_considered} {result.market}"), breakdown),
            title=f"Market fit {result.score:.1f} / 100",
            expand=False,
        )
    )

    postings = Table(show_header=True, header_style="bold", expand=False)
    for column in ("Title", "Employer", "Place", "Pay", "Skills", "Link"):
        postings.add_column(column, overflow="fold")
    for p in result.qualified_postings:
        postings.add_row(
            safe(p["title"]),
            safe(p.get("company")),
            safe(place_text(p)),
            safe(pay_text(p)),
            safe(coverage_text(p), "bold" if p.get("strong") else ""),
            safe(p.get("url")),
        )
    shown = (
        f" (first {len(result.qualified_postings)} shown: strong first, then skills, then newest)"
        if result.qualified_count > len(result.qualified_postings)
        else ""
    )
    title = (
        f"Qualified now: {pct(result.qualified_share)} ({result.qualified_count} of "
        f"{result.postings_considered}), strong matches {pct(result.strong_share)} "
        f"({result.strong_count}){shown}"
    )
    body: Any = (
        postings
        if result.qualified_postings
        else Text(f"No posting has every required {_gate_words(result)} met yet.")
    )
    console.print(Panel(body, title=title, expand=False))

    if result.requirements is not None:
        reqs = Table(show_header=True, header_style="bold", expand=False)
        for column in ("Requirement", "Level", "Verdict", "How / what to do", "Evidence"):
            reqs.add_column(column, overflow="fold")
        styles = {"met": "green", "partly met": "yellow", "unmet": "red"}
        for r in requirement_groups(result):
            reqs.add_row(
                safe(requirement_label(r)),
                r["level"],
                Text(r["status"], style=styles[r["status"]]),
                safe(r["how"] or r["action"]),
                safe(r["evidence"]),
            )
        console.print(Panel(reqs, title="Requirements of this posting", expand=False))

    console.print(
        Panel(
            Group(*(safe(line) for line in experience_lines(result))),
            title="Experience counted",
            expand=False,
        )
    )

    gaps = Table(show_header=True, header_style="bold", expand=False)
    for column, justify in (
        ("Gap", "left"),
        ("Kind", "left"),
        ("Required by", "right"),
        ("Preferred by", "right"),
        ("Unmet asks", "right"),
        ("Newly qualified", "right"),
        ("New strong", "right"),
    ):
        gaps.add_column(column, justify=justify)
    for g in result.gaps[:15]:
        gaps.add_row(
            safe(_gap_label(g, result.market)),
            g["kind"],
            pct(g["required_share"]),
            pct(g["preferred_share"]),
            pct(g["missing_share"]),
            f"+{pct(g['qualify_gain'])}",
            f"+{pct(g['strong_gain'])}",
        )
    console.print(
        Panel(
            gaps if result.gaps else Text("No gaps: every ask of these postings is met."),
            title="Gaps, most impact first",
            expand=False,
        )
    )

    strengths = Table(show_header=True, header_style="bold", expand=False)
    strengths.add_column("You have")
    strengths.add_column("Asked by", justify="right")
    for s in result.strengths[:15]:
        via = f" (through {_via(s)})" if s.get("implied_by") else ""
        strengths.add_row(safe(f"{s['name']}{via}"), pct(s["demand_share"]))
    console.print(
        Panel(
            strengths if result.strengths else Text("Nothing asked for here yet."),
            title="Strengths",
            expand=False,
        )
    )
    if result.next_steps:
        console.print(
            Panel(
                Group(*(safe(f"• {s['text']}") for s in result.next_steps)),
                title="Next steps",
                expand=False,
            )
        )


def render_json(result: MatchResult) -> str:
    """Valid JSON or ValueError: NaN and infinity are not JSON (allow_nan=False)."""
    return json.dumps(result.to_json(), indent=2, default=str, allow_nan=False)


def render_result(result: MatchResult, fmt: str = "table", console: Any = None) -> str | None:
    """Print (table) or return the text (json, markdown) of a result."""
    if fmt == "json":
        return render_json(result)
    if fmt == "markdown":
        return render_markdown(result)
    render_table(result, console)
    return None
