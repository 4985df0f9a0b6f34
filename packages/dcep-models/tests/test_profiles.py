"""Load profiles expand to intervals by local hour or per interval."""

from __future__ import annotations

from dcep_models import load_profile_mw, parse_case


def test_hourly_profile_repeats_each_quarter_hour(case_dict):
    case_dict["resources"]["loads"][0]["profile"] = [h / 10 for h in range(24)]
    case_dict["resources"]["bess"]["power_mw"] = 60  # carries the 25 * 2.3 = 57.5 MW profiled peak
    case = parse_case(case_dict)
    mw = load_profile_mw(case.resources.loads[0], case.time)
    assert len(mw) == 96
    assert mw[0:4] == [0.0] * 4
    assert mw[4 * 13 + 2] == 25 * 1.3  # 13:30 local
    assert mw[-1] == 25 * 2.3


def test_flat_profile_without_multipliers(case_dict):
    case = parse_case(case_dict)
    assert load_profile_mw(case.resources.loads[0], case.time) == [25.0] * 96
