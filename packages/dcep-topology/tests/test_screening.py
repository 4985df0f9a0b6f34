"""Screening a schedule: every violation kind found where an independent calculation says it is."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dcep_topology import BaseSystemSpec, TransformerGroupSpec, mva_polygon_error, screen_schedule

SPEC = BaseSystemSpec(
    transformers=(TransformerGroupSpec("T1", 80.0, 2, firm_count=1),),
    poi_rating_mva=75.0,
    poi_max_import_mw=60.0,
    poi_max_export_mw=20.0,
    poi_min_pf=0.95,
)


def test_clean_schedule_has_no_violations() -> None:
    load_p = np.array([30.0, 40.0, 50.0])
    report = screen_schedule(SPEC, load_p, load_p * 0.2)
    assert report.ok, report.violations
    # Two 80 MVA units: loading = |S| / V / 160 MVA.
    expected = np.hypot(load_p, load_p * 0.2) / report.mv_vm_pu / 160 * 100
    np.testing.assert_allclose(report.trafo_loading_percent[:, 0], expected, atol=1e-6)


def test_each_limit_is_flagged() -> None:
    # 0: firm (one unit out) exceeded;  1: import and MVA;  2: PF (Q heavy);  3: export;  4: overload + low V.
    load_p = np.array([75.0, 70.0, 30.0, 0.0, 150.0])
    load_q = np.array([30.0, 10.0, 25.0, 0.0, 90.0])
    bess_p = np.array([0.0, 0.0, 0.0, 25.0, 0.0])
    gen_p = np.array([0.0, 0.0, 0.0, 0.0, 0.0])
    report = screen_schedule(SPEC, load_p, load_q, bess_p_mw=bess_p, gen_p_mw=gen_p)
    kinds = {(v.interval, v.kind) for v in report.violations}
    # 80.8 MVA at ~0.98 pu: > 80 MVA firm (50 % of the pair), < 100 % of both units.
    assert (0, "trafo_firm") in kinds and (0, "trafo_overload") not in kinds
    assert (1, "poi_import") in kinds and (1, "poi_mva") not in kinds  # 70.x MW, 71.x MVA
    assert (2, "poi_pf") in kinds  # 30 MW with ~27 MVAr: PF ~ 0.74
    assert (3, "poi_export") in kinds  # 25 MW out
    assert {(4, "trafo_overload"), (4, "voltage_low"), (4, "poi_mva")} <= kinds
    # Independent check of interval 2's PF from the reported P and Q.
    pf2 = report.poi_p_mw[2] / math.hypot(report.poi_p_mw[2], report.poi_q_mvar[2])
    assert report.poi_pf[2] == pytest.approx(pf2)
    assert pf2 < 0.8
    assert report.counts()["poi_export"] == 1


def test_linear_gap_is_losses_plus_polygon_error() -> None:
    """Lossless linear P,Q through the polygon vs AC: the gap is at most the polygon error + losses."""
    rng = np.random.default_rng(11)
    load_p = rng.uniform(5, 55, 40)
    load_q = load_p * rng.uniform(0.0, 0.3, 40)
    report = screen_schedule(SPEC, load_p, load_q)
    s_lossless = np.hypot(load_p, load_q)
    losses = report.poi_s_mva - s_lossless
    assert np.all(losses >= 0)  # AC import always exceeds the lossless one
    bound = s_lossless * mva_polygon_error(16) / (1 - mva_polygon_error(16)) + losses
    assert report.max_linear_gap_mva <= bound.max() + 1e-9
    assert report.max_linear_gap_mva == pytest.approx(np.abs(report.linear_s_mva - report.poi_s_mva).max())


def test_pf_not_checked_near_zero_exchange() -> None:
    report = screen_schedule(SPEC, np.array([10.0]), np.array([0.3]), bess_p_mw=np.array([10.0]))
    assert report.poi_s_mva[0] < 1.0
    assert "poi_pf" not in report.counts()
    assert np.isnan(report.poi_pf[0])  # no meaningful PF without flow: not reported


def test_bad_arrays_name_the_argument() -> None:
    with pytest.raises(ValueError, match="bess_p_mw"):
        screen_schedule(SPEC, np.ones(3), np.ones(3), bess_p_mw=np.ones(4))
    with pytest.raises(ValueError, match="load_q_mvar"):
        screen_schedule(SPEC, np.ones(2), np.array([1.0, np.nan]))


def test_poi_limits_are_measured_at_the_poi_bus_not_behind_the_grid_impedance() -> None:
    """A weak grid (500 MVA short-circuit): the source sees the Thevenin impedance's own losses, the meter
    at the POI bus does not. POI = MV-side flow + transformer losses, checked from the branch results."""
    spec = BaseSystemSpec(grid_short_circuit_mva=500.0, grid_x_over_r=10.0, poi_min_pf=0.95, poi_max_import_mw=60.2)
    load_p = np.array([60.0, 40.0])
    load_q = np.array([19.2, 13.0])
    report = screen_schedule(spec, load_p, load_q)
    # transformer losses by hand: I^2 (r + jx) with I = S / V_mv on 80 MVA, vk 10 %, vkr 0.3 %
    s_mv = np.hypot(load_p, load_q) / report.mv_vm_pu
    r_pu, x_pu = 0.003, math.sqrt(0.10**2 - 0.003**2)
    np.testing.assert_allclose(report.poi_p_mw, load_p + r_pu * s_mv**2 / 80.0, rtol=1e-6)
    np.testing.assert_allclose(report.poi_q_mvar, load_q + x_pu * s_mv**2 / 80.0, rtol=1e-6)
    # the source adds the grid impedance's loss: x = 0.2 pu / sqrt(101) * 10 on 100 MVA
    z = 100.0 / 500.0
    x_grid = z / math.sqrt(1 + 10.0**2) * 10.0
    s_hv = report.poi_s_mva / report.poi_vm_pu
    np.testing.assert_allclose(report.grid_q_mvar - report.poi_q_mvar, x_grid * s_hv**2 / 100.0, rtol=1e-6)
    assert report.grid_p_mw[0] > 60.2 > report.poi_p_mw[0]  # the meter is within the cap, the source is not
    assert "poi_import" not in report.counts()
    np.testing.assert_allclose(report.poi_pf, report.poi_p_mw / report.poi_s_mva)
    assert report.max_linear_gap_mw == pytest.approx(np.abs(report.poi_p_mw - load_p).max())


def test_site_without_transformer_is_metered_at_its_own_bus() -> None:
    """No transformer group: the loads sit on the POI bus, so the meter reads exactly the site's exchange;
    a 500 MVA grid impedance still drops the voltage (by about (R*P + X*Q) / S_base in pu)."""
    spec = BaseSystemSpec(
        hv_kv=12.0, mv_kv=12.0, transformers=(), grid_short_circuit_mva=500.0, poi_min_pf=0.95, poi_max_import_mw=2.1
    )
    load_p, load_q = np.array([2.0, 0.5]), np.array([0.6, 0.1])
    report = screen_schedule(spec, load_p, load_q)
    np.testing.assert_allclose(report.poi_p_mw, load_p, atol=1e-9)
    np.testing.assert_allclose(report.poi_q_mvar, load_q, atol=1e-9)
    np.testing.assert_allclose(report.poi_vm_pu, report.mv_vm_pu)  # one bus
    z = 100.0 / 500.0
    r, x = z / math.sqrt(101.0), z / math.sqrt(101.0) * 10.0
    np.testing.assert_allclose(1.0 - report.poi_vm_pu, (r * load_p + x * load_q) / 100.0, rtol=0.02)
    assert report.trafo_loading_percent.shape == (2, 0)
    assert report.ok
    with pytest.raises(ValueError, match="mv_kv must equal hv_kv"):
        BaseSystemSpec(hv_kv=12.0, mv_kv=4.16, transformers=())
