"""schema.org JobPosting JSON-LD from career pages, found through sitemaps or start URLs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from scrapy.http import Response
from scrapy.utils.sitemap import Sitemap

from pipelines.normalize.salary import normalise_pay, parse_salary
from scraper.freshness import fingerprint
from scraper.jsonld import job_postings_in_html, text_of
from scraper.records import MalformedRecord
from scraper.spiders.base import JobSpider, as_bool, as_list

_JOB_PATH_HINTS = ("job", "career", "posting", "position", "opening", "vacanc", "requisition")


class JsonLdSpider(JobSpider):
    name = "jsonld"
    params_required = ()
    params_optional = ("sitemap", "start_urls", "company", "follow")
    #: a sitemap page whose <lastmod> did not change is not fetched again
    incremental = True

    def __init__(
        self,
        sitemap: str = "",
        start_urls: Any = None,
        company: str | None = None,
        follow: Any = True,
        **kw: Any,
    ):
        self.sitemap = sitemap or ""
        self.pages = as_list(start_urls)
        self.company = company
        self.follow = as_bool(follow)
        super().__init__(**kw)

    @classmethod
    def feed_id(cls, params: Mapping[str, Any]) -> str:
        pages = as_list(params.get("start_urls") or params.get("pages"))
        target = params.get("sitemap") or (pages[0] if pages else "")
        return urlsplit(str(target)).netloc or "pages"

    def own_urls(self) -> list[str | None]:
        return [self.sitemap, *self.pages]

    async def start(self):
        if self.sitemap and (url := self.link(self.sitemap)):
            yield self.request(url, self.parse_sitemap)
        for url in filter(None, map(self.link, self.pages)):
            yield self.request(url, self.parse_page, cb_kwargs={"depth": 0})

    def parse_sitemap(self, response: Response) -> Iterable[Any]:
        try:
            sitemap = Sitemap(response.body)
        except Exception:  # noqa: BLE001 - lxml raises several kinds on garbage
            self.count_error("malformed_sitemap", response.url)
            return
        for entry in sitemap:
            loc = entry.get("loc")
            if not loc or not (loc := self.link(loc, response.url)):
                continue
            if sitemap.type == "sitemapindex":
                yield self.request(loc, self.parse_sitemap)
            elif not entry.get("lastmod"):  # no date: no telling whether it changed
                yield self.request(loc, self.parse_page, cb_kwargs={"depth": 1})
            else:
                fp = fingerprint({"loc": loc, "lastmod": entry["lastmod"]}, ("loc", "lastmod"))
                seen = self.listed(fp)
                if seen is not None:
                    yield from seen
                else:
                    yield self.request(loc, self.parse_page, cb_kwargs={"depth": 1, "entry": fp})

    def parse_page(
        self, response: Response, depth: int = 0, entry: str | None = None
    ) -> Iterable[Any]:
        if not hasattr(response, "text"):
            return
        postings, broken = job_postings_in_html(response.text)
        if broken:
            self.crawler.stats.inc_value("mrt/malformed/jsonld", broken)
            self.logger.info("unreadable JSON-LD at %s", response.url)
        read = partial(self.to_item, page_url=response.url, entry=entry)
        yield from self.each_record(postings, read, response.url, "jobposting")
        if not postings and depth == 0 and self.follow:
            yield from self.follow_job_links(response)

    def follow_job_links(self, response: Response) -> Iterable[Any]:
        host = urlsplit(response.url).netloc
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href)
            parts = urlsplit(url)
            if parts.netloc != host or not any(h in parts.path.lower() for h in _JOB_PATH_HINTS):
                continue
            if url := self.link(url):
                yield self.request(url, self.parse_page, cb_kwargs={"depth": 1})

    def to_item(self, posting: dict[str, Any], page_url: str, entry: str | None = None):
        title = text_of(posting.get("title") or posting.get("name"))
        if not title:
            raise MalformedRecord("no title")
        identifier = posting.get("identifier")
        source_id = text_of(identifier.get("value") if isinstance(identifier, dict) else identifier)
        url = text_of(posting.get("url")) or page_url
        place, state, city, country = self.location(posting)
        remote = str(posting.get("jobLocationType") or "").upper() == "TELECOMMUTE" or None
        return self.posting(
            f"{urlsplit(url).netloc}:{source_id or urlsplit(url).path}",
            url=url,
            title=title,
            hiringOrganization=text_of(posting.get("hiringOrganization")) or self.company,
            jobLocationRaw=place,
            jobLocations=self.places_of(posting, remote),
            city=city,
            state=state,
            country=country,
            remote=remote,
            employmentType=text_of(posting.get("employmentType")),
            datePostedRaw=text_of(posting.get("datePosted")),
            validThroughRaw=text_of(posting.get("validThrough")),
            descriptionHtml=text_of(posting.get("description")) or "",
            raw=posting,
            listFingerprint=entry,
            **self.pay_fields(self.pay(posting.get("baseSalary"))),
        )

    @classmethod
    def location(
        cls, posting: dict[str, Any]
    ) -> tuple[str | None, str | None, str | None, str | None]:
        """(raw text, state, city, country) of the posting's first place."""
        return cls.place(cls.listed_places(posting)[:1] or [None])

    @staticmethod
    def listed_places(posting: dict[str, Any]) -> list[Any]:
        places = posting.get("jobLocation") or posting.get("applicantLocationRequirements")
        return places if isinstance(places, list) else [places] if places else []

    @classmethod
    def places_of(cls, posting: dict[str, Any], remote: bool | None) -> list[dict[str, Any]]:
        """Every place of ``jobLocation`` (a list of Place on a job in several cities) as
        ``jobLocations``; [] for one."""
        listed = cls.listed_places(posting)
        if len(listed) < 2:
            return []
        places = []
        for entry in listed:
            raw, state, city, country = cls.place([entry])
            places.append({"raw": raw, "city": city, "state": state, "country": country,
                           "remote": remote})  # fmt: skip
        return cls.places(*places)

    @staticmethod
    def place(entries: list[Any]) -> tuple[str | None, str | None, str | None, str | None]:
        first = entries[0]
        if not isinstance(first, dict):
            return text_of(first), None, None, None
        address = first.get("address", first)
        if not isinstance(address, dict):
            return text_of(address), None, None, None
        city, region = (
            text_of(address.get("addressLocality")),
            text_of(address.get("addressRegion")),
        )
        country = text_of(address.get("addressCountry"))
        raw = ", ".join(p for p in (city, region) if p) or text_of(first.get("name")) or country
        us = country is None or country.upper() in {"US", "USA", "UNITED STATES"}
        return (
            raw,
            region if us else None,
            city,
            "US" if us and region else (country or "")[:2] or None,
        )

    @staticmethod
    def pay(salary: Any):
        if isinstance(salary, str | int | float):
            return parse_salary(str(salary))
        if not isinstance(salary, dict):
            return None
        value = salary.get("value")
        currency = salary.get("currency") or "USD"
        if isinstance(value, dict):
            low = value.get("minValue", value.get("value"))
            high = value.get("maxValue", value.get("value"))
            return normalise_pay(low, high, value.get("unitText"), currency=currency)
        if value is not None:
            return normalise_pay(value, value, salary.get("unitText"), currency=currency)
        return None
