"""`dcep report CASE --html out.html`: one self-contained HTML report of the dispatch.

Solves the case, screens the schedule in AC (pandapower) and explains it (dcep-explain), then writes
one HTML file holding everything (no server, nothing fetched). Exit 0 written, 1 no schedule or
cannot write (the report is still written when the solve fails: it says why), 2 bad input.
"""

from __future__ import annotations

import argparse
import sys
import time

from dcep_cli.guard import check_outputs
from dcep_models import load_case


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``report`` subcommand."""
    p = sub.add_parser("report", help="write a self-contained HTML report (charts, economics, AC screen, limits)")
    p.add_argument("case", help="case JSON file")
    p.add_argument("--html", required=True, help="the HTML file to write (atomically)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Load, check the output path, solve, screen, explain, write. CaseError propagates (exit 2)."""
    from dcep_cli.report import solve_for_report, write_html_report

    start = time.perf_counter()

    def say(message: str) -> None:
        if not args.quiet:
            print(f"[{time.perf_counter() - start:6.2f} s] {message}", file=sys.stderr, flush=True)

    case = load_case(args.case)
    check_outputs({"--html": args.html}, args.case, case)
    try:
        facts = solve_for_report(case, args.case, progress=say)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        path = write_html_report(args.html, facts)
    except OSError as exc:
        print(f"error: cannot write report: {exc}", file=sys.stderr)
        return 1
    size_kb = path.stat().st_size / 1024
    print(f"wrote {path} ({size_kb:,.0f} KB): {facts.result.solver.status}")
    for what, error in (("AC screen", facts.screening_error), ("explanation", facts.explain_error)):
        if error:
            print(f"note: {what} not in the report: {error}", file=sys.stderr)
    return 0 if facts.result.solver.has_solution else 1
