"""results.json layout, CSV, and no PuLP in the results modules."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import numpy as np
import pytest

import dcep_opt
from dcep_opt import result_to_json, solve_dispatch, timeseries_csv


@pytest.fixture
def result(make_inputs, make_battery):
    return solve_dispatch(make_inputs([10.0, 50.0, 10.0, 80.0], critical_mw=5.0, battery=make_battery())).result


def test_results_json_keys(result) -> None:
    data = json.loads(result_to_json(result))
    assert {"case", "solver", "economics", "reliability", "timeseries"} <= set(data)
    assert {"status", "termination", "objective_usd", "mip_gap", "build_s", "solve_s"} <= set(data["solver"])
    assert "net_value_usd" in data["economics"]
    assert {"unserved_mwh", "min_ride_through_min", "ride_through_ok", "n_plus_1_ok"} <= set(data["reliability"])
    assert len(data["timeseries"]) == 4
    assert data["timeseries"][1]["energy_price_usd_per_mwh"] == 50.0
    assert data["economics"]["net_value_usd"] == pytest.approx(data["solver"]["objective_usd"], abs=0.005)


def test_csv_round_trip(result) -> None:
    rows = list(csv.DictReader(io.StringIO(timeseries_csv(result))))
    assert len(rows) == 4
    soc = np.array([float(r["bess_soc_mwh"]) for r in rows])
    np.testing.assert_allclose(soc, result.timeseries["bess_soc_mwh"])


def test_results_modules_do_not_import_pulp() -> None:
    src = Path(dcep_opt.__file__).parent
    for name in ("_results.py", "_economics.py", "_serialize.py", "_readback.py", "_inputs.py"):
        text = (src / name).read_text()
        assert not re.search(r"^\s*(import|from)\s+pulp", text, re.M), name
