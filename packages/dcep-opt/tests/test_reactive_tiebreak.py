"""The reactive tie-break: the least sum |Q| split of an interval's reactive demand, by hand."""

from __future__ import annotations

import pytest

from dcep_opt._qrepair import least_reactive_split


def test_demand_goes_to_the_first_sources_and_nothing_circulates() -> None:
    # grid +-5, battery +-28, generators +-33.75; 9.3 MVAr of demand: 5 from the grid, 4.3 from the battery
    split = least_reactive_split(9.3, [(-5.0, 5.0), (-28.0, 28.0), (-33.75, 33.75)])
    assert split == pytest.approx([5.0, 4.3, 0.0])
    assert sum(abs(x) for x in split) == pytest.approx(9.3)  # = |demand|: the least possible


def test_a_range_that_excludes_zero_forces_the_only_circulation() -> None:
    # the grid must import at least 2 MVAr (a lagging-only window); demand -3: the battery absorbs 5
    split = least_reactive_split(-3.0, [(2.0, 6.0), (-28.0, 28.0)])
    assert split == pytest.approx([2.0, -5.0])
    assert sum(abs(x) for x in split) == pytest.approx(7.0)  # 2 forced + 5: nothing can do better


def test_infeasible_demand_is_none() -> None:
    assert least_reactive_split(40.0, [(-5.0, 5.0), (-28.0, 28.0)]) is None
    assert least_reactive_split(-34.0, [(-5.0, 5.0), (-28.0, 28.0)]) is None
