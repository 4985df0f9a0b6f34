"""The one money format and plurals (dcep_models.formatting)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from dcep_models import format_usd, plural


def test_money_sign_comes_before_the_dollar():
    assert format_usd(-10602.12) == "-$10,602.12"
    assert format_usd(10602.12) == "$10,602.12"
    assert format_usd(1234567.891) == "$1,234,567.89"
    assert format_usd(-0.5, unit="MWh") == "-$0.50/MWh"
    assert format_usd(-24314.1, decimals=0) == "-$24,314"


def test_money_never_shows_negative_zero_or_nan_as_number():
    assert format_usd(-0.001) == "$0.00"
    assert format_usd(-0.0) == "$0.00"
    assert format_usd(math.nan) == "n/a"
    assert format_usd(-math.inf) == "-$inf"


@settings(max_examples=60, deadline=None)
@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_money_reads_back_to_the_rounded_value(value):
    text = format_usd(value)
    assert "$-" not in text
    back = float(text.replace("$", "").replace(",", ""))
    assert abs(back - round(value, 2)) < 0.0051


def test_plural():
    assert plural(1, "interval") == "1 interval"
    assert plural(2, "scenario") == "2 scenarios"
    assert plural(0, "unit") == "0 units"
    assert plural(1200, "interval") == "1,200 intervals"
    assert plural(2, "battery", "batteries") == "2 batteries"
