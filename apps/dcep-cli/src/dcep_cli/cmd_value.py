"""`dcep value CASE`: lifetime value of the case's design (its ``finance`` section) against its baseline.

Dispatches the case's horizon (rolling 48 h windows committing 24 h when it is longer than a week),
scales it to a year, and prints NPV, IRR, paybacks, the levelised cost of reliability and the
year-by-year cash flow; ``--csv`` writes the cash-flow table. Exit status: 0 done, 1 no schedule,
2 bad input (no finance section, bad baseline).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from dcep_cli.atomic import write_text_atomic
from dcep_cli.guard import check_outputs
from dcep_models import CaseError, CaseIssue, format_usd, load_case

if TYPE_CHECKING:
    from dcep_opt import LifetimeValue

_ROLLING_ABOVE_H = 24 * 7


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``value`` subcommand."""
    p = sub.add_parser("value", help="lifetime value (NPV, IRR, payback, cash flow) of the case against its baseline")
    p.add_argument("case", help="case JSON file with a finance section")
    p.add_argument("--csv", help="write the year-by-year cash flow CSV here (atomically)")
    p.add_argument("--baseline", help="baseline case JSON (same intervals); default: grid only")
    p.add_argument("--time-limit", type=float, default=None, help="solver time limit (per window), s")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines")
    p.set_defaults(func=run)


def value_lines(lv: LifetimeValue) -> list[str]:
    """The lifetime summary and the cash-flow table as text."""
    f = lv.finance
    irr = "none (the cash flow never changes sign)" if lv.irr is None else f"{100 * lv.irr:.2f} %"

    def years(v: float | None) -> str:
        return "never within the analysis period" if v is None else f"{v:.2f} years"

    lines = [
        f"Lifetime value over {f.analysis_years} years at a {100 * f.discount_rate:g} % discount rate "
        f"(dispatch scaled x{lv.annual_scale:.4g} to a year)",
        f"  Capital cost: {format_usd(lv.capex_usd)}",
        f"  NPV: {format_usd(lv.npv_usd)}",
        f"  IRR: {irr}",
        f"  Simple payback: {years(lv.simple_payback_years)}; discounted payback: {years(lv.discounted_payback_years)}",
    ]
    if lv.levelised_cost_of_reliability_usd_per_kw_yr is not None:
        lines.append(
            f"  Levelised cost of reliability: {format_usd(lv.levelised_cost_of_reliability_usd_per_kw_yr)} "
            f"per kW-yr of the {lv.critical_kw / 1000:g} MW critical load (negative: it pays for itself)"
        )
    lines.extend(f"  note: {n}" for n in lv.notes)
    cols = ("capex", "energy_value", "fuel", "variable_om", "fixed_om", "fade_loss", "augmentation", "tax", "net")
    lines.append("")
    lines.append(f"{'year':>4} " + " ".join(f"{c:>14}" for c in cols) + f" {'cumulative':>14} {'capacity':>8}")
    for row in lv.cashflow_rows():
        cells = " ".join(f"{row[c + '_usd']:>14,.0f}" for c in cols)
        lines.append(f"{row['year']:>4} {cells} {row['cumulative_usd']:>14,.0f} {row['bess_capacity_frac']:>8.3f}")
    return lines


def run(args: argparse.Namespace) -> int:
    """Dispatch, value, print, write. CaseError propagates to main (exit 2)."""
    from dcep_opt import (
        SolveOptions,
        case_baseline,
        lifetime_value,
        prepare_inputs,
        solve_dispatch,
        solve_rolling,
        with_baseline,
    )

    case = load_case(args.case)
    check_outputs({"--csv": args.csv}, args.case, case, {"--baseline": args.baseline})
    if case.finance is None:
        raise CaseError([CaseIssue("finance", "the case has no finance section (analysis years, rates, costs)")])
    baseline_case = load_case(args.baseline) if args.baseline else None
    inputs = prepare_inputs(case)
    options = SolveOptions.from_case(case.solver, time_limit_s=args.time_limit)
    say = (lambda _m: None) if args.quiet else (lambda m: print(m, file=sys.stderr, flush=True))
    if case.time.horizon_hours > _ROLLING_ABOVE_H:
        per_day = round(24 / inputs.interval_hours)
        say(f"dispatching {case.time.horizon_hours:g} h by rolling horizon (48 h windows, 24 h committed)")
        b = inputs.battery
        rolled = solve_rolling(
            inputs, 2 * per_day, per_day, options, window_end_soc_mwh=b.soc_initial_mwh if b else None
        )
        if not rolled.complete:
            print(
                f"error: a window had no dispatch ({rolled.result.solver.status}); no lifetime value", file=sys.stderr
            )
            return 1
        result = rolled.result
    else:
        say(f"dispatching {case.time.horizon_hours:g} h")
        result = solve_dispatch(inputs, options, diagnose=False).result
    if result.economics is None:
        print(f"error: no dispatch ({result.solver.status}); no lifetime value", file=sys.stderr)
        return 1
    if baseline_case is not None:
        result = with_baseline(result, case_baseline(case, baseline_case, options))
    econ = result.economics
    assert econ is not None and econ.baseline is not None
    print(f"Case: {case.name}")
    print(f"Net value over the horizon: {format_usd(econ.net_value_usd)}")
    print(f"Baseline ({econ.baseline.name}): {format_usd(econ.baseline.net_value_usd)}")
    print(f"Value over baseline: {format_usd(econ.value_over_baseline_usd or 0.0)}")
    if result.solver.status != "optimal":
        print(f"note: dispatch {result.solver.status} ({result.solver.termination}), gap {result.solver.mip_gap}")
    lv = lifetime_value(result, case.finance, inputs)
    print("\n".join(value_lines(lv)))
    if args.csv:
        try:
            write_text_atomic(args.csv, lv.cashflow_csv())
        except OSError as exc:
            print(f"error: cannot write output: {exc}", file=sys.stderr)
            return 1
    return 0
