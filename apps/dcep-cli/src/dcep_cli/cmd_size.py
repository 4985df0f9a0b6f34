"""`dcep size CASE`: enumerate the case's ``sizing`` candidates, dispatch each (on Dask), rank them.

Exit status: 0 a best candidate exists, 1 every candidate was rejected (reasons printed), 2 bad input
(no sizing section, unknown fleet, too many candidates).
"""

from __future__ import annotations

import argparse
import sys

from dcep_cli.atomic import write_text_atomic
from dcep_cli.cmd_sweep import add_cluster_options, counter
from dcep_cli.guard import check_outputs
from dcep_models import load_case


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``size`` subcommand."""
    p = sub.add_parser("size", help="rank candidate BESS / generator sizes by annual value minus annualised cost")
    p.add_argument("case", help="case JSON file with a sizing section")
    p.add_argument("--output", "-o", help="CSV of the ranked table, written atomically")
    p.add_argument(
        "--method",
        choices=("enumerate", "milp"),
        default="enumerate",
        help="enumerate the candidates (default) or co-optimise every size in one MILP over tsam representative days",
    )
    p.add_argument("--days", type=int, default=8, help="milp: typical days chosen by tsam (extreme days added)")
    p.add_argument(
        "--peak-days",
        type=int,
        default=4,
        help="milp: days of largest price tail kept whole before the rest is clustered (default 4)",
    )
    p.add_argument(
        "--check-year",
        action="store_true",
        help="milp: re-dispatch the design over the whole horizon (the parallel year, on --workers) and report "
        "the representative-period error",
    )
    p.add_argument("--compare", action="store_true", help="milp: also enumerate and compare the two designs")
    p.add_argument("--time-limit", type=float, default=None, help="milp: solver time limit, s (default: the case's)")
    add_cluster_options(p)
    p.set_defaults(func=run)


def _usd(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def _gap(value: float | None) -> str:
    return "?" if value is None else f"{100 * value:.2f}%"


def run(args: argparse.Namespace) -> int:
    """Enumerate, evaluate, print the ranked table and write it. CaseError propagates (exit 2)."""
    from dcep_opt import enumerate_candidates, rows_to_csv, run_sizing, sizing_table

    if args.workers < 1:
        print("error: --workers must be >= 1", file=sys.stderr)
        return 2
    case = load_case(args.case)
    check_outputs({"--output": args.output}, args.case, case)
    if args.method == "milp":
        from dcep_cli.size_milp import run_milp

        return run_milp(case, args)
    count = len(enumerate_candidates(case))
    if not args.quiet:
        print(f"{count} candidates", file=sys.stderr)
    try:
        result = run_sizing(
            case, None, args.scheduler, args.workers, counter(args.quiet, "dispatches"), serial=args.serial
        )
    except OSError as exc:
        print(f"error: cannot reach the Dask scheduler: {exc}", file=sys.stderr)
        return 1
    table = sizing_table(result)
    print(
        f"{'rank':>4}  {'candidate':<36} {'objective $/yr':>16} {'bound $/yr':>14} {'max gap':>8} "
        f"{'net value $/yr':>16} {'capex+O&M $/yr':>16} {'vs baseline $/yr':>17}"
    )
    for row in table:
        rank = "-" if row["rank"] is None else str(row["rank"])
        cost = row["annual_capex_usd"] + row["annual_fixed_om_usd"]
        line = (
            f"{rank:>4}  {row['candidate']:<36} {_usd(row['annual_objective_usd']):>16} "
            f"{_usd(row['annual_bound_objective_usd']):>14} {_gap(row['max_period_gap']):>8} "
            f"{_usd(row['annual_net_value_usd']):>16} {_usd(cost):>16} "
            f"{_usd(row['annual_value_over_baseline_usd']):>17}"
        )
        if row["rejected"]:
            line += f"  rejected: {row['rejected']}"
        elif row["unresolved"]:
            line += f"  time-limited (ranked by bound): {row['unresolved']}"
        print(line)
    best_row = result.best
    if best_row is not None and best_row.annual_baseline_net_value_usd is not None:
        print(f"Baseline (grid only) net value: {_usd(best_row.annual_baseline_net_value_usd)} $/yr")
    for warning in result.warnings:
        print(f"warning: {warning}")
    if args.output:
        try:
            write_text_atomic(args.output, rows_to_csv(table))
        except OSError as exc:
            print(f"error: cannot write output: {exc}", file=sys.stderr)
            return 1
    if result.best is None:
        print("error: no candidate was accepted (rejected or time-limited, see above)", file=sys.stderr)
        return 1
    print(f"Best: {result.best.candidate.label}")
    return 0
