"""Build, solve and read back a dispatch: the one entry point the CLI and the TUI call.

Exclusivity binaries where they matter: the first solve carries a charge/discharge binary on every
interval with a non-positive energy price (where burning energy can pay) and an import/export binary
nowhere; any interval whose solution then shows both flows at once gets its binary and the model is
re-solved (at most ``max_rounds`` times). A solution with no simultaneous flows that is optimal for
the relaxation is optimal for the fully-constrained model, so the result is exact. The final
schedule's reactive split is then the one with the least ``sum |Q|`` (dcep_opt._qrepair).

Around that, optionally, the AC loop (dcep_opt._acloop): screen the schedule in AC, tighten the
limits it finds broken, re-solve; bounded by ``ac_rounds``.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from dcep_opt._acloop import AcCheck, ac_check, ac_facts, tightened
from dcep_opt._acmargins import AcMargins
from dcep_opt._build import build_model
from dcep_opt._diagnose import diagnose_infeasibility
from dcep_opt._horizon import SAMPLE_INTERVALS, horizon_verdict
from dcep_opt._inputs import DispatchInputs
from dcep_opt._model import DispatchModel, ModelOptions
from dcep_opt._qrepair import minimise_reactive, net_out_grid_flows, simultaneous
from dcep_opt._readback import finish_result, read_timeseries
from dcep_opt._results import DispatchResult, SolverFacts
from dcep_opt._solve import SolveOptions, SolveOutcome, solve_model
from dcep_opt._termination import SolveStatus, Termination

if TYPE_CHECKING:
    from dcep_topology import BaseSystemSpec

Progress = Callable[[str], None]


@dataclass
class SolvedDispatch:
    """The solved model (PuLP problem, name index, highspy object) next to the plain result.

    Keep this to fix the integer variables and re-solve the LP for duals (dcep-explain):
    ``model.index.integer_variables()`` lists them, ``model.problem`` is the PuLP problem.
    """

    result: DispatchResult
    model: DispatchModel
    outcome: SolveOutcome


def _not_started(model: DispatchModel) -> SolveOutcome:
    """The outcome of a solve that never started because the budget was spent."""
    return SolveOutcome(
        status=SolveStatus.NO_SOLUTION,
        termination=Termination.TIME_LIMIT,
        highs_status="not started",
        objective_usd=None,
        best_bound_usd=None,
        mip_gap=None,
        solve_s=0.0,
        mip_nodes=0,
        simplex_iterations=0,
        is_mip=model.n_integer > 0,
    )


def horizon_check(inputs: DispatchInputs, options: SolveOptions, started_at: float | None = None) -> str | None:
    """Why building the whole horizon of ``inputs`` would not fit the time budget or the memory (None: fits).

    Horizons up to twice the sample length are never refused. Costs one sample build (0.1 s) and one
    sample solve limited to its linear share of the budget (:func:`~dcep_opt._horizon.sample_solve_refusal`).
    """
    if inputs.n_intervals <= 2 * SAMPLE_INTERVALS:
        return None
    return horizon_verdict(inputs, options, started_at if started_at is not None else time.perf_counter())


@dataclass(frozen=True)
class _Timings:
    """Seconds spent, summed over solves: the fields of :class:`SolverFacts` of the same names."""

    build_s: float = 0.0
    solve_s: float = 0.0
    handover_s: float = 0.0
    highs_s: float = 0.0
    build_cpu_s: float = 0.0
    handover_cpu_s: float = 0.0
    highs_cpu_s: float = 0.0

    def __add__(self, other: _Timings) -> _Timings:
        return _Timings(*(a + b for a, b in zip(dataclasses.astuple(self), dataclasses.astuple(other), strict=True)))

    @classmethod
    def of_solve(cls, outcome: SolveOutcome) -> _Timings:
        """What one solve spent (its hand-over and HiGHS run are part of ``solve_s``)."""
        return cls(
            solve_s=outcome.solve_s,
            handover_s=outcome.handover_s,
            highs_s=outcome.highs_s,
            handover_cpu_s=outcome.handover_cpu_s,
            highs_cpu_s=outcome.highs_cpu_s,
        )


@dataclass
class _Exclusive:
    """One exclusivity loop's outcome (see :func:`_solve_exclusive`)."""

    model: DispatchModel
    outcome: SolveOutcome
    options: SolveOptions
    rounds: int
    bess_binaries: int
    grid_binaries: int
    timings: _Timings
    warnings: list[str]


