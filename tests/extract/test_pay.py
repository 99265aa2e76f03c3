"""Pay as real postings write it: other currencies, codes after the figure, periods on their
own line, NHS bands, and figures that are not pay (bonuses, tuition, grades, phone numbers).

Fixtures are written for these tests; they reproduce the structure of real postings
(UK trust adverts, USAJOBS and its mirrors, state civil-service bulletins), not their text.
"""

from __future__ import annotations

import pytest

from pipelines.normalize.salary import money_starts, parse_salary, stated_period


@pytest.mark.parametrize(
    ("text", "low", "high", "period", "currency"),
    [
        # a range of yearly-size figures with no period word is per year
        (
            "Salary £26,100 - £31,400 depending on time since qualifying",
            26100,
            31400,
            "year",
            "GBP",
        ),
        ("£39,000 - £44,900 pro rata", 39000, 44900, "year", "GBP"),
        ("£9.10 per hour + workplace pension", 9.1, 9.1, "hour", "GBP"),
        ("Band 5\u00a0\u00a0 £25,000 - £31,000", 25000, 31000, "year", "GBP"),
        ("£25k-£30k", 25000, 30000, "year", "GBP"),
        ("£27,500 p.a.", 27500, 27500, "year", "GBP"),
        ("£27,500 pa plus London weighting", 27500, 27500, "year", "GBP"),
        ("€30.000", 30000, 30000, "year", "EUR"),
        ("32.500 € gross", 32500, 32500, "year", "EUR"),
        ("€18,50 per hour", 18.5, 18.5, "hour", "EUR"),
        ("€31\u202f000 - €36\u202f000", 31000, 36000, "year", "EUR"),
        ("$47\u00a0500 annually", 47500, 47500, "year", "USD"),
        ("A$82,000 plus super", 82000, 82000, "year", "AUD"),
        ("USD 19.00 - 23.00 per hour", 19, 23, "hour", "USD"),
        ("Pay Range: 22.00 - 31.00 USD Hourly", 22, 31, "hour", "USD"),
        ("19.00 USD - 23.00 USD per hour", 19, 23, "hour", "USD"),
        ("$38,100 to - $50,200 per year", 38100, 50200, "year", "USD"),
        ("$41,000.00 to $53,500.00 / Per Year", 41000, 53500, "year", "USD"),
        ("TECHNICIAN I: $3,400.00 - $4,900.00 per Month", 40800, 58800, "year", "USD"),
        ("Salary range: $51,000.00-$77,000.00", 51000, 77000, "year", "USD"),
        ("GS-5 $37,500 - $48,750 per year", 37500, 48750, "year", "USD"),
        ("Grade 7 - $38,000 - $45,000", 38000, 45000, "year", "USD"),
        ("Starting at $21/hour", 21, 21, "hour", "USD"),
        ("$17.25 - $23.80/hr", 17.25, 23.8, "hour", "USD"),
        ("$46,000 to $57,000 annually", 46000, 57000, "year", "USD"),
    ],
)
def test_parse_salary_reads_currencies_and_period_words(
    text: str, low: float, high: float, period: str, currency: str
) -> None:
    result = parse_salary(text)
    assert result is not None
    assert (result.min, result.max, result.period, result.currency) == (low, high, period, currency)
    assert result.raw and result.raw in text


@pytest.mark.parametrize(
    "text",
    [
        "Band 5",
        "Salary: Band 3",
        "Pay grade 12",
        "GS 4 - 7",
        "401(k) with a 4% match",
        "Call (918) 555-0147 to apply",
        "Tulsa, OK 74103",
        "3-5 years of experience",
        "pulling about 30 files per hour",
    ],
)
def test_parse_salary_none_without_a_currency(text: str) -> None:
    assert parse_salary(text) is None


def test_parse_salary_without_currency_when_the_caller_found_the_label() -> None:
    result = parse_salary("18.50 - 24.75 per hour", currency_required=False)
    assert result is not None
    assert (result.min, result.max, result.period) == (18.5, 24.75, "hour")


def test_money_starts_finds_signs_and_trailing_codes_not_grades() -> None:
    text = "Grade 5 - 7 | Band 5 £25,000 | Pay: 22.00 - 31.00 USD Hourly | 401(k)"
    starts = money_starts(text)
    assert text.index("£") in starts
    assert text.index("22.00") in starts
    assert text.index("5 - 7") not in starts and text.index("401") not in starts


@pytest.mark.parametrize(
    ("text", "alone", "expected"),
    [
        ("$20/hr", False, "hour"),
        ("$3,000 per Month", False, "month"),
        ("per year", True, "year"),
        ("Hourly.", True, "hour"),
        ("per year, plus locality", True, None),
        ("$45,000", False, None),
    ],
)
def test_stated_period(text: str, alone: bool, expected: str | None) -> None:
    assert stated_period(text, alone=alone) == expected


# ---- the extractor picks the pay ------------------------------------------------------


