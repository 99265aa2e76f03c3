"""The report filters (--state, --since, --until, --role, --source), pushed into SQL."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from pipelines.jobfamily import ROLES


def _tuple(values: str | Iterable[str] | None) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for value in values:
        out.extend(part.strip() for part in str(value).split(",") if part.strip())
    return tuple(out)


def _date(value: date | str | None, name: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"--{name} must be a date as YYYY-MM-DD, got {value!r}") from None


@dataclass(frozen=True)
class DemandFilters:
    """Which postings a report covers.

    A posting is in the ``since``/``until`` window when it was open at some time in it:
    first seen on or before ``until`` and closed (or last seen) on or after ``since``.
    ``source`` matches a spider kind ("greenhouse") or a feed ("greenhouse:acme").
    """

    states: tuple[str, ...] = field(default=())
    since: date | None = None
    until: date | None = None
    roles: tuple[str, ...] = field(default=())
    sources: tuple[str, ...] = field(default=())

    @classmethod
    def build(
        cls,
        state: str | Iterable[str] | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        role: str | Iterable[str] | None = None,
        source: str | Iterable[str] | None = None,
    ) -> DemandFilters:
        """Parse user input; raises ValueError with a one-line message on bad values."""
        states = tuple(s.upper() for s in _tuple(state))
        bad_states = [s for s in states if len(s) != 2 or not s.isalpha()]
        if bad_states:
            raise ValueError(f"--state takes two-letter codes such as OK, got {bad_states[0]!r}")
        roles = tuple(r.lower() for r in _tuple(role))
        bad_roles = [r for r in roles if r not in ROLES]
        if bad_roles:
            raise ValueError(f"--role must be one of {', '.join(ROLES)}; got {bad_roles[0]!r}")
        start, end = _date(since, "since"), _date(until, "until")
        if start and end and start > end:
            raise ValueError(f"--since {start} is after --until {end}")
        return cls(states=states, since=start, until=end, roles=roles, sources=_tuple(source))

    @property
    def since_dt(self) -> datetime | None:
        return datetime.combine(self.since, time(), timezone.utc) if self.since else None

    @property
    def until_dt(self) -> datetime | None:
        """The first instant after ``until`` (the window includes the whole day)."""
        if self.until is None:
            return None
        return datetime.combine(self.until + timedelta(days=1), time(), timezone.utc)

    def describe(self) -> str:
        """One line for the report header, e.g. ``state OK, TX; since 2026-01-01``."""
        parts = []
        if self.states:
            parts.append("state " + ", ".join(self.states))
        if self.roles:
            parts.append("role " + ", ".join(self.roles))
        if self.sources:
            parts.append("source " + ", ".join(self.sources))
        if self.since:
            parts.append(f"since {self.since}")
        if self.until:
            parts.append(f"until {self.until}")
        return "; ".join(parts) or "none"
