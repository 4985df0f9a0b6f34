"""`dcep powerflow` and `dcep simulate`: tables, CSV files with consistent numbers, exit statuses."""

from __future__ import annotations

import csv
import json
import math

import pytest

from dcep_cli.main import main

CASE_NO_TRANSFORMER = {
    "name": "cli",
    "iso": "GENERIC",
    "time": {"start": "2025-08-14T00:00:00-05:00", "horizon_hours": 2, "interval_minutes": 30},
    "topology": {"poi": {"max_import_mw": 10, "max_export_mw": 0, "rating_mva": 12}},
    "resources": {"loads": [{"name": "it", "kind": "critical", "power_mw": 5}]},
    "reliability": {"ride_through_minutes": 0},
    "prices": {"base_price_usd_per_mwh": 30},
}


def test_powerflow_base_case_prints_three_tables(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["powerflow"]) == 0
    out = capsys.readouterr().out
    for title in ("Bus voltages", "Transformers", "Grid import at the POI"):
        assert title in out
    # The MV voltage of the seed base case, from the closed-form two-bus solution (see topology tests): 0.9801.
    mv_line = next(line for line in out.splitlines() if line.split()[1:2] == ["mv"])
    assert float(mv_line.split()[3]) == pytest.approx(0.9801, abs=1e-4)


def test_powerflow_case_without_transformer_meters_the_site_bus(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    """No transformer group: the site bus is the POI bus (230 kV here); the source behind the default
    5000 MVA grid impedance delivers the 5 MW load plus that impedance's small loss."""
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE_NO_TRANSFORMER))
    assert main(["powerflow", str(path)]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[1]: line.split() for line in out.splitlines() if line.split()[1:2] in (["poi"], ["mv"])}
    assert rows["poi"][2] == rows["mv"][2] == "230.0000" and rows["poi"][3] == rows["mv"][3]  # one bus
    grid = next(line.split() for line in out.splitlines() if line.startswith("grid "))
    assert 5.0 < float(grid[1]) < 5.01


def test_simulate_pf_sweep_writes_consistent_csvs(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sim"
    code = main(["simulate", "--arch", "ac_racks", "--mode", "inference", "--hours", "6", "--pf-sweep", "0.94,0.995",
                 "--out", str(out)])  # fmt: skip
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "summary.csv", "timeseries_pf0.940.csv", "timeseries_pf0.995.csv", "violations.csv",
    ]  # fmt: skip
    rows = list(csv.DictReader((out / "timeseries_pf0.940.csv").open()))
    assert len(rows) == 6
    for row in rows:
        # Inference shape: 0.65 + 0.25 cos(2 pi (h - 14) / 24) of 50 MW * 0.90 / 0.90 (ac_racks).
        h = float(row["hour"])
        assert float(row["load_p_mw"]) == pytest.approx(50 * (0.65 + 0.25 * math.cos(2 * math.pi * (h - 14) / 24)))
        assert float(row["load_q_mvar"]) == pytest.approx(float(row["load_p_mw"]) * math.tan(math.acos(0.94)), rel=1e-5)
        s = math.hypot(float(row["grid_p_mw"]), float(row["grid_q_mvar"]))
        assert float(row["grid_s_mva"]) == pytest.approx(s, rel=1e-5)
    summary = list(csv.DictReader((out / "summary.csv").open()))
    assert [r["load_pf"] for r in summary] == ["0.9400", "0.9950"]
    assert float(summary[0]["peak_load_mw"]) == pytest.approx(max(float(r["load_p_mw"]) for r in rows))
    assert "violating steps" in capsys.readouterr().out


def test_simulate_bad_sweep_exits_2(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--hours", "2", "--pf-sweep", "0.9,1.2", "--out", str(tmp_path)]) == 2
    assert "--pf-sweep" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_schedule_arrays_from_opt_columns() -> None:
    from dcep_models import parse_case
    from dcep_opt import schedule_arrays

    case_dict = json.loads(json.dumps(CASE_NO_TRANSFORMER))
    case_dict["resources"]["loads"].append(
        {"name": "flex", "kind": "curtailable", "power_mw": 4, "power_factor": 0.8, "max_curtailment_frac": 0.5}
    )
    case = parse_case(case_dict)
    ts = {
        "grid_q_mvar": [0.0, 0.0],
        "grid_net_import_mw": [1.0, 2.0],
        "demand_it_mw": [5.0, 5.0],
        "demand_flex_mw": [4.0, 4.0],
        "shed_flex_mw": [0.0, 2.0],
        "unserved_critical_mw": [1.0, 0.0],
        "bess_discharge_mw": [3.0, 0.0],
        "bess_charge_mw": [0.0, 1.5],
        "bess_q_mvar": [0.5, -0.5],
    }
    a = schedule_arrays(case, ts)
    assert a["load_p_mw"].tolist() == pytest.approx([4.0 + 4.0, 5.0 + 2.0])
    q_it, q_flex = math.tan(math.acos(0.97)), 0.75  # default PF 0.97; PF 0.8 -> Q/P = 0.75
    assert a["load_q_mvar"].tolist() == pytest.approx([4 * q_it + 4 * q_flex, 5 * q_it + 2 * q_flex])
    assert a["bess_p_mw"].tolist() == [3.0, -1.5]
    assert a["gen_p_mw"].tolist() == [0.0, 0.0]


def test_powerflow_screen_writes_csv(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    case = json.loads(json.dumps(CASE_NO_TRANSFORMER))
    case["topology"]["transformers"] = [{"name": "T1", "hv_kv": 230, "mv_kv": 34.5, "rating_mva": 15}]
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    out = tmp_path / "screen.csv"
    assert main(["powerflow", str(path), "--screen", "--out", str(out)]) == 0
    assert "screened 4 intervals" in capsys.readouterr().out
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 4
    s_mv = math.hypot(5.0, 5.0 * math.tan(math.acos(0.97)))  # the only way to serve 5 MW at PF 0.97
    for row in rows:
        assert float(row["T1_loading_percent"]) == pytest.approx(s_mv / float(row["mv_vm_pu"]) / 15 * 100, rel=1e-6)
        assert 5.0 < float(row["grid_p_mw"]) < 5.02  # plus transformer and grid losses


def test_screen_refuses_a_horizon_it_cannot_build_in_its_budget(capsys, monkeypatch, small_case, write_case) -> None:
    import dcep_opt._runner

    small_case["time"]["horizon_hours"] = 24 * 40  # 960 hourly intervals
    small_case["solver"] = {"time_limit_s": 0.01}
    built: list[int] = []
    monkeypatch.setattr(dcep_opt._runner, "build_model", lambda inputs, *a, **k: built.append(inputs.n_intervals))
    assert main(["powerflow", str(write_case(small_case)), "--screen"]) == 1
    err = capsys.readouterr().err
    assert "not built" in err and "960 intervals" in err and "shorter" in err
    assert built == []  # the full horizon was never built
