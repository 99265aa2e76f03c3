"""USAJOBS Search API (key and e-mail from USAJOBS_API_KEY / USAJOBS_EMAIL)."""

from __future__ import annotations

import html
import os
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlencode

from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from pipelines.normalize.salary import normalise_pay
from scraper.records import MalformedRecord
from scraper.spiders.base import JobSpider, as_list

PAGE = 500
DEFAULT_SERIES = ["0675", "0669"]


def usajobs_credentials() -> tuple[str, str] | None:
    key, email = os.environ.get("USAJOBS_API_KEY"), os.environ.get("USAJOBS_EMAIL")
    return (key, email) if key and email else None


def federal_description(parts: list[tuple[str, Any]]) -> str:
    """Build the posting body from USAJOBS' separate text fields (escaped: they are text)."""
    out = []
    for heading, value in parts:
        if not value:
            continue
        out.append(f"<h3>{html.escape(heading)}</h3>")
        if isinstance(value, list):
            out.append("<ul>" + "".join(f"<li>{html.escape(str(v))}</li>" for v in value) + "</ul>")
        else:
            paragraphs = str(value).split("\n")
            out.extend(f"<p>{html.escape(p)}</p>" for p in paragraphs if p.strip())
    return "\n".join(out)


class UsajobsSpider(JobSpider):
    name = "usajobs"
    params_required = ()
    params_optional = ("keyword", "series", "api_url")
    api_host = "https://data.usajobs.gov"

    def __init__(self, keyword: str = "", series: Any = None, **kw: Any):
        self.keyword = keyword or ""
        self.series = as_list(series) or DEFAULT_SERIES
        super().__init__(**kw)

    @classmethod
    def feed_id(cls, params: Mapping[str, Any]) -> str:
        return "-".join(str(s) for s in (as_list(params.get("series")) or DEFAULT_SERIES))

    def page_url(self, page: int) -> str:
        params = {"JobCategoryCode": ";".join(self.series), "ResultsPerPage": PAGE, "Page": page}
        if self.keyword:
            params["Keyword"] = self.keyword
        return self.api(f"/api/Search?{urlencode(params)}")

    def headers(self) -> dict[str, str]:
        replaying = bool(self.crawler.settings.get("MRT_REPLAY_DIR"))
        credentials = usajobs_credentials() or (
            ("replay", "replay@example.org") if replaying else None
        )
        if credentials is None:
            raise NotConfigured("USAJOBS_API_KEY and USAJOBS_EMAIL are not set")
        return {
            "Host": "data.usajobs.gov",
            "User-Agent": credentials[1],
            "Authorization-Key": credentials[0],
        }

    async def start(self):
        yield self.request(
            self.page_url(1), self.parse, headers=self.headers(), cb_kwargs={"page": 1}
        )

    def parse(self, response: Response, page: int) -> Iterable[Any]:
        data = self.json(response)
        if data is None:
            return
        result = data.get("SearchResult") if isinstance(data, dict) else None
        if not isinstance(result, dict):
            self.count_error("unexpected_shape", response.url)
            return
        entries = result.get("SearchResultItems") or []
        if not isinstance(entries, list):
            self.count_error("unexpected_shape", response.url)
            return
        yield from self.each_record(entries, self.from_result, response.url, "result")
        pages = int(((result.get("UserArea") or {}).get("NumberOfPages")) or 1)
        if page < pages:
            yield self.request(
                self.page_url(page + 1),
                self.parse,
                headers=self.headers(),
                cb_kwargs={"page": page + 1},
            )

    def from_result(self, entry: Any):
        descriptor = entry.get("MatchedObjectDescriptor") if isinstance(entry, dict) else None
        if not isinstance(descriptor, dict) or not (
            entry.get("MatchedObjectId") or descriptor.get("PositionID")
        ):
            raise MalformedRecord("no MatchedObjectDescriptor or id")
        return self.to_item(entry.get("MatchedObjectId") or descriptor["PositionID"], descriptor)

    @staticmethod
    def duty_station(location: Any) -> dict[str, Any]:
        """One PositionLocation ("Tulsa, Oklahoma"; or "Location Negotiable After Selection",
        which names no place and so is no city) as a place."""
        if not isinstance(location, dict):
            raise MalformedRecord(f"a PositionLocation is {type(location).__name__}")
        return {
            "raw": location.get("LocationName"),
            "city": (location.get("CityName") or "").split(",")[0] or None,
            "state": location.get("CountrySubDivisionCode"),
            "country": location.get("CountryCode"),
        }

    def to_item(self, control_number: Any, job: dict[str, Any]):
        details = ((job.get("UserArea") or {}).get("Details")) or {}
        pay_spec = (job.get("PositionRemuneration") or [{}])[0]
        pay = normalise_pay(
            pay_spec.get("MinimumRange"),
            pay_spec.get("MaximumRange"),
            pay_spec.get("RateIntervalCode"),
        )
        locations = job.get("PositionLocation") or []
        if not isinstance(locations, list):
            raise MalformedRecord(f"PositionLocation is {type(locations).__name__}")
        first = locations[0] if locations else {}
        schedule = (job.get("PositionSchedule") or [{}])[0].get("Name")
        body = federal_description(
            [
                ("Summary", details.get("JobSummary")),
                ("Duties", details.get("MajorDuties")),
                ("Qualifications", job.get("QualificationSummary")),
                ("Education", details.get("Education")),
                ("Requirements", details.get("Requirements")),
            ]
        )
        return self.posting(
            control_number,
            url=job.get("PositionURI") or "",
            title=job.get("PositionTitle") or "",
            hiringOrganization=job.get("OrganizationName") or job.get("DepartmentName"),
            jobLocationRaw="; ".join(loc.get("LocationName", "") for loc in locations) or None,
            jobLocations=self.places(*map(self.duty_station, locations)),
            city=(first.get("CityName") or "").split(",")[0] or None,
            state=first.get("CountrySubDivisionCode"),
            country="US" if first else None,
            employmentType=schedule,
            datePostedRaw=job.get("PublicationStartDate"),
            validThroughRaw=job.get("ApplicationCloseDate"),
            descriptionHtml=body,
            raw=job,
            **self.pay_fields(pay),
        )
