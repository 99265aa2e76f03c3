"""Without -v, a crawl's errors are one line each (no Twisted tracebacks)."""

import logging

from pipelines.cli.crawl import OneLineFormatter


def test_an_error_with_a_traceback_is_one_line():
    formatter = OneLineFormatter("%(levelname)s %(name)s: %(message)s")
    try:
        raise ConnectionError("DNS lookup failed: api.lever.co")
    except ConnectionError:
        record = logging.LogRecord(
            "scrapy.core.scraper", logging.ERROR, __file__, 1, "Error downloading %s",
            ("https://api.lever.co/v0/postings/x",), exc_info=__import__("sys").exc_info(),
        )  # fmt: skip
    line = formatter.format(record)
    assert line == "ERROR scrapy.core.scraper: Error downloading https://api.lever.co/v0/postings/x"


def test_a_multi_line_message_keeps_its_first_line():
    formatter = OneLineFormatter("%(message)s")
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "first\nsecond", None, None)
    assert formatter.format(record) == "first"
