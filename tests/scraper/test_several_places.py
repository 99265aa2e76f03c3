"""A posting in several places, as each board serves it (fixtures written in our own words
in the boards' shapes): every place stored in posting_locations with the posting, primary
first, refreshed on re-crawl; a text that names no place is never a city."""

from __future__ import annotations

import json
from typing import Any

import pytest
from helpers import rows, run
from localboard import LocalBoard, Reply, greenhouse_job, lever_posting
from sqlalchemy import select

from pipelines.normalize.location import (
    is_not_a_place,
    load_not_places,
    parse_locations,
    split_places,
)
from pipelines.store.db import open_store
from pipelines.store.postings import posting_locations, postings

pytestmark = pytest.mark.timeout(90)

FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False}
CODER = "<p>Assign ICD-10-CM and CPT codes.</p><ul><li>CPC or CCS required</li></ul>"


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Tulsa, OK", [("Tulsa", "OK")]),
        ("Kearney, Nebraska", [("Kearney", "NE")]),
        ("New York, NY", [("New York", "NY")]),
        ("Washington, DC", [("Washington", "DC")]),
        ("Tulsa, OK 74103, US", [("Tulsa", "OK")]),
        ("Toronto, New York, San Francisco", [("Toronto", None), (None, "NY"),
                                              ("San Francisco", None)]),
        ("Tulsa, Oklahoma, Dallas, Texas", [("Tulsa", "OK"), ("Dallas", "TX")]),
        ("Tulsa, OK; Wichita, KS | Remote - US", [("Tulsa", "OK"), ("Wichita", "KS"),
                                                   (None, None)]),
        ("US-OK-Tulsa, US-TX-Dallas", [("Tulsa", "OK"), ("Dallas", "TX")]),
        ("Texas, Oklahoma", [(None, "TX"), (None, "OK")]),
        ("Location Negotiable After Selection, United States", [(None, None)]),
        ("Multiple Locations", [(None, None)]),
        ("Anywhere in the U.S. (remote job)", [(None, None)]),
    ],
)  # fmt: skip
def test_a_location_text_is_read_as_its_places(text: str, places: list[tuple]) -> None:
    found = parse_locations(text)
    assert [(p.city, p.state) for p in found] == places, split_places(text)


def test_texts_that_name_no_place_are_data_and_checked(tmp_path) -> None:
    for text in ("Location Negotiable After Selection", "Multiple Locations", "3 Locations",
                 "Anywhere in the U.S.", "Various locations, United States", "TBD"):  # fmt: skip
        assert is_not_a_place(text), text
    for text in ("Tulsa", "Location, Oklahoma", "Negotiable Springs"):
        assert not is_not_a_place(text), text
    bad = tmp_path / "not_places.yaml"
    for body, message in (("not_places: []\n", "non-empty list"),
                          ("not_places: ['(unclosed']\n", "does not compile"),
                          ("not_places: [3]\n", "is not text"),
                          ("places: ['x']\n", "one key")):  # fmt: skip
        bad.write_text(body)
        with pytest.raises(ValueError, match=message):
            load_not_places(bad)


