"""Greenhouse Job Board API: the whole board in one call; pay from each job's own call."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from scrapy.http import Response

from pipelines.jobfamily import classify
from pipelines.normalize.html import unescape
from pipelines.normalize.location import is_not_a_place
from pipelines.normalize.salary import normalise_pay
from scraper.freshness import fingerprint
from scraper.records import RECORD_ERRORS, check_field_types
from scraper.spiders.base import JobSpider, as_bool

#: What the pay call depends on in a listed job: `updated_at` moves when the job is edited;
#: the content and place are there too, so a change the board did not date still counts.
LIST_FIELDS = ("id", "updated_at", "title", "location", "content", "offices", "absolute_url")


class GreenhouseSpider(JobSpider):
    name = "greenhouse"
    params_required = ("board",)
    params_optional = ("pay", "company", "api_url")
    api_host = "https://boards-api.greenhouse.io"
    incremental = True  # the pay call of a job listed unchanged is not made again

    def __init__(self, board: str = "", pay: Any = True, company: str | None = None, **kw: Any):
        self.board = board
        super().__init__(**kw)
        self.fetch_pay = as_bool(pay)
        self.company = company

    @classmethod
    def feed_id(cls, params: Mapping[str, Any]) -> str:
        return str(params.get("board") or "").rstrip("/")

    async def start(self):
        yield self.request(self.api(f"/v1/boards/{self.board}/jobs?content=true"), self.parse)

    def parse(self, response: Response) -> Iterable[Any]:
        found = self.json_records(response, "jobs", "id")
        if found is None:
            return
        yield from self.each_record(found[1], self.item_or_pay_request, response.url)

    def item_or_pay_request(self, job: dict[str, Any]):
        item = self.to_item(job)
        if self.fetch_pay and (
            self.keep_all or classify(item.title, item.descriptionHtml or "").relevant
        ):
            # Only a job with a pay call has anything to skip: only it gets a fingerprint.
            item.listFingerprint = fingerprint(job, LIST_FIELDS)
            seen = self.listed(item.listFingerprint, item.sourceId)
            if seen is not None:
                return seen[0]
            url = self.api(f"/v1/boards/{self.board}/jobs/{job['id']}?pay_transparency=true")
            return self.request(url, self.parse_pay, cb_kwargs={"item": item})
        return item

    def to_item(self, job: dict[str, Any]):
        location = (
            (job.get("location") or {}).get("name")
            if isinstance(job.get("location"), dict)
            else None
        )
        places = []
        if not location or is_not_a_place(location):  # "Multiple Locations": its offices say
            offices = [o for o in job.get("offices") or [] if isinstance(o, dict)]
            places = self.places(*(o.get("location") or o.get("name") for o in offices))
        return self.posting(
            f"{self.board}:{job['id']}",
            url=job.get("absolute_url") or "",
            title=job.get("title") or "",
            hiringOrganization=job.get("company_name") or self.company,
            jobLocationRaw=location,
            jobLocations=places,
            datePostedRaw=job.get("first_published") or job.get("updated_at"),
            descriptionHtml=unescape(job.get("content") or ""),
            raw=job,
        )

    def parse_pay(self, response: Response, item) -> Iterable[Any]:
        """The item with the pay of its own call; without it when that pay is unreadable
        (counted as ``mrt/malformed/pay``), as when the call fails."""
        data = self.json(response)
        if data is None:  # counted as an error; the next crawl makes the call again
            item.listFingerprint = None
        try:
            item = self.with_pay(item, data)
        except RECORD_ERRORS as exc:
            self.malformed("pay", response.url, exc, dropped=False)
        yield item

    def with_pay(self, item, data: Any):
        ranges = data.get("pay_input_ranges") if isinstance(data, dict) else None
        for pay_range in ranges or []:
            cents = (pay_range.get("min_cents"), pay_range.get("max_cents"))
            if cents[0] is None and cents[1] is None:
                continue
            pay = normalise_pay(
                cents[0] / 100 if cents[0] is not None else None,
                cents[1] / 100 if cents[1] is not None else None,
                pay_range.get("title"),
                currency=pay_range.get("currency_type") or "USD",
            )
            raw = {**item.raw, "pay_input_ranges": ranges}
            return check_field_types(dataclasses.replace(item, **self.pay_fields(pay), raw=raw))
        return item
