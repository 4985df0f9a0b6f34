"""Hostile input at the command line: exit 2 with the field named, no traceback, nothing lost.

A failing run (bad input, infeasible, no solution in time) leaves earlier output files byte for byte;
an output folder that does not exist is a plain error with no temporary file left; a solve stopped by
its time limit is never called optimal, in the summary or in results.json.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import dcep_opt
from dcep_cli.main import main

CASES = Path(__file__).resolve().parents[1] / "cases"

CASE: dict[str, Any] = {
    "name": "hostile cli",
    "iso": "GENERIC",
    "time": {"start": "2025-08-14T00:00:00-05:00", "horizon_hours": 4, "interval_minutes": 60},
    "topology": {"poi": {"max_import_mw": 20, "max_export_mw": 10, "rating_mva": 25}},
    "resources": {
        "bess": {"power_mw": 5, "energy_mwh": 20, "soc_reserve_frac": 0.25, "degradation_cost_usd_per_mwh": 0},
        "loads": [{"name": "it", "kind": "critical", "power_mw": 4, "power_factor": 1.0}],
    },
    "reliability": {"ride_through_minutes": 15, "generator_redundancy": "N"},
    "prices": {"base_price_usd_per_mwh": 30, "peak_hours": [2, 3], "peak_multiplier": 3.0},
}


def _case(**edits: Any) -> dict[str, Any]:
    """CASE with dotted-path edits (``None`` deletes the key)."""
    data = copy.deepcopy(CASE)
    for dotted, value in edits.items():
        *parents, last = dotted.split("__")
        node = data
        for key in parents:
            node = node[key]
        if value is None:
            node.pop(last, None)
        else:
            node[last] = value
    return data


def _infeasible() -> dict[str, Any]:
    # islanded, and the battery must end fuller than it started with nothing to charge from (a hard rule:
    # null end-SOC shortfall price; _case's None deletes a key, so it is set here)
    data = _case(
        topology__poi__max_import_mw=0, reliability__voll_usd_per_mwh=1e6, resources__bess__soc_final_min_frac=0.95
    )
    data["reliability"]["final_soc_shortfall_usd_per_mwh"] = None
    return data


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "not_json": (b"{ this is not json", "not valid JSON"),
    "binary": (bytes(range(256)) * 4, "case"),
    "empty": (b"", "not valid JSON"),
    "json_list": (b"[1, 2, 3]", "must be a JSON object"),
    "missing_section": (json.dumps(_case(time=None)).encode(), "time: required field is missing"),
    "negative_capacity": (json.dumps(_case(resources__bess__power_mw=-5)).encode(), "resources.bess.power_mw"),
    "horizon_not_divisible": (
        json.dumps(_case(time__horizon_hours=1.1)).encode(),
        "time.horizon_hours: horizon of 1.1 h (66 min) does not divide into 60-minute intervals",
    ),
    "missing_price_file": (
        json.dumps(_case(prices={"energy_csv": "nope.csv"})).encode(),
        "prices.energy_csv: file not found",
    ),
    "string_for_number": (json.dumps(_case(resources__bess__energy_mwh="lots")).encode(), "resources.bess.energy_mwh"),
    "contradictory_soc": (
        json.dumps(_case(resources__bess__soc_min_frac=0.9, resources__bess__soc_max_frac=0.5)).encode(),
        "resources.bess.soc_min_frac: must be <= soc_max_frac",
    ),
}


@pytest.mark.parametrize("command", ["validate", "run", "outage"])
@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_bad_case_file_exits_2_naming_the_problem(tmp_path, capsys, command, kind):
    raw, needle = BAD_FILES[kind]
    path = tmp_path / "case.json"
    path.write_bytes(raw)
    assert main([command, str(path)]) == 2
    err = capsys.readouterr().err
    assert needle in err and str(path) in err
    assert "Traceback" not in err


def test_missing_case_file_exits_2(tmp_path, capsys):
    assert main(["run", str(tmp_path / "absent.json")]) == 2
    assert "case file not found" in capsys.readouterr().err


def test_real_process_prints_no_traceback(tmp_path):
    path = tmp_path / "case.json"
    path.write_bytes(bytes(range(256)))
    proc = subprocess.run(
        [sys.executable, "-m", "dcep_cli.main", "run", str(path)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and str(path) in proc.stderr


@pytest.mark.parametrize("failure", ["bad_input", "infeasible"])
def test_failed_run_leaves_existing_outputs_byte_for_byte(tmp_path, capsys, failure):
    out, table = tmp_path / "results.json", tmp_path / "ts.csv"
    old_json, old_csv = b'{"previous": "run", "value": 1.5}\n', b"interval_start,x\r\n0,1\r\n"
    out.write_bytes(old_json)
    table.write_bytes(old_csv)
    data = _case(resources__bess__energy_mwh=-5) if failure == "bad_input" else _infeasible()
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data))
    code = main(["run", str(path), "-q", "--output", str(out), "--csv", str(table)])
    err = capsys.readouterr().err
    assert code == (2 if failure == "bad_input" else 1)
    assert out.read_bytes() == old_json and table.read_bytes() == old_csv
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.json", "results.json", "ts.csv"]
    if failure == "infeasible":
        assert "left unchanged" in err and "constraint families involved: bess-final" in err


def test_output_in_missing_folder_is_a_clear_error_without_leftovers(tmp_path, capsys):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE))
    target = tmp_path / "no" / "such" / "dir" / "results.json"
    code = main(["run", str(path), "-q", "--output", str(target)])
    err = capsys.readouterr().err
    assert code == 2  # refused before solving (issue 12), not after a full solve
    assert f"--output: folder {target.parent} does not exist" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.json"]


def test_time_limited_solve_of_a_week_is_never_called_optimal(tmp_path, capsys):
    # 7 days at 15 min (26k variables, 2.7k integers) cannot be built and solved in 0.05 s (build time counts)
    out = tmp_path / "results.json"
    out.write_bytes(b"old\n")
    week = CASES / "ercot_50mw_real_7day_2025-08-01.json"
    code = main(["run", str(week), "-q", "--time-limit", "0.05", "-o", str(out)])
    captured = capsys.readouterr()
    assert "Solver status: optimal" not in captured.out
    if "not built" in captured.err:  # refused in advance: its build alone would overrun the budget
        assert code == 1 and "left of the time budget" in captured.err and "dcep year" in captured.err
        assert out.read_bytes() == b"old\n"
        return
    assert "termination: time limit" in captured.out
    if code == 0:  # an incumbent: its gap is printed and saved
        assert "Solver status: feasible" in captured.out and "MIP gap:" in captured.out
        solver = json.loads(out.read_text())["solver"]
        assert solver["status"] == "feasible" and solver["termination"] == "time limit"
        assert solver["mip_gap"] is not None and solver["mip_gap"] > 0
    else:  # no incumbent: said so, not blamed on constraints, earlier output kept
        assert code == 1
        assert "no dispatch (no solution, termination: time limit)" in captured.err
        assert "constraint families" not in captured.err
        assert out.read_bytes() == b"old\n"


def test_time_limit_with_incumbent_is_reported_with_its_gap(tmp_path, capsys, monkeypatch):
    # The solver's own facts for a solve stopped at its limit with an incumbent 3.21 % from the bound
    # must reach the summary and results.json unchanged (a real solve of this size is too quick).
    real = dcep_opt.solve_dispatch  # the command imports it from dcep_opt when it runs

    def stopped(*args: Any, **kwargs: Any) -> Any:
        solved = real(*args, **kwargs)
        facts = dataclasses.replace(solved.result.solver, status="feasible", termination="time limit", mip_gap=0.0321)
        solved.result.solver = facts
        return solved

    monkeypatch.setattr(dcep_opt, "solve_dispatch", stopped)
    path, out = tmp_path / "case.json", tmp_path / "results.json"
    path.write_text(json.dumps(CASE))
    assert main(["run", str(path), "-q", "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Solver status: feasible (termination: time limit)" in text
    assert "MIP gap: 3.2100 %" in text and "optimal" not in text
    solver = json.loads(out.read_text())["solver"]
    assert (solver["status"], solver["termination"], solver["mip_gap"]) == ("feasible", "time limit", 0.0321)
