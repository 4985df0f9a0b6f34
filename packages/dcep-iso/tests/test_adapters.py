"""Every adapter's products, durations, intervals and caps against reference/iso-markets.md."""

from __future__ import annotations

import math
from datetime import date

import pytest

from dcep_iso import ADAPTERS, ASProduct, available_isos, get_iso_adapter
from dcep_models import KNOWN_ISOS

BEFORE_RTC = date(2025, 8, 14)
AFTER_RTC = date(2026, 1, 15)


def test_registry_matches_the_case_schema_list():
    assert set(available_isos()) == set(KNOWN_ISOS) == set(ADAPTERS)


@pytest.mark.parametrize("spelling", ["ERCOT", "ercot", "Ercot", " ercot "])
def test_lookup_is_case_insensitive(spelling):
    assert get_iso_adapter(spelling).name == "ERCOT"


@pytest.mark.parametrize("spelling", ["ISO-NE", "isone", "iso-ne", "IsoNe"])
def test_iso_ne_spellings(spelling):
    assert get_iso_adapter(spelling).name == "ISO-NE"


def test_unknown_market_lists_the_known_ones():
    with pytest.raises(ValueError) as info:
        get_iso_adapter("AESO")
    for name in KNOWN_ISOS:
        assert name in str(info.value)


def test_seed_example_call_works_as_written():
    adapter = get_iso_adapter("ERCOT")
    assert adapter.market_interval.rtm_interval_min == 5
    assert {p.name for p in adapter.as_products} == {"RRS", "ECRS", "REGUP", "REGDN", "NSPIN"}
    req = adapter.get_reserve_requirement(product=ASProduct.RRS, capacity_mw=25, soc_mwh=50)
    # RTC+B RRS (PFR) duration 30 min: 25 MW needs 12.5 MWh, and 50 MWh does not bind.
    assert req.offer_mw == 25
    assert req.energy_mwh == pytest.approx(12.5)


def test_ercot_intervals_and_caps():
    a = get_iso_adapter("ERCOT", BEFORE_RTC)
    iv = a.market_interval
    assert (iv.rtm_interval_min, iv.settlement_interval_min, iv.dam_interval_min) == (5, 15, 60)
    assert a.price_cap_usd_per_mwh == 5000.0  # HCAP since 1 Jan 2022 (S5)
    assert get_iso_adapter("ERCOT", date(2021, 12, 31)).price_cap_usd_per_mwh == 9000.0
    assert {"HB_HOUSTON", "HB_NORTH", "HB_SOUTH", "HB_WEST", "HB_PAN", "HB_BUSAVG"} <= set(a.hubs)
    assert {"LZ_HOUSTON", "LZ_NORTH", "LZ_SOUTH", "LZ_WEST", "LZ_AEN", "LZ_CPS", "LZ_LCRA"} == set(a.zones)


@pytest.mark.parametrize(
    ("product", "direction", "deploy_min", "hours_before", "hours_after"),
    [
        ("REGUP", "up", 5, 1.0, 0.5),
        ("REGDN", "down", 5, 1.0, 0.5),
        ("RRS", "up", 10, 1.0, 0.5),
        ("ECRS", "up", 10, 2.0, 1.0),
        ("NSPIN", "up", 30, 4.0, 4.0),
    ],
)
def test_ercot_products_change_with_rtc_b(product, direction, deploy_min, hours_before, hours_after):
    before = get_iso_adapter("ERCOT", BEFORE_RTC).get_product(product)
    after = get_iso_adapter("ERCOT", AFTER_RTC).get_product(product)
    assert before.direction == after.direction == direction
    assert before.deploy_minutes == deploy_min
    assert before.duration_hours == hours_before
    assert after.duration_hours == hours_after
    assert before.storage_eligible and before.load_eligible
    if hours_before != hours_after:
        assert after.effective_from == date(2025, 12, 5)


def test_ercot_ecrs_did_not_exist_before_june_2023():
    assert not get_iso_adapter("ERCOT", date(2023, 6, 9)).offers("ECRS")
    assert get_iso_adapter("ERCOT", date(2023, 6, 10)).offers("ECRS")


def test_ercot_nonspin_may_come_from_offline_units():
    assert get_iso_adapter("ERCOT").get_product("NSPIN").online_only is False


