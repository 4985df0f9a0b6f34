"""`dcep explain`: binding table and narratives, infeasibility set (exit 1), bad input (exit 2)."""

from __future__ import annotations

import copy
import json
import re

import pytest

from dcep_cli.main import main

CASE = {
    "name": "small",
    "iso": "GENERIC",
    "time": {"start": "2025-08-14T00:00:00-05:00", "horizon_hours": 4, "interval_minutes": 60},
    "topology": {"poi": {"max_import_mw": 10, "max_export_mw": 10, "rating_mva": 30}},
    "resources": {
        "loads": [{"name": "it", "kind": "critical", "power_mw": 5}],
        "generators": [
            {
                "name": "gas",
                "count": 1,
                "p_max_mw": 4,
                "p_min_mw": 0,
                "heat_rate_mmbtu_per_mwh": 9.5,
                "fuel_price_usd_per_mmbtu": 3.5,
                "start_time_min": 0,
                "start_cost_usd": 50,
                "vom_usd_per_mwh": 0,
            }
        ],
    },
    "reliability": {"ride_through_minutes": 0, "generator_redundancy": "N"},
    "prices": {"base_price_usd_per_mwh": 30, "peak_hours": [2, 3], "peak_multiplier": 3.0},
}


def _write(tmp_path, case) -> str:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    return str(path)


def test_explain_prints_table_and_narratives(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", _write(tmp_path, CASE), "--time", "02:00"]) == 0
    out = capsys.readouterr().out
    assert "Binding constraints" in out
    assert "Interval 2 (2025-08-14T02:00:00-05:00)" in out
    # the MILP's and the fixed LP's net values agree
    values = re.findall(r"net value (-?\$[\d,]+\.\d\d)", out)
    assert len(values) == 2 and values[0] == values[1]
    # peak price 30 x 3 = $90; gas costs 9.5 x 3.5 = $33.25/MWh and runs flat out at 4 MW
    assert "LMP $90.00/MWh" in out
    assert "gas ran 1 unit(s) producing 4.00 MW at marginal cost $33.25/MWh" in out
    assert "binding: gen-max ('gas', 2)" in out


def test_explain_interval_option_matches_time(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, CASE)
    assert main(["explain", path, "--interval", "0", "--top", "3"]) == 0
    by_index = capsys.readouterr().out
    assert main(["explain", path, "--time", "00:00", "--top", "3"]) == 0
    assert capsys.readouterr().out == by_index
    # off-peak: the grid at $30 is the marginal source; gas's cost is quoted against it
    assert "Interval 0 (2025-08-14T00:00:00-05:00)" in by_index
    assert "the marginal MWh at the site costs $30.00/MWh" in by_index
    assert re.search(r"\[generator:gas\].*\$33\.25/MWh.*\$30\.00/MWh", by_index)


def test_infeasible_case_prints_the_conflict_and_exits_1(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    case = copy.deepcopy(CASE)
    case["reliability"]["generator_redundancy"] = "N+1"  # one 4 MW unit cannot be N+1 for 5 MW
    assert main(["explain", _write(tmp_path, case)]) == 1
    out = capsys.readouterr().out
    assert "INFEASIBLE" in out and "n1-cover" in out
    assert "critical load 5.00 MW at 2025-08-14T00:00:00-05:00 > generators 4.00 MW" in out
    assert "- largest 1 unit(s) 4.00 MW + battery 0.00 MW = 0.00 MW" in out


@pytest.mark.parametrize(
    ("extra", "needle"),
    [(["--interval", "4"], "--interval"), (["--time", "7am"], "--time"), (["--time", "00:30"], "--time")],
)
def test_bad_options_exit_2(tmp_path, capsys: pytest.CaptureFixture[str], extra, needle) -> None:
    assert main(["explain", _write(tmp_path, CASE), *extra]) == 2
    assert needle in capsys.readouterr().err


def test_missing_case_exits_2(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", str(tmp_path / "nope.json")]) == 2
    assert "not found" in capsys.readouterr().err
