"""Workday CXS search (used by many hospitals): POST pages of 20, then each job's detail."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from pipelines.jobfamily import ruled_out_by_title
from scraper.freshness import fingerprint
from scraper.records import MalformedRecord
from scraper.spiders.base import JobSpider, with_host

PAGE = 20
#: The fields of a listed job whose change means its detail may have changed. `postedOn`
#: ("Posted 3 Days Ago") changes every day by itself, so it is left out.
LIST_FIELDS = ("externalPath", "title", "locationsText", "bulletFields", "remoteType")


class WorkdaySpider(JobSpider):
    name = "workday"
    params_required = ("url",)
    params_optional = ("search", "company", "api_url")
    incremental = True  # a job listed unchanged is not fetched again

    def __init__(self, url: str = "", search: str = "", company: str | None = None, **kw: Any):
        self.url = url.rstrip("/")
        self.search = search or ""
        self.company = company
        super().__init__(**kw)
        self.base = with_host(self.url, self.api_url)
        self.public_base = self._public_base(self.url)

    @classmethod
    def feed_id(cls, params: Mapping[str, Any]) -> str:
        # .../wday/cxs/{tenant}/{site}
        return "/".join(str(params.get("url") or "").rstrip("/").split("/")[-2:])

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
        yield from self.each_record(postings, self.detail_or_seen, response.url)
        # `total` is only reliable on the first page; keep the first one.
        total = total if total is not None else int(data.get("total") or 0)
        if len(data["jobPostings"]) == PAGE and offset + PAGE < max(total, offset + PAGE + 1):
            request = self.search_request(offset + PAGE)
            request.cb_kwargs["total"] = total
            yield request

    def detail_or_seen(self, posting: dict[str, Any]) -> Any:
        """The job's detail request; the list entry itself when its title alone rules it
        out (the relevance filter drops it, as it would the detail); a SeenPosting when it
        is listed unchanged and was fetched recently enough. The list does not give the
        stored id (the detail's jobReqId): the stored job is found by its fingerprint."""
        path = str(posting["externalPath"])
        if not self.keep_all and ruled_out_by_title(str(posting.get("title") or "")):
            return self.posting(
                f"{self.feed_name()}:{path}",
                url=f"{self.public_base}{path}",
                title=posting.get("title") or "",
                jobLocationRaw=posting.get("locationsText"),
                raw={"listing": posting},
            )
        entry = fingerprint(posting, LIST_FIELDS)
        seen = self.listed(entry)
        if seen is not None:
            return seen
        return self.request(
            f"{self.base}{path}",
            self.parse_job,
            headers={"Accept": "application/json"},
            cb_kwargs={"listing": posting, "entry": entry},
        )

    def parse_job(
        self, response: Response, listing: dict[str, Any], entry: str | None = None
    ) -> Iterable[Any]:
        data = self.json(response)
        if data is not None:
            read = partial(self.to_item, listing=listing, entry=entry)
            yield from self.each_record([data], read, response.url, "detail")

    def to_item(self, data: Any, listing: dict[str, Any], entry: str | None = None):
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
            listFingerprint=entry,
        )
