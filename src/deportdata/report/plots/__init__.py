"""The report figures: one function per figure, one module per notebook theme, each
returning a matplotlib Figure.

A figure takes the result of the views (`deportdata.report.views`) the notebook shows, so
the numbers drawn are the numbers tabled, and its analysis choices (dates, axis limits)
as arguments from the notebook's parameters. It has a title and labelled
axes with units, and leaves the source line to `figures.save_figure`. Call
`notebook.setup` (or `figures.use_style`) first for the shared style.
"""

from deportdata.report.plots.claims import claim_bounds, claims_by_kind
from deportdata.report.plots.common import palette
from deportdata.report.plots.corpus import publication_intervals
from deportdata.report.plots.cumulative import cumulative_series
from deportdata.report.plots.discrepancies import discrepancy_bounds
from deportdata.report.plots.flights import (
    cumulative_against_official,
    flights_timeline,
)
from deportdata.report.plots.flights import flights_by_fiscal_year as flights_by_fiscal_year
from deportdata.report.plots.official import official_vs_reported
from deportdata.report.plots.quality import mention_coverage, quality_rules
from deportdata.report.plots.timeline import (
    shown_occurrences,
    timeline_occurrences,
    timeline_overview,
)

__all__ = [
    "claim_bounds", "claims_by_kind", "cumulative_against_official", "cumulative_series",
    "discrepancy_bounds", "flights_by_fiscal_year", "flights_timeline", "mention_coverage",
    "official_vs_reported", "palette", "publication_intervals", "quality_rules",
    "shown_occurrences", "timeline_occurrences", "timeline_overview",
]  # fmt: skip