def _solve_exclusive(
    inputs: DispatchInputs,
    options: SolveOptions,
    say: Progress,
    max_rounds: int,
    margins: AcMargins | None,
    deadline: float,
    adjust: Callable[[DispatchModel], None] | None = None,
) -> _Exclusive:
    """Solve with exclusivity binaries only where a solution needs them (see the module docstring)."""
    n = inputs.n_intervals
    price = np.asarray(inputs.energy_price_usd_per_mwh)
    bess_set = {t for t in range(n) if price[t] <= 0 or price[t] + inputs.import_adder_usd_per_mwh[t] <= 0}
    if inputs.tariff is not None:
        # a retail site buys at the tariff's rate and sells at the (zero) wholesale price: burning energy
        # pays only where selling costs money or buying is free; elsewhere the rounds add binaries if needed
        buy = price + inputs.import_adder_usd_per_mwh + inputs.tariff.energy_rate_usd_per_mwh
        bess_set = {t for t in range(n) if price[t] < 0 or buy[t] <= 0}
    grid_set: set[int] = set()
    timings = _Timings()
    rounds = 0
    kept: tuple[DispatchModel, SolveOutcome, set[int]] | None = None
    late_warnings: list[str] = []
    while True:
        rounds += 1
        say(f"building model (round {rounds})")
        built = build_model(
            inputs,
            ModelOptions(
                bess_mode_intervals=frozenset(bess_set), grid_dir_intervals=frozenset(grid_set), ac_margins=margins
            ),
        )
        timings += _Timings(build_s=built.build_s, build_cpu_s=built.build_cpu_s)
        model = built.model
        if adjust is not None:
            adjust(model)
        remaining = deadline - time.perf_counter()
        round_options = dataclasses.replace(options.with_time_limit(max(remaining, 1e-3)), deadline=deadline)
        if remaining <= 0.0:  # the build alone used the budget: HiGHS is not started
            outcome = _not_started(model)
            if kept is None:
                spent = time.perf_counter() - deadline + options.time_limit_s  # since the start
                late_warnings.append(
                    f"time limit: the build alone used the {options.time_limit_s:g} s budget "
                    f"({timings.build_s:.2f} s building, {spent:.2f} s since the start); HiGHS was not started"
                )
        else:
            say(f"solving: {model.n_variables} variables, {model.n_constraints} rows, {model.n_integer} integer")
            outcome = solve_model(model, round_options)
        timings += _Timings.of_solve(outcome)
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
        new_bess = simultaneous(v.get("bess-charge", {}), v.get("bess-discharge", {}), n) - bess_set
        new_grid = net_out_grid_flows(inputs, model, simultaneous(v["grid-import"], v["grid-export"], n) - grid_set)
        if not new_bess and not new_grid:
            break
        kept = (model, outcome, new_bess | new_grid)
        bess_set |= new_bess
        grid_set |= new_grid
        if rounds >= max_rounds - 1:  # last chance: binaries everywhere, so the next solve is exact
            bess_set |= set(range(n)) if new_bess else set()
            grid_set |= set(range(n)) if new_grid else set()
    if outcome.has_solution:
        minimise_reactive(inputs, model)  # the reactive tie-break: no circulating Q (objective unchanged)
    return _Exclusive(model, outcome, round_options, rounds, len(bess_set), len(grid_set), timings, late_warnings)


