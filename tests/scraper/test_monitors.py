"""Feed health monitors (issue 14): the thresholds file, the checks, the posting schema."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from localboard import LocalBoard, Reply

from pipelines.normalize.location import Location
from scraper.health import FeedFigures, PastRun, evaluate, worst
from scraper.items import JobPosting
from scraper.monitors import JOB_POSTING_SCHEMA, FastJSONSchemaValidator, json_view
from scraper.notify import NotifyError, notification, post_webhook
from scraper.thresholds import (
    DEFAULTS,
    PACKAGED_MONITORS,
    MonitorConfigError,
    Webhook,
    load_monitor_config,
    parse_monitor_config,
)

LIMITS = parse_monitor_config({"min_items": 4}).thresholds


def figures(items: int = 10, **kw) -> FeedFigures:
    fields = {name: items for name in ("title", "description", "location", "pay")}
    with_fields = {**fields, **kw.pop("with_fields", {})}
    values = {"requests": 2, "items": items, "fetched": items, **kw}
    return FeedFigures(feed="lever:x", source="lever", with_fields=with_fields, **values)


def statuses(checks) -> dict[str, str]:
    return {c.name: c.status for c in checks}


def test_the_packaged_file_is_the_defaults_and_notifies_nobody() -> None:
    config = load_monitor_config(PACKAGED_MONITORS)
    assert config.thresholds == DEFAULTS and config.notify is None


def test_a_feed_entry_overrides_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "monitors.yaml"
    path.write_text(
        "item_count: {failing_drop: 0.6}\n"
        "feeds:\n  'lever:x': {coverage: {pay: {degraded: 0.9, failing: 0.8}}}\n"
        "notify: {when: degraded, webhook: 'http://127.0.0.1:9/hook'}\n"
    )
    config = load_monitor_config(path)
    own = config.for_feed("lever:x")
    assert own["coverage"]["pay"] == {"degraded": 0.9, "failing": 0.8}
    assert own["coverage"]["title"] == DEFAULTS["coverage"]["title"]
    assert own["item_count"]["failing_drop"] == 0.6
    assert config.for_feed("lever:y")["coverage"]["pay"] == DEFAULTS["coverage"]["pay"]
    assert config.notify.webhook.url == "http://127.0.0.1:9/hook" and config.notify.mail is None
    assert config.notify.wanted("degraded") and not config.notify.wanted("ok")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("item_count: {failing_drop: 2}", "item_count.failing_drop must be a share from 0 to 1"),
        ("coverage: {pay: {failing: 0.5}}", "coverage.pay.degraded (0.0) must be at least"),
        ("error_rate: {degraded: 0.5}", "error_rate.degraded (0.5) must be at most"),
        ("itemcount: {}", "unknown key 'itemcount'"),
        ("history_runs: 0", "history_runs must be a whole number from 1 to 1000"),
        ("coverage: 3", "coverage must be a mapping"),
        ("feeds: {'lever:x': {retry_rate: {failing: yes}}}", "feeds.lever:x.retry_rate.failing"),
        ("notify: {webhook: 'ftp://x'}", "notify.webhook.url must be an http(s) URL"),
        (
            "notify: {mail: {host: h, from: a@b.org, to: nobody}}",
            "notify.mail.to must be an e-mail",
        ),
        ("notify: {when: sometimes, webhook: 'http://x'}", "notify.when must be degraded or"),
        ("notify: {on: failing, webhook: 'http://x'}", "reads as true or false"),
        ("- a list", "expected a mapping of thresholds"),
        ("a: [1", "not valid YAML"),
    ],
)
def test_a_bad_file_is_one_line_naming_the_key(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "monitors.yaml"
    path.write_text(text)
    with pytest.raises(MonitorConfigError) as caught:
        load_monitor_config(path)
    message = str(caught.value)
    assert "\n" not in message and "monitors.yaml: " in message
    assert expected in message


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(MonitorConfigError, match="cannot read monitors file"):
        load_monitor_config(tmp_path / "nope.yaml")


def test_item_count_against_the_median_of_previous_complete_runs() -> None:
    history = [PastRun(run_id=n, items=items) for n, items in enumerate([40, 42, 10, 40])]
    assert statuses(evaluate(figures(40), history, LIMITS))["item_count"] == "ok"
    assert statuses(evaluate(figures(28), history, LIMITS))["item_count"] == "degraded"
    dropped = evaluate(figures(19), history, LIMITS)
    assert statuses(dropped)["item_count"] == "failing"
    assert "52% fewer" in next(c.detail for c in dropped if c.name == "item_count")
    assert statuses(evaluate(figures(0), history, LIMITS))["item_count"] == "failing"
    # Without history only nothing at all fails.
    assert statuses(evaluate(figures(3), [], LIMITS))["item_count"] == "ok"
    assert statuses(evaluate(figures(0), [], LIMITS))["item_count"] == "failing"


def status_of(name: str, feed: FeedFigures, history: list[PastRun]) -> str:
    return statuses(evaluate(feed, history, LIMITS))[name]


def test_a_field_share_falling_against_the_feed_history_fails() -> None:
    full = {name: 10 for name in ("title", "description", "location", "pay")}
    history = [PastRun(run_id=1, items=10, fetched=10, with_fields=full)]
    half = evaluate(figures(10, with_fields={"pay": 5}), history, LIMITS)
    assert statuses(half)["coverage:pay"] == "failing"
    assert worst([c.status for c in half]) == "failing"
    # The same share with no pay before is fine (pay has no floor by default) ...
    never = [PastRun(run_id=1, items=10, fetched=10, with_fields={**full, "pay": 5})]
    assert status_of("coverage:pay", figures(10, with_fields={"pay": 5}), never) == "ok"
    # ... and a floor applies without history; too few fetched postings are not judged.
    assert status_of("coverage:location", figures(10, with_fields={"location": 6}), []) == (
        "degraded"
    )
    assert status_of("coverage:location", figures(3, with_fields={"location": 0}), []) == "ok"


def test_rates_finish_and_validation() -> None:
    feed = figures(
        10, requests=20, errors=1, retries=12, finish_reason="closespider_timeout", invalid=5,
        invalid_fields={"url: regex_not_matched": 5},
    )  # fmt: skip
    checks = statuses(evaluate(feed, [], LIMITS))
    assert checks["error_rate"] == "degraded"  # 5%: any error degrades, past 10% fails
    assert checks["retry_rate"] == "failing"  # 60%
    assert checks["finished"] == "failing"
    assert checks["validation"] == "failing"
    assert worst(["ok", "degraded"]) == "degraded" and worst([]) == "ok"


def posting(**fields) -> JobPosting:
    base = dict(
        url="https://jobs.example.org/1", source="lever", sourceId="x:1", feed="lever:x",
        title="Medical Coder", description="Assign ICD-10-CM codes.", city="Tulsa", state="OK",
        datePosted=date(2026, 11, 2), salaryMin=20.0, salaryMax=26.0, salaryPeriod="hour",
        salaryCurrency="USD", locations=[Location("Tulsa", "OK", "US", False, "Tulsa, OK")],
    )  # fmt: skip
    return JobPosting(**{**base, **fields})


def test_the_posting_schema_describes_the_item() -> None:
    Draft202012Validator.check_schema(JOB_POSTING_SCHEMA)
    names = {f.name for f in dataclasses.fields(JobPosting)}
    assert set(JOB_POSTING_SCHEMA["properties"]) <= names
    assert set(JOB_POSTING_SCHEMA["required"]) <= names
    validator = FastJSONSchemaValidator(JOB_POSTING_SCHEMA)
    assert validator.validate(json_view(posting())) == (True, {})
    ok, errors = validator.validate(
        json_view(posting(url="javascript:alert(1)", salaryMin=-5.0, state="Oklahoma",
                          salaryPeriod="week", title=""))
    )  # fmt: skip
    assert not ok
    assert errors == {
        "url": ["Regex not matched"], "salaryMin": ["Number too low"],
        "state": ["Regex not matched"], "salaryPeriod": ["Value not in choices"],
        "title": ["Field too short"],
    }  # fmt: skip
    # The pure-Python jsonschema Spidermon ships agrees on what is valid.
    python = Draft202012Validator(JOB_POSTING_SCHEMA)
    assert python.is_valid(json_view(posting()))
    assert not python.is_valid(json_view(posting(url="")))


def test_a_webhook_that_refuses_or_does_not_answer_is_one_error(monkeypatch) -> None:
    for name in ("NO_PROXY", "no_proxy"):  # the board is on loopback: never through a proxy
        monkeypatch.setenv(name, "127.0.0.1,localhost")
    checks = [{"check": "item_count", "status": "failing", "detail": "no postings"}]
    body = notification("lever:x", "lever", "failing", 7, checks, 0)
    assert body["problems"] == checks and body["run_id"] == 7
    with LocalBoard() as board:
        board.route("/ok", Reply(204))
        board.route("/down", Reply(500, "boom"))
        post_webhook(Webhook(f"{board.url}/ok", timeout=5), body)
        with pytest.raises(NotifyError, match="500"):
            post_webhook(Webhook(f"{board.url}/down", timeout=5), body)
        assert board.hits["/ok"] == 1 and board.hits["/down"] == 1
        closed = board.url
    with pytest.raises(NotifyError):
        post_webhook(Webhook(f"{closed}/ok", timeout=2), body)
