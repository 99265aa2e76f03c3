"""Fixtures of the web app's tests: one realistic store, the app in-process, `mrt serve` live.

The store is the bundled recordings of every source kind, crawled and extracted (as `mrt
demo` does), plus imported postings whose title, employer and text are hostile HTML.
``client`` talks to the app in-process; ``live_server`` runs the real `mrt serve` in a
subprocess on a free loopback port, with its output in a log file the privacy test reads.
"""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

HOSTILE_TITLE = "<script>alert('title')</script> Medical Records Technician"
HOSTILE_COMPANY = '"><img src=x onerror=alert(1)> Clinic'
HOSTILE_TEXT = (
    "Medical Records Technician wanted. <script>alert('text')</script>\n"
    "Requirements: RHIT required. Epic experience preferred. "
    "<iframe src=https://evil.example/></iframe> 2 years of experience required.\n"
    '<a href="javascript:alert(2)">apply</a>'
)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"


def hostile_postings() -> list[dict]:
    """Store rows whose title, employer, text and link are hostile HTML, as literal text."""
    return [
        {
            "source": "import:test",
            "source_id": f"hostile-{i}",
            "feed": "import:test",
            "url": "javascript:alert(3)",
            "title": HOSTILE_TITLE,
            "company": HOSTILE_COMPANY,
            "city": "Tulsa",
            "state": "OK",
            "description": HOSTILE_TEXT,
        }
        for i in (1, 2)
    ]


def build_store(url: str) -> None:
    """Crawl the recordings, add the hostile postings, extract, build the market index."""
    from pipelines.flow import crawl_recordings, extract_stage
    from pipelines.store.db import open_store
    from pipelines.store.postings import PostingWriter

    crawl_recordings(url, command="test")
    store = open_store(url)
    try:
        PostingWriter(store).upsert(hostile_postings())
        extract_stage(store)
    finally:
        store.dispose()


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    work = tmp_path_factory.mktemp("web-store")
    url = f"sqlite:///{work / 'mrt.sqlite'}"
    build_store(url)
    return url


@pytest.fixture(scope="session")
def services(web_store: str):
    from pipelines.web.services import load_services
    from pipelines.web.settings import WebSettings

    loaded = load_services(WebSettings(db_url=web_store, max_upload_bytes=200_000))
    yield loaded
    loaded.close()


@pytest.fixture(scope="session")
def client(services):
    from fastapi.testclient import TestClient

    from pipelines.web.app import create_app

    with TestClient(create_app(services.settings, services)) as test_client:
        yield test_client


def docx_bytes(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(*lines: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


RESUME_LINES = (
    "Jordan Example",
    "Tulsa, OK 74101",
    "Certifications",
    "RHIT, Registered Health Information Technician (AHIMA), 2019",
    "Skills",
    "Epic, ICD-10-CM, CPT, release of information, HIPAA, chart analysis, scanning and indexing",
    "Experience",
    "Health Information Technician, Tulsa Regional Hospital, 03/2019 - Present",
    "Education",
    "Associate of Applied Science, Health Information Technology, 2018",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveServer:
    url: str
    log: Path
    tmpdir: Path
    db_files: list[Path]
    process: subprocess.Popen


@pytest.fixture(scope="session")
def live_server(web_store: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """`mrt serve` in a subprocess on 127.0.0.1 and a free port, its output in a log file,
    its temporary directory a fresh one (so the privacy test can look in it)."""
    work = tmp_path_factory.mktemp("live")
    tmpdir = work / "tmp"
    tmpdir.mkdir()
    log = work / "serve.log"
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmpdir), "MRT_UPLOAD_MAX_BYTES": "300000"}
    cmd = [sys.executable, "-c", "from pipelines.cli import main; main()", "serve",
           "--db", web_store, "--port", str(port), "--log-level", "info"]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"mrt serve exited: {log.read_text(errors='replace')[-2000:]}")
            try:
                if httpx.get(url + "/static/style.css", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("mrt serve did not answer within 90 s")
            time.sleep(0.3)
        database = Path(web_store.removeprefix("sqlite:///"))
        files = [database.with_name(database.name + s) for s in ("", "-wal", "-shm")]
        yield LiveServer(url, log, tmpdir, files, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
