"""Read and validate the crawl configuration (config/sources.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# kind -> (required parameters, optional parameters)
KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "greenhouse": (("board",), ("api_url", "pay", "company")),
    "lever": (("site",), ("api_url", "company")),
    "smartrecruiters": (("company",), ("api_url",)),
    "ashby": (("board",), ("api_url", "company")),
    "workday": (("url",), ("search", "company", "api_url")),
    "usajobs": ((), ("keyword", "series", "api_url")),
    "usajobs_historic": ((), ("series", "since", "until", "api_url")),
    "jsonld": ((), ("sitemap", "start_urls", "company", "follow")),
}
COMMON = ("kind", "name", "enabled")
# Parameter that names a feed of each kind (the part after "kind:").
FEED_PARAM = {
    "greenhouse": "board",
    "lever": "site",
    "smartrecruiters": "company",
    "ashby": "board",
    "workday": "url",
}
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
    kind = source["kind"]
    param = FEED_PARAM.get(kind)
    if param:
        value = str(source[param]).rstrip("/")
        if kind == "workday":  # .../wday/cxs/{tenant}/{site}
            value = "/".join(value.split("/")[-2:])
        return f"{kind}:{value}"
    if kind.startswith("usajobs"):
        series = source.get("series") or ["0675", "0669"]
        return f"{kind}:{'-'.join(str(s) for s in series)}"
    target = source.get("sitemap") or " ".join(source.get("start_urls") or [])
    return f"{kind}:{target.split('//')[-1].split('/')[0]}"


def validate_source(source: object, where: str) -> dict[str, Any]:
    if not isinstance(source, dict):
        raise SourcesError(f"{where}: each source must be a mapping with a 'kind'")
    kind = source.get("kind")
    if kind not in KINDS:
        known = ", ".join(sorted(KINDS))
        raise SourcesError(f"{where}: unknown kind {kind!r} (known: {known})")
    required, optional = KINDS[kind]
    for name in required:
        if source.get(name) in (None, ""):
            raise SourcesError(f"{where}: {kind} needs the parameter {name!r}")
    unknown = set(source) - set(required) - set(optional) - set(COMMON)
    if unknown:
        raise SourcesError(
            f"{where}: unknown parameter(s) for {kind}: {', '.join(sorted(unknown))}"
        )
    if kind == "jsonld" and not (source.get("sitemap") or source.get("start_urls")):
        raise SourcesError(f"{where}: jsonld needs 'sitemap' or 'start_urls'")
    if "start_urls" in source and not isinstance(source["start_urls"], list):
        raise SourcesError(f"{where}: start_urls must be a list of URLs")
    if "series" in source and not isinstance(source["series"], list | str | int):
        raise SourcesError(f"{where}: series must be a list of job series codes")
    result = dict(source)
    result["feed"] = feed_key(result)
    return result


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
            f"{origin}: feed(s) listed twice: {', '.join(repeated)} (give each a 'name')"
        )
    return [s for s in sources if s.get("enabled", True)]


def load_sources(path: str | Path | None = None) -> list[dict[str, Any]]:
    """Load a sources file; every problem is a :class:`SourcesError` with one line."""
    path = Path(path) if path else default_sources_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourcesError(f"cannot read sources file {path}: {exc.strerror or exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark else ""
        raise SourcesError(f"{path}: malformed YAML{at}: {getattr(exc, 'problem', exc)}") from exc
    return parse_sources(data, str(path.name))
