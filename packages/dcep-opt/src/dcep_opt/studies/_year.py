"""Parallel-in-time dispatch of a long horizon (a year) with a certified bound on the whole horizon.

Two rounds of independent tasks, each round on a :class:`~dcep_opt.studies._pool.TaskPool`:

1. **Pilot** (one task per ``SEAMS_PER_PILOT`` consecutive seams): the LP relaxation of a horizon
   reaching at least ``pilot_intervals // 2`` past its first and last seam sets each seam's SOC and
   units targets and the values of stored energy and of a unit online there: the seams' prices
   (see ``_seams``).
2. **Windows** (one task per window, all independent): the window is solved twice:

   * *schedule*: from its start seam's state to its end seam's state, ending settled (no start or
     stop that the next window would have to remember), by :func:`solve_dispatch` (exclusivity
     rounds included). The stitched windows are a schedule of the full horizon, feasible for its
     model (SOC continuous, min up/down held across seams: ``min_up_down_breaches`` proves it);
   * *bound*: with its initial state freed and the SOC at both ends priced at the seams' values,
     the LP relaxation's optimum (HiGHS's MILP dual bound where that is loose). The sum over windows
     is a valid upper bound on the full-horizon optimum (Lagrangian relaxation: holds for any seam
     values; the pilot's duals and the subgradient passes only make it tight).

The seams' prices are the pilot LP's duals. The windows' own fixed-commitment duals (a second LP per
window) gave looser bounds: on the year case, 28 January days 0.048 % against 0.007 % with the pilot's,
10 November days 0.41 % against 0.085 % (serial, same runs), and cost that LP re-solve per window.

The year's gap is ``(bound - stitched net value) / |bound|``. Every window is solved alone from its
own inputs, so the result does not depend on the number of workers or on the order they finish.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from dcep_opt._inputs import DispatchInputs
from dcep_opt._model import DispatchModel
from dcep_opt._readback import finish_result
from dcep_opt._results import DispatchResult, FloatArray
from dcep_opt._runner import solve_dispatch
from dcep_opt._solve import SolveOptions
from dcep_opt.studies._boundlp import bound_lp_from_schedule, pack, solve_bound_lp, unpack
from dcep_opt.studies._pool import TaskPool
from dcep_opt.studies._rolling import count_min_up_down_breaches, slice_inputs
from dcep_opt.studies._seams import SeamTarget, pilot_seams, pin_window_end, with_start

#: Relative MIP gap of the bound solves unless given: their dual bound is what counts and stays valid at
#: any gap; measured on days 1-3 of the year case: 1e-4 -> 1e-3 cut the CPU 16.1 -> 9.3 s for a year gap
#: of 0.027 % instead of 0.000 %. (Now only the windows ``_tighten`` picks solve the bound MILP.)
#: The schedules keep the case's gap (1e-4): HiGHS's relative gap is on a window's whole objective, ~20x
#: its share of the net value the year's gap is measured against. On 13 January windows (same run) 1e-3
#: saved 6 % of the schedule CPU (7.37 -> 6.91 s) for $54 less net value; 5e-3 saved 23 % for $1,239 less,
#: 2.3 % of those days' net value. Full year (2 workers, 24 h windows, 4 bound passes, 7 seams per pilot
#: LP): year gap 0.237 % with these defaults, no window stopped at a limit.
BOUND_MIP_GAP = 1e-3

#: The bound passes use each window's LP relaxation (0.12 s of HiGHS against 0.6 s for the MILP on the
#: 14-day case); then a window whose LP gap exceeds this share of the year's |bound| / windows gets its
#: MILP bound (``_tighten``). So the windows left at their LP bound add at most this to the year's gap.
#: Full year, 2 workers, rows kept as records (``_rowbook``), same session: 120.9 s at a year gap of 0.237 %
#: with this share at 1e-3; 113.6 s and 0.275 % at 1e-2 (the default: the gap stays half the 0.5 % target).
#: An earlier session: 148.5 s / 0.237 % at 1e-3 and 129.5 s / 0.368 % at 1 (a window re-bounded only if its
#: LP gap exceeds a whole window's share).
MILP_BOUND_SHARE = 1e-2

#: Seams one pilot LP sets (consecutive). A pilot LP costs about the same per interval at 2 and 8 days
#: (0.12-0.16 s of CPU per day of the year case), so a week's LP setting 7 seams costs 8 days where 7
#: two-day LPs cost 14, and its inner seams see days of past and future. First 28 days of the year case,
#: serial, same run: 1 seam per LP 26.3 s (pilot 8.1 s), 7 per LP 18.3 s (pilot 4.7 s), same schedule to
#: the cent, year gap 0.007 % and 0.006 %.
SEAMS_PER_PILOT = 7

#: Pilot LPs a horizon is split into at least (fewer seams per LP on short horizons), so that the pilot
#: round still runs on every worker: 14 days in 2 LPs of 7 seams ran 1.59x faster on 2 workers than on 1.
#: Set by the horizon alone, never by the workers, so the result does not depend on them.
MIN_PILOT_TASKS = 8

#: Intervals of pilot horizon around a seam: at least half of it before the first seam of a pilot LP and
#: half after its last (24 h at 15 min). 96 cut the pilot CPU 15 % but, on the full year (2 workers, 7 seams
#: per LP), the year gap went 0.237 % -> 0.422 % and the net value $1.7k down for 6 s less wall time.
PILOT_INTERVALS = 192


@dataclass(frozen=True)
class YearWindow:
    """One window: where it sits (interval indices, end exclusive), its schedule and its bound."""

    index: int
    start: int
    end: int
    status: str
    termination: str
    mip_gap: float | None
    objective_usd: float | None
    bound_usd: float | None
    bound_termination: str
    build_s: float
    solve_s: float
    wall_s: float

    @property
    def stopped_early(self) -> bool:
        """Either solve stopped at a limit instead of proving its gap."""
        return self.termination != "optimal" or self.bound_termination != "optimal"

    @property
    def gap(self) -> float | None:
        """``(bound - objective) / |bound|`` of this window (its seam prices included in the bound).

        Relative to the window's own priced value, which the seam prices can bring near zero: a large
        figure here may be a few dollars (:attr:`gap_usd` says how many).
        """
        if self.bound_usd is None or self.objective_usd is None:
            return None
        return (self.bound_usd - self.objective_usd) / max(abs(self.bound_usd), 1e-9)

    @property
    def gap_usd(self) -> float | None:
        """``bound - objective`` of this window, USD: its share of the year's gap (the seam values cancel in
        the sum over windows, so the windows' shares add up to the year's bound minus the windows' values)."""
        if self.bound_usd is None or self.objective_usd is None:
            return None
        return self.bound_usd - self.objective_usd


