"""The vectorised batch path against pandapower's runpp on random load sequences."""

from __future__ import annotations

import numpy as np
import pytest

from dcep_topology import (
    BaseSystemSpec,
    BatchPowerFlow,
    TransformerGroupSpec,
    build_base_network,
    element_index,
    run_powerflow,
)

SPECS = {
    "two_bus": BaseSystemSpec(),
    "three_bus_two_groups": BaseSystemSpec(
        grid_short_circuit_mva=2500.0,
        transformers=(TransformerGroupSpec("T1", 80.0, 2), TransformerGroupSpec("T2", 60.0, 1, 12.0, 0.5)),
    ),
}


@pytest.mark.parametrize("name", sorted(SPECS))
def test_batch_agrees_with_runpp(name: str) -> None:
    spec = SPECS[name]
    net = build_base_network(spec)
    batch = BatchPowerFlow(net)
    rng = np.random.default_rng(7)
    n = 12
    load_p = rng.uniform(0, 140, n)
    load_q = rng.uniform(-20, 60, n)
    bess_p = rng.uniform(-25, 25, n)
    bess_q = rng.uniform(-10, 10, n)
    col = batch.result_column(element_index(net, "bus", "mv"))
    p = np.zeros((n, len(batch.bus_index)))
    q = np.zeros_like(p)
    p[:, col] = bess_p - load_p
    q[:, col] = bess_q - load_q
    res = batch.solve(p, q)
    assert res.converged.all()
    load, bess = element_index(net, "load", "dc_load"), element_index(net, "sgen", "bess")
    for t in range(n):
        net.load.loc[load, ["p_mw", "q_mvar"]] = [load_p[t], load_q[t]]
        net.sgen.loc[bess, ["p_mw", "q_mvar"]] = [bess_p[t], bess_q[t]]
        run_powerflow(net)
        np.testing.assert_allclose(res.vm_pu[t], net.res_bus.vm_pu.to_numpy(), atol=1e-6, rtol=0)
        np.testing.assert_allclose(res.va_degree[t], net.res_bus.va_degree.to_numpy(), atol=1e-5, rtol=0)
        np.testing.assert_allclose(
            res.trafo_loading_percent[t], net.res_trafo.loading_percent.to_numpy(), atol=1e-4, rtol=0
        )
        np.testing.assert_allclose(res.trafo_p_hv_mw[t], net.res_trafo.p_hv_mw.to_numpy(), atol=1e-4, rtol=0)
        assert res.grid_p_mw[t] == pytest.approx(float(net.res_ext_grid.p_mw.sum()), abs=1e-4)
        assert res.grid_q_mvar[t] == pytest.approx(float(net.res_ext_grid.q_mvar.sum()), abs=1e-4)


def test_batch_energy_balance() -> None:
    """Grid import = load - injections + transformer losses (+ grid impedance losses, none here)."""
    net = build_base_network(BaseSystemSpec())
    batch = BatchPowerFlow(net)
    load_p = np.linspace(0, 90, 50)
    p = np.zeros((50, 2))
    p[:, batch.result_column(element_index(net, "bus", "mv"))] = -load_p
    res = batch.solve(p, np.zeros_like(p))
    np.testing.assert_allclose(res.grid_p_mw, load_p + res.trafo_pl_mw[:, 0], atol=1e-8)
    assert res.trafo_pl_mw[0, 0] == pytest.approx(0.0, abs=1e-9)
    assert np.all(np.diff(res.trafo_pl_mw[:, 0]) > 0)  # I^2 R grows with load


def test_batch_rejects_bad_shape() -> None:
    batch = BatchPowerFlow(build_base_network(BaseSystemSpec()))
    with pytest.raises(ValueError, match="p_mw/q_mvar"):
        batch.solve(np.zeros((3, 5)), np.zeros((3, 5)))
    with pytest.raises(ValueError, match="NaN"):
        batch.solve(np.full((3, 2), np.nan), np.zeros((3, 2)))


def test_batch_flags_collapse() -> None:
    """A load far beyond the transfer limit has no solution: the step is marked not converged."""
    net = build_base_network(BaseSystemSpec())
    batch = BatchPowerFlow(net)
    col = batch.result_column(element_index(net, "bus", "mv"))
    p = np.zeros((2, 2))
    p[:, col] = [-40.0, -5000.0]
    res = batch.solve(p, np.zeros_like(p))
    assert res.converged.tolist() == [True, False]
