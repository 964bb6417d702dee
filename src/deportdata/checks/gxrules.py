"""A custom Great Expectations rule: cumulative totals never fall within a series.

Importing this module registers `expect_cumulative_totals_not_to_fall` with GX.
"""

from __future__ import annotations

import pandas as pd
from great_expectations.execution_engine import PandasExecutionEngine
from great_expectations.expectations.expectation import MulticolumnMapExpectation
from great_expectations.expectations.metrics.map_metric_provider import MulticolumnMapMetricProvider
from great_expectations.expectations.metrics.map_metric_provider.multicolumn_condition_partial import (
    multicolumn_condition_partial,
)

from deportdata.checks.cumulative import Total, falling


def _number(value: object) -> float | None:
    return None if pd.isna(value) else float(value)


class CumulativeTotalsNotFalling(MulticolumnMapMetricProvider):
    """Row-wise: True unless the total falls below an earlier one of its group."""

    condition_metric_name = "multicolumn_values.cumulative_not_falling"
    condition_domain_keys = ("batch_id", "table", "column_list", "row_condition", "condition_parser",
                             "ignore_row_if")

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list: pd.DataFrame, **kwargs) -> pd.Series:
        group, earliest, latest, low, high = column_list.columns
        totals = [
            Total(str(r[group]), str(r[earliest])[:10], str(r[latest])[:10], _number(r[low]), _number(r[high]))
            for _, r in column_list.iterrows()
        ]
        return pd.Series([f is None for f in falling(totals)], index=column_list.index)


class ExpectCumulativeTotalsNotToFall(MulticolumnMapExpectation):
    """Within each group, a later total's upper bound is not below an earlier total's lower bound.

    column_list: [group, as_of_earliest, as_of_latest, value_low, value_high], in that order.
    """

    map_metric = "multicolumn_values.cumulative_not_falling"
    success_keys = ("column_list", "mostly")
    args_keys = ("column_list",)
    ignore_row_if: str = "never"
