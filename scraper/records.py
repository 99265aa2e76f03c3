"""One record of an untrusted response: the errors that make it malformed, and the check
that an item's fields hold the types JobPosting declares.

A board's API may put a number or a list where text belongs, or pay that is no number;
such a record is skipped and counted (`JobSpider.each_record`), never fatal to the feed.
"""

from __future__ import annotations

import dataclasses
import math
from datetime import date

from scraper.items import JobPosting


class MalformedRecord(ValueError):
    """One record of a response is unusable (no id, a field of the wrong type)."""


#: What reading a record with bad data raises: that record is skipped, the rest is read.
RECORD_ERRORS = (MalformedRecord, TypeError, ValueError, AttributeError, KeyError, IndexError)

_TYPES = {"str": (str,), "float": (int, float), "bool": (bool,), "date": (date,), "dict": (dict,)}


def _declared(annotation: str) -> tuple[tuple[type, ...], bool]:
    """The types an annotation such as ``"str | None"`` allows, and whether None is one."""
    parts = [part.split("[")[0].strip() for part in annotation.split("|")]
    return tuple(t for part in parts for t in _TYPES.get(part, ())), "None" in parts


#: JobPosting field -> (allowed types, None allowed); fields of other types go unchecked.
FIELD_TYPES = {
    f.name: declared
    for f in dataclasses.fields(JobPosting)
    if (declared := _declared(str(f.type)))[0]
}


def check_field_types(item: JobPosting) -> JobPosting:
    """``item``, or MalformedRecord when a field holds another type than declared (a number
    or list where text belongs, a bool or an infinite amount where a number belongs)."""
    for name, (types, optional) in FIELD_TYPES.items():
        value = getattr(item, name)
        if value is None and optional:
            continue
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise MalformedRecord(f"{name} is {type(value).__name__}")
        if isinstance(value, float) and not math.isfinite(value):
            raise MalformedRecord(f"{name} is not a finite number")
    _check_places(item.jobLocations)
    return item


#: The keys of one ``jobLocations`` entry and the types each may hold (or None).
PLACE_TYPES = {"raw": str, "city": str, "state": str, "country": str, "remote": bool}


def _check_places(places: object) -> None:
    if not isinstance(places, list):
        raise MalformedRecord(f"jobLocations is {type(places).__name__}")
    for place in places:
        if not isinstance(place, dict):
            raise MalformedRecord(f"a jobLocations entry is {type(place).__name__}")
        for key, value in place.items():
            kind = PLACE_TYPES.get(key)
            if kind is None:
                raise MalformedRecord(f"jobLocations has an unknown key {key!r:.20}")
            if value is not None and not isinstance(value, kind):
                raise MalformedRecord(f"jobLocations {key} is {type(value).__name__}")
