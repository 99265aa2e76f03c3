"""Run Twisted's reactor in a background thread so one process can crawl many times.

A Twisted reactor cannot be restarted once stopped, so `CrawlerProcess` allows one
crawl per process. Keeping the (asyncio) reactor alive in a daemon thread and handing
it work through ``callFromThread`` lets `mrt run`, the tests and the benchmark call
:func:`scraper.runner.crawl` repeatedly, while the main thread draws progress.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")
_lock = threading.Lock()
_thread: threading.Thread | None = None


def _install() -> Any:
    if "twisted.internet.reactor" not in sys.modules:
        from twisted.internet import asyncioreactor

        loop = asyncio.new_event_loop()
        asyncioreactor.install(eventloop=loop)
    from twisted.internet import reactor

    return reactor


def _install_resolver(reactor: Any) -> None:
    """Scrapy's caching name resolver (IPv4 and IPv6), as `scrapy crawl` installs it from
    TWISTED_DNS_RESOLVER: the crawl guard's look-up of a host and the connection to it
    then use one answer, so a name cannot point elsewhere between the check and the
    connection (scraper.guards)."""
    from scrapy.resolver import CachingHostnameResolver

    if not isinstance(reactor.nameResolver, CachingHostnameResolver):
        CachingHostnameResolver(reactor, cache_size=10_000).install_on_reactor()


def reactor_thread() -> Any:
    """The running reactor, started in a daemon thread on first use."""
    global _thread
    with _lock:
        reactor = _install()
        if _thread is None and not reactor.running:
            _install_resolver(reactor)
            loop = getattr(reactor, "_asyncioEventloop", None)

            def run() -> None:
                if loop is not None:
                    asyncio.set_event_loop(loop)
                reactor.run(installSignalHandlers=False)

            _thread = threading.Thread(target=run, name="twisted-reactor", daemon=True)
            _thread.start()
    return reactor


def call_in_reactor(function: Callable[[], Any]) -> Future:
    """Run ``function`` (which may return a Deferred) in the reactor thread.

    The returned future resolves with the Deferred's result.
    """
    from twisted.internet.defer import maybeDeferred

    reactor = reactor_thread()
    future: Future = Future()

    def call() -> None:
        deferred = maybeDeferred(function)
        deferred.addCallbacks(future.set_result, lambda f: future.set_exception(f.value))

    reactor.callFromThread(call)
    return future
