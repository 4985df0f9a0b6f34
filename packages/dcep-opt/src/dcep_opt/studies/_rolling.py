"""Rolling-horizon dispatch: solve windows of ``window`` intervals, keep the first ``commit`` of each.

Each window starts from the state the committed part of the previous window left behind: battery
SOC (exact) and generator units online (exact). The final-SOC target applies only to the last window
(the one that reaches the end of the horizon); earlier windows may end anywhere above ``soc_min``,
which is harmless because only their first ``commit`` intervals are kept.

Approximations at the seams (:class:`DispatchInputs` cannot carry them), all stated in the result:

* time in state: a window treats its initial units as free of min-up/min-down history, so a unit
  started just before a seam may stop sooner than ``min_up_intervals`` after its start (and a unit
  stopped just before may restart sooner than ``min_down_intervals``). The stitched schedule is
  checked over the whole horizon and every such breach is counted in
  ``RollingResult.min_up_down_breaches`` (zero means the stitched schedule is feasible for the
  full-horizon model in this respect);
* units still inside their start time at a seam are taken as synchronised (exact when
  ``start_intervals <= 1``);
* energy drawn below the ride-through floor before a seam is not carried (the floor-draw penalty
  restarts at each window).

When every seam is exact, the stitched schedule is feasible for the full-horizon model, so its net
value can never exceed the full solve's optimum (tests prove this and the closeness on 3 days).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from dcep_opt._inputs import DispatchInputs, FleetInputs
from dcep_opt._readback import finish_result
from dcep_opt._results import DispatchResult, FloatArray, SolverFacts
from dcep_opt._runner import solve_dispatch
from dcep_opt._solve import SolveOptions


@dataclass(frozen=True)
class WindowFacts:
    """One window of a rolling run: where it sits, what was kept, how the solve went.

    ``start`` / ``end`` / ``commit_end`` are interval indices of the full horizon (end exclusive).
    """

    index: int
    start: int
    end: int
    commit_end: int
    status: str
    termination: str
    mip_gap: float | None
    objective_usd: float | None
    build_s: float
    solve_s: float
    wall_s: float

    @property
    def optimal(self) -> bool:
        """Solved to the requested gap."""
        return self.status == "optimal"


@dataclass
class RollingResult:
    """A stitched rolling-horizon run.

    ``result`` is a :class:`DispatchResult` over the committed intervals (all of them when
    ``complete``): time series concatenated, economics and reliability recomputed from the stitched
    series. ``windows`` holds every window's solver facts; ``not_optimal`` lists the windows that
    were not solved to optimality (never hidden: the stitched status is then ``feasible`` or the
    failing window's status).
    """

    result: DispatchResult
    windows: list[WindowFacts]
    window_intervals: int
    commit_intervals: int
    complete: bool
    min_up_down_breaches: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def not_optimal(self) -> list[WindowFacts]:
        """Windows whose solve was not proven optimal."""
        return [w for w in self.windows if not w.optimal]


WindowProgress = Callable[[int, int, WindowFacts], None]


def window_bounds(n_intervals: int, window_intervals: int, commit_intervals: int) -> list[tuple[int, int, int]]:
    """``(start, end, commit_end)`` of every window; the last window is the first that reaches the end.

    Raises:
        ValueError: ``commit_intervals`` < 1 or > ``window_intervals``.
    """
    if commit_intervals < 1 or window_intervals < commit_intervals:
        raise ValueError(f"need 1 <= commit ({commit_intervals}) <= window ({window_intervals}) intervals")
    out: list[tuple[int, int, int]] = []
    start = 0
    while start < n_intervals:
        end = min(start + window_intervals, n_intervals)
        commit_end = end if end == n_intervals else start + commit_intervals
        out.append((start, end, commit_end))
        start = commit_end
    return out


def slice_inputs(
    inputs: DispatchInputs,
    lo: int,
    hi: int,
    soc_initial_mwh: float | None = None,
    final_target: bool = True,
    end_soc_mwh: float | None = None,
) -> DispatchInputs:
    """``inputs`` restricted to intervals ``lo:hi`` (every per-interval array and label sliced).

    ``soc_initial_mwh`` replaces the battery's initial SOC; without ``final_target`` the end-of-window
    SOC need only stay above ``end_soc_mwh`` (default ``soc_min_mwh``: a free end).
    """
    battery = inputs.battery
    if battery is not None:
        battery = replace(
            battery,
            soc_initial_mwh=battery.soc_initial_mwh if soc_initial_mwh is None else soc_initial_mwh,
            soc_final_min_mwh=battery.soc_final_min_mwh
            if final_target
            else min(battery.soc_min_mwh if end_soc_mwh is None else end_soc_mwh, battery.soc_max_mwh),
        )
    # each window pays its months' demand charges in full (the tariff laid on the window): a heuristic for
    # demand charges across windows; the stitched economics bill the whole series once
    return replace(inputs.intervals(lo, hi), battery=battery)


def count_min_up_down_breaches(fleets: tuple[FleetInputs, ...], ts: dict[str, FloatArray]) -> int:
    """Intervals where a stitched schedule breaks a fleet's min-up or min-down rule (full-horizon form)."""
    breaches = 0
    for f in fleets:
        units = ts[f"gen_{f.name}_units_online"]
        starts, stops = ts[f"gen_{f.name}_starts"], ts[f"gen_{f.name}_stops"]
        for t in range(units.size):
            up_lo, dn_lo = max(0, t - f.min_up_intervals + 1), max(0, t - f.min_down_intervals + 1)
            up_breach = f.min_up_intervals > 1 and starts[up_lo : t + 1].sum() > units[t] + 1e-6
            down_breach = f.min_down_intervals > 1 and stops[dn_lo : t + 1].sum() > f.count - units[t] + 1e-6
            breaches += int(up_breach or down_breach)
    return breaches


def _stitched_facts(windows: list[WindowFacts], net_value: float | None, first: SolverFacts) -> SolverFacts:
    bad = [w for w in windows if not w.optimal]
    failed = [w for w in bad if w.status not in ("optimal", "feasible")]
    if failed:
        status, termination = failed[0].status, f"window {failed[0].index}: {failed[0].termination}"
    elif bad:
        status, termination = "feasible", f"{len(bad)} window(s) not optimal, first: window {bad[0].index}"
    else:
        status, termination = "optimal", "optimal"
    gaps = [w.mip_gap for w in windows if w.mip_gap is not None]
    return replace(
        first,
        status=status,
        termination=termination,
        highs_status=status,
        objective_usd=net_value,
        best_bound_usd=None,
        mip_gap=max(gaps) if gaps else None,
        build_s=sum(w.build_s for w in windows),
        solve_s=sum(w.solve_s for w in windows),
        rounds=len(windows),
    )


def solve_rolling(
    inputs: DispatchInputs,
    window_intervals: int,
    commit_intervals: int,
    options: SolveOptions | None = None,
    progress: WindowProgress | None = None,
    window_end_soc_mwh: float | None = None,
) -> RollingResult:
    """Dispatch ``inputs`` window by window and stitch the committed parts into one result.

    ``options`` apply to each window (the time limit is per window). A window without a solution
    stops the run: the result then covers the intervals committed so far (``complete`` False) and
    its status is that window's status. The stitched ``solver.objective_usd`` is the net value
    recomputed from the stitched series (USD), not any single solver objective.

    ``window_end_soc_mwh`` (MWh) asks every window but the last to end at least this full (a terminal
    condition on the look-ahead, e.g. the initial SOC); by default their end is free. A free end is
    the brief's semantics but can make HiGHS much slower on the real year case (measured: 10-30x per
    96-interval window in benchmarks/bench_scale.py), since the look-ahead then values emptying the battery.

    Raises:
        ValueError: bad window or commit lengths.
    """
    n = inputs.n_intervals
    bounds = window_bounds(n, window_intervals, commit_intervals)
    soc: float | None = None
    fleets = inputs.fleets
    parts: list[dict[str, FloatArray]] = []
    windows: list[WindowFacts] = []
    first_facts: SolverFacts | None = None
    committed = 0
    for k, (lo, hi, commit_end) in enumerate(bounds):
        wall = time.perf_counter()
        window_inputs = replace(
            slice_inputs(inputs, lo, hi, soc, final_target=hi == n, end_soc_mwh=window_end_soc_mwh), fleets=fleets
        )
        solved = solve_dispatch(window_inputs, options, diagnose=False).result
        s = solved.solver
        first_facts = first_facts or s
        facts = WindowFacts(
            k, lo, hi, commit_end, s.status, s.termination, s.mip_gap, s.objective_usd, s.build_s, s.solve_s, 0.0
        )
        if s.has_solution:
            keep = commit_end - lo
            parts.append({col: values[:keep] for col, values in solved.timeseries.items()})
            if inputs.battery is not None:
                soc = float(solved.timeseries["bess_soc_mwh"][keep - 1])
            fleets = tuple(
                replace(f, initial_units_online=round(float(solved.timeseries[f"gen_{f.name}_units_online"][keep - 1])))
                for f in inputs.fleets
            )
            committed = commit_end
        facts = replace(facts, wall_s=time.perf_counter() - wall)
        windows.append(facts)
        if progress is not None:
            progress(k, len(bounds), facts)
        if not s.has_solution:
            break
    assert first_facts is not None  # n >= 1 is guaranteed by DispatchInputs
    return _stitch(inputs, parts, windows, committed, first_facts, window_intervals, commit_intervals)


def _stitch(
    inputs: DispatchInputs,
    parts: list[dict[str, FloatArray]],
    windows: list[WindowFacts],
    committed: int,
    first_facts: SolverFacts,
    window_intervals: int,
    commit_intervals: int,
) -> RollingResult:
    n = inputs.n_intervals
    done = slice_inputs(inputs, 0, committed) if 0 < committed < n else inputs
    ts: dict[str, FloatArray] = {}
    breaches = 0
    if parts:
        ts = {col: np.concatenate([p[col] for p in parts]) for col in parts[0]}
        breaches = count_min_up_down_breaches(inputs.fleets, ts)
    result = finish_result(done, ts, first_facts)  # economics recomputed from the stitched series
    net = result.economics.net_value_usd if result.economics is not None else None
    result.solver = _stitched_facts(windows, net, first_facts)
    notes = []
    if breaches:
        notes.append(f"{breaches} interval(s) break min up/down across window seams (time in state not carried)")
    if committed < n:
        notes.append(f"stopped after {committed} of {n} intervals: window {windows[-1].index} {windows[-1].status}")
    result.warnings.extend(notes)
    return RollingResult(result, windows, window_intervals, commit_intervals, committed == n, breaches, notes)


def hours_to_intervals(hours: float, interval_hours: float) -> int:
    """Whole intervals in ``hours`` (must divide exactly).

    Raises:
        ValueError: ``hours`` is not a positive whole number of intervals.
    """
    count = round(hours / interval_hours)
    if count < 1 or abs(count * interval_hours - hours) > 1e-9:
        raise ValueError(f"{hours} h is not a positive whole number of {interval_hours * 60:g}-min intervals")
    return count
