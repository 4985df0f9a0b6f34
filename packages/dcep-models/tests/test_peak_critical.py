"""Validation uses the critical demand with profiles applied (issue 8), and warns on supply shortfalls."""

from __future__ import annotations

import pytest

from dcep_models import CaseError, parse_case, supply_warnings


def test_ride_through_checks_use_the_profiled_peak_not_the_base(case_dict) -> None:
    # base 40 MW but the profile never exceeds 0.5: the peak is 20 MW, which a 25 MW battery carries
    # (15 min of 20 MW needs 20 * 0.25 / 0.95 = 5.26 MWh; the 25 MWh floor above 5 MWh holds 20 MWh)
    case_dict["resources"]["loads"][0].update(power_mw=40, profile=[0.5] * 12 + [0.25] * 12)
    case = parse_case(case_dict)
    assert case.peak_critical_demand_mw == pytest.approx(20.0)


def test_profile_above_one_raises_the_peak_past_the_battery(case_dict) -> None:
    # base 25 MW (= battery power) with a 1.2 multiplier in one hour: the peak is 30 MW > 25 MW
    case_dict["resources"]["loads"][0]["profile"] = [1.0] * 23 + [1.2]
    with pytest.raises(CaseError) as err:
        parse_case(case_dict)
    paths = {issue.path: issue.reason for issue in err.value.issues}
    assert "resources.bess.power_mw" in paths and "carry 30 MW (the peak" in paths["resources.bess.power_mw"]


def test_final_soc_shortfall_price_must_sit_below_voll(case_dict) -> None:
    case_dict["reliability"].update(voll_usd_per_mwh=5_000, final_soc_shortfall_usd_per_mwh=8_000)
    with pytest.raises(CaseError) as err:
        parse_case(case_dict)
    assert [i.path for i in err.value.issues] == ["reliability.final_soc_shortfall_usd_per_mwh"]
    case_dict["reliability"]["final_soc_shortfall_usd_per_mwh"] = None  # a hard target is the user's rule
    assert parse_case(case_dict).reliability.final_soc_shortfall_usd_per_mwh is None


def test_supply_warnings_on_a_critical_overload(case_dict) -> None:
    # 150 MW critical, 60 MW import + 4 x 15 MW: 30 MW beyond import + generation for 24 h = 720 MWh, more than
    # the battery's usable (0.5 - 0.05) * 600 * 0.95 = 256.5 MWh; the peak (150) is within 120 + 150 MW
    case_dict["resources"]["loads"][0]["power_mw"] = 150
    case_dict["resources"]["bess"].update(power_mw=150, energy_mwh=600)
    warnings = supply_warnings(parse_case(case_dict))
    assert len(warnings) == 1
    assert "720.000 MWh" in warnings[0] and "256.500 MWh" in warnings[0]
    # a peak beyond everything: with no ride-through requirement (so the battery need not carry the peak),
    # 300 MW critical > 60 MW import + 60 MW generation + 150 MW battery = 270 MW
    case_dict["resources"]["loads"][0]["power_mw"] = 300
    case_dict["reliability"]["ride_through_minutes"] = 0
    case_dict["resources"]["generators"][0]["start_time_min"] = 0
    warnings = supply_warnings(parse_case(case_dict))
    assert any("peak critical demand 300 MW exceeds" in w and "= 270 MW" in w for w in warnings)


def test_no_supply_warning_for_the_seed(case_dict) -> None:
    assert supply_warnings(parse_case(case_dict)) == []
