"""The batch power flow on pandapower networks with out-of-service branches and switches, against runpp.

pandapower's internal matrices hold only in-service branches while its branch ranges index the full
table: an out-of-service line listed first, or an out-of-service transformer, shifts every row
after it. Each network here is solved both ways at several random load levels.
"""

from __future__ import annotations

import numpy as np
import pandapower as pp
import pytest

from dcep_topology import BatchPowerFlow

TOL_PU = 1e-9  # |dV| pu; both solvers converge far below this (runpp at 1e-11 MVA)


def _hv_mv_net() -> pp.pandapowerNet:
    """110 kV grid, two parallel lines (the first out of service), a 25 MVA 110/20 kV transformer."""
    net = pp.create_empty_network()
    b0, b1, b2 = (pp.create_bus(net, kv) for kv in (110.0, 110.0, 20.0))
    pp.create_ext_grid(net, b0)
    pp.create_line(net, b0, b1, 5.0, "149-AL1/24-ST1A 110.0", in_service=False)
    pp.create_line(net, b0, b1, 5.0, "149-AL1/24-ST1A 110.0")
    pp.create_transformer(net, b1, b2, "25 MVA 110/20 kV")
    pp.create_load(net, b2, p_mw=8.0, q_mvar=2.0)
    return net


def _test_trafo_net() -> pp.pandapowerNet:
    """Like pandapower's test helper ``add_test_trafo``: three parallel transformers, one out of service,
    a second group (x2 in parallel) and a closed bus-bus switch merging two MV buses."""
    net = pp.create_empty_network()
    hv = pp.create_bus(net, 20.0)
    lv = pp.create_bus(net, 0.4)
    lv2 = pp.create_bus(net, 0.4)
    pp.create_ext_grid(net, hv)
    kw = {"sn_mva": 0.4, "vn_hv_kv": 20.0, "vn_lv_kv": 0.4, "vk_percent": 6.0, "vkr_percent": 1.425}
    pp.create_transformer_from_parameters(net, hv, lv, pfe_kw=1.35, i0_percent=0.3375, **kw)
    pp.create_transformer_from_parameters(net, hv, lv, pfe_kw=1.35, i0_percent=0.3375, in_service=False, **kw)
    pp.create_transformer_from_parameters(net, hv, lv, pfe_kw=0.0, i0_percent=0.0, parallel=2, **kw)
    pp.create_switch(net, lv, lv2, et="b", closed=True)
    pp.create_load(net, lv, p_mw=0.3, q_mvar=0.05)
    pp.create_load(net, lv2, p_mw=0.2, q_mvar=0.02)
    pp.create_sgen(net, lv2, p_mw=0.1, q_mvar=0.0)
    return net


def _open_switch_net() -> pp.pandapowerNet:
    """A radial feeder with an open line switch isolating its end (NaN bus) and an out-of-service bus."""
    net = pp.create_empty_network()
    b = [pp.create_bus(net, 20.0) for _ in range(5)]
    pp.create_ext_grid(net, b[0])
    for i in range(3):
        pp.create_line(net, b[i], b[i + 1], 2.0, "NA2XS2Y 1x95 RM/25 12/20 kV")
    pp.create_switch(net, b[3], 2, et="l", closed=False)  # line 2 (b2-b3) open at b3: b3 isolated
    pp.create_line(net, b[1], b[4], 1.0, "NA2XS2Y 1x95 RM/25 12/20 kV")
    net.bus.loc[b[4], "in_service"] = False
    for bus in b[1:3]:
        pp.create_load(net, bus, p_mw=1.0, q_mvar=0.3)
    pp.create_load(net, b[3], p_mw=0.5, q_mvar=0.1)
    return net


NETS = {"oos_line_first": _hv_mv_net, "oos_trafo": _test_trafo_net, "open_switch": _open_switch_net}


