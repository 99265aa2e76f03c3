"""Skills demand from stored postings: tidy loading and small pandas aggregations."""

from pipelines.demand.by_place import demand_by_employer, demand_by_state, demand_by_title
from pipelines.demand.filters import DemandFilters
from pipelines.demand.items import (
    alternative_combinations,
    cooccurrence,
    credential_demand,
    item_demand,
    skill_category_demand,
    skill_demand,
)
from pipelines.demand.load import load_postings, load_requirements, sample_postings
from pipelines.demand.pay import pay_by_credential, pay_summary
from pipelines.demand.qualifications import education_distribution, experience_distribution
from pipelines.demand.sample import postings_by_source, sample_summary
from pipelines.demand.tables import DemandTables, build_tables, compute_tables
from pipelines.demand.trend import monthly_credential_shares, weekly_trend

__all__ = [
    "DemandFilters",
    "DemandTables",
    "alternative_combinations",
    "build_tables",
    "compute_tables",
    "cooccurrence",
    "credential_demand",
    "demand_by_employer",
    "demand_by_state",
    "demand_by_title",
    "education_distribution",
    "experience_distribution",
    "item_demand",
    "load_postings",
    "load_requirements",
    "monthly_credential_shares",
    "pay_by_credential",
    "pay_summary",
    "postings_by_source",
    "sample_postings",
    "sample_summary",
    "skill_category_demand",
    "skill_demand",
    "weekly_trend",
]
