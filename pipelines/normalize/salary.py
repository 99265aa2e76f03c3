"""Turn advertised pay into a comparable range: min and max per hour or per year.

Two entry points: `parse_salary` reads a pay string as employers write it ("$18.50 -
$24.75/hr", "$54K–$66K", "GS-05: $39,576 - $51,446 per year"), and `normalise_pay` takes
the structured amounts job-board APIs return (min, max, an interval code). Both map
monthly, weekly, bi-weekly and daily pay to a yearly figure so that every range is
either per hour or per year. Deciding *which* sentence of a posting is the pay (and
skipping tuition, bonuses, 401(k) matches) is the extractor's job, not this module's.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = [
    "CURRENCIES",
    "PERIODS",
    "PERIOD_TO_YEAR",
    "SalaryRange",
    "money_starts",
    "stated_period",
    "normalise_pay",
    "parse_salary",
]


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

# ---- what the parser reads, as data -------------------------------------------------

# Currency markers written next to a figure, and the ISO code each stands for. A sign
# before the figure ("$18", "£24,907", "USD 21") or a code after it ("21.00 - 32.00 USD",
# "30.000 €") marks the figure as money. Only currencies whose hourly and yearly pay sit
# in the same magnitudes as the dollar's are listed (the extractor's sanity bounds and the
# hour-or-year guess depend on that).
CURRENCIES = {
    "$": "USD",
    "US$": "USD",
    "USD": "USD",
    "£": "GBP",
    "GBP": "GBP",
    "€": "EUR",
    "EUR": "EUR",
    "C$": "CAD",
    "CA$": "CAD",
    "CAD": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "AUD": "AUD",
    "NZ$": "NZD",
    "NZD": "NZD",
    "CHF": "CHF",
}

# How a period is written after a figure. `units` follow "per", "/", "a(n)" or "each"
# ("per hour", "/hr", "an hour", "/ Per Year"); `words` state it on their own ("hourly",
# "annually", "p.a."). Patterns are regex fragments, matched case-insensitively.
PERIODS: dict[str, dict[str, tuple[str, ...]]] = {
    "hour": {
        "units": (r"hours?", r"hrs?", r"h"),
        "words": (r"hourly", r"p\.h\.", r"p/h", r"(?-i:ph)"),
    },
    "year": {
        "units": (r"years?", r"yrs?", r"y", r"annum"),
        "words": (
            r"annually",
            r"annual",
            r"yearly",
            r"per\s+annum",
            r"p\.\s?a\.",
            r"(?-i:pa)",
            r"salary",
        ),
    },
    "month": {"units": (r"months?", r"mos?", r"mths?"), "words": (r"monthly",)},
    "semimonth": {"units": (), "words": (r"semi-?\s?monthly", r"twice\s+(?:a|per)\s+month")},
    "biweek": {
        "units": (r"pay\s+period", r"fortnight"),
        "words": (r"bi-?\s?weekly", r"every\s+(?:two|2)\s+weeks", r"fortnightly"),
    },
    "week": {"units": (r"weeks?", r"wks?"), "words": (r"weekly",)},
    "day": {"units": (r"days?",), "words": (r"daily",)},
}

# Words between a figure and the next that make a range ("$18 - $24", "$39,576 to - $51,446").
_SEPARATOR = (
    r"\s*(?:-|–|—|‒|―|~|to|and|through|thru|up\s+to)(?:\s*(?:-|–|—))?\s*"
    r"|,?\s+(?:and\s+)?up\s+to\s+"
)

# Spaces that may group thousands ("€30 000", "45 000" with a no-break or thin space);
# each is read as one ordinary space so that offsets stay those of the caller's text.
_SPACES = re.compile("[\u00a0\u2007\u2009\u202f\u200a\u2008\u2002\u2003]")


def _plain_spaces(text: str) -> str:
    """No-break and thin spaces as plain ones ("30\u202f000 €"); same length, same offsets."""
    return _SPACES.sub(" ", text)


def _alternation(items) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


def _currency_pattern() -> str:
    signs = []
    for written in CURRENCIES:
        escaped = re.escape(written)
        if written.isalpha():
            signs.append(rf"\b{escaped}\b")
        elif written[0].isalpha():
            signs.append(rf"(?<![A-Za-z]){escaped}")
        else:
            signs.append(escaped)
    return _alternation(signs)


_CUR = _currency_pattern()
# A figure: comma thousands ("45,000.00"), dot thousands ("30.000,00"), space thousands
# ("30 000"), or plain ("18.50", "18,50"); an optional "k" multiplies by a thousand.
_AMOUNT = (
    r"(?P<{n}>\d{{1,3}}(?:,\d{{3}})+(?:\.\d{{1,2}})?"
    r"|\d{{1,3}}(?:\.\d{{3}})+(?:,\d{{1,2}})?(?![\d.,]?\d)"
    r"|\d{{1,3}}(?: \d{{3}})+(?:[.,]\d{{1,2}})?(?![\d(%]| ?%)"
    r"|\d+(?:\.\d{{1,2}}|,\d{{2}}(?!\d))?)"
    r"(?:\s?(?P<{n}k>[kK])\b)?"
)
_UNITS = _alternation(u for p in PERIODS.values() for u in p["units"])
_WORDS = _alternation(w for p in PERIODS.values() for w in p["words"])
_PERIOD = rf"(?:(?:/\s?(?:per\s+)?|per\s+|an?\s+|each\s+)(?:{_UNITS})|(?:{_WORDS}))(?!\w)"

_FIRST = re.compile(rf"(?:(?P<cur>{_CUR})\s?|(?<![\w.,]))" + _AMOUNT.format(n="a"), re.IGNORECASE)
# Where a figure may begin, and a currency just before it: scanning for digits first and
# trying the currency alternation only in the few characters before each is several times
# faster than letting `_FIRST` try that (case-insensitive) alternation at every position.
_DIGIT = re.compile(r"(?<![\d.,])\d")
_CUR_BEFORE = re.compile(rf"(?:{_CUR})\s?\Z", re.IGNORECASE)
_CUR_REACH = max(map(len, CURRENCIES)) + 1


def _figures(
    work: str, marks: list[int], regions: list[tuple[int, int]] | None = None
) -> Iterator[re.Match]:
    """What `_FIRST.finditer(work)` finds, without trying a currency at every position:
    only where `marks` (see `_currency_marks`) puts one just before a figure. With
    `regions`, only figures that start inside them (each region starts a line)."""
    end = 0
    for lo, hi in regions if regions is not None else [(0, len(work))]:
        for digit in _DIGIT.finditer(work, max(lo, end), hi):
            at = digit.start()
            if at < end:
                continue
            sign = None
            if _any_between(marks, max(end, at - _CUR_REACH), at):
                sign = _CUR_BEFORE.search(work, max(end, at - _CUR_REACH), at)
            first = _FIRST.match(work, sign.start()) if sign else None
            if first is None or first.start("a") != at:
                first = _FIRST.match(work, at)
            if first is not None:
                end = first.end()
                yield first


_SIGN = re.compile(
    "[" + re.escape("".join(sorted({c for w in CURRENCIES for c in w if not c.isalpha()}))) + "]"
)
_CODE = re.compile(_alternation(w for w in CURRENCIES if w.isalpha()), re.IGNORECASE)
_CODES_LOWER = tuple(w.lower() for w in CURRENCIES if w.isalpha())


def _currency_marks(work: str) -> list[int]:
    """Sorted offsets of every currency sign and code letter run in `work`: where a currency
    may stand. Signs are found by one character class; codes, rare, only when present."""
    marks = [m.start() for m in _SIGN.finditer(work)]
    lowered = work.lower()
    if len(lowered) != len(work) or any(code in lowered for code in _CODES_LOWER):
        marks = sorted(marks + [m.start() for m in _CODE.finditer(work)])
    return marks


def _any_between(marks: list[int], lo: int, hi: int) -> bool:
    """Whether a mark lies in [lo, hi)."""
    i = bisect.bisect_left(marks, lo)
    return i < len(marks) and marks[i] < hi


# The second figure of a range, optionally with its own currency and period before it.
_SECOND = re.compile(
    rf"(?:\s?(?P<cura>{_CUR})(?!\s?\d))?(?:\s?(?P<pera>{_PERIOD}))?(?:{_SEPARATOR})"
    rf"(?:(?P<curb>{_CUR})\s?)?" + _AMOUNT.format(n="b"),
    re.IGNORECASE,
)
# A currency written after the figures ("32.00 USD"), not the sign of a next figure.
_TRAILING_CURRENCY = re.compile(rf"\s?(?P<cur>{_CUR})(?!\s?\d)", re.IGNORECASE)
_TRAILING_PERIOD = re.compile(rf"\s?(?P<per>{_PERIOD})", re.IGNORECASE)
_ANY_PERIOD = re.compile(rf"(?P<per>{_PERIOD})", re.IGNORECASE)
_ONLY_PERIOD = re.compile(rf"\s*(?P<per>{_PERIOD})\s*[.,;:]?\s*\Z", re.IGNORECASE)
_PERIOD_OF = [
    (
        period,
        re.compile(
            rf"(?:(?:/\s?(?:per\s+)?|per\s+|an?\s+|each\s+)(?:{_alternation(spec['units'])})"
            + (rf"|(?:{_alternation(spec['words'])})" if spec["words"] else "")
            + r")\Z"
            if spec["units"]
            else rf"(?:{_alternation(spec['words'])})\Z",
            re.IGNORECASE,
        ),
    )
    for period, spec in PERIODS.items()
]
_LEADING_PERIOD = re.compile(
    r"(?P<lead>bi-?\s?weekly|semi-?monthly|every\s+two\s+weeks|hourly|yearly|annually|annual"
    r"|monthly|weekly|daily|per\s+annum|salary|hourly\s+rate|hourly\s+wage|annual\s+salary"
    r"|per\s+hour|per\s+year|base\s+salary)",
    re.IGNORECASE,
)


def _amount(match: re.Match, name: str) -> float:
    written = match.group(name).replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?", written):
        written = written.replace(".", "").replace(",", ".")  # 30.000,00
    elif re.fullmatch(r"\d+,\d{2}", written):
        written = written.replace(",", ".")  # 18,50
    value = float(written.replace(",", ""))
    if match.group(name + "k"):
        value *= 1000
    return value


def _period_of(written: str | None) -> str | None:
    if not written:
        return None
    written = written.strip()
    for period, pattern in _PERIOD_OF:
        if pattern.match(written):
            return period
    return None


def _currency_of(written: str | None) -> str | None:
    if not written:
        return None
    return CURRENCIES.get(written.upper()) or CURRENCIES.get(written)


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


def _read(work: str, first: re.Match, text: str) -> tuple[SalaryRange, bool]:
    """The figure or range that starts at `first`, and whether a currency marks it."""
    currency = _currency_of(first.group("cur"))
    low = high = _amount(first, "a")
    end = first.end()
    period = None
    second = _SECOND.match(work, end)
    if second is not None and second.group("curb") and not (currency or second.group("cura")):
        second = None  # "Step 1 - $18.62", "Grade 7 - $38,000": a bare number, then the pay
    if second is not None:
        candidate = _amount(second, "b")
        if first.group("ak") and not second.group("bk") and candidate < 1000:
            candidate *= 1000  # "$54-66K" and "$54K-66" both mean thousands
        elif second.group("bk") and not first.group("ak") and low < 1000:
            low = high = low * 1000
        # A far smaller second figure is not the top of a range ("$20 per hour, 2 shifts").
        if candidate >= low * 0.5:
            high = candidate
            period = _period_of(second.group("pera"))
            currency = currency or _currency_of(second.group("cura") or second.group("curb"))
            end = second.end()
    after = _TRAILING_CURRENCY.match(work, end)
    if after is not None:
        currency = currency or _currency_of(after.group("cur"))
        end = after.end()
    trailing = _TRAILING_PERIOD.match(work, end)
    if trailing is not None:
        period = _period_of(trailing.group("per")) or period
        end = trailing.end()
    if period is None:
        lead = _LEADING_PERIOD.search(work[max(0, first.start() - 40) : first.start()])
        if lead is not None:
            period = _interval_code(lead.group("lead"))
    if period is None:
        period = "year" if first.group("ak") else _guess_period(low, high)
    raw = text[first.start() : end]
    return _to_range(low, high, period, raw, currency or "USD"), currency is not None


def stated_period(text: str, *, alone: bool = False) -> str | None:
    """The pay period `text` states in words ("/hr", "per Month", "annually"), or None.

    With `alone`, `text` must be nothing but the period ("per year", "Hourly.").
    """
    work = _plain_spaces(text)
    found = _ONLY_PERIOD.match(work) if alone else _ANY_PERIOD.search(work)
    return _period_of(found.group("per")) if found else None


_RANGE_REACH = 64  # longer than any "21.00 per hour - 32.00 per hour USD"
_FIGURE_REACH = 24  # longer than any one figure ("30.000,00 k")


def _near_marks(work: str, marks: list[int]) -> list[tuple[int, int]]:
    """Where a money figure can start: from the line start of a currency's reach back (its
    range may end in "USD") to just after it ("$ 21"); merged, in order. Starting at a
    line start keeps the scan's reading of numbers ("30 000") as a whole-text scan has it."""
    regions: list[tuple[int, int]] = []
    for m in marks:
        back = max(0, m - _RANGE_REACH - _FIGURE_REACH)
        lo = work.rfind("\n", 0, back) + 1
        hi = m + _CUR_REACH + 2
        if regions and lo <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(hi, regions[-1][1]))
        else:
            regions.append((lo, hi))
    return regions


