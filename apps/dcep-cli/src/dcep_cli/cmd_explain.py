"""`dcep explain CASE [--interval N | --time HH:MM] [--top K]`: why the optimiser did what it did.

Solves the case with dcep-opt, fixes the commitment and re-solves the LP for shadow prices
(dcep-explain), then prints the binding-constraint frequency table and plain-English narratives for
the chosen interval (default: the interval whose binding limit is worth the most). An infeasible case
prints the smallest set of conflicting limits and exits 1; bad input (CaseError) exits 2.
"""

from __future__ import annotations

import argparse
import re
import sys

from dcep_models import CaseError, format_usd, load_case, plural


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``explain`` subcommand."""
    p = sub.add_parser("explain", help="binding constraints, shadow prices and narratives of the dispatch")
    p.add_argument("case", help="case JSON file")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--interval", type=int, help="interval index to explain (0-based)")
    which.add_argument("--time", help="local start time HH:MM of the interval to explain (first match)")
    p.add_argument("--top", type=int, default=10, help="rows of the binding-constraint table (default 10)")
    p.set_defaults(func=run)


def _pick_interval(args: argparse.Namespace, starts: tuple[str, ...], n: int) -> int | None:
    """The interval asked for by --interval or --time (None when neither), checked before any solve.

    ``starts`` are the intervals' ISO start times in the case's zone.

    Raises:
        CaseError: an index out of range, a --time that is not a time of day (HH:MM, 00:00-23:59) or
            at which no interval starts (the message lists when intervals do start).
    """
    if args.interval is not None:
        if not 0 <= args.interval < n:
            raise CaseError.single("--interval", f"must be in 0..{n - 1}, got {args.interval}")
        return int(args.interval)
    if args.time is None:
        return None
    want = str(args.time).strip()
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", want)
    if match is None or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        raise CaseError.single("--time", f"expected a local time of day HH:MM from 00:00 to 23:59, got {want!r}")
    hhmm = f"{int(match.group(1)):02d}:{match.group(2)}"
    for t, label in enumerate(starts):
        if label[11:16] == hhmm:
            return t
    times = sorted({label[11:16] for label in starts})
    shown = ", ".join(times[:6]) + (f", ... {times[-1]}" if len(times) > 6 else "")
    raise CaseError.single(
        "--time", f"no interval starts at {hhmm}; intervals start at {shown} (local time, {starts[0][:10]} on)"
    )


def _print_infeasible(inputs: object, options: object) -> int:
    from dcep_explain import diagnose

    report = diagnose(inputs, options)  # type: ignore[arg-type]
    print("the case is INFEASIBLE")
    print(report.message)
    for c in report.conflicts:
        print(f"  - {c.family}: {c.meaning}")
        if c.detail:
            print(f"      {c.detail}")
    print(f"({report.n_solves} solves)")
    return 1


def run(args: argparse.Namespace) -> int:
    """Solve, explain and print; CaseError propagates to main (exit 2); infeasible exits 1."""
    if args.top < 1:
        raise CaseError.single("--top", f"must be >= 1, got {args.top}")
    case = load_case(args.case)
    starts = tuple(s.isoformat() for s in case.time.interval_starts())
    chosen = _pick_interval(args, starts, len(starts))
    from dcep_explain import IDENTITY_FAMILIES, explain_dispatch, limits_at  # heavy: solver imports
    from dcep_opt import SolveOptions, prepare_inputs, solve_dispatch

    inputs = prepare_inputs(case)
    options = SolveOptions.from_case(case.solver)
    solved = solve_dispatch(inputs, options, diagnose=False)
    facts = solved.result.solver
    if facts.status == "infeasible":
        return _print_infeasible(inputs, options)
    if not facts.has_solution:
        print(f"error: dispatch is {facts.status} ({facts.termination}); nothing to explain", file=sys.stderr)
        return 1
    exp = explain_dispatch(solved)
    h, n = inputs.interval_hours, inputs.n_intervals
    print(
        f"{inputs.name}: {facts.status}, net value {format_usd(facts.objective_usd or 0.0)} "
        f"over {plural(n, 'interval')} of {h:g} h"
    )
    print(
        f"  fixed-LP re-solve: {exp.duals.n_fixed} integer variables fixed, "
        f"net value {format_usd(exp.duals.objective_usd)}"
    )
    print()
    print(f"Binding constraints (top {args.top}; value = USD/MWh of relaxing the limit by one unit)")
    print(f"  {'limit':<26}{'intervals':>10}{'rows':>7}{'max value':>12}  meaning")
    for fam in exp.family_table()[: args.top]:
        print(f"  {fam.name:<26}{fam.intervals:>10}{fam.members:>7}{fam.max_value_usd_per_mwh:>12,.2f}  {fam.meaning}")
    active = exp.active_limits()
    best = max(
        range(n),
        key=lambda t: abs(active[t].value_usd_per_mwh(h)) if active[t] is not None else -1.0,  # type: ignore[union-attr]
    )
    t = best if chosen is None else chosen
    print()
    label = inputs.interval_starts[t] if inputs.interval_starts else str(t)
    print(f"Interval {t} ({label})")
    for lim in limits_at(exp.limits, t, skip=IDENTITY_FAMILIES)[: args.top]:
        at = f" at {lim.limit:.3f} {lim.unit}" if lim.kind == "bound" else ""
        print(
            f"  binding: {lim.name} {lim.key}{at}, "
            f"relaxing worth {format_usd(lim.value_usd_per_mwh(h), unit='MWh')} ({lim.meaning})"
        )
    for story in exp.narratives(t):
        print(f"- [{story.subject}] {story.text}")
    return 0
