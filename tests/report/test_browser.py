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


def test_report_renders_in_chromium_with_its_charts(report_store, tmp_path):
    browser = _chromium()
    html = write_report(report_store, tmp_path / "report.html", day=date(2026, 4, 10))
    dom = _run(browser, tmp_path / "profile-dom", "--dump-dom", html.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    page = dom.stdout
    for chart in CHARTS:
        assert f'data-chart="{chart}"' in page, chart
    assert page.count("<rect") > 40 and "<polyline" in page
    # The hostile title is text in the DOM, never an element.
    assert "&lt;script&gt;alert('title')&lt;/script&gt; Coder" in page
    assert HOSTILE_TITLE not in page
    assert "onerror" not in page.replace('onerror="alert(1)"&gt;', "")

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    shot.unlink(missing_ok=True)
    done = _run(
        browser,
        tmp_path / "profile-shot",
        "--hide-scrollbars",
        "--window-size=1280,5200",
        f"--screenshot={shot}",
        html.as_uri(),
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert shot.stat().st_size > 50_000
