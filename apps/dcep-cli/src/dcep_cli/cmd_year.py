"""`dcep year CASE`: dispatch of a long horizon (e.g. a year) in windows, stitched into one result.

Default ``--method parallel``: independent windows of ``--window-h`` on Dask (an embedded
LocalCluster of ``--workers``, or ``--scheduler ADDRESS``), seams set by a pilot pass, and a certified
bound and gap for the whole horizon (dcep_opt.studies._year). ``--method rolling``: the sequential
rolling horizon (``--window-h`` optimised, ``--commit-h`` kept, state carried).

Exit status: 0 every window solved (a window stopped by a limit is reported and counted), 1 a window
had no solution (the run stops there; what was committed is written), 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TYPE_CHECKING, Any

from dcep_cli.atomic import write_text_atomic
from dcep_cli.guard import check_outputs
from dcep_cli.run_summary import summary_lines
from dcep_models import CaseError, CaseIssue, load_case, plural

if TYPE_CHECKING:
    from dcep_opt import RollingResult, WindowFacts


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``year`` subcommand."""
    p = sub.add_parser("year", help="dispatch over many days in windows (parallel, with a certified gap), stitched")
    p.add_argument("case", help="case JSON file")
    p.add_argument("--days", type=float, default=None, help="horizon in days from the case start (default: the case's)")
    p.add_argument("--method", choices=("parallel", "rolling"), default="parallel", help="default: parallel")
    p.add_argument("--window-h", type=float, default=None, help="hours per window (default: 24 parallel, 48 rolling)")
    p.add_argument("--commit-h", type=float, default=None, help="rolling: hours kept from each window (default 24)")
    p.add_argument("--scheduler", default=None, help="parallel: Dask scheduler address; default: embedded")
    p.add_argument("--workers", type=int, default=2, help="parallel: workers of the embedded LocalCluster (default 2)")
    p.add_argument("--serial", action="store_true", help="parallel: no Dask, windows one after another here")
    p.add_argument(
        "--bound-passes",
        type=int,
        default=4,
        help="parallel: bound rounds; each after the first is a subgradient step on the seam values, re-solving "
        "only the windows next to a moved seam, kept while it tightens the bound (default 4)",
    )
    p.add_argument("--output", "-o", help="write results JSON (with per-window facts) here, atomically")
    p.add_argument("--csv", help="write the stitched time series CSV here, atomically")
    p.add_argument("--time-limit", type=float, default=None, help="solver time limit per window, s")
    p.add_argument("--mip-gap", type=float, default=None, help="relative MIP gap per window")
    p.add_argument(
        "--window-end-soc",
        choices=("free", "initial"),
        default="free",
        help="SOC at the end of each window but the last: free (default) or >= the initial SOC (often much faster)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="no progress line")
    p.set_defaults(func=run)


class _WindowProgress:
    """A one-line progress bar on stderr: windows done, elapsed, estimated time left."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.start = time.perf_counter()
        self.tty = sys.stderr.isatty()

    def __call__(self, k: int, total: int, facts: WindowFacts) -> None:
        if self.quiet:
            return
        done = k + 1
        elapsed = time.perf_counter() - self.start
        left = elapsed / done * (total - done)
        width = 30
        bar = "#" * round(width * done / total) + "-" * (width - round(width * done / total))
        flag = "" if facts.optimal else f"  window {k}: {facts.status} ({facts.termination})"
        line = f"[{bar}] {done}/{total} windows  {elapsed:6.1f} s elapsed, ~{left:6.1f} s left{flag}"
        if self.tty and not flag:
            end = "\n" if done == total else ""
            print(f"\r{line}", end=end, file=sys.stderr, flush=True)
        else:
            print(line, file=sys.stderr, flush=True)


def rolling_lines(rolled: RollingResult) -> list[str]:
    """Window facts for the summary: count, seconds per window, windows not optimal, seam notes."""
    w = rolled.windows
    secs = [x.wall_s for x in w]
    lines = [
        "",
        f"Rolling horizon: {plural(len(w), 'window')} of {plural(rolled.window_intervals, 'interval')}, "
        f"committing {rolled.commit_intervals} each",
        f"Seconds per window: mean {sum(secs) / len(secs):.2f}, max {max(secs):.2f}; total {sum(secs):.1f}",
    ]
    bad = rolled.not_optimal
    lines.append(
        "Windows not optimal: none"
        if not bad
        else "Windows not optimal: " + ", ".join(f"{x.index} ({x.status}, {x.termination})" for x in bad)
    )
    lines += [f"Note: {note}" for note in rolled.notes]
    return lines


def rolling_to_json(rolled: RollingResult, case: dict[str, Any] | None = None) -> str:
    """``results.json`` of the stitched run (with the case and the software versions) plus a
    ``rolling`` object with every window's facts."""
    from dcep_cli.versions import package_versions
    from dcep_opt import result_to_dict

    out: dict[str, Any] = result_to_dict(rolled.result, case, package_versions())
    out["rolling"] = {
        "window_intervals": rolled.window_intervals,
        "commit_intervals": rolled.commit_intervals,
        "complete": rolled.complete,
        "min_up_down_breaches": rolled.min_up_down_breaches,
        "windows": [
            {
                "index": x.index,
                "start": x.start,
                "end": x.end,
                "commit_end": x.commit_end,
                "status": x.status,
                "termination": x.termination,
                "mip_gap": x.mip_gap,
                "objective_usd": x.objective_usd,
                "build_s": x.build_s,
                "solve_s": x.solve_s,
                "wall_s": x.wall_s,
            }
            for x in rolled.windows
        ],
    }
    return json.dumps(out, indent=1, allow_nan=False) + "\n"


def run(args: argparse.Namespace) -> int:
    """Load, set the horizon, roll, print and write. CaseError propagates to main (exit 2)."""
    from dcep_models import with_overrides
    from dcep_opt import SolveOptions, hours_to_intervals, prepare_inputs, solve_rolling, timeseries_csv

    case = load_case(args.case)
    check_outputs({"--output": args.output, "--csv": args.csv}, args.case, case)
    if args.method == "parallel":
        return _run_parallel(args, case)
    args.window_h = 48.0 if args.window_h is None else args.window_h
    args.commit_h = 24.0 if args.commit_h is None else args.commit_h
    if args.days is not None:
        if args.days <= 0:
            raise CaseError([CaseIssue("--days", f"must be > 0, got {args.days:g}")])
        case = with_overrides(case, {"time.horizon_hours": args.days * 24.0})
    h = case.time.interval_hours
    try:
        window = hours_to_intervals(args.window_h, h)
        commit = hours_to_intervals(args.commit_h, h)
    except ValueError as exc:
        raise CaseError([CaseIssue("--window-h/--commit-h", str(exc))]) from None
    if commit > window:
        raise CaseError([CaseIssue("--commit-h", f"must be <= --window-h ({args.window_h:g}), got {args.commit_h:g}")])
    inputs = prepare_inputs(case)
    options = SolveOptions.from_case(case.solver, time_limit_s=args.time_limit, mip_gap=args.mip_gap)
    end_soc = inputs.battery.soc_initial_mwh if args.window_end_soc == "initial" and inputs.battery else None
    rolled = solve_rolling(inputs, window, commit, options, _WindowProgress(args.quiet), window_end_soc_mwh=end_soc)
    result = rolled.result
    print("\n".join(summary_lines(inputs, result) + rolling_lines(rolled)))
    json_text = rolling_to_json(rolled, case.model_dump(mode="json")) if args.output else ""
    return _write_and_close(args, json_text, timeseries_csv(result) if args.csv and result.timeseries else "", rolled)


def _run_parallel(args: argparse.Namespace, case: Any) -> int:
    """The parallel-in-time year: pilot, windows and bounds on a task pool; print and write."""
    from dcep_cli.year_report import stitched_summary, year_lines, year_to_json
    from dcep_models import with_overrides
    from dcep_opt import (
        SolveOptions,
        hours_to_intervals,
        prepare_inputs,
        result_to_dict,
        solve_year,
        task_pool,
        timeseries_csv,
    )

    if args.commit_h is not None or args.window_end_soc != "free":
        raise CaseError([CaseIssue("--commit-h/--window-end-soc", "apply to --method rolling only")])
    if args.workers < 1:
        raise CaseError([CaseIssue("--workers", f"must be >= 1, got {args.workers}")])
    if args.bound_passes < 1:
        raise CaseError([CaseIssue("--bound-passes", f"must be >= 1, got {args.bound_passes}")])
    if args.days is not None:
        if args.days <= 0:
            raise CaseError([CaseIssue("--days", f"must be > 0, got {args.days:g}")])
        case = with_overrides(case, {"time.horizon_hours": args.days * 24.0})
    try:
        window = hours_to_intervals(24.0 if args.window_h is None else args.window_h, case.time.interval_hours)
    except ValueError as exc:
        raise CaseError([CaseIssue("--window-h", str(exc))]) from None
    inputs = prepare_inputs(case)
    options = SolveOptions.from_case(case.solver, time_limit_s=args.time_limit, mip_gap=args.mip_gap)

    def say(stage: str, done: int, total: int) -> None:
        if not args.quiet and (done == total or done % 25 == 0):
            print(f"[{stage}] {done}/{total}", file=sys.stderr, flush=True)

    try:
        with task_pool(args.scheduler, args.workers, serial=args.serial) as pool:
            year = solve_year(inputs, window, pool, options, progress=say, bound_passes=args.bound_passes)
    except OSError as exc:
        print(f"error: cannot reach the Dask scheduler: {exc}", file=sys.stderr)
        return 1
    result = year.result
    print("\n".join(stitched_summary(summary_lines(inputs, result)) + year_lines(year)))
    json_text = year_to_json(year, result_to_dict(result)) if args.output else ""
    return _write_and_close(args, json_text, timeseries_csv(result) if args.csv and result.timeseries else "", year)


def _write_and_close(args: argparse.Namespace, json_text: str, csv_text: str, outcome: Any) -> int:
    """Write the results JSON and time-series CSV that were asked for; exit 1 on a write error or an
    incomplete horizon (``outcome.complete`` false, its ``notes`` printed), else 0."""
    try:
        if args.output:
            write_text_atomic(args.output, json_text)
        if csv_text:
            write_text_atomic(args.csv, csv_text)
    except OSError as exc:
        print(f"error: cannot write output: {exc}", file=sys.stderr)
        return 1
    if not outcome.complete:
        print(f"error: {'; '.join(outcome.notes)}", file=sys.stderr)
        return 1
    return 0
