"""`dcep size CASE --method milp`: co-optimised sizing, its representative-period error, and the
enumeration as a check (``--compare``)."""

from __future__ import annotations

import argparse
import sys
import time

from dcep_models import Case, format_usd


def _usd(value: float | None) -> str:
    return "n/a" if value is None else format_usd(value)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.2f} %"


def run_milp(case: Case, args: argparse.Namespace) -> int:
    """Solve the sizing MILP, print the design; optionally check it over the horizon and against enumeration."""
    from dcep_opt import SolveOptions, check_design, enumeration_agreement, run_cosizing, run_sizing

    options = SolveOptions.from_case(case.solver, time_limit_s=args.time_limit)
    t0 = time.perf_counter()
    result = run_cosizing(case, None, args.days, options, n_peak=args.peak_days)
    wall = time.perf_counter() - t0
    print(f"Co-optimised sizing of {case.name}: one MILP over {len(result.days)} representative days")
    days = ", ".join(f"{d}: {w:g}" + (" extreme" if x else "") for d, w, x in result.days)
    print(f"  days (horizon day: weight): {days}")
    print(
        f"  model: {result.n_variables} variables ({result.n_integer} integer), {result.n_constraints} rows; "
        f"build {result.build_s:.1f} s, solve {result.solve_s:.1f} s, total {wall:.1f} s"
    )
    print(f"  solver: {result.status} ({result.termination}), gap {_pct(result.mip_gap)}")
    for note in result.notes:
        print(f"  note: {note}")
    if not result.design:
        print("error: the sizing MILP found no design", file=sys.stderr)
        return 1
    for d in result.dims:
        unit = "units" if d.integer else ("MWh" if d.name.endswith("mwh") else "MW")
        print(f"  {d.name}: {result.design[d.name]:.3f} {unit} (box {d.lo:g} .. {d.hi:g})")
    print(f"Design: {result.candidate(case).label}")
    print(
        f"  annual objective (value - capex - O&M): {_usd(result.objective_usd)}/yr, bound {_usd(result.bound_usd)}/yr"
    )
    print(
        f"  annual net value of dispatch (exact baseline + representative days' value over it): "
        f"{_usd(result.predicted_annual_net_value_usd)}/yr (baseline anchor {_usd(result.baseline_anchor_usd)}/yr)"
    )
    print(f"  annualised capex + fixed O&M: {_usd(result.annual_cost_usd)}/yr")
    if args.check_year:
        check = check_design(
            case,
            result.design,
            args.days,
            options,
            n_peak=args.peak_days,
            method="parallel",
            workers=args.workers,
            serial=args.serial,
        )
        print("Representative-period error (the design re-dispatched):")
        print(f"  representative days: {_usd(check.predicted_annual_net_value_usd)}/yr ({check.predicted_s:.1f} s)")
        print(
            f"  full horizon (parallel year, 24 h windows): {_usd(check.full_annual_net_value_usd)}/yr "
            f"({check.full_status}, gap {_pct(check.full_gap)}, {check.full_windows_not_optimal} windows stopped "
            f"early, {check.full_s:.1f} s)"
        )
        print(f"  grid-only baseline: {_usd(check.full_annual_baseline_net_value_usd)}/yr")
        print(
            f"  error: {_usd(check.error_usd)}/yr = {_pct(check.error_frac_of_net_value)} of the annual net value, "
            f"{_pct(check.error_frac_of_value_over_baseline)} of the value over the baseline"
        )
    if args.output:
        from dcep_cli.atomic import write_text_atomic
        from dcep_opt import rows_to_csv

        row = {
            "candidate": result.candidate(case).label,
            **result.design,
            "status": result.status,
            "mip_gap": result.mip_gap,
            "annual_objective_usd": result.objective_usd,
            "annual_bound_usd": result.bound_usd,
            "annual_net_value_usd": result.predicted_annual_net_value_usd,
            "annual_capex_om_usd": result.annual_cost_usd,
        }
        try:
            write_text_atomic(args.output, rows_to_csv([row]))
        except OSError as exc:
            print(f"error: cannot write output: {exc}", file=sys.stderr)
            return 1
    if args.compare:
        enum = run_sizing(case, None, args.scheduler, args.workers, serial=args.serial)
        agree = enumeration_agreement(case, result.candidate(case), enum)
        print("Enumeration check (both scored on the sizing section's periods):")
        print(f"  enumeration best: {agree.enumeration_label}: {_usd(agree.enumeration_objective_usd)}/yr")
        print(f"  MILP design:      {agree.milp_label}: {_usd(agree.milp_objective_usd)}/yr")
        print(f"  difference: {_usd(agree.difference_usd)}/yr; {agree.reason}")
    return 0