def serve_boards(board: LocalBoard, version: int = 1) -> None:
    """Each platform's API with postings in several places (version 2: places changed)."""
    gh = [greenhouse_job("gh", 1, "Medical Coder", CODER, "Toronto, New York, San Francisco"),
          greenhouse_job("gh", 2, "Medical Records Clerk", CODER, "Multiple Locations"),
          greenhouse_job("gh", 3, "Coding Specialist", CODER, "Tulsa, OK")]  # fmt: skip
    gh[1]["offices"] = [{"id": 1, "name": "Tulsa Clinic", "location": "Tulsa, OK"},
                        {"id": 2, "name": "Omaha Clinic", "location": "Omaha, NE"}]  # fmt: skip
    board.json("/v1/boards/gh/jobs?content=true", {"jobs": gh})

    lever = [lever_posting("l-1", "Medical Coder", CODER, "Tulsa, OK"),
             lever_posting("l-2", "Release of Information Specialist", CODER, "Denver, CO")]  # fmt: skip
    lever[0]["categories"]["allLocations"] = (
        ["Tulsa, OK", "Wichita, KS"] if version == 1 else ["Tulsa, OK"]
    )
    lever[1]["allLocations"] = ["Denver, CO", "Boise, ID"]
    board.json("/v0/postings/lv?mode=json&skip=0&limit=100", lever)

    def address(city: str, region: str) -> dict:
        return {"postalAddress": {"addressLocality": city, "addressRegion": region,
                                  "addressCountry": "United States"}}  # fmt: skip

    board.json("/posting-api/job-board/ab", {"jobs": [{
        "id": "a-1", "title": "Medical Coder", "location": "Little Rock",
        "address": address("Little Rock", "Arkansas"), "descriptionHtml": CODER,
        "jobUrl": "https://jobs.ashbyhq.com/ab/a-1",
        "secondaryLocations": [{"location": "Memphis", "address": address("Memphis", "TN")},
                               {"location": "Remote (US)"}],
    }]})  # fmt: skip

    board.json("/wday/cxs/wd/External/jobs", {"total": 1, "jobPostings": [
        {"externalPath": "/job/Tulsa/Coder_R1", "title": "Medical Coder",
         "locationsText": "3 Locations", "postedOn": "Posted Today"}]})  # fmt: skip
    board.json("/wday/cxs/wd/External/job/Tulsa/Coder_R1", {
        "hiringOrganization": {"name": "Wd Health"},
        "jobPostingInfo": {"id": "R1", "jobReqId": "R1", "title": "Medical Coder",
                           "jobDescription": CODER, "location": "Tulsa, OK",
                           "additionalLocations": ["Norman, OK", "Fort Smith, AR"]}})  # fmt: skip

    def station(name: str, city: str, state: str) -> dict:
        return {"LocationName": name, "CountryCode": "United States",
                "CountrySubDivisionCode": state, "CityName": city}  # fmt: skip

    stations = [station("Muskogee, Oklahoma", "Muskogee, Oklahoma", "Oklahoma"),
                station("Fayetteville, Arkansas", "Fayetteville, Arkansas", "Arkansas"),
                station("Location Negotiable After Selection, United States",
                        "Location Negotiable After Selection, United States", "")]  # fmt: skip
    federal = {"PositionTitle": "Medical Records Technician (Coder)", "OrganizationName": "VA",
               "PositionURI": "https://www.usajobs.gov/job/900001", "PositionLocation": stations,
               "UserArea": {"Details": {"JobSummary": "RHIT required. Code inpatient records."}}}  # fmt: skip
    negotiable = {**federal, "PositionURI": "https://www.usajobs.gov/job/900002",
                  "PositionLocation": stations[2:]}  # fmt: skip
    board.json("/api/Search", {"SearchResult": {"SearchResultItems": [
        {"MatchedObjectId": "900001", "MatchedObjectDescriptor": federal},
        {"MatchedObjectId": "900002", "MatchedObjectDescriptor": negotiable}],
        "UserArea": {"NumberOfPages": "1"}}})  # fmt: skip

    history = [{"usajobsControlNumber": 31, "positionTitle": "Medical Records Technician",
                "positionOpenDate": "2026-11-02", "PositionLocations": [
                    {"positionLocationCity": "Lawton", "positionLocationState": "Oklahoma",
                     "positionLocationCountry": "United States"},
                    {"positionLocationCity": "Amarillo", "positionLocationState": "Texas",
                     "positionLocationCountry": "United States"}]}]  # fmt: skip
    board.json("/api/historicjoa", {"data": history, "paging": {"next": None}})
    board.json("/api/historicjoa/announcementtext", {"data": [
        {"usajobsControlNumber": 31, "summary": "RHIT required. Abstract records."}]})  # fmt: skip

    posting = {"@context": "https://schema.org", "@type": "JobPosting",
               "title": "Health Information Technician", "identifier": "hit-9",
               "url": "https://careers.example.org/jobs/hit-9",
               "description": "<p>RHIT required. Release of information.</p>",
               "jobLocation": [
                   {"@type": "Place", "address": {"addressLocality": "Sioux Falls",
                                                  "addressRegion": "SD", "addressCountry": "US"}},
                   {"@type": "Place", "address": {"addressLocality": "Fargo",
                                                  "addressRegion": "ND", "addressCountry": "US"}}]}  # fmt: skip
    board.route("/careers/hit-9", Reply(
        body=f'<script type="application/ld+json">{json.dumps(posting)}</script>',
        headers={"Content-Type": "text/html"}))  # fmt: skip


