"""Settings module of the project's Scrapyd egg: unpack the egg, then load scraper.settings.

Scrapyd puts an uploaded egg (a zip file) on ``sys.path`` and imports the module named by
the egg's ``[scrapy] settings`` entry point. :mod:`scraper.egg` copies this file to the
egg's top level as that module. Our packages read data files beside their modules (the
job-family vocabulary, place names, migrations), which a zip cannot serve, so the egg is
unpacked once per build into a cache directory (``MRT_EGG_CACHE``, else
``$XDG_CACHE_HOME/mrt-skills/eggs`` or ``~/.cache/mrt-skills/eggs``) that goes first on
``sys.path``: a job runs the deployed build, not a copy of the project installed on the
worker. Only the standard library is used before that.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

BUILD_FILE = "mrt_build.json"  # {"version": ..., "digest": ...}, written by scraper.egg
PACKAGES = ("scraper", "pipelines", "matcher")


def cache_root() -> Path:
    if os.environ.get("MRT_EGG_CACHE"):
        return Path(os.environ["MRT_EGG_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "mrt-skills" / "eggs"


def unpack(archive: str) -> Path:
    """The directory holding the egg's files, unpacked on first use of its build."""
    with zipfile.ZipFile(archive) as egg:
        build = json.loads(egg.read(BUILD_FILE))
        target = cache_root() / str(build["digest"])
        if (target / BUILD_FILE).exists():
            return target
        for name in egg.namelist():
            path = PurePosixPath(name)
            if path.is_absolute() or ".." in path.parts:
                raise ValueError(f"unsafe path in the egg: {name!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent)
        try:
            egg.extractall(scratch)
            try:
                os.rename(scratch, target)  # atomic: a job sees the whole build or none
            except OSError:
                if not (target / BUILD_FILE).exists():  # not another job's unpacking
                    raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return target


def _activate() -> str | None:
    """Put the unpacked egg first on sys.path; the build's version (None outside an egg)."""
    archive = getattr(globals().get("__loader__"), "archive", None)  # set by zipimport
    if not archive:
        return None
    loaded = [name for name in PACKAGES if name in sys.modules]
    if loaded:
        raise ImportError(f"imported before the egg was unpacked: {', '.join(loaded)}")
    root = unpack(archive)
    sys.path.insert(0, str(root))
    return json.loads((root / BUILD_FILE).read_text())["version"]


MRT_BUILD = _activate()

from scraper.settings import *  # noqa: E402, F403 - this module stands for scraper.settings

EXTENSIONS = {**globals().get("EXTENSIONS", {}), f"{__name__}.BuildStat": 0}


class BuildStat:
    """Record the build a Scrapyd job ran (``mrt/build`` in the feed's stats)."""

    def __init__(self, crawler) -> None:  # noqa: ANN001 - Scrapy's Crawler
        from scrapy import signals

        self.crawler = crawler
        crawler.signals.connect(self.opened, signal=signals.spider_opened)

    @classmethod
    def from_crawler(cls, crawler):  # noqa: ANN001, ANN206
        from scrapy.exceptions import NotConfigured

        if not crawler.settings.get("MRT_BUILD"):
            raise NotConfigured
        return cls(crawler)

    def opened(self, spider) -> None:  # noqa: ANN001
        self.crawler.stats.set_value("mrt/build", self.crawler.settings.get("MRT_BUILD"))
