"""One typed JobPosting item, named after schema.org JobPosting as zyte-common-items does.

Spiders fill the raw side (``...Raw`` twins, ``descriptionHtml``, ``raw``); the clean
pipeline fills the normalised side, so a parsing mistake can be seen and fixed later.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from itemadapter import ItemAdapter


@dataclass
class JobPosting:
    url: str
    """Where a person reads the posting (the board's public page)."""
    source: str
    """Spider kind ("greenhouse"...) or "import:jsonl"/"import:jobspy"."""
    sourceId: str
    """The board's id of the job, prefixed with tenant/board where not globally unique."""
    feed: str
    """The sources.yaml entry that produced it ("greenhouse:harrowgate")."""
    title: str = ""
    hiringOrganization: str | None = None
    """Employer name as the board gives it."""
    jobLocationRaw: str | None = None
    """Location text as served ("Tulsa, OK", "Remote - US", "Toronto, New York, San Francisco")."""
    jobLocations: list[dict[str, Any]] = field(default_factory=list)
    """Every place the board lists for the job, primary first, each as it structures it:
    ``raw`` text and, where given, ``city``, ``state``, ``country``, ``remote``. Empty when
    the board gives one text only (then ``jobLocationRaw`` is split into its places)."""
    city: str | None = None
    state: str | None = None
    """Two-letter US state or territory code."""
    country: str | None = None
    remote: bool | None = None
    employmentType: str | None = None
    """FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN, PER_DIEM or the board's word."""
    datePostedRaw: str | None = None
    datePosted: date | None = None
    validThroughRaw: str | None = None
    validThrough: date | None = None
    baseSalaryRaw: str | None = None
    """Pay as written ("$18.50 - $24.75/hr") or the structured amounts as text."""
    salaryMin: float | None = None
    salaryMax: float | None = None
    salaryPeriod: str | None = None
    """"hour" or "year" (monthly/weekly/daily pay annualised)."""
    salaryCurrency: str | None = None
    descriptionHtml: str | None = None
    """The posting body as served (HTML or plain text); untrusted."""
    description: str = ""
    """Plain text of the body (``html_to_text``): what the extractor reads."""
    raw: dict[str, Any] = field(default_factory=dict)
    """The source record, for re-parsing later."""
    locations: list[Any] = field(default_factory=list)
    """Normalised places (``pipelines.normalize.location.Location``), primary first, filled
    by the clean pipeline; one ``posting_locations`` row each. The primary also fills
    ``city``, ``state``, ``country`` and ``remote`` where the board did not."""
    relevant: bool | None = None
    role: str | None = None
    contentHash: str | None = None
    listFingerprint: str | None = None
    """Fingerprint of the board's list entry this posting was fetched from
    (``scraper.freshness.fingerprint``); None where the list tells nothing the detail does
    not, or the detail could not be fetched (the next crawl then fetches it again)."""


@dataclass
class SeenPosting:
    """A posting its board still lists unchanged and that was fetched in full recently
    enough: not fetched again. The store moves its ``last_seen`` (so a complete crawl
    does not close it) and keeps every other field."""

    source: str
    sourceId: str
    feed: str


def item_fields(item: Any) -> MutableMapping[str, Any]:
    """The item's fields as a mutable mapping: ``ItemAdapter(item)``, or for our own
    JobPosting its attribute dict, which reads and writes the same fields.

    ItemAdapter dispatches every access through its adapter classes; across the four item
    pipelines that came to ~50 us per posting, a fifth of the crawl's own time.
    """
    if type(item) is JobPosting:
        return vars(item)
    return ItemAdapter(item)
