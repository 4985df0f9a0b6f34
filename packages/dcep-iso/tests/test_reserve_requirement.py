"""Reserve-requirement arithmetic: offer MW and the energy behind it, by hand."""

from __future__ import annotations

from datetime import date

import pytest

from dcep_iso import UnknownProductError, get_iso_adapter

ERCOT_AUG_2025 = get_iso_adapter("ERCOT", date(2025, 8, 14))


def test_power_limited_up_offer():
    # NSPIN: 4 h. 10 MW x 4 h = 40 MWh <= 100 MWh stored.
    r = ERCOT_AUG_2025.get_reserve_requirement("NSPIN", capacity_mw=10, soc_mwh=100)
    assert (r.offer_mw, r.energy_mwh, r.limited_by) == (10, 40, "power")


def test_energy_limited_up_offer_with_losses():
    # NSPIN 4 h, 50 MWh, discharge efficiency 0.95: R = 50 * 0.95 / 4 = 11.875 MW; it holds all 50 MWh.
    r = ERCOT_AUG_2025.get_reserve_requirement("NSPIN", capacity_mw=25, soc_mwh=50, discharge_efficiency=0.95)
    assert r.offer_mw == pytest.approx(11.875)
    assert r.energy_mwh == pytest.approx(50.0)
    assert r.limited_by == "energy"


def test_ecrs_needs_twice_the_energy_before_rtc_b():
    before = ERCOT_AUG_2025.get_reserve_requirement("ECRS", capacity_mw=25, soc_mwh=20)
    after = get_iso_adapter("ERCOT", date(2026, 1, 5)).get_reserve_requirement("ECRS", capacity_mw=25, soc_mwh=20)
    assert (before.offer_mw, before.energy_mwh) == (10.0, 20.0)  # 2 h
    assert (after.offer_mw, after.energy_mwh) == (20.0, 20.0)  # 1 h


def test_down_offer_limited_by_room():
    # REGDN 1 h before RTC+B, charge efficiency 0.9: 6 MWh of room takes 6 / 0.9 = 6.667 MW for an hour.
    r = ERCOT_AUG_2025.get_reserve_requirement(
        "REGDN", capacity_mw=25, soc_mwh=0, headroom_mwh=6, charge_efficiency=0.9
    )
    assert r.direction == "down"
    assert r.offer_mw == pytest.approx(6 / 0.9)
    assert r.energy_mwh == pytest.approx(6.0)


def test_down_offer_ignores_stored_energy():
    r = ERCOT_AUG_2025.get_reserve_requirement("REGDN", capacity_mw=7, soc_mwh=0)
    assert (r.offer_mw, r.energy_mwh) == (7, 7.0)


def test_symmetric_regulation_needs_both_sides():
    pjm = get_iso_adapter("PJM")  # REG 0.5 h, symmetric
    r = pjm.get_reserve_requirement("REG", capacity_mw=20, soc_mwh=8, headroom_mwh=3)
    # up side: 8 / 0.5 = 16 MW; down side: 3 / 0.5 = 6 MW -> 6 MW.
    assert r.symmetric and r.offer_mw == pytest.approx(6.0)


def test_bad_inputs_are_named():
    with pytest.raises(ValueError, match="capacity_mw"):
        ERCOT_AUG_2025.get_reserve_requirement("RRS", capacity_mw=-1, soc_mwh=5)
    with pytest.raises(ValueError, match="discharge_efficiency"):
        ERCOT_AUG_2025.get_reserve_requirement("RRS", capacity_mw=1, soc_mwh=5, discharge_efficiency=1.2)
    with pytest.raises(UnknownProductError, match="offered: REGUP, REGDN, RRS, ECRS, NSPIN"):
        ERCOT_AUG_2025.get_reserve_requirement("SPIN", capacity_mw=1, soc_mwh=5)


def test_product_lines_for_a_battery(make_case):
    from dcep_iso import adapter_for_case, product_lines

    case = make_case()  # 10 MW / 40 MWh, floor 0.25, max 0.95, efficiencies 0.95
    lines = {ln.name: ln for ln in product_lines(adapter_for_case(case), case.resources.bess)}
    usable = (0.95 - 0.25) * 40  # 28 MWh
    assert lines["NSPIN"].mwh_per_mw == pytest.approx(4 / 0.95)
    assert lines["NSPIN"].offer_mw == pytest.approx(usable * 0.95 / 4)  # 6.65 MW
    assert lines["REGDN"].held_mwh == pytest.approx(10 * 1.0 * 0.95)  # power-limited, room 9.5 MWh


def test_symmetric_product_holds_energy_on_both_sides_in_the_summary():
    # PJM REG: 0.5 h, symmetric. A lossless 1 MW award keeps 0.5 MWh stored AND 0.5 MWh of room
    # (the summary used to count only the up side: 0.5)
    from dcep_iso import product_lines, reserve_mwh_per_mw

    lines = {ln.name: ln for ln in product_lines(get_iso_adapter("PJM"))}
    assert lines["REG"].symmetric
    assert lines["REG"].mwh_per_mw == pytest.approx(0.5 + 0.5)
    assert reserve_mwh_per_mw(0.5, "up", True, 0.9, 0.8) == pytest.approx((0.5 / 0.8, 0.5 * 0.9))
    assert reserve_mwh_per_mw(2.0, "up") == (2.0, 0.0) and reserve_mwh_per_mw(2.0, "down") == (0.0, 2.0)
    r = get_iso_adapter("PJM").get_reserve_requirement("REG", capacity_mw=20, soc_mwh=8, headroom_mwh=3)
    assert r.energy_mwh == pytest.approx(6.0 * (0.5 + 0.5))  # both sides behind the 6 MW offer
