"""parse_salary / normalise_pay on the ways employers and job boards write pay."""

from __future__ import annotations

import pytest

from pipelines.normalize.salary import SalaryRange, normalise_pay, parse_salary


@pytest.mark.parametrize(
    ("text", "low", "high", "period"),
    [
        ("$18.50 - $24.75/hr", 18.5, 24.75, "hour"),
        ("$20.15 – $27.40 per hour, depending on credential", 20.15, 27.4, "hour"),
        ("Salary range: $54K–$66K, commensurate with experience", 54000, 66000, "year"),
        ("$54-66K", 54000, 66000, "year"),
        ("PAY: $32-38/hr W2 DOE", 32, 38, "hour"),
        ("Pay range: $24.00/hr - $29.50/hr, plus an annual bonus", 24, 29.5, "hour"),
        ("Starting at $16.40/hour, up to $18.90", 16.4, 18.9, "hour"),
        ("Starting at $16.40/hr and up to $18.90/hr depending on experience", 16.4, 18.9, "hour"),
        ("$61,200 / year", 61200, 61200, "year"),
        ("$61,200 - $78,900 / year, based on years", 61200, 78900, "year"),
        ("up to $118,300 annually", 118300, 118300, "year"),
        ("$86,400 to $118,300 annually", 86400, 118300, "year"),
        ("Salary: GS-05: $39,576 - $51,446 per year (includes locality pay)", 39576, 51446, "year"),
        ("Pay: $17.75 per hour, Monday through Friday", 17.75, 17.75, "hour"),
        ("$4,000 per month", 48000, 48000, "year"),
        ("$3,500 - $4,000 monthly", 42000, 48000, "year"),
        ("$900 weekly", 46800, 46800, "year"),
        ("$1,800 bi-weekly", 46800, 46800, "year"),
        ("$150 a day", 39000, 39000, "year"),
        ("Hourly rate: $19", 19, 19, "hour"),
        ("$22 an hour", 22, 22, "hour"),
        ("$45,000", 45000, 45000, "year"),
        ("USD 21.00 - 25.00 per hour", 21, 25, "hour"),
    ],
)
def test_parse_salary_reads_common_forms(text: str, low: float, high: float, period: str) -> None:
    result = parse_salary(text)
    assert result is not None
    assert (result.min, result.max, result.period) == (low, high, period)
    assert result.currency == "USD"
    assert result.raw and result.raw in text


@pytest.mark.parametrize("text", ["", None, "Competitive pay and benefits", "DOE", "401(k) 4%"])
def test_parse_salary_none_without_an_amount(text: str | None) -> None:
    assert parse_salary(text) is None


def test_salary_range_is_frozen() -> None:
    r = SalaryRange(1, 2, "hour")
    with pytest.raises(AttributeError):
        r.min = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    ("low", "high", "interval", "expected"),
    [
        (20, 25, "PH", (20, 25, "hour")),
        ("20.5", "25", "hourly", (20.5, 25, "hour")),
        (20, 25, "HOUR", (20, 25, "hour")),
        (50000, None, "annual", (50000, 50000, "year")),
        (None, "60000", "PA", (60000, 60000, "year")),
        (50000, 60000, "YEAR", (50000, 60000, "year")),
        (50000, 60000, "salary", (50000, 60000, "year")),
        (3000, 4000, "month", (36000, 48000, "year")),
        (1000, 1000, "week", (52000, 52000, "year")),
        (1000, 1200, "bi-weekly", (26000, 31200, "year")),
        (100, 120, "day", (26000, 31200, "year")),
        (22, 30, None, (22, 30, "hour")),
        (40000, 50000, "unknown", (40000, 50000, "year")),
        ("$45k", "55K", "yearly", (45000, 55000, "year")),
    ],
)
def test_normalise_pay_intervals(low, high, interval, expected) -> None:
    result = normalise_pay(low, high, interval)
    assert result is not None
    assert (result.min, result.max, result.period) == expected


@pytest.mark.parametrize(("low", "high"), [(None, None), ("", ""), ("n/a", None), (0, 0)])
def test_normalise_pay_none_without_amounts(low, high) -> None:
    assert normalise_pay(low, high, "hour") is None


def test_step_table_in_one_line_is_a_range(run) -> None:
    result = run(
        "MINIMUM QUALIFICATIONS: High school diploma. PAY SCALE (hourly): Step 1 $18.62 | Step 2 "
        "$19.45 | Step 3 $20.31 | Step 4 $23.44. Step increases are annual. Night shift "
        "differential $1.75/hr.",
        title="Medical Records Clerk",
    )
    assert result["salary"] == {"min": 18.62, "max": 23.44, "period": "hour"}


def test_single_figure_without_steps_stays_single(run) -> None:
    result = run("Pay is $21/hr to start. Requirements: CPC. We have 2 clinics.")
    assert result["salary"] == {"min": 21.0, "max": 21.0, "period": "hour"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a state class list: each class with its minimum, midpoint and maximum on one line
        (
            "Health Records Clerk (#HR104)\n"
            "$35,100.00 Yearly Min / $41,450.00 Yearly Mid / $49,800.00 Yearly Max\n\n"
            "Duties: files, retrieves and scans patient charts for the clinics.",
            {"min": 35100.0, "max": 49800.0, "period": "year"},
        ),
        # the steps on one line, the figures of a numbered range on the next, no period
        # stated: too large for an hour, too small for a year, so a month's
        (
            "Class Code: 4410\n\n"
            "  Step 1 Step 2 Step 3 Step 4 Step 5\n"
            "Salary Range 22 $3100 $3240 $3390 $3550 $3720\n\n"
            "The Health Records Clerk files and scans inpatient records.",
            {"min": 37200.0, "max": 44640.0, "period": "year"},
        ),
    ],
)
def test_a_table_of_pay_figures_is_a_range(run, text: str, expected: dict) -> None:
    assert run(text, title="Health Records Clerk")["salary"] == expected


def test_a_month_sized_figure_after_the_pay_is_no_part_of_it(run) -> None:
    result = run(
        "Pay\nSalary: up to $92,000 a year, plus a $1,200 equipment stipend.",
        title="Coding Auditor",
    )
    assert result["salary"] == {"min": 92000.0, "max": 92000.0, "period": "year"}
