"""`dcep run`: summary, atomic results JSON and CSV, exit statuses 0 / 1 / 2."""

from __future__ import annotations

import csv
import json

import pytest

from dcep_cli.main import main


def test_run_writes_results_and_csv(tmp_path, capsys, small_case, write_case):
    out, table = tmp_path / "results.json", tmp_path / "ts.csv"
    code = main(["run", str(write_case(small_case)), "--output", str(out), "--csv", str(table), "--mip-gap", "0"])
    assert code == 0
    text = capsys.readouterr().out
    assert "Solver status: optimal" in text
    assert "Net Value:" in text and "Ride-through Achieved: True" in text
    data = json.loads(out.read_text())
    assert set(data) >= {"case", "solver", "economics", "reliability", "timeseries"}
    assert data["solver"]["status"] == "optimal"
    # hand: 2 h at $15, 2 h at $90; 4 MW load; SOC 10 MWh of 20 (max 19), eta 0.95 both ways, final >= 10.
    # Fill to SOC max: store 9 MWh (charged 9 / 0.95 at $15), deliver 9 * 0.95 MWh at $90.
    idle = -(4 * 2 * 15 + 4 * 2 * 90)
    expected = idle - 9 / 0.95 * 15 + 9 * 0.95 * 90
    assert data["economics"]["net_value_usd"] == pytest.approx(expected, abs=1e-4)
    rows = list(csv.DictReader(table.open()))
    assert len(rows) == 4 and "bess_soc_mwh" in rows[0]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_run_infeasible_exits_1_naming_families(tmp_path, capsys, small_case, write_case):
    case = small_case
    case["topology"]["poi"]["max_import_mw"] = 0  # islanded, 4 MW critical, battery alone for 4 h:
    case["reliability"]["voll_usd_per_mwh"] = 1e6  # unserved energy is allowed at VoLL, so force:
    case["resources"]["bess"]["soc_final_min_frac"] = 0.95  # end full with nothing to charge from
    case["reliability"]["final_soc_shortfall_usd_per_mwh"] = None  # ... as the user's hard rule
    code = main(["run", str(write_case(case)), "-q"])
    captured = capsys.readouterr()
    assert code == 1
    assert "constraint families involved" in captured.err
    assert "bess-final" in captured.err


def test_run_bad_input_exits_2(tmp_path, capsys, small_case, write_case):
    case = small_case
    case["resources"]["bess"]["energy_mwh"] = -5
    assert main(["run", str(write_case(case))]) == 2
    assert "resources.bess.energy_mwh" in capsys.readouterr().err


def test_run_output_in_missing_folder_exits_2_before_solving(tmp_path, capsys, small_case, write_case):
    target = tmp_path / "missing-dir" / "results.json"
    assert main(["run", str(write_case(small_case)), "-q", "--output", str(target)]) == 2
    assert f"--output: folder {target.parent} does not exist" in capsys.readouterr().err
    assert not target.exists()


def test_run_write_failure_after_the_solve_exits_1(tmp_path, capsys, small_case, write_case, monkeypatch):
    import dcep_cli.cmd_run

    def disk_full(path, text):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dcep_cli.cmd_run, "write_text_atomic", disk_full)
    target = tmp_path / "results.json"
    assert main(["run", str(write_case(small_case)), "-q", "--output", str(target)]) == 1
    assert "cannot write output" in capsys.readouterr().err
    assert not target.exists()


def test_run_reports_value_over_the_grid_only_and_a_named_baseline(tmp_path, capsys, small_case, write_case):
    out = tmp_path / "results.json"
    assert main(["run", str(write_case(small_case)), "-q", "--mip-gap", "0", "--output", str(out)]) == 0
    text = capsys.readouterr().out
    # hand: 4 MW bought 2 h at $15 and 2 h at $90 = $840 without the microgrid
    assert "Baseline Net Value (grid only): -$840.00" in text
    econ = json.loads(out.read_text())["economics"]
    assert econ["baseline"]["net_value_usd"] == pytest.approx(-840.0)
    gain = 9 * 0.95 * 90 - 9 / 0.95 * 15  # the arbitrage of test_run_writes_results_and_csv
    assert econ["value_over_baseline_usd"] == pytest.approx(gain, abs=1e-4)
    # the same site without its battery, named as the baseline: the same difference, named
    plain = json.loads(json.dumps(small_case))
    del plain["resources"]["bess"]
    plain["reliability"]["ride_through_minutes"] = 0
    plain["name"] = "no battery"
    base_path = tmp_path / "plain.json"
    base_path.write_text(json.dumps(plain))
    assert main(["run", str(write_case(small_case)), "-q", "--mip-gap", "0", "--baseline", str(base_path)]) == 0
    text = capsys.readouterr().out
    assert "Baseline Net Value (no battery): -$840.00" in text
    assert f"Value over Baseline: ${gain:,.2f}" in text
    # a baseline over other intervals is refused with its path (exit 2)
    plain["time"]["horizon_hours"] = 2
    base_path.write_text(json.dumps(plain))
    assert main(["run", str(write_case(small_case)), "-q", "--baseline", str(base_path)]) == 2
    assert "baseline:" in capsys.readouterr().err


def test_run_refuses_a_horizon_it_cannot_build_in_its_budget(tmp_path, capsys, monkeypatch, small_case, write_case):
    import dcep_opt._runner

    small_case["time"]["horizon_hours"] = 24 * 40  # 960 hourly intervals
    built: list[int] = []
    monkeypatch.setattr(dcep_opt._runner, "build_model", lambda inputs, *a, **k: built.append(inputs.n_intervals))
    out = tmp_path / "results.json"
    assert main(["run", str(write_case(small_case)), "-q", "--time-limit", "0.01", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "not built" in err and "960 intervals" in err and "dcep year" in err
    assert built == [] and not out.exists()  # the full horizon was never built, nothing written
