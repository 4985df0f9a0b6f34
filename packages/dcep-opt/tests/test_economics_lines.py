"""The economics line list covers every money field of Economics once, and its signed lines sum to net value."""

from __future__ import annotations

import dataclasses

import pytest

from dcep_opt import ECONOMICS_LINES, Economics, economics_lines

HAND = Economics(
    energy_revenue_usd=500.0,
    as_revenue_usd=135.0,
    energy_cost_usd=800.0,
    import_adder_cost_usd=12.5,
    fuel_cost_usd=360.0,
    vom_cost_usd=45.0,
    start_cost_usd=200.0,
    degradation_cost_usd=10.0,
    curtailment_cost_usd=7.0,
    unserved_cost_usd=50_000.0,
    floor_use_penalty_usd=3.0,
    # 500 + 135 - (800 + 12.5 + 360 + 45 + 200 + 10 + 7 + 50000 + 3) = -50802.5
    net_value_usd=-50_802.5,
    as_revenue_by_product_usd={"REGUP": 100.0, "RRS": 35.0},
)


def test_every_money_field_is_one_line():
    money = {f.name for f in dataclasses.fields(Economics) if f.type in ("float", float)} - {"net_value_usd"}
    assert sorted(name for name, _, _ in ECONOMICS_LINES) == sorted(money)


def test_signed_lines_sum_to_the_net_value_by_hand():
    lines = economics_lines(HAND)
    assert sum(line.signed_usd for line in lines) == pytest.approx(-50_802.5)
    assert [line.label for line in lines][:3] == ["Energy Revenue", "AS Revenue", "Energy Cost"]
    by_product = economics_lines(HAND, as_by_product=True)
    assert [(line.label, line.signed_usd) for line in by_product[1:3]] == [("AS REGUP", 100.0), ("AS RRS", 35.0)]
    assert sum(line.signed_usd for line in by_product) == pytest.approx(-50_802.5)
    assert {line.kind for line in by_product if line.signed_usd < 0} == {"cost"}


def test_tariff_bill_is_a_cost_line_only_with_a_tariff():
    from dcep_iso import BillLine

    assert "Tariff Bill" not in [line.label for line in economics_lines(HAND)]
    bill = (BillLine("fixed", "2025-07 fixed charge", "2025-07", 1.0, 447.44, 447.44),)
    billed = dataclasses.replace(HAND, tariff_bill_usd=447.44, tariff_bill=bill, net_value_usd=-50_802.5 - 447.44)
    lines = economics_lines(billed)
    assert [(line.label, line.signed_usd) for line in lines][-1] == ("Tariff Bill", -447.44)
    assert sum(line.signed_usd for line in lines) == pytest.approx(-50_802.5 - 447.44)
