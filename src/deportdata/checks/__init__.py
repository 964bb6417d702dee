"""Data checks: pure rule functions, the Great Expectations glue, and the validate step."""
