"""An uploaded resume leaves no trace: not in the database, the server's log, its temporary
directory, any response header or URL, nor any response but the derived profile."""

from __future__ import annotations

import re

import httpx

from web.conftest import RESUME_LINES, docx_bytes, pdf_bytes

MARKER = "Zorblaxian Quettleworth"  # a name nobody has: it appears only in the resume


def _resumes() -> list[tuple[str, bytes]]:
    lines = (MARKER, *RESUME_LINES[1:], f"Reference: {MARKER} on request")
    text = "\n".join(lines).encode()
    return [
        ("resume.docx", docx_bytes(*lines)),
        ("resume.pdf", pdf_bytes(*lines)),
        ("resume.txt", text),
        ("broken.docx", b"PK\x03\x04" + text),  # refused, but read first
        ("note.txt", f"{MARKER} likes turtles.".encode()),  # no resume content found
    ]


def test_an_uploaded_resume_is_never_stored_logged_or_echoed(live_server):
    markers = [MARKER.encode(), MARKER.split()[1].encode(), MARKER.encode("utf-16-le")]
    responses: list[httpx.Response] = []
    with httpx.Client(base_url=live_server.url, timeout=60) as http:
        for name, data in _resumes():
            page = http.post("/match", files={"resume": (name, data)}, data={"state": ""})
            api = http.post("/api/match", files={"resume": (name, data)})
            responses += [page, api]
            assert page.status_code in (200, 400) and api.status_code in (200, 400)
        assert responses[0].status_code == 200  # the DOCX was read and matched
        # Follow every link and form of a result page: the profile travels, the text does not.
        result = responses[0].text
        hidden = re.findall(r'name="([^"]+)" value="([^"]*)"', result)
        fields: dict[str, list[str]] = {}
        for name, value in hidden:
            fields.setdefault(name, []).append(value)
        responses.append(http.post("/match/profile", data=fields))
        for href in sorted(set(re.findall(r'href="(/[^"]*)"', result)))[:25]:
            responses.append(http.get(href.replace("&amp;", "&")))
    for response in responses:
        blob = response.content + str(response.url).encode()
        blob += b"".join(k + b": " + v for k, v in response.headers.raw)
        for marker in markers:
            assert marker not in blob, (response.request.method, response.url)
    log = live_server.log.read_bytes()
    assert b"POST /match" in log  # the access log is there, and is clean
    for marker in markers:
        assert marker not in log
        for path in live_server.db_files:
            if path.exists():
                assert marker not in path.read_bytes(), path
        for path in live_server.tmpdir.rglob("*"):
            if path.is_file():
                assert marker not in path.read_bytes(), path
    assert live_server.process.poll() is None  # still serving
