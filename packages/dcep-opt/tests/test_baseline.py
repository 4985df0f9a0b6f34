"""Value against a baseline: the grid-only baseline and the difference, checked by hand arithmetic."""

from __future__ import annotations

import numpy as np
import pytest

from dcep_opt import (
    GRID_ONLY_DEFINITION,
    LoadInputs,
    SolveOptions,
    baseline_from_economics,
    grid_only_baseline,
    result_to_dict,
    solve_dispatch,
    with_baseline,
)
from dcep_opt.studies._sweep import result_row


def test_grid_only_baseline_is_load_times_price_times_hours(make_inputs):
    # 4 half-hour intervals, 5 MW critical + 2 MW non-critical, prices 10, 20, 30, 40, adder 1 and 2 $/MWh
    loads = (
        LoadInputs("it", "critical", np.full(4, 5.0)),
        LoadInputs("cool", "non_critical", np.full(4, 2.0), shed_cost_usd_per_mwh=1000.0),
    )
    inp = make_inputs(
        [10.0, 20.0, 30.0, 40.0], interval_hours=0.5, loads=loads, import_adder_usd_per_mwh=np.array([1.0, 0, 0, 2.0])
    )
    base = grid_only_baseline(inp)
    # energy: 7 MW * (10 + 20 + 30 + 40) $/MWh * 0.5 h = 350; adder: 7 * (1 + 2) * 0.5 = 10.5
    assert base.energy_cost_usd == pytest.approx(350.0)
    assert base.import_adder_cost_usd == pytest.approx(10.5)
    assert base.net_value_usd == pytest.approx(-360.5)
    assert base.definition == GRID_ONLY_DEFINITION and base.notes == ()
    # with no battery and no generators the dispatch IS the grid-only site: worth nothing over it
    result = solve_dispatch(inp, SolveOptions(mip_gap=0.0)).result
    assert result.economics is not None and result.economics.baseline == base
    assert result.economics.net_value_usd == pytest.approx(-360.5, abs=1e-6)
    assert result.economics.value_over_baseline_usd == pytest.approx(0.0, abs=1e-6)


def test_battery_value_over_baseline_is_the_arbitrage_spread(make_inputs, make_battery):
    # 5 MW load, $10 then $50, lossless 1 MW battery holding 1 MWh that must end at 1 MWh:
    # buy 1 MWh more at $10, sell it back at $50 -> worth exactly $40 over buying the load (baseline $300)
    bat = make_battery(
        power_mw=1.0,
        energy_mwh=2.0,
        pcs_mva=2.0,
        soc_min_mwh=0.0,
        soc_max_mwh=2.0,
        soc_initial_mwh=1.0,
        soc_final_min_mwh=1.0,
        floor_mwh=0.0,
        charge_efficiency=1.0,
        discharge_efficiency=1.0,
        degradation_usd_per_mwh=0.0,
    )
    inp = make_inputs([10.0, 50.0], critical_mw=5.0, battery=bat)
    result = solve_dispatch(inp, SolveOptions(mip_gap=0.0)).result
    e = result.economics
    assert e is not None and e.baseline is not None
    assert e.baseline.net_value_usd == pytest.approx(-(5 * 10 + 5 * 50))
    assert e.net_value_usd == pytest.approx(-(6 * 10 + 4 * 50), abs=1e-6)
    assert e.value_over_baseline_usd == pytest.approx(40.0, abs=1e-6)
    data = result_to_dict(result)["economics"]
    assert data["baseline"]["net_value_usd"] == pytest.approx(-300.0)
    assert data["value_over_baseline_usd"] == pytest.approx(40.0, abs=1e-6)
    row = result_row(result)
    assert row["baseline_net_value_usd"] == pytest.approx(-300.0)
    assert row["value_over_baseline_usd"] == pytest.approx(40.0, abs=1e-6)
    # a named baseline (here: the same site dispatched without its battery) replaces the grid-only one
    plain = solve_dispatch(make_inputs([10.0, 50.0], critical_mw=5.0), SolveOptions(mip_gap=0.0)).result
    assert plain.economics is not None
    named = with_baseline(result, baseline_from_economics("no battery", plain.economics))
    assert named.economics is not None and named.economics.baseline is not None
    assert named.economics.baseline.name == "no battery"
    assert named.economics.value_over_baseline_usd == pytest.approx(40.0, abs=1e-6)


def test_baseline_notes_a_load_beyond_the_poi_cap(make_inputs):
    from dcep_opt import GridInputs

    inp = make_inputs([30.0], critical_mw=80.0, grid=GridInputs(max_import_mw=70.0, max_export_mw=0.0, poi_mva=90.0))
    base = grid_only_baseline(inp)
    assert base.net_value_usd == pytest.approx(-80 * 30.0)
    assert len(base.notes) == 1 and "80 MW exceeds the POI import cap 70 MW" in base.notes[0]
