"""Co-optimised sizing of the year case: MILP time, the chosen design, its representative-period error
against the full year re-dispatched (the parallel year, or rolling horizon), and its lifetime value (NPV).

    uv run python benchmarks/bench_sizing.py                      # 8 typical + 4 peak days, 150 s limit
    uv run python benchmarks/bench_sizing.py --days 12 --peak-days 8 --time-limit 300
    uv run python benchmarks/bench_sizing.py --skip-year          # the MILP only
    uv run python benchmarks/bench_sizing.py --horizon-days 63    # size and check on the first 63 days

Prints: representative days and weights, model size, build and solve seconds and the total wall time,
status and gap, the design, then (unless --skip-year) the predicted (exact grid-only baseline + the
representative days' value over it, re-dispatched at the design) vs full-year annual net value, the error
as a fraction of the annual net value and of the value over the grid-only baseline, every economics line
predicted vs full year, and the NPV, IRR and payback of the design from the full-year dispatch and the
case's finance section. Timings on a shared machine are noisy: the machine's load average is printed
with them.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from dcep_models import apply_overrides, case_data, format_usd, load_case
from dcep_opt import SolveOptions, check_design, lifetime_value, run_cosizing

ROOT = Path(__file__).resolve().parents[1]
YEAR = ROOT / "cases" / "ercot_50mw_year_2025.json"


def main() -> None:
    """Run the sizing MILP on the year case and check its design over the full year."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--case", default=str(YEAR))
    ap.add_argument("--days", type=int, default=8, help="typical days (extreme days added)")
    ap.add_argument("--peak-days", type=int, default=4, help="days of largest price tail kept whole")
    ap.add_argument("--time-limit", type=float, default=150.0, help="MILP time limit, s")
    ap.add_argument("--gap", type=float, default=2e-3, help="MILP relative gap")
    ap.add_argument("--skip-year", action="store_true", help="no full-year re-dispatch")
    ap.add_argument("--full-method", choices=("parallel", "rolling"), default="parallel", help="full-year re-dispatch")
    ap.add_argument("--workers", type=int, default=2, help="parallel year: Dask workers")
    ap.add_argument("--horizon-days", type=int, default=None, help="size on the first N days only (default: all)")
    args = ap.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} (2 cores, shared)")
    case = load_case(args.case)
    if args.horizon_days is not None:
        case = apply_overrides(case_data(case), {"time.horizon_hours": 24 * args.horizon_days}, case.base_dir)
    t0 = time.perf_counter()
    result = run_cosizing(
        case, None, args.days, SolveOptions(time_limit_s=args.time_limit, mip_gap=args.gap), n_peak=args.peak_days
    )
    wall = time.perf_counter() - t0
    print(
        f"representative days (day: weight, * kept whole): "
        f"{', '.join(f'{d}: {w:.2f}' + ('*' if x else '') for d, w, x in result.days)}"
    )
    print(f"model: {result.n_variables} columns ({result.n_integer} integer), {result.n_constraints} rows")
    print(f"sizing wall time {wall:.1f} s (build incl. tsam {result.build_s:.1f} s, solve {result.solve_s:.1f} s)")
    gap = "n/a" if result.mip_gap is None else f"{100 * result.mip_gap:.3f} %"
    print(f"status {result.status} ({result.termination}), gap {gap}")
    print(f"design: {result.candidate(case).label}  {result.design}")
    print(
        f"annual objective {format_usd(result.objective_usd or 0.0)}/yr, bound {format_usd(result.bound_usd or 0.0)}/yr"
        f" (baseline anchor {format_usd(result.baseline_anchor_usd)}/yr)"
    )
    for note in result.notes:
        print(f"note: {note}")
    if args.skip_year or not result.design:
        return
    print(f"load average before the year: {os.getloadavg()[0]:.1f}")
    options = SolveOptions(time_limit_s=case.solver.time_limit_s, mip_gap=case.solver.mip_gap)
    check = check_design(
        case, result.design, args.days, options, n_peak=args.peak_days, method=args.full_method, workers=args.workers
    )
    predicted = format_usd(check.predicted_annual_net_value_usd or 0.0)
    raw = format_usd(check.predicted_unanchored_annual_net_value_usd or 0.0)
    print(f"predicted (representative days re-dispatched, anchored): {predicted}/yr ({check.predicted_s:.1f} s)")
    print(f"  (the days' own weighted net value, unanchored: {raw}/yr)")
    year_gap = "" if check.full_gap is None else f", year gap {100 * check.full_gap:.3f} %"
    print(
        f"full year ({check.full_method}): {format_usd(check.full_annual_net_value_usd or 0.0)}/yr, "
        f"{check.full_status}{year_gap}, {check.full_windows_not_optimal} windows not optimal ({check.full_s:.1f} s)"
    )
    print(f"grid-only baseline: {format_usd(check.full_annual_baseline_net_value_usd or 0.0)}/yr")
    frac_net, frac_val = check.error_frac_of_net_value, check.error_frac_of_value_over_baseline
    print(
        f"representative-period error: {format_usd(check.error_usd or 0.0)}/yr = "
        f"{100 * (frac_net or 0.0):.2f} % of the annual net value, "
        f"{100 * (frac_val or 0.0):.2f} % of the value over baseline"
    )
    print(f"{'line (USD/yr)':<28} {'predicted':>16} {'full year':>16} {'difference':>14}")
    for key, full in check.full_lines.items():
        pred = check.predicted_lines.get(key)
        if pred is None or (abs(full) < 0.5 and abs(pred) < 0.5):
            continue
        print(f"{key:<28} {pred:>16,.0f} {full:>16,.0f} {pred - full:>14,.0f}")
    if "baseline_anchor_usd" in check.predicted_lines:
        print(f"{'baseline_anchor_usd':<28} {check.predicted_lines['baseline_anchor_usd']:>16,.0f}")
    if case.finance is not None and check.full_result is not None and check.full_inputs is not None:
        lv = lifetime_value(check.full_result, case.finance, check.full_inputs)
        irr = "none" if lv.irr is None else f"{100 * lv.irr:.2f} %"
        payback = "never" if lv.simple_payback_years is None else f"{lv.simple_payback_years:.2f} years"
        print(
            f"lifetime ({case.finance.analysis_years} y): capex {format_usd(lv.capex_usd)}, "
            f"NPV {format_usd(lv.npv_usd)}, IRR {irr}, payback {payback}"
        )


if __name__ == "__main__":
    main()
