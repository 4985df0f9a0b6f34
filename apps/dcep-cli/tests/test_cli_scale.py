"""`dcep year`, `dcep sweep`, `dcep size`: exit statuses, outputs, numbers against hand values."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from dcep_cli.main import main


def two_price_case(horizon_hours: float = 24) -> dict[str, Any]:
    """10 MW flat critical load at 1 h; lossless 10 MW / 20 MWh battery; $30 in hours 0-11, $90 in 12-23."""
    return {
        "name": "cli scale",
        "iso": "GENERIC",
        "time": {
            "start": "2025-01-01T00:00:00",
            "timezone": "UTC",
            "horizon_hours": horizon_hours,
            "interval_minutes": 60,
        },
        "topology": {"poi": {"max_import_mw": 100, "max_export_mw": 100, "rating_mva": 200, "min_power_factor": 0.9}},
        "resources": {
            "bess": {
                "power_mw": 10,
                "energy_mwh": 20,
                "charge_efficiency": 1.0,
                "discharge_efficiency": 1.0,
                "degradation_cost_usd_per_mwh": 0.0,
            },
            "loads": [{"name": "it", "kind": "critical", "power_mw": 10, "power_factor": 1.0}],
        },
        "reliability": {"ride_through_minutes": 15, "generator_redundancy": "N"},
        "prices": {"base_price_usd_per_mwh": 30.0, "peak_hours": list(range(12, 24)), "peak_multiplier": 3.0},
        "sizing": {"bess_energy_mwh": [10, 20, 40], "bess_energy_capex_usd_per_kwh_yr": 1.0},
    }


def _daily_net_usd(energy_mwh: float) -> float:
    """Load at 12 h x $30 + 12 h x $90, less the battery's (0.95 - 0.5) E moved from $30 to $90 hours."""
    return -(10 * 12 * 30 + 10 * 12 * 90) + 0.45 * energy_mwh * 60


def _write(tmp_path: Path, case: dict[str, Any], name: str = "case.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(case))
    return path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open() as f:
        return list(csv.DictReader(f))


def test_year_rolls_three_days_and_matches_the_full_solve(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = _write(tmp_path, two_price_case(24))
    out, table = tmp_path / "year.json", tmp_path / "year.csv"
    argv = ["year", str(case), "--method", "rolling", "--days", "3", "--window-h", "48", "--commit-h", "24"]
    code = main([*argv, "-o", str(out), "--csv", str(table)])
    assert code == 0
    data = json.loads(out.read_text())
    assert data["n_intervals"] == 72
    assert [(w["start"], w["end"], w["commit_end"]) for w in data["rolling"]["windows"]] == [(0, 48, 24), (24, 72, 72)]
    assert all(w["status"] == "optimal" for w in data["rolling"]["windows"])
    # SOC 10 -> 19 MWh (95 %) in the $30 hours, then down to the 5 MWh floor in the $90 hours on days 1-2, and only
    # to the 10 MWh end target on day 3: 9 + 14 + 14 bought = 14 + 14 + 9 sold, 37 MWh x $60 over 3 x $14,400 of load
    assert data["economics"]["net_value_usd"] == pytest.approx(-3 * 14_400 + 37 * 60, abs=1e-6)
    assert len(table.read_text().splitlines()) == 73
    full = tmp_path / "full-results.json"
    assert main(["run", str(_write(tmp_path, two_price_case(72), "full.json")), "-o", str(full), "-q"]) == 0
    assert data["economics"]["net_value_usd"] <= json.loads(full.read_text())["economics"]["net_value_usd"] + 1e-6
    assert "Rolling horizon: 2 windows of 48 intervals" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["--window-h", "24", "--commit-h", "48"], ["--window-h", "1.5"], ["--days", "0"]])
def test_year_bad_window_arguments_exit_2(tmp_path: Path, args: list[str]) -> None:
    assert main(["year", str(_write(tmp_path, two_price_case())), *args]) == 2


