"""Workday CXS search (used by many hospitals): POST pages of 20, then each job's detail."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import partial
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from scraper.records import MalformedRecord
from scraper.spiders.base import JobSpider, with_host

PAGE = 20


class WorkdaySpider(JobSpider):
    name = "workday"

    def __init__(self, url: str = "", search: str = "", company: str | None = None, **kw: Any):
        self.url = url.rstrip("/")
        self.search = search or ""
        self.company = company
        super().__init__(**kw)
        self.base = with_host(self.url, self.api_url)
        self.public_base = self._public_base(self.url)

    def feed_name(self) -> str:
        return "/".join(self.url.split("/")[-2:])

    def own_urls(self) -> list[str | None]:
        return [self.url, self.api_url]

    @staticmethod
    def _public_base(url: str) -> str:
        """.../wday/cxs/{tenant}/{site} -> https://host/{site} (where people read the job)."""
        parts = urlsplit(url)
        site = parts.path.rstrip("/").split("/")[-1]
        return f"{parts.scheme}://{parts.netloc}/{site}"

    def search_request(self, offset: int) -> scrapy.Request:
        body = {"appliedFacets": {}, "limit": PAGE, "offset": offset, "searchText": self.search}
        return scrapy.Request(
            f"{self.base}/jobs",
            method="POST",
            body=json.dumps(body),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            callback=self.parse,
            errback=self.failed,
            cb_kwargs={"offset": offset},
        )

    async def start(self):
        yield self.search_request(0)

    def parse(self, response: Response, offset: int, total: int | None = None) -> Iterable[Any]:
        found = self.json_records(response, "jobPostings", "externalPath")
        if found is None:
            return
        data, postings = found
        for posting in postings:
            yield self.request(
                f"{self.base}{posting['externalPath']}",
                self.parse_job,
                headers={"Accept": "application/json"},
                cb_kwargs={"listing": posting},
            )
        # `total` is only reliable on the first page; keep the first one.
        total = total if total is not None else int(data.get("total") or 0)
        if len(data["jobPostings"]) == PAGE and offset + PAGE < max(total, offset + PAGE + 1):
            request = self.search_request(offset + PAGE)
            request.cb_kwargs["total"] = total
            yield request

    def parse_job(self, response: Response, listing: dict[str, Any]) -> Iterable[Any]:
        data = self.json(response)
        if data is not None:
            read = partial(self.to_item, listing=listing)
            yield from self.each_record([data], read, response.url, "detail")

    def to_item(self, data: Any, listing: dict[str, Any]):
        info = data.get("jobPostingInfo") if isinstance(data, dict) else None
        if not isinstance(info, dict):
            raise MalformedRecord("no jobPostingInfo")
        organisation = (data.get("hiringOrganization") or {}).get("name")
        job_id = info.get("jobReqId") or info.get("id") or listing["externalPath"]
        # The list says "3 Locations"; the detail names them: the primary, then the others.
        primary = info.get("location")
        others = info.get("additionalLocations") or []
        if not isinstance(others, list):
            raise MalformedRecord(f"additionalLocations is {type(others).__name__}")
        places = self.places(primary, *others)
        return self.posting(
            f"{self.feed_name()}:{job_id}",
            url=info.get("externalUrl") or f"{self.public_base}{listing['externalPath']}",
            title=info.get("title") or listing.get("title") or "",
            hiringOrganization=organisation or self.company,
            jobLocationRaw=primary or listing.get("locationsText"),
            jobLocations=places,
            employmentType=info.get("timeType"),
            datePostedRaw=info.get("startDate") or info.get("postedOn") or listing.get("postedOn"),
            descriptionHtml=info.get("jobDescription") or "",
            raw={"listing": listing, "detail": data},
        )
