"""Every table of the demand report, computed once and shared by all output formats."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from pipelines.demand.by_place import demand_by_employer, demand_by_state, demand_by_title
from pipelines.demand.filters import DemandFilters
from pipelines.demand.items import (
    alternative_combinations,
    cooccurrence,
    credential_demand,
    skill_category_demand,
    skill_demand,
)
from pipelines.demand.load import load_postings, load_requirements, sample_postings
from pipelines.demand.pay import pay_by_credential, pay_summary
from pipelines.demand.qualifications import education_distribution, experience_distribution
from pipelines.demand.sample import postings_by_source, sample_summary
from pipelines.demand.trend import monthly_credential_shares, weekly_trend
from pipelines.store.db import Store


@dataclass
class DemandTables:
    """The named tables (tidy DataFrames) of one report, in display order."""

    filters: DemandFilters
    tables: dict[str, pd.DataFrame]

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    @property
    def n(self) -> int:
        return int(self.tables["sample"]["postings"].iloc[0])


def compute_tables(
    postings: pd.DataFrame,
    requirements: pd.DataFrame,
    categories: Mapping[str, str] | None = None,
) -> dict[str, pd.DataFrame]:
    """All report tables from the loaded frames (pure: no database here)."""
    sample = sample_postings(postings)
    return {
        "sample": sample_summary(postings),
        "sources": postings_by_source(postings),
        "credentials": credential_demand(sample, requirements),
        "credential_alternatives": alternative_combinations(sample, requirements),
        "skills": skill_demand(sample, requirements, categories),
        "skill_categories": skill_category_demand(sample, requirements, categories),
        "education": education_distribution(sample, requirements),
        "experience": experience_distribution(sample, requirements),
        "by_state": demand_by_state(sample),
        "by_employer": demand_by_employer(sample),
        "by_title": demand_by_title(sample),
        "pay": pay_summary(sample),
        "pay_by_credential": pay_by_credential(sample, requirements),
        "weekly_trend": weekly_trend(sample),
        "monthly_credential_shares": monthly_credential_shares(sample, requirements),
        "cooccurrence": cooccurrence(sample, requirements),
    }


def build_tables(
    store: Store,
    filters: DemandFilters | None = None,
    categories: Mapping[str, str] | None = None,
) -> DemandTables:
    """Load the store once and compute every table for ``filters``."""
    filters = filters or DemandFilters()
    postings = load_postings(store, filters)
    requirements = load_requirements(store, filters)
    tables = compute_tables(postings, requirements, categories)
    return DemandTables(filters, clip_to_window(tables, filters))


def clip_to_window(
    tables: dict[str, pd.DataFrame], filters: DemandFilters
) -> dict[str, pd.DataFrame]:
    """Keep the trend tables inside --since/--until.

    A posting open in the window may have been first seen long before it; its earlier
    weeks belong to another period's report.
    """
    periods = {"weekly_trend": ("week", "W-SUN"), "monthly_credential_shares": ("month", "M")}
    out = dict(tables)
    for name, (column, freq) in periods.items():
        frame = out[name]
        keep = pd.Series(True, index=frame.index)
        if filters.since:
            start = pd.Timestamp(filters.since).to_period(freq).start_time
            keep &= frame[column] >= start
        if filters.until:
            keep &= frame[column] <= pd.Timestamp(filters.until)
        out[name] = frame.loc[keep].reset_index(drop=True)
    return out
