"""Sources validation, tolerant JSON-LD parsing, Retry-After and api_url helpers."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from scraper.jsonld import iter_job_postings, job_postings_in_html, parse_json_ld
from scraper.middlewares import cassette_name, retry_after_seconds
from scraper.sources import SourcesError, load_sources, parse_sources
from scraper.spiders.base import as_bool, as_list, with_host


def test_feed_keys_and_defaults() -> None:
    sources = parse_sources([
        {"kind": "greenhouse", "board": "acme"},
        {"kind": "workday", "url": "https://x.wd5.myworkdayjobs.com/wday/cxs/x/External"},
        {"kind": "usajobs"},
        {"kind": "jsonld", "sitemap": "https://careers.example.org/sitemap.xml"},
        {"kind": "lever", "site": "acme", "name": "acme-eu"},
        {"kind": "ashby", "board": "off", "enabled": False},
    ])  # fmt: skip
    assert [s["feed"] for s in sources] == [
        "greenhouse:acme", "workday:x/External", "usajobs:0675-0669",
        "jsonld:careers.example.org", "lever:acme-eu",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([{"kind": "monster"}], "unknown kind 'monster'"),
        ([{"kind": "lever"}], "lever needs the parameter 'site'"),
        (
            [{"kind": "lever", "site": "a", "colour": "red"}],
            "unknown parameter(s) for lever: colour",
        ),
        ([{"kind": "jsonld"}], "jsonld needs 'sitemap' or 'start_urls'"),
        ([{"kind": "lever", "site": "a"}, {"kind": "lever", "site": "a"}], "listed twice"),
        ({"kind": "lever"}, "expected a list"),
        (["lever"], "must be a mapping"),
    ],
)
def test_invalid_sources(entries, message: str) -> None:
    with pytest.raises(SourcesError, match=None) as info:
        parse_sources(entries)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_malformed_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("- kind: lever\n  site: [oops\n")
    with pytest.raises(SourcesError, match="not valid YAML at line"):
        load_sources(path)


def test_json_ld_repairs() -> None:
    assert parse_json_ld('{"a": 1}') == [{"a": 1}]
    assert parse_json_ld('// note\n{"a": 1, /* x */ "b": [1, 2,],}') == [{"a": 1, "b": [1, 2]}]
    assert parse_json_ld('{"t": "line\x01break\tx"}') == [{"t": "line break\tx"}]
    assert parse_json_ld('{"a": 1}\n{"b": 2}') == [{"a": 1}, {"b": 2}]
    assert parse_json_ld('<!--\n{"a": 1}\n-->') == [{"a": 1}]
    assert parse_json_ld('{"a": ') == []


def test_job_postings_found_in_graphs_lists_and_typed_lists() -> None:
    doc = {"@graph": [{"@type": "WebPage"}, {"@type": ["JobPosting"], "title": "Coder"}]}
    assert [p["title"] for p in iter_job_postings(doc)] == ["Coder"]
    assert (
        len(
            list(
                iter_job_postings(
                    [{"@type": "JobPosting"}, {"@type": "http://schema.org/JobPosting"}]
                )
            )
        )
        == 2
    )
    html = ('<script type="application/ld+json">{"@type": "JobPosting", "title": "A"}</script>'
            '<script type="application/LD+JSON">{broken</script>')  # fmt: skip
    found, broken = job_postings_in_html(html)
    assert [p["title"] for p in found] == ["A"] and broken == 1


def test_retry_after_forms() -> None:
    now = datetime(2026, 11, 23, 12, 0, 0, tzinfo=timezone.utc)
    assert retry_after_seconds(b"7") == 7.0
    assert retry_after_seconds("Mon, 23 Nov 2026 12:00:30 GMT", now=now) == 30.0
    assert retry_after_seconds("Mon, 23 Nov 2026 11:00:00 GMT", now=now) == 0.0
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


def test_small_helpers() -> None:
    assert with_host("https://api.lever.co/v0/postings/x?mode=json", "http://127.0.0.1:8080") == (
        "http://127.0.0.1:8080/v0/postings/x?mode=json"
    )
    assert with_host("https://a/b", None) == "https://a/b"
    assert as_list("0675, 0669") == ["0675", "0669"] and as_list(["1"]) == ["1"]
    assert as_bool("false") is False and as_bool(None) is True
    assert cassette_name("workday:lakeshore/External") == "workday-lakeshore-External.yaml"
