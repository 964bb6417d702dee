"""The tables the report notebooks show: pure functions of the clean tables, one module per
notebook theme.

A view takes the frames a notebook loaded once (`tables`, a mapping clean table name →
DataFrame, from `deportdata.io.load.load_table`) or another view's result, and returns a
DataFrame with sorted rows, ready for `figures.save_table`. No view reads or writes a
file; the analysis choices (claim ids, thresholds, ranges) are its arguments, set in the
notebook's parameters cell.
"""

from deportdata.report.views.claims import claims_by_kind, claims_table
from deportdata.report.views.common import (
    article_labels,
    bounds_text,
    fiscal_year,
    fiscal_year_bounds,
    fiscal_years_text,
    interval_text,
    reporter_labels,
    reporter_names,
    reporter_order,
)
from deportdata.report.views.corpus import cleaning_log, corpus_summary, publication_dates
from deportdata.report.views.cumulative import (
    cumulative_differences,
    cumulative_pairs,
    cumulative_reconciliation,
    cumulative_series,
    known_issue_ids,
    missing_ids,
    pair_verdict,
)
from deportdata.report.views.discrepancies import (
    bounds_overlap,
    discrepancy_claims,
    discrepancy_ledger,
    discrepancy_panels,
    request_and_acceptance,
)
from deportdata.report.views.flights import (
    cumulative_counts,
    fiscal_years_total,
    flight_ledger,
    flights_by_fiscal_year,
    headline,
    ledger_counts,
    official_running_total,
)
from deportdata.report.views.official import removals_by_fiscal_year, reported_counts
from deportdata.report.views.quality import (
    ignored_reasons,
    known_issues,
    known_issues_message,
    mention_coverage,
    validation_rules,
    validation_summary,
)
from deportdata.report.views.reconciliation import (
    cumulative_reconciliations,
    reconciliation_coverage,
    reconciliation_pairs,
)
from deportdata.report.views.timeline import (
    timeline_by_article,
    timeline_events,
    timeline_occurrences,
)

__all__ = [
    "article_labels", "bounds_overlap", "bounds_text", "claims_by_kind", "claims_table",
    "cleaning_log", "corpus_summary", "cumulative_counts", "cumulative_differences",
    "cumulative_pairs", "cumulative_reconciliation", "cumulative_reconciliations",
    "cumulative_series", "discrepancy_claims", "discrepancy_ledger", "discrepancy_panels",
    "fiscal_year", "fiscal_year_bounds", "fiscal_years_text", "fiscal_years_total",
    "flight_ledger", "flights_by_fiscal_year", "headline", "ignored_reasons", "interval_text",
    "known_issue_ids", "known_issues", "known_issues_message", "ledger_counts",
    "mention_coverage", "missing_ids", "official_running_total", "pair_verdict",
    "publication_dates", "reconciliation_coverage", "reconciliation_pairs",
    "removals_by_fiscal_year", "reported_counts", "reporter_labels", "reporter_names", "reporter_order",
    "request_and_acceptance", "timeline_by_article", "timeline_events", "timeline_occurrences",
    "validation_rules", "validation_summary",
]  # fmt: skip