@pytest.mark.parametrize(
    ("description", "salary"),
    [
        (
            "<p>Clinical Coder Band 5</p><p>Working pattern: 37.5 hours per week</p>"
            "<p>Salary £26,100 - £31,400 depending on years of experience after qualifying</p>"
            "<p>Closing date: Friday.</p><p>You will code inpatient episodes using ICD-10.</p>",
            {"min": 26100.0, "max": 31400.0, "period": "year"},
        ),
        (
            "<p><strong>GRADE:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0 Band 7</strong></p>"
            "<p><strong>SALARY:\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0\u00a0"
            " £39,000 - £44,900 pro rata </strong></p>"
            "<p><strong>DEPARTMENT:\u00a0\u00a0\u00a0 Health Records</strong></p>"
            "<p>Lead the health records team and audit clinical coding.</p>",
            {"min": 39000.0, "max": 44900.0, "period": "year"},
        ),
        (
            "<p><strong>Hours</strong>: 37.5 hours per week</p>"
            "<p><strong>Salary:</strong>£9.10 per hour + company pension scheme</p>"
            "<p>Scan and index patient records; medical terminology essential.</p>",
            {"min": 9.1, "max": 9.1, "period": "hour"},
        ),
        (
            "<p><strong>HOURS</strong>:\u00a0\u00a0\u00a0 37.5 per Week</p>"
            "<p><strong>SALARY:</strong>\u00a0\u00a0\u00a0 \u00a0\u00a0Band 5\u00a0\u00a0 "
            "£25,000 - £31,000</p><p>Join our clinical coding department.</p>",
            {"min": 25000.0, "max": 31000.0, "period": "year"},
        ),
        (
            "Classification Details\n\nHEALTH RECORD TECHNICIAN I: $3,400.00 - $4,900.00 per "
            "Month\n\nMaintain and release patient health records.",
            {"min": 40800.0, "max": 58800.0, "period": "year"},
        ),
        (
            "Open & closing dates\n03/02/2025 to 03/09/2025\nSalary\n$36,500 to - $52,300 per "
            "year\n\nPay scale & grade\nGS 4 - 7\n\nDuties: code outpatient records.",
            {"min": 36500.0, "max": 52300.0, "period": "year"},
        ),
        (
            # the period on its own line; a later GS base-pay box is not the advertised range
            "Medical Records Technician\n\nSalary\n\n$37,000 - $61,000\n\nper year\n\nCloses\n\n"
            "GS-4 Pay Grade\n\nBase salary range: $30,000 - $39,000\n\nTypical requirements: "
            "one year of general experience.",
            {"min": 37000.0, "max": 61000.0, "period": "year"},
        ),
        (
            "Compensation: Pay Range: 22.00 - 31.00 USD Hourly. Requirements: CPC.",
            {"min": 22.0, "max": 31.0, "period": "hour"},
        ),
        (
            "Pay Range: $30.90 - $44.60 Hourly Shift differential: $2.50/hr evenings. "
            "Requirements: CCS.",
            {"min": 30.9, "max": 44.6, "period": "hour"},
        ),
        (
            "Pay: $22/hr. New hires also receive a $10,000 sign-on bonus. Requirements: CPC.",
            {"min": 22.0, "max": 22.0, "period": "hour"},
        ),
        (
            "Salary range: $52,000.00-$78,000.00 DOE. Requirements: RHIT.",
            {"min": 52000.0, "max": 78000.0, "period": "year"},
        ),
        (
            # the pay in a sentence of the hours, with no label
            "<p><strong>A full-time post of 37.5 hours a week in our Leeds office paying "
            "£23,500</strong></p><p>Keep the child health records complete.</p>",
            {"min": 23500.0, "max": 23500.0, "period": "year"},
        ),
    ],
)
def test_extractor_reads_pay_as_real_postings_write_it(run, description: str, salary) -> None:
    result = run(description, title="Clinical Coder")
    assert result["relevant"]
    assert result["salary"] == salary


@pytest.mark.parametrize(
    "description",
    [
        "Salary: <strong>Band 6 with 20 % RRP of basic salary and HCAS</strong>. Code "
        "inpatient records.",
        "Salary: Band 3. Code outpatient records.",
        "Pay grade 12. Code outpatient records.",
        "We offer a $15,000 sign-on bonus. Requirements: CPC.",
        "Requirements: CPC.\n\nCompensation\nA $15,000 sign-on bonus for coders who join "
        "this quarter.",
        "Benefits include up to $12,000 tuition reimbursement and a 401(k). Requirements: CPC.",
        "Requires 3 years of coding experience. Call (918) 555-0147. Tulsa, OK 74103.",
    ],
)
def test_extractor_reads_no_pay_from_bands_bonuses_and_numbers(run, description: str) -> None:
    result = run(description, title="Clinical Coder")
    assert result["relevant"]
    assert result["salary"] is None
