"""Dispatch MILP speed: build and solve seconds, gap and objective, against HiGHS alone on the same model.

For each case: prepare inputs, build the PuLP model, solve through PuLP (dcep_opt.solve_dispatch),
then write the same model to MPS and time highspy alone reading and solving it, so the modelling
overhead is a ratio measured in the same run. ``--compare`` also measures formulation choices on
the 7-day case: exclusivity binaries everywhere vs only where needed, the N+1 rows, pruned POI
polygon faces, and our bulk model hand-over vs PuLP's stock row-by-row HiGHS build.

    uv run python benchmarks/bench_dispatch.py                # seed, 7-day, 31-day
    uv run python benchmarks/bench_dispatch.py --cases seed,7day --compare
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
import time
from pathlib import Path

import highspy

from dcep_models import load_case
from dcep_opt import ModelOptions, SolveOptions, build_model, prepare_inputs, solve_dispatch, solve_model

ROOT = Path(__file__).resolve().parents[1]
CASES = {
    "seed": ROOT / "cases" / "ercot_50mw.json",
    "7day": ROOT / "cases" / "ercot_50mw_real_7day_2025-08-01.json",
    "31day": ROOT / "cases" / "ercot_50mw_real_31day_2025-08.json",
}
TARGETS_S = {"seed": 0.33, "7day": 2.0, "31day": 20.0}


def highs_alone(mps: Path, options: SolveOptions) -> tuple[float, float, str, float]:
    """(read seconds, run seconds, status, objective) for highspy alone on an MPS file."""
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    t0 = time.perf_counter()
    h.readModel(str(mps))
    t1 = time.perf_counter()
    h.setOptionValue("mip_rel_gap", options.mip_gap)
    h.setOptionValue("time_limit", options.time_limit_s)
    h.setOptionValue("threads", options.threads)
    h.setOptionValue("mip_heuristic_run_feasibility_jump", options.feasibility_jump)
    h.run()
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, h.getModelStatus().name, -float(h.getInfo().objective_function_value)


def bench_case(key: str, options: SolveOptions) -> None:
    case = load_case(CASES[key])
    t0 = time.perf_counter()
    inputs = prepare_inputs(case)
    prep_s = time.perf_counter() - t0
    solved = solve_dispatch(inputs, options)
    s = solved.result.solver
    gap = f"{100 * s.mip_gap:.4f} %" if s.mip_gap is not None else "n/a"
    total = prep_s + s.build_s + s.solve_s
    print(
        f"{key:6s} n={inputs.n_intervals:5d} vars={s.n_variables:7d} rows={s.n_constraints:7d} int={s.n_integer:6d} | "
        f"prepare {prep_s:6.2f} s  build {s.build_s:6.2f} s  solve {s.solve_s:7.2f} s  total {total:7.2f} s  "
        f"build share {100 * s.build_s / max(s.build_s + s.solve_s, 1e-9):.0f} % of build+solve | "
        f"{s.status} ({s.termination}) gap {gap} objective {s.objective_usd:,.2f} USD rounds {s.rounds}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        mps = Path(tmp) / f"{key}.mps"
        solved.model.problem.solverModel.writeModel(str(mps))
        read_s, run_s, status, obj = highs_alone(mps, options)
    last = solved.model.problem.solverModel.getRunTime()
    print(
        f"{'':6s} HiGHS alone on the same MPS: read {read_s:.2f} s, run {run_s:.2f} s ({status}, {obj:,.2f}); "
        f"dcep build+solve / HiGHS run = {(s.build_s + s.solve_s) / run_s:.2f}x; "
        f"HiGHS inside our last solve {last:.2f} s; target {TARGETS_S[key]} s -> "
        f"{'met' if s.solve_s <= TARGETS_S[key] else 'NOT met'} (solve {s.solve_s / TARGETS_S[key]:.1f}x target)"
    )


def compare(key: str, options: SolveOptions) -> None:
    """Formulation and hand-over choices on one case, each a separate build + solve."""
    inputs = prepare_inputs(load_case(CASES[key]))
    n = inputs.n_intervals
    every = frozenset(range(n))
    variants = [
        ("binaries only where needed (ours)", inputs, ModelOptions(), True),
        ("import/export binary every interval", inputs, ModelOptions(grid_dir_intervals=every), True),
        ("charge/discharge binary every interval", inputs, ModelOptions(bess_mode_intervals=every), True),
        ("all POI polygon faces (no pruning)", inputs, ModelOptions(prune_polygon_faces=False), True),
        ("without the n1-hull envelope rows", inputs, ModelOptions(n1_hull_cuts=False), True),
        ("without N+1 rows (not a valid study)", dataclasses.replace(inputs, redundancy_units=0), ModelOptions(), True),
        ("PuLP stock row-by-row HiGHS hand-over", inputs, ModelOptions(), False),
        ("HiGHS feasibility jump on (its default)", inputs, ModelOptions(), True),
    ]
    print(f"\nformulation choices on {key} ({n} intervals); single solve each, no exclusivity repair:")
    for label, inp, mopts, fast in variants:
        built = build_model(inp, mopts)
        opts = dataclasses.replace(options, feasibility_jump=label.startswith("HiGHS feasibility jump"))
        out = solve_model(built.model, opts, fast=fast)
        highs_run = built.model.problem.solverModel.getRunTime()
        obj = f"{out.objective_usd:,.2f}" if out.objective_usd is not None else "none"
        print(
            f"  {label:40s} build {built.build_s:6.2f} s  solve {out.solve_s:7.2f} s (HiGHS {highs_run:6.2f} s, "
            f"hand-over+readback {out.solve_s - highs_run:5.2f} s)  {out.termination.value:10s} objective {obj} "
            f"int={built.model.n_integer} rows={built.model.n_constraints}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", default="seed,7day,31day")
    parser.add_argument("--time-limit", type=float, default=300.0)
    parser.add_argument("--mip-gap", type=float, default=1e-4)
    parser.add_argument("--compare", action="store_true", help="also measure formulation choices on --compare-case")
    parser.add_argument("--compare-case", default="7day")
    parser.add_argument("--feasibility-jump", action="store_true", help="run HiGHS's feasibility jump (its default)")
    args = parser.parse_args()
    options = SolveOptions(
        time_limit_s=args.time_limit, mip_gap=args.mip_gap, threads=1, feasibility_jump=args.feasibility_jump
    )
    print(
        f"dispatch benchmark: mip gap {100 * args.mip_gap:.3f} %, time limit {args.time_limit:g} s, 1 thread, "
        f"feasibility jump {'on' if args.feasibility_jump else 'off'}"
    )
    for key in args.cases.split(","):
        bench_case(key, options)
    if args.compare:
        compare(args.compare_case, options)


if __name__ == "__main__":
    main()
