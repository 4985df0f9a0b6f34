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
