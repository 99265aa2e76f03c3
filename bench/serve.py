"""Benchmark `mrt serve` on loopback: page latency, resume upload time beside `mrt match`,
and a bounded load test (50 concurrent clients for 30 s).

Usage: python bench/serve.py [--postings 100000] [--clients 50] [--seconds 30] [--db-dir DIR]

Builds a SQLite store of generated postings (bench/match.py's generator: extraction and
requirement rows, ~1.5 KB of description text each), builds the market index as `mrt
extract` would, starts the real `mrt serve` on 127.0.0.1 and a free port, then prints:
start-up time; each page's first (cold) and warm times and the p95 over every warm page
request; the upload time of the same resume (Markdown and DOCX) beside the whole-process
time of `mrt match` on it; and the load test's throughput, latency and error count. It
only talks to the server it started; every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from match import MRT, SAMPLE_RESUME, build_store  # noqa: E402

PARAGRAPHS = (
    "Our health information management department maintains the legal medical record for "
    "three hospitals and twenty clinics. You will scan, index and analyse records for "
    "completeness, release information to patients and insurers under HIPAA, and work "
    "queues in Epic. ",
    "Requirements: high school diploma or GED; RHIT or RHIA preferred; one year of "
    "experience in a hospital records department; working knowledge of ICD-10-CM and CPT; "
    "typing 40 words per minute. ",
    "We offer medical, dental and vision coverage from day one, a 403(b) with a match, "
    "tuition assistance and paid time off. Pay: $18.50 - $24.00 per hour. ",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lengthen_descriptions(url: str, n: int) -> None:
    """Give every generated posting a realistic description (~1.5 KB)."""
    from pipelines.store.db import open_store

    text = "".join(PARAGRAPHS) * 2
    store = open_store(url)
    raw = store.engine.raw_connection()
    try:
        raw.cursor().execute(
            "UPDATE postings SET description = ? || ' (posting ' || id || ')'", (text,)
        )
        raw.commit()
    finally:
        raw.close()
        store.dispose()


def build(url: str, n: int) -> float:
    from pipelines.flow import refresh_match_market
    from pipelines.store.db import open_store

    started = time.perf_counter()
    build_store(url, n)
    lengthen_descriptions(url, n)
    store = open_store(url)
    try:
        refresh_match_market(store)  # what `mrt extract` leaves behind
    finally:
        store.dispose()
    return time.perf_counter() - started


def docx_resume() -> bytes:
    import docx

    document = docx.Document()
    for line in SAMPLE_RESUME.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line.lstrip("#* "))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def start_server(url: str, log: Path) -> tuple[subprocess.Popen, str, float]:
    port = free_port()
    started = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*MRT, "serve", "--db", url, "--port", str(port), "--log-level", "warning"],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"mrt serve exited: {log.read_text(errors='replace')[-1500:]}")
        try:
            if httpx.get(base + "/static/style.css", timeout=2).status_code == 200:
                return process, base, time.perf_counter() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.terminate()
    raise SystemExit("mrt serve did not answer within 600 s")


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def page_urls(n: int, rng: random.Random) -> list[tuple[str, str]]:
    ids = [rng.randint(1, n) for _ in range(3)]
    return [
        ("home", "/"),
        ("demand", "/demand"),
        ("demand state=TX", "/demand?state=TX"),
        ("demand role=coding", "/demand?role=coding"),
        ("demand CSV credentials", "/demand/credentials.csv"),
        ("postings", "/postings"),
        ("postings state=CA page 3", "/postings?state=CA&page=3"),
        ("postings behind RHIT required", "/postings?table=credentials&key=RHIT&count=required"),
        ("postings q=coding", "/postings?q=coding+specialist"),
        *((f"posting {i}", f"/postings/{i}") for i in ids),
        ("api demand state=TX", "/api/demand?state=TX"),
        ("api postings role=coding p2", "/api/postings?role=coding&page=2"),
    ]


def time_pages(base: str, pages: list[tuple[str, str]], rounds: int) -> tuple[dict, list[float]]:
    firsts: dict[str, float] = {}
    warm: dict[str, list[float]] = {name: [] for name, _ in pages}
    with httpx.Client(base_url=base, timeout=120) as http:
        for r in range(rounds + 1):
            for name, path in pages:
                started = time.perf_counter()
                response = http.get(path)
                elapsed = time.perf_counter() - started
                if response.status_code != 200:
                    raise SystemExit(f"{path}: HTTP {response.status_code}")
                if r == 0:
                    firsts[name] = elapsed
                else:
                    warm[name].append(elapsed)
    table = {
        name: (firsts[name], statistics.median(warm[name]), p95(warm[name])) for name in firsts
    }
    every = [t for times in warm.values() for t in times]
    return table, every


def time_uploads(base: str, files: list[tuple[str, bytes]], runs: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    with httpx.Client(base_url=base, timeout=120) as http:
        for name, data in files:
            out[name] = []
            for _ in range(runs):
                started = time.perf_counter()
                response = http.post("/match", files={"resume": (name, data)})
                out[name].append(time.perf_counter() - started)
                if response.status_code != 200 or "data-score" not in response.text:
                    raise SystemExit(f"upload {name}: HTTP {response.status_code}")
    return out


def time_cli(url: str, path: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.run([*MRT, "match", str(path), "--db", url, "--format", "json"],
                              capture_output=True, cwd=ROOT)  # fmt: skip
        times.append(time.perf_counter() - started)
        if proc.returncode != 0:
            raise SystemExit(f"mrt match failed: {proc.stderr.decode()[-500:]}")
    return times


async def load_test(base: str, clients: int, seconds: float, n: int, resume: bytes) -> dict:
    """``clients`` loops, each requesting a mix of pages (1 in 20 an upload) until time is up."""
    rng = random.Random(5)
    mix = [p for _, p in page_urls(n, rng)] + [f"/postings/{rng.randint(1, n)}" for _ in range(6)]
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(k: int, http: httpx.AsyncClient) -> None:
        local = random.Random(k)
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                if local.random() < 0.05:
                    response = await http.post("/match", files={"resume": ("r.md", resume)})
                else:
                    response = await http.get(local.choice(mix))
                if response.status_code >= 400:
                    errors.append(f"HTTP {response.status_code}")
            except httpx.HTTPError as exc:
                errors.append(exc.__class__.__name__)
            latencies.append(time.perf_counter() - started)

    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as http:
        started = time.perf_counter()
        await asyncio.gather(*(client(k, http) for k in range(clients)))
        elapsed = time.perf_counter() - started
    return {"requests": len(latencies), "errors": errors, "elapsed": elapsed,
            "median": statistics.median(latencies), "p95": p95(latencies)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--rounds", type=int, default=5, help="warm rounds of the page list")
    parser.add_argument("--db-dir", type=Path, default=None, help="keep the store here")
    args = parser.parse_args()
    work = args.db_dir or Path(tempfile.mkdtemp(prefix="mrt-bench-serve-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / f"serve_{args.postings}.sqlite"
    url = f"sqlite:///{db}"
    if not db.exists():
        print(f"building a store of {args.postings:,} postings...", file=sys.stderr)
        print(f"store built in {build(url, args.postings):.1f} s", file=sys.stderr)
    docx_path = work / "sample_resume.docx"
    docx_path.write_bytes(docx_resume())
    process, base, startup = start_server(url, work / "serve.log")
    try:
        print(f"mrt serve on {args.postings:,} postings (SQLite, loopback)")
        print(
            f"  start-up (store, extractor, market index, unfiltered demand view): {startup:.1f} s"
        )
        table, every = time_pages(base, page_urls(args.postings, random.Random(1)), args.rounds)
        print(f"\n{'page':36}{'first (cold)':>14}{'warm median':>14}{'warm p95':>12}")
        for name, (first, median, high) in table.items():
            print(
                f"{name:36}{first * 1000:>11.0f} ms{median * 1000:>11.0f} ms{high * 1000:>9.0f} ms"
            )
        print(f"{'every warm page request: p95':36}{'':14}{'':14}{p95(every) * 1000:>9.0f} ms"
              f"   (target < 300 ms; {len(every)} requests)")  # fmt: skip
        resume_md = SAMPLE_RESUME.read_bytes()
        uploads = time_uploads(base, [("sample_resume.md", resume_md),
                                      ("sample_resume.docx", docx_path.read_bytes())], 7)  # fmt: skip
        cli = {"sample_resume.md": time_cli(url, SAMPLE_RESUME, 3),
               "sample_resume.docx": time_cli(url, docx_path, 3)}  # fmt: skip
        print(f"\n{'resume':24}{'upload median':>15}{'upload p95':>12}{'mrt match (process)':>22}")
        for name, times in uploads.items():
            print(f"{name:24}{statistics.median(times):>13.2f} s{p95(times):>10.2f} s"
                  f"{statistics.median(cli[name]):>20.2f} s")  # fmt: skip
        print("  (target: upload < 1.5 s; mrt match includes Python start-up and loading spaCy)")
        result = asyncio.run(load_test(base, args.clients, args.seconds, args.postings, resume_md))
        print(f"\nload: {args.clients} concurrent clients for {args.seconds:.0f} s "
              f"(pages, 1 request in 20 a resume upload)")  # fmt: skip
        print(f"  {result['requests']:,} requests in {result['elapsed']:.1f} s "
              f"({result['requests'] / result['elapsed']:.0f}/s), median "
              f"{result['median'] * 1000:.0f} ms, p95 {result['p95'] * 1000:.0f} ms, "
              f"errors: {len(result['errors'])}"
              + (f" ({', '.join(sorted(set(result['errors'])))})" if result["errors"] else ""))  # fmt: skip
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    if os.environ.get("MRT_BENCH_SHOW_LOG"):
        print((work / "serve.log").read_text(errors="replace")[-3000:])


if __name__ == "__main__":
    main()
