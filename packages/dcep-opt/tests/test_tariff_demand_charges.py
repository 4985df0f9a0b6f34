"""Demand charges and TOU energy charges whose optimum is known by hand."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from dcep_iso import DemandCharge, TariffSchedule
from dcep_opt import LoadInputs, solve_dispatch

RATE_USD_PER_MW = 10_000.0  # $10/kW-month


def _tariff(n: int, energy: list[float] | None = None, window: list[bool] | None = None) -> TariffSchedule:
    mask = np.ones(n, dtype=bool) if window is None else np.asarray(window)
    return TariffSchedule(
        name="hand",
        utility="test",
        source="hand",
        energy_rate_usd_per_mwh=np.asarray(energy if energy is not None else [0.0] * n, dtype=float),
        energy_period=np.zeros(n, dtype=np.int64),
        months=("2025-07",) * n,
        demand_charges=(DemandCharge("2025-07 flat", "2025-07", "flat", 0, RATE_USD_PER_MW, mask),),
        fixed_usd_per_month={"2025-07": 100.0},
    )


def _site(make_inputs, make_battery, soc_initial_mwh: float, tariff: TariffSchedule):
    # 1 h intervals, zero wholesale price, critical demand 1, 1, 3, 1 MW, a lossless 2 MW battery
    b = make_battery(
        power_mw=2.0,
        energy_mwh=4.0,
        pcs_mva=2.0,
        soc_min_mwh=0.0,
        soc_max_mwh=4.0,
        soc_initial_mwh=soc_initial_mwh,
        soc_final_min_mwh=0.0,
        floor_mwh=0.0,
        charge_efficiency=1.0,
        discharge_efficiency=1.0,
        degradation_usd_per_mwh=0.0,
    )
    inp = make_inputs([0.0] * 4, battery=b)
    load = LoadInputs(name="it", kind="critical", demand_mw=np.array([1.0, 1.0, 3.0, 1.0]))
    return dataclasses.replace(inp, loads=(load,), tariff=tariff)


def test_battery_with_enough_energy_flattens_the_peak(make_inputs, make_battery) -> None:
    # 2 MWh in store covers the 2 MW above the base: peak 1 MW, bill 10,000 + fixed 100
    r = solve_dispatch(_site(make_inputs, make_battery, 2.0, _tariff(4))).result
    assert r.solver.status == "optimal"
    assert r.timeseries["grid_import_mw"].max() == pytest.approx(1.0, abs=1e-6)
    assert r.economics.tariff_bill_usd == pytest.approx(RATE_USD_PER_MW * 1.0 + 100.0, abs=1e-4)
    assert r.solver.objective_usd == pytest.approx(r.economics.net_value_usd, abs=0.005)


def test_short_battery_charges_ahead_to_shave_the_peak(make_inputs, make_battery) -> None:
    # 1 MWh in store: charge c in each of the first two hours, discharge 1 + 2c at the spike.
    # Peak P = 1 + c = 3 - (1 + 2c) -> c = 1/3, P = 4/3 MW.
    r = solve_dispatch(_site(make_inputs, make_battery, 1.0, _tariff(4))).result
    assert r.solver.status == "optimal"
    assert r.timeseries["grid_import_mw"].max() == pytest.approx(4.0 / 3.0, abs=1e-6)
    demand_line = [line for line in r.economics.tariff_bill if line.kind == "demand"]
    assert len(demand_line) == 1 and demand_line[0].usd == pytest.approx(RATE_USD_PER_MW * 4.0 / 3.0, abs=1e-3)


def test_tou_window_and_energy_rate_move_the_shaving(make_inputs, make_battery) -> None:
    # Demand charged only in hour 3 (the window), energy at $50/MWh in hours 0-1 and $200 in 2-3.
    # The 2 MW battery covers 2 of the 3 MW in hour 2 and all of hour 3: 3 MWh out, 1 in store, so
    # it charges 2 MWh at $50. Imports: 4 MWh in hours 0-1, 1 MWh in hour 2, none in hour 3.
    tariff = _tariff(4, energy=[50.0, 50.0, 200.0, 200.0], window=[False, False, False, True])
    r = solve_dispatch(_site(make_inputs, make_battery, 1.0, tariff)).result
    imp = r.timeseries["grid_import_mw"]
    assert r.solver.status == "optimal"
    np.testing.assert_allclose(imp[2:], [1.0, 0.0], atol=1e-6)
    assert imp[:2].sum() == pytest.approx(4.0, abs=1e-6)
    bill = r.economics.tariff_bill_usd
    assert bill == pytest.approx(50.0 * 4.0 + 200.0 * 1.0 + 100.0, abs=1e-4)  # no demand charge in hour 3


@pytest.mark.parametrize(("fuel_usd_per_mwh", "gen_at_spike_mw"), [(300.0, 2.0), (600.0, 0.0)])
def test_generator_shaves_the_peak_when_cheaper_than_the_charge(
    make_inputs, make_fleet, fuel_usd_per_mwh, gen_at_spike_mw
):
    # No battery; one 2 MW unit (no minimum, start cost or start time); demand 1, 1, 3, 1 MW; demand
    # charge $500/MW over all four hours. Each MW shaved off the 3 MW spike costs one hour of fuel:
    # at $300/MWh that beats $500/MW down to the 1 MW base (below it every hour would need the unit,
    # 4 MWh per MW); at $600/MWh it never pays.
    tariff = dataclasses.replace(
        _tariff(4),
        demand_charges=(DemandCharge("2025-07 flat", "2025-07", "flat", 0, 500.0, np.ones(4, dtype=bool)),),
    )
    unit = make_fleet(
        count=1,
        p_max_mw=2.0,
        p_min_mw=0.0,
        fuel_usd_per_mwh=fuel_usd_per_mwh,
        vom_usd_per_mwh=0.0,
        start_cost_usd=0.0,
        start_time_min=0.0,
        start_intervals=0,
        min_up_intervals=1,
        min_down_intervals=1,
    )
    load = LoadInputs(name="it", kind="critical", demand_mw=np.array([1.0, 1.0, 3.0, 1.0]))
    inp = dataclasses.replace(make_inputs([0.0] * 4, fleets=(unit,)), loads=(load,), tariff=tariff)
    r = solve_dispatch(inp).result
    assert r.solver.status == "optimal"
    gen = r.timeseries["gen_gas_mw"]
    np.testing.assert_allclose(gen, [0.0, 0.0, gen_at_spike_mw, 0.0], atol=1e-6)
    peak = 3.0 - gen_at_spike_mw
    assert r.economics.net_value_usd == pytest.approx(-(500.0 * peak + fuel_usd_per_mwh * gen_at_spike_mw + 100.0))
