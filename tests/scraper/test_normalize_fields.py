"""Locations, dates and structured pay as job boards really write them."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.normalize.dates import parse_date
from pipelines.normalize.location import parse_location, state_code
from pipelines.normalize.salary import normalise_pay

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "city", "state", "remote"),
    [
        ("Tulsa, OK", "Tulsa", "OK", None),
        ("Remote - US", None, None, True),
        ("Kearney, Nebraska", "Kearney", "NE", None),
        ("Multiple Locations", None, None, None),
        ("2 Locations", None, None, None),
        ("Tulsa, OK 74103", "Tulsa", "OK", None),
        ("Omaha, NE, United States", "Omaha", "NE", None),
        ("US-OK-Tulsa", "Tulsa", "OK", None),
        ("Remote (Texas)", None, "TX", True),
        ("Washington, DC", "Washington", "DC", None),
        ("Denver, CO - Hybrid", "Denver", "CO", None),
        ("Atlanta, Georgia, USA", "Atlanta", "GA", None),
        ("Toronto, Ontario, Canada", None, None, None),
        ("Work from home", None, None, True),
        ("", None, None, None),
    ],
)
def test_locations(text: str, city, state, remote) -> None:
    place = parse_location(text)
    assert (place.city, place.state, place.remote) == (city, state, remote)
    assert place.raw == text.strip()
    if state:
        assert place.country == "US"


def test_remote_us_is_in_the_us() -> None:
    assert parse_location("Remote - US").country == "US"


def test_state_code() -> None:
    assert state_code("oklahoma") == "OK" and state_code("ne") == "NE"
    assert state_code("Ontario") is None and state_code(None) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Posted 30+ Days Ago", date(2026, 10, 24)),
        ("Posted 3 Days Ago", date(2026, 11, 20)),
        ("Posted Today", TODAY),
        ("Posted Yesterday", date(2026, 11, 22)),
        ("2 weeks ago", date(2026, 11, 9)),
        (1714560000000, date(2024, 5, 1)),  # Lever createdAt, epoch milliseconds
        ("1714560000000", date(2024, 5, 1)),
        (1714560000, date(2024, 5, 1)),  # epoch seconds
        ("2024-05-01", date(2024, 5, 1)),
        ("2024-05-01T23:30:00-05:00", date(2024, 5, 1)),  # the board's own day
        ("2026-11-05T00:00:00.0000", date(2026, 11, 5)),  # USAJOBS
        ("May 3, 2024", date(2024, 5, 3)),
        ("not a date", None),
        ("", None),
        (None, None),
    ],
)
def test_dates(value, expected) -> None:
    assert parse_date(value, today=TODAY) == expected


@pytest.mark.parametrize(
    ("low", "high", "interval", "expected"),
    [
        (21.5, 28.75, "Hourly pay range", (21.5, 28.75, "hour")),  # Greenhouse cents / 100
        ("52321", "68036", "PA", (52321, 68036, "year")),  # USAJOBS
        ("28.15", "36.60", "PH", (28.15, 36.60, "hour")),
        (5200, 6400, "MONTH", (62400, 76800, "year")),  # JSON-LD unitText
        (62000, 78000, "per-year-salary", (62000, 78000, "year")),  # Lever
        (25, 32, "1 HOUR", (25, 32, "hour")),  # Ashby
        ("18.5", "22", "hourly", (18.5, 22, "hour")),  # JobSpy
        (1000, 1200, "weekly", (52000, 62400, "year")),
    ],
)
def test_structured_pay(low, high, interval, expected) -> None:
    pay = normalise_pay(low, high, interval)
    assert pay is not None and (pay.min, pay.max, pay.period) == pytest.approx(expected)


def test_no_pay() -> None:
    assert normalise_pay(None, "", "hourly") is None
