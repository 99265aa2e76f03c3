"""Read a posting's location as boards write it into city, two-letter state and a remote flag;
split a text naming several places ("Toronto, New York, San Francisco") into its places."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipelines.untrusted import load_yaml_file, shown

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
#: The location texts that name no place, as data (validated when loaded).
NOT_PLACES_FILE = Path(__file__).with_name("not_places.yaml")
#: Country names and codes a comma-separated part may be (it then ends a place).
COUNTRIES = frozenset({
    "us", "u.s.", "u.s", "usa", "u.s.a.", "united states", "united states of america",
    "canada", "ca-on", "mexico", "united kingdom", "uk", "england", "ireland", "india",
    "philippines", "australia", "germany", "france", "netherlands", "puerto rico",
})  # fmt: skip
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


class PlacesDataError(ValueError):
    """not_places.yaml is not a list of regular-expression fragments; one line."""


def load_not_places(path: Path = NOT_PLACES_FILE) -> re.Pattern[str]:
    """The non-places of ``path`` as one case-insensitive whole-text pattern."""
    data = load_yaml_file(path, path.name)
    if not isinstance(data, dict) or set(data) != {"not_places"}:
        raise PlacesDataError(f"{path.name}: expected one key, not_places")
    entries = data["not_places"]
    if not isinstance(entries, list) or not entries:
        raise PlacesDataError(f"{path.name}: not_places must be a non-empty list")
    for entry in entries:
        if not isinstance(entry, str) or not entry.strip():
            raise PlacesDataError(f"{path.name}: not_places entry '{shown(entry)}' is not text")
        try:
            re.compile(entry)
        except re.error as exc:
            raise PlacesDataError(
                f"{path.name}: not_places entry '{shown(entry)}' does not compile: {exc}"
            ) from None
    return re.compile("^(?:" + "|".join(f"(?:{e})" for e in entries) + ")$", re.I)


@lru_cache(maxsize=1)
def _not_places() -> re.Pattern[str]:
    return load_not_places()


def is_not_a_place(text: str | None) -> bool:
    """ "Location Negotiable After Selection", "Multiple Locations", "Anywhere in the U.S.":
    texts that name no place (not_places.yaml), with or without a trailing country."""
    body = _SPACES.sub(" ", _NOISE.sub(" ", text or "")).strip(" ,-–|/:.")
    if not body:
        return False
    pattern = _not_places()
    if pattern.match(body):
        return True
    without_country = _COUNTRY_US.sub("", body).strip(" ,-–|/:.")
    return bool(without_country) and bool(pattern.match(without_country))


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
    if is_not_a_place(body) or is_not_a_place(raw):
        country = "US" if _COUNTRY_US.search(body) else None
        return Location(country=country, remote=remote, raw=raw)
    country = None
    if _COUNTRY_US.search(body):
        country = "US"
        body = _COUNTRY_US.sub("", body).strip(" ,-–|/")
        if not body or is_not_a_place(body):
            return Location(country=country, remote=remote, raw=raw)
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
            city = parts[0] if not is_not_a_place(parts[0]) else None
    if state:
        country = "US"
    if city and (city.upper() in {"US", "USA"} or is_not_a_place(city)):
        city = None
    return Location(city=city, state=state, country=country, remote=remote, raw=raw)


# -- several places in one text -----------------------------------------------------------

#: Separators that always part two places ("Tulsa, OK; Dallas, TX", "Tulsa | Dallas").
_PLACE_SEPARATORS = re.compile(r"\s*(?:;|\||\n|•|\s+or\s+)\s*", re.I)
_STATE_WITH_ZIP = re.compile(r"^([A-Z]{2})(?:\s+\d{5}(?:-\d{4})?)?$")
_ZIP_ONLY = re.compile(r"^\d{5}(?:-\d{4})?$")


def _part_kind(part: str) -> str:
    """What one comma-separated part is: code (OK, OK 74103), name (a state's name), zip,
    country, or other (a city, a remote word, anything else)."""
    if _ZIP_ONLY.match(part):
        return "zip"
    code = _STATE_WITH_ZIP.match(part)
    if code and code.group(1) in STATE_CODES:
        return "code"
    if part.lower().strip(". ") in COUNTRIES or part.lower() in COUNTRIES:
        return "country"
    if len(part) > 2 and state_code(part):
        return "name"
    return "other"


def _group_parts(piece: str) -> list[str]:
    """One separator-free piece ("Toronto, New York, San Francisco", "Tulsa, OK 74103, US",
    "Tulsa, Oklahoma, Dallas, Texas") as its places.

    A state code, ZIP code or country finishes the place before it. A state's name does so
    only where it cannot be a place of its own: the pattern repeats as city/state pairs,
    or it is the last part, or a ZIP code or country follows it; "Toronto, New York, San
    Francisco" is three places. "City, Region, Country" is one place.
    """
    parts = [p.strip() for p in piece.split(",") if p.strip()]
    if len(parts) <= 1 or is_not_a_place(piece):
        return [piece.strip(" ,")]
    kinds = [_part_kind(p) for p in parts]
    pairs = (
        len(parts) % 2 == 0
        and all(k in ("code", "name") for k in kinds[1::2])
        and all(k == "other" for k in kinds[0::2])
    )
    groups: list[dict[str, Any]] = []
    for index, (part, kind) in enumerate(zip(parts, kinds, strict=True)):
        group = groups[-1] if groups else None
        after = kinds[index + 1] if index + 1 < len(kinds) else None
        last = after is None
        open_region = group is not None and not group["region"] and not group["country"]
        if group is None:
            attach = False
        elif kind == "country":
            attach = not group["country"]
        elif kind in ("code", "zip"):
            attach = open_region
        elif kind == "name":
            attach = open_region and (
                (group["kinds"] == ["other"] and (pairs or last or after in ("zip", "country")))
                or group["parts"] == [part]  # "New York, New York"
            )
        else:  # "City, Region, Country": a region that is no US state
            attach = (
                open_region
                and group["kinds"] == ["other"]
                and after == "country"
                and (index + 2 == len(parts))
            )
        if attach:
            group["parts"].append(part)
            group["kinds"].append(kind)
            group["region"] = group["region"] or kind in ("code", "name", "other")
            group["country"] = group["country"] or kind == "country"
        else:
            # A state's name opening a place may be its city ("New York, NY").
            groups.append({"parts": [part], "kinds": [kind], "region": kind == "code",
                           "country": kind == "country"})  # fmt: skip
    return [", ".join(g["parts"]) for g in groups]


def split_places(text: str | None) -> list[str]:
    """The places one location text names, each as written: "Tulsa, OK" -> ["Tulsa, OK"];
    "Toronto, New York, San Francisco" -> three; "Tulsa, OK; Remote - US" -> two."""
    places: list[str] = []
    for piece in _PLACE_SEPARATORS.split(text or ""):
        piece = piece.strip(" ,")
        if piece:
            places.extend(_group_parts(piece))
    return places


def parse_locations(text: str | None) -> list[Location]:
    """Every place of a location text, parsed, in order, without repeats."""
    return distinct([parse_location(place) for place in split_places(text)])


def _country(value: str | None) -> str | None:
    if not value:
        return None
    text = value.strip()
    if text.lower().strip(". ") in {"us", "u.s", "usa", "u.s.a", "united states",
                                    "united states of america"}:  # fmt: skip
        return "US"
    return text.upper() if len(text) == 2 and text.isalpha() else None


def normalise_place(
    raw: str | None = None,
    city: str | None = None,
    state: str | None = None,
    country: str | None = None,
    remote: bool | None = None,
) -> Location:
    """One place as a board structures it (any of raw text, city, region, country, remote)
    as a Location; what the structure leaves out is read from the raw text. A city that
    is no place ("Location Negotiable After Selection") is dropped."""
    parsed = parse_location(raw) if raw else Location()
    city = (city or "").strip() or parsed.city
    if city and is_not_a_place(city):
        city = None
    code = state_code(state) or (parsed.state if not state else None) or parsed.state
    country_code = "US" if code else (_country(country) or parsed.country)
    if raw is None:
        raw = ", ".join(p for p in (city, state or code) if p) or None
    return Location(
        city=city,
        state=code,
        country=country_code,
        remote=remote if remote is not None else parsed.remote,
        raw=(raw or "").strip(),
    )


def distinct(places: list[Location]) -> list[Location]:
    """``places`` without a repeat of the same city, state, country and remote flag (a
    place known by its raw text alone, such as "Location Negotiable", by that text)."""
    seen: set[tuple] = set()
    out = []
    for place in places:
        key: tuple = (place.city, place.state, place.country, place.remote)
        if not any(key):
            key = ("raw", place.raw.casefold())
        if key not in seen and any(key[1:] if key[0] == "raw" else key):
            seen.add(key)
            out.append(place)
    return out
