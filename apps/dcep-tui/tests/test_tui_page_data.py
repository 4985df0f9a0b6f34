"""Page data builders against hand calculations on a three-interval hand-made schedule."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest

from dcep_models import parse_case
from dcep_opt import lifetime_value
from dcep_tui import (
    economics_data,
    electrical_data,
    energy_totals_mwh,
    format_usd_short,
    interval_facts,
    interval_rows,
    net_value_by_interval_usd,
    rating_text,
    reliability_data,
    reserve_rows,
    run_case,
    timeline_data,
)
from dcep_tui.economics_data import lifetime_lines
from dcep_tui.sensitivity import PriceScenario, scale_prices


def test_energy_totals_by_hand(hand_run):
    totals = energy_totals_mwh(hand_run.inputs, hand_run.result)
    # half-hour intervals: (30 + 20) * 0.5 imported, 10 * 0.5 exported, served (20 + 20 + 18) * 0.5
    assert totals == pytest.approx(
        {"imported": 25.0, "exported": 5.0, "charged": 5.0, "discharged": 5.0, "generated": 9.0, "served": 29.0}
    )


def test_timeline_series_and_rows(hand_run):
    data = timeline_data(hand_run.inputs, hand_run.result)
    assert data.hours.tolist() == [0.0, 0.5, 1.0]
    stack = {s.label: s.values.tolist() for s in data.supply_stack}
    assert data.served_load.values.tolist() == [20.0, 20.0, 18.0]
    assert stack == {
        "grid import": [30.0, 20.0, 0.0],
        "BESS discharge": [0.0, 0.0, 10.0],
        "generation": [0.0, 0.0, 18.0],
    }
    rows = interval_rows(hand_run.inputs, hand_run.result)
    # start, price, grid net, BESS net (discharge +), SOC, gen, units, load
    assert rows[0] == ("t0", "20.00", "30.00", "-10.00", "24.75", "0.00", "0", "20.00")
    assert rows[2][3] == "10.00" and rows[2][4] == f"{24.75 - 5 / 0.95:.2f}"


def test_cumulative_net_value_by_hand(hand_run):
    # t0: -20*30*0.5; t1: AS 10*15*0.5 - import 50*20*0.5 - 2 starts * 100;
    # t2: export 100*10*0.5 + AS 10*12*0.5 - fuel 18*0.5*40 - VOM 18*0.5*5 - degradation 10*0.5*2 - VoLL 2*0.5*50000
    by_hand = [-300.0, 75.0 - 500.0 - 200.0, 500.0 + 60.0 - 360.0 - 45.0 - 10.0 - 50_000.0]
    assert net_value_by_interval_usd(hand_run.inputs, hand_run.result) == pytest.approx(by_hand)
    data = economics_data(hand_run.inputs, hand_run.result)
    assert data is not None
    assert data.cumulative.values.tolist() == pytest.approx([-300.0, -925.0, -50_780.0])
    assert data.net_value_usd == pytest.approx(-50_780.0)
    assert dict(data.revenues) == pytest.approx({"Energy Revenue": 500.0, "AS REGUP": 135.0})
    assert dict(data.costs)["Unserved (VoLL)"] == pytest.approx(50_000.0)


def test_money_tick_labels():
    assert [format_usd_short(v) for v in (0.0, -250.0, 2500.0, -24000.0, 1.2e6)] == [
        "$0",
        "-$250",
        "$2.5k",
        "-$24k",
        "$1.2M",
    ]


def test_electrical_loading_against_the_optimisers_limit_by_hand(hand_run):
    data = electrical_data(hand_run)
    # |S| = hypot(P, Q): (30, 0), (20, 15), (-10, 0)
    assert data.poi_s_mva.tolist() == pytest.approx([30.0, 25.0, 10.0])
    # the hand inputs' transformers: firm 40 MVA at v_min 1.0 -> 40 MVA; the POI's 35 MVA is the smaller limit
    assert data.transformer[0].values.tolist() == pytest.approx([75.0, 62.5, 25.0])
    assert (data.limit_mva, data.limit_family) == (35.0, "poi-mva")
    # PCS 12 MVA: hypot(-10, 0), 0, hypot(10, sqrt(44)) = 12
    assert data.pcs is not None
    assert data.pcs.values.tolist() == pytest.approx([1000 / 12, 0.0, 100.0])
    # no explanation of a hand-made schedule: no binding limits guessed from the series
    assert data.binding is None and data.binding_error == "not explained"


def test_transformer_limit_is_firm_times_v_min(hand_run):
    grid = replace(hand_run.inputs.grid, transformer_firm_mva=30.0, transformer_v_min_pu=0.9)
    run = replace(hand_run, inputs=replace(hand_run.inputs, grid=grid))
    data = electrical_data(run)
    # 30 MVA x 0.9 = 27 MVA is the optimiser's limit (below the POI's 35): 30 MVA is 111.1 % of it
    assert (data.limit_mva, data.limit_family, data.transformer_limit_mva) == (pytest.approx(27.0), "xfmr-mva", 27.0)
    assert data.transformer[0].values.tolist() == pytest.approx([3000 / 27, 2500 / 27, 1000 / 27])
    assert rating_text(run.inputs, "xfmr-mva") == "firm 30 MVA x v_min 0.9 = 27.00 MVA"
    assert rating_text(run.inputs, "poi-import") == "30 MW"


def test_interval_facts_explain_charge_and_start(hand_run):
    facts0 = interval_facts(hand_run.inputs, hand_run.result, 0)
    # highest later price 100 x 0.95 x 0.95 = 90.25 > 20: arbitrage
    assert any("Battery charged 10.00 MW at $20.00/MWh" in f and "$90.25/MWh (above" in f for f in facts0)
    assert "SOC 20.00 -> 24.75 MWh (reserve floor 10, min 4)" in facts0
    facts1 = interval_facts(hand_run.inputs, hand_run.result, 1)
    assert any("2/2 units online" in f and "2 unit(s) started" in f and "10.00 MW up-reserve" in f for f in facts1)
    assert facts1[-1] == "Binding: unknown (no dcep-explain explanation of this run)."
    with pytest.raises(IndexError):
        interval_facts(hand_run.inputs, hand_run.result, 3)


def test_reserves_and_unserved_by_hand(hand_run):
    (row,) = reserve_rows(hand_run.inputs, hand_run.result)
    assert (row.product, row.mean_mw, row.max_mw, row.mw_h) == ("REGUP", pytest.approx(9.0), 15.0, 13.5)
    assert row.mean_by_provider_mw == pytest.approx({"bess": 5 / 3, "gen_gas": 22 / 3})
    data = reliability_data(hand_run.inputs, hand_run.result, ride_cap_min=100.0)
    assert data.unserved_intervals == [("t2", 2.0)]
    assert data.ride_through.values.tolist() == [60.0, 100.0, 40.0]
    served = {s.label: s.values.tolist() for s in data.load_served}
    assert served["critical served"] == [20.0, 20.0, 18.0]
    assert np.all(data.soc[1].values == 10.0)


def test_scale_prices_by_hand(hand_run):
    scaled = scale_prices(hand_run.inputs, PriceScenario(1.5, 0.0))
    assert scaled.energy_price_usd_per_mwh.tolist() == [30.0, 75.0, 150.0]
    assert scaled.products[0].price_usd_per_mw_h.tolist() == [0.0, 0.0, 0.0]
    assert scaled.import_adder_usd_per_mwh.tolist() == [0.0, 0.0, 0.0]
    assert scale_prices(hand_run.inputs, PriceScenario()) is hand_run.inputs
    assert PriceScenario(1.5, 0.0).label == "energy x1.5, AS x0"


def test_lifetime_value_lines(small_case):
    small_case["finance"] = {
        "analysis_years": 10,
        "discount_rate": 0.08,
        "bess_power_capex_usd_per_kw": 245.0,
        "bess_energy_capex_usd_per_kwh": 196.0,
    }
    out = run_case(parse_case(small_case), screen=False, explain=False)
    assert out.case.finance is not None
    lv = lifetime_value(out.result, out.case.finance, out.inputs)
    # capital by hand: 25 MW x $245/kW + 100 MWh x $196/kWh = $6,125,000 + $19,600,000
    assert lv.capex_usd == pytest.approx(25_725_000.0)
    text = "\n".join(lifetime_lines(out))
    assert text.startswith("Lifetime value over 10 years at 8 % (this dispatch scaled x2190 to a year): NPV ")
    npv = re.search(r"NPV (-?)\$([\d,]+\.\d\d)", text)
    assert npv is not None and float(npv.group(1) + npv.group(2).replace(",", "")) == pytest.approx(
        lv.npv_usd, abs=0.01
    )
    assert "capital $25,725,000.00" in text
    assert lifetime_lines(replace(out, case=out.case.model_copy(update={"finance": None}))) == []
