"""Tell an operator a feed is unhealthy: a webhook POST with a small JSON body, or a mail
sent by SMTP. Both are configured in the monitors file (scraper/thresholds.py), off unless
given there."""

from __future__ import annotations

import json
import os
import smtplib
import socket
import ssl
import urllib.request
from email.message import EmailMessage
from typing import Any

from pipelines.untrusted import shown
from scraper.thresholds import Mail, Webhook


class NotifyError(RuntimeError):
    """The webhook or the mail server refused the notification."""


def notification(
    feed: str, source: str, status: str, run_id: int | None, checks: list[dict[str, str]],
    items: int,
) -> dict[str, Any]:  # fmt: skip
    """The JSON body of a webhook call (and the content of a mail): which feed, how bad,
    and each check that is not ok with its reason."""
    return {
        "event": "mrt.feed_health",
        "feed": feed,
        "source": source,
        "status": status,
        "run_id": run_id,
        "items": items,
        "problems": [c for c in checks if c["status"] != "ok"],
        "host": socket.gethostname(),
    }


def post_webhook(webhook: Webhook, body: dict[str, Any]) -> None:
    """POST ``body`` as JSON; a status of 300 or more, or no answer in time, raises."""
    request = urllib.request.Request(
        webhook.url,
        data=json.dumps(body).encode("utf-8"),
        headers={"Content-Type": "application/json", "User-Agent": "mrt-skills monitors"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=webhook.timeout) as response:  # noqa: S310
            status = response.status
    except OSError as exc:  # URLError, HTTPError (4xx/5xx), timeouts
        raise NotifyError(f"webhook {shown(webhook.url)}: {shown(exc)}") from exc
    if status >= 300:
        raise NotifyError(f"webhook {shown(webhook.url)} answered {status}")


def send_mail(mail: Mail, body: dict[str, Any]) -> None:
    """Mail the notification as plain text, with STARTTLS and a login when configured."""
    message = EmailMessage()
    message["From"] = mail.sender
    message["To"] = ", ".join(mail.to)
    problems = ", ".join(p["check"] for p in body["problems"]) or "no problem"
    message["Subject"] = shown(f"[mrt] {body['feed']} {body['status']}: {problems}", 200)
    lines = [
        f"Feed {body['feed']} ({body['source']}) is {body['status']} after crawl run "
        f"{body['run_id']} on {body['host']}: {body['items']} postings listed.",
        "",
        *(f"- {p['check']} ({p['status']}): {p['detail']}" for p in body["problems"]),
        "",
        "`mrt status` shows every feed's health.",
    ]
    message.set_content("\n".join(lines))
    try:
        with smtplib.SMTP(mail.host, mail.port, timeout=mail.timeout) as smtp:
            if mail.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if mail.username:
                smtp.login(mail.username, os.environ.get(mail.password_env or "", ""))
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise NotifyError(f"mail through {shown(mail.host)}:{mail.port}: {shown(exc)}") from exc
