"""Every page and API endpoint of the web app, in-process, on the recorded store."""

from __future__ import annotations

import csv
import io
import re

import pytest

from web.conftest import (
    HOSTILE_COMPANY,
    HOSTILE_TITLE,
    RESUME_LINES,
    docx_bytes,
    pdf_bytes,
)

CSP = "content-security-policy"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _score(html: str) -> float:
    found = re.search(r"data-score>([\d.]+)<", html)
    assert found, _text(html)[:800]
    return float(found.group(1))


def _upload(client, name: str, data: bytes, **fields):
    return client.post("/match", files={"resume": (name, data)}, data=fields)


# ---------------------------------------------------------------- headers and static files


@pytest.mark.parametrize("path", ["/", "/demand", "/postings", "/api/demand", "/nope"])
def test_every_response_forbids_scripts_and_remote_sources(client, path):
    response = client.get(path)
    policy = response.headers[CSP]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert "unsafe-inline" not in policy and "http" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_pages_load_nothing_from_elsewhere(client):
    for path in ("/", "/demand", "/postings", "/postings/1"):
        html = client.get(path).text
        assert "<script" not in html
        assert not re.search(
            r'(?:src|href)="(?:https?:)?//(?!127\.0\.0\.1)', html.split("<main>")[0]
        )
        assert 'href="/static/style.css"' in html
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/docs").status_code == 404  # Swagger UI would load a CDN script


# ---------------------------------------------------------------- candidate pages


def test_home_has_both_forms(client):
    html = client.get("/").text
    assert 'action="/match" enctype="multipart/form-data"' in html
    assert 'name="resume"' in html and 'action="/match/profile"' in html
    assert 'name="cred.RHIT"' in html and 'name="skill"' in html


def test_docx_upload_shows_the_result(client):
    response = _upload(client, "resume.docx", docx_bytes(*RESUME_LINES))
    assert response.status_code == 200, _text(response.text)[:500]
    html = response.text
    assert 0 < _score(html) <= 100
    for section in ("Score breakdown", "Postings you qualify for now", "Gaps, most impact first",
                    "Strengths", "Next steps"):  # fmt: skip
        assert section in html
    assert 'name="cred.RHIT" value="held"' in html  # the derived profile, carried on
    assert 'class="gap-postings" href="/postings?' in html


def test_upload_kind_is_read_from_content_not_name(client):
    pdf = _upload(client, "resume.txt", pdf_bytes(*RESUME_LINES))
    assert pdf.status_code == 200 and _score(pdf.text) > 0
    profile = _upload(
        client, "me.pdf", b"credentials: [RHIT]\nskills: [Epic]\nyears_experience: 3\n"
    )
    assert profile.status_code == 200 and _score(profile.text) > 0


def test_state_and_remote_filters_narrow_the_market(client):
    everywhere = client.post("/match/profile", data={"cred.RHIT": "held", "skill": ["epic"]})
    ok_only = client.post(
        "/match/profile", data={"cred.RHIT": "held", "skill": ["epic"], "state": "OK"}
    )
    remote = client.post(
        "/match/profile", data={"cred.RHIT": "held", "skill": ["epic"], "remote": "1"}
    )
    counts = []
    for response in (everywhere, ok_only, remote):
        assert response.status_code == 200
        found = re.search(r"of ([\d,]+) postings", _text(response.text))
        counts.append(int(found.group(1).replace(",", "")) if found else 0)
    assert counts[0] > counts[1] > 0
    assert counts[0] > counts[2]
    assert "postings in OK" in _text(ok_only.text)


def test_profile_form_errors_are_one_line(client):
    empty = client.post("/match/profile", data={"state": ""})
    assert empty.status_code == 400 and "name at least one" in empty.text
    bad = client.post("/match/profile", data={"cred.XYZ": "held"})
    assert bad.status_code == 400 and "unknown credential" in bad.text
    state = client.post("/match/profile", data={"cred.RHIT": "held", "state": "Atlantis"})
    assert state.status_code == 400 and "not a US state" in state.text


def test_requirements_page_marks_met_and_unmet(client, services):
    from matcher.cache_tables import match_posting_needs

    with services.store.engine.connect() as conn:
        posting_id = conn.execute(match_posting_needs.select().limit(1)).first().posting_id
    response = client.post(
        f"/match/posting/{posting_id}", data={"cred.RHIT": "held", "skill": ["epic"], "years": "1"}
    )
    assert response.status_code == 200, _text(response.text)[:400]
    html = response.text
    assert 'data-table="requirements"' in html or "found no credential" in html
    assert "data-posting-text" in html and "data-qualified=" in html
    assert re.search(r'class="verdict v-(met|unmet|partly)"', html)
    missing = client.post("/match/posting/999999", data={"cred.RHIT": "held"})
    assert missing.status_code == 404


# ---------------------------------------------------------------- bad uploads


