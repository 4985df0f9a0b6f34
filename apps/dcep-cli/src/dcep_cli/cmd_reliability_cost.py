"""`dcep reliability-cost CASE`: what each reliability promise of the case costs.

Each promise (ride-through floor, N+k, reserve energy backing, end-of-horizon SOC) is relaxed and
re-solved, and priced at the margin by its duals. Exit status: 0 done, 1 the case as given has no
schedule, 2 bad input.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys

from dcep_cli.atomic import write_text_atomic
from dcep_cli.guard import check_outputs
from dcep_models import format_usd, load_case


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``reliability-cost`` subcommand."""
    p = sub.add_parser("reliability-cost", help="price each reliability promise: relaxed and re-solved, and its duals")
    p.add_argument("case", help="case JSON file")
    p.add_argument("--csv", help="write one row per promise here (atomically)")
    p.add_argument("--time-limit", type=float, default=None, help="solver time limit per run, s (default: the case's)")
    p.set_defaults(func=run)


def _usd(value: float | None) -> str:
    return "n/a" if value is None else format_usd(value)


def run(args: argparse.Namespace) -> int:
    """Solve as given and once per promise relaxed; print and write. CaseError propagates (exit 2)."""
    from dcep_explain import reliability_costs
    from dcep_opt import SolveOptions, prepare_inputs

    case = load_case(args.case)
    check_outputs({"--csv": args.csv}, args.case, case)
    inputs = prepare_inputs(case)
    report = reliability_costs(inputs, SolveOptions.from_case(case.solver, time_limit_s=args.time_limit))
    print(f"Case: {case.name} ({report.horizon_hours:g} h)")
    gap = "" if report.base_gap is None else f", gap {100 * report.base_gap:.3f} %"
    print(f"Net value as given: {_usd(report.base_net_value_usd)} ({report.base_status}{gap})")
    if report.base_net_value_usd is None:
        print("error: the case as given has no schedule; nothing to price", file=sys.stderr)
        return 1
    if not report.promises:
        print("The case makes no reliability promise to price (no floor, redundancy, backing or end target).")
    for p in report.promises:
        print("")
        print(f"{p.promise}: {p.setting}")
        print(f"  relaxed to {p.relaxed_to}: net value {_usd(p.relaxed_net_value_usd)} ({p.relaxed_status})")
        line = f"  costs {_usd(p.cost_usd)} over the horizon, {_usd(p.annual_cost_usd)} a year"
        if p.per_unit_usd is not None:
            line += f"; {_usd(p.per_unit_usd)} {p.unit.removeprefix('USD ')}"
        print(line)
        if p.marginal_usd is not None:
            print(f"  at the margin (duals): {_usd(p.marginal_usd)} {p.marginal_unit.removeprefix('USD ')}")
        if p.note:
            print(f"  note: {p.note}")
    for warning in report.warnings:
        print(f"warning: {warning}")
    if args.csv:
        rows = report.rows()
        buf = io.StringIO()
        if rows:
            writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        try:
            write_text_atomic(args.csv, buf.getvalue())
        except OSError as exc:
            print(f"error: cannot write output: {exc}", file=sys.stderr)
            return 1
    return 0
