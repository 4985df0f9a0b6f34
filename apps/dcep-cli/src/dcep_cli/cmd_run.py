"""`dcep run CASE`: optimise the dispatch and print the seed-style summary.

Exit status: 0 optimal or feasible (a limit hit: the gap is printed), 1 infeasible or no solution
(the message names the constraint families involved), 2 bad input (CaseError, raised to main),
3 a schedule that leaves critical load unserved (results are written; the summary leads with it).
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING

from dcep_cli.atomic import write_text_atomic
from dcep_cli.guard import check_outputs
from dcep_cli.parquet import require_pyarrow, write_parquet_atomic
from dcep_cli.run_summary import summary_lines
from dcep_cli.versions import package_versions
from dcep_models import load_case

if TYPE_CHECKING:
    from dcep_opt import Diagnosis


#: Exit status of a run whose schedule leaves critical load unserved.
EXIT_UNSERVED = 3


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``run`` subcommand."""
    p = sub.add_parser("run", help="optimise the dispatch of a case and print the summary")
    p.add_argument("case", help="case JSON file")
    p.add_argument("--output", "-o", help="write results JSON here (atomically)")
    p.add_argument("--csv", help="write the time series CSV here (atomically; rounded per unit)")
    p.add_argument("--parquet", help="write the time series as Parquet here (needs dcep-cli[parquet])")
    p.add_argument(
        "--time-limit",
        type=float,
        default=None,
        help="wall-clock budget for the whole command, build included, s (default: the case's solver time limit)",
    )
    p.add_argument("--mip-gap", type=float, default=None, help="relative MIP gap (default: the case's)")
    p.add_argument("--baseline", help="baseline case JSON (same intervals) to value against; default: grid only")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines")
    p.set_defaults(func=run)


class _Progress:
    """One line per step on stderr, with the elapsed time."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.start = time.perf_counter()

    def __call__(self, message: str) -> None:
        if not self.quiet:
            print(f"[{time.perf_counter() - self.start:6.2f} s] {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    """Load, prepare, solve, print and write. CaseError propagates to main (exit 2)."""
    from dcep_opt import (
        SolveOptions,
        case_baseline,
        horizon_check,
        prepare_inputs,
        result_to_json,
        solve_dispatch,
        timeseries_csv,
        with_baseline,
    )

    if args.time_limit is not None and not args.time_limit > 0:
        print("error: --time-limit must be > 0", file=sys.stderr)
        return 2
    if args.mip_gap is not None and not 0 <= args.mip_gap < 1:
        print("error: --mip-gap must be in [0, 1)", file=sys.stderr)
        return 2
    say = _Progress(args.quiet)
    say("loading case")
    case = load_case(args.case)
    outputs = {"--output": args.output, "--csv": args.csv, "--parquet": args.parquet}
    check_outputs(outputs, args.case, case, {"--baseline": args.baseline})
    if args.parquet:
        require_pyarrow()
    baseline_case = load_case(args.baseline) if args.baseline else None
    say("preparing inputs (prices, products, loads)")
    inputs = prepare_inputs(case)
    options = SolveOptions.from_case(case.solver, time_limit_s=args.time_limit, mip_gap=args.mip_gap)
    too_large = horizon_check(inputs, options, started_at=say.start)
    if too_large is not None:
        print(
            f"error: not built: {too_large} (estimate). "
            f"Solve a long horizon in windows with `dcep year {args.case}`, or raise --time-limit.",
            file=sys.stderr,
        )
        return 1
    solved = solve_dispatch(inputs, options, progress=say, started_at=say.start)
    result = solved.result
    if baseline_case is not None and result.economics is not None:
        say(f"dispatching the baseline case {baseline_case.name!r}")
        result = with_baseline(result, case_baseline(case, baseline_case, options))
    say(f"solver finished: {result.solver.status} ({result.solver.termination})")
    print("\n".join(summary_lines(inputs, result)))
    if not result.solver.has_solution:
        return _no_schedule(args, result.solver.status, result.solver.termination, result.diagnosis)
    try:
        if args.output:
            say(f"writing {args.output}")
            embedded = case.model_dump(mode="json")
            write_text_atomic(args.output, result_to_json(result, case=embedded, versions=package_versions()))
        if args.csv and result.timeseries:
            say(f"writing {args.csv}")
            write_text_atomic(args.csv, timeseries_csv(result))
        if args.parquet and result.timeseries:
            say(f"writing {args.parquet}")
            write_parquet_atomic(args.parquet, result)
    except OSError as exc:
        print(f"error: cannot write output: {exc}", file=sys.stderr)
        return 1
    if result.reliability is not None and result.reliability.unserved_mwh > 1e-6:
        print(
            f"error: critical load unserved ({result.reliability.unserved_mwh:.3f} MWh); exit status {EXIT_UNSERVED}",
            file=sys.stderr,
        )
        return EXIT_UNSERVED
    return 0


def _no_schedule(args: argparse.Namespace, status: str, termination: str, diagnosis: Diagnosis | None) -> int:
    """Say why there is no dispatch; earlier output files are left as they were (exit 1)."""
    kept = [path for path in (args.output, args.csv, args.parquet) if path]
    if kept:
        print(f"note: no results written; {', '.join(kept)} left unchanged", file=sys.stderr)
    if status == "infeasible":
        families = ", ".join(diagnosis.families) if diagnosis and diagnosis.families else "unknown"
        print(f"error: no dispatch (infeasible); constraint families involved: {families}", file=sys.stderr)
    else:
        print(f"error: no dispatch ({status}, termination: {termination}); no solution was found", file=sys.stderr)
    return 1
