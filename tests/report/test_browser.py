"""Open the HTML report in headless Chromium: charts rendered, hostile text inert, screenshot kept.

The screenshot lands in ``test-artifacts/report.png`` at the repository root for a human
to look at. ``.ci/run`` installs Debian's ``chromium``; without it this test skips.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from pipelines.report import write_report
from pipelines.store.db import open_store
from report.conftest import HOSTILE_TITLE

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHARTS = (
    "credentials",
    "skills",
    "education",
    "experience",
    "by_state",
    "weekly_trend",
    "monthly_credential_shares",
    "cooccurrence",
)


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("chromium is not installed (.ci/run installs Debian's chromium package)")


def _run(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def recorded_store(tmp_path_factory: pytest.TempPathFactory):
    """The bundled recordings of every source kind, crawled and extracted: a realistic report."""
    from pipelines.extract.batch import extract_pending
    from scraper.runner import RECORDINGS, crawl
    from scraper.sources import load_sources

    url = f"sqlite:///{tmp_path_factory.mktemp('recorded') / 'mrt.sqlite'}"
    crawl(load_sources(RECORDINGS / "sources.yaml"), url, replay=RECORDINGS, command="test")
    store = open_store(url)
    extract_pending(store)
    yield store
    store.dispose()


def test_hostile_text_stays_text_in_the_browser(report_store, tmp_path):
    browser = _chromium()
    html = write_report(report_store, tmp_path / "report.html", day=date(2026, 4, 10))
    dom = _run(browser, tmp_path / "profile-dom", "--dump-dom", html.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    page = dom.stdout
    # The hostile title is text in the DOM, never an element; no injected tag exists.
    assert "&lt;script&gt;alert('title')&lt;/script&gt; Coder" in page
    assert HOSTILE_TITLE not in page
    assert "<img" not in page and "<script" not in page
    assert 'data-chart="credentials"' in page


def test_report_renders_in_chromium_with_its_charts(recorded_store, tmp_path):
    browser = _chromium()
    html = write_report(recorded_store, tmp_path / "report.html")
    dom = _run(browser, tmp_path / "profile-dom", "--dump-dom", html.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    page = dom.stdout
    for chart in CHARTS:
        assert f'data-chart="{chart}"' in page, chart
    assert page.count("<rect") > 100
    assert "n = 25 postings" in page

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    shot.unlink(missing_ok=True)
    done = _run(
        browser,
        tmp_path / "profile-shot",
        "--hide-scrollbars",
        "--window-size=1280,7400",
        f"--screenshot={shot}",
        html.as_uri(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.stat().st_size > 100_000
