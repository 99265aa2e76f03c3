"""The parts of Scrapyd's JSON API a crawl uses, over the standard library's HTTP client.

Every call has a timeout and turns any failure (no answer, an HTTP error, a body that is
no JSON, ``"status": "error"``) into one :class:`ScrapydError` line naming the daemon.
A daemon is given as an http(s) URL, with ``user:password@`` for Scrapyd's basic auth
(sent as a header, never shown).
"""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import quote, unquote, urlencode, urlsplit, urlunsplit
from urllib.request import Request, urlopen

TIMEOUT = 15.0  # seconds for an API call
DEPLOY_TIMEOUT = 180.0  # addversion.json: the daemon lists the egg's spiders before answering


class ScrapydError(Exception):
    """A Scrapyd call failed; the message is one line."""


@dataclass(frozen=True)
class Daemon:
    url: str  # scheme://host:port/prefix/, without credentials
    authorization: str | None = field(default=None, repr=False, compare=False)

    def __str__(self) -> str:
        return self.url


def parse_daemons(text: str) -> list[Daemon]:
    """``URL[,URL...]`` as daemons; ValueError (one line) for anything but http(s) URLs."""
    daemons: list[Daemon] = []
    for piece in text.split(","):
        piece = piece.strip()
        try:
            parts = urlsplit(piece)
            host, port = parts.hostname, parts.port
        except ValueError:
            host = port = parts = None
        if parts is None or parts.scheme.lower() not in ("http", "https") or not host:
            raise ValueError(f"not an http(s) URL of a Scrapyd daemon: {quote(piece[:80])!r}")
        if parts.query or parts.fragment:
            raise ValueError(f"a Scrapyd URL takes no query or fragment: {quote(piece[:80])!r}")
        netloc = f"[{host}]" if ":" in host else host
        netloc += f":{port}" if port else ""
        path = parts.path if parts.path.endswith("/") else parts.path + "/"
        url = urlunsplit((parts.scheme.lower(), netloc, path, "", ""))
        authorization = None
        if parts.username is not None:
            pair = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
            authorization = "Basic " + base64.b64encode(pair.encode()).decode()
        if any(d.url == url for d in daemons):
            raise ValueError(f"Scrapyd daemon listed twice: {url}")
        daemons.append(Daemon(url, authorization))
    return daemons


class ScrapydClient:
    def __init__(self, daemon: Daemon, timeout: float = TIMEOUT) -> None:
        self.daemon = daemon
        self.timeout = timeout

    def call(
        self,
        endpoint: str,
        query: dict[str, str] | None = None,
        form: list[tuple[str, str]] | None = None,
        upload: tuple[str, bytes] | None = None,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """GET ``endpoint`` (with ``query``), or POST ``form`` and an optional file."""
        url = self.daemon.url + endpoint + (f"?{urlencode(query)}" if query else "")
        headers = {"Accept": "application/json"}
        if self.daemon.authorization:
            headers["Authorization"] = self.daemon.authorization
        body = None
        if upload is not None:
            boundary = uuid.uuid4().hex
            body = multipart(form or [], upload, boundary)
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        elif form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        where = f"{self.daemon}{endpoint}"
        try:
            with urlopen(
                Request(url, data=body, headers=headers), timeout=timeout or self.timeout
            ) as reply:
                answer = json.loads(reply.read(10 * 1024 * 1024))
        except HTTPError as exc:
            raise ScrapydError(f"{where}: HTTP {exc.code} {exc.reason}") from None
        except (URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ScrapydError(f"{where}: {reason}".splitlines()[0]) from None
        except ValueError:
            raise ScrapydError(f"{where}: the answer is not JSON") from None
        if not isinstance(answer, dict) or answer.get("status") != "ok":
            message = answer.get("message", answer) if isinstance(answer, dict) else answer
            last = (str(message).strip().splitlines() or [""])[-1].strip()
            raise ScrapydError(f"{where}: {last[:200]}")
        return answer

    def daemon_status(self) -> dict[str, Any]:
        return self.call("daemonstatus.json")

    def list_versions(self, project: str) -> list[str]:
        return list(self.call("listversions.json", {"project": project}).get("versions", []))

    def add_version(self, project: str, version: str, egg: bytes) -> dict[str, Any]:
        form = [("project", project), ("version", version)]
        return self.call("addversion.json", form=form, upload=("egg", egg), timeout=DEPLOY_TIMEOUT)

    def schedule(
        self,
        project: str,
        spider: str,
        *,
        job: str,
        version: str,
        settings: dict[str, str],
        arguments: dict[str, str],
    ) -> str:
        form = [("project", project), ("spider", spider), ("jobid", job), ("_version", version)]
        form += [("setting", f"{name}={value}") for name, value in settings.items()]
        form += list(arguments.items())
        return str(self.call("schedule.json", form=form)["jobid"])

    def list_jobs(self, project: str) -> dict[str, list[dict[str, Any]]]:
        answer = self.call("listjobs.json", {"project": project})
        return {state: answer.get(state, []) for state in ("pending", "running", "finished")}

    def cancel(self, project: str, job: str) -> None:
        self.call("cancel.json", form=[("project", project), ("job", job)])


def multipart(fields: list[tuple[str, str]], upload: tuple[str, bytes], boundary: str) -> bytes:
    """A multipart/form-data body: the fields, then the file as ``project.egg``."""
    parts = []
    for name, value in fields:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    name, data = upload
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="project.egg"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
    )
    parts.append(data + f"\r\n--{boundary}--\r\n".encode())
    return b"".join(parts)