def money_starts(text: str) -> list[int]:
    """Where each figure marked as money begins ("$", "£", "USD 21", "21.00 - 32.00 USD")."""
    work = _plain_spaces(text)
    marks = _currency_marks(work)
    if not marks:
        return []
    starts = []
    for first in _figures(work, marks, _near_marks(work, marks)):
        # a bare figure is money only when a currency follows within its range's reach
        if first.group("cur") or (
            _any_between(marks, first.end(), first.end() + _RANGE_REACH)
            and _read(work, first, text)[1]
        ):
            starts.append(first.start())
    return starts


def parse_salary(text: str | None, *, currency_required: bool = True) -> SalaryRange | None:
    """Parse the first pay figure or range in `text`; None when it holds no money amount.

    A figure is money when a currency sign or code stands before it or after it
    (`CURRENCIES`); with `currency_required=False` the first figure is read as pay
    whatever marks it (the caller has found a pay label). A stated period (`PERIODS`)
    decides hour or year, monthly/weekly/daily pay is made yearly; without one, "K"
    amounts and amounts of 300 and more are yearly, smaller ones hourly. A second figure
    without its own sign ("$32-38/hr") shares the first one's unit; a lone figure gives
    min == max.
    """
    if not text:
        return None
    work = _plain_spaces(text)
    for first in _figures(work, _currency_marks(work)):
        result, marked = _read(work, first, text)
        if marked or not currency_required:
            return result
    return None


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
