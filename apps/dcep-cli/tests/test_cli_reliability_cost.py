"""`dcep reliability-cost`: every promise of the small case priced; the CSV's figures add up."""

from __future__ import annotations

import csv

import pytest

from dcep_cli.main import main


def test_reliability_cost_prices_floor_and_end_target(tmp_path, capsys, small_case, write_case):
    out = tmp_path / "promises.csv"
    assert main(["reliability-cost", str(write_case(small_case)), "--csv", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Net value as given: -$" in text
    rows = {r["promise"]: r for r in csv.DictReader(out.open())}
    # 20 MWh battery: floor 25 % = 5 MWh above a 1 MWh minimum; ends >= its 50 % start (10 MWh)
    assert set(rows) == {"ride-through floor", "end-of-horizon SOC"}
    for r in rows.values():
        cost = float(r["relaxed_net_value_usd"]) - float(r["net_value_usd"])
        assert float(r["cost_usd"]) == pytest.approx(cost)
        assert cost >= -1e-6  # relaxing a promise never loses value (both runs optimal)
        assert float(r["annual_cost_usd"]) == pytest.approx(cost * 8760 / 4)
    # the floor's minutes: (5 - 1) MWh * 0.95 / 4 MW * 60 = 57 min
    assert "57.0 min of 4 MW critical load" in rows["ride-through floor"]["setting"]
    assert "ride-through floor: 5 MWh held" in text