def test_sweep_serial_rows_and_an_invalid_scenario(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sweep.csv"
    argv = ["sweep", str(_write(tmp_path, two_price_case())), "--set", "resources.bess.energy_mwh=20,40,-5"]
    code = main([*argv, "--set", "prices.base_price_usd_per_mwh=30", "--serial", "-o", str(out)])
    assert code == 1  # one scenario invalid: its row says why, the others are solved and written
    rows = _rows(out)
    assert [r["resources.bess.energy_mwh"] for r in rows] == ["20", "40", "-5"]
    assert float(rows[0]["net_value_usd"]) == pytest.approx(_daily_net_usd(20.0), abs=1e-6)
    assert float(rows[1]["net_value_usd"]) == pytest.approx(_daily_net_usd(40.0), abs=1e-6)
    assert rows[2]["status"] == "invalid" and "resources.bess.energy_mwh" in rows[2]["error"]
    assert "1 of 3 scenarios have no dispatch" in capsys.readouterr().err


def test_sweep_malformed_set_exits_2(tmp_path: Path) -> None:
    case = str(_write(tmp_path, two_price_case()))
    assert main(["sweep", case, "--set", "resources.bess.energy_mwh", "-o", str(tmp_path / "x.csv")]) == 2


def test_size_on_dask_ranks_by_hand_arbitrage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import dask.distributed  # noqa: F401  (dcep-opt[dask]: installed in every session testing the CLI)

    out = tmp_path / "size.csv"
    assert main(["size", str(_write(tmp_path, two_price_case())), "--workers", "2", "-o", str(out)]) == 0
    rows = _rows(out)
    # 10 MWh: floor (0.25 - 0.05) * 10 = 2 MWh < 2.5 MWh for 15 min of 10 MW -> rejected; 40 beats 20 by
    # 365 * 0.45 * 20 * 60 - 20,000 kWh * $1 = $177,100 a year
    assert [r["bess_energy_mwh"] for r in rows] == ["40.0", "20.0", "10.0"]
    assert rows[2]["rank"] == "" and "soc_reserve_frac" in rows[2]["rejected"]
    margin = float(rows[0]["annual_objective_usd"]) - float(rows[1]["annual_objective_usd"])
    assert margin == pytest.approx(365 * 0.45 * 20 * 60 - 20_000, abs=1e-3)
    assert "Best: BESS 10 MW / 40 MWh" in capsys.readouterr().out


def test_size_without_sizing_section_exits_2_and_all_rejected_exits_1(tmp_path: Path) -> None:
    case = two_price_case()
    case.pop("sizing")
    assert main(["size", str(_write(tmp_path, case)), "--serial"]) == 2
    case["sizing"] = {"bess_energy_mwh": [5, 10]}
    assert main(["size", str(_write(tmp_path, case)), "--serial"]) == 1


def test_year_window_end_soc_initial_holds_each_window_end(tmp_path: Path) -> None:
    # with every window ending >= 10 MWh the battery can no longer drain to the 5 MWh floor on days 1-2:
    # it cycles 9 MWh a day (10 -> 19 -> 10), 27 MWh x $60 over the 3 days
    out = tmp_path / "year.json"
    argv = ["year", str(_write(tmp_path, two_price_case())), "--days", "3", "--window-h", "24", "--commit-h", "24"]
    assert main([*argv, "--method", "rolling", "--window-end-soc", "initial", "-q", "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["economics"]["net_value_usd"] == pytest.approx(-3 * 14_400 + 27 * 60, abs=1e-6)


def test_sweep_linked_paths_and_a_scenario_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = str(_write(tmp_path, two_price_case()))
    out = tmp_path / "link.csv"
    # power and energy move together: 2 scenarios, not the 4 of a grid; crossed with a 2-value --set -> 4
    argv = ["sweep", case, "--link", "resources.bess.power_mw=12,10", "--link", "resources.bess.energy_mwh=40,20"]
    assert main([*argv, "--set", "resources.bess.soc_initial_frac=0.5,0.5", "--serial", "-q", "-o", str(out)]) == 0
    rows = _rows(out)
    assert [(r["resources.bess.power_mw"], r["resources.bess.energy_mwh"]) for r in rows] == [
        ("12", "40"), ("10", "20"), ("12", "40"), ("10", "20")
    ]  # fmt: skip
    assert [float(r["net_value_usd"]) for r in rows] == pytest.approx([_daily_net_usd(e) for e in (40, 20, 40, 20)])
    table = tmp_path / "scenarios.csv"
    table.write_text("resources.bess.power_mw,resources.bess.energy_mwh\n12,40\n10,\n")  # empty cell: the case's 20
    assert main(["sweep", case, "--table", str(table), "--serial", "-q", "-o", str(out)]) == 0
    rows = _rows(out)
    assert [float(r["net_value_usd"]) for r in rows] == pytest.approx([_daily_net_usd(40), _daily_net_usd(20)])
    assert rows[1]["resources.bess.energy_mwh"] == ""
    capsys.readouterr()
    assert main([*argv[:4], "--link", "resources.bess.energy_mwh=40", "--serial", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "--link" in err and "same number of values" in err
    table.write_text("resources.bess.power_mw\n10,3\n")
    assert main(["sweep", case, "--table", str(table), "--serial", "-o", str(out)]) == 2
    assert "row 2 has 2 cells" in capsys.readouterr().err
    assert main(["sweep", case, "--serial", "-o", str(out)]) == 2


def test_year_parallel_prints_the_bound_and_gap_not_one_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "year.json"
    argv = ["year", str(_write(tmp_path, two_price_case())), "--days", "3", "--serial", "-q", "-o", str(out)]
    assert main(argv) == 0
    text = capsys.readouterr().out
    assert "Parallel-in-time year: 3 windows of 24 intervals" in text
    assert "Year bound (certified):" in text and "Year gap:" in text and "Worst window gap:" in text
    assert "Windows stopped early: none" in text
    assert "Model:" not in text and "MIP gap:" not in text  # a stitched year is not one model
    data = json.loads(out.read_text())
    net, year = data["economics"]["net_value_usd"], data["year"]
    assert year["bound_usd"] >= net - 1e-6 and len(year["windows"]) == 3
    assert year["gap"] == pytest.approx((year["bound_usd"] - net) / abs(year["bound_usd"]), abs=1e-12)
    # the hand optimum of the three days (test_year_rolls_three_days...): the bound cannot be below it
    assert year["bound_usd"] >= -3 * 14_400 + 37 * 60 - 1e-6


def test_size_milp_picks_the_enumerations_design(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = two_price_case()
    case["solver"] = {"mip_gap": 0.0}
    argv = ["size", str(_write(tmp_path, case)), "--method", "milp", "--compare", "--serial", "--check-year"]
    assert main([*argv, "-o", str(tmp_path / "design.csv")]) == 0
    out = capsys.readouterr().out
    # E in [12.5 (ride-through floor), 40]: each MWh earns 0.45 x $60 x 365 = $9,855 a year against $1,000
    assert "bess_energy_mwh: 40.000 MWh" in out and "Design: BESS 10 MW / 40 MWh" in out
    assert "both pick the same design" in out and "difference: $0.00/yr" in out
    # one day is its own representative: no representative-period error
    assert "error: $0.00/yr = 0.00 % of the annual net value" in out
    (row,) = _rows(tmp_path / "design.csv")
    assert float(row["bess_energy_mwh"]) == 40.0 and row["status"] == "optimal"