@dataclass
class YearResult:
    """A stitched parallel-in-time run: the schedule, its certified bound and every window's facts.

    ``bound_usd`` is None when some window's bound is unknown (then ``gap`` is None too).
    """

    result: DispatchResult
    windows: list[YearWindow]
    window_intervals: int
    bound_usd: float | None
    gap: float | None
    min_up_down_breaches: int
    pilot_s: float
    windows_s: float
    wall_s: float
    peak_rss_mb: float
    workers: int
    notes: list[str] = field(default_factory=list)
    #: process CPU seconds spent inside the tasks (pilot, schedules, bounds; every round), summed over the
    #: workers: what the work costs, unlike the wall time, whatever else the machine runs
    cpu_s: float = 0.0

    @property
    def complete(self) -> bool:
        """Every window has a schedule."""
        return all(w.status in ("optimal", "feasible") for w in self.windows)

    @property
    def stopped_early(self) -> list[YearWindow]:
        """Windows where a solve stopped at a limit."""
        return [w for w in self.windows if w.stopped_early]

    @property
    def worst_window(self) -> YearWindow | None:
        """The window holding the most of the year's gap in USD (None when no window's gap is known)."""
        known = [w for w in self.windows if w.gap_usd is not None]
        return max(known, key=lambda w: w.gap_usd or 0.0) if known else None

    @property
    def worst_window_gap(self) -> float | None:
        """The largest relative window gap (None when none is known); see :attr:`YearWindow.gap`."""
        gaps = [w.gap for w in self.windows if w.gap is not None]
        return max(gaps) if gaps else None


def _timed_call(job: tuple[Callable[[Any], Any], Any]) -> tuple[Any, float]:
    """``fn(item)`` and the process CPU seconds it took (a task on the pool)."""
    fn, item = job
    cpu = time.process_time()
    out = fn(item)
    return out, time.process_time() - cpu