def _injections(net: pp.pandapowerNet, bus_index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Net P, Q injection per bus from the in-service load and sgen tables (generation positive)."""
    p = np.zeros(len(bus_index))
    q = np.zeros(len(bus_index))
    pos = {int(b): i for i, b in enumerate(bus_index)}
    for table, sign in (("load", -1.0), ("sgen", 1.0)):
        for _, row in net[table][net[table].in_service].iterrows():
            p[pos[int(row.bus)]] += sign * row.p_mw * row.scaling
            q[pos[int(row.bus)]] += sign * row.q_mvar * row.scaling
    return p, q


@pytest.mark.parametrize("name", sorted(NETS))
def test_batch_matches_runpp_with_out_of_service_elements(name: str) -> None:
    net = NETS[name]()
    batch = BatchPowerFlow(net)
    rng = np.random.default_rng(11)
    scales = rng.uniform(0.2, 1.6, 5)
    base_load = net.load[["p_mw", "q_mvar"]].to_numpy().copy()
    steps = []
    for k in scales:
        net.load[["p_mw", "q_mvar"]] = base_load * k
        steps.append(_injections(net, batch.bus_index))
    res = batch.solve(np.array([s[0] for s in steps]), np.array([s[1] for s in steps]))
    assert res.converged.all()
    for t, k in enumerate(scales):
        net.load[["p_mw", "q_mvar"]] = base_load * k
        pp.runpp(net, algorithm="nr", numba=False, trafo_loading="current", tolerance_mva=1e-11)
        ref_vm = net.res_bus.vm_pu.to_numpy()
        np.testing.assert_array_equal(np.isnan(res.vm_pu[t]), np.isnan(ref_vm))  # the same buses are dead
        np.testing.assert_allclose(res.vm_pu[t], ref_vm, atol=TOL_PU, rtol=0)
        np.testing.assert_allclose(res.va_degree[t], net.res_bus.va_degree.to_numpy(), atol=1e-7, rtol=0)
        np.testing.assert_allclose(res.trafo_loading_percent[t], net.res_trafo.loading_percent, atol=1e-7, rtol=0)
        np.testing.assert_allclose(res.trafo_p_hv_mw[t], net.res_trafo.p_hv_mw, atol=1e-9, rtol=0)
        np.testing.assert_allclose(res.trafo_pl_mw[t], net.res_trafo.pl_mw, atol=1e-9, rtol=0)
        assert res.grid_p_mw[t] == pytest.approx(float(net.res_ext_grid.p_mw.sum()), abs=1e-9)
        assert res.grid_q_mvar[t] == pytest.approx(float(net.res_ext_grid.q_mvar.sum()), abs=1e-9)


def test_out_of_service_line_listed_first_reads_the_right_transformer() -> None:
    """Regression: the transformer's row used to be read at its full-table position (one too far)."""
    net = _hv_mv_net()
    batch = BatchPowerFlow(net)
    pp.runpp(net, trafo_loading="current", numba=False)
    p, q = _injections(net, batch.bus_index)
    res = batch.solve(p[None], q[None])
    assert res.trafo_loading_percent.shape == (1, 1)
    assert res.trafo_loading_percent[0, 0] == pytest.approx(float(net.res_trafo.loading_percent.iloc[0]), abs=1e-6)
    # hand check: 8.25 MVA through a 25 MVA unit at ~1 pu is ~33 % of its rated current
    assert 30.0 < res.trafo_loading_percent[0, 0] < 36.0


def test_out_of_service_transformer_reads_zero() -> None:
    net = _test_trafo_net()
    batch = BatchPowerFlow(net)
    p, q = _injections(net, batch.bus_index)
    res = batch.solve(p[None], q[None])
    assert res.trafo_loading_percent[0, 1] == 0.0 and res.trafo_p_hv_mw[0, 1] == 0.0
    assert res.trafo_loading_percent[0, 0] > 0.0 and res.trafo_loading_percent[0, 2] > 0.0
