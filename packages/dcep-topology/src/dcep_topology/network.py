"""Build and solve the planning network with pandapower (the seed's API).

Positive sequence, balanced, RMS: no EMT, inverter firmware, harmonics, protection or unbalance.
Buses are named ``grid`` (ideal source, only with a finite short-circuit strength), ``poi`` and ``mv``;
the load is ``dc_load``, the battery the static generator ``bess``, the generators ``gen``.
"""

from __future__ import annotations

import math
from typing import Any

import pandapower as pp
import pandas as pd

from dcep_models import Case
from dcep_topology.spec import BaseSystemSpec, spec_from_case

__all__ = [
    "PowerFlowError",
    "build_base_network",
    "element_index",
    "network_from_case",
    "run_powerflow",
    "summarize_base_results",
]

#: MVA base of the networks we build (pandapower's ``sn_mva``).
BASE_MVA = 100.0


class PowerFlowError(RuntimeError):
    """The AC power flow did not converge (names the interval or case when known)."""


def build_base_network(spec: BaseSystemSpec | None = None) -> Any:
    """A pandapower net of ``spec`` (default: the seed's base case). Nothing is solved.

    Returns:
        ``pandapowerNet`` with buses ``grid``? / ``poi`` / ``mv``, an ``ext_grid`` at ``grid_vm_pu``,
        one transformer per group (``parallel = count``, no magnetising branch; with no group, a
        closed bus-bus switch ``site`` fuses ``mv`` into ``poi``), load ``dc_load``, static
        generators ``bess`` and ``gen``.
    """
    spec = spec or BaseSystemSpec()
    net = pp.create_empty_network(name="dcep planning network", sn_mva=BASE_MVA)
    poi = pp.create_bus(net, vn_kv=spec.hv_kv, name="poi", min_vm_pu=spec.poi_v_min_pu, max_vm_pu=spec.poi_v_max_pu)
    mv = pp.create_bus(net, vn_kv=spec.mv_kv, name="mv", min_vm_pu=spec.mv_v_min_pu, max_vm_pu=spec.mv_v_max_pu)
    if spec.grid_short_circuit_mva is None:
        pp.create_ext_grid(net, poi, vm_pu=spec.grid_vm_pu, name="grid")
    else:
        source = pp.create_bus(net, vn_kv=spec.hv_kv, name="grid")
        pp.create_ext_grid(net, source, vm_pu=spec.grid_vm_pu, name="grid", s_sc_max_mva=spec.grid_short_circuit_mva)
        # Thevenin impedance of the grid at the POI: |z| = S_base / S_sc per unit, split by X/R.
        z_pu = BASE_MVA / spec.grid_short_circuit_mva
        r_pu = z_pu / math.sqrt(1.0 + spec.grid_x_over_r**2)
        pp.create_impedance(
            net, source, poi, rft_pu=r_pu, xft_pu=r_pu * spec.grid_x_over_r, sn_mva=BASE_MVA, name="grid"
        )
    if not spec.transformers:  # the site is metered at its own voltage: one bus, fused by a closed switch
        pp.create_switch(net, poi, mv, et="b", closed=True, name="site")
    for group in spec.transformers:
        pp.create_transformer_from_parameters(
            net,
            hv_bus=poi,
            lv_bus=mv,
            sn_mva=group.rating_mva,
            vn_hv_kv=spec.hv_kv,
            vn_lv_kv=spec.mv_kv,
            vkr_percent=group.vkr_percent,
            vk_percent=group.vk_percent,
            pfe_kw=0.0,
            i0_percent=0.0,
            parallel=group.count,
            name=group.name,
        )
    pp.create_load(net, mv, p_mw=spec.load_mw, q_mvar=spec.load_q_mvar, name="dc_load")
    pp.create_sgen(net, mv, p_mw=spec.bess_p_mw, q_mvar=spec.bess_q_mvar, name="bess", sn_mva=spec.bess_pcs_mva)
    pp.create_sgen(net, mv, p_mw=spec.gen_p_mw, q_mvar=spec.gen_q_mvar, name="gen")
    return net


def network_from_case(case: Case) -> Any:
    """The pandapower net of ``case`` (see :func:`dcep_topology.spec_from_case`).

    Raises:
        CaseError: the case has no usable transformer group.
    """
    return build_base_network(spec_from_case(case))


def element_index(net: Any, table: str, name: str) -> int:
    """Index of the element called ``name`` in ``net[table]``.

    Raises:
        KeyError: no such element (the message names table and element).
    """
    hits = net[table].index[net[table]["name"] == name]
    if len(hits) != 1:
        raise KeyError(f"{table}: expected one element named {name!r}, found {len(hits)}")
    return int(hits[0])


def run_powerflow(net: Any) -> Any:
    """Solve ``net`` in place with pandapower's Newton-Raphson (``runpp``); returns ``net``.

    Raises:
        PowerFlowError: the power flow did not converge.
    """
    try:
        pp.runpp(net, algorithm="nr", numba=False, trafo_loading="current")
    except pp.LoadflowNotConverged as exc:
        raise PowerFlowError(f"power flow did not converge: {exc}") from exc
    return net


def summarize_base_results(net: Any) -> dict[str, pd.DataFrame]:
    """The three result tables of a solved net.

    Returns:
        ``bus`` (name, vn_kv, vm_pu, va_degree), ``trafo`` (name, units, loading_percent,
        p_hv_mw, q_hv_mvar, pl_mw, ql_mvar) and ``grid`` (p_mw, q_mvar, s_mva, pf: the import at
        the POI, positive into the site).

    Raises:
        PowerFlowError: ``net`` has no converged results.
    """
    if not net.get("converged", False):
        raise PowerFlowError("net has no converged power-flow results; call run_powerflow first")
    bus = pd.concat([net.bus[["name", "vn_kv"]], net.res_bus[["vm_pu", "va_degree"]]], axis=1)
    trafo = pd.concat(
        [
            net.trafo[["name", "parallel"]].rename(columns={"parallel": "units"}),
            net.res_trafo[["loading_percent", "p_hv_mw", "q_hv_mvar", "pl_mw", "ql_mvar"]],
        ],
        axis=1,
    )
    p = float(net.res_ext_grid["p_mw"].sum())
    q = float(net.res_ext_grid["q_mvar"].sum())
    s = math.hypot(p, q)
    grid = pd.DataFrame(
        {"p_mw": [p], "q_mvar": [q], "s_mva": [s], "pf": [abs(p) / s if s > 0 else 1.0]}, index=["grid"]
    )
    return {"bus": bus, "trafo": trafo, "grid": grid}
