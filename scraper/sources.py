"""Read and validate the crawl configuration (config/sources.yaml)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pipelines.untrusted import load_config_file, shown
from scraper.guards import web_url
from scraper.spiders import SPIDERS

# kind -> (required parameters, optional parameters)
# A kind's own parameters and feed naming are declared on its spider class, registered
# in scraper.spiders.SPIDERS.
COMMON = ("kind", "name", "enabled")
# Optional for every kind, passed to the spider (scraper.spiders.base.JobSpider).
CRAWL_OPTIONS = (
    "max_response_mb", "allow_redirect_hosts", "refresh_days", "download_delay", "concurrency",
)  # fmt: skip
# Numeric crawl options: (lowest, highest, whole numbers only, what it is).
NUMBER_OPTIONS = {
    "refresh_days": (0, 3650, False, "days before a posting is fetched in full again"),
    "download_delay": (0, 3600, False, "seconds between two requests to one host"),
    "concurrency": (1, 64, True, "requests at once to one host"),
}
# Parameters holding URLs: each must be http(s) with a host (start_urls: a list of them).
URL_PARAMS = ("api_url", "url", "sitemap", "start_urls")
# Parameters that go into URLs and feed names as text.
TEXT_PARAMS = ("board", "site", "company", "search", "keyword", "name")
MAX_RESPONSE_MB = 1024
_HOST = re.compile(
    r"(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*",
    re.I,
)
PACKAGED_SOURCES = Path(__file__).resolve().parent.parent / "config" / "sources.yaml"


def default_sources_path() -> Path:
    """./config/sources.yaml of the working directory when present, else the project's."""
    local = Path("config") / "sources.yaml"
    return local if local.exists() else PACKAGED_SOURCES


class SourcesError(ValueError):
    """The sources file is unusable; the message is one line for the user."""


def feed_key(source: dict[str, Any]) -> str:
    """The stable name of a feed: ``name`` when given, else kind and its main parameter."""
    if source.get("name"):
        return f"{source['kind']}:{source['name']}"
    return f"{source['kind']}:{SPIDERS[source['kind']].feed_id(source)}"


def validate_source(source: object, where: str) -> dict[str, Any]:
    if not isinstance(source, dict):
        raise SourcesError(f"{where}: each source must be a mapping with a 'kind'")
    kind = source.get("kind")
    if not isinstance(kind, str) or kind not in SPIDERS:
        known = ", ".join(sorted(SPIDERS))
        raise SourcesError(f"{where}: unknown kind '{shown(kind)}' (known: {known})")
    required, optional = SPIDERS[kind].params_required, SPIDERS[kind].params_optional
    for name in required:
        if source.get(name) in (None, ""):
            raise SourcesError(f"{where}: {kind} needs the parameter {name!r}")
    unknown = set(source) - set(required) - set(optional) - set(COMMON) - set(CRAWL_OPTIONS)
    if unknown:
        names = shown(", ".join(sorted(map(str, unknown))))
        raise SourcesError(f"{where}: unknown parameter(s) for {kind}: {names}")
    if kind == "jsonld" and not (source.get("sitemap") or source.get("start_urls")):
        raise SourcesError(f"{where}: jsonld needs 'sitemap' or 'start_urls'")
    if "start_urls" in source and not isinstance(source["start_urls"], list):
        raise SourcesError(f"{where}: start_urls must be a list of URLs")
    if "series" in source and not isinstance(source["series"], list | str | int):
        raise SourcesError(f"{where}: series must be a list of job series codes")
    _check_values(source, f"{where} ({kind})")
    result = dict(source)
    for name in TEXT_PARAMS:  # `company: 1199` is text to the spiders
        if isinstance(result.get(name), int):
            result[name] = str(result[name])
    result["feed"] = feed_key(result)
    return result


def _check_values(source: dict[str, Any], where: str) -> None:
    """Text where text belongs, http(s) URLs with a host, and the crawl options' ranges."""
    for name in TEXT_PARAMS:
        value = source.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, str | int)):
            raise SourcesError(f"{where}: {name} must be text, not '{shown(value)}'")
    for name in URL_PARAMS:
        if name not in source:
            continue
        values = source[name] if name == "start_urls" else [source[name]]
        for value in values:
            if web_url(value) is None:
                raise SourcesError(
                    f"{where}: {name} must be an http(s) URL with a host, not '{shown(value)}'"
                )
    if "max_response_mb" in source:
        value = source["max_response_mb"]
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not (0 < value <= MAX_RESPONSE_MB)
        ):
            raise SourcesError(
                f"{where}: max_response_mb must be a number of megabytes above 0 and at "
                f"most {MAX_RESPONSE_MB}, not '{shown(value)}'"
            )
    for name, (low, high, whole, what) in NUMBER_OPTIONS.items():
        if name not in source:
            continue
        value = source[name]
        kinds = int if whole else int | float
        if isinstance(value, bool) or not isinstance(value, kinds) or not low <= value <= high:
            raise SourcesError(
                f"{where}: {name} must be {'a whole number' if whole else 'a number'} from "
                f"{low} to {high} ({what}), not '{shown(value)}'"
            )
    if "allow_redirect_hosts" in source:
        hosts = source["allow_redirect_hosts"]
        if not isinstance(hosts, list):
            raise SourcesError(f"{where}: allow_redirect_hosts must be a list of host names")
        for host in hosts:
            if not isinstance(host, str) or not _HOST.fullmatch(host):
                raise SourcesError(
                    f"{where}: allow_redirect_hosts takes host names (no scheme, port or "
                    f"path), not '{shown(host)}'"
                )


def parse_sources(data: object, origin: str = "sources") -> list[dict[str, Any]]:
    """Validate the loaded YAML: a list of sources, or a mapping with a ``sources`` list."""
    if isinstance(data, dict) and "sources" in data:
        data = data["sources"]
    if not isinstance(data, list):
        raise SourcesError(f"{origin}: expected a list of sources (or 'sources:' with a list)")
    sources = [validate_source(entry, f"{origin} entry {i + 1}") for i, entry in enumerate(data)]
    feeds = [s["feed"] for s in sources]
    repeated = sorted({f for f in feeds if feeds.count(f) > 1})
    if repeated:
        raise SourcesError(
            f"{origin}: feed(s) listed twice: {shown(', '.join(repeated))} (give each a 'name')"
        )
    return [s for s in sources if s.get("enabled", True)]


def load_sources(path: str | Path | None = None) -> list[dict[str, Any]]:
    """Load a sources file; every problem is a :class:`SourcesError` with one line."""
    path = Path(path) if path else default_sources_path()
    data = load_config_file(path, "sources file", SourcesError)
    return parse_sources(data, shown(path.name))