class _MeteredPool:
    """A :class:`TaskPool` whose ``map`` adds up the CPU seconds its tasks took (``cpu_s``)."""

    def __init__(self, pool: TaskPool) -> None:
        self.pool = pool
        self.cpu_s = 0.0

    def map(self, fn: Callable[[Any], Any], items: Any, progress: Callable[[int, int], None] | None = None) -> Any:
        done = self.pool.map(_timed_call, [(fn, item) for item in items], progress)
        self.cpu_s += sum(cpu for _out, cpu in done)
        return [out for out, _cpu in done]


def _pilot_tasks(
    inputs: DispatchInputs,
    seams: list[int],
    pilot_intervals: int,
    options: SolveOptions,
    seams_per_pilot: int | None = None,
) -> list[tuple[DispatchInputs, tuple[int, ...], SolveOptions]]:
    """One pilot LP per ``seams_per_pilot`` consecutive seams: the horizon from ``pilot_intervals // 2``
    before the first to as far after the last (clipped to the horizon, then widened to at least
    ``pilot_intervals`` where the horizon allows), with each seam's position in it.

    ``seams_per_pilot`` None: ``SEAMS_PER_PILOT``, fewer when that would leave under ``MIN_PILOT_TASKS`` LPs.
    """
    if seams_per_pilot is None:
        seams_per_pilot = max(1, min(SEAMS_PER_PILOT, len(seams) // MIN_PILOT_TASKS))
    n = inputs.n_intervals
    half = pilot_intervals // 2
    tasks = []
    for g in range(0, len(seams), seams_per_pilot):
        group = seams[g : g + seams_per_pilot]
        lo = max(0, group[0] - half)
        hi = min(n, max(group[-1] + pilot_intervals - half, lo + pilot_intervals))
        lo = max(0, min(lo, hi - pilot_intervals))
        span = slice_inputs(inputs, lo, hi, final_target=True)
        tasks.append((span, tuple(s - lo for s in group), options))
    return tasks


@dataclass(frozen=True)
class _WindowTask:
    index: int
    lo: int
    hi: int
    inputs: DispatchInputs  # sliced, starting from the start seam's state
    start: SeamTarget | None  # None: the horizon's first window (its start is the case's)
    end: SeamTarget | None  # None: the horizon's last window (the case's own end condition)
    options: SolveOptions
    bound_options: SolveOptions


def schedule_window(task: _WindowTask) -> tuple[dict[str, Any], dict[str, FloatArray]]:
    """A window's schedule from its start seam to its end seam, and its first bound (a Dask task).

    The solved model then becomes the window's bound model, exported once as ``facts["bound_lp"]``
    (see ``_boundlp``), and its LP relaxation at the pilot's seam prices is solved here at once
    (``facts["lp_bound"]``, what :func:`bound_window` returns): no second task, no second trip of the model.
    """
    wall = time.perf_counter()
    end = task.end
    pins: list[Any] = []

    def adjust(model: DispatchModel) -> None:
        pins[:] = [] if end is None else pin_window_end(model, end)

    solved = solve_dispatch(task.inputs, task.options, diagnose=False, adjust=adjust)
    s = solved.result.solver
    facts: dict[str, Any] = {
        "status": s.status,
        "termination": s.termination,
        "mip_gap": s.mip_gap,
        "objective_usd": s.objective_usd,
        "build_s": s.build_s,
        "solve_s": s.solve_s,
    }
    t = time.perf_counter()
    bound = bound_lp_from_schedule(solved.model, task.start, end, pins)
    facts["bound_lp"] = pack(bound)
    facts["build_s"] += time.perf_counter() - t
    facts["wall_s"] = time.perf_counter() - wall  # the bound's own time is in its facts
    facts["lp_bound"] = solve_bound_lp(bound, task.start, end, task.bound_options, relaxed=True)
    return facts, solved.result.timeseries


@dataclass(frozen=True)
class _BoundTask:
    index: int
    lp: bytes  # a packed BoundLp
    start: SeamTarget | None
    end: SeamTarget | None
    options: SolveOptions
    relaxed: bool
    basis: bytes | None = None  # the LP's optimal basis at an earlier pass (a warm start)


def bound_window(task: _BoundTask) -> dict[str, Any]:
    """The window's bound with its start freed and its seams priced (a Dask task): the LP relaxation's
    optimum (``relaxed``) or HiGHS's MILP dual bound."""
    return solve_bound_lp(unpack(task.lp), task.start, task.end, task.options, task.relaxed, task.basis)


def _bound_tasks(
    tasks: list[_WindowTask],
    scheduled: list[tuple[dict[str, Any], dict[str, FloatArray]]],
    which: Any = None,
    relaxed: bool = True,
    bounds: list[dict[str, Any]] | None = None,
) -> list[_BoundTask]:
    """Bound tasks of windows ``which`` (default all) at their tasks' current seam prices.

    ``bounds``: an earlier pass's results, whose LP bases start these LPs (same model, other prices).
    """
    ks = range(len(tasks)) if which is None else which
    return [
        _BoundTask(
            k,
            scheduled[k][0]["bound_lp"],
            tasks[k].start,
            tasks[k].end,
            tasks[k].bound_options,
            relaxed,
            bounds[k].get("basis") if relaxed and bounds is not None else None,
        )
        for k in ks
    ]


def _tighten(
    pool: _MeteredPool,
    tasks: list[_WindowTask],
    scheduled: list[tuple[dict[str, Any], dict[str, FloatArray]]],
    bounds: list[dict[str, Any]],
    say: Callable[[str, int, int], None],
) -> list[dict[str, Any]]:
    """MILP bounds (same seam prices) of the windows whose LP relaxation leaves more than their share of gap.

    A window is re-bounded when its relaxation is fractional and its own gap (LP bound minus its priced
    schedule) exceeds ``MILP_BOUND_SHARE * |sum of the bounds| / windows``: the windows left with their
    LP bound then add at most ``MILP_BOUND_SHARE`` to the year's gap. An integral relaxation is the
    MILP's optimum already. The MILP dual bound is kept where it is lower (both are valid).
    """
    if any(b["bound_usd"] is None for b in bounds):
        return bounds
    share = MILP_BOUND_SHARE * abs(sum(b["bound_usd"] for b in bounds)) / len(bounds)
    which = []
    for k, b in enumerate(bounds):
        objective = _priced(scheduled[k][0]["objective_usd"], tasks[k])
        if not b["integral"] and (objective is None or b["bound_usd"] - objective > share):
            which.append(k)
    milp = _bound_tasks(tasks, scheduled, which, relaxed=False)
    fresh = pool.map(bound_window, milp, lambda d, t: say("bounds", d, t))
    out = list(bounds)
    for k, b in zip(which, fresh, strict=True):
        if b["bound_usd"] is not None and b["bound_usd"] < bounds[k]["bound_usd"]:
            out[k] = b
    return out


def _seam_value(seam: SeamTarget) -> float:
    """The priced value of a seam's state: SOC times its value plus units times theirs, USD."""
    value = seam.value_usd_per_mwh * seam.soc_mwh if seam.soc_mwh is not None else 0.0
    return value + sum(u * w for u, w in zip(seam.units, seam.unit_values_usd, strict=False))


def _priced(objective: float | None, task: _WindowTask) -> float | None:
    """The schedule's objective with the same seam prices as the bound (comparable window by window)."""
    if objective is None:
        return None
    value = objective
    if task.end is not None:
        value += _seam_value(task.end)
    if task.start is not None:
        value -= _seam_value(task.start)
    return value


def window_starts(n_intervals: int, window_intervals: int) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive windows of ``window_intervals`` (the last may be shorter).

    Raises:
        ValueError: ``window_intervals`` < 1.
    """
    if window_intervals < 1:
        raise ValueError(f"need window >= 1 interval, got {window_intervals}")
    return [(lo, min(lo + window_intervals, n_intervals)) for lo in range(0, n_intervals, window_intervals)]


def solve_year(
    inputs: DispatchInputs,
    window_intervals: int,
    pool: TaskPool,
    options: SolveOptions | None = None,
    bound_options: SolveOptions | None = None,
    pilot_intervals: int = PILOT_INTERVALS,
    progress: Callable[[str, int, int], None] | None = None,
    bound_passes: int = 1,
) -> YearResult:
    """Dispatch ``inputs`` in independent windows of ``window_intervals`` on ``pool``; stitch; bound.

    ``options`` apply to each window's schedule, ``bound_options`` (default: ``options`` with a MIP gap
    of at least ``BOUND_MIP_GAP``) to its bound
    solve; ``bound_passes`` > 1 adds subgradient steps on the seam values (each one more LP bound
    solve per window, kept only when it lowers the bound), after which the windows whose relaxation
    leaves more than their share of gap get their MILP bound. ``progress(stage, done, total)`` with stage
    ``"pilot"``, ``"windows"`` or ``"bounds"``.

    Raises:
        ValueError: ``window_intervals`` < 1.
        RuntimeError: a pilot LP failed (its seam has no target).
    """
    options = options or SolveOptions()
    bound_options = bound_options or replace(options, mip_gap=max(options.mip_gap, BOUND_MIP_GAP))
    t0 = time.perf_counter()
    metered = _MeteredPool(pool)
    n = inputs.n_intervals
    spans = window_starts(n, window_intervals)
    seams = [lo for lo, _hi in spans[1:]]
    say = progress or (lambda _stage, _done, _total: None)
    lp_options = replace(options, mip_gap=0.0)
    piloted = metered.map(
        pilot_seams, _pilot_tasks(inputs, seams, pilot_intervals, lp_options), lambda d, t: say("pilot", d, t)
    )
    targets: list[SeamTarget] = [t for group in piloted for t in group]
    # a draw below the floor is paid once, then may be held: its value at seam j falls linearly to 0,
    # so holding it through a window costs 1/K of the penalty (any values keep the bound valid)
    penalty = inputs.floor_use_penalty_usd_per_mwh
    windows_k = len(spans)
    targets = [
        replace(t, floor_value_usd_per_mwh=penalty * (windows_k - 1 - j) / windows_k) for j, t in enumerate(targets)
    ]
    t1 = time.perf_counter()

    tasks = []
    for k, (lo, hi) in enumerate(spans):
        start = targets[k - 1] if k > 0 else None
        end = targets[k] if k < len(targets) else None
        window_inputs = with_start(slice_inputs(inputs, lo, hi, final_target=hi == n), start)
        tasks.append(_WindowTask(k, lo, hi, window_inputs, start, end, options, bound_options))
    scheduled = metered.map(schedule_window, tasks, lambda d, t: say("windows", d, t))
    bounds = [facts["lp_bound"] for facts, _ts in scheduled]
    primal = sum(f["objective_usd"] for f, _ts in scheduled if f["objective_usd"] is not None)
    for _ in range(1, bound_passes):
        better = _subgradient_pass(metered, tasks, scheduled, bounds, targets, primal, say)
        if better is None:
            break
        tasks, bounds, targets = better
    bounds = _tighten(metered, tasks, scheduled, bounds, say)
    t3 = time.perf_counter()
    windows = []
    for task, (facts, _ts), bound in zip(tasks, scheduled, bounds, strict=True):
        window = YearWindow(
            index=task.index,
            start=task.lo,
            end=task.hi,
            status=facts["status"],
            termination=facts["termination"],
            mip_gap=facts["mip_gap"],
            objective_usd=_priced(facts["objective_usd"], task),
            bound_usd=bound["bound_usd"],
            bound_termination=bound["bound_termination"],
            build_s=facts["build_s"] + bound["build_s"],
            solve_s=facts["solve_s"] + bound["solve_s"],
            wall_s=facts["wall_s"] + bound["wall_s"],
        )
        windows.append(window)
    outcomes = [(w, ts) for w, (_f, ts) in zip(windows, scheduled, strict=True)]
    year = _stitch(inputs, outcomes, windows, window_intervals, pool, t0, t1, t3)
    year.cpu_s = metered.cpu_s
    return year


def _repriced(task: _WindowTask, targets: list[SeamTarget]) -> _WindowTask:
    """``task`` with its seams' values from ``targets`` (same states: its inputs are unchanged)."""
    k = task.index
    return replace(task, start=targets[k - 1] if k > 0 else None, end=targets[k] if k < len(targets) else None)


def _subgradient_pass(
    pool: _MeteredPool,
    tasks: list[_WindowTask],
    scheduled: list[tuple[dict[str, Any], dict[str, FloatArray]]],
    bounds: list[dict[str, Any]],
    targets: list[SeamTarget],
    primal: float,
    say: Callable[[str, int, int], None],
) -> tuple[list[_WindowTask], list[dict[str, Any]], list[SeamTarget]] | None:
    """One Polyak subgradient step on the seams' energy values, re-bounded; None when it does not lower the bound.

    The bound's slope in seam k's value is (window k's end SOC - window k+1's start SOC) of the bound
    solutions; the step is (bound - primal) / |slope|^2 (Polyak, with the schedule as the target).
    """
    if any(b["bound_usd"] is None for b in bounds):
        return None
    total = sum(b["bound_usd"] for b in bounds)
    slopes = []
    for k in range(len(targets)):
        end, start = bounds[k]["soc_end"], bounds[k + 1]["soc_start"]
        slopes.append(0.0 if end is None or start is None else end - start)
    norm = sum(g * g for g in slopes)
    if norm < 1e-9 or total <= primal:
        return None
    step = (total - primal) / norm
    new_targets = [
        replace(t, value_usd_per_mwh=t.value_usd_per_mwh - step * g) for t, g in zip(targets, slopes, strict=True)
    ]
    new_tasks = [_repriced(task, new_targets) for task in tasks]
    # only windows next to a seam whose value moved need a new bound (the others' terms are unchanged)
    moved = sorted({w for k, g in enumerate(slopes) if g != 0.0 for w in (k, k + 1)})
    fresh = pool.map(
        bound_window, _bound_tasks(new_tasks, scheduled, moved, bounds=bounds), lambda d, t: say("bounds", d, t)
    )
    new_bounds = list(bounds)
    for k, b in zip(moved, fresh, strict=True):
        new_bounds[k] = b
    if any(b["bound_usd"] is None for b in new_bounds) or sum(b["bound_usd"] for b in new_bounds) >= total:
        return None
    return new_tasks, new_bounds, new_targets


def _stitch(
    inputs: DispatchInputs,
    outcomes: list[tuple[YearWindow, dict[str, FloatArray]]],
    windows: list[YearWindow],
    window_intervals: int,
    pool: TaskPool,
    t0: float,
    t1: float,
    t2: float,
) -> YearResult:
    notes: list[str] = []
    failed = [w for w in windows if w.status not in ("optimal", "feasible")]
    committed = windows[failed[0].index].start if failed else inputs.n_intervals
    parts = [ts for w, ts in outcomes if w.end <= committed]
    ts: dict[str, FloatArray] = {}
    breaches = 0
    if parts:
        ts = {col: np.concatenate([p[col] for p in parts]) for col in parts[0]}
        breaches = count_min_up_down_breaches(inputs.fleets, ts)
    done = slice_inputs(inputs, 0, committed) if 0 < committed < inputs.n_intervals else inputs
    first = solve_facts_template(windows)
    result = finish_result(done, ts, first)
    net = result.economics.net_value_usd if result.economics is not None else None
    bounds = [w.bound_usd for w in windows]
    bound = float(sum(b for b in bounds if b is not None)) if all(b is not None for b in bounds) else None
    gap = (bound - net) / max(abs(bound), 1e-9) if bound is not None and net is not None and not failed else None
    stopped = [w for w in windows if w.stopped_early]
    if failed:
        status, termination = failed[0].status, f"window {failed[0].index}: {failed[0].termination}"
        notes.append(f"stopped after {committed} of {inputs.n_intervals} intervals: window {failed[0].index}")
    elif stopped:
        status, termination = "feasible", f"{len(stopped)} window(s) stopped at a limit, first: {stopped[0].index}"
    else:
        status, termination = "optimal", "optimal"
    if breaches:
        notes.append(f"{breaches} interval(s) break min up/down across window seams")
    result.solver = replace(
        result.solver,
        status=status,
        termination=termination,
        highs_status=status,
        objective_usd=net,
        best_bound_usd=bound,
        mip_gap=gap,
        build_s=sum(w.build_s for w in windows),
        solve_s=sum(w.solve_s for w in windows),
        rounds=len(windows),
    )
    result.warnings.extend(notes)
    here = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    workers = pool.worker_peak_rss_mb()
    peak = max(here, workers or 0.0)
    n_workers = 1 if pool.client is None else len(pool.client.scheduler_info().get("workers", {}))
    return YearResult(
        result, windows, window_intervals, bound, gap, breaches, t1 - t0, t2 - t1, time.perf_counter() - t0, peak,
        n_workers, notes,
    )  # fmt: skip


def solve_facts_template(windows: list[YearWindow]) -> Any:
    """Solver facts for the stitched result before the year's own figures replace them."""
    from dcep_opt._results import SolverFacts

    return SolverFacts(
        status="optimal",
        termination="optimal",
        highs_status="optimal",
        objective_usd=None,
        best_bound_usd=None,
        mip_gap=None,
        build_s=0.0,
        solve_s=0.0,
        n_variables=0,
        n_constraints=0,
        n_integer=0,
        rounds=len(windows),
    )
