"""`dcep powerflow [CASE]`: one AC power flow of the planning network; prints bus, transformer, grid tables.

Without CASE it solves the seed's base case (infinite 230 kV grid, one 80 MVA 230/34.5 kV transformer,
50 MW at PF 0.97 lagging, battery at 0 MW / 0 MVAr). With CASE it builds the case's network
(grid strength, transformer groups, aggregated loads at their base power) via dcep-topology.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from dcep_models import load_case
from dcep_topology import (
    BaseSystemSpec,
    PowerFlowError,
    build_base_network,
    run_powerflow,
    spec_from_case,
    summarize_base_results,
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``powerflow`` subcommand."""
    p = sub.add_parser("powerflow", help="AC power flow of the planning network (bus, transformer, grid tables)")
    p.add_argument("case", nargs="?", help="case JSON file (default: the seed's 50 MW base case)")
    p.add_argument("--bess-mw", type=float, default=0.0, help="battery output, MW (discharge positive)")
    p.add_argument("--bess-mvar", type=float, default=0.0, help="battery reactive output, MVAr")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Solve and print; CaseError propagates to main (exit 2); non-convergence exits 1."""
    spec = spec_from_case(load_case(args.case)) if args.case else BaseSystemSpec()
    spec = replace(spec, bess_p_mw=args.bess_mw, bess_q_mvar=args.bess_mvar)
    try:
        net = run_powerflow(build_base_network(spec))
    except PowerFlowError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    tables = summarize_base_results(net)
    print(
        f"load {spec.load_mw:.3f} MW at PF {spec.load_pf:.4f} lagging; "
        f"BESS {spec.bess_p_mw:g} MW / {spec.bess_q_mvar:g} MVAr"
    )
    for title, key in (("Bus voltages", "bus"), ("Transformers", "trafo"), ("Grid import at the POI", "grid")):
        print(f"\n{title}")
        print(tables[key].to_string(float_format=lambda x: f"{x:.4f}"))
    return 0
