"""Feasibility simulation: workload shapes in closed form, the BESS rule's energy bookkeeping and limits."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dcep_topology import BaseSystemSpec, TransformerGroupSpec, simulate, workload_shape


def test_workload_shapes_closed_form() -> None:
    hours = np.arange(24.0)
    inference = workload_shape("inference", hours)
    assert inference[14] == pytest.approx(0.90)
    assert inference[2] == pytest.approx(0.40)
    assert inference.mean() == pytest.approx(0.65)  # a full cosine period averages out
    assert np.all(workload_shape("training", hours) == 0.95)
    np.testing.assert_allclose(workload_shape("mixed", hours), 0.5 * (0.95 + inference))
    with pytest.raises(ValueError, match="mode"):
        workload_shape("gaming", hours)


def test_dc_800v_draws_less_for_the_same_work() -> None:
    spec = BaseSystemSpec()
    ac = simulate(spec, "ac_racks", "training", 2)
    dc = simulate(spec, "dc_800v", "training", 2)
    np.testing.assert_allclose(dc.load_p_mw, ac.load_p_mw * 0.90 / 0.945)
    assert ac.load_p_mw[0] == pytest.approx(50 * 0.95)
    assert dc.load_pf == 0.995
    assert dc.load_q_mvar[0] == pytest.approx(dc.load_p_mw[0] * math.tan(math.acos(0.995)))


def test_bess_shaves_to_threshold_and_keeps_soc_floor() -> None:
    # 60 MVA firm, 50 MW training load at PF 0.97: threshold 0.9 * 60 = 54 MVA is not crossed at 47.5 MW,
    # so use a 50 MVA transformer: threshold 45 MVA, load 47.5 MW + 11.9 MVAr = 48.97 MVA.
    spec = BaseSystemSpec(
        transformers=(TransformerGroupSpec("T1", 50.0, 1),),
        bess_power_mw=10.0,
        bess_energy_mwh=20.0,
        bess_pcs_mva=12.0,
        bess_soc_initial_frac=0.5,
        bess_soc_min_frac=0.2,
        bess_efficiency=0.95,
    )
    res = simulate(spec, "ac_racks", "training", 6)
    p_l, q_l = res.load_p_mw[0], res.load_q_mvar[0]
    expected = p_l - math.sqrt(45.0**2 - q_l**2)  # real power that brings |S| back to 45 MVA
    assert res.bess_p_mw[0] == pytest.approx(expected)
    # SOC bookkeeping: each MWh discharged costs 1 / 0.95 MWh of storage; never below 20 %.
    soc = 0.5 - np.cumsum(res.bess_p_mw / 0.95) / 20.0
    np.testing.assert_allclose(res.soc_frac, soc, atol=1e-12)
    assert res.soc_frac.min() >= 0.2 - 1e-12
    assert res.bess_p_mw[-1] < expected  # the battery ran down to its floor and shaved less
    # The PCS never exceeds its MVA rating.
    assert np.all(np.hypot(res.bess_p_mw, res.bess_q_mvar) <= 12.0 + 1e-9)


def test_reactive_support_holds_poi_power_factor() -> None:
    """At load PF 0.94 the POI needs support; the rule's AC result meets the 0.95 minimum."""
    spec = BaseSystemSpec(poi_min_pf=0.95)
    res = simulate(spec, "ac_racks", "mixed", 24, load_pf=0.94)
    assert np.all(res.bess_q_mvar > 0)
    assert res.report.poi_pf.min() >= 0.95
    assert "poi_pf" not in res.report.counts()
    without = simulate(BaseSystemSpec(poi_min_pf=0.95, bess_pcs_mva=1e-6), "ac_racks", "mixed", 24, load_pf=0.94)
    assert without.report.counts()["poi_pf"] == 24  # the AC screen sees the problem without support


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="arch"):
        simulate(BaseSystemSpec(), "dc_48v", "training", 1)
    with pytest.raises(ValueError, match="hours"):
        simulate(BaseSystemSpec(), "ac_racks", "training", 0)
