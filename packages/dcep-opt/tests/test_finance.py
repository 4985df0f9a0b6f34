"""Lifetime value: NPV, IRR, payback, fade, tax and depreciation against hand arithmetic (written out here)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dcep_models import Finance
from dcep_opt import SolveOptions, lifetime_value, present_worth_factor, solve_dispatch
from dcep_opt.studies._finance import crf, depreciation_schedule, irr, payback_years


@pytest.fixture
def arbitrage(make_inputs, make_battery):
    """5 MW load, $10 then $50 (2 h), lossless 1 MW / 2 MWh battery: worth exactly $40 over the grid-only site."""
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
    assert result.economics is not None and result.economics.value_over_baseline_usd == pytest.approx(40.0)
    return inp, result


def test_npv_irr_payback_tax_and_straight_line_depreciation_by_hand(arbitrage):
    inp, result = arbitrage
    fin = Finance(
        analysis_years=3,
        discount_rate=0.10,
        energy_escalation_rate=0.02,
        om_escalation_rate=0.03,
        bess_power_capex_usd_per_kw=100.0,
        bess_energy_capex_usd_per_kwh=50.0,
        bess_fixed_om_usd_per_kw_yr=5.0,
        tax_rate=0.25,
        depreciation="straight_line",
        depreciation_years=3,
    )
    lv = lifetime_value(result, fin, inp)
    # $40 in 2 h scaled to 8760 h: 40 * 4380 = 175,200 $/yr at today's prices
    assert lv.annual_scale == pytest.approx(4380.0)
    capex = 1000 * 100.0 + 2000 * 50.0  # 200,000
    assert lv.capex_usd == pytest.approx(capex)
    dep = capex / 3
    net = [-capex]
    for y in (1, 2, 3):
        operating = 175_200 * 1.02**y - 1000 * 5.0 * 1.03**y
        tax = 0.25 * (operating - dep)
        net.append(operating - tax)
    assert net[1] == pytest.approx(146_832.1667, abs=1e-3)  # 178,704 - 5,150 - 0.25 * (173,554 - 66,666.67)
    np.testing.assert_allclose(lv.lines["net"], net, rtol=1e-12)
    npv = sum(cf / 1.1**y for y, cf in enumerate(net))
    assert lv.npv_usd == pytest.approx(npv, rel=1e-12)
    assert lv.npv_usd == pytest.approx(
        -200_000 + 146_832.1667 / 1.1 + 149_396.852 / 1.21 + 152_011.672 / 1.331, abs=0.01
    )
    # IRR: the rate that zeroes the NPV
    assert lv.irr is not None and abs(sum(cf / (1 + lv.irr) ** y for y, cf in enumerate(net))) < 1e-6
    # payback: -200,000 + 146,832.17 = -53,167.83 after year 1, then +149,396.85 in year 2
    assert lv.simple_payback_years == pytest.approx(1 + 53_167.8333 / 149_396.852, abs=1e-6)
    # levelised cost of reliability: -NPV * CRF(10 %, 3) per kW of critical load (5,000 kW)
    assert crf(0.10, 3) == pytest.approx(0.1 * 1.331 / 0.331)
    assert lv.levelised_cost_of_reliability_usd_per_kw_yr == pytest.approx(-npv * 0.1 * 1.331 / 0.331 / 5000)
    rows = lv.cashflow_rows()
    assert [r["year"] for r in rows] == [0, 1, 2, 3]
    assert rows[1]["energy_value_usd"] == pytest.approx(175_200 * 1.02)
    assert rows[2]["fixed_om_usd"] == pytest.approx(-5000 * 1.03**2)
    assert rows[3]["cumulative_usd"] == pytest.approx(sum(net))
    assert lv.cashflow_csv().splitlines()[0].startswith("year,capex_usd,energy_value_usd")


def test_present_worth_matches_reopts_annuity_convention(arbitrage):
    # REopt: lifetime PV of an annual figure at today's prices = figure * sum_{y=1..N} ((1 + e) / (1 + d))**y
    inp, result = arbitrage
    fin = Finance(analysis_years=20, discount_rate=0.0638, energy_escalation_rate=0.017)
    lv = lifetime_value(result, fin, inp)
    pwf = sum((1.017 / 1.0638) ** y for y in range(1, 21))
    assert present_worth_factor(0.017, 0.0638, 20) == pytest.approx(pwf)
    assert lv.npv_usd == pytest.approx(175_200 * pwf, rel=1e-12)
    assert lv.irr is None  # no investment: the cash flow never changes sign


def test_battery_fade_shrinks_its_cash_flow_or_is_bought_back(arbitrage):
    inp, result = arbitrage
    fin = Finance(analysis_years=4, discount_rate=0.0, bess_fade_pct_per_year=10.0)
    lv = lifetime_value(result, fin, inp)
    # capacity 1, 0.9, 0.8, 0.7 in years 1-4; the battery's own cash flow is the whole $175,200 here
    np.testing.assert_allclose(lv.capacity_frac, [1.0, 1.0, 0.9, 0.8, 0.7])
    np.testing.assert_allclose(lv.lines["fade_loss"], [0, 0, -17_520, -35_040, -52_560], atol=1e-6)
    assert lv.npv_usd == pytest.approx(4 * 175_200 - (17_520 + 35_040 + 52_560))
    # augmentation: 10 % of 2,000 kWh bought back at $100/kWh from year 2, value kept
    aug = lifetime_value(result, fin.model_copy(update={"bess_augmentation_usd_per_kwh": 100.0}), inp)
    np.testing.assert_allclose(aug.lines["augmentation"], [0, 0, -20_000, -20_000, -20_000])
    assert aug.npv_usd == pytest.approx(4 * 175_200 - 60_000)
    # a replacement at the start of year 3 resets the capacity and costs 2,000 kWh * $150
    rep = lifetime_value(
        result, fin.model_copy(update={"bess_replacement_year": 3, "bess_replacement_usd_per_kwh": 150.0}), inp
    )
    np.testing.assert_allclose(rep.capacity_frac, [1.0, 1.0, 0.9, 1.0, 0.9])
    assert rep.lines["replacement"][3] == pytest.approx(-300_000)
    # cycle fade: 1 MWh discharged in 2 h -> 4,380 MWh a year on 2 MWh = 2,190 equivalent full cycles
    cyc = lifetime_value(result, Finance(analysis_years=2, discount_rate=0.0, bess_fade_pct_per_cycle=0.001), inp)
    assert cyc.capacity_frac[2] == pytest.approx(1 - 2190 * 0.001 / 100)


def test_macrs_and_irr_closed_forms():
    np.testing.assert_allclose(
        depreciation_schedule(Finance(analysis_years=10, depreciation="macrs5"), 1000.0),
        [0, 200, 320, 192, 115.2, 115.2, 57.6, 0, 0, 0, 0],
    )
    assert depreciation_schedule(Finance(analysis_years=3, depreciation="macrs7"), 1.0).sum() == pytest.approx(
        0.1429 + 0.2449 + 0.1749
    )
    # -100, 60, 60: (1 + r) = (60 + sqrt(60**2 + 4 * 100 * 60)) / 200
    assert irr(np.array([-100.0, 60.0, 60.0])) == pytest.approx((60 + math.sqrt(3600 + 24_000)) / 200 - 1, abs=1e-9)
    assert payback_years(np.array([-100.0, 60.0, 60.0])) == pytest.approx(1 + 40 / 60)
    assert payback_years(np.array([-100.0, 10.0, 10.0])) is None
    with pytest.raises(ValueError, match="after the last year"):
        Finance(analysis_years=5, bess_replacement_year=6)
