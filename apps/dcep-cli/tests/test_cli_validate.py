"""`dcep validate` and `dcep schema`: clear errors, exit status 2, no traceback."""

from __future__ import annotations

import json

from dcep_cli.main import main

VALID = {
    "name": "cli",
    "iso": "GENERIC",
    "time": {"start": "2025-08-14T00:00:00-05:00", "horizon_hours": 2, "interval_minutes": 30},
    "topology": {"poi": {"max_import_mw": 10, "max_export_mw": 0, "rating_mva": 12}},
    "resources": {"loads": [{"name": "it", "kind": "critical", "power_mw": 5}]},
    "reliability": {"ride_through_minutes": 0},
    "prices": {"base_price_usd_per_mwh": 30},
}


def test_validate_ok_prints_interval_count(tmp_path, capsys):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(VALID))
    assert main(["validate", str(path)]) == 0
    assert "4 intervals of 30 min" in capsys.readouterr().out


def test_validate_bad_case_exits_2_with_every_path(tmp_path, capsys):
    bad = json.loads(json.dumps(VALID))
    bad["iso"] = "NOPE"
    bad["resources"]["loads"][0]["power_mw"] = -3
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "2 problems" in err
    assert "iso: unknown ISO 'NOPE'" in err
    assert "resources.loads[0].power_mw" in err
    assert "Traceback" not in err


def test_validate_missing_file_exits_2(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "none.json")]) == 2
    assert "case file not found" in capsys.readouterr().err


def test_schema_is_json_with_case_sections(capsys):
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert {"time", "topology", "resources", "prices"} <= set(schema["properties"])


def test_no_command_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    assert "usage: dcep" in capsys.readouterr().out


def test_counts_read_as_english(tmp_path, capsys):
    one = json.loads(json.dumps(VALID))
    one["time"]["horizon_hours"] = 0.5
    path = tmp_path / "one.json"
    path.write_text(json.dumps(one))
    assert main(["validate", str(path)]) == 0
    assert "| 1 interval of 30 min" in capsys.readouterr().out
    out = tmp_path / "rows.csv"
    assert main(["sweep", str(path), "--serial", "--set", "resources.loads[0].power_mw=4,5", "-o", str(out)]) == 0
    assert "2 scenarios serially" in capsys.readouterr().err


def _tariff_case(tmp_path, rate: dict) -> str:
    (tmp_path / "rate.json").write_text(json.dumps({"items": [rate]}))
    case = json.loads(json.dumps(VALID))
    case["prices"] = {"base_price_usd_per_mwh": 0}
    case["tariff"] = {"urdb_json": "rate.json"}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    return str(path)


def test_validate_reads_the_tariff(tmp_path, capsys):
    rate = {
        "name": "flat rate",
        "utility": "U",
        "energyratestructure": [[{"rate": 0.1, "adj": 0.02}]],
        "energyweekdayschedule": [[0] * 24] * 12,
        "energyweekendschedule": [[0] * 24] * 12,
        "flatdemandstructure": [[{"rate": 10.0}]],
        "flatdemandmonths": [0] * 12,
        "fixedchargefirstmeter": 50.0,
        "minmonthlycharge": 100.0,
    }
    assert main(["validate", _tariff_case(tmp_path, rate)]) == 0
    out = capsys.readouterr().out
    assert "tariff: U flat rate: energy $120.00/MWh to $120.00/MWh, 1 demand charge, fixed $50.00" in out
    assert "minimum monthly charge (minmonthlycharge = 100.0) is not modelled" in out
    rate["energyratestructure"] = [[{"rate": 0.1, "max": 500}, {"rate": 0.2}]]
    assert main(["validate", _tariff_case(tmp_path, rate)]) == 2
    err = capsys.readouterr().err
    assert "tariff.urdb_json" in err and "tiered (block) rates are not modelled" in err and "Traceback" not in err