def solve_dispatch(
    inputs: DispatchInputs,
    options: SolveOptions | None = None,
    progress: Progress | None = None,
    max_rounds: int = 4,
    diagnose: bool = True,
    started_at: float | None = None,
    ac_network: BaseSystemSpec | None = None,
    ac_rounds: int = 3,
    adjust: Callable[[DispatchModel], None] | None = None,
) -> SolvedDispatch:
    """Optimise the dispatch of ``inputs`` and return the solved model with its result.

    ``options.time_limit_s`` is a wall-clock budget for the whole call, counted from ``started_at``
    (a ``time.perf_counter()`` instant, e.g. when the command started; default: now): every build,
    the hand-over to HiGHS and HiGHS itself share it, and HiGHS gets what is left. When the builds
    alone exhaust it, HiGHS is not started and the result (status ``no solution``, termination
    ``time limit``) says so in its warnings. Call :func:`horizon_check` first to refuse, in seconds,
    a horizon whose build would not fit the budget or the memory.

    ``adjust(model)`` runs after every build (e.g. a window pinning its end state by variable bounds).

    With ``ac_network`` (the case's planning network, ``dcep_topology.spec_from_case``) every solved
    schedule is screened by the AC power flow and whatever it finds at the POI bus or in transformer
    loading is tightened and re-solved, at most ``ac_rounds`` solves in all (see dcep_opt._acloop);
    ``solver.ac_rounds``, ``ac_violations`` and the largest linear-vs-AC gaps say how it ended. The AC
    rounds share the time budget.

    Infeasible cases are results (``solver.status == "infeasible"``) with a :class:`Diagnosis` naming
    the smallest set of conflicting constraint families (when ``diagnose``). Never raises for solver outcomes;
    raises ``PowerFlowError`` if the AC network itself does not converge.
    """
    options = options or SolveOptions()
    say = progress or (lambda _msg: None)
    deadline = (time.perf_counter() if started_at is None else started_at) + options.time_limit_s
    margins: AcMargins | None = None
    timings = _Timings()
    check: AcCheck | None = None
    ac_done = 0
    prev: _Exclusive | None = None
    while True:
        ex = _solve_exclusive(inputs, options, say, max_rounds, margins, deadline, adjust)
        timings += ex.timings
        if prev is not None and not ex.outcome.has_solution:  # a tightened re-solve found nothing in time
            ex.warnings.append(f"AC loop: round {ac_done + 1} found no schedule ({ex.outcome.status.value})")
            ex = dataclasses.replace(prev, warnings=prev.warnings + ex.warnings)
            break
        if ac_network is None or not ex.outcome.has_solution:
            break
        prev = ex
        say(f"AC screen of the schedule (round {ac_done + 1})")
        check = ac_check(inputs, read_timeseries(inputs, ex.model.index.variables), ac_network)
        ac_done += 1
        nxt = None if check.report.ok or ac_done >= ac_rounds else tightened(margins or AcMargins(), check, ac_network)
        if nxt is None or time.perf_counter() >= deadline:
            break
        margins = nxt
    model, outcome = ex.model, ex.outcome
    say("reading results")
    facts = SolverFacts(
        status=outcome.status.value,
        termination=outcome.termination.value,
        highs_status=outcome.highs_status,
        objective_usd=outcome.objective_usd,
        best_bound_usd=outcome.best_bound_usd,
        mip_gap=outcome.mip_gap,
        **dataclasses.asdict(timings),
        n_variables=model.n_variables,
        n_constraints=model.n_constraints,
        n_integer=model.n_integer,
        mip_nodes=outcome.mip_nodes,
        rounds=ex.rounds,
        bess_mode_binaries=ex.bess_binaries,
        grid_dir_binaries=ex.grid_binaries,
        time_limit_s=options.time_limit_s,
        mip_gap_target=options.mip_gap,
        **ac_facts(check, ac_done),
    )
    ts = read_timeseries(inputs, model.index.variables) if outcome.has_solution else {}
    result = finish_result(inputs, ts, facts, ex.warnings)
    if check is not None and not check.report.ok:
        result.warnings.append(
            f"AC screen: {check.violating_intervals} interval(s) still break a limit after {ac_done} round(s): "
            + ", ".join(f"{k} {c}" for k, c in sorted(check.report.counts().items()))
        )
    if not outcome.has_solution and outcome.status.value == "infeasible" and diagnose:
        say("diagnosing infeasibility (deletion filter over constraint families)")
        result.diagnosis = diagnose_infeasibility(inputs, ex.options)
    return SolvedDispatch(result=result, model=model, outcome=outcome)
