"""Transformer reactive loss: the coefficient by hand, the lifted tangents against the exact c*S**2,
and the solved schedule's exact POI reactive power inside the PF cone."""

from __future__ import annotations

import math

import numpy as np
import pytest

from dcep_opt import GridInputs, LoadInputs, solve_dispatch
from dcep_topology.linear import loss_lower_bound_mvar, loss_tangents, transformer_q_loss_coefficient


def test_loss_coefficient_of_two_parallel_units_by_hand() -> None:
    # two 80 MVA units, vk 10 %, vkr 0.3 %: x = sqrt(10**2 - 0.3**2) / 100 = 0.099955 pu on 80 MVA each;
    # in parallel x_eq = 0.099955 / 160 per MVA; at 0.95 pu the current is S / 0.95.
    c = transformer_q_loss_coefficient([(80.0, 2, 10.0, 0.3)], v_min_pu=0.95)
    assert c == pytest.approx(0.09995499 / 160.0 / 0.95**2, rel=1e-6)
    # 60 MVA through them at 1.0 pu: 0.099955 * (60/160)**2 * 160 = 2.249 MVAr
    assert transformer_q_loss_coefficient([(80.0, 2, 10.0, 0.3)]) * 60.0**2 == pytest.approx(2.24899, rel=1e-4)
    # groups in parallel add admittances: one 80 MVA + one 40 MVA unit at the same vk = one 120 MVA unit
    mixed = transformer_q_loss_coefficient([(80.0, 1, 8.0, 0.0), (40.0, 1, 8.0, 0.0)])
    assert mixed == pytest.approx(0.08 / 120.0, rel=1e-12)
    assert transformer_q_loss_coefficient([]) == 0.0
    with pytest.raises(ValueError):
        transformer_q_loss_coefficient([(80.0, 1, 0.3, 0.3)])


@pytest.mark.parametrize("n_points", [1, 4, 6, 10])
def test_lifted_tangents_bound_the_exact_loss_on_a_grid(n_points: int) -> None:
    coef, s_max = 6.9e-4, 76.5
    tangents = loss_tangents(coef, s_max, n_points)
    d = s_max / n_points
    lift = coef * d * d / 4.0
    for s in np.linspace(0.0, s_max, 2001):
        exact = coef * s * s
        bound = loss_lower_bound_mvar(tangents, float(s))
        assert bound <= exact + lift + 1e-12  # never more than c*d**2/4 above the exact loss
        assert bound >= exact - 1e-12  # conservative everywhere (the chord covers [0, d/2])
    assert loss_lower_bound_mvar(tangents, 0.0) == 0.0  # no loss forced at zero exchange
    # at a tangent point the bound is exactly the lift above the curve
    assert loss_lower_bound_mvar(tangents, d) == pytest.approx(coef * d * d + lift, rel=1e-12)


def test_solved_poi_reactive_power_with_exact_loss_is_inside_the_pf_cone(make_inputs, make_battery) -> None:
    # No local reactive support and a loss 5x the default case's: the grid carries all the load's Q, so
    # the cone limits how far the battery may cut the import. Checked with the exact c*S**2.
    n = 24
    price = np.where(np.arange(n) % 6 < 3, 20.0, 120.0)
    coef = 3.5e-3
    loads = (
        LoadInputs("it", "critical", np.full(n, 30.0), power_factor=0.97),
        LoadInputs(
            "flex", "curtailable", np.full(n, 20.0), power_factor=0.97, shed_cost_usd_per_mwh=400.0, max_shed_frac=0.5
        ),
    )
    grid = GridInputs(
        max_import_mw=70.0,
        max_export_mw=20.0,
        poi_mva=75.0,
        transformer_firm_mva=80.0,
        min_power_factor=0.95,
        transformer_v_min_pu=0.95,
        transformer_q_loss_mvar_per_mva2=coef,
    )
    inp = make_inputs(price, interval_hours=0.25, loads=loads, battery=make_battery(reactive_support=False), grid=grid)
    r = solve_dispatch(inp).result
    assert r.solver.status == "optimal"
    ts = r.timeseries
    p, q = ts["grid_net_import_mw"], ts["grid_q_mvar"]
    s = np.hypot(p, q)
    ratio = math.tan(math.acos(0.95))
    d = 75.0 / math.cos(math.pi / 16) / 6
    lift = coef * d * d / 4
    q_poi = q + coef * s**2
    assert np.all(s >= d / 2)
    assert np.all(q_poi <= ratio * p + 1e-6)  # the exact POI Q is inside the cone in every interval
    # and the cone binds in the dear intervals (within the tangents' lift): the battery discharges only
    # as far as the POI power factor allows, which the lossless cone q <= r*p would have let go further
    dear = price > 100
    np.testing.assert_allclose(q_poi[dear], ratio * p[dear], atol=lift + 1e-6)
    assert np.all(q[dear] < ratio * p[dear] - 1.0)


def test_netting_q_range_keeps_the_loss_in_the_cone_by_hand() -> None:
    from dcep_topology.linear import grid_q_range

    r = math.tan(math.acos(0.95))  # 0.32868
    # 40 MW net import with a 2 MVAr loss: -r*40 <= Q and Q + 2 <= r*40; the 75 MVA polygon is slack here
    lo, hi = grid_q_range(75.0, 16, 0.95, 40.0, loss_mvar=2.0)
    assert (lo, hi) == pytest.approx((-r * 40.0, r * 40.0 - 2.0), abs=1e-9)
    # the solved apparent-power estimate S = 41 MVA bounds Q through the 22.5 degree face of xfmr-s:
    # cos(22.5) * 40 + sin(22.5) * Q <= cos(11.25) * 41, and the -22.5 degree face the same for -Q
    th, cos_n = math.pi / 8, math.cos(math.pi / 16)
    rows = [(math.cos(a), math.sin(a), cos_n * 41.0) for a in (-th, 0.0, th)]
    lo2, hi2 = grid_q_range(75.0, 16, 0.95, 40.0, loss_mvar=2.0, extra_rows=rows)
    assert hi2 == pytest.approx((cos_n * 41.0 - math.cos(th) * 40.0) / math.sin(th), abs=1e-9)
    assert lo2 == pytest.approx(-hi2, abs=1e-9)
    # a loss larger than the cone leaves no Q at all
    assert grid_q_range(75.0, 16, 0.95, 10.0, loss_mvar=7.0) is None
