"""What every job-board spider shares: feed naming, api_url override, error counting."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from pipelines.normalize.salary import SalaryRange
from scraper.items import JobPosting


def as_list(value: Any) -> list[str]:
    """Spider arguments arrive as strings from `scrapy crawl -a`; YAML gives lists."""
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [part.strip() for part in str(value).replace(";", ",").split(",") if part.strip()]


def as_bool(value: Any, default: bool = True) -> bool:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() not in {"0", "false", "no", "off"}


def with_host(url: str, api_url: str | None) -> str:
    """Replace scheme and host of ``url`` with those of ``api_url``; the path stays."""
    if not api_url:
        return url
    base = urlsplit(api_url if "://" in api_url else f"http://{api_url}")
    parts = urlsplit(url)
    return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, parts.fragment))


class JobSpider(scrapy.Spider):
    """Base of every source kind: one instance crawls one feed (a sources.yaml entry)."""

    api_host = ""  # real scheme://host of the kind's API

    def __init__(
        self, *args: Any, feed: str | None = None, api_url: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.api_url = api_url or None
        self.feed = feed or f"{self.name}:{self.feed_name()}"

    def feed_name(self) -> str:
        return "default"

    def api(self, path: str) -> str:
        return with_host(f"{self.api_host}{path}", self.api_url)

    @property
    def keep_all(self) -> bool:
        return self.crawler.settings.getbool("MRT_KEEP_ALL")

    def request(self, url: str, callback: Any, **kwargs: Any) -> scrapy.Request:
        return scrapy.Request(url, callback=callback, errback=self.failed, **kwargs)

    def failed(self, failure: Failure) -> Iterable[Any]:
        """A request that failed for good (after retries): counted, the crawl goes on."""
        request = getattr(failure, "request", None)
        self.count_error(type(failure.value).__name__, getattr(request, "url", "?"))
        item = request.cb_kwargs.get("item") if request is not None else None
        if item is not None:  # a detail page failed: keep what the list gave
            yield item

    def count_error(self, kind: str, url: str) -> None:
        stats = self.crawler.stats
        stats.inc_value("mrt/errors")
        stats.inc_value(f"mrt/errors/{kind}")
        self.logger.warning("%s: %s", kind, url)

    def json(self, response: Response) -> Any | None:
        """The response's JSON, or None (counted as malformed, with its URL)."""
        try:
            return json.loads(response.text)
        except (ValueError, AttributeError):
            self.crawler.stats.inc_value("mrt/malformed/json")
            self.count_error("malformed_json", response.url)
            return None

    def json_records(
        self, response: Response, key: str | None, id_field: str
    ) -> tuple[Any, list[dict[str, Any]]] | None:
        """The records listed under ``key`` of a JSON response (the top level when None).

        None when the response is unusable (counted as an error); records that are not
        objects or lack ``id_field`` are counted as malformed and left out.
        """
        data = self.json(response)
        if data is None:
            return None
        records = data if key is None else (data.get(key) if isinstance(data, dict) else None)
        if not isinstance(records, list):
            self.count_error("unexpected_shape", response.url)
            return None
        usable = []
        for record in records:
            if isinstance(record, dict) and record.get(id_field) not in (None, ""):
                usable.append(record)
            else:
                self.malformed(f"no_{id_field}", response.url)
        return data, usable

    def malformed(self, what: str, url: str) -> None:
        """A record we cannot use (no id, wrong shape): dropped and counted, not an error."""
        self.crawler.stats.inc_value("mrt/dropped/malformed_record")
        self.crawler.stats.inc_value(f"mrt/malformed/{what}")
        self.logger.info("malformed %s at %s", what, url)

    def posting(self, source_id: Any, **fields: Any) -> JobPosting:
        return JobPosting(source=self.name, sourceId=str(source_id), feed=self.feed, **fields)

    @staticmethod
    def pay_fields(pay: SalaryRange | None) -> dict[str, Any]:
        if pay is None:
            return {}
        return {
            "salaryMin": pay.min,
            "salaryMax": pay.max,
            "salaryPeriod": pay.period,
            "salaryCurrency": pay.currency,
            "baseSalaryRaw": pay.raw or None,
        }
