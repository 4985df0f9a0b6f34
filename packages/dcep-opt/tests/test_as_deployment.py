"""Expected deployment energy of AS awards (issue 8): SOC, energy settlement, fuel and curtailment, by hand.

Every site is one 1 h interval at $40/MWh energy with one product paid $100/MW-h, its award capped so the
award itself is fixed and the rest of the schedule follows by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from dcep_models import CaseError, load_case
from dcep_opt import FleetInputs, LoadInputs, ReserveProduct, prepare_inputs, solve_dispatch
from dcep_opt._lines import economics_lines

ROOT = Path(__file__).resolve().parents[3]


def _product(name: str, direction: str, fraction: float, cap_mw: float, **kw: object) -> ReserveProduct:
    return ReserveProduct(
        name,
        direction,
        1.0,
        np.array([100.0]),
        deployment_fraction=fraction,
        max_award_mw=cap_mw,
        **kw,  # type: ignore[arg-type]
    )


def _battery_site(make_inputs, make_battery, product: ReserveProduct):
    # 25 MW battery, SOC 50 MWh at the start and a HARD end target of 50 MWh, eta 0.95 each way, no degradation
    b = make_battery(soc_final_min_mwh=50.0, degradation_usd_per_mwh=0.0)
    return make_inputs([40.0], battery=b, products=(product,), final_soc_shortfall_usd_per_mwh=None)


@pytest.mark.parametrize("fraction", [0.0, 0.2])
def test_battery_up_award_deploys_energy_and_recharges(make_inputs, make_battery, fraction) -> None:
    # REGUP 10 MW, f = 0.2: 0.2 * 10 * 1 h = 2 MWh delivered, sold at $40 = $80; SOC falls 2 / 0.95 = 2.10526 MWh.
    # The hard end target (50 = start) makes it import c with 0.95 c = 2.10526: c = 2 / 0.9025 = 2.21607 MW,
    # cost 40 c = $88.643. Net = 10 * 100 + 80 - 88.643 = $991.357 (f = 0: $1,000, no charging).
    r = solve_dispatch(_battery_site(make_inputs, make_battery, _product("REGUP", "up", fraction, 10.0))).result
    ts, e = r.timeseries, r.economics
    assert r.solver.status == "optimal"
    assert ts["reserve_REGUP_bess_mw"][0] == pytest.approx(10.0, abs=1e-6)
    charge = fraction * 10.0 / 0.9025
    assert ts["bess_charge_mw"][0] == pytest.approx(charge, abs=1e-6)
    # the SOC row: 50 + 0.95 c - 0.2 * 10 / 0.95 = 50
    assert 50.0 + 0.95 * ts["bess_charge_mw"][0] - fraction * 10.0 / 0.95 == pytest.approx(
        ts["bess_soc_mwh"][0], abs=1e-6
    )
    assert e.as_deployment_energy_usd == pytest.approx(fraction * 10.0 * 40.0, abs=1e-6)
    assert e.net_value_usd == pytest.approx(1000.0 + fraction * 400.0 - 40.0 * charge, abs=1e-4)
    assert r.solver.objective_usd == pytest.approx(e.net_value_usd, abs=0.005)
    labels = [line.label for line in economics_lines(e)]
    assert ("AS Deployment Energy" in labels) is (fraction > 0)
    assert sum(line.signed_usd for line in economics_lines(e)) == pytest.approx(e.net_value_usd, abs=1e-6)


def test_battery_down_award_absorbs_energy_and_sells_it_back(make_inputs, make_battery) -> None:
    # REGDN 10 MW, f = 0.2: 2 MWh absorbed, bought at $40 = -$80; SOC rises 2 * 0.95 = 1.9 MWh. The end target
    # is only a minimum, so it discharges the extra: d / 0.95 = 1.9, d = 1.805 MW sold for $72.20.
    # Net = 1,000 - 80 + 72.20 = $992.20.
    r = solve_dispatch(_battery_site(make_inputs, make_battery, _product("REGDN", "down", 0.2, 10.0))).result
    ts, e = r.timeseries, r.economics
    assert ts["reserve_REGDN_bess_mw"][0] == pytest.approx(10.0, abs=1e-6)
    assert ts["bess_discharge_mw"][0] == pytest.approx(1.805, abs=1e-6)
    assert ts["bess_soc_mwh"][0] == pytest.approx(50.0, abs=1e-6)
    assert e.as_deployment_energy_usd == pytest.approx(-80.0, abs=1e-6)
    assert e.energy_revenue_usd == pytest.approx(72.2, abs=1e-6)
    assert e.net_value_usd == pytest.approx(992.2, abs=1e-4)
    assert r.solver.objective_usd == pytest.approx(e.net_value_usd, abs=0.005)


def test_generator_up_award_burns_fuel_and_vom_on_the_delivered_energy(make_inputs) -> None:
    # One 15 MW unit online, fuel $30 + VOM $6 = $36/MWh < $40: it runs at 15 - 5 = 10 MW beside a 5 MW award.
    # Deployment: 0.2 * 5 MWh = 1 MWh sold at 40 less 36 of fuel and VOM = $4.
    # Net = 5 * 100 + 10 * (40 - 36) + 4 = $544.
    unit = FleetInputs(
        name="gas", count=1, p_max_mw=15.0, fuel_usd_per_mwh=30.0, vom_usd_per_mwh=6.0, initial_units_online=1
    )
    inp = make_inputs([40.0], fleets=(unit,), products=(_product("REGUP", "up", 0.2, 5.0),))
    r = solve_dispatch(inp).result
    ts, e = r.timeseries, r.economics
    assert ts["reserve_REGUP_gen_gas_mw"][0] == pytest.approx(5.0, abs=1e-6)
    assert ts["gen_gas_mw"][0] == pytest.approx(10.0, abs=1e-6)
    assert e.as_deployment_energy_usd == pytest.approx(4.0, abs=1e-6)
    assert e.net_value_usd == pytest.approx(544.0, abs=1e-4)
    assert r.solver.objective_usd == pytest.approx(e.net_value_usd, abs=0.005)


def test_load_up_award_pays_curtailment_on_the_delivered_energy(make_inputs) -> None:
    # A 10 MW curtailable load (half sheddable, $200/MWh) sells a 5 MW load-based award. Deployment: 0.2 * 5 = 1 MWh
    # not consumed: saves $40, costs $200 of curtailment: -$160. Import 10 MW = $400.
    # Net = 500 - 400 - 160 = -$60 (f = 0 would give +$100).
    load = LoadInputs("flex", "curtailable", np.array([10.0]), shed_cost_usd_per_mwh=200.0, max_shed_frac=0.5)
    prod = _product("ECRS", "up", 0.2, 5.0, load_eligible=True, storage_eligible=False, generator_eligible=False)
    r = solve_dispatch(make_inputs([40.0], loads=(load,), products=(prod,))).result
    ts, e = r.timeseries, r.economics
    assert ts["reserve_ECRS_load_flex_mw"][0] == pytest.approx(5.0, abs=1e-6)
    assert e.as_deployment_energy_usd == pytest.approx(-160.0, abs=1e-6)
    assert e.net_value_usd == pytest.approx(-60.0, abs=1e-4)
    assert r.solver.objective_usd == pytest.approx(e.net_value_usd, abs=0.005)


def _ercot_case(tmp_path: Path, fractions: dict[str, float] | None):
    data = json.loads((ROOT / "cases" / "ercot_50mw.json").read_text(encoding="utf-8"))
    if fractions is not None:
        data.setdefault("market", {})["deployment_fraction"] = fractions
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return load_case(path)


def test_zero_fraction_leaves_the_shipped_case_unchanged_and_an_override_reaches_the_model(tmp_path) -> None:
    # the shipped ERCOT case: -$13,490.24 (main before this change); 0.0 everywhere by default
    case = _ercot_case(tmp_path, None)
    assert all(p.deployment_fraction == 0.0 for p in prepare_inputs(case).products)
    r = solve_dispatch(prepare_inputs(case)).result
    assert round(r.economics.net_value_usd, 2) == -13_490.24
    assert r.economics.as_deployment_energy_usd == 0.0
    over = prepare_inputs(_ercot_case(tmp_path, {"REGUP": 0.2}))
    assert {p.name: p.deployment_fraction for p in over.products}["REGUP"] == 0.2
    r2 = solve_dispatch(over).result
    assert r2.solver.objective_usd == pytest.approx(r2.economics.net_value_usd, abs=0.005)
    # the SOC recomputed from the output columns alone, with the deployment drain of the REGUP battery award
    ts, b, h = r2.timeseries, over.battery, over.interval_hours
    assert b is not None and float(ts["reserve_REGUP_bess_mw"].sum()) > 0
    soc = b.soc_initial_mwh
    for t in range(over.n_intervals):
        soc += (
            b.charge_efficiency * h * ts["bess_charge_mw"][t] - h / b.discharge_efficiency * ts["bess_discharge_mw"][t]
        )
        soc -= 0.2 * ts["reserve_REGUP_bess_mw"][t] * h / b.discharge_efficiency
        assert ts["bess_soc_mwh"][t] == pytest.approx(soc, abs=1e-5)
    # and the deployment line by hand from the columns: 0.2 * h * sum_t price_t * (every REGUP award column)
    regup = ts["reserve_REGUP_mw"]
    assert r2.economics.as_deployment_energy_usd == pytest.approx(
        float(np.sum(0.2 * h * ts["energy_price_usd_per_mwh"] * regup))
        - sum(
            float(np.sum(0.2 * h * ts[f"reserve_REGUP_gen_{f.name}_mw"])) * f.marginal_cost_usd_per_mwh
            for f in over.fleets
            if f"reserve_REGUP_gen_{f.name}_mw" in ts
        )
        - sum(
            float(np.sum(0.2 * h * ts[f"reserve_REGUP_load_{ld.name}_mw"])) * ld.shed_cost_usd_per_mwh
            for ld in over.loads
            if f"reserve_REGUP_load_{ld.name}_mw" in ts
        ),
        abs=1e-4,
    )


@pytest.mark.parametrize(
    ("fractions", "path", "reason"),
    [
        ({"NOPE": 0.1}, "market.deployment_fraction.NOPE", "no product"),
        ({"REGUP": 1.5}, "market.deployment_fraction.REGUP", "fraction in [0, 1]"),
    ],
)
def test_bad_override_is_a_case_error_naming_the_path(tmp_path, fractions, path, reason) -> None:
    with pytest.raises(CaseError) as info:
        prepare_inputs(_ercot_case(tmp_path, fractions))
    assert path in str(info.value) and reason in str(info.value)
