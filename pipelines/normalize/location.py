"""Read a posting's location as boards write it into city, two-letter state and a remote flag."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

STATES: dict[str, str] = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
    "colorado": "CO", "connecticut": "CT", "delaware": "DE", "district of columbia": "DC",
    "florida": "FL", "georgia": "GA", "hawaii": "HI", "idaho": "ID", "illinois": "IL",
    "indiana": "IN", "iowa": "IA", "kansas": "KS", "kentucky": "KY", "louisiana": "LA",
    "maine": "ME", "maryland": "MD", "massachusetts": "MA", "michigan": "MI",
    "minnesota": "MN", "mississippi": "MS", "missouri": "MO", "montana": "MT",
    "nebraska": "NE", "nevada": "NV", "new hampshire": "NH", "new jersey": "NJ",
    "new mexico": "NM", "new york": "NY", "north carolina": "NC", "north dakota": "ND",
    "ohio": "OH", "oklahoma": "OK", "oregon": "OR", "pennsylvania": "PA",
    "rhode island": "RI", "south carolina": "SC", "south dakota": "SD", "tennessee": "TN",
    "texas": "TX", "utah": "UT", "vermont": "VT", "virginia": "VA", "washington": "WA",
    "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY", "puerto rico": "PR",
    "guam": "GU", "virgin islands": "VI", "american samoa": "AS",
    "northern mariana islands": "MP", "washington dc": "DC", "washington d.c.": "DC",
}  # fmt: skip
STATE_CODES = frozenset(STATES.values())

_REMOTE = re.compile(
    r"\b(?:remote|telecommute|telework|work from home|wfh|virtual|anywhere)\b", re.I
)
_COUNTRY_US = re.compile(
    r"(?:,|\s|-|^)\s*(?:u\.?s\.?a?\.?|united states(?: of america)?|us)\s*$", re.I
)
_VAGUE = re.compile(
    r"^(?:multiple|various|several|many|all|\d+)\s+locations?$|^(?:locations?|tbd|n/?a|see (?:description|posting))$",
    re.I,
)
_ZIP = re.compile(r"\s*\b\d{5}(?:-\d{4})?\b\s*$")
_NOISE = re.compile(r"\((?:[^)]*)\)|\[[^\]]*\]")
_SEPARATORS = re.compile(r"\s*(?:,|\s-\s|\s–\s|\||/|;)\s*")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Location:
    city: str | None = None
    state: str | None = None
    country: str | None = None
    remote: bool | None = None
    raw: str = ""


def state_code(text: str | None) -> str | None:
    """'OK', 'ok', 'Oklahoma' -> 'OK'; anything else -> None."""
    if not text:
        return None
    key = _SPACES.sub(" ", text.strip().strip(".").lower())
    if key.upper() in STATE_CODES and len(key) == 2:
        return key.upper()
    return STATES.get(key)


@lru_cache(maxsize=8192)
def parse_location(text: str | None) -> Location:
    """Parse "Tulsa, OK", "Kearney, Nebraska", "Remote - US", "US-OK-Tulsa", "Tulsa, OK 74103".

    Only US places get a state; "Multiple Locations" and unknown shapes keep just the raw
    text, so a wrong guess never hides the original. Memoised: a board repeats a handful
    of places across thousands of postings, and a Location is immutable.
    """
    raw = (text or "").strip()
    if not raw:
        return Location()
    remote = True if _REMOTE.search(raw) else None
    inner = _NOISE.findall(raw)  # "Remote (Texas)": the state sits in brackets
    body = _NOISE.sub(" ", raw)
    body = _REMOTE.sub(" ", body)
    body = re.sub(r"\b(?:hybrid|on-?site|in office)\b", " ", body, flags=re.I)
    body = _SPACES.sub(" ", body).strip(" ,-–|/:")
    if _VAGUE.match(body):
        return Location(remote=remote, raw=raw)
    country = None
    if _COUNTRY_US.search(body):
        country = "US"
        body = _COUNTRY_US.sub("", body).strip(" ,-–|/")
    body = _ZIP.sub("", body)
    parts = [p.strip() for p in _SEPARATORS.split(body) if p and p.strip()]
    if len(parts) == 1 and "-" in parts[0] and not parts[0].count(" "):
        parts = [p for p in parts[0].split("-") if p]  # Workday's "US-OK-Tulsa"
        if parts and parts[0].upper() in {"US", "USA"}:
            country, parts = "US", parts[1:]
    city = state = None
    # The state follows the city ("Washington, DC"), so look from the end.
    for index in range(len(parts) - 1, -1, -1):
        part = parts[index]
        code = state_code(_ZIP.sub("", part))
        if code:
            state = code
            if index > 0:
                city = parts[index - 1]
            elif len(parts) > 1:  # "OK-Tulsa": state first
                city = parts[1]
            break
    if state is None:
        for part in inner:
            code = state_code(part.strip("()[] "))
            if code:
                state = code
        if state is None and len(parts) == 1 and not remote and len(parts[0]) > 2:
            # A lone word that is not a state ("Tulsa") may be a city; keep it only then.
            city = parts[0] if not _VAGUE.match(parts[0]) else None
    if state:
        country = "US"
    if city and city.upper() in {"US", "USA"}:
        city = None
    return Location(city=city, state=state, country=country, remote=remote, raw=raw)
