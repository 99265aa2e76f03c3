"""One small spider per source kind; shared parsing lives in base.py and jsonld helpers.

`SPIDERS` is the one registry of source kinds: the sources file's validation, feed names
and the crawl runner all read a kind's parameters and naming from its spider class.
"""

from __future__ import annotations

from scraper.spiders.ashby import AshbySpider
from scraper.spiders.base import JobSpider
from scraper.spiders.greenhouse import GreenhouseSpider
from scraper.spiders.jsonld import JsonLdSpider
from scraper.spiders.lever import LeverSpider
from scraper.spiders.smartrecruiters import SmartRecruitersSpider
from scraper.spiders.usajobs import UsajobsSpider
from scraper.spiders.usajobs_historic import UsajobsHistoricSpider
from scraper.spiders.workday import WorkdaySpider

SPIDERS: dict[str, type[JobSpider]] = {
    cls.name: cls
    for cls in (
        GreenhouseSpider,
        LeverSpider,
        SmartRecruitersSpider,
        AshbySpider,
        WorkdaySpider,
        UsajobsSpider,
        UsajobsHistoricSpider,
        JsonLdSpider,
    )
}
