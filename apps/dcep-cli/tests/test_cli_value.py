"""`dcep value`: lifetime value printed and the cash-flow CSV, against hand arithmetic."""

from __future__ import annotations

import csv

import pytest

from dcep_cli.main import main


def test_value_prints_npv_and_writes_the_cash_flow(tmp_path, capsys, small_case, write_case):
    small_case["finance"] = {"analysis_years": 2, "discount_rate": 0.1, "bess_power_capex_usd_per_kw": 10.0}
    out = tmp_path / "cashflow.csv"
    assert main(["value", str(write_case(small_case)), "-q", "--csv", str(out)]) == 0
    text = capsys.readouterr().out
    # the 4 h arbitrage of test_cli_run (9 MWh stored at $15, delivered at $90, eta 0.95) scaled x2190 to a year
    annual = (9 * 0.95 * 90 - 9 / 0.95 * 15) * 8760 / 4
    npv = -5000 * 10.0 + annual / 1.1 + annual / 1.1**2
    rows = list(csv.DictReader(out.open()))
    assert [int(r["year"]) for r in rows] == [0, 1, 2]
    assert float(rows[0]["net_usd"]) == pytest.approx(-50_000.0)
    assert float(rows[1]["energy_value_usd"]) == pytest.approx(annual, rel=1e-7)
    assert sum(float(r["present_value_usd"]) for r in rows) == pytest.approx(npv, rel=1e-7)
    assert f"NPV: ${npv:,.2f}" in text
    assert "Baseline (grid only): -$840.00" in text


def test_value_without_a_finance_section_exits_2(capsys, small_case, write_case):
    assert main(["value", str(write_case(small_case)), "-q"]) == 2
    assert "finance" in capsys.readouterr().err


def test_value_refuses_to_write_its_csv_over_the_case(capsys, small_case, write_case):
    small_case["finance"] = {"analysis_years": 2}
    path = write_case(small_case)
    before = path.read_text()
    assert main(["value", str(path), "-q", "--csv", str(path)]) == 2
    assert "--csv" in capsys.readouterr().err and path.read_text() == before
