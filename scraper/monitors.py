"""Spidermon at the end of each feed's crawl: item count against the feed's previous
complete runs, error and retry rates, field shares, item validation; the result stored with
the run (``feed_health``) and, when configured, sent by webhook or mail.

Wiring (scraper/settings.py): ``FeedMonitors`` is Spidermon's extension, running
``FeedHealthSuite`` when a feed's spider closes; ``PostingValidationPipeline`` (Spidermon's
item validation) and ``FieldCoveragePipeline`` count, for every posting fetched in full,
whether it fails the posting schema and which of title, description, location and pay it
has. Thresholds come from the monitors file (``MRT_MONITORS`` setting, scraper/thresholds.py).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from scrapy.crawler import Crawler
from spidermon import Monitor, MonitorSuite, monitors
from spidermon.contrib.scrapy.extensions import Spidermon
from spidermon.contrib.scrapy.pipelines import ItemValidationPipeline
from spidermon.contrib.scrapy.runners import SpiderMonitorResult, SpiderMonitorRunner
from spidermon.contrib.validation import JSONSchemaValidator, messages
from spidermon.contrib.validation.jsonschema.tools import get_schema_from
from spidermon.core.actions import Action
from spidermon.exceptions import SkipAction

from pipelines.safe_output import terminal_safe
from scraper.health import Check, FeedFigures, PastRun, evaluate, worst
from scraper.items import JobPosting
from scraper.thresholds import COVERED_FIELDS, MonitorConfig, config_from_settings

#: The posting schema: the JSON form of a JobPosting after cleaning (see ``json_view``).
JOB_POSTING_SCHEMA: dict[str, Any] = json.loads(
    Path(__file__).with_name("job_posting.schema.json").read_text(encoding="utf-8")
)
#: Where the suite leaves its review for the monitors and actions of the same run.
REVIEW = "mrt_feed_review"
VALIDATION = "spidermon/validation/"
FIELD_ERRORS = f"{VALIDATION}fields/errors/"


def json_view(item: JobPosting) -> dict[str, Any]:
    """The posting as the schema describes it: dates as ISO text, places as objects; the
    source record and the served HTML are left out (the schema says nothing of them)."""
    view = {k: v for k, v in vars(item).items() if k not in ("raw", "descriptionHtml")}
    for name in ("datePosted", "validThrough"):
        if isinstance(view.get(name), date):
            view[name] = view[name].isoformat()
    view["locations"] = [dict(vars(p)) if hasattr(p, "__dict__") else p for p in item.locations]
    return view


def fields_present(item: JobPosting) -> dict[str, bool]:
    """Which of ``COVERED_FIELDS`` a cleaned posting has."""
    return {
        "title": bool(item.title),
        "description": bool(item.description and item.description.strip()),
        "location": bool(item.city or item.state or item.remote),
        "pay": item.salaryMin is not None or item.salaryMax is not None,
    }


#: jsonschema-rs error kinds -> Spidermon's names for them (the stats keys' error part).
KIND_MESSAGES = {
    "Required": messages.MISSING_REQUIRED_FIELD,
    "Pattern": messages.REGEX_NOT_MATCHED,
    "MinLength": messages.FIELD_TOO_SHORT,
    "MaxLength": messages.FIELD_TOO_LONG,
    "Minimum": messages.NUMBER_TOO_LOW,
    "ExclusiveMinimum": messages.NUMBER_TOO_LOW,
    "Maximum": messages.NUMBER_TOO_HIGH,
    "ExclusiveMaximum": messages.NUMBER_TOO_HIGH,
    "Enum": messages.VALUE_NOT_IN_CHOICES,
    "MinItems": messages.LIST_TOO_SHORT,
    "MaxItems": messages.LIST_TOO_LONG,
    "AdditionalProperties": messages.UNEXPECTED_FIELD,
}
TYPE_MESSAGES = {
    "string": messages.INVALID_STRING,
    "number": messages.INVALID_NUMBER,
    "integer": messages.INVALID_INT,
    "boolean": messages.INVALID_BOOLEAN,
    "array": messages.INVALID_ARRAY,
    "object": messages.INVALID_OBJECT,
}


class FastJSONSchemaValidator(JSONSchemaValidator):
    """Spidermon's JSON Schema validator on jsonschema-rs: the same schema and the same
    error names in the stats, at ~3 us a posting where the pure-Python jsonschema that
    Spidermon uses takes ~200 us (as long as the rest of the item pipelines together)."""

    def __init__(self, schema: dict[str, Any], **kwargs: Any) -> None:
        import jsonschema_rs

        super().__init__(schema, **kwargs)
        self._compiled = jsonschema_rs.validator_for(schema)

    def _validate(self, data: Any, strict: bool = False) -> None:
        for error in self._compiled.iter_errors(data):
            path = [str(p) for p in error.instance_path]
            kind = type(error.kind).__name__
            if kind == "Required":
                path.append(str(error.kind.property))
            if kind == "Type":
                named = [t for t in error.kind.types if t != "null"]
                message = TYPE_MESSAGES.get(named[0] if named else "", "Invalid type")
            else:  # never the value itself: these names become stats keys
                message = KIND_MESSAGES.get(kind, f"Invalid {kind}")
            self._add_errors({".".join(path): [message]})


class PostingValidationPipeline(ItemValidationPipeline):
    """Spidermon's item validation (``SPIDERMON_VALIDATION_SCHEMAS``) of each posting fetched
    in full, on its JSON form. A posting that fails is counted
    (``spidermon/validation/...``) and stored all the same."""

    @classmethod
    def _load_jsonschema_validator(cls, schema: Any) -> JSONSchemaValidator:
        return FastJSONSchemaValidator(
            get_schema_from(schema) if isinstance(schema, str) else schema
        )

    def process_item(self, item: Any) -> Any:
        """Spidermon's own step, on the posting's JSON form (its ItemAdapter.asdict() walk
        of every value costs ~100 us a posting); never drops, never alters the item."""
        if type(item) is not JobPosting:  # a posting seen unchanged, left unfetched
            return item
        view = json_view(item)
        stats = self.stats.stats  # the crawler's; the keys Spidermon's manager slugifies
        stats.inc_value(f"{VALIDATION}items")
        stats.inc_value(f"{VALIDATION}fields", len(view))
        for validator in self.find_validators(item):
            ok, errors = validator.validate(view)
            if not ok:
                self._add_error_stats(errors)
        return item


class FieldCoveragePipeline:
    """Count the postings fetched in full (``mrt/fields/fetched``) and those with each of
    title, description, location and pay (``mrt/fields/<name>``)."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FieldCoveragePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if type(item) is JobPosting:
            self.stats.inc_value("mrt/fields/fetched")
            for name, present in fields_present(item).items():
                if present:
                    self.stats.inc_value(f"mrt/fields/{name}")
        return item


