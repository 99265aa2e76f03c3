"""SmartRecruiters Posting API: offset pages of postings, then each posting's job ad."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any

from scrapy.http import Response

from pipelines.jobfamily import ruled_out_by_title
from scraper.freshness import fingerprint
from scraper.spiders.base import JobSpider, MalformedRecord

PAGE = 100
SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")
#: The fields of a listed posting whose change means its job ad may have changed.
LIST_FIELDS = (
    "id", "uuid", "name", "refNumber", "releasedDate", "location", "typeOfEmployment",
    "experienceLevel", "department", "function", "industry", "customField", "language",
)  # fmt: skip


class SmartRecruitersSpider(JobSpider):
    name = "smartrecruiters"
    params_required = ("company",)
    params_optional = ("api_url",)
    api_host = "https://api.smartrecruiters.com"
    incremental = True  # a posting listed unchanged is not fetched again

    def __init__(self, company: str = "", **kw: Any):
        self.company = company
        super().__init__(**kw)

    @classmethod
    def feed_id(cls, params: Mapping[str, Any]) -> str:
        return str(params.get("company") or "").rstrip("/")

    def page_url(self, offset: int) -> str:
        return self.api(f"/v1/companies/{self.company}/postings?limit={PAGE}&offset={offset}")

    async def start(self):
        yield self.request(self.page_url(0), self.parse, cb_kwargs={"offset": 0})

    def parse(self, response: Response, offset: int) -> Iterable[Any]:
        found = self.json_records(response, "content", "id")
        if found is None:
            return
        data, postings = found
        yield from self.each_record(
            postings, partial(self.detail_or_seen, url=response.url), response.url
        )
        total = data.get("totalFound") or 0
        if data["content"] and offset + PAGE < total:
            yield self.request(
                self.page_url(offset + PAGE), self.parse, cb_kwargs={"offset": offset + PAGE}
            )

    def detail_or_seen(self, posting: dict[str, Any], url: str) -> Any:
        """The posting's detail request; the list entry itself when its title alone rules
        it out (the relevance filter drops it, as it would the detail); a SeenPosting when
        it is listed unchanged and was fetched recently enough."""
        if not self.keep_all and ruled_out_by_title(str(posting.get("name") or "")):
            return self.to_item(posting, url)
        entry = fingerprint(posting, LIST_FIELDS)
        seen = self.listed(entry, f"{self.company}:{posting['id']}")
        if seen is not None:
            return seen[0]
        detail = self.api(f"/v1/companies/{self.company}/postings/{posting['id']}")
        return self.request(detail, self.parse_posting, cb_kwargs={"entry": entry})

    def parse_posting(self, response: Response, entry: str | None = None) -> Iterable[Any]:
        posting = self.json(response)
        if posting is not None:
            read = partial(self.to_item, url=response.url, entry=entry)
            yield from self.each_record([posting], read, response.url, "posting")

    def to_item(self, posting: Any, url: str, entry: str | None = None):
        if not isinstance(posting, dict) or posting.get("id") in (None, ""):
            raise MalformedRecord("no id")
        sections = ((posting.get("jobAd") or {}).get("sections")) or {}
        body = []
        for key in SECTIONS:
            section = sections.get(key) or {}
            if section.get("text"):
                body.append(f"<h2>{section.get('title') or ''}</h2>{section['text']}")
        location = posting.get("location") or {}
        company = posting.get("company") or {}
        return self.posting(
            f"{self.company}:{posting['id']}",
            url=posting.get("postingUrl") or posting.get("applyUrl") or url,
            title=posting.get("name") or "",
            hiringOrganization=company.get("name") or self.company,
            jobLocationRaw=location.get("fullLocation")
            or ", ".join(p for p in (location.get("city"), location.get("region")) if p),
            city=location.get("city"),
            state=location.get("region")
            if str(location.get("country", "")).lower() == "us"
            else None,
            country=(location.get("country") or "").upper()[:2] or None,
            remote=location.get("remote"),
            employmentType=(posting.get("typeOfEmployment") or {}).get("label"),
            datePostedRaw=posting.get("releasedDate"),
            descriptionHtml="\n".join(body),
            raw=posting,
            listFingerprint=entry,
        )
