"""Sizing-and-scale speed: a year of 15-min dispatch by rolling horizon, and a sweep on Dask vs serial.

Year: ``cases/ercot_50mw_year_2025.json`` (35,040 intervals of real 2024 ERCOT prices) rolled in
``--window-h`` windows committing ``--commit-h``; prints total seconds, per-window mean and max, and
the ratio of the mean window to one 96-interval (24 h) window solved alone in the same run.
Sweep: ``--scenarios`` variants of the seed case (BESS energy x base price) on an embedded
``LocalCluster(--workers)`` against a serial loop in the same run (cluster start-up included), and a
check that both give the same rows.

    uv run python benchmarks/bench_scale.py                 # the year (several minutes) and the sweep
    uv run python benchmarks/bench_scale.py --days 14       # a shorter roll
    uv run python benchmarks/bench_scale.py --skip-year
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import time
from pathlib import Path

from dcep_models import case_data, load_case
from dcep_opt import (
    TIMING_COLUMNS,
    SolveOptions,
    apply_overrides,
    hours_to_intervals,
    prepare_inputs,
    run_sweep,
    slice_inputs,
    solve_dispatch,
    solve_rolling,
)

ROOT = Path(__file__).resolve().parents[1]
YEAR = ROOT / "cases" / "ercot_50mw_year_2025.json"
SEED = ROOT / "cases" / "ercot_50mw.json"


def bench_year(
    days: float | None, window_h: float, commit_h: float, time_limit_s: float | None, gap: float | None, end: str
) -> None:
    """Roll the year case and compare its windows with one 96-interval window alone."""
    case = load_case(YEAR)
    if days is not None:
        case = apply_overrides(case_data(case), {"time.horizon_hours": days * 24}, case.base_dir)
    t0 = time.perf_counter()
    inputs = prepare_inputs(case)
    prep_s = time.perf_counter() - t0
    options = SolveOptions(
        time_limit_s if time_limit_s is not None else case.solver.time_limit_s,
        gap if gap is not None else case.solver.mip_gap,
        case.solver.threads,
    )
    print(f"per-window limits: {options.time_limit_s:g} s, MIP gap {options.mip_gap:g}")
    h = inputs.interval_hours
    window, commit = hours_to_intervals(window_h, h), hours_to_intervals(commit_h, h)
    single = slice_inputs(inputs, 0, 96)
    t1 = time.perf_counter()
    alone = solve_dispatch(single, options, diagnose=False).result
    single_s = time.perf_counter() - t1
    print(f"year case: {inputs.n_intervals} intervals, inputs prepared in {prep_s:.2f} s")
    print(f"one 96-interval window alone: {single_s:.2f} s ({alone.solver.status})")

    def tick(k: int, total: int, facts: object) -> None:
        if (k + 1) % 30 == 0 or k + 1 == total:
            print(f"  {k + 1}/{total} windows, {time.perf_counter() - t2:.1f} s", flush=True)

    t2 = time.perf_counter()
    end_soc = inputs.battery.soc_initial_mwh if end == "initial" and inputs.battery else None
    rolled = solve_rolling(inputs, window, commit, options, progress=tick, window_end_soc_mwh=end_soc)
    total_s = time.perf_counter() - t2
    secs = [w.wall_s for w in rolled.windows]
    mean_s = statistics.mean(secs)
    e = rolled.result.economics
    print(f"rolling {window_h:g} h windows committing {commit_h:g} h (window end SOC {end}): {len(secs)} windows")
    print(f"  total {total_s:.1f} s; per window mean {mean_s:.2f} s, max {max(secs):.2f} s")
    print(f"  mean window / 96-interval window alone: {mean_s / single_s:.2f}")
    print(f"  status {rolled.result.solver.status}; windows not optimal: {len(rolled.not_optimal)}")
    print(f"  min up/down breaches at seams: {rolled.min_up_down_breaches}")
    if e is not None:
        print(f"  net value over the horizon: ${e.net_value_usd:,.0f}")


def bench_sweep(n_scenarios: int, workers: int) -> None:
    """The same scenarios on LocalCluster(workers) and serially; prints seconds, ratio and equality."""
    case = load_case(SEED)
    grid = itertools.product([50.0, 100.0, 150.0, 200.0], [30.0, 40.0, 50.0])
    scenarios = [
        {"resources.bess.energy_mwh": e, "prices.base_price_usd_per_mwh": p}
        for e, p in itertools.islice(grid, n_scenarios)
    ]
    t0 = time.perf_counter()
    serial = run_sweep(case, scenarios, serial=True)
    serial_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    on_dask = run_sweep(case, scenarios, n_workers=workers)
    dask_s = time.perf_counter() - t1

    def strip(rows: list[dict[str, object]]) -> list[dict[str, object]]:
        return [{k: v for k, v in r.items() if k not in TIMING_COLUMNS} for r in rows]

    same = strip(serial) == strip(on_dask)
    solve_sum = sum(float(r["solve_s"]) for r in serial if "solve_s" in r)
    print(f"sweep of {len(scenarios)} seed-case scenarios (24 h at 15 min)")
    print(
        f"  serial {serial_s:.1f} s (solver {solve_sum:.1f} s); LocalCluster({workers}) {dask_s:.1f} s incl. start-up"
    )
    print(f"  speed-up serial / dask: {serial_s / dask_s:.2f}; rows identical: {same}")


def main() -> None:
    """Parse options and run the benchmarks."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--days", type=float, default=None, help="roll only this many days (default: the year)")
    p.add_argument("--window-h", type=float, default=48.0)
    p.add_argument("--commit-h", type=float, default=24.0)
    p.add_argument("--time-limit", type=float, default=None, help="per-window time limit, s (default: the case's)")
    p.add_argument("--mip-gap", type=float, default=None, help="per-window MIP gap (default: the case's)")
    p.add_argument("--window-end-soc", choices=("free", "initial"), default="free")
    p.add_argument("--scenarios", type=int, default=8)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--skip-year", action="store_true")
    p.add_argument("--skip-sweep", action="store_true")
    args = p.parse_args()
    if not args.skip_sweep:
        bench_sweep(args.scenarios, args.workers)
    if not args.skip_year:
        bench_year(args.days, args.window_h, args.commit_h, args.time_limit, args.mip_gap, args.window_end_soc)


if __name__ == "__main__":
    main()
