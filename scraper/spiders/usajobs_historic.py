"""USAJOBS Historic JOA API (no key): announcements by series and open-date window."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta, timezone
from functools import partial
from typing import Any
from urllib.parse import urlencode

from scrapy.http import Response

from pipelines.normalize.salary import normalise_pay
from scraper.records import MalformedRecord
from scraper.spiders.base import JobSpider, as_list
from scraper.spiders.usajobs import DEFAULT_SERIES, federal_description

TEXT_FIELDS = (
    ("Summary", "summary"),
    ("Duties", "duties"),
    ("Qualifications", "requirementsQualifications"),
    ("Education", "education"),
    ("Conditions of employment", "requirementsConditionsOfEmployment"),
)


def _us_date(value: str | date) -> str:
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return day.strftime("%m-%d-%Y")


class UsajobsHistoricSpider(JobSpider):
    name = "usajobs_historic"
    params_required = ()
    params_optional = ("series", "since", "until", "api_url")
    api_host = "https://data.usajobs.gov"

    def __init__(self, series: Any = None, since: Any = None, until: Any = None, **kw: Any):
        self.series = as_list(series) or DEFAULT_SERIES
        today = datetime.now(timezone.utc).date()
        self.until = str(until) if until else today.isoformat()
        self.since = str(since) if since else (today - timedelta(days=30)).isoformat()
        super().__init__(**kw)

    @classmethod
    def feed_id(cls, params: Mapping[str, Any]) -> str:
        return "-".join(str(s) for s in (as_list(params.get("series")) or DEFAULT_SERIES))

    async def start(self):
        for series in self.series:
            params = {
                "PositionSeries": series,
                "StartPositionOpenDate": _us_date(self.since),
                "EndPositionOpenDate": _us_date(self.until),
            }
            yield self.request(self.api(f"/api/historicjoa?{urlencode(params)}"), self.parse)

    def parse(self, response: Response) -> Iterable[Any]:
        found = self.json_records(response, "data", "usajobsControlNumber")
        if found is None:
            return
        data, records = found
        by_number = {str(r["usajobsControlNumber"]): r for r in records}
        if by_number:
            query = urlencode({"USAJOBSControlNumbers": ",".join(by_number)})
            yield self.request(
                self.api(f"/api/historicjoa/announcementtext?{query}"),
                self.parse_text,
                cb_kwargs={"records": by_number},
            )
        paging = data.get("paging")
        next_link = paging.get("next") if isinstance(paging, dict) else None
        if isinstance(next_link, str) and next_link.startswith("/"):
            next_link = self.api(next_link)
        if next_link and (url := self.link(next_link)):
            yield self.request(url, self.parse)

    def parse_text(self, response: Response, records: dict[str, dict]) -> Iterable[Any]:
        data = self.json(response)
        texts = {}
        entries = data.get("data") if isinstance(data, dict) else None
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and entry.get("usajobsControlNumber"):
                texts[str(entry["usajobsControlNumber"])] = entry
        read = partial(self.with_text, texts=texts)
        yield from self.each_record(records.items(), read, response.url)

    def with_text(self, entry: tuple[str, dict[str, Any]], texts: dict[str, Any]):
        number, record = entry
        return self.to_item(number, record, texts.get(number, {}))

    @staticmethod
    def duty_station(location: dict[str, Any]) -> dict[str, Any]:
        city, state = location.get("positionLocationCity"), location.get("positionLocationState")
        return {
            "raw": ", ".join(p for p in (city, state) if isinstance(p, str) and p) or None,
            "city": city,
            "state": state,
            "country": location.get("positionLocationCountry"),
        }

    def to_item(self, number: str, record: dict[str, Any], text: dict[str, Any]):
        locations = record.get("PositionLocations") or record.get("positionlocations") or []
        if not isinstance(locations, list):
            raise MalformedRecord(f"PositionLocations is {type(locations).__name__}")
        stations = [self.duty_station(loc) for loc in locations if isinstance(loc, dict)]
        place = "; ".join(s["raw"] for s in stations if s["raw"])
        pay = normalise_pay(
            record.get("minimumSalary"), record.get("maximumSalary"), record.get("salaryType")
        )
        return self.posting(
            number,
            url=f"https://www.usajobs.gov/job/{number}",
            title=record.get("positionTitle") or "",
            hiringOrganization=record.get("hiringAgencyName") or record.get("hiringDepartmentName"),
            jobLocationRaw=place or None,
            jobLocations=self.places(*stations),
            employmentType=record.get("workSchedule"),
            datePostedRaw=record.get("positionOpenDate"),
            validThroughRaw=record.get("positionCloseDate"),
            descriptionHtml=federal_description([(h, text.get(k)) for h, k in TEXT_FIELDS]),
            raw={"announcement": record, "text": text},
            **self.pay_fields(pay),
        )
