"""Custom Great Expectations rules: cumulative totals never fall within a series, and
foreign keys resolved against another clean table.

Importing this module registers `expect_cumulative_totals_not_to_fall` and
`expect_column_values_to_be_in_reference` with GX. The cumulative logic is
`deportdata.checks.cumulative.falling`; this module only adapts it.
"""

from __future__ import annotations

import pandas as pd

from deportdata.runtime.quickimport import before_great_expectations

before_great_expectations()  # jsonschema without its IRI grammar, scipy.stats on first use

from great_expectations.execution_engine import PandasExecutionEngine  # noqa: E402
from great_expectations.expectations.expectation import (  # noqa: E402
    ColumnMapExpectation,
    MulticolumnMapExpectation,
)
from great_expectations.expectations.metrics.map_metric_provider import (  # noqa: E402
    ColumnMapMetricProvider,
    MulticolumnMapMetricProvider,
    column_condition_partial,
)
from great_expectations.expectations.metrics.map_metric_provider.multicolumn_condition_partial import (  # noqa: E402
    multicolumn_condition_partial,
)

from deportdata.checks.cumulative import falling, totals_of  # noqa: E402

EXPECTATION = "expect_cumulative_totals_not_to_fall"


def falls_below(frame: pd.DataFrame, column_list: list[str]) -> list[int | None]:
    """For each row (in order), the position of an earlier row it falls below, or None.

    column_list: [group, as_of_earliest, as_of_latest, value_low, value_high].
    """
    group, *columns = column_list
    return falling(totals_of(frame, group, columns))


class CumulativeTotalsNotFalling(MulticolumnMapMetricProvider):
    """Row-wise: True unless the total falls below an earlier one of its group."""

    condition_metric_name = "multicolumn_values.cumulative_not_falling"
    condition_domain_keys = (
        "batch_id",
        "table",
        "column_list",
        "row_condition",
        "condition_parser",
        "ignore_row_if",
    )

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list: pd.DataFrame, **kwargs) -> pd.Series:
        below = falls_below(column_list, list(column_list.columns))
        return pd.Series([b is None for b in below], index=column_list.index)


class ExpectCumulativeTotalsNotToFall(MulticolumnMapExpectation):
    """Within each group, a later total's upper bound is not below an earlier total's lower bound.

    column_list: [group, as_of_earliest, as_of_latest, value_low, value_high], in that
    order. A total is later than another only when their as-of intervals do not
    overlap; an empty bound is unbounded, so it never makes a total fall.
    """

    map_metric = "multicolumn_values.cumulative_not_falling"
    success_keys = ("column_list", "mostly")
    args_keys = ("column_list",)
    ignore_row_if: str = "never"


# A second custom rule: a foreign key. The values a column may take come from another clean
# table's column, named in the suite ("reference": "articles__article_id") and looked up here
# at run time; passing them as a value_set instead would copy tens of thousands of ids into
# every expectation's configuration, which GX serialises again and again.
REFERENCES: dict[
    str, frozenset[str]
] = {}  # "<table>__<column>" → values, set by deportdata.checks.run
REFERENCE_EXPECTATION = "expect_column_values_to_be_in_reference"


class ColumnValuesInReference(ColumnMapMetricProvider):
    """Row-wise: True when the value is one of the reference column's values."""

    condition_metric_name = "column_values.in_reference"
    condition_value_keys = ("reference",)

    @column_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column: pd.Series, reference: str, **kwargs) -> pd.Series:
        if reference not in REFERENCES:
            raise KeyError(f"unknown reference {reference!r}")
        return column.astype(str).isin(REFERENCES[reference])


class ExpectColumnValuesToBeInReference(ColumnMapExpectation):
    """Every non-empty value of the column occurs in the reference column (a foreign key).

    reference: "<table>__<column>" of a clean table (or "<table>__key" for its '/'-joined key).
    """

    map_metric = "column_values.in_reference"
    success_keys = ("reference", "mostly")
    args_keys = ("column", "reference")
    reference: str
