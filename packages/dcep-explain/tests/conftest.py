"""Tiny hand-built dispatch inputs for the explain tests (no case files)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from dcep_opt import BatteryInputs, DispatchInputs, FleetInputs, GridInputs, LoadInputs


def site(
    prices: list[float],
    demand_mw: list[float] | float,
    max_import_mw: float = 100.0,
    max_export_mw: float = 0.0,
    interval_hours: float = 1.0,
    adder_usd_per_mwh: float = 0.0,
    battery: BatteryInputs | None = None,
    fleets: tuple[FleetInputs, ...] = (),
    extra_loads: tuple[LoadInputs, ...] = (),
    redundancy_units: int = 0,
) -> DispatchInputs:
    """A one-bus site: critical load, a grid with a large MVA rating, optional battery and fleets."""
    n = len(prices)
    demand = np.full(n, float(demand_mw)) if isinstance(demand_mw, (int, float)) else np.asarray(demand_mw, float)
    return DispatchInputs(
        name="hand",
        interval_hours=interval_hours,
        energy_price_usd_per_mwh=np.asarray(prices, dtype=float),
        import_adder_usd_per_mwh=np.full(n, adder_usd_per_mwh),
        loads=(LoadInputs("it", "critical", demand), *extra_loads),
        grid=GridInputs(max_import_mw, max_export_mw, 1000.0),
        battery=battery,
        fleets=fleets,
        redundancy_units=redundancy_units,
    )


def battery(
    power_mw: float = 10.0,
    energy_mwh: float = 20.0,
    eta: float = 0.9,
    soc_initial_mwh: float = 0.0,
    soc_final_min_mwh: float = 0.0,
) -> BatteryInputs:
    """A battery without floor, degradation or reactive support."""
    return BatteryInputs(
        power_mw=power_mw,
        energy_mwh=energy_mwh,
        pcs_mva=power_mw * 1.2,
        soc_min_mwh=0.0,
        soc_max_mwh=energy_mwh,
        soc_initial_mwh=soc_initial_mwh,
        soc_final_min_mwh=soc_final_min_mwh,
        floor_mwh=0.0,
        charge_efficiency=eta,
        discharge_efficiency=eta,
        reactive_support=False,
    )


@pytest.fixture
def make_site() -> Callable[..., DispatchInputs]:
    """The :func:`site` builder."""
    return site


@pytest.fixture
def make_battery() -> Callable[..., Any]:
    """The :func:`battery` builder."""
    return battery
