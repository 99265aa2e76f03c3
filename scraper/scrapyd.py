"""Crawl feeds as Scrapyd jobs on several machines, recorded as one crawl run.

:func:`crawl_on_scrapyd` is what ``mrt crawl --scrapyd`` and ``mrt run --scrapyd`` call.
It opens the run in the shared PostgreSQL store, deploys the installed build of the project
(:mod:`scraper.egg`) to each daemon that lacks it, schedules one job per feed on the least
loaded daemon, pinned to that build, and waits. Each job is a plain ``scrapy crawl`` whose
store pipeline reports its feed into the run (``MRT_RUN_ID``) and closes the feed's
vanished postings only after its own complete crawl, as in a local crawl. A job that ends
without reporting, a daemon that stops answering and the overall timeout mark the feed
failed here, and nothing is closed for it.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from sqlalchemy.engine import URL, make_url

from pipelines.store import crawl_runs
from pipelines.store.db import Store, normalise_url, open_store
from scraper.egg import Egg, build_egg
from scraper.runner import (
    CrawlSummary,
    FeedResult,
    feed_result,
    skip_reason,
    spider_arguments,
)
from scraper.scrapyd_api import Daemon, ScrapydClient, ScrapydError

PROJECT = "mrt_skills"  # the Scrapyd project (scrapy.cfg's [deploy] project)
TIMEOUT = 6 * 3600.0  # seconds the whole crawl may take before its jobs are cancelled
POLL_SECONDS = 2.0
LOST_AFTER = 60.0  # seconds a daemon may stay silent before its unfinished jobs are lost
RESERVED = {"project", "spider", "_version", "jobid", "priority", "setting"}  # schedule.json's
logger = logging.getLogger(__name__)


def require_postgresql(db_url: str) -> str:
    """The URL given to the jobs: ``db_url`` without its password (Scrapyd shows job
    settings in listjobs.json, its log and the process list; the workers take the password
    from libpq's PGPASSWORD or ~/.pgpass). ValueError for anything but PostgreSQL."""
    try:
        url = make_url(normalise_url(db_url))
    except Exception:  # noqa: BLE001 - any malformed URL is one line
        raise ValueError("--scrapyd needs a PostgreSQL --db URL (not a database URL)") from None
    if url.get_backend_name() != "postgresql":
        raise ValueError(
            f"--scrapyd needs a PostgreSQL --db that every worker reaches, not {url.get_backend_name()}"
        )
    if url.password is None:
        return db_url
    bare = URL.create(
        url.drivername, url.username, None, url.host, url.port, url.database, url.query
    )
    return bare.render_as_string(hide_password=False)


@dataclass
class Job:
    source: dict[str, Any]
    daemon: Daemon | None = None
    job_id: str | None = None
    log_url: str | None = None
    result: FeedResult | None = None

    @property
    def feed(self) -> str:
        return self.source["feed"]


@dataclass
class ScrapydSummary(CrawlSummary):
    version: str = ""
    jobs: list[Job] = field(default_factory=list)


def job_arguments(source: dict[str, Any]) -> dict[str, str]:
    """The spider's arguments as the strings ``scrapy crawl -a`` gives (lists joined by ',')."""
    arguments = {}
    for name, value in spider_arguments(source).items():
        if name in RESERVED:
            raise ValueError(f"{name}: a name schedule.json keeps for itself")
        if isinstance(value, list | tuple):
            if any("," in str(v) or ";" in str(v) for v in value):
                raise ValueError(f"{name}: an item holds ',' or ';'")
            value = ",".join(str(v) for v in value)
        elif isinstance(value, bool):
            value = "true" if value else "false"
        elif value is None:
            continue
        arguments[name] = str(value)
    return arguments


def job_settings(
    db_url: str, run_id: int, keep_all: bool, overrides: dict[str, Any] | None
) -> dict[str, str]:
    settings = {
        "MRT_DB_URL": db_url,
        "MRT_RUN_ID": str(run_id),
        "MRT_STORE_MIGRATED": "1",  # migrated once here, not by every job at once
        "MRT_KEEP_ALL": "1" if keep_all else "0",
    }
    for name, value in (overrides or {}).items():
        # As `-s NAME=VALUE` text: Scrapy's getdict/getlist/getbool read JSON and numbers.
        settings[name] = value if isinstance(value, str) else json.dumps(value, default=str)
    return settings


def job_name(feed: str, run_id: int) -> str:
    """A Scrapyd job id naming the feed and run (Scrapyd uses it as a log file name)."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "_", feed).strip("_")[:80]
    return f"{slug}-run{run_id}-{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True)
class Deployed:
    uploaded: bool = False  # False: the daemon had the build already
    problem: str | None = None  # why the daemon cannot run the build


def deploy(daemons: list[Daemon], egg: Egg, project: str = PROJECT) -> dict[Daemon, Deployed]:
    """Upload ``egg`` to each daemon that lacks its version (an older or other build)."""

    def one(daemon: Daemon) -> Deployed:
        client = ScrapydClient(daemon)
        try:
            if egg.stored_as in client.list_versions(project):
                return Deployed()
            client.add_version(project, egg.version, egg.data)
        except ScrapydError as exc:
            return Deployed(problem=str(exc))
        return Deployed(uploaded=True)

    with ThreadPoolExecutor(max_workers=min(16, len(daemons) or 1)) as pool:
        return dict(zip(daemons, pool.map(one, daemons), strict=True))


def deployed_line(daemon: Daemon, outcome: Deployed, egg: Egg) -> str:
    if outcome.problem:
        return f"not using {daemon}: {outcome.problem}"
    if outcome.uploaded:
        return f"deployed {PROJECT} {egg.version} to {daemon}"
    return f"{daemon} already has {PROJECT} {egg.version}"


def daemon_loads(daemons: list[Daemon]) -> dict[Daemon, int]:
    """Pending plus running jobs per answering daemon."""

    def one(daemon: Daemon) -> int | None:
        try:
            status = ScrapydClient(daemon).daemon_status()
        except ScrapydError as exc:
            logger.error("%s", exc)
            return None
        return int(status.get("pending", 0)) + int(status.get("running", 0))

    with ThreadPoolExecutor(max_workers=min(16, len(daemons) or 1)) as pool:
        loads = dict(zip(daemons, pool.map(one, daemons), strict=True))
    return {daemon: load for daemon, load in loads.items() if load is not None}


def least_loaded(loads: dict[Daemon, int]) -> Daemon:
    """The daemon with the fewest jobs; the first given among equals."""
    return min(loads, key=lambda daemon: loads[daemon])


class _Run:
    """One crawl run across daemons: its store, jobs and how each feed ended."""

    def __init__(self, store: Store, run_id: int, version: str) -> None:
        self.store = store
        self.run_id = run_id
        self.version = version

    def rows(self) -> dict[str, dict[str, Any]]:
        return {row["feed"]: row for row in crawl_runs.run_sources(self.store, self.run_id)}

    def fail(self, job: Job, reason: str, row: dict[str, Any] | None = None) -> None:
        """Record the feed as failed (its job's own row when it wrote one); closes nothing."""
        stats = {
            "mrt/errors": 1,
            "mrt/errors/scrapyd": 1,
            "mrt/scrapyd/daemon": str(job.daemon) if job.daemon else None,
            "mrt/scrapyd/job": job.job_id,
            "mrt/scrapyd/log_url": job.log_url,
            "mrt/scrapyd/version": self.version,
        }
        if row is None:
            row_id, _ = crawl_runs.start_source(
                self.store, self.run_id, job.feed, job.source["kind"]
            )
        else:
            row_id = row["id"]
            stats = {**(row.get("stats") or {}), **stats}
        crawl_runs.finish_source(
            self.store, row_id, finish_reason=reason[:64], errors=1, complete=False, stats=stats
        )
        job.result = FeedResult(
            job.feed, job.source["kind"], errors=1, finish_reason=reason[:64],
            requests=(row or {}).get("requests") or 0,
        )  # fmt: skip

    def reported(self, job: Job, row: dict[str, Any]) -> None:
        """The feed's result from the row its job wrote: the figures a local crawl shows
        (the runner's own reading of the same Scrapy stats), the row's verdict on top."""
        result = feed_result(job.feed, job.source["kind"], row["stats"] or {}, row["finish_reason"])
        result.complete, result.closed = bool(row["complete"]), row["closed"] or 0
        result.errors = row["errors"] or 0
        job.result = result


def crawl_on_scrapyd(
    sources: list[dict[str, Any]],
    db_url: str,
    daemons: list[Daemon],
    *,
    keep_all: bool = False,
    settings: dict[str, Any] | None = None,
    command: str = "crawl --scrapyd",
    timeout: float = TIMEOUT,
    say: Callable[[str], None] | None = None,
) -> ScrapydSummary:
    """Crawl ``sources`` as one Scrapyd job per feed on ``daemons`` into ``db_url``.

    ``say`` receives a line per step (deployed, scheduled, finished) for the operator.
    """
    say = say or (lambda line: None)
    jobs_url = require_postgresql(db_url)
    if jobs_url != db_url:
        say("the --db password is not sent to Scrapyd: workers use PGPASSWORD or ~/.pgpass")
    store = open_store(db_url)
    run_id = crawl_runs.start_run(store, command)
    egg = build_egg()
    run = _Run(store, run_id, egg.version)
    results: dict[str, FeedResult] = {}
    jobs: list[Job] = []
    for source in sources:
        reason = skip_reason(source, replaying=False)
        if reason:
            results[source["feed"]] = FeedResult(
                source["feed"], source["kind"], finish_reason="skipped", skipped=reason
            )
        else:
            jobs.append(Job(source))
    try:
        if jobs:
            _start(run, jobs, daemons, egg, job_settings(jobs_url, run_id, keep_all, settings), say)
            _wait(run, jobs, time.monotonic() + timeout, say)
    except KeyboardInterrupt:
        _cancel([j for j in jobs if j.result is None and j.job_id])
        crawl_runs.finish_run(store, run_id, "interrupted")
        store.dispose()
        raise
    results |= {job.feed: job.result for job in jobs if job.result is not None}
    summary = ScrapydSummary(
        run_id, [results[s["feed"]] for s in sources], version=egg.version, jobs=jobs
    )
    crawl_runs.finish_run(store, run_id, "failed" if summary.failed_feeds else "finished")
    store.dispose()
    return summary


def _start(
    run: _Run,
    jobs: list[Job],
    daemons: list[Daemon],
    egg: Egg,
    settings: dict[str, str],
    say: Callable[[str], None],
) -> None:
    """Deploy where needed, then schedule every job on the least loaded ready daemon."""
    outcomes = deploy(daemons, egg)
    for daemon, outcome in outcomes.items():
        say(deployed_line(daemon, outcome, egg))
    ready = [d for d in daemons if outcomes[d].problem is None]
    loads = daemon_loads(ready)
    for job in jobs:
        try:
            arguments = job_arguments(job.source)
        except ValueError as exc:
            run.fail(job, "error: its arguments cannot go to Scrapyd")
            say(f"{job.feed}: failed, {exc}")
            continue
        job_id = job_name(job.feed, run.run_id)
        while loads and job.job_id is None:
            daemon = least_loaded(loads)
            try:
                ScrapydClient(daemon).schedule(
                    PROJECT, job.source["kind"], job=job_id, version=egg.version,
                    settings=settings, arguments=arguments,
                )  # fmt: skip
            except ScrapydError as exc:
                say(f"not using {daemon}: {exc}")
                del loads[daemon]
                continue
            job.daemon, job.job_id = daemon, job_id
            loads[daemon] += 1
            logger.info("%s: job %s on %s", job.feed, job_id, daemon)
        if job.job_id is None:
            run.fail(job, "error: no Scrapyd daemon took the job")
            say(_finished_line(job))
    for daemon in daemons:
        count = sum(1 for j in jobs if j.daemon == daemon)
        if count:
            say(f"{count} job(s) scheduled on {daemon}")


def _wait(run: _Run, jobs: list[Job], deadline: float, say: Callable[[str], None]) -> None:
    """Poll the daemons until every job has reported, was lost, or the deadline passed."""
    heard = {job.daemon: time.monotonic() for job in jobs if job.daemon is not None}
    while True:
        waiting = [job for job in jobs if job.result is None]
        if not waiting:
            return
        states = _job_states({job.daemon for job in waiting if job.daemon is not None})
        rows = run.rows()  # read after the states: a job listed finished has reported by now
        now = time.monotonic()
        for job in waiting:
            row = rows.get(job.feed)
            listed = states.get(job.daemon)
            state = None
            if listed is not None:
                heard[job.daemon] = now
                state, log_url = listed.get(job.job_id, (None, None))
                job.log_url = urljoin(str(job.daemon), log_url) if log_url else job.log_url
            if row is not None and row["finished_at"] is not None:
                run.reported(job, row)
            elif listed is not None and state == "finished":
                run.fail(job, "error: the Scrapyd job ended without reporting", row)
            elif listed is not None and state is None:
                run.fail(job, "lost: the Scrapyd daemon no longer lists the job", row)
            elif listed is None and now - heard[job.daemon] > LOST_AFTER:
                run.fail(job, "lost: the Scrapyd daemon stopped answering", row)
            elif now > deadline:
                _cancel([job])
                run.fail(job, "timeout: cancelled", row)
            if job.result is not None:
                say(_finished_line(job))
        if any(job.result is None for job in jobs):
            time.sleep(POLL_SECONDS)


def _job_states(daemons: set[Daemon]) -> dict[Daemon, dict[str, tuple[str, str | None]]]:
    """Job id -> (state, log URL) per daemon that answered listjobs.json."""

    def one(daemon: Daemon) -> dict[str, tuple[str, str | None]] | None:
        try:
            listed = ScrapydClient(daemon, timeout=min(15.0, LOST_AFTER)).list_jobs(PROJECT)
        except ScrapydError as exc:
            logger.warning("%s", exc)
            return None
        return {
            entry["id"]: (state, entry.get("log_url"))
            for state in ("pending", "running", "finished")
            for entry in listed[state]
        }

    with ThreadPoolExecutor(max_workers=min(16, len(daemons) or 1)) as pool:
        answers = dict(zip(daemons, pool.map(one, daemons), strict=True))
    return {daemon: states for daemon, states in answers.items() if states is not None}


def _cancel(jobs: list[Job]) -> None:
    for job in jobs:
        try:
            ScrapydClient(job.daemon, timeout=5.0).cancel(PROJECT, job.job_id)
        except ScrapydError as exc:
            logger.warning("%s", exc)


def _finished_line(job: Job) -> str:
    result = job.result
    if result.failed:
        why = [result.finish_reason] if result.finish_reason != "finished" else []
        why += [f"{result.errors} error(s)"] if result.errors else []
        why += ["nothing returned"] if not result.items else []
        where = f", log {job.log_url}" if job.log_url else ""
        return f"{job.feed}: failed ({', '.join(why)}) on {job.daemon}{where}"
    status = "complete" if result.complete else result.finish_reason
    return f"{job.feed}: {status}, {result.stored} stored, {result.closed} closed on {job.daemon}"
