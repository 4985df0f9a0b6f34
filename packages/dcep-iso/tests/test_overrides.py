"""Case overrides: the market section replaces adapter facts; GENERIC takes everything from it."""

from __future__ import annotations

import pytest

from dcep_iso import adapter_for_case
from dcep_models import CaseError

PRODUCTS = [
    {"name": "FASTUP", "direction": "up", "deploy_minutes": 1, "duration_hours": 0.25},
    {"name": "SLOWDN", "direction": "down", "deploy_minutes": 15, "duration_hours": 2, "online_only": False},
]


def test_rules_follow_the_case_start_date(make_case):
    aug = adapter_for_case(make_case())
    jan = adapter_for_case(make_case(time={"start": "2026-01-10T00:00:00"}))
    assert aug.get_product("ECRS").duration_hours == 2.0
    assert jan.get_product("ECRS").duration_hours == 1.0


def test_duration_interval_and_cap_overrides(make_case):
    case = make_case(market={"duration_hours": {"ECRS": 1.5}, "rtm_interval_min": 15, "price_cap_usd_per_mwh": 3000})
    a = adapter_for_case(case)
    assert a.get_product("ECRS").duration_hours == 1.5
    assert a.get_product("ECRS").source == "case"
    assert a.market_interval.rtm_interval_min == 15
    assert a.market_interval.settlement_interval_min == 15
    assert a.price_cap_usd_per_mwh == 3000
    assert set(a.overridden) == {"duration_hours.ECRS", "rtm_interval_min", "price_cap_usd_per_mwh"}


def test_offered_products_narrow_the_list(make_case):
    a = adapter_for_case(make_case(market={"offered_products": ["regup", "NSPIN"]}))
    assert a.product_names == ["REGUP", "NSPIN"]


def test_unknown_override_is_a_case_error_with_its_path(make_case):
    with pytest.raises(CaseError) as info:
        adapter_for_case(make_case(market={"duration_hours": {"SPIN": 1.0}}))
    assert info.value.issues[0].path == "market.duration_hours"
    assert "ERCOT does not offer product 'SPIN'" in info.value.issues[0].reason


def test_generic_takes_every_parameter_from_the_case(make_case):
    case = make_case(
        iso="GENERIC",
        market={
            "products": PRODUCTS,
            "rtm_interval_min": 15,
            "settlement_interval_min": 15,
            "dam_interval_min": 60,
            "price_cap_usd_per_mwh": 1500,
            "price_floor_usd_per_mwh": -100,
        },
    )
    a = adapter_for_case(case)
    assert a.name == "GENERIC"
    assert a.product_names == ["FASTUP", "SLOWDN"]
    slow = a.get_product("SLOWDN")
    assert (slow.direction, slow.deploy_minutes, slow.duration_hours, slow.online_only) == ("down", 15, 2, False)
    assert (a.price_cap_usd_per_mwh, a.price_floor_usd_per_mwh) == (1500, -100)
    r = a.get_reserve_requirement("FASTUP", capacity_mw=10, soc_mwh=1)
    assert r.offer_mw == pytest.approx(4.0)  # 1 MWh / 0.25 h
