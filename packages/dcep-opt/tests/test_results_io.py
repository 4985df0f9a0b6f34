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
    np.testing.assert_allclose(soc, result.timeseries["bess_soc_mwh"], rtol=0, atol=5e-7)  # 6 decimals for MWh


def test_results_modules_do_not_import_pulp() -> None:
    src = Path(dcep_opt.__file__).parent
    for name in ("_results.py", "_economics.py", "_serialize.py", "_readback.py", "_inputs.py"):
        text = (src / name).read_text()
        assert not re.search(r"^\s*(import|from)\s+pulp", text, re.M), name


def test_csv_numbers_are_rounded_to_the_stated_precision_of_their_unit(result) -> None:
    from dcep_opt._serialize import csv_decimals

    ts = dict(result.timeseries)
    ts["grid_import_mw"] = ts["grid_import_mw"].copy()
    ts["grid_import_mw"][0] = 102.59999999999997  # the float noise issue 12 found in a CSV
    ts["energy_price_usd_per_mwh"] = ts["energy_price_usd_per_mwh"] + 1 / 3
    ts["gen_gas_units_online"] = np.array([0.0, 1.0000000002, 2.0, -0.0])
    result.timeseries = ts
    rows = list(csv.DictReader(io.StringIO(timeseries_csv(result))))
    assert rows[0]["grid_import_mw"] == "102.6"
    assert rows[0]["energy_price_usd_per_mwh"] == repr(round(10.0 + 1 / 3, 4)) == "10.3333"
    assert [r["gen_gas_units_online"] for r in rows] == ["0", "1", "2", "0"]
    assert (csv_decimals("bess_soc_mwh"), csv_decimals("bess_soc_frac"), csv_decimals("ride_through_min")) == (6, 6, 3)
    for row in rows:
        for col, text in row.items():
            if col == "interval_start" or not text:
                continue
            places = csv_decimals(col)
            assert len(text.partition(".")[2]) <= places, (col, text)
            assert float(text) == pytest.approx(float(ts[col][rows.index(row)]), abs=0.5 * 10**-places + 1e-12)


def test_results_json_embeds_the_case_and_versions(result) -> None:
    data = json.loads(result_to_json(result, case={"name": "x", "iso": "ERCOT"}, versions={"dcep-opt": "0.1.0"}))
    assert data["case_input"] == {"name": "x", "iso": "ERCOT"} and data["versions"] == {"dcep-opt": "0.1.0"}
    assert "case_input" not in json.loads(result_to_json(result))


def test_to_frame_holds_every_series(result) -> None:
    frame = result.to_frame()
    assert list(frame.columns) == list(result.timeseries)
    assert list(frame.index) == [0, 1, 2, 3] and frame.index.name == "interval"  # built without start times
    np.testing.assert_array_equal(frame["bess_soc_mwh"].to_numpy(), result.timeseries["bess_soc_mwh"])


def test_to_frame_index_is_utc_across_fall_back(result) -> None:
    result.interval_starts = [
        "2024-11-03T00:30:00-05:00",
        "2024-11-03T01:30:00-05:00",
        "2024-11-03T01:30:00-06:00",  # the repeated local hour, one hour later in elapsed time
        "2024-11-03T02:30:00-06:00",
    ]
    frame = result.to_frame()
    assert str(frame.index.tz) == "UTC" and frame.index.name == "interval_start"
    assert [t.strftime("%H:%M") for t in frame.index] == ["05:30", "06:30", "07:30", "08:30"]


def test_sweep_and_unknown_unit_columns_lose_only_the_noise() -> None:
    from dcep_opt import rows_to_csv
    from dcep_opt._serialize import format_csv_number

    rows = [{"scenario": 0, "net_value_usd": -10602.123456789, "unserved_mwh": 102.59999999999997, "mip_gap": 1.5e-9}]
    line = rows_to_csv(rows).splitlines()[1]
    assert line == "0,-10602.1235,102.6,1.5e-09"
    assert format_csv_number(0.1 + 0.2, None) == "0.3"  # 12 significant digits: 0.30000000000000004 -> 0.3
    assert format_csv_number(float("nan"), 3) == ""
