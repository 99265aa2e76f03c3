"""`mrt crawl` and `mrt run` against hostile sources files and servers: one line and exit 2
for a bad file, a bounded process for a gzip bomb, exit 0 when robots.txt refuses a URL."""

from __future__ import annotations

import gzip
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from localboard import LocalBoard, Reply, greenhouse_job

from pipelines.cli import cli

pytestmark = pytest.mark.timeout(120)
MRT = str(Path(sys.executable).with_name("mrt"))
CODER = "<p>Assign ICD-10-CM and CPT codes.</p><ul><li>CPC or CCS required</li></ul>"
# A crawl of a small board peaks at about 0.4 GB of address space (threads reserve their
# stacks and malloc arenas); the bomb below inflates to 3 GB without a cap.
ADDRESS_SPACE = 1024**3
# Should validation ever let an entry through, its crawl meets a closed local port, not
# the internet.
OFFLINE = "  api_url: http://127.0.0.1:9\n"


@pytest.mark.parametrize("command", ["crawl", "run"])
@pytest.mark.parametrize(
    ("entry", "named"),
    [
        ("- kind: jsonld\n  sitemap: file:///etc/passwd\n", "sitemap must be an http(s) URL"),
        ("- kind: jsonld\n  start_urls: [file:///etc/shadow]\n", "start_urls must be"),
        ("- kind: greenhouse\n  board: x\n  api_url: file:///srv\n", "api_url must be"),
        ("- kind: lever\n  site: x\n  max_response_mb: lots\n" + OFFLINE, "max_response_mb must"),
    ],
)
def test_a_non_web_url_in_the_sources_file_exits_2_with_one_line(
    tmp_path: Path, command: str, entry: str, named: str
) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text("- kind: lever\n  site: fine\n" + OFFLINE + entry)
    args = [command, "--sources", str(sources), "--db", f"sqlite:///{tmp_path / 'm.sqlite'}"]
    if command == "run":
        args += ["--out", str(tmp_path / "reports")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    (line,) = result.output.strip().splitlines()
    assert line.startswith("Error: sources.yaml entry 2 (") and named in line


def limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def alias_bomb() -> str:
    """~700 bytes of YAML whose ``series`` is 9**9 strings once its aliases are expanded."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]")
    return "\n".join([*lines, "sources:", "  - kind: usajobs", "    series: *i", ""])


def test_an_alias_bomb_sources_file_exits_2_at_once(tmp_path: Path) -> None:
    sources = tmp_path / "sources.yaml"
    sources.write_text(alias_bomb())
    assert sources.stat().st_size < 1000
    started = time.monotonic()
    done = subprocess.run([MRT, "crawl", "--sources", str(sources)], capture_output=True,
                          text=True, timeout=60, cwd=tmp_path,
                          preexec_fn=limit_address_space)  # fmt: skip
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert "aliases" in line and time.monotonic() - started < 30


def test_mrt_crawl_survives_a_gzip_bomb_in_bounded_memory(tmp_path: Path) -> None:
    member = gzip.compress(b"\0" * (10 * 1024 * 1024), compresslevel=9)
    bomb = member * (3 * 1024 * 1024 // len(member))  # ~3 MB, inflating to ~3 GB
    jobs = [greenhouse_job("calm", n, "Medical Coder", CODER) for n in (1, 2)]
    db = f"sqlite:///{tmp_path / 'mrt.sqlite'}"
    with LocalBoard() as board:
        board.route("/v1/boards/bomb/jobs?content=true", Reply(body=bomb, headers={
            "Content-Type": "application/json", "Content-Encoding": "gzip"}))  # fmt: skip
        board.json("/v1/boards/calm/jobs?content=true", {"jobs": jobs})
        sources = tmp_path / "sources.yaml"
        sources.write_text(
            f"- kind: greenhouse\n  board: bomb\n  api_url: {board.url}\n"
            f"- kind: greenhouse\n  board: calm\n  pay: false\n  api_url: {board.url}\n"
        )
        done = subprocess.run([MRT, "crawl", "--sources", str(sources), "--db", db],
                              capture_output=True, text=True, timeout=90,
                              preexec_fn=limit_address_space)  # fmt: skip
    assert done.returncode == 1, done.stderr  # the bombed feed failed, nothing crashed
    assert "MemoryError" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == "Failed or empty: greenhouse:bomb"
    assert "greenhouse:calm" in done.stdout and "complete" in done.stdout


def test_a_robots_txt_refusal_does_not_fail_mrt_crawl(tmp_path: Path) -> None:
    page = (
        '<script type="application/ld+json">{"@type": "JobPosting", "identifier": "%s",'
        ' "title": "Medical Records Technician", "description": "RHIT required."}</script>'
    )
    with LocalBoard() as board:
        board.route("/robots.txt", Reply(body="User-agent: *\nDisallow: /private/\n"))
        board.route("/sitemap.xml", Reply(body=(
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<url><loc>{board.url}/jobs/1</loc></url>"
            f"<url><loc>{board.url}/private/2</loc></url></urlset>")))  # fmt: skip
        board.route("/jobs/1", Reply(body=page % "1", headers={"Content-Type": "text/html"}))
        board.route("/private/2", Reply(body=page % "2", headers={"Content-Type": "text/html"}))
        sources = tmp_path / "sources.yaml"
        sources.write_text(f"- kind: jsonld\n  sitemap: {board.url}/sitemap.xml\n")
        db = f"sqlite:///{tmp_path / 'mrt.sqlite'}"
        result = CliRunner().invoke(cli, ["crawl", "--sources", str(sources), "--db", db])
        assert board.hits["/private/2"] == 0
    assert result.exit_code == 0, result.output
    assert "complete" in result.output