def figures_from_stats(feed: str, source: str, stats: dict[str, Any]) -> FeedFigures:
    from scraper.pipelines import error_count

    invalid_fields: dict[str, int] = {}
    for key, count in stats.items():
        if key.startswith(FIELD_ERRORS) and key.count("/") == FIELD_ERRORS.count("/") + 1:
            error, name = key[len(FIELD_ERRORS) :].split("/")
            invalid_fields[f"{name}: {error}"] = count
    return FeedFigures(
        feed=feed,
        source=source,
        finish_reason=str(stats.get("finish_reason", "finished")),
        requests=stats.get("downloader/request_count", 0),
        items=stats.get("item_scraped_count", 0) + stats.get("item_dropped_count", 0),
        errors=error_count(stats),
        retries=stats.get("retry/count", 0) + stats.get("mrt/retry_after/count", 0),
        fetched=stats.get("mrt/fields/fetched", 0),
        with_fields={name: stats.get(f"mrt/fields/{name}", 0) for name in COVERED_FIELDS},
        invalid=stats.get(f"{VALIDATION}items/errors", 0),
        invalid_fields=invalid_fields,
    )


@dataclass
class FeedReview:
    """One feed's crawl judged: its figures, every check and the overall status."""

    feed: str
    source: str
    run_id: int | None
    figures: FeedFigures
    checks: list[Check]
    config: MonitorConfig
    db_url: str
    replay: bool

    @property
    def status(self) -> str:
        return worst([c.status for c in self.checks])

    def failing(self, names: tuple[str, ...]) -> list[Check]:
        return [c for c in self.checks if c.status == "failing" and c.name.split(":")[0] in names]