def crawl_all(db_url: str, monkeypatch: pytest.MonkeyPatch, version: int = 1):
    monkeypatch.setenv("USAJOBS_API_KEY", "test-key")
    monkeypatch.setenv("USAJOBS_EMAIL", "test@example.org")
    with LocalBoard() as board:
        serve_boards(board, version)
        url = board.url
        return run([
            {"kind": "greenhouse", "board": "gh", "api_url": url, "pay": False},
            {"kind": "lever", "site": "lv", "api_url": url},
            {"kind": "ashby", "board": "ab", "api_url": url},
            {"kind": "workday", "url": f"{url}/wday/cxs/wd/External"},
            {"kind": "usajobs", "api_url": url},
            {"kind": "usajobs_historic", "api_url": url, "since": "2026-11-01"},
            {"kind": "jsonld", "start_urls": [f"{url}/careers/hit-9"], "name": "pages"},
        ], db_url, settings=FAST, keep_all=True)  # fmt: skip


def stored_places(db_url: str) -> dict[str, list[tuple[Any, ...]]]:
    store = open_store(db_url)
    query = (
        select(
            postings.c.source_id,
            posting_locations.c.city,
            posting_locations.c.state,
            posting_locations.c.remote,
        )  # fmt: skip
        .join(posting_locations, posting_locations.c.posting_id == postings.c.id)
        .order_by(postings.c.source_id, posting_locations.c.position)
    )
    with store.engine.connect() as conn:
        found: dict[str, list[tuple[Any, ...]]] = {}
        for source_id, city, state, remote in conn.execute(query):
            found.setdefault(source_id, []).append((city, state) + ((True,) if remote else ()))
    store.dispose()
    return found


def test_every_place_of_every_platform_is_stored_primary_first(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = crawl_all(db_url, monkeypatch)
    assert all(f.complete and f.errors == 0 for f in summary.feeds), summary.feeds
    places = stored_places(db_url)
    assert places["gh:1"] == [("Toronto", None), (None, "NY"), ("San Francisco", None)]
    assert places["gh:2"] == [("Tulsa", "OK"), ("Omaha", "NE")]  # from its offices
    assert places["gh:3"] == [("Tulsa", "OK")]
    assert places["l-1"] == [("Tulsa", "OK"), ("Wichita", "KS")]
    assert places["l-2"] == [("Denver", "CO"), ("Boise", "ID")]
    assert places["ab:a-1"] == [("Little Rock", "AR"), ("Memphis", "TN"), (None, None, True)]
    assert places["wd/External:R1"] == [("Tulsa", "OK"), ("Norman", "OK"), ("Fort Smith", "AR")]
    assert places["900001"] == [("Muskogee", "OK"), ("Fayetteville", "AR"), (None, None)]
    assert places["900002"] == [(None, None)]
    assert places["31"] == [("Lawton", "OK"), ("Amarillo", "TX")]
    assert places["careers.example.org:hit-9"] == [("Sioux Falls", "SD"), ("Fargo", "ND")]
    # The posting's own columns hold the primary place; a non-place is never a city.
    primary = {r["source_id"]: (r["city"], r["state"]) for r in rows(db_url)}
    assert primary["gh:1"] == ("Toronto", None)  # not "Toronto, NY"
    assert primary["900001"] == ("Muskogee", "OK")
    assert primary["900002"] == (None, None)
    assert all("Negotiable" not in (r["city"] or "") for r in rows(db_url))


def test_places_are_refreshed_on_recrawl_and_unchanged_postings_keep_theirs(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    crawl_all(db_url, monkeypatch)
    before = stored_places(db_url)
    summary = crawl_all(db_url, monkeypatch, version=2)  # l-1 is now in Tulsa only
    after = stored_places(db_url)
    assert after["l-1"] == [("Tulsa", "OK")]
    assert {k: v for k, v in after.items() if k != "l-1"} == {
        k: v for k, v in before.items() if k != "l-1"
    }
    lever = {f.feed: f for f in summary.feeds}["lever:lv"]
    assert lever.updated == 1  # the place list is part of what makes a posting changed
