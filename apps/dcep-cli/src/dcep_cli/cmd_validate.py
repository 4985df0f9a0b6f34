"""`dcep validate CASE`: check a case file and print a one-line summary."""

from __future__ import annotations

import argparse

from dcep_models import load_case, plural


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``validate`` subcommand."""
    p = sub.add_parser("validate", help="check a case file; every problem is listed with its JSON path")
    p.add_argument("case", help="case JSON file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate; CaseError propagates to main (exit 2)."""
    case = load_case(args.case)
    t = case.time
    print(
        f"ok: {case.name} | {case.iso} | {plural(t.n_intervals, 'interval')} of {t.interval_minutes} min "
        f"from {t.start_aware.isoformat()} | critical load {case.critical_load_mw:g} MW"
    )
    return 0
