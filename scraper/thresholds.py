"""Read and validate the feed health thresholds and notifications (config/monitors.yaml).

Every problem is one line naming the file and the key (:class:`MonitorConfigError`); the
CLI turns it into exit 2 before anything is crawled.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipelines.untrusted import load_config_file, shown

PACKAGED_MONITORS = Path(__file__).resolve().parent.parent / "config" / "monitors.yaml"
#: The checked fields of a posting, in the order they are reported.
COVERED_FIELDS = ("title", "description", "location", "pay")
STATUSES = ("ok", "degraded", "failing")

#: Every threshold and its default. A rate or share limit is a fraction from 0 to 1.
DEFAULTS: dict[str, Any] = {
    "history_runs": 5,
    "min_items": 10,
    "item_count": {"degraded_drop": 0.25, "failing_drop": 0.5},
    "error_rate": {"degraded": 0.0, "failing": 0.1},
    "retry_rate": {"degraded": 0.2, "failing": 0.5},
    "coverage": {
        "title": {"degraded": 1.0, "failing": 0.9},
        "description": {"degraded": 0.9, "failing": 0.5},
        "location": {"degraded": 0.8, "failing": 0.5},
        "pay": {"degraded": 0.0, "failing": 0.0},
    },
    "coverage_drop": {"degraded": 0.1, "failing": 0.25},
    "validation": {"degraded": 0.0, "failing": 0.1},
}
_EMAIL = re.compile(r"[^@\s<>]+@[^@\s<>]+")


class MonitorConfigError(ValueError):
    """The monitors file is unusable; the message is one line for the user."""


@dataclass(frozen=True)
class Webhook:
    url: str
    timeout: float = 10.0


@dataclass(frozen=True)
class Mail:
    host: str
    sender: str
    to: tuple[str, ...]
    port: int = 25
    starttls: bool = False
    username: str | None = None
    password_env: str | None = None  # the password is read from this environment variable
    timeout: float = 10.0


@dataclass(frozen=True)
class Notify:
    when: str = "failing"  # notify when a feed's status is this or worse
    webhook: Webhook | None = None
    mail: Mail | None = None

    def wanted(self, status: str) -> bool:
        return STATUSES.index(status) >= STATUSES.index(self.when)


@dataclass(frozen=True)
class MonitorConfig:
    thresholds: dict[str, Any] = field(default_factory=lambda: copy.deepcopy(DEFAULTS))
    feeds: dict[str, dict[str, Any]] = field(default_factory=dict)
    notify: Notify | None = None  # None: no notification (the default)

    def for_feed(self, feed: str) -> dict[str, Any]:
        """The thresholds of ``feed``: the file's, with the feed's own entries over them."""
        return _merged(self.thresholds, self.feeds.get(feed, {}))


def default_monitors_path() -> Path:
    """``MRT_MONITORS`` when set, else ./config/monitors.yaml when present, else the
    project's own file."""
    if os.environ.get("MRT_MONITORS"):
        return Path(os.environ["MRT_MONITORS"])
    local = Path("config") / "monitors.yaml"
    return local if local.exists() else PACKAGED_MONITORS


def load_monitor_config(path: str | Path | None = None) -> MonitorConfig:
    """Load and check a monitors file; every problem is one :class:`MonitorConfigError`.
    Without ``path`` and without any file to default to (an egg built without config/),
    the built-in thresholds and no notification."""
    if path is None and not default_monitors_path().exists():
        return MonitorConfig()
    return parse_monitor_config(*read_monitor_file(path))


def read_monitor_file(path: str | Path | None = None) -> tuple[dict[str, Any], str]:
    """The data of a monitors file, checked, and the file's name for messages: what a crawl
    hands its feeds (``MRT_MONITORS_CONFIG``), so a Scrapyd worker needs no copy of it."""
    path = Path(path) if path else default_monitors_path()
    data = load_config_file(path, "monitors file", MonitorConfigError)
    origin = shown(path.name)
    parse_monitor_config(data, origin)
    return data or {}, origin


def config_from_settings(settings: Any) -> MonitorConfig:
    """The monitors config of a crawl: ``MRT_MONITORS_CONFIG`` (the file's data, as
    `mrt crawl` passes it), else the file ``MRT_MONITORS`` names, else the default file."""
    if settings.get("MRT_MONITORS_CONFIG") is not None:
        return parse_monitor_config(settings.getdict("MRT_MONITORS_CONFIG"), "MRT_MONITORS_CONFIG")
    return load_monitor_config(settings.get("MRT_MONITORS") or None)


def parse_monitor_config(data: object, origin: str = "monitors") -> MonitorConfig:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise MonitorConfigError(f"{origin}: expected a mapping of thresholds")
    data = dict(data)
    feeds = data.pop("feeds", None) or {}
    notify = data.pop("notify", None)
    thresholds = _merged(DEFAULTS, _checked(data, DEFAULTS, origin))
    _check_order(thresholds, origin)
    if not isinstance(feeds, dict):
        raise MonitorConfigError(f"{origin}: feeds must map feed names to thresholds")
    own: dict[str, dict[str, Any]] = {}
    for name, entry in feeds.items():
        prefix = f"feeds.{shown(name, 40)}."
        if not isinstance(name, str) or not isinstance(entry, dict):
            raise MonitorConfigError(f"{origin}: {prefix[:-1]} must be a mapping of thresholds")
        own[name] = _checked(entry, DEFAULTS, origin, prefix)
        _check_order(_merged(thresholds, own[name]), origin, prefix)
    return MonitorConfig(thresholds, own, _notify(notify, origin))


