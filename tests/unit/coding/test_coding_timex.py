"""coding.timex: the capitalised word before a bare month or weekday, read backwards, agrees
with the regular expression it replaces. Invented test text."""

from __future__ import annotations

import re

import pytest

from deportdata.coding.drafting.timex import _capitalised_word_before


@pytest.mark.parametrize(
    "before",
    ["Prok ", "Prok  \n ", "prok ", "PROK ", "Prok", "", " ", "Mr. Prok ", "X ", "Xy ",
     "1Ab ", "Ab\u00a0", "Éva ", "aB ", "the Ab\t"],
)  # fmt: skip
def test_it_agrees_with_the_regular_expression(before):
    expected = bool(re.search(r"([A-Z][a-z]+)\s+$", before))
    assert _capitalised_word_before(before + "May", len(before)) is expected
