"""End to end in a real Chromium (Playwright driving Debian's /usr/bin/chromium): the pages
work without any script, the app's stylesheet applies under its CSP, and a person can
upload a resume, open a gap's postings, filter the demand tables and read a posting.

Screenshots land in ``test-artifacts/web/`` at the repository root (git-ignored). Without
Chromium (`.ci/run` installs Debian's package) these tests skip.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from web.conftest import ARTIFACTS, RESUME_LINES, docx_bytes

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("chromium is not installed at /usr/bin/chromium (.ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    opened = context.new_page()
    problems: list[str] = []
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    opened.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    opened.base = live_server.url  # type: ignore[attr-defined]
    opened.problems = problems  # type: ignore[attr-defined]
    yield opened
    # what failed while the test used the page; a request still in flight (the favicon)
    # is aborted by closing the context, which is no failure of the app
    seen = list(problems)
    context.close()
    assert not seen, seen


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _number(text: str) -> float:
    return float(text.strip().replace(",", "").rstrip("%"))


def test_upload_a_docx_resume_read_the_score_and_open_a_gaps_postings(page, tmp_path):
    resume = tmp_path / "jordan.docx"
    resume.write_bytes(docx_bytes(*RESUME_LINES))
    page.goto(page.base + "/")
    header = page.locator("header.top")
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(31, 95, 139)"
    page.set_input_files("input[name=resume]", str(resume))
    _shot(page, "home")
    page.click("form[action='/match'] button[type=submit]")
    score = page.locator("[data-score]")
    assert 0 < _number(score.inner_text()) <= 100
    assert page.locator("table[data-table=gaps] tbody tr").count() > 0
    _shot(page, "result")

    gap = page.locator("a.gap-postings").first
    gap_name = gap.locator("xpath=ancestor::tr/td[1]").inner_text().split("\n")[0]
    gap.click()
    assert "/postings?" in page.url and "table=" in page.url
    assert page.locator("[data-figure]").is_visible()
    assert _number(page.locator("[data-total]").inner_text()) > 0
    assert page.locator("table[data-table=postings] tbody tr").count() > 0
    assert gap_name.split(" (")[0][:4].lower() in page.locator("[data-figure]").inner_text().lower()
    _shot(page, "gap-postings")


def test_filter_demand_by_state_and_see_the_numbers_change(page):
    page.goto(page.base + "/demand")
    everything = _number(page.locator("[data-n]").inner_text())
    rhit_all = page.locator("table[data-table=credentials] tbody tr").first.inner_text()
    page.select_option("form.filters select[name=state]", "OK")
    page.click("form.filters button[type=submit]")
    assert "state=OK" in page.url
    in_ok = _number(page.locator("[data-n]").inner_text())
    assert 0 < in_ok < everything
    assert page.locator("table[data-table=credentials] tbody tr").first.inner_text() != rhit_all
    assert page.locator("svg[data-chart=credentials]").is_visible()
    _shot(page, "demand-ok")
    # A number opens the postings behind it, with the same filter.
    link = page.locator("table[data-table=by_employer] tbody tr td.num a").first
    expected = _number(link.inner_text())
    link.click()
    assert _number(page.locator("[data-total]").inner_text()) == expected
    assert "state=OK" in page.url


def test_open_a_posting_page(page):
    page.goto(page.base + "/postings?q=coder")
    first = page.locator("table[data-table=postings] tbody tr a").first
    title = first.inner_text()
    first.click()
    assert page.locator("h1[data-title]").inner_text() == title
    assert page.locator("pre[data-posting-text] mark").count() > 0
    assert page.locator("table[data-table=labels] tbody tr").count() > 0
    _shot(page, "posting")


def test_hostile_posting_stays_text(page):
    page.goto(page.base + "/postings?q=onerror")
    page.locator("table[data-table=postings] tbody tr a").first.click()
    title = page.locator("h1[data-title]").inner_text()
    assert title.startswith("<script>alert('title')</script>")
    assert page.locator("main script, main iframe, main img").count() == 0
    _shot(page, "hostile-posting")
