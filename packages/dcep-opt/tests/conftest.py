"""Small hand-built DispatchInputs (no case files, no market adapter)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from dcep_opt import BatteryInputs, DispatchInputs, FleetInputs, GridInputs, LoadInputs


def battery(**over: Any) -> BatteryInputs:
    """A 25 MW / 100 MWh battery with a 25 MWh floor, 50 MWh initial."""
    base: dict[str, Any] = dict(
        power_mw=25.0,
        energy_mwh=100.0,
        pcs_mva=28.0,
        soc_min_mwh=5.0,
        soc_max_mwh=95.0,
        soc_initial_mwh=50.0,
        soc_final_min_mwh=50.0,
        floor_mwh=25.0,
        charge_efficiency=0.95,
        discharge_efficiency=0.95,
        degradation_usd_per_mwh=2.0,
    )
    base.update(over)
    return BatteryInputs(**base)


def fleet(**over: Any) -> FleetInputs:
    """Four 15 MW gas units."""
    base: dict[str, Any] = dict(
        name="gas",
        count=4,
        p_max_mw=15.0,
        p_min_mw=5.0,
        fuel_usd_per_mwh=33.25,
        vom_usd_per_mwh=6.0,
        start_cost_usd=300.0,
        start_time_min=10.0,
        start_intervals=1,
        min_up_intervals=8,
        min_down_intervals=4,
        q_max_mvar_per_unit=11.25,
    )
    base.update(over)
    return FleetInputs(**base)


def inputs(prices: list[float] | np.ndarray, **over: Any) -> DispatchInputs:
    """Inputs with one flat critical load (default 0 MW), a big POI and no PF limit unless overridden."""
    p = np.asarray(prices, dtype=float)
    n = p.size
    crit_mw = over.pop("critical_mw", 0.0)
    loads = over.pop("loads", (LoadInputs("it", "critical", np.full(n, crit_mw), power_factor=1.0),))
    base: dict[str, Any] = dict(
        name="hand",
        interval_hours=1.0,
        energy_price_usd_per_mwh=p,
        import_adder_usd_per_mwh=np.zeros(n),
        loads=loads,
        grid=GridInputs(max_import_mw=1000.0, max_export_mw=1000.0, poi_mva=2000.0),
        voll_usd_per_mwh=50_000.0,
    )
    base.update(over)
    return DispatchInputs(**base)


@pytest.fixture
def make_inputs() -> Callable[..., DispatchInputs]:
    """Factory: ``make_inputs(prices, **overrides)``."""
    return inputs


@pytest.fixture
def make_battery() -> Callable[..., BatteryInputs]:
    """Factory: ``make_battery(**overrides)``."""
    return battery


@pytest.fixture
def make_fleet() -> Callable[..., FleetInputs]:
    """Factory: ``make_fleet(**overrides)``."""
    return fleet


def _export_arrays(exported: Any) -> dict[str, object]:
    """An export (``dcep_opt._highs.HighsExport``) as lists: columns by name, every array, sign."""
    lp = exported.lp
    return {
        "columns": [v.name for v in exported.columns],
        "cost": lp.cost.tolist(),
        "col_lower": lp.col_lower.tolist(),
        "col_upper": lp.col_upper.tolist(),
        "row_lower": lp.row_lower.tolist(),
        "row_upper": lp.row_upper.tolist(),
        "start": lp.start.tolist(),
        "index": lp.index.tolist(),
        "value": lp.value.tolist(),
        "integrality": lp.integrality.tolist(),
        "offset": lp.offset,
        "sign": exported.sign,
    }


def _row_listing(model: Any) -> list[tuple[object, ...]]:
    """Every PuLP row of a ``DispatchModel`` in order: name, sense, constant and terms by variable name."""
    return [
        (name, con.sense, con.constant, [(v.name, c) for v, c in con.expr.items()])
        for name, con in model.problem._constraints.items()
    ]


@pytest.fixture
def export_arrays() -> Callable[[Any], dict[str, object]]:
    """``export_arrays(exported)``: a HiGHS export as plain lists (two exports compare with ``==``)."""
    return _export_arrays


@pytest.fixture
def row_listing() -> Callable[[Any], list[tuple[object, ...]]]:
    """``row_listing(model)``: every PuLP row of a model in order, as plain data."""
    return _row_listing
