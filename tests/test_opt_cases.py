"""dcep-opt on the repo's 1-day cases: reconciled economics, physics recomputed, guarantees held."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import dcep_opt
from dcep_models import load_case

CASES = Path(__file__).resolve().parents[1] / "cases"
DAY_CASES = [
    "ercot_50mw.json",
    "ercot_50mw_real_2025-08-14.json",
    "ercot_100mw_constrained_poi.json",
    "generic_50mw.json",
    "spp_50mw_2022-02-02.json",
]


@pytest.fixture(scope="module", params=DAY_CASES)
def solved(request):
    case = load_case(CASES / request.param)
    inputs = dcep_opt.prepare_inputs(case)
    return case, inputs, dcep_opt.solve_dispatch(inputs).result


def test_objective_equals_net_value_to_the_cent(solved) -> None:
    _case, _inputs, r = solved
    assert r.solver.status == "optimal"
    assert r.solver.mip_gap is not None and r.solver.mip_gap <= 1e-4
    assert abs(r.solver.objective_usd - r.economics.net_value_usd) < 0.005


def test_power_balance_and_soc_hold_every_interval(solved) -> None:
    case, inputs, r = solved
    ts = r.timeseries
    gen = sum((ts[f"gen_{f.name}_mw"] for f in inputs.fleets), np.zeros(inputs.n_intervals))
    supply = ts["grid_import_mw"] - ts["grid_export_mw"] + gen + ts["unserved_critical_mw"] + ts["shed_total_mw"]
    if "bess_soc_mwh" in ts:
        supply = supply + ts["bess_discharge_mw"] - ts["bess_charge_mw"]
        b = case.resources.bess
        h = case.time.interval_hours
        prev = np.concatenate([[b.soc_initial_frac * b.energy_mwh], ts["bess_soc_mwh"][:-1]])
        soc = prev + h * (b.charge_efficiency * ts["bess_charge_mw"] - ts["bess_discharge_mw"] / b.discharge_efficiency)
        np.testing.assert_allclose(soc, ts["bess_soc_mwh"], atol=1e-6)
        assert ts["bess_soc_mwh"].min() >= b.soc_min_frac * b.energy_mwh - 1e-6
    np.testing.assert_allclose(supply, ts["demand_total_mw"], atol=1e-6)
    poi = case.topology.poi
    assert ts["grid_import_mw"].max() <= poi.max_import_mw + 1e-6
    assert ts["grid_export_mw"].max() <= poi.max_export_mw + 1e-6
    assert np.minimum(ts["grid_import_mw"], ts["grid_export_mw"]).max() <= 1e-6
    # PF at the POI (linear cone) and apparent power within the smaller of POI and firm transformer MVA
    p = ts["grid_import_mw"] - ts["grid_export_mw"]
    ratio = np.tan(np.arccos(poi.min_power_factor))
    assert np.all(np.abs(ts["grid_q_mvar"]) <= ratio * np.abs(p) + 1e-6)
    rating = min(poi.rating_mva, case.topology.transformer_firm_mva or poi.rating_mva)
    assert np.all(np.hypot(p, ts["grid_q_mvar"]) <= rating + 1e-6)


def test_reliability_guarantees_held(solved) -> None:
    case, _inputs, r = solved
    rel = r.reliability
    assert rel.unserved_mwh == pytest.approx(0.0, abs=1e-6)
    assert rel.ride_through_ok is True
    assert rel.min_ride_through_min >= case.reliability.ride_through_minutes - 1e-6
    if case.reliability.generator_redundancy != "N" and case.resources.generators:
        assert rel.n_plus_1_ok is True
