"""Turn advertised pay into a comparable range: min and max per hour or per year.

Two entry points: `parse_salary` reads a pay string as employers write it ("$18.50 -
$24.75/hr", "$54K–$66K", "GS-05: $39,576 - $51,446 per year"), and `normalise_pay` takes
the structured amounts job-board APIs return (min, max, an interval code). Both map
monthly, weekly, bi-weekly and daily pay to a yearly figure so that every range is
either per hour or per year. Deciding *which* sentence of a posting is the pay (and
skipping tuition, bonuses, 401(k) matches) is the extractor's job, not this module's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SalaryRange", "parse_salary", "normalise_pay", "PERIOD_TO_YEAR"]


@dataclass(frozen=True)
class SalaryRange:
    """A pay range; `min == max` when one figure is advertised."""

    min: float
    max: float
    period: str  # "hour" | "year"
    currency: str = "USD"
    raw: str = ""


# How many of a period make a year (hours are kept as hours, not annualised).
PERIOD_TO_YEAR = {"year": 1, "month": 12, "semimonth": 24, "biweek": 26, "week": 52, "day": 260}

_INTERVAL_WORDS = {
    "hour": "hour",
    "hours": "hour",
    "hourly": "hour",
    "ph": "hour",
    "hr": "hour",
    "hrs": "hour",
    "per hour": "hour",
    "perhour": "hour",
    "h": "hour",
    "year": "year",
    "years": "year",
    "yearly": "year",
    "annual": "year",
    "annually": "year",
    "annum": "year",
    "pa": "year",
    "py": "year",
    "yr": "year",
    "salary": "year",
    "y": "year",
    "per year": "year",
    "peryear": "year",
    "perannum": "year",
    "month": "month",
    "monthly": "month",
    "pm": "month",
    "mo": "month",
    "mon": "month",
    "week": "week",
    "weekly": "week",
    "pw": "week",
    "wk": "week",
    "biweekly": "biweek",
    "bi-weekly": "biweek",
    "bi weekly": "biweek",
    "biweek": "biweek",
    "every two weeks": "biweek",
    "fortnight": "biweek",
    "fortnightly": "biweek",
    "semimonthly": "semimonth",
    "semi-monthly": "semimonth",
    "day": "day",
    "daily": "day",
    "per day": "day",
    "pd": "day",
}

_AMOUNT = r"(?P<{n}>\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.(?P<{n}c>\d{{1,2}}))?\s?(?P<{n}k>[kK]\b)?"
_SEPARATOR = r"\s*(?:-|–|—|‒|―|to|and|through|thru|up\s+to)\s*"
_PERIOD_WORDS = (
    r"(?:bi-?\s?weekly|semi-?monthly|every\s+two\s+weeks|hourly|yearly|annually|annual|monthly"
    r"|weekly|daily|per\s+annum|salary)"
)
_PER_PERIOD = (
    r"(?:/\s?|per\s+|an?\s+|each\s+)"
    r"(?P<unit>hours?|hrs?|h|years?|yrs?|y|annum|months?|mos?|weeks?|wks?|days?|pay\s+period)\b"
)
_PERIOD = rf"(?:{_PER_PERIOD}|(?P<word>{_PERIOD_WORDS})\b)"

_FIRST = re.compile(r"(?P<cur>\$|USD\s?|US\$)\s?" + _AMOUNT.format(n="a"), re.IGNORECASE)
# The second figure of a range, optionally with its own currency sign and period before it.
_SECOND = re.compile(
    rf"(?:\s?{_PERIOD})?(?:{_SEPARATOR}|,?\s+(?:and\s+)?up\s+to\s+)(?:\$|USD\s?|US\$)?\s?"
    + _AMOUNT.format(n="b"),
    re.IGNORECASE,
)
_TRAILING_PERIOD = re.compile(rf"\s?(?:USD\s?)?{_PERIOD}", re.IGNORECASE)
_LEADING_PERIOD = re.compile(
    rf"(?P<lead>{_PERIOD_WORDS}|hourly\s+rate|hourly\s+wage|annual\s+salary|per\s+hour"
    r"|per\s+year|base\s+salary)",
    re.IGNORECASE,
)


def _amount(match: re.Match, name: str) -> float:
    whole = float(match.group(name).replace(",", ""))
    cents = match.group(name + "c")
    value = whole + (float(f"0.{cents}") if cents else 0.0)
    if match.group(name + "k"):
        value *= 1000
    return value


def _period_from(match: re.Match | None) -> str | None:
    if match is None:
        return None
    text = (match.group("unit") or match.group("word") or "").lower()
    text = re.sub(r"\s+", " ", text)
    if text in ("pay period",):
        return "biweek"
    if text.startswith(("hour", "hr", "h")):
        return "hour"
    if text.startswith(("year", "yr", "y", "annum", "annual", "salary", "per annum")):
        return "year"
    if text.startswith(("month", "mo")):
        return "month"
    if text.startswith(("semi",)):
        return "semimonth"
    if text.startswith(("bi", "every two")):
        return "biweek"
    if text.startswith(("week", "wk")):
        return "week"
    if text.startswith(("day", "daily")):
        return "day"
    return None


def _to_range(low: float, high: float, period: str, raw: str, currency: str = "USD") -> SalaryRange:
    if high < low:
        low, high = high, low
    if period != "hour":
        factor = PERIOD_TO_YEAR.get(period, 1)
        low, high, period = low * factor, high * factor, "year"
    return SalaryRange(round(low, 2), round(high, 2), period, currency, raw.strip())


def _guess_period(low: float, high: float) -> str:
    """Without a stated period, magnitude decides: nobody earns $30,000 an hour."""
    return "hour" if high < 300 else "year"


def parse_salary(text: str | None) -> SalaryRange | None:
    """Parse the first pay figure or range in `text`; None when it holds no dollar amount.

    "K" amounts are yearly; a second figure without its own sign ("$32-38/hr") shares the
    first one's unit; a lone figure gives min == max.
    """
    if not text:
        return None
    first = _FIRST.search(text)
    if first is None:
        return None
    low = high = _amount(first, "a")
    end = first.end()
    period = None
    second = _SECOND.match(text, end)
    if second is not None:
        candidate = _amount(second, "b")
        if first.group("ak") and not second.group("bk") and candidate < 1000:
            candidate *= 1000  # "$54-66K" and "$54K-66" both mean thousands
        elif second.group("bk") and not first.group("ak") and low < 1000:
            low = high = low * 1000
        # A far smaller second figure is not the top of a range ("$20 per hour, 2 shifts").
        if candidate >= low * 0.5:
            high = candidate
            period = _period_from(second)
            end = second.end()
    trailing = _TRAILING_PERIOD.match(text, end)
    period = _period_from(trailing) or period
    if trailing is not None:
        end = trailing.end()
    if period is None:
        lead = _LEADING_PERIOD.search(text[max(0, first.start() - 40) : first.start()])
        if lead is not None:
            period = _interval_code(lead.group("lead"))
    if period is None:
        period = "year" if first.group("ak") else _guess_period(low, high)
    return _to_range(low, high, period, text[first.start() : end])


def _interval_code(interval: str | None) -> str | None:
    if interval is None:
        return None
    key = re.sub(r"[\s_]+", " ", str(interval).strip().lower())
    if key in _INTERVAL_WORDS:
        return _INTERVAL_WORDS[key]
    squashed = key.replace(" ", "").replace("-", "")
    if squashed in _INTERVAL_WORDS:
        return _INTERVAL_WORDS[squashed]
    for word, code in (
        ("hour", "hour"),
        ("annual", "year"),
        ("year", "year"),
        ("salary", "year"),
        ("semi", "semimonth"),
        ("biweek", "biweek"),
        ("bi-week", "biweek"),
        ("month", "month"),
        ("week", "week"),
        ("day", "day"),
        ("dai", "day"),
    ):
        if word in key:
            return code
    return None


def normalise_pay(
    min_value: float | str | None,
    max_value: float | str | None,
    interval: str | None,
    *,
    currency: str = "USD",
) -> SalaryRange | None:
    """Normalise structured pay (job-board API fields) to an hourly or yearly range.

    Interval codes seen in the wild: hour/hourly/PH/HOUR, year/yearly/annual/PA/YEAR/
    salary, month, week, bi-weekly, day. An unknown interval falls back to magnitude.
    Returns None when neither amount is a positive number.
    """

    def number(value: float | str | None) -> float | None:
        if value is None or value == "":
            return None
        try:
            text = str(value).replace(",", "").replace("$", "").strip()
            factor = 1000.0 if text.lower().endswith("k") else 1.0
            result = float(text.rstrip("kK")) * factor
        except ValueError:
            return None
        return result if result > 0 else None

    low, high = number(min_value), number(max_value)
    if low is None and high is None:
        return None
    low = low if low is not None else high
    high = high if high is not None else low
    period = _interval_code(interval) or _guess_period(low, high)
    raw = f"{min_value}-{max_value} {interval or ''}"
    return _to_range(low, high, period, raw, currency or "USD")
