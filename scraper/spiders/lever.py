"""Lever Postings API: skip/limit pages of JSON postings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from scrapy.http import Response

from pipelines.normalize.salary import normalise_pay, parse_salary
from scraper.records import MalformedRecord
from scraper.spiders.base import JobSpider

PAGE = 100
_WORKPLACE_REMOTE = {"remote": True, "on-site": False, "onsite": False, "hybrid": False}


class LeverSpider(JobSpider):
    name = "lever"
    params_required = ("site",)
    params_optional = ("company", "api_url")
    api_host = "https://api.lever.co"

    def __init__(self, site: str = "", company: str | None = None, **kw: Any):
        self.site = site
        super().__init__(**kw)
        self.company = company

    @classmethod
    def feed_id(cls, params: Mapping[str, Any]) -> str:
        return str(params.get("site") or "").rstrip("/")

    def page_url(self, skip: int) -> str:
        return self.api(f"/v0/postings/{self.site}?mode=json&skip={skip}&limit={PAGE}")

    async def start(self):
        yield self.request(self.page_url(0), self.parse, cb_kwargs={"skip": 0})

    def parse(self, response: Response, skip: int) -> Iterable[Any]:
        found = self.json_records(response, None, "id")
        if found is None:
            return
        data, postings = found
        yield from self.each_record(postings, self.to_item, response.url)
        if len(data) >= PAGE:
            yield self.request(
                self.page_url(skip + PAGE), self.parse, cb_kwargs={"skip": skip + PAGE}
            )

    def to_item(self, posting: dict[str, Any]):
        categories = posting.get("categories") or {}
        body = [posting.get("description") or posting.get("descriptionPlain") or ""]
        for block in posting.get("lists") or []:
            if isinstance(block, dict):
                body.append(
                    f"<h3>{block.get('text') or ''}</h3><ul>{block.get('content') or ''}</ul>"
                )
        body.append(posting.get("additional") or posting.get("additionalPlain") or "")
        salary = posting.get("salaryRange") or {}
        pay = None
        if isinstance(salary, dict) and (salary.get("min") or salary.get("max")):
            pay = normalise_pay(
                salary.get("min"), salary.get("max"), salary.get("interval"),
                currency=salary.get("currency") or "USD",
            )  # fmt: skip
        elif posting.get("salaryDescriptionPlain") or posting.get("salaryDescription"):
            pay = parse_salary(
                posting.get("salaryDescriptionPlain") or posting["salaryDescription"]
            )
        workplace = str(posting.get("workplaceType") or "").lower()
        primary = categories.get("location")
        others = posting.get("allLocations") or categories.get("allLocations") or []
        if not isinstance(others, list):
            raise MalformedRecord(f"allLocations is {type(others).__name__}")
        places = self.places(primary, *(p for p in others if p != primary))
        return self.posting(
            posting["id"],
            url=posting.get("hostedUrl") or posting.get("applyUrl") or "",
            title=posting.get("text") or "",
            hiringOrganization=self.company,
            jobLocationRaw=primary,
            jobLocations=places,
            remote=_WORKPLACE_REMOTE.get(workplace),
            employmentType=categories.get("commitment"),
            datePostedRaw=str(posting["createdAt"]) if posting.get("createdAt") else None,
            descriptionHtml="\n".join(part for part in body if part),
            raw=posting,
            **self.pay_fields(pay),
        )
