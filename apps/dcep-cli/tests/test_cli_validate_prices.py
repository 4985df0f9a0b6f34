"""`dcep validate` reads the price files and warns exactly as `dcep run` does, without solving."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import dcep_opt
from dcep_cli.main import main

CASE: dict[str, Any] = {
    "name": "validate prices",
    "iso": "ERCOT",
    "time": {"start": "2025-08-14T00:00:00", "timezone": "America/Chicago", "horizon_hours": 2, "interval_minutes": 60},
    "topology": {"poi": {"max_import_mw": 20, "max_export_mw": 10, "rating_mva": 25}},
    "resources": {
        "bess": {"power_mw": 10, "energy_mwh": 40},
        "loads": [{"name": "it", "kind": "critical", "power_mw": 8}],
    },
    "reliability": {"ride_through_minutes": 15},
    "prices": {"energy_csv": "prices.csv", "location": "HB_HUBAVG"},
}
HEAD = "Interval Start,Interval End,Location,SPP\n"


def _row(hour: int, price: str = "30", location: str = "HB_HUBAVG") -> str:
    return f"2025-08-14 {hour:02d}:00:00-05:00,2025-08-14 {hour + 1:02d}:00:00-05:00,{location},{price}\n"


GOOD = HEAD + _row(0) + _row(1) + _row(2)
BAD_FILES = {
    "gap": HEAD + _row(0) + _row(2),
    "empty cell": HEAD + _row(0) + _row(1, price="") + _row(2),
    "wrong location": HEAD + _row(0, location="HB_WEST") + _row(1, location="HB_WEST"),
    "horizon outside the file": HEAD + _row(0),
}


def _site(tmp_path: Path, prices: str, **price_edits: Any) -> Path:
    case = json.loads(json.dumps(CASE))
    case["prices"].update(price_edits)
    (tmp_path / "prices.csv").write_text(prices)
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    return path


@pytest.mark.parametrize("fault", list(BAD_FILES))
def test_validate_fails_on_bad_price_files_like_run(tmp_path, capsys, fault):
    path = _site(tmp_path, BAD_FILES[fault])
    assert main(["validate", str(path)]) == 2
    validate_err = capsys.readouterr().err
    assert main(["run", str(path), "-q"]) == 2
    run_err = capsys.readouterr().err
    assert "prices.energy_csv" in validate_err
    assert validate_err == run_err  # the same reader, the same message


def test_validate_reads_a_good_file_without_solving(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(dcep_opt, "solve_dispatch", lambda *a, **k: pytest.fail("validate must not solve"))
    assert main(["validate", str(_site(tmp_path, GOOD))]) == 0
    out = capsys.readouterr().out
    assert "2 intervals of 60 min" in out
    assert "$30.00/MWh to $30.00/MWh" in out


def test_validate_prints_every_warning_run_prints(tmp_path, capsys):
    path = _site(tmp_path, GOOD, as_prices_usd_per_mw_h={"REGUPP": 5.0, "REGUP": 4.0})
    assert main(["validate", str(path)]) == 0
    validate_warnings = [line for line in capsys.readouterr().out.splitlines() if line.startswith("warning:")]
    assert main(["run", str(path), "-q"]) == 0
    run_warnings = [line for line in capsys.readouterr().out.splitlines() if line.startswith("warning:")]
    assert validate_warnings == run_warnings
    assert validate_warnings == [
        "warning: prices.as_prices_usd_per_mw_h.REGUPP: ERCOT has no such product; ignored; did you mean 'REGUP'?"
    ]
