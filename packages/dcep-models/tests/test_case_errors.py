"""Bad input: every problem reported at once, each with its JSON path and reason."""

from __future__ import annotations

import json
import math

import pytest

from dcep_models import CaseError, load_case, parse_case


def _paths(exc: CaseError) -> dict[str, str]:
    return {issue.path: issue.reason for issue in exc.issues}


def test_negative_and_nan_numbers_are_named_with_value(case_dict):
    case_dict["resources"]["bess"]["energy_mwh"] = -5
    case_dict["resources"]["loads"][0]["power_mw"] = math.nan
    with pytest.raises(CaseError) as info:
        parse_case(case_dict)
    paths = _paths(info.value)
    assert "greater than 0" in paths["resources.bess.energy_mwh"]
    assert "-5" in paths["resources.bess.energy_mwh"]
    assert "finite" in paths["resources.loads[0].power_mw"]
    assert len(info.value.issues) == 2


def test_unknown_field_and_unknown_iso_and_missing_field_all_reported(case_dict):
    case_dict["resources"]["bess"]["energy_mhw"] = 100  # typo
    case_dict["iso"] = "ERCOTT"
    del case_dict["time"]["interval_minutes"]
    with pytest.raises(CaseError) as info:
        parse_case(case_dict)
    paths = _paths(info.value)
    assert "unknown field" in paths["resources.bess.energy_mhw"]
    assert "known: ERCOT" in paths["iso"]
    assert "missing" in paths["time.interval_minutes"]


def test_wrong_type_is_reported(case_dict):
    case_dict["topology"]["poi"]["rating_mva"] = "big"
    with pytest.raises(CaseError) as info:
        parse_case(case_dict)
    assert "valid number" in _paths(info.value)["topology.poi.rating_mva"]


def test_horizon_must_divide_into_intervals(case_dict):
    case_dict["time"]["horizon_hours"] = 1.1  # 66 min into 15-min intervals
    with pytest.raises(CaseError) as info:
        parse_case(case_dict)
    assert "does not divide" in _paths(info.value)["time.horizon_hours"]


def test_cross_field_problems_are_all_listed(case_dict):
    gen = case_dict["resources"]["generators"][0]
    gen["p_min_mw"] = 20  # above p_max 15
    gen["start_time_min"] = 30  # slower than the 15-min ride-through
    bess = case_dict["resources"]["bess"]
    bess["soc_min_frac"] = 0.3  # above the 0.25 reserve
    case_dict["prices"]["energy_csv"] = "prices.csv"  # both synthetic and file
    with pytest.raises(CaseError) as info:
        parse_case(case_dict)
    paths = _paths(info.value)
    assert "p_max_mw (15" in paths["resources.generators[0].p_min_mw"]
    assert "30 min" in paths["reliability.ride_through_minutes"]
    assert "soc_min_frac (0.3)" in paths["resources.bess.soc_reserve_frac"]
    assert "exactly one" in paths["prices"]


def test_ride_through_floor_must_hold_critical_energy(case_dict):
    # 25 MW for 15 min through 0.95 discharge efficiency needs 6.579 MWh; floor holds (0.1-0.05)*100 = 5 MWh
    case_dict["resources"]["bess"].update(soc_reserve_frac=0.1, soc_initial_frac=0.5)
    with pytest.raises(CaseError) as info:
        parse_case(case_dict)
    reason = _paths(info.value)["resources.bess.soc_reserve_frac"]
    assert "5.000 MWh" in reason and f"{25 * 0.25 / 0.95:.3f} MWh" in reason


def test_profile_length_must_be_24_or_n_intervals(case_dict):
    case_dict["resources"]["loads"][0]["profile"] = [1.0] * 23
    with pytest.raises(CaseError) as info:
        parse_case(case_dict)
    assert "got 23" in _paths(info.value)["resources.loads[0].profile"]


def test_missing_price_file_named_relative_to_case(case_dict, tmp_path):
    case_dict["prices"] = {"energy_csv": "nowhere.csv"}
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case_dict))
    with pytest.raises(CaseError) as info:
        load_case(path)
    assert str(tmp_path / "nowhere.csv") in _paths(info.value)["prices.energy_csv"]


def test_malformed_json_names_line_and_column(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"name": "x",\n "iso": }')
    with pytest.raises(CaseError) as info:
        load_case(path)
    assert "line 2 column 9" in str(info.value)
    assert str(path) in str(info.value)


def test_missing_case_file(tmp_path):
    with pytest.raises(CaseError, match="case file not found"):
        load_case(tmp_path / "absent.json")


def test_case_must_be_an_object():
    with pytest.raises(CaseError, match="JSON object, got list"):
        parse_case([1, 2])
