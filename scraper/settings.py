"""Scrapy settings: polite by default (robots.txt, AutoThrottle, one request per host)."""

import os

BOT_NAME = "mrt_skills"
SPIDER_MODULES = ["scraper.spiders"]
NEWSPIDER_MODULE = "scraper.spiders"

USER_AGENT = os.environ.get(
    "MRT_USER_AGENT",
    "mrt-skills/0.1 (health-information job market research; +https://github.com/mrt-skills)",
)
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
# Only the web: Scrapy's file, data, s3 and ftp handlers are off, so no URL from a sources
# file, sitemap, page or API response can read a local file or another store
# (scraper.guards refuses such URLs before this point as well).
DOWNLOAD_HANDLERS = {"file": None, "data": None, "s3": None, "ftp": None}
# Response size caps (raw body, and the decompressed body of a gzip/deflate/br/zstd one).
# The largest answers we expect are a whole Greenhouse board with its descriptions in one
# response (5-10 KB a job: ~20 MB at 2,000 jobs) and a 500-result USAJOBS page (~5 MB).
# 32 MB leaves room for those while keeping one response, its text and its parsed JSON
# to a few hundred MB; a larger body (or a gzip bomb) is cut off there and the feed
# reported incomplete. The warning at 8 MB shows a board growing towards the cap.
# A source entry's `max_response_mb` sets its own cap.
DOWNLOAD_MAXSIZE = 32 * 1024 * 1024
DOWNLOAD_WARNSIZE = 8 * 1024 * 1024
# Internal addresses (loopback, private, link-local, metadata) found in sitemaps, pages or
# API paging are refused (scraper.guards) unless the source itself lives on one; True here
# (or MRT_ALLOW_PRIVATE_HOSTS=1 in the environment) allows them for every source. Names are
# looked up through Scrapy's caching resolver, so the check and the connection agree.
MRT_ALLOW_PRIVATE_HOSTS = None  # None: the MRT_ALLOW_PRIVATE_HOSTS environment variable
TWISTED_DNS_RESOLVER = "scrapy.resolver.CachingHostnameResolver"
TELNETCONSOLE_ENABLED = False
# Scrapy 2.19's remote control runs Python sent to a local HTTP port (one per crawler, so
# one per feed), its token in a job file in the user's profile: off, like the telnet console.
REMOTE_CONTROL_ENABLED = False
LOG_LEVEL = "INFO"

# 5xx and timeouts are retried by Scrapy; 429/503 by RetryAfterMiddleware, which honours
# the Retry-After header that Scrapy's RetryMiddleware ignores.
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 504, 522, 524, 408]
RETRY_AFTER_MAX_SECONDS = 120.0  # never sleep longer than this for one Retry-After
RETRY_AFTER_DEFAULT_SECONDS = 2.0  # first backoff when a 429/503 gives no Retry-After

DOWNLOADER_MIDDLEWARES = {
    # Before robots.txt (100): a refused URL or host is not even asked for robots.txt.
    "scraper.guards.CrawlGuardMiddleware": 40,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "scraper.guards.PoliteRobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "scraper.guards.CappedHttpCompressionMiddleware": 590,
    "scraper.middlewares.RetryAfterMiddleware": 560,
    "scraper.middlewares.CassetteMiddleware": 950,
}
ITEM_PIPELINES = {
    "scraper.pipelines.CleanPipeline": 100,
    "scraper.pipelines.RelevancePipeline": 200,
    "scraper.pipelines.DedupePipeline": 300,
    # Feed health (scraper/monitors.py): each posting fetched in full is validated and its
    # fields counted before it is stored.
    "scraper.monitors.PostingValidationPipeline": 800,
    "scraper.monitors.FieldCoveragePipeline": 810,
    "scraper.pipelines.StorePipeline": 900,
}

# Spidermon runs the feed health monitors when each feed's spider closes and stores the
# result with the run (`mrt status` shows it); thresholds and notifications come from the
# monitors file (MRT_MONITORS below).
SPIDERMON_ENABLED = True
EXTENSIONS = {"scraper.monitors.FeedMonitors": 500}
SPIDERMON_SPIDER_CLOSE_MONITORS = ["scraper.monitors.FeedHealthSuite"]
SPIDERMON_VALIDATION_SCHEMAS = ["scraper.monitors.JOB_POSTING_SCHEMA"]

# Our own settings (the runner and `mrt crawl` set them; `scrapy crawl` uses these).
MRT_DB_URL = None  # None: MRT_DB or the default SQLite file
MRT_KEEP_ALL = False  # store irrelevant postings too (relevant=false)
MRT_STORE_MIGRATED = False  # True: the caller already brought the schema up to date
MRT_RUN_ID = None  # crawl_runs row to report into; None: the store pipeline opens one
MRT_STORE_BATCH = 500  # rows per upsert transaction
MRT_STORE_FLUSH_SECONDS = 2.0  # flush a partial batch at least this often
MRT_REPLAY_DIR = None  # answer requests from vcrpy cassettes in this directory
MRT_RECORD_DIR = None  # record responses into vcrpy cassettes in this directory
# Feed health thresholds and notifications (scraper/thresholds.py): the file MRT_MONITORS
# names (None: the MRT_MONITORS variable, ./config/monitors.yaml, the project's own), or
# MRT_MONITORS_CONFIG, that file's data, as `mrt crawl --monitors` hands it to every feed.
MRT_MONITORS = None
MRT_MONITORS_CONFIG = None
# Incremental crawls (scraper.freshness): a listed posting's detail or pay request is made
# only when it is new to the store, its list entry changed, or its last full fetch is
# older than the source's `refresh_days` (default MRT_REFRESH_DAYS). False: fetch all.
MRT_INCREMENTAL = True
MRT_REFRESH_DAYS = 7.0
