"""DispatchInputs.intervals cuts EVERY per-interval array: a window of a horizon that crosses a market-rule
change must carry its own days' reserve durations and offer flags, not the horizon's first days'."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from dcep_opt import ReserveProduct, solve_dispatch
from dcep_opt.studies._rolling import slice_inputs


def _arrays(obj: Any, path: str = "") -> dict[str, np.ndarray]:
    """Every numpy array reachable through dataclass fields and tuples, by path."""
    out: dict[str, np.ndarray] = {}
    if isinstance(obj, np.ndarray):
        out[path] = obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            out |= _arrays(getattr(obj, f.name), f"{path}.{f.name}")
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            out |= _arrays(item, f"{path}[{i}]")
    return out


def _rule_change_inputs(make_inputs: Any, make_battery: Any) -> Any:
    # 48 hourly intervals; from interval 24 on, REGUP lasts 2 h instead of 0.5 h and REGDN is not offered
    n = 48
    regup = ReserveProduct(
        name="REGUP",
        direction="up",
        duration_hours=0.5,
        price_usd_per_mw_h=np.full(n, 20.0),
        duration_by_interval_h=np.where(np.arange(n) < 24, 0.5, 2.0),
    )
    regdn = ReserveProduct(
        name="REGDN",
        direction="down",
        duration_hours=0.5,
        price_usd_per_mw_h=np.full(n, 15.0),
        offered_by_interval=np.arange(n) < 24,
    )
    return make_inputs(np.full(n, 30.0), battery=make_battery(), products=(regup, regdn), critical_mw=5.0)


def test_every_per_interval_array_is_cut(make_inputs, make_battery):
    inputs = _rule_change_inputs(make_inputs, make_battery)
    n, lo, hi = inputs.n_intervals, 24, 36
    whole = {k: v for k, v in _arrays(inputs).items() if v.shape[:1] == (n,)}
    assert ".products[0].duration_by_interval_h" in whole and ".products[1].offered_by_interval" in whole
    cut = _arrays(inputs.intervals(lo, hi))
    for path, array in whole.items():
        np.testing.assert_array_equal(cut[path], array[lo:hi], err_msg=path)


def test_a_window_after_the_rule_change_follows_the_new_rule(make_inputs, make_battery):
    inputs = _rule_change_inputs(make_inputs, make_battery)
    window = slice_inputs(inputs, 24, 48)
    regup, regdn = window.products
    assert regup.duration_at(0) == 2.0 and not regdn.offered_at(0)
    # the window's dispatch sells no REGDN: the market does not offer it on the window's day (the first
    # day's dispatch does sell it: 600 MW summed over its 24 intervals)
    ts = solve_dispatch(window).result.timeseries
    assert float(np.abs(ts["reserve_REGDN_mw"]).sum()) == 0.0