def review_feed(crawler: Crawler, config: MonitorConfig, data: Any) -> FeedReview:
    from pipelines.store.db import default_db_url, open_store
    from pipelines.store.health import past_runs

    settings, spider = crawler.settings, data.spider
    feed = getattr(spider, "feed", spider.name)
    stats = dict(data.stats)
    figures = figures_from_stats(feed, spider.name, stats)
    run_id = settings.getint("MRT_RUN_ID") or stats.get("mrt/run_id")
    limits = config.for_feed(feed)
    db_url = settings.get("MRT_DB_URL") or default_db_url()
    store = open_store(db_url, migrate_schema=False)
    try:
        history = [PastRun(**row) for row in past_runs(store, feed, run_id, limits["history_runs"])]
    finally:
        store.dispose()
    return FeedReview(
        feed, spider.name, run_id, figures, evaluate(figures, history, limits), config, db_url,
        replay=bool(settings.get("MRT_REPLAY_DIR")),
    )  # fmt: skip


class CheckMonitor(Monitor):
    """A monitor over checks of the suite's review: it fails when one of them fails
    (a degraded check passes here and is stored as degraded)."""

    checks: ClassVar[tuple[str, ...]] = ()
    longMessage = False  # the check's own reason is the message  # noqa: N815

    def assert_checks(self) -> None:
        failing = self.data.meta[REVIEW].failing(self.checks)
        self.assertFalse(failing, "; ".join(f"{c.name}: {c.detail}" for c in failing))


@monitors.name("Finished")
class FinishedMonitor(CheckMonitor):
    """The crawl ran to its end (not cut short by a timeout, a shutdown or an error)."""

    checks = ("finished",)

    @monitors.name("Crawl finished")
    def test_crawl_finished(self) -> None:
        self.assert_checks()


@monitors.name("Item count")
class ItemCountMonitor(CheckMonitor):
    """Postings listed against the median of the feed's previous complete runs."""

    checks = ("item_count",)

    @monitors.name("Item count against previous runs")
    def test_item_count(self) -> None:
        self.assert_checks()


@monitors.name("Error and retry rates")
class RatesMonitor(CheckMonitor):
    """Failed requests or payloads, and retries, per request made."""

    checks = ("error_rate", "retry_rate")

    @monitors.name("Error and retry rates within limits")
    def test_rates(self) -> None:
        self.assert_checks()


@monitors.name("Field coverage")
class FieldCoverageMonitor(CheckMonitor):
    """Share of fetched postings with a title, description, location and pay."""

    checks = ("coverage",)

    @monitors.name("Title, description, location and pay shares")
    def test_coverage(self) -> None:
        self.assert_checks()


@monitors.name("Item validation")
class ItemValidationMonitor(CheckMonitor):
    """Share of fetched postings that fail the posting schema."""

    checks = ("validation",)

    @monitors.name("Postings match the posting schema")
    def test_validation(self) -> None:
        self.assert_checks()


