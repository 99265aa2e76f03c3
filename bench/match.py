"""Benchmark `mrt match` against stores of 1,000 and 100,000 postings, side by side.

Builds each store with generated postings, extraction rows and requirement rows (bulk
inserts), then runs `mrt match` as a subprocess: once cold (the market cache is built
from the new data) and several times warm, for a YAML profile and for the bundled
sample resume (read with the spaCy extractor). Prints whole-process times (wall clock
and the child's CPU time, which machine load disturbs less) and the ratios, against the
targets of issue 11: a warm match under 1 s for a profile and 1.5 s for a resume
document, and 100,000 postings within 1.5x of 1,000.

    python bench/match.py [--sizes 1000 100000] [--runs 5] [--db-dir DIR [--reuse]]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# The installed console script beside this interpreter, else the same entry point via -c.
_SCRIPT = Path(sys.executable).with_name("mrt")
MRT = (
    [str(_SCRIPT)]
    if _SCRIPT.exists()
    else [sys.executable, "-c", "from pipelines.cli import main; main()"]
)
SAMPLE_RESUME = ROOT / "matcher" / "samples" / "sample_resume.md"
PROFILE = """credentials: [{id: RHIT, status: held}, {id: CCS, status: in progress}]
skills: [epic, icd-10-cm, cpt, release-of-information, hipaa, chart-analysis, data-entry]
years_experience: 2
education: associate
state: TX
"""
STATES = ["TX", "CA", "FL", "NY", "OK", "OH", "PA", "IL", "GA", "NC", "VA", "WA", "AZ", "TN", "MO"]
RECORDS_SKILLS = [
    "ehr",
    "epic",
    "cerner",
    "meditech",
    "hipaa",
    "scanning-indexing",
    "chart-analysis",
    "mpi",
    "data-entry",
    "customer-service",
    "medical-terminology",
    "ms-office",
    "typing",
]
CODING_SKILLS = [
    "icd-10-cm",
    "icd-10-pcs",
    "cpt",
    "hcpcs",
    "drg",
    "hcc",
    "em",
    "encoder",
    "ncci",
    "auditing",
    "anatomy-physiology",
    "pharmacology",
    "medical-terminology",
    "epic",
    "cerner",
]
CODING_CREDS = ["CPC", "CCS", "COC", "CCA", "RHIT", "RHIA", "CIC", "CRC", "CCS-P"]  # fmt: skip


def requirement_rows(rng: random.Random, posting_id: int) -> tuple[str, list[tuple]]:
    """A plausible set of requirement rows: (kind, item_id, level, grp, eligible, within, years)."""
    rows: list[tuple] = []
    role = rng.choices(
        ["records", "coding", "roi", "registry", "cdi", "federal"], [35, 35, 12, 6, 6, 6]
    )[0]

    def skills(pool: list[str], low: int, high: int, level: str) -> None:
        for s in rng.sample(pool, rng.randint(low, high)):
            rows.append(("skill", s, level, None, False, None, None))

    def years(options: list[float], level: str = "required") -> None:
        y = rng.choice(options)
        rows.append(("experience", f"{y:g}", level, None, False, None, y))

    if role == "records":
        rows.append(
            (
                "education",
                rng.choice(["high-school", "high-school", "associate"]),
                "required",
                None,
                False,
                None,
                None,
            )
        )
        skills(RECORDS_SKILLS, 2, 5, "required")
        skills(RECORDS_SKILLS, 0, 2, "preferred")
        if rng.random() < 0.3:
            rows.append(("credential", "RHIT", "preferred", None, False, None, None))
        if rng.random() < 0.6:
            years([0.5, 1, 2])
    elif role == "coding":
        group = rng.sample(CODING_CREDS, rng.randint(1, 3))
        grp = 1 if len(group) > 1 else None
        within = 12 if rng.random() < 0.15 else None
        for c in group:
            rows.append(("credential", c, "required", grp, rng.random() < 0.1, within, None))
        skills(CODING_SKILLS, 2, 6, "required")
        skills(CODING_SKILLS, 0, 2, "preferred")
        years([1, 2, 3, 5])
        if rng.random() < 0.4:
            rows.append(
                (
                    "education",
                    "associate",
                    rng.choice(["required", "preferred"]),
                    None,
                    False,
                    None,
                    None,
                )
            )
    elif role == "roi":
        skills(
            [
                "release-of-information",
                "hipaa",
                "customer-service",
                "data-entry",
                "ehr",
                "ms-office",
            ],
            2,
            4,
            "required",
        )
        years([0.5, 1])
        rows.append(("education", "high-school", "required", None, False, None, None))
    elif role == "registry":
        rows.append(("credential", "CTR", "required", None, rng.random() < 0.6, None, None))
        skills(
            ["icd-o-3", "cancer-registry", "abstracting", "anatomy-physiology"], 2, 4, "required"
        )
        rows.append(("education", "associate", "required", None, False, None, None))
    elif role == "cdi":
        for c in rng.sample(["CCDS", "CDIP", "RHIA", "CCS", "RN"], rng.randint(1, 3)):
            rows.append(("credential", c, "required", 1, False, None, None))
        skills(["cdi", "icd-10-cm", "drg", "hcc", "auditing"], 2, 4, "required")
        rows.append(
            (
                "education",
                "bachelor",
                rng.choice(["required", "preferred"]),
                None,
                False,
                None,
                None,
            )
        )
        years([2, 3])
    else:  # federal announcement: any one path
        rows.append(("experience", "1", "alternative", None, False, None, 1.0))
        rows.append(("education", "associate", "alternative", None, False, None, None))
        rows.append(("education", "certificate", "alternative", None, False, None, None))
        skills(["medical-terminology", "vista", "icd-10-cm", "cpt"], 1, 3, "required")
    return role, rows


def build_store(url: str, n: int, seed: int = 7) -> float:
    """Create and fill a store with ``n`` postings; returns the seconds it took."""
    from pipelines.store.db import open_store

    started = time.perf_counter()
    store = open_store(url)
    rng = random.Random(seed)
    now = datetime(2026, 11, 20, tzinfo=timezone.utc)
    version = "bench-1"
    postings, extractions, requirements = [], [], []
    for i in range(1, n + 1):
        role, rows = requirement_rows(rng, i)
        seen = (now - timedelta(days=rng.randint(0, 120))).isoformat(" ")
        digest = hashlib.sha1(str(i).encode()).hexdigest()
        postings.append((i, "bench", f"b{i}", "bench:gen", f"https://jobs.example.org/{i}",
                         f"{role.title()} specialist {i}", f"Employer {i % 997}", "Springfield",
                         rng.choice(STATES), rng.random() < 0.1,
                         (date(2026, 11, 20) - timedelta(days=rng.randint(0, 120))).isoformat(),
                         f"{role} posting {i}", digest, True, seen, seen,
                         rng.choice([None, 18.0, 21.5]), None, "hour"))  # fmt: skip
        extractions.append((i, version, digest, seen, True, role))
        requirements.extend((i, version, *row) for row in rows)
    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.executemany(
            "INSERT INTO postings (id, source, source_id, feed, url, title, company, city, state, remote,"
            " date_posted, description, content_hash, relevant, first_seen, last_seen, salary_min,"
            " salary_max, salary_period) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            postings,
        )
        cur.executemany(
            "INSERT INTO extractions (posting_id, taxonomy_version, content_hash, extracted_at, relevant, role)"
            " VALUES (?,?,?,?,?,?)",
            extractions,
        )
        cur.executemany(
            "INSERT INTO requirements (posting_id, taxonomy_version, kind, item_id, level, grp, eligible,"
            " within_months, years) VALUES (?,?,?,?,?,?,?,?,?)",
            requirements,
        )
        raw.commit()
    finally:
        raw.close()
        store.dispose()
    return time.perf_counter() - started


#: Issue 11's targets for a warm `mrt match`, in seconds, and for 100,000 / 1,000 postings.
TARGET_SECONDS = {"profile": 1.0, "resume": 1.5}
TARGET_RATIO = 1.5


def run_match(url: str, resume: Path | str, *extra: str) -> tuple[float, float]:
    """Whole-process wall time and CPU time (user + system) of one `mrt match` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(
        [*MRT, "match", str(resume), "--db", url, "--format", "json", *extra],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"mrt match failed on {url}: {proc.stderr.strip().splitlines()[-1]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[1000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db-dir", type=Path, default=None, help="keep the stores here")
    parser.add_argument(
        "--reuse", action="store_true", help="use the stores already in --db-dir (no build)"
    )
    args = parser.parse_args()
    work = args.db_dir or Path(tempfile.mkdtemp(prefix="mrt-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    profile = work / "profile.yaml"
    profile.write_text(PROFILE, encoding="utf-8")

    urls: dict[int, str] = {}
    results: dict[int, list[float]] = {}
    for n in args.sizes:
        url = urls[n] = f"sqlite:///{work / f'match_{n}.sqlite'}"
        if args.reuse and (work / f"match_{n}.sqlite").exists():
            built = float("nan")
        else:
            for suffix in ("", "-wal", "-shm"):
                (work / f"match_{n}.sqlite{suffix}").unlink(missing_ok=True)
            built = build_store(url, n)
            print(f"  {n:>7,} postings: store built in {built:.1f} s", file=sys.stderr)
        results[n] = [built, run_match(url, profile)[0]]
    # Warm runs alternate between the stores so machine load hits both alike.
    cases = [
        ("YAML profile", "profile", [str(profile)]),
        ("YAML profile --state TX", "profile", [str(profile), "--state", "TX"]),
        ("sample resume (spaCy extractor)", "resume", [str(SAMPLE_RESUME)]),
    ]
    timings: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for _ in range(args.runs):
        for c, (_label, _kind, extra) in enumerate(cases):
            for n in args.sizes:
                timings.setdefault((n, c), []).append(run_match(urls[n], *extra))
    for n in args.sizes:
        for i in (0, 1):  # wall, then CPU
            results[n] += [
                statistics.median(t[i] for t in timings[(n, c)]) for c in range(len(cases))
            ]

    small, large = args.sizes
    labels = [
        ("build store (generate + bulk insert)", None),
        ("mrt match, cold (builds the market cache)", None),
        *((f"mrt match, {label}, wall (median of {args.runs})", kind) for label, kind, _ in cases),
        *((f"mrt match, {label}, CPU (median of {args.runs})", None) for label, _, _ in cases),
    ]
    print(
        f"{'':64}{f'{small:,} postings':>17}{f'{large:,} postings':>19}{'ratio':>8}"
        f"  target (issue 11)"
    )
    for i, (label, kind) in enumerate(labels):
        a, b = results[small][i], results[large][i]
        line = f"{label:64}{a:>15.2f} s{b:>17.2f} s{b / a:>7.2f}x"
        if kind:
            limit = TARGET_SECONDS[kind]
            met = max(a, b) < limit and b / a <= TARGET_RATIO
            line += f"  < {limit:g} s, <= {TARGET_RATIO:g}x: {'met' if met else 'NOT met'}"
        print(line)


if __name__ == "__main__":
    main()
