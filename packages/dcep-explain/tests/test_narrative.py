"""Narratives state the facts of hand-built cases: prices, costs, limits, reliability requirements."""

from __future__ import annotations

import numpy as np
import pytest

from dcep_explain import explain_dispatch
from dcep_opt import FleetInputs, LoadInputs, solve_dispatch


def _story(exp, t, subject):
    return next(s for s in exp.narratives(t) if s.subject == subject)


def test_battery_charges_at_the_cheap_hours_and_names_the_later_price(make_site, make_battery):
    inputs = make_site([20.0, 20.0, 80.0, 80.0], 5.0, max_export_mw=100.0, battery=make_battery())
    exp = explain_dispatch(solve_dispatch(inputs))
    ch = exp.result.timeseries["bess_charge_mw"]
    dis = exp.result.timeseries["bess_discharge_mw"]
    assert ch[:2].min() > 0 and dis[:2].max() == 0 and ch[2:].max() == 0 and dis[2:].min() > 0
    for t in (0, 1):
        story = _story(exp, t, "battery")
        assert story.decision == "charge"
        assert "LMP $20.00/MWh" in story.text
        assert "highest later price is $80.00/MWh at interval 2" in story.text
        # after round-trip losses: 80 * 0.9 * 0.9
        assert "$64.80/MWh per MWh charged now" in story.text
        assert story.facts["later_max_price_usd_per_mwh"] == 80.0
        # it charges: stored value after charge losses is at least the price paid
        assert story.facts["stored_value_usd_per_mwh"] * 0.9 >= 20.0 - 1e-6
    story = _story(exp, 2, "battery")
    assert story.decision == "discharge"
    assert "LMP $80.00/MWh" in story.text and "cheapest earlier price was $20.00/MWh at interval 0" in story.text
    assert story.facts["stored_value_usd_per_mwh"] <= 80.0 * 0.9 + 1e-6


def test_battery_idles_on_a_flat_price(make_site, make_battery):
    exp = explain_dispatch(solve_dispatch(make_site([50.0, 50.0, 50.0], 5.0, battery=make_battery())))
    for t in range(3):
        story = _story(exp, t, "battery")
        assert story.decision == "idle" and "idled at 0.00 MWh" in story.text


def test_generator_offline_when_price_is_below_its_cost(make_site):
    gas = FleetInputs("gas", 1, 30.0, 0.0, fuel_usd_per_mwh=45.0, vom_usd_per_mwh=5.0)
    exp = explain_dispatch(solve_dispatch(make_site([20.0], 10.0, fleets=(gas,))))
    story = _story(exp, 0, "generator:gas")
    assert story.decision == "offline"
    assert "marginal cost $50.00/MWh is above the site price $20.00/MWh" in story.text


def test_generator_runs_because_the_poi_cap_binds(make_site):
    gas = FleetInputs("gas", 1, 50.0, 0.0, fuel_usd_per_mwh=70.0, initial_units_online=1, start_cost_usd=100.0)
    exp = explain_dispatch(solve_dispatch(make_site([40.0], 80.0, max_import_mw=60.0, fleets=(gas,))))
    story = _story(exp, 0, "generator:gas")
    assert story.decision == "online"
    assert "producing 20.00 MW at marginal cost $70.00/MWh" in story.text
    assert "POI import cap of 60.00 MW" in story.text
    assert "worth $30.00/MWh" in story.text  # 70 - 40


def test_min_up_time_holds_the_unit_on(make_site):
    # $80 pays for a start; min up 3 intervals keeps it on at minimum output through two $10 intervals:
    # + (80 - 50) * 30 MW - 2 * (50 - 10) * 10 MW = +100 USD, so starting is optimal
    gas = FleetInputs("gas", 1, 30.0, 10.0, fuel_usd_per_mwh=50.0, min_up_intervals=3)
    exp = explain_dispatch(solve_dispatch(make_site([80.0, 10.0, 10.0], 5.0, max_export_mw=100.0, fleets=(gas,))))
    ts = exp.result.timeseries
    assert list(ts["gen_gas_units_online"]) == [1, 1, 1]
    assert list(ts["gen_gas_mw"]) == pytest.approx([30.0, 10.0, 10.0])
    assert _story(exp, 0, "generator:gas").decision == "start"
    for t in (1, 2):
        text = _story(exp, t, "generator:gas").text
        assert "minimum up time (3 intervals) holds" in text
        assert "minimum stable output (10.00 MW per unit)" in text


def test_curtailment_names_its_cost_and_the_price(make_site):
    flex = LoadInputs("train", "curtailable", np.full(1, 10.0), shed_cost_usd_per_mwh=100.0, max_shed_frac=0.5)
    exp = explain_dispatch(solve_dispatch(make_site([200.0], 5.0, extra_loads=(flex,))))
    story = next(s for s in exp.narratives(0) if s.subject == "load:train")
    assert story.decision == "curtail"
    assert story.facts["shed_mw"] == pytest.approx(5.0)  # half of 10 MW may be shed
    assert "cost $200.00/MWh" in story.text and "curtailment cost $100.00/MWh" in story.text


def test_n_plus_1_keeps_both_units_online(make_site):
    # 8 MW critical with N+1 on two 10 MW units: losing one leaves 10 MW, so both stay synchronised
    gas = FleetInputs("gas", 2, 10.0, 0.0, fuel_usd_per_mwh=50.0)
    exp = explain_dispatch(solve_dispatch(make_site([20.0], 8.0, fleets=(gas,), redundancy_units=1)))
    assert exp.result.timeseries["gen_gas_units_online"][0] == 2
    story = _story(exp, 0, "generator:gas")
    # firm after losing one: 10 MW; with one unit fewer: 0 MW < 8 MW
    assert "N+1 requires these units" in story.text
    assert "firm capacity (generators plus battery deliverable) is 10.00 MW" in story.text
    assert "it would be 0.00 MW, short of the 8.00 MW of critical load" in story.text
    assert "runs below its cost" not in story.text
    assert story.facts["output_mw"] == pytest.approx(0.0)  # grid at $20 is cheaper than gas at $50


def test_interval_out_of_range_raises(make_site):
    exp = explain_dispatch(solve_dispatch(make_site([20.0], 8.0)))
    with pytest.raises(IndexError):
        exp.narratives(1)


def test_battery_on_its_floor_says_the_energy_below_cannot_be_used(make_site, make_battery):
    from dataclasses import replace

    # 8 MWh floor, starting on it: a $20 -> $80 day still charges, but the energy under 8 MWh is never sold
    bat = replace(make_battery(soc_initial_mwh=8.0, soc_final_min_mwh=8.0), floor_mwh=8.0)
    exp = explain_dispatch(solve_dispatch(make_site([80.0, 80.0], 5.0, max_export_mw=100.0, battery=bat)))
    assert exp.result.timeseries["bess_soc_mwh"] == pytest.approx([8.0, 8.0])
    story = _story(exp, 0, "battery")
    assert story.decision == "idle"
    assert "ride-through floor of 8.00 MWh" in story.text and "cannot be used for market dispatch" in story.text
