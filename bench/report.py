"""Time the HTML demand report on 10,000 and 100,000 stored postings, side by side.

Usage: python bench/report.py [--sizes 10000,100000] [--reqs 15] [--dir DIR]

Each size gets its own SQLite store, filled by bulk insert (about 15 requirement rows per
posting: 1.5 million at 100,000), then ``write_report(..., fmt="html")`` is timed end to
end (SQL load, aggregation, charts, rendering). Target: 100,000 postings under 10 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipelines.report import write_report  # noqa: E402
from pipelines.store.db import open_store  # noqa: E402
from pipelines.taxonomy import load_taxonomy  # noqa: E402

# Every credential and skill of the taxonomy, so the report's tables are full-size.
_TAXONOMY = load_taxonomy()
CREDENTIALS = sorted(_TAXONOMY.credentials)
SKILLS = sorted(_TAXONOMY.skills)
EDUCATION = ["high-school", "certificate", "associate", "bachelor"]
STATES = ["CA", "TX", "FL", "NY", "PA", "IL", "OH", "GA", "NC", "MI", "OK", "KS", "WA", "AZ", None]
ROLES = ["records", "coding", "roi", "registry", "cdi"]
LEVELS = ["required", "preferred"]
FMT = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores DateTime in SQLite


def fill(url: str, n: int, reqs_per_posting: int, seed: int = 1) -> int:
    """Bulk-insert ``n`` postings with extractions and requirements; returns requirement rows."""
    rng = np.random.default_rng(seed)
    store = open_store(url)
    start = datetime(2025, 6, 2, 8, 0)
    first = [start + timedelta(hours=int(h)) for h in rng.integers(0, 24 * 365, n)]
    span = rng.integers(1, 60, n)
    closed = rng.random(n) < 0.5
    dup = rng.random(n) < 0.05
    relevant = rng.random(n) < 0.92
    period = rng.choice(["hour", "year", ""], n, p=[0.45, 0.2, 0.35])
    pay = np.where(period == "hour", 17 + 10 * rng.random(n), 38000 + 25000 * rng.random(n))
    states = rng.choice(len(STATES), n)
    companies = rng.integers(0, 2500, n)
    postings = []
    for i in range(n):
        last = first[i] + timedelta(days=int(span[i]))
        postings.append(
            (
                i + 1,
                "greenhouse" if i % 3 else "lever",
                f"s{i}",
                f"feed:{i % 40}",
                f"Medical Coder {i % 7}" if i % 2 else "Medical Records Technician",
                f"Employer {companies[i]}",
                STATES[states[i]],
                "",
                f"h{i}",
                bool(relevant[i]),
                first[i].strftime(FMT),
                last.strftime(FMT),
                (last + timedelta(days=1)).strftime(FMT) if closed[i] else None,
                max(1, i - 1) if dup[i] and i > 1 else None,
                float(pay[i]) if period[i] else None,
                float(pay[i] * 1.15) if period[i] else None,
                period[i] or None,
            )
        )
    extractions = [
        (i + 1, "bench", f"h{i}", first[i].strftime(FMT), bool(relevant[i]), ROLES[i % 5], "{}")
        for i in range(n)
    ]
    kinds = rng.choice(4, (n, reqs_per_posting), p=[0.3, 0.55, 0.08, 0.07])
    levels = rng.random((n, reqs_per_posting)) < 0.7
    picks = rng.integers(0, 1000, (n, reqs_per_posting))
    requirements = []
    for i in range(n):
        for j in range(reqs_per_posting):
            kind = kinds[i, j]
            level = LEVELS[0] if levels[i, j] else LEVELS[1]
            p = int(picks[i, j])
            if kind == 0:
                requirements.append(
                    (
                        i + 1,
                        "bench",
                        "credential",
                        CREDENTIALS[p % len(CREDENTIALS)],
                        level,
                        1 if p % 4 == 0 else None,
                        p % 9 == 0,
                        12 if p % 13 == 0 else None,
                        None,
                    )
                )
            elif kind == 1:
                requirements.append(
                    (
                        i + 1,
                        "bench",
                        "skill",
                        SKILLS[p % len(SKILLS)],
                        level,
                        None,
                        False,
                        None,
                        None,
                    )
                )
            elif kind == 2:
                requirements.append(
                    (i + 1, "bench", "education", EDUCATION[p % 4], level, None, False, None, None)
                )
            else:
                years = float(p % 6)
                requirements.append(
                    (i + 1, "bench", "experience", str(years), level, None, False, None, years)
                )
    raw = store.engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.executemany(
            "INSERT INTO postings (id, source, source_id, feed, title, company, state, description,"
            " content_hash, relevant, first_seen, last_seen, closed_at, duplicate_of, salary_min,"
            " salary_max, salary_period) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            postings,
        )
        cur.executemany(
            "INSERT INTO extractions (posting_id, taxonomy_version, content_hash, extracted_at,"
            " relevant, role, result) VALUES (?,?,?,?,?,?,?)",
            extractions,
        )
        cur.executemany(
            "INSERT INTO requirements (posting_id, taxonomy_version, kind, item_id, level, grp,"
            " eligible, within_months, years) VALUES (?,?,?,?,?,?,?,?,?)",
            requirements,
        )
        raw.commit()
    finally:
        raw.close()
        store.dispose()
    return len(requirements)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--reqs", type=int, default=15, help="requirement rows per posting")
    parser.add_argument("--dir", type=Path, default=None, help="keep the stores and reports here")
    args = parser.parse_args()
    workdir = args.dir or Path(tempfile.mkdtemp(prefix="mrt-bench-report-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results = []
    for n in (int(s) for s in args.sizes.split(",")):
        url = f"sqlite:///{workdir / f'bench-{n}.sqlite'}"
        (workdir / f"bench-{n}.sqlite").unlink(missing_ok=True)
        t0 = time.perf_counter()
        rows = fill(url, n, args.reqs)
        filled = time.perf_counter() - t0
        store = open_store(url)
        t0 = time.perf_counter()
        out = write_report(store, workdir / f"report-{n}.html")
        elapsed = time.perf_counter() - t0
        store.dispose()
        results.append((n, rows, filled, elapsed, out.stat().st_size))
        print(
            f"  {n:>7,} postings: filled in {filled:5.1f} s, report in {elapsed:5.2f} s", flush=True
        )
    base = results[0]
    print()
    print(
        f"{'postings':>9} {'req rows':>10} {'report s':>9} {'ratio':>6} {'per posting':>12}  html KB"
    )
    for n, rows, _, elapsed, size in results:
        print(
            f"{n:>9,} {rows:>10,} {elapsed:>9.2f} {elapsed / base[3]:>5.1f}x "
            f"{1e6 * elapsed / n:>9.1f} µs  {size / 1024:>7.0f}"
        )
    last = results[-1]
    verdict = "meets" if last[3] < 10 else "MISSES"
    print(
        f"\n{last[0]:,} postings: {last[3]:.2f} s ({verdict} the 10 s target); "
        f"size x{last[0] / base[0]:.0f} -> time x{last[3] / base[3]:.1f}"
    )


if __name__ == "__main__":
    main()
