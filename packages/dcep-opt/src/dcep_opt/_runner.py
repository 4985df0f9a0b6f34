"""Build, solve and read back a dispatch: the one entry point the CLI and the TUI call.

Exclusivity binaries where they matter: the first solve carries a charge/discharge binary on every
interval with a non-positive energy price (where burning energy can pay) and an import/export binary
nowhere; any interval whose solution then shows both flows at once gets its binary and the model is
re-solved (at most ``max_rounds`` times). A solution with no simultaneous flows that is optimal for
the relaxation is optimal for the fully-constrained model, so the result is exact.
"""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from dcep_opt._build import build_model
from dcep_opt._diagnose import diagnose_infeasibility
from dcep_opt._economics import compute_economics, compute_reliability, n_plus_1_margin_mw, ride_through_minutes
from dcep_opt._families.grid import loss_s_faces
from dcep_opt._inputs import DispatchInputs
from dcep_opt._model import DispatchModel, ModelOptions
from dcep_opt._qrepair import grid_q_range, pcs_q_range, split_q
from dcep_opt._readback import read_timeseries
from dcep_opt._results import DispatchResult, SolverFacts
from dcep_opt._solve import SolveOptions, SolveOutcome, solve_model
from dcep_opt._termination import SolveStatus, Termination

Progress = Callable[[str], None]
_FLOW_TOL_MW = 1e-6


@dataclass
class SolvedDispatch:
    """The solved model (PuLP problem, name index, highspy object) next to the plain result.

    Keep this to fix the integer variables and re-solve the LP for duals (dcep-explain):
    ``model.index.integer_variables()`` lists them, ``model.problem`` is the PuLP problem.
    """

    result: DispatchResult
    model: DispatchModel
    outcome: SolveOutcome


def _simultaneous(
    values_a: dict[tuple[object, ...], object], values_b: dict[tuple[object, ...], object], n: int
) -> set[int]:
    out = set()
    for t in range(n):
        a, b = values_a.get((t,)), values_b.get((t,))
        va = getattr(a, "varValue", None) or 0.0
        vb = getattr(b, "varValue", None) or 0.0
        if va > _FLOW_TOL_MW and vb > _FLOW_TOL_MW:
            out.add(t)
    return out


def _net_out_grid_flows(inputs: DispatchInputs, model: DispatchModel, intervals: set[int]) -> set[int]:
    """Net simultaneous import and export where that changes nothing; return the intervals where it would.

    With no import adder, importing and exporting x MW at once earns exactly what the net flow earns
    and the MVA polygon sees only the net flow, so such a solution ties with the netted one, provided
    the reactive power can be re-split so the PF cone (whose right-hand side is import + export) holds
    at the net flow. Q has no cost, so that re-split is exact (see dcep_opt._qrepair). Intervals where
    it is impossible (or an adder makes the flows costly) need the import/export binary.
    """
    v = model.index.variables
    g = inputs.grid
    b = inputs.battery
    s_faces = loss_s_faces(inputs.polygon_sides, g.min_power_factor)
    cos_n = math.cos(math.pi / inputs.polygon_sides)
    need: set[int] = set()
    for t in sorted(intervals):
        imp, exp = v["grid-import"][(t,)], v["grid-export"][(t,)]
        net = float(imp.varValue) - float(exp.varValue)
        # the transformer loss and its apparent-power estimate keep their solved values: the netted
        # flow is smaller, so they stay valid if the re-split Q respects the xfmr-s rows as well
        q_loss = v.get("xfmr-q-loss", {}).get((t,))
        loss_mvar = float(q_loss.varValue) if q_loss is not None else 0.0
        s_var = v.get("xfmr-s", {}).get((t,))
        extra = None
        if s_var is not None:
            s_mva = float(s_var.varValue)
            extra = [(math.cos(th), math.sin(th), cos_n * s_mva) for _k, th in s_faces]
        grid_rng = grid_q_range(g.limit_mva, inputs.polygon_sides, g.min_power_factor, net, loss_mvar, extra)
        if inputs.import_adder_usd_per_mwh[t] != 0.0 or grid_rng is None:
            need.add(t)
            continue
        ranges = [grid_rng]
        q_vars = [v["grid-q"][(t,)]]
        if b is not None and b.reactive_support:
            p_b = float(v["bess-discharge"][(t,)].varValue) - float(v["bess-charge"][(t,)].varValue)
            rng = pcs_q_range(b.pcs_mva, inputs.polygon_sides, p_b)
            if rng is None:
                need.add(t)
                continue
            ranges.append(rng)
            q_vars.append(v["bess-q"][(t,)])
        for f in inputs.fleets:
            units = float(v["gen-units"][(f.name, t)].varValue)
            starting = (
                sum(
                    float(v["gen-start"][(f.name, tau)].varValue)
                    for tau in range(max(0, t - f.start_intervals + 1), t + 1)
                )
                if f.start_intervals > 0
                else 0.0
            )
            cap = f.q_max_mvar_per_unit * max(round(units - starting), 0)
            ranges.append((-cap, cap))
            q_vars.append(v["gen-q"][(f.name, t)])
        target = sum(float(var.varValue) for var in q_vars)  # the balance row holds it already
        split = split_q(target, ranges, [float(var.varValue) for var in q_vars])
        if split is None:
            need.add(t)
            continue
        imp.varValue, exp.varValue = max(net, 0.0), max(-net, 0.0)
        for var, value in zip(q_vars, split, strict=True):
            var.varValue = value
    return need


