"""`dcep outage CASE`: solve the dispatch, then ride a grid outage starting at every interval.

Exit status: 0 analysed (whatever the survival), 1 no schedule to analyse (infeasible: the diagnosis
is printed; or no solution within the time limit), 2 bad input (CaseError, raised to main, or a bad
option).
"""

from __future__ import annotations

import argparse
import math
import sys
from typing import TYPE_CHECKING

from dcep_cli.atomic import write_text_atomic
from dcep_cli.guard import check_outputs
from dcep_models import load_case, plural

if TYPE_CHECKING:
    from dcep_opt import OutageReport


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``outage`` subcommand."""
    p = sub.add_parser("outage", help="grid-outage ride-through of the optimised schedule, at every start")
    p.add_argument("case", help="case JSON file")
    p.add_argument("--duration-h", type=float, default=4.0, help="outage length, hours (default 4)")
    p.add_argument("--csv", help="write the per-start table here (atomically)")
    p.add_argument(
        "--units-lost", type=int, default=0, help="generator units that trip at the outage start (worst choice; 0)"
    )
    p.add_argument("--time-limit", type=float, default=None, help="solver time limit, s (default: the case's)")
    p.set_defaults(func=run)


def summary_lines(report: OutageReport, status: str, termination: str, gap: float | None) -> list[str]:
    """The printed summary: schedule status, worst start, survival, share surviving, ride-through."""
    hours = report.duration_min / 60.0
    lines = [f"Schedule: {status} (termination: {termination})"]
    if status != "optimal" and gap is not None:
        lines.append(f"  (not proven optimal: MIP gap {gap * 100:.4f} %)")
    lost = f", {report.units_lost} generator unit(s) lost at its start" if report.units_lost else ""
    lines.append(f"Outage duration: {hours:g} h{lost}, starting at each of {plural(report.n_starts, 'interval')}")
    worst = report.worst_index
    cause = report.causes[worst]
    lines.append(
        f"Worst start: {report.worst_start}: critical load carried {report.worst_survival_min:.1f} min"
        + (f" ({cause} ran out)" if cause else " (the whole outage)")
    )
    lines.append(f"Starts surviving {hours:g} h: {report.fraction_survived * 100:.1f} %")
    bridge = float(report.battery_only_min.min())
    lines.append(f"Shortest battery-only bridge: {bridge:.1f} min")
    need = report.ride_through_required_min
    lines.append(f"Ride-through met at every start ({need:g} min): {report.ride_through_met}")
    return lines


def run(args: argparse.Namespace) -> int:
    """Load, prepare, solve, analyse, print and write. CaseError propagates to main (exit 2)."""
    from dcep_opt import SolveOptions, analyse_outages, outage_csv, prepare_inputs, solve_dispatch

    if not (math.isfinite(args.duration_h) and args.duration_h > 0):
        print(f"error: --duration-h must be a finite number of hours > 0, got {args.duration_h}", file=sys.stderr)
        return 2
    if args.units_lost < 0:
        print(f"error: --units-lost must be >= 0, got {args.units_lost}", file=sys.stderr)
        return 2
    if args.time_limit is not None and not (math.isfinite(args.time_limit) and args.time_limit > 0):
        print(f"error: --time-limit must be > 0 seconds, got {args.time_limit}", file=sys.stderr)
        return 2
    case = load_case(args.case)
    check_outputs({"--csv": args.csv}, args.case, case)
    inputs = prepare_inputs(case)
    options = SolveOptions.from_case(case.solver, time_limit_s=args.time_limit)
    result = solve_dispatch(inputs, options).result
    s = result.solver
    if not s.has_solution:
        print(f"error: no schedule to analyse ({s.status}, termination: {s.termination})", file=sys.stderr)
        if result.diagnosis is not None:
            print(result.diagnosis.message, file=sys.stderr)
        return 1
    report = analyse_outages(inputs, result, args.duration_h, units_lost=args.units_lost)
    print("\n".join(summary_lines(report, s.status, s.termination, s.mip_gap)))
    if args.csv:
        try:
            write_text_atomic(args.csv, outage_csv(report))
        except OSError as exc:
            print(f"error: cannot write {args.csv}: {exc.strerror or exc}", file=sys.stderr)
            return 1
    return 0
