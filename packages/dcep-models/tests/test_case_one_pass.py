"""One pass reports field and cross-field problems together; typos get a "did you mean";
a whole-day horizon that does not fit a daylight-saving day is an error naming both choices."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from dcep_models import CaseError, close_matches, did_you_mean, parse_case

CASE: dict[str, Any] = {
    "name": "one pass",
    "iso": "ERCOT",
    "time": {
        "start": "2025-08-14T00:00:00",
        "timezone": "America/Chicago",
        "horizon_hours": 24,
        "interval_minutes": 15,
    },
    "topology": {"poi": {"max_import_mw": 60, "max_export_mw": 40, "rating_mva": 70}},
    "resources": {
        "bess": {"power_mw": 30, "energy_mwh": 120},
        "loads": [{"name": "it", "kind": "critical", "power_mw": 25}],
    },
    "reliability": {"ride_through_minutes": 15},
    "prices": {"base_price_usd_per_mwh": 40},
}


def _issues(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(CaseError) as info:
        parse_case(data)
    return {issue.path: issue.reason for issue in info.value.issues}


def test_field_and_cross_field_problems_come_together():
    data = copy.deepcopy(CASE)
    data["topology"]["poi"]["rating_mva"] = "big"  # field error in topology
    data["resources"]["bess"].update(soc_min_frac=0.9, soc_max_frac=0.5)  # cross-field error in resources
    issues = _issues(data)
    assert "topology.poi.rating_mva" in issues
    assert issues["resources.bess.soc_min_frac"] == "must be <= soc_max_frac (0.5), got 0.9"


def test_cross_field_checks_reading_a_failed_section_are_skipped():
    data = copy.deepcopy(CASE)
    data["time"]["interval_minutes"] = "often"
    data["resources"]["loads"][0]["profile"] = [1.0] * 5  # checked against time: skipped, time is bad
    issues = _issues(data)
    assert list(issues) == ["time.interval_minutes"]


def test_unknown_field_suggests_the_real_name():
    data = copy.deepcopy(CASE)
    data["topology"]["poi"]["mva_rating"] = data["topology"]["poi"].pop("rating_mva")
    data["resources"]["bess"]["soc_reserve"] = 0.3
    issues = _issues(data)
    assert issues["topology.poi.mva_rating"] == "unknown field; did you mean 'rating_mva'?"
    assert issues["resources.bess.soc_reserve"].startswith("unknown field; did you mean 'soc_reserve_frac'")
    assert issues["topology.poi.rating_mva"] == "required field is missing"


def test_unknown_field_far_from_any_name_gets_the_plain_reason():
    data = copy.deepcopy(CASE)
    data["zzz"] = 1
    assert _issues(data)["zzz"] == "unknown field (check the spelling; unknown fields are not ignored)"


def test_time_zone_typo_suggests_the_zone():
    data = copy.deepcopy(CASE)
    data["time"]["timezone"] = "America/Chicgo"
    assert "did you mean 'America/Chicago'" in _issues(data)["time.timezone"]


def test_a_missing_unit_suffix_is_suggested_first():
    assert close_matches("as_prices", ["as_csv", "as_prices_usd_per_mw_h", "energy_csv"])[0] == "as_prices_usd_per_mw_h"
    assert close_matches("base_price", ["base_price_usd_per_mwh", "peak_hours"]) == ["base_price_usd_per_mwh"]


def test_close_matches_are_case_insensitive_and_keep_spelling():
    assert close_matches("regupp", ["REGUP", "REGDN", "RRS"]) == ["REGUP"]
    assert did_you_mean("xyz", ["REGUP"]) == ""


@pytest.mark.parametrize(
    ("start", "hours", "real", "offset"),
    [
        ("2024-11-03T00:00:00", 24, 25, "-05:00"),
        ("2025-03-09T00:00:00", 24, 23, "-06:00"),
        ("2024-11-02T00:00:00", 48, 49, "-05:00"),
    ],
)
def test_whole_day_horizon_across_dst_is_an_error_naming_both_choices(start, hours, real, offset):
    data = copy.deepcopy(CASE)
    data["time"].update(start=start, horizon_hours=hours)
    reason = _issues(data)["time.horizon_hours"]
    # hand check: Chicago falls back on 2024-11-03 (a 25 h day) and springs forward on 2025-03-09 (23 h)
    assert f"Set horizon_hours to {real} to cover the whole local days" in reason
    assert f"write time.start with its UTC offset ({start}{offset}) to mean {hours} elapsed hours" in reason


def test_both_choices_are_accepted():
    for time in (
        {"start": "2024-11-03T00:00:00", "horizon_hours": 25},
        {"start": "2024-11-03T00:00:00-05:00", "horizon_hours": 24},
    ):
        data = copy.deepcopy(CASE)
        data["time"].update(time)
        case = parse_case(data)
        assert case.time.n_intervals == 4 * time["horizon_hours"]


def test_ordinary_days_and_partial_days_are_untouched():
    for time in (
        {"start": "2025-08-14T00:00:00", "horizon_hours": 24},
        {"start": "2024-11-03T00:00:00", "horizon_hours": 6},
        {"start": "2024-11-03T06:00:00", "horizon_hours": 24},
    ):
        data = copy.deepcopy(CASE)
        data["time"].update(time)
        parse_case(data)
