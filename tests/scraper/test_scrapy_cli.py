"""`scrapy list` and `scrapy crawl <kind> -a ...` work from the repository root."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import rows
from localboard import LocalBoard, greenhouse_job

ROOT = Path(__file__).resolve().parents[2]
SCRAPY = str(Path(sys.executable).with_name("scrapy"))


def test_scrapy_list() -> None:
    result = subprocess.run([SCRAPY, "list"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == sorted([
        "ashby", "greenhouse", "jsonld", "lever", "smartrecruiters", "usajobs",
        "usajobs_historic", "workday",
    ])  # fmt: skip


def test_scrapy_crawl_with_arguments(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'mrt.sqlite'}"
    with LocalBoard() as board:
        jobs = [greenhouse_job("acme", 1, "Medical Coder", "<p>CPC required</p>"),
                greenhouse_job("acme", 2, "Line Cook", "<p>Grill</p>")]  # fmt: skip
        board.json("/v1/boards/acme/jobs?content=true", {"jobs": jobs})
        result = subprocess.run(
            [SCRAPY, "crawl", "greenhouse", "-a", "board=acme", "-a", f"api_url={board.url}",
             "-a", "pay=false", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0",
             "-s", f"MRT_DB_URL={db}"],
            cwd=ROOT, capture_output=True, text=True, timeout=60,
            env={**os.environ, "MRT_DB": ""},
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    stored = rows(db)
    assert [(r["source_id"], r["feed"]) for r in stored] == [("acme:1", "greenhouse:acme")]
    assert "mrt/dropped/not_relevant" in result.stderr
