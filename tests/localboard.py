"""A job board served from memory on 127.0.0.1, for tests and the crawl benchmark.

Point a source's ``api_url`` at it: the spiders keep the real API paths, so a route
is registered under the path the real API would serve (``/v1/boards/x/jobs``).
Each route answers with its scripted responses in order (the last one repeats), which
is how a test plays "429 with Retry-After, then 200" or "500 every time".
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit


@dataclass
class Reply:
    status: int = 200
    body: bytes | str | Any = b""
    headers: dict[str, str] | None = None
    delay: float = 0.0

    def payload(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode("utf-8")
        return json.dumps(self.body).encode("utf-8")


class LocalBoard:
    """``with LocalBoard() as board: board.route("/path?query", Reply(...)); board.url``"""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.hits: dict[str, int] = defaultdict(int)
        #: requests being answered now, and the most at once (a crawler's concurrency)
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None
        self.thread: threading.Thread | None = None

    def route(self, path: str, *replies: Reply | Any) -> None:
        """Answer ``path`` (with its query, or the path alone for any query)."""
        self.routes[path] = [r if isinstance(r, Reply) else Reply(body=r) for r in replies]

    def json(self, path: str, payload: Any, **reply: Any) -> None:
        self.route(path, Reply(body=payload, headers={"Content-Type": "application/json"}, **reply))

    @property
    def url(self) -> str:
        assert self.server is not None, "start the board first"
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def answer(self, method: str, target: str) -> Reply:
        key = target if target in self.routes else urlsplit(target).path
        with self._lock:
            self.hits[key] += 1
            hits = self.hits[key]
        replies = self.routes.get(key)
        if not replies:
            return Reply(status=404, body=b"not found")
        return replies[min(hits, len(replies)) - 1]

    def _started(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _ended(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def __enter__(self) -> LocalBoard:
        board = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                board._started()
                try:
                    reply = board.answer(self.command, self.path)
                    if reply.delay:
                        time.sleep(reply.delay)
                finally:
                    board._ended()
                body = reply.payload()
                self.send_response(reply.status)
                for name, value in (reply.headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = _serve
            do_POST = _serve

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def greenhouse_job(
    board: str, job_id: int, title: str, content: str, place: str = "Tulsa, OK"
) -> dict:
    """One job as the Greenhouse Job Board API lists it (content HTML-escaped)."""
    import html

    return {
        "id": job_id,
        "internal_job_id": job_id,
        "title": title,
        "updated_at": "2026-11-18T09:12:44-05:00",
        "first_published": "2026-11-02T08:00:00-05:00",
        "requisition_id": None,
        "location": {"name": place},
        "absolute_url": f"https://job-boards.greenhouse.io/{board}/jobs/{job_id}",
        "company_name": board.title(),
        "content": html.escape(content),
    }


def lever_posting(posting_id: str, title: str, description: str, place: str = "Tulsa, OK") -> dict:
    """One posting as the Lever Postings API returns it."""
    return {
        "id": posting_id,
        "text": title,
        "categories": {"location": place, "commitment": "Full-time", "team": "HIM"},
        "workplaceType": "on-site",
        "createdAt": 1794326400000,
        "description": description,
        "lists": [],
        "hostedUrl": f"https://jobs.lever.co/site/{posting_id}",
        "salaryRange": {"currency": "USD", "interval": "per-hour-wage", "min": 20, "max": 26},
    }