def _merged(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    result = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merged(result[key], value)
        else:
            result[key] = value
    return result


def _checked(
    data: dict[str, Any], shape: dict[str, Any], origin: str, prefix: str = ""
) -> dict[str, Any]:
    """``data`` when its keys are known and its values of the defaults' kinds and ranges."""
    for key, value in data.items():
        name = f"{prefix}{shown(key, 40)}"
        if key not in shape:
            known = [*shape, *(("feeds", "notify") if shape is DEFAULTS and not prefix else ())]
            raise MonitorConfigError(f"{origin}: unknown key '{name}' (known: {', '.join(known)})")
        expected = shape[key]
        if isinstance(expected, dict):
            if not isinstance(value, dict):
                raise MonitorConfigError(
                    f"{origin}: {name} must be a mapping of {', '.join(expected)}"
                )
            _checked(value, expected, origin, f"{name}.")
        elif isinstance(expected, int):
            if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1000:
                raise MonitorConfigError(
                    f"{origin}: {name} must be a whole number from 1 to 1000, "
                    f"not '{shown(value, 40)}'"
                )
        elif isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            raise MonitorConfigError(
                f"{origin}: {name} must be a share from 0 to 1, not '{shown(value, 40)}'"
            )
    return data


def _check_order(thresholds: dict[str, Any], origin: str, prefix: str = "") -> None:
    """A degraded limit comes before the failing one: a rate or drop reaches it first, a
    share falls below it first."""
    rising = [("item_count", "degraded_drop", "failing_drop")] + [
        (name, "degraded", "failing")
        for name in ("error_rate", "retry_rate", "coverage_drop", "validation")
    ]
    for name, low, high in rising:
        limits = thresholds[name]
        if limits[low] > limits[high]:
            raise MonitorConfigError(
                f"{origin}: {prefix}{name}.{low} ({limits[low]}) must be at most "
                f"{name}.{high} ({limits[high]})"
            )
    for name, limits in thresholds["coverage"].items():
        if limits["degraded"] < limits["failing"]:
            raise MonitorConfigError(
                f"{origin}: {prefix}coverage.{name}.degraded ({limits['degraded']}) must be "
                f"at least coverage.{name}.failing ({limits['failing']})"
            )


def _notify(data: object, origin: str) -> Notify | None:
    if data is None or data is False:
        return None
    where = f"{origin}: notify"
    if not isinstance(data, dict):
        raise MonitorConfigError(f"{where} must be a mapping (when, webhook, mail)")
    if True in data or False in data:  # YAML 1.1 reads a bare on/off/yes/no key as a bool
        raise MonitorConfigError(f"{where}: a key reads as true or false (on? write when:)")
    _only(data, ("when", "webhook", "mail"), where)
    when = data.get("when", "failing")
    if when not in ("degraded", "failing"):
        raise MonitorConfigError(
            f"{where}.when must be degraded or failing, not '{shown(when, 40)}'"
        )
    webhook = _webhook(data["webhook"], f"{where}.webhook") if data.get("webhook") else None
    mail = _mail(data["mail"], f"{where}.mail") if data.get("mail") else None
    if webhook is None and mail is None:
        return None
    return Notify(when=when, webhook=webhook, mail=mail)


def _webhook(data: object, where: str) -> Webhook:
    if isinstance(data, str):
        data = {"url": data}
    if not isinstance(data, dict):
        raise MonitorConfigError(f"{where} must be a URL or a mapping (url, timeout)")
    _only(data, ("url", "timeout"), where)
    url = data.get("url")
    if not isinstance(url, str) or not re.match(r"https?://[^/\s?#]+", url):
        raise MonitorConfigError(f"{where}.url must be an http(s) URL, not '{shown(url, 40)}'")
    return Webhook(url=url, timeout=_timeout(data, where))


def _mail(data: object, where: str) -> Mail:
    if not isinstance(data, dict):
        raise MonitorConfigError(f"{where} must be a mapping (host, port, from, to, ...)")
    keys = ("host", "port", "from", "to", "starttls", "username", "password_env", "timeout")
    _only(data, keys, where)
    host = data.get("host")
    if not isinstance(host, str) or not host or any(c.isspace() for c in host):
        raise MonitorConfigError(f"{where}.host must be a host name, not '{shown(host, 40)}'")
    port = data.get("port", 25)
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise MonitorConfigError(f"{where}.port must be a port number, not '{shown(port, 40)}'")
    recipients = data.get("to")
    if isinstance(recipients, str):
        recipients = [recipients]
    sender = data.get("from")
    for name, value in [("from", sender), *(("to", r) for r in recipients or [None])]:
        if not isinstance(value, str) or not _EMAIL.fullmatch(value):
            raise MonitorConfigError(
                f"{where}.{name} must be an e-mail address, not '{shown(value, 40)}'"
            )
    for name in ("username", "password_env"):
        if data.get(name) is not None and not isinstance(data[name], str):
            raise MonitorConfigError(f"{where}.{name} must be text")
    if not isinstance(data.get("starttls", False), bool):
        raise MonitorConfigError(f"{where}.starttls must be true or false")
    return Mail(
        host=host, sender=sender, to=tuple(recipients), port=port,
        starttls=data.get("starttls", False), username=data.get("username"),
        password_env=data.get("password_env"), timeout=_timeout(data, where),
    )  # fmt: skip


def _only(data: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
    unknown = set(data) - set(keys)
    if unknown:
        names = shown(", ".join(sorted(map(str, unknown))), 40)
        raise MonitorConfigError(f"{where}: unknown key(s) {names} (known: {', '.join(keys)})")


def _timeout(data: dict[str, Any], where: str) -> float:
    value = data.get("timeout", 10)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 120:
        raise MonitorConfigError(
            f"{where}.timeout must be seconds above 0 and at most 120, not '{shown(value, 40)}'"
        )
    return float(value)
