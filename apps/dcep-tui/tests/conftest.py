"""Shared fixtures: a hand-made three-interval result (no solver) and small in-code cases."""

from __future__ import annotations

import copy
import json
import math
from typing import Any

import numpy as np
import pytest

from dcep_models import parse_case
from dcep_opt import (
    BatteryInputs,
    DispatchInputs,
    DispatchResult,
    FleetInputs,
    GridInputs,
    LoadInputs,
    ReserveProduct,
    SolverFacts,
    compute_economics,
)
from dcep_tui import RunOutput

SMALL_CASE: dict[str, Any] = {
    "name": "tui",
    "iso": "ERCOT",
    "time": {"start": "2025-08-14T00:00:00", "horizon_hours": 4, "interval_minutes": 15},
    "topology": {
        "poi": {"max_import_mw": 60, "max_export_mw": 20, "rating_mva": 75},
        "transformers": [{"rating_mva": 80, "count": 2, "redundancy": "N+1"}],
    },
    "resources": {
        "bess": {"power_mw": 25, "energy_mwh": 100, "soc_reserve_frac": 0.25, "soc_min_frac": 0.05},
        "generators": [{"name": "gas", "count": 4, "p_max_mw": 15, "start_time_min": 10}],
        "loads": [{"name": "it", "kind": "critical", "power_mw": 20}],
    },
    "prices": {
        "base_price_usd_per_mwh": 35,
        "offpeak_hours": [0, 1],
        "offpeak_multiplier": 0.5,
        "peak_hours": [2, 3],
        "peak_multiplier": 3.0,
    },
}


def infeasible_case() -> dict[str, Any]:
    """N+1 over two 5 MW units with 20 MW critical load and no battery: n1-cover cannot hold."""
    case = copy.deepcopy(SMALL_CASE)
    del case["resources"]["bess"]
    case["resources"]["generators"] = [{"name": "gas", "count": 2, "p_max_mw": 5, "start_time_min": 0}]
    case["reliability"] = {"generator_redundancy": "N+1", "ride_through_minutes": 0}
    return case


def hand_inputs() -> DispatchInputs:
    """Three half-hour intervals; names match SMALL_CASE (load ``it``, fleet ``gas``)."""
    return DispatchInputs(
        name="hand",
        interval_hours=0.5,
        energy_price_usd_per_mwh=np.array([20.0, 50.0, 100.0]),
        import_adder_usd_per_mwh=np.zeros(3),
        loads=(LoadInputs("it", "critical", np.full(3, 20.0)),),
        grid=GridInputs(max_import_mw=30.0, max_export_mw=10.0, poi_mva=35.0, transformer_firm_mva=40.0),
        battery=BatteryInputs(
            power_mw=10.0,
            energy_mwh=40.0,
            pcs_mva=12.0,
            soc_min_mwh=4.0,
            soc_max_mwh=38.0,
            soc_initial_mwh=20.0,
            soc_final_min_mwh=0.0,
            floor_mwh=10.0,
            degradation_usd_per_mwh=2.0,
        ),
        fleets=(
            FleetInputs(
                "gas", count=2, p_max_mw=15.0, fuel_usd_per_mwh=40.0, vom_usd_per_mwh=5.0, start_cost_usd=100.0
            ),
        ),
        products=(ReserveProduct("REGUP", "up", 1.0, np.full(3, 10.0)),),
        interval_starts=("t0", "t1", "t2"),
    )


def hand_result(inputs: DispatchInputs) -> DispatchResult:
    """A schedule written by hand: charge at $20 (import at cap), import at $50, export/discharge at $100."""
    soc1 = 20.0 + 10.0 * 0.95 * 0.5
    ts = {
        "energy_price_usd_per_mwh": np.array([20.0, 50.0, 100.0]),
        "import_adder_usd_per_mwh": np.zeros(3),
        "as_price_REGUP_usd_per_mw_h": np.full(3, 10.0),
        "demand_it_mw": np.full(3, 20.0),
        "demand_critical_mw": np.full(3, 20.0),
        "demand_total_mw": np.full(3, 20.0),
        "shed_total_mw": np.zeros(3),
        "unserved_critical_mw": np.array([0.0, 0.0, 2.0]),
        "grid_import_mw": np.array([30.0, 20.0, 0.0]),
        "grid_export_mw": np.array([0.0, 0.0, 10.0]),
        "grid_net_import_mw": np.array([30.0, 20.0, -10.0]),
        "grid_q_mvar": np.array([0.0, 15.0, 0.0]),
        "bess_charge_mw": np.array([10.0, 0.0, 0.0]),
        "bess_discharge_mw": np.array([0.0, 0.0, 10.0]),
        "bess_soc_mwh": np.array([soc1, soc1, soc1 - 10.0 * 0.5 / 0.95]),
        "bess_floor_mwh": np.full(3, 10.0),
        "bess_below_floor_mwh": np.zeros(3),
        "bess_floor_draw_mwh": np.zeros(3),
        "bess_q_mvar": np.array([0.0, 0.0, math.sqrt(44.0)]),
        "gen_gas_mw": np.array([0.0, 0.0, 18.0]),
        "gen_gas_units_online": np.array([0.0, 2.0, 2.0]),
        "gen_gas_units_synced": np.array([0.0, 2.0, 2.0]),
        "gen_gas_starts": np.array([0.0, 2.0, 0.0]),
        "gen_gas_stops": np.zeros(3),
        "gen_gas_q_mvar": np.zeros(3),
        "reserve_REGUP_bess_mw": np.array([0.0, 5.0, 0.0]),
        "reserve_REGUP_gen_gas_mw": np.array([0.0, 10.0, 12.0]),
        "reserve_REGUP_mw": np.array([0.0, 15.0, 12.0]),
        "ride_through_min": np.array([60.0, np.inf, 40.0]),
    }
    facts = SolverFacts("optimal", "optimal", "Optimal", 0.0, None, None, 0.0, 0.0, 0, 0, 0)
    return DispatchResult(
        case_name="hand",
        interval_hours=0.5,
        interval_starts=["t0", "t1", "t2"],
        timeseries=ts,
        economics=compute_economics(inputs, ts),
        reliability=None,
        solver=facts,
    )


@pytest.fixture
def hand_run() -> RunOutput:
    """The hand-made schedule with SMALL_CASE for ratings (POI 60/20 MW, 75 MVA; firm 80 MVA)."""
    inputs = hand_inputs()
    return RunOutput(parse_case(SMALL_CASE), inputs, hand_result(inputs))


@pytest.fixture
def small_case() -> dict[str, Any]:
    """A copy of SMALL_CASE (4 h at 15 min; $17.50 off-peak hours 0-1, $105 peak hours 2-3)."""
    return copy.deepcopy(SMALL_CASE)


@pytest.fixture
def small_case_path(tmp_path: Any) -> str:
    """SMALL_CASE written to a JSON file."""
    path = tmp_path / "case.json"
    path.write_text(json.dumps(SMALL_CASE))
    return str(path)


@pytest.fixture
def infeasible_case_path(tmp_path: Any) -> str:
    """The infeasible N+1 case written to a JSON file."""
    path = tmp_path / "infeasible.json"
    path.write_text(json.dumps(infeasible_case()))
    return str(path)
