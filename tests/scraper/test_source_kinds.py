"""A source kind is declared once, on its spider class: the sources validator, feed names
and the documented table of kinds all agree with the declarations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scraper.sources import SourcesError, feed_key, validate_source
from scraper.spiders import SPIDERS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "crawl.md"


def _documented() -> dict[str, set[str]]:
    """kind -> the parameters the docs' table of kinds names (in backticks)."""
    rows = {}
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and re.fullmatch(r"`\w+`", cells[0]) and cells[0][1:-1] in SPIDERS:
            # backticked names outside parentheses (those explain a value or an API field)
            names = set(re.findall(r"`([a-z_]+)`", re.sub(r"\([^)]*\)", "", cells[1])))
            rows[cells[0][1:-1]] = names
    return rows


def test_the_documented_table_lists_every_kind_with_its_parameters() -> None:
    documented = _documented()
    assert set(documented) == set(SPIDERS)
    for kind, spider in SPIDERS.items():
        declared = set(spider.params_required) | set(spider.params_optional)
        # api_url is documented once for every API kind, above the table
        assert documented[kind] == declared - {"api_url"}, kind


@pytest.mark.parametrize("kind", sorted(SPIDERS))
def test_a_required_parameter_is_required(kind: str) -> None:
    spider = SPIDERS[kind]
    for name in spider.params_required:
        with pytest.raises(SourcesError, match=f"needs the parameter '{name}'"):
            validate_source({"kind": kind}, "entry 1")
    with pytest.raises(SourcesError, match="unknown parameter"):
        validate_source(
            {"kind": kind, "bogus": 1, **dict.fromkeys(spider.params_required, "x")}, "e"
        )


def test_feed_names_come_from_the_spider() -> None:
    assert feed_key({"kind": "greenhouse", "board": "acme/"}) == "greenhouse:acme"
    url = "https://acme.wd5.myworkdayjobs.com/wday/cxs/acme/Careers"
    assert feed_key({"kind": "workday", "url": url}) == "workday:acme/Careers"
    assert feed_key({"kind": "usajobs"}) == "usajobs:0675-0669"
    assert feed_key({"kind": "jsonld", "start_urls": ["https://jobs.example.org/a"]}) == (
        "jsonld:jobs.example.org"
    )
    spider = SPIDERS["workday"](url=url)
    assert spider.feed == feed_key({"kind": "workday", "url": url})
