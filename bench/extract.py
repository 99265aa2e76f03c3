"""Benchmark: postings/s of the whole extraction beside the bare spaCy tokenizer, and peak memory.

Usage: python bench/extract.py [--postings 5000] [--batch-size 256]

Generates a corpus of varied synthetic postings (HTML and plain text, messy bullets,
boilerplate, pay lines) from fragments, then times
  1. the bare tokenizer (`nlp.make_doc`) over the postings' plain text, and
  2. what `mrt extract` runs minus the database: `Extractor.extract_many` on the postings
     (HTML to text, tokenizer, term rulers, requirement reader, relevance),
and prints both rates and their ratio (target: extraction within 3x of the tokenizer).
Peak traced memory of streaming extraction is measured at two corpus sizes: flat means
the pipeline streams.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipelines.extract import load_extractor  # noqa: E402
from pipelines.extract.text import posting_text  # noqa: E402

TITLES = [
    "Medical Records Technician", "Inpatient Coder II", "Outpatient Coding Specialist",
    "Release of Information Specialist", "Cancer Registrar", "CDI Specialist",
    "HIM Technician", "Medical Records Clerk", "Medical Assistant", "Medical Billing Representative",
]  # fmt: skip
ABOUT = [
    "{c} is a {n}-bed hospital serving {n} counties. Our team includes RNs and RHIAs.",
    "{c} places nurses, therapists and HIM pros in {n} states. Weekly pay, 401k after 90 days.",
    "For {n} years {c} has cared for families. Our values: respect, teamwork and customer service.",
]
DUTIES = [
    "Assign ICD-10-CM, ICD-10-PCS and CPT® codes to inpatient encounters in Epic.",
    "Validate MS-DRG and APR-DRG assignment using 3M 360 Encompass.",
    "Perform deficiency analysis and track incomplete records in MEDITECH.",
    "Scan and index outside records into the EHR; maintain the master patient index.",
    "Process requests for medical records and verify authorizations under HIPAA.",
    "Abstract cancer cases for the registry using ICD-O-3.",
    "Send compliant physician queries to improve clinical documentation.",
    "Select E/M levels and apply NCCI edits before claims are released.",
    "Key in demographic updates (data entry) at 40 wpm.",
]
REQUIRED = [
    "RHIT or RHIA, or RHIT-eligible", "CPC, CCS, or COC certification", "High school diploma or GED",
    "Associate degree in Health Information Management", "{n} years of coding experience",
    "Minimum three (3) years of inpatient coding", "CCS required within 12 months of hire",
    "Knowledge of medical terminology, anatomy and physiology", "Microsoft Office (Word, Excel)",
    "One of the following: CCA, CCS, CCS-P, or CPC", "Six months of experience in a medical office",
]  # fmt: skip
PREFERRED = [
    "CRC",
    "Bachelor's degree",
    "Experience with Cerner",
    "CDIP a plus",
    "1 year of HCC coding",
]
PAY = [
    "$18.50 - $24.75/hr",
    "$54K–$66K",
    "$61,200 - $78,900 / year",
    "Starting at $16.40/hr, up to $18.90",
]


def _posting(rng: random.Random, i: int) -> dict:
    company = (
        f"{rng.choice(['Harrow', 'Bay', 'Cedar', 'North'])} {rng.choice(['Health', 'Clinic'])}"
    )
    n = rng.randint(2, 300)
    fill = lambda s: s.format(c=company, n=n)  # noqa: E731
    about = fill(rng.choice(ABOUT))
    duties = rng.sample(DUTIES, rng.randint(3, 6))
    required = [fill(r) for r in rng.sample(REQUIRED, rng.randint(3, 6))]
    preferred = rng.sample(PREFERRED, rng.randint(1, 3))
    pay = rng.choice(PAY)
    if rng.random() < 0.5:
        body = (
            f"<p><strong>About {company}</strong></p><p>{about}</p><p><strong>Responsibilities</strong></p>"
            + "<ul>" + "".join(f"<li>{d}</li>" for d in duties) + "</ul>"
            + "<p><strong>Requirements</strong></p><ul>" + "".join(f"<li>{r}</li>" for r in required) + "</ul>"
            + "<p><b>Nice to have:</b><br>" + "<br>".join(f"- {p}" for p in preferred) + "</p>"
            + f"<p>Pay: {pay}. Tuition assistance up to $3,000 per year.</p><p>{company} is an EOE.</p>"
        )  # fmt: skip
    else:
        bullet = rng.choice(["•", "-", "*", "·"])
        body = (
            f"{about}\n\nDUTIES:\n" + "\n".join(f"{bullet} {d}" for d in duties)
            + "\n\nQualifications: " + f" {bullet} ".join(required)
            + "\nPreferred: " + "; ".join(preferred) + f"\n\nCompensation: {pay}\n\nBenefits\nMedical, dental, 401(k)."
        )  # fmt: skip
    return {"id": i, "title": rng.choice(TITLES), "company": company, "description": body}


def corpus(size: int, seed: int = 7) -> Iterator[dict]:
    rng = random.Random(seed)
    for i in range(size):
        yield _posting(rng, i)


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds else float("inf")


def peak_memory_mb(extractor, size: int, batch_size: int) -> float:
    tracemalloc.start()
    for _ in extractor.extract_many(corpus(size, seed=11), batch_size=batch_size):
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--postings", type=int, default=5000)
    ap.add_argument("--batch-size", type=int, default=256)
    args = ap.parse_args()
    extractor = load_extractor()
    postings = list(corpus(args.postings))
    texts = [posting_text(p) for p in postings]
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(postings)} postings, {words / len(postings):.0f} words each on average")

    # Warm up both paths once (pattern compilation, lazy imports).
    list(extractor.extract_many(postings[:50]))
    for t in texts[:50]:
        extractor.nlp.make_doc(t)

    start = time.perf_counter()
    for t in texts:
        extractor.nlp.make_doc(t)
    tokenizer_rate = _rate(len(texts), time.perf_counter() - start)

    start = time.perf_counter()
    relevant = sum(
        1 for r in extractor.extract_many(postings, batch_size=args.batch_size) if r["relevant"]
    )
    extract_rate = _rate(len(postings), time.perf_counter() - start)

    print(f"bare tokenizer (nlp.make_doc):  {tokenizer_rate:10.0f} postings/s")
    print(
        f"whole extraction (extract_many): {extract_rate:10.0f} postings/s  ({relevant} relevant)"
    )
    print(f"ratio tokenizer/extraction:     {tokenizer_rate / extract_rate:10.2f}x  (target <= 3x)")
    small, large = args.postings // 2, args.postings
    mem_small = peak_memory_mb(extractor, small, args.batch_size)
    mem_large = peak_memory_mb(extractor, large, args.batch_size)
    print(f"peak traced memory: {mem_small:.1f} MB at {small} postings, {mem_large:.1f} MB at {large}"
          f" (ratio {mem_large / mem_small:.2f}; flat ~ 1.0)")  # fmt: skip


if __name__ == "__main__":
    main()