def solve_dispatch(
    inputs: DispatchInputs,
    options: SolveOptions | None = None,
    progress: Progress | None = None,
    max_rounds: int = 4,
    diagnose: bool = True,
) -> SolvedDispatch:
    """Optimise the dispatch of ``inputs`` and return the solved model with its result.

    Infeasible cases are results (``solver.status == "infeasible"``) with a :class:`Diagnosis` naming
    the constraint families that needed slack (when ``diagnose``). Never raises for solver outcomes.
    """
    options = options or SolveOptions()
    say = progress or (lambda _msg: None)
    n = inputs.n_intervals
    price = np.asarray(inputs.energy_price_usd_per_mwh)
    bess_set = {t for t in range(n) if price[t] <= 0 or price[t] + inputs.import_adder_usd_per_mwh[t] <= 0}
    grid_set: set[int] = set()
    build_s = solve_s = 0.0
    rounds = 0
    deadline = time.perf_counter() + options.time_limit_s
    kept: tuple[DispatchModel, SolveOutcome, set[int]] | None = None
    late_warnings: list[str] = []
    while True:
        rounds += 1
        say(f"building model (round {rounds})")
        built = build_model(
            inputs, ModelOptions(bess_mode_intervals=frozenset(bess_set), grid_dir_intervals=frozenset(grid_set))
        )
        build_s += built.build_s
        model = built.model
        say(f"solving: {model.n_variables} variables, {model.n_constraints} rows, {model.n_integer} integer")
        remaining = max(deadline - time.perf_counter(), 1e-3)
        round_options = options.with_time_limit(remaining)
        outcome = solve_model(model, round_options)
        solve_s += outcome.solve_s
        if not outcome.has_solution:
            if kept is not None and outcome.termination is Termination.TIME_LIMIT:
                # The time ran out re-solving with more exclusivity binaries: keep the earlier schedule
                # rather than discard it, say so, and never call it optimal.
                model, outcome, unresolved = kept
                outcome = dataclasses.replace(outcome, status=SolveStatus.FEASIBLE, termination=Termination.TIME_LIMIT)
                late_warnings.append(
                    f"time limit reached before simultaneous charge/discharge or import/export could be excluded "
                    f"in {len(unresolved)} interval(s) (first: {min(unresolved)}); the schedule shown keeps them"
                )
            break
        v = model.index.variables
        new_bess = _simultaneous(v.get("bess-charge", {}), v.get("bess-discharge", {}), n) - bess_set
        new_grid = _net_out_grid_flows(inputs, model, _simultaneous(v["grid-import"], v["grid-export"], n) - grid_set)
        if not new_bess and not new_grid:
            break
        kept = (model, outcome, new_bess | new_grid)
        bess_set |= new_bess
        grid_set |= new_grid
        if rounds >= max_rounds - 1:  # last chance: binaries everywhere, so the next solve is exact
            bess_set |= set(range(n)) if new_bess else set()
            grid_set |= set(range(n)) if new_grid else set()
    say("reading results")
    facts = SolverFacts(
        status=outcome.status.value,
        termination=outcome.termination.value,
        highs_status=outcome.highs_status,
        objective_usd=outcome.objective_usd,
        best_bound_usd=outcome.best_bound_usd,
        mip_gap=outcome.mip_gap,
        build_s=build_s,
        solve_s=solve_s,
        n_variables=model.n_variables,
        n_constraints=model.n_constraints,
        n_integer=model.n_integer,
        mip_nodes=outcome.mip_nodes,
        rounds=rounds,
        bess_mode_binaries=len(bess_set),
        grid_dir_binaries=len(grid_set),
        time_limit_s=options.time_limit_s,
        mip_gap_target=options.mip_gap,
    )
    labels = list(inputs.interval_starts) or [str(t) for t in range(n)]
    result = DispatchResult(
        case_name=inputs.name,
        interval_hours=inputs.interval_hours,
        interval_starts=labels if outcome.has_solution else [],
        timeseries={},
        economics=None,
        reliability=None,
        solver=facts,
        warnings=list(inputs.warnings) + late_warnings,
    )
    if outcome.has_solution:
        ts = read_timeseries(inputs, model.index.variables)
        ts["ride_through_min"] = ride_through_minutes(inputs, ts)
        margin = n_plus_1_margin_mw(inputs, ts)
        if margin is not None:
            ts["n1_margin_mw"] = margin
        result.timeseries = ts
        result.economics = compute_economics(inputs, ts)
        result.reliability = compute_reliability(inputs, ts)
    elif outcome.status.value == "infeasible" and diagnose:
        say("diagnosing infeasibility (elastic re-solve)")
        result.diagnosis = diagnose_infeasibility(inputs, round_options)
    return SolvedDispatch(result=result, model=model, outcome=outcome)
