"""AC screening of dcep-opt's optimised schedule (ERCOT 50 MW case with one 55 MVA transformer).

Proof that the MVA limit matters: with it, the MV-side apparent power the optimiser schedules stays
within the 55 MVA polygon (checked exactly by the AC flow, since the MV side carries no losses);
with the limit dropped, the optimiser schedules more and the transformer is overloaded well past
the 1/V current effect.

Two findings this test pins down (planning facts, not bugs in the screen): transformer loading is a
current, so a schedule at the MVA limit reads ~1/V_mv (~4 %) over 100 % in AC; and the POI power
factor seen in AC is lower than the linear one because the transformer draws reactive power
(~vk * S**2 / S_rated), which a lossless reactive balance omits.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np

import dcep_opt
from dcep_models import Transformer, load_case
from dcep_topology import ScreeningReport, screen_schedule

CASES = Path(__file__).resolve().parents[1] / "cases"


def _screen(case, ts: dict[str, np.ndarray]) -> tuple[ScreeningReport, np.ndarray, np.ndarray]:
    p = np.zeros(len(ts["grid_q_mvar"]))
    q = np.zeros_like(p)
    for load in case.resources.loads:
        served = ts[f"demand_{load.name}_mw"] - ts.get(f"shed_{load.name}_mw", 0.0)
        if load.kind == "critical":
            served = served - ts["unserved_critical_mw"] * load.power_mw / case.critical_load_mw
        p += served
        q += served * math.tan(math.acos(load.power_factor))
    bess_p = ts["bess_discharge_mw"] - ts["bess_charge_mw"]
    # The optimiser's own balances hold with these signs (import, discharge, generation positive).
    np.testing.assert_allclose(p - bess_p - ts["gen_gas_mw"], ts["grid_net_import_mw"], atol=1e-6)
    np.testing.assert_allclose(q - ts["bess_q_mvar"] - ts["gen_gas_q_mvar"], ts["grid_q_mvar"], atol=1e-6)
    report = screen_schedule(
        case, p, q, bess_p, ts["bess_q_mvar"], ts["gen_gas_mw"], ts["gen_gas_q_mvar"],
        linear_grid_p_mw=ts["grid_net_import_mw"], linear_grid_q_mvar=ts["grid_q_mvar"],
    )  # fmt: skip
    return report, ts["grid_net_import_mw"], ts["grid_q_mvar"]


def test_mva_limit_keeps_transformer_within_rating_and_dropping_it_overloads() -> None:
    case = load_case(CASES / "ercot_50mw.json")
    case = case.model_copy(
        update={"topology": case.topology.model_copy(update={"transformers": [Transformer(rating_mva=55.0)]})}
    )
    inputs = dcep_opt.prepare_inputs(case)
    limited = dcep_opt.solve_dispatch(inputs).result
    dropped_grid = dataclasses.replace(inputs.grid, transformer_firm_mva=None, poi_mva=1e4)
    dropped = dcep_opt.solve_dispatch(dataclasses.replace(inputs, grid=dropped_grid)).result
    assert limited.solver.status == "optimal" and dropped.solver.status == "optimal"

    rep_lim, p_lin, q_lin = _screen(case, limited.timeseries)
    # MV side: |S| = loading * V * 55 MVA / 100 is exactly the optimiser's lossless (P, Q), inside the polygon.
    s_mv = rep_lim.trafo_loading_percent[:, 0] * rep_lim.mv_vm_pu * 55.0 / 100
    np.testing.assert_allclose(s_mv, np.hypot(p_lin, q_lin), rtol=1e-6)
    assert s_mv.max() <= 55.0 + 1e-6
    assert rep_lim.trafo_loading_percent.max() <= 100.0 / rep_lim.mv_vm_pu.min() + 1e-6

    rep_drop, p_free, q_free = _screen(case, dropped.timeseries)
    assert np.hypot(p_free, q_free).max() > 58.0  # the optimiser used the freedom
    assert rep_drop.counts()["trafo_overload"] > rep_lim.counts().get("trafo_overload", 0)
    # Beyond the 1/V current effect a schedule at the MVA limit shows: a real overload. (The exact peak
    # depends on which of several equally optimal unconstrained schedules HiGHS returns.)
    assert rep_drop.trafo_loading_percent.max() > 100.0 / rep_drop.mv_vm_pu.min() + 1.0
    assert rep_drop.trafo_loading_percent.max() > rep_lim.trafo_loading_percent.max() + 1.0
    # The linear-vs-AC gap: polygon error plus the transformer's losses, a few percent of the rating.
    assert 0 < rep_lim.max_linear_gap_mva < 0.05 * 55.0
