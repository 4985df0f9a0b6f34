"""Dispatch MILP speed: build and solve seconds, gap and objective, against HiGHS alone on the same model.

For each case and N+1 reserve rule (``--rules``; the case option ``reliability.n_plus_1_reserve_rule``):
prepare inputs, then solve through PuLP (dcep_opt.solve_dispatch, every exclusivity round), then write
the same model to MPS and time highspy alone reading and solving it, so the modelling overhead is a
ratio measured in the same run.

The split, summed over the rounds of the one solve_dispatch call: *build* is everything from the
inputs to the model in HiGHS (the PuLP build, ``solver.build_s``, plus the hand-over, ``handover_s``:
collecting the columns, ``export_highs`` and ``passModel``); *HiGHS* is HiGHS's own ``run()``
(``highs_s``); *readback* is the rest of the solve (values back into PuLP); *other* is what
solve_dispatch spends after the solves (reactive tie-break, time series, economics). Build share is
build / (build + HiGHS), and build / HiGHS is the same figure as a ratio; each is printed in wall-clock
seconds and in process CPU seconds (the honest split when other work shares the machine).

``--compare`` also measures formulation choices on the 7-day case: exclusivity binaries everywhere vs
only where needed, the N+1 rows, pruned POI polygon faces, and our bulk model hand-over vs PuLP's
stock row-by-row HiGHS build.

    uv run python benchmarks/bench_dispatch.py                # seed, 7-day, 31-day; both N+1 rules
    uv run python benchmarks/bench_dispatch.py --cases 7day,31day --rules independent
    uv run python benchmarks/bench_dispatch.py --cases seed,7day --compare
"""

from __future__ import annotations

import argparse
import dataclasses
import tempfile
import time
from pathlib import Path

import highspy

from dcep_models import load_case, with_overrides
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


def _share(build_s: float, highs_s: float) -> str:
    share = 100 * build_s / max(build_s + highs_s, 1e-9)
    return f"{share:4.1f} % of build+HiGHS, build/HiGHS {build_s / max(highs_s, 1e-9):.2f}"


def bench_case(key: str, rule: str, options: SolveOptions) -> None:
    case = with_overrides(load_case(CASES[key]), {"reliability.n_plus_1_reserve_rule": rule})
    t0 = time.perf_counter()
    inputs = prepare_inputs(case)
    prep_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    solved = solve_dispatch(inputs, options)
    wall_s = time.perf_counter() - t1
    s = solved.result.solver
    gap = f"{100 * s.mip_gap:.4f} %" if s.mip_gap is not None else "n/a"
    build_s = s.build_s + s.handover_s
    build_cpu_s = s.build_cpu_s + s.handover_cpu_s
    readback_s = s.solve_s - s.handover_s - s.highs_s
    other_s = wall_s - s.build_s - s.solve_s
    print(
        f"{key:6s} {rule:11s} n={inputs.n_intervals:5d} vars={s.n_variables:7d} rows={s.n_constraints:7d} "
        f"int={s.n_integer:6d} rounds {s.rounds} | {s.status} ({s.termination}) gap {gap} "
        f"objective {s.objective_usd:,.2f} USD\n"
        f"{'':6s} wall: prepare {prep_s:5.2f} s  build {build_s:6.3f} s (PuLP {s.build_s:6.3f} + hand-over "
        f"{s.handover_s:5.3f})  HiGHS {s.highs_s:7.3f} s  readback {readback_s:5.3f} s  other {other_s:5.3f} s  "
        f"solve_dispatch {wall_s:7.2f} s | build share {_share(build_s, s.highs_s)}\n"
        f"{'':6s} CPU:  build {build_cpu_s:6.3f} s (PuLP {s.build_cpu_s:6.3f} + hand-over {s.handover_cpu_s:5.3f})  "
        f"HiGHS {s.highs_cpu_s:7.3f} s | build share {_share(build_cpu_s, s.highs_cpu_s)}"
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
    parser.add_argument(
        "--rules",
        default="independent,same_event",
        help="N+1 reserve rules to run each case with (reliability.n_plus_1_reserve_rule), comma-separated",
    )
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
        for rule in args.rules.split(","):
            bench_case(key, rule, options)
    if args.compare:
        compare(args.compare_case, options)


if __name__ == "__main__":
    main()
