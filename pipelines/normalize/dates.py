"""Turn the dates boards serve (ISO, epoch milliseconds, "Posted 3 Days Ago") into dates."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from dateutil import parser as dateutil_parser

_RELATIVE = re.compile(
    r"(?:posted\s+)?(?P<n>\d+)\+?\s*(?P<unit>day|week|month|hour|minute)s?\s+ago", re.I
)
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")
_UNIT_DAYS = {"minute": 0, "hour": 0, "day": 1, "week": 7, "month": 30}


def parse_date(value: object, *, today: date | None = None) -> date | None:
    """A date from ISO text, epoch seconds/milliseconds, or a relative "Posted ... Ago".

    "Posted 30+ Days Ago" gives today - 30 days: the newest date it can be, as the board
    only promises "at least". Anything unparseable gives None (the raw text is kept beside).
    """
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    today = today or datetime.now(timezone.utc).date()
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    text = str(value).strip()
    iso = _ISO_DAY.match(text)
    if iso:  # the common case (ISO 8601): no need for dateutil
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            pass
    if re.fullmatch(r"\d{9,13}(?:\.\d+)?", text):
        return _from_epoch(float(text))
    lowered = text.lower()
    if "today" in lowered or "just posted" in lowered:
        return today
    if "yesterday" in lowered:
        return today - timedelta(days=1)
    relative = _RELATIVE.search(text)
    if relative:
        return today - timedelta(days=int(relative["n"]) * _UNIT_DAYS[relative["unit"].lower()])
    try:
        parsed = dateutil_parser.parse(text, default=datetime(today.year, 1, 1))
    except (ValueError, OverflowError):
        return None
    return parsed.date()  # the date as the board wrote it, in its own time zone


def _from_epoch(number: float) -> date | None:
    seconds = number / 1000 if number > 1e11 else number  # ms since 1973 vs seconds
    try:
        return datetime.fromtimestamp(seconds, tz=timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        return None