class RecordFeedHealth(Action):
    """Store the feed's status, counts and checks with the crawl run (``feed_health``)."""

    def run_action(self) -> None:
        from pipelines.store.db import open_store
        from pipelines.store.health import record_health

        review: FeedReview = self.data.meta[REVIEW]
        if review.run_id is None:
            raise SkipAction("no crawl run to record into")
        figures = review.figures
        store = open_store(review.db_url, migrate_schema=False)
        try:
            record_health(
                store, review.run_id, review.feed, review.source, status=review.status,
                items=figures.items, fetched=figures.fetched, invalid=figures.invalid,
                requests=figures.requests, errors=figures.errors, retries=figures.retries,
                with_fields=figures.with_fields, checks=[c.as_dict() for c in review.checks],
            )  # fmt: skip
        finally:
            store.dispose()


class _Notify(Action):
    channel: ClassVar[str] = ""

    def run_action(self) -> None:
        from scraper.notify import notification

        review: FeedReview = self.data.meta[REVIEW]
        notify = review.config.notify
        target = getattr(notify, self.channel, None) if notify else None
        if target is None:
            raise SkipAction(f"no {self.channel} configured")
        if not notify.wanted(review.status):
            raise SkipAction(f"the feed is {review.status}")
        if review.replay:
            raise SkipAction("recorded responses are never reported")
        checks = [c.as_dict() for c in review.checks]
        body = notification(
            review.feed, review.source, review.status, review.run_id, checks,
            review.figures.items,
        )  # fmt: skip
        self.send(target, body)

    def send(self, target: Any, body: dict[str, Any]) -> None:
        raise NotImplementedError


class NotifyByWebhook(_Notify):
    """POST the feed's health as JSON to the monitors file's ``notify.webhook.url``."""

    channel = "webhook"

    def send(self, target: Any, body: dict[str, Any]) -> None:
        from scraper.notify import post_webhook

        post_webhook(target, body)


class NotifyByMail(_Notify):
    """Mail the feed's health through the monitors file's ``notify.mail`` server."""

    channel = "mail"

    def send(self, target: Any, body: dict[str, Any]) -> None:
        from scraper.notify import send_mail

        send_mail(target, body)


class FeedHealthSuite(MonitorSuite):
    """Feed health, when each feed's spider closes."""

    monitors: ClassVar[list] = [
        FinishedMonitor, ItemCountMonitor, RatesMonitor, FieldCoverageMonitor,
        ItemValidationMonitor,
    ]  # fmt: skip
    monitors_finished_actions: ClassVar[list] = [RecordFeedHealth, NotifyByWebhook, NotifyByMail]

    def __init__(self, *args: Any, crawler: Crawler | None = None, **kwargs: Any) -> None:
        super().__init__(*args, crawler=crawler, **kwargs)
        self.config = config_from_settings(crawler.settings) if crawler else None

    def init_data(self, data: Any) -> None:
        # The monitors and actions of this run read the review from data.meta.
        data.meta.pop(REVIEW, None)
        if self._crawler is not None and self.config is not None:
            data.meta[REVIEW] = review_feed(self._crawler, self.config, data)
        super().init_data(data)


class _OneLineResult(SpiderMonitorResult):
    """Spidermon's report, with each failed monitor in one log line naming the feed."""

    def write_errors(self) -> None:
        feed = getattr(self.spider, "feed", self.spider.name)
        for status in self.step.error_statuses:
            for item in self.step.items_for_status(status):
                text = str(item.error or "").strip().splitlines()
                reason = text[-1].split("AssertionError: ", 1)[-1] if text else ""
                self.log(f"{feed}: {item.item.name} {status}: {reason}", logging.WARNING)

    def log(self, msg: str, level: int = logging.DEBUG) -> None:
        self.spider.logger.log(level, "[Spidermon] %s", terminal_safe(msg))


class _OneLineRunner(SpiderMonitorRunner):
    def create_result(self) -> SpiderMonitorResult:
        return _OneLineResult(self.spider)


class FeedMonitors(Spidermon):
    """Spidermon's Scrapy extension, reporting a failed monitor in one log line (its
    own report is a traceback per failure)."""

    def _run_suites(self, spider: Any, suites: list[MonitorSuite]) -> None:
        data = self._generate_data_for_spider(spider)
        for suite in suites:
            _OneLineRunner(spider=spider).run(suite, **data)