EXPECTED = {
    # market: (products on 2026-07-01, rtm, settlement, dam, cap, floor)
    "CAISO": ({"REGUP", "REGDN", "SPIN", "NSPIN", "RAMPUP", "RAMPDN", "IRU", "IRD"}, 5, 5, 60, 2000.0, -150.0),
    "PJM": ({"REG", "SPIN", "NSPIN", "SR30"}, 5, 5, 60, 2000.0, -1000.0),
    "MISO": ({"REG", "SPIN", "SUPP", "RAMPUP", "RAMPDN", "STR"}, 5, 5, 60, 10000.0, -1000.0),
    "NYISO": ({"REG", "SPIN", "NSPIN", "SR30"}, 5, 5, 60, 2000.0, -1000.0),
    "ISO-NE": ({"REG", "SPIN", "NSPIN", "SR30", "EIR"}, 5, 5, 60, 2000.0, -1000.0),
    "SPP": ({"REGUP", "REGDN", "SPIN", "SUPP", "RAMPUP", "RAMPDN", "UNCUP"}, 5, 5, 60, 2000.0, -1000.0),
}


@pytest.mark.parametrize("market", sorted(EXPECTED))
def test_other_markets_products_intervals_caps(market):
    products, rtm, settle, dam, cap, floor = EXPECTED[market]
    a = get_iso_adapter(market, date(2026, 7, 1))
    assert set(a.product_names) == products
    iv = a.market_interval
    assert (iv.rtm_interval_min, iv.settlement_interval_min, iv.dam_interval_min) == (rtm, settle, dam)
    assert (a.price_cap_usd_per_mwh, a.price_floor_usd_per_mwh) == (cap, floor)
    for rule in a.as_products:
        assert rule.direction in ("up", "down")
        assert rule.duration_hours > 0 and rule.deploy_minutes >= 0
        assert rule.source, f"{market} {rule.name} has no source"
        if not rule.verified:
            assert rule.note, f"{market} {rule.name} is unverified without a note"


def test_dated_rules_outside_ercot():
    assert get_iso_adapter("PJM", date(2018, 3, 31)).market_interval.settlement_interval_min == 60
    assert get_iso_adapter("PJM", date(2018, 4, 1)).market_interval.settlement_interval_min == 5
    assert get_iso_adapter("MISO", date(2018, 6, 30)).market_interval.settlement_interval_min == 60
    assert get_iso_adapter("MISO", date(2025, 9, 29)).price_cap_usd_per_mwh == 3500.0
    assert get_iso_adapter("MISO", date(2025, 9, 30)).price_cap_usd_per_mwh == 10000.0
    assert not get_iso_adapter("MISO", date(2021, 12, 6)).offers("STR")
    assert get_iso_adapter("CAISO", date(2021, 3, 19)).price_cap_usd_per_mwh == 1000.0
    assert not get_iso_adapter("CAISO", date(2026, 4, 30)).offers("IRU")
    assert not get_iso_adapter("ISO-NE", date(2025, 2, 28)).offers("EIR")
    assert not get_iso_adapter("SPP", date(2022, 1, 31)).offers("RAMPUP")


def test_reference_facts_outside_ercot():
    # PJM regulation is symmetric; synchronized reserve events last at most 30 min (P8).
    pjm = get_iso_adapter("PJM")
    assert pjm.get_product("REG").symmetric
    assert pjm.get_product("SPIN").duration_hours == 0.5 and pjm.get_product("SPIN").deploy_minutes == 10
    assert pjm.get_product("SR30").deploy_minutes == 30 and not pjm.get_product("SR30").online_only
    # SPP uncertainty reserve: sustain >= 1 h, online or offline (SP1).
    unc = get_iso_adapter("SPP").get_product("UNCUP")
    assert unc.duration_hours >= 1 and not unc.online_only and unc.verified
    # MISO short-term reserve: 30-min response, online or offline (M2).
    str_ = get_iso_adapter("MISO").get_product("STR")
    assert str_.deploy_minutes == 30 and not str_.online_only
    assert "WESTERN HUB" in pjm.hubs and "TH_SP15_GEN-APND" in get_iso_adapter("CAISO").hubs
    assert "N.Y.C." in get_iso_adapter("NYISO").zones


def test_price_file_aliases_find_products():
    ercot = get_iso_adapter("ERCOT")
    assert ercot.get_product("ERCOT Contingency Reserve Service").name == "ECRS"
    assert ercot.get_product("Non-Spinning Reserves").name == "NSPIN"
    assert get_iso_adapter("SPP").get_product("Reg_Dn").name == "REGDN"
    assert get_iso_adapter("CAISO").get_product("Spinning Reserves").name == "SPIN"


def test_generic_has_no_facts_of_its_own():
    g = get_iso_adapter("GENERIC")
    assert g.as_products == []
    assert math.isinf(g.price_cap_usd_per_mwh)