@pytest.mark.parametrize(
    ("name", "data", "status", "message"),
    [
        ("cv.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, 400, "old Word .doc"),
        ("cv.docx", b"PK\x03\x04 broken", 400, "damaged ZIP"),
        ("cv.pdf", b"%PDF-1.4\n%garbage with no pages", 400, "cannot read the PDF"),
        ("cv.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, 400, "an image"),
        ("cv.txt", bytes(range(256)) * 20, 400, "text"),
        ("cv.txt", b"   \n  ", 400, "empty"),
        ("cv.txt", b"Dear hiring manager, I like turtles.", 400, "no resume content"),
        ("cv.json", b'{"credentials": ', 400, "malformed JSON"),
    ],
)
def test_bad_files_get_the_cli_message_and_the_server_stays_up(client, name, data, status, message):
    response = _upload(client, name, data)
    assert response.status_code == status
    assert message in response.text
    assert 'role="alert"' in response.text  # shown on the upload page
    assert client.get("/").status_code == 200


def test_upload_size_limit(client, services):
    limit = services.settings.max_upload_bytes
    too_big = _upload(client, "big.txt", b"RHIT Epic " * (limit // 10 + 100))
    assert too_big.status_code == 413
    assert "size limit" in too_big.text
    api = client.post("/api/match", files={"resume": ("big.txt", b"x" * (limit + 1))})
    assert api.status_code == 413 and "size limit" in api.json()["error"]
    huge = client.post(
        "/match",
        content=b"x" * (limit + 200_000),
        headers={"content-type": "multipart/form-data; boundary=abc"},
    )
    assert huge.status_code == 413


def test_missing_file_and_wrong_content_type(client):
    assert _upload(client, "", b"").status_code == 400
    response = client.post("/match", content=b"hello", headers={"content-type": "text/plain"})
    assert response.status_code == 415


# ---------------------------------------------------------------- adviser pages


def _n(html: str) -> int:
    return int(re.search(r"data-n>([\d,]+)<", html).group(1).replace(",", ""))


def test_demand_page_has_every_table_and_chart(client, services):
    html = client.get("/demand").text
    view = services.demand.get(__import__("pipelines.demand", fromlist=["x"]).DemandFilters())
    for name in view.tables.tables:
        assert f'data-table="{name}"' in html, name
        assert f"/demand/{name}.csv" in html
    assert html.count("<svg") >= 6
    assert _n(html) == view.tables.n > 0


def test_demand_filters_change_the_numbers_and_validate(client):
    everything = _n(client.get("/demand").text)
    ok = _n(client.get("/demand?state=OK").text)
    assert 0 < ok < everything
    assert _n(client.get("/demand?state=OK&role=records").text) <= ok
    assert _n(client.get("/demand?since=2099-01-01").text) == 0
    bad = client.get("/demand?state=Oklahoma")
    assert bad.status_code == 400 and "two-letter" in bad.text
    assert client.get("/demand?since=yesterday").status_code == 400
    assert client.get("/demand?role=surgeon").status_code == 400


def test_each_figure_links_to_exactly_its_postings(client):
    html = client.get("/demand?state=OK").text
    links = re.findall(r'<td class="num"><a href="(/postings\?[^"]+)">([\d,]+)</a></td>', html)
    assert len(links) > 20
    for href, number in links[:40]:
        href = href.replace("&amp;", "&")
        page = client.get(href)
        assert page.status_code == 200
        total = int(re.search(r"data-total>([\d,]+)<", page.text).group(1).replace(",", ""))
        assert total == int(number.replace(",", "")), href
        assert "state=OK" in href


def test_csv_download_of_a_table(client):
    response = client.get("/demand/credentials.csv?state=OK")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and {"id", "postings", "required_share"} <= set(rows[0])
    assert client.get("/demand/nope.csv").status_code == 404


def test_postings_search_filters_and_pagination(client, services):
    first = client.get("/postings")
    total = int(re.search(r"data-total>([\d,]+)<", first.text).group(1).replace(",", ""))
    assert total > services.settings.page_size
    assert 'rel="next"' in first.text
    second = client.get("/postings?page=2")
    ids = lambda html: re.findall(r'data-posting="(\d+)"', html)  # noqa: E731
    assert set(ids(first.text)).isdisjoint(ids(second.text))
    assert len(ids(first.text)) == services.settings.page_size
    coder = client.get("/postings?q=coder")
    assert 0 < len(ids(coder.text)) < total
    assert client.get("/postings?q=zzzznotaword").text.count("data-posting=") == 0
    ok = client.get("/postings?state=OK")
    assert "OK" in ok.text and len(ids(ok.text)) > 0
    assert client.get("/postings?page=0").status_code == 400
    assert client.get("/postings?table=nope").status_code == 400
    assert client.get("/postings?page=999").status_code == 200


def test_posting_page_highlights_requirements_and_404(client):
    response = client.get("/postings/1")
    assert response.status_code == 200
    assert '<mark class="lvl-' in response.text
    assert client.get("/postings/987654").status_code == 404
    assert client.get("/postings/abc").status_code == 400


def test_hostile_posting_text_is_escaped_everywhere(client, services):
    ids = sorted(services.search().matches("onerror"))
    assert ids
    pages = [
        client.get(f"/postings/{ids[0]}").text,
        client.get("/postings?q=onerror").text,
        client.get("/demand").text,
        client.get("/demand?state=OK").text,
        client.post(f"/match/posting/{ids[0]}", data={"cred.RHIT": "held"}).text,
    ]
    for html in pages:
        assert "<script>alert" not in html
        assert "<img src=x" not in html and "<iframe" not in html
        assert 'href="javascript:' not in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in pages[0]
    assert "&lt;iframe" in pages[0]
    record = client.get(f"/api/postings/{ids[0]}").json()
    assert record["title"] == HOSTILE_TITLE and record["company"] == HOSTILE_COMPANY
    employers = client.get("/demand/by_employer.csv").text
    assert HOSTILE_COMPANY.replace('"', '""') in employers


# ---------------------------------------------------------------- the JSON API


def test_api_match_with_a_file_and_with_a_profile(client):
    upload = client.post("/api/match", files={"resume": ("r.docx", docx_bytes(*RESUME_LINES))})
    assert upload.status_code == 200, upload.text
    body = upload.json()
    for key in ("score", "breakdown", "qualified_share", "postings_considered",
                "qualified_postings", "gaps", "strengths", "next_steps", "profile"):  # fmt: skip
        assert key in body
    profile = client.post(
        "/api/match?state=OK",
        json={"credentials": ["RHIT"], "skills": ["Epic"], "years_experience": 2},
    )
    assert profile.status_code == 200
    assert profile.json()["filters"]["state"] == "OK"
    assert profile.json()["postings_considered"] < body["postings_considered"]


def test_api_match_errors_are_json(client):
    bad = client.post(
        "/api/match", files={"resume": ("cv.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")}
    )
    assert bad.status_code == 400 and "old Word" in bad.json()["error"]
    assert client.post("/api/match", json=[1, 2]).status_code == 400
    assert client.post("/api/match", json={"credentials": ["NOPE"]}).status_code == 400
    assert (
        client.post(
            "/api/match", content=b"{", headers={"content-type": "application/json"}
        ).status_code
        == 400
    )
    assert client.post("/api/match").status_code == 415


def test_api_demand_matches_the_report_json(client, services):
    body = client.get("/api/demand?state=OK").json()
    assert body["filters"] == "state OK"
    assert {"credentials", "skills", "by_state", "tables", "methodology"} <= set(body)
    assert client.get("/api/demand?state=nowhere").status_code == 400
    assert "error" in client.get("/api/demand?state=nowhere").json()


def test_api_postings_pages_and_figures(client):
    body = client.get("/api/postings?state=OK").json()
    assert body["total"] > 0 and body["postings"]
    assert all(p["state"] == "OK" for p in body["postings"])
    assert "description" not in body["postings"][0]
    figure = client.get("/api/postings?table=credentials&key=RHIT&count=postings").json()
    assert figure["figure"].startswith("Credentials asked for")
    assert client.get("/api/postings?page=0").status_code == 400


def test_openapi_schema_lists_the_api(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    assert {"/api/match", "/api/demand", "/api/postings"} <= set(paths)
    body = paths["/api/match"]["post"]["requestBody"]["content"]
    assert {"multipart/form-data", "application/json"} <= set(body)
    assert "/demand" not in paths  # pages are not API


def test_the_app_only_reads_the_store(services):
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    with pytest.raises(DBAPIError), services.store.engine.begin() as conn:
        conn.execute(text("UPDATE postings SET title = 'x' WHERE id = 1"))


def test_a_missing_store_is_refused_at_start(tmp_path):
    from pipelines.store.db import StoreError
    from pipelines.web.services import load_services
    from pipelines.web.settings import WebSettings

    with pytest.raises(StoreError, match="no database"):
        load_services(WebSettings(db_url=f"sqlite:///{tmp_path / 'missing.sqlite'}"))
    assert not (tmp_path / "missing.sqlite").exists()


@pytest.mark.postgres
def test_on_postgresql_pages_answer_and_writes_are_refused(postgres_url):
    from fastapi.testclient import TestClient
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from pipelines.web.app import create_app
    from pipelines.web.settings import WebSettings
    from web.conftest import build_store

    build_store(postgres_url)
    with TestClient(create_app(WebSettings(db_url=postgres_url))) as pg:
        assert _n(pg.get("/demand?state=OK").text) > 0
        assert pg.get("/postings?q=coder").status_code == 200
        matched = pg.post("/match/profile", data={"cred.RHIT": "held", "skill": ["epic"]})
        assert _score(matched.text) > 0
        store = pg.app.state.services.store
        with pytest.raises(DBAPIError, match="read-only"), store.engine.begin() as conn:
            conn.execute(text("UPDATE postings SET title = 'x' WHERE id = 1"))
