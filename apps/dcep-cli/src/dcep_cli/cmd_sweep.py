"""`dcep sweep CASE --set PATH=V1,V2 ...`: one dispatch per combination, on Dask, rows to CSV.

Exit status: 0 every scenario solved, 1 some scenario was invalid or had no dispatch (its row says
why; the CSV is still written), 2 bad input (the base case or a malformed --set).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dcep_cli.atomic import write_text_atomic
from dcep_cli.guard import check_outputs
from dcep_models import Case, CaseError, CaseIssue, format_usd, load_case, plural


def add_cluster_options(p: argparse.ArgumentParser) -> None:
    """``--scheduler``, ``--workers`` and ``--serial`` (shared with ``dcep size``)."""
    p.add_argument("--scheduler", default=None, help="Dask scheduler address (tcp://host:8786); default: embedded")
    p.add_argument("--workers", type=int, default=2, help="workers of the embedded LocalCluster (default 2)")
    p.add_argument("--serial", action="store_true", help="no Dask: solve the scenarios one after another here")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress counter")


def counter(quiet: bool, what: str) -> Callable[[int, int], None]:
    """A progress callback printing ``[done/total] <what> finished`` with the elapsed time on stderr."""
    start = time.perf_counter()

    def say(done: int, total: int) -> None:
        if not quiet:
            print(f"[{done}/{total}] {what} finished, {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)

    return say


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``sweep`` subcommand."""
    p = sub.add_parser("sweep", help="solve every combination of --set values (on Dask) and write one row each")
    p.add_argument("case", help="base case JSON file")
    p.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="PATH=V1,V2",
        help="dotted case path and its values, e.g. resources.generators[0].count=2,3 (repeat for a grid)",
    )
    p.add_argument(
        "--link",
        dest="links",
        action="append",
        default=[],
        metavar="PATH=V1,V2",
        help="paths whose values move together (k-th value of each = scenario k), crossed with --set",
    )
    p.add_argument("--table", help="CSV scenario table: header row of case paths, one scenario per row")
    p.add_argument("--output", "-o", required=True, help="CSV of the rows, written atomically")
    add_cluster_options(p)
    p.set_defaults(func=run)


#: Reasons that mean the --set path itself is wrong (not the value): exit 2 before any solve.
_PATH_REASONS = ("unknown field", "no such field", "index out of range", "is not a list", "cannot set", "malformed")


def _check_set_paths(case: Case, scenarios: list[dict[str, Any]], case_path: str) -> None:
    """Apply every scenario's overrides without solving; a wrong --set path is a CaseError (exit 2).

    A valid path with a value the case rejects (``count=-1``) stays a per-scenario ``invalid`` row.
    """
    from dcep_models import apply_overrides

    base = case.model_dump(mode="json")
    folder = str(Path(case_path).parent)
    bad: dict[str, CaseIssue] = {}
    for overrides in scenarios:
        try:
            apply_overrides(base, overrides, folder)
        except CaseError as exc:
            for issue in exc.issues:
                if issue.reason.startswith(_PATH_REASONS) and any(k.startswith(issue.path) for k in overrides):
                    bad.setdefault(issue.path, CaseIssue(f"--set {issue.path}", issue.reason))
    if bad:
        raise CaseError(list(bad.values()))


def run(args: argparse.Namespace) -> int:
    """Parse, sweep, print a short table, write the CSV. CaseError propagates to main (exit 2)."""
    from dcep_opt import (
        combine_overrides,
        grid_overrides,
        linked_overrides,
        parse_set_option,
        rows_to_csv,
        run_sweep,
        table_overrides,
    )

    if args.workers < 1:
        print("error: --workers must be >= 1", file=sys.stderr)
        return 2
    if not (args.sets or args.links or args.table):
        print("error: give --set, --link or --table", file=sys.stderr)
        return 2
    case = load_case(args.case)
    check_outputs({"--output": args.output}, args.case, case, {"--table": args.table})
    scenarios = combine_overrides(
        grid_overrides([parse_set_option(text) for text in args.sets]) if args.sets else [],
        linked_overrides([parse_set_option(text) for text in args.links]),
        table_overrides(args.table) if args.table else [],
    )
    _check_set_paths(case, scenarios, args.case)
    if not args.quiet:
        where = "serially" if args.serial else (args.scheduler or f"embedded LocalCluster ({args.workers} workers)")
        print(f"{plural(len(scenarios), 'scenario')} {'' if args.serial else 'on '}{where}", file=sys.stderr)
    try:
        rows = run_sweep(
            case, scenarios, args.scheduler, args.workers, counter(args.quiet, "scenarios"), serial=args.serial
        )
    except OSError as exc:
        print(f"error: cannot reach the Dask scheduler: {exc}", file=sys.stderr)
        return 1
    paths = list(dict.fromkeys(p for scenario in scenarios for p in scenario))
    for row in rows:
        sets = ", ".join(f"{p}={row[p]}" for p in paths if p in row)
        if row.get("net_value_usd") is not None:
            tail = (
                f"{row['status']:>10}  net value {format_usd(row['net_value_usd'])}  "
                f"unserved {row['unserved_mwh']:.3f} MWh"
            )
        else:
            tail = f"{row['status']:>10}  {row.get('error', '')}"
        print(f"{row['scenario']:>4}  {sets}  {tail}")
    try:
        write_text_atomic(args.output, rows_to_csv(rows))
    except OSError as exc:
        print(f"error: cannot write output: {exc}", file=sys.stderr)
        return 1
    failed = [r for r in rows if r["status"] not in ("optimal", "feasible")]
    if failed:
        what = plural(len(rows), "scenario")
        print(f"error: {len(failed)} of {what} have no dispatch (see their rows)", file=sys.stderr)
        return 1
    return 0
