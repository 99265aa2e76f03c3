"""Ashby Posting API: one call per board, compensation included."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from scrapy.http import Response

from pipelines.normalize.salary import normalise_pay, parse_salary
from scraper.records import MalformedRecord
from scraper.spiders.base import JobSpider


class AshbySpider(JobSpider):
    name = "ashby"
    params_required = ("board",)
    params_optional = ("company", "api_url")
    api_host = "https://api.ashbyhq.com"

    def __init__(self, board: str = "", company: str | None = None, **kw: Any):
        self.board = board
        super().__init__(**kw)
        self.company = company

    @classmethod
    def feed_id(cls, params: Mapping[str, Any]) -> str:
        return str(params.get("board") or "").rstrip("/")

    async def start(self):
        url = self.api(f"/posting-api/job-board/{self.board}?includeCompensation=true")
        yield self.request(url, self.parse)

    def parse(self, response: Response) -> Iterable[Any]:
        found = self.json_records(response, "jobs", "id")
        if found is None:
            return
        listed = [job for job in found[1] if job.get("isListed") is not False]
        yield from self.each_record(listed, self.to_item, response.url)

    def to_item(self, job: dict[str, Any]):
        secondary = job.get("secondaryLocations") or []
        if not isinstance(secondary, list):
            raise MalformedRecord(f"secondaryLocations is {type(secondary).__name__}")
        places = self.places(
            self.place(job.get("location"), job.get("address")),
            *(self.place(s.get("location"), s.get("address")) if isinstance(s, dict) else s
              for s in secondary),
        )  # fmt: skip
        return self.posting(
            f"{self.board}:{job['id']}",
            url=job.get("jobUrl") or job.get("applyUrl") or "",
            title=job.get("title") or "",
            hiringOrganization=self.company,
            jobLocationRaw=job.get("location"),
            jobLocations=places,
            remote=job.get("isRemote"),
            employmentType=job.get("employmentType"),
            datePostedRaw=job.get("publishedAt"),
            descriptionHtml=job.get("descriptionHtml") or job.get("descriptionPlain") or "",
            raw=job,
            **self.pay_fields(self.pay(job.get("compensation") or {})),
        )

    @staticmethod
    def place(name: Any, address: Any) -> dict[str, Any]:
        """One Ashby location: its name, and its postal address where the board gives one."""
        postal = address.get("postalAddress") if isinstance(address, dict) else None
        postal = postal if isinstance(postal, dict) else {}
        return {
            "raw": name,
            "city": postal.get("addressLocality"),
            "state": postal.get("addressRegion"),
            "country": postal.get("addressCountry"),
        }

    @staticmethod
    def pay(compensation: dict[str, Any]):
        for component in compensation.get("summaryComponents") or []:
            if str(component.get("compensationType", "")).lower() in {"salary", "hourly"}:
                pay = normalise_pay(
                    component.get("minValue"), component.get("maxValue"),
                    component.get("interval"), currency=component.get("currencyCode") or "USD",
                )  # fmt: skip
                if pay is not None:
                    return pay
        summary = compensation.get("compensationTierSummary") or compensation.get(
            "scrapeableCompensationSalarySummary"
        )
        return parse_salary(summary) if summary else None
