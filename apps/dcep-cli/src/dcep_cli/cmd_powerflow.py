"""`dcep powerflow [CASE]`: one AC power flow of the planning network; prints bus, transformer, grid tables.

Without CASE it solves the seed's base case (infinite 230 kV grid, one 80 MVA 230/34.5 kV transformer,
50 MW at PF 0.97 lagging, battery at 0 MW / 0 MVAr). With CASE it builds the case's network
(grid strength, transformer groups, aggregated loads at their base power) via dcep-topology.

``dcep powerflow CASE --screen [--out FILE]`` instead optimises the case with dcep-opt and runs the AC
power flow at every interval of the schedule: violations, worst loading and voltage, and the largest
gap between the optimiser's linear apparent power and the AC one (per-interval CSV with ``--out``).
"""

from __future__ import annotations

import argparse
import io
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from dcep_cli.atomic import write_text_atomic
from dcep_cli.guard import check_outputs
from dcep_models import CaseError, load_case, plural

if TYPE_CHECKING:
    from dcep_topology import ScreeningReport


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``powerflow`` subcommand."""
    p = sub.add_parser("powerflow", help="AC power flow of the planning network (bus, transformer, grid tables)")
    p.add_argument("case", nargs="?", help="case JSON file (default: the seed's 50 MW base case)")
    p.add_argument("--bess-mw", type=float, default=0.0, help="battery output, MW (discharge positive)")
    p.add_argument("--bess-mvar", type=float, default=0.0, help="battery reactive output, MVAr")
    p.add_argument("--screen", action="store_true", help="optimise CASE with dcep-opt and screen every interval in AC")
    p.add_argument("--out", help="with --screen: write the per-interval screening CSV here")
    p.set_defaults(func=run)


def screening_csv(report: ScreeningReport) -> str:
    """Per-interval CSV of a screening report.

    ``poi_*`` columns are measured at the POI bus (the meter, where the limits apply; ``poi_pf`` empty
    below 1 MVA), ``grid_*`` at the ideal source behind the grid's impedance; then voltages, loading,
    the linear model's apparent power and the violation count.
    """
    per = np.zeros(len(report.grid_p_mw), dtype=int)
    for v in report.violations:
        per[v.interval] += 1
    head = ["interval", "poi_p_mw", "poi_q_mvar", "poi_s_mva", "poi_pf", "grid_p_mw", "grid_q_mvar", "grid_s_mva"]
    head += ["poi_vm_pu", "mv_vm_pu"]
    head += [f"{n}_loading_percent" for n in report.trafo_names] + ["linear_s_mva", "violations"]
    buf = io.StringIO()
    buf.write(",".join(head) + "\n")
    for t in range(len(per)):
        vals = [report.poi_p_mw[t], report.poi_q_mvar[t], report.poi_s_mva[t], report.poi_pf[t]]
        vals += [report.grid_p_mw[t], report.grid_q_mvar[t], report.grid_s_mva[t]]
        vals += [report.poi_vm_pu[t], report.mv_vm_pu[t], *report.trafo_loading_percent[t], report.linear_s_mva[t]]
        buf.write(f"{t}," + ",".join("" if np.isnan(x) else f"{x:.6f}" for x in vals) + f",{per[t]}\n")
    return buf.getvalue()


def _run_screen(args: argparse.Namespace) -> int:
    from dcep_opt import SolveOptions, horizon_check, prepare_inputs, screen_result, solve_dispatch
    from dcep_topology import PowerFlowError, spec_from_case

    case = load_case(args.case)
    check_outputs({"--out": args.out}, args.case, case)
    inputs = prepare_inputs(case)
    options = SolveOptions.from_case(case.solver)
    too_large = horizon_check(inputs, options)
    if too_large is not None:
        print(f"error: not built: {too_large} (estimate); screen a shorter time.horizon_hours", file=sys.stderr)
        return 1
    try:
        result = solve_dispatch(inputs, options, ac_network=spec_from_case(case)).result
        if not result.solver.has_solution:
            print(f"error: dispatch is {result.solver.status}; nothing to screen", file=sys.stderr)
            return 1
        report = screen_result(case, result)
    except PowerFlowError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    counts = report.counts()
    print(f"screened {plural(len(report.grid_p_mw), 'interval')} of the optimised schedule ({result.solver.status})")
    print(
        f"  AC loop: {plural(result.solver.ac_rounds, 'round')} (solve, screen in AC, tighten what it finds, re-solve)"
    )
    print(f"  max transformer loading {report.trafo_loading_percent.max():.2f} %")
    print(f"  MV voltage {report.mv_vm_pu.min():.4f} .. {report.mv_vm_pu.max():.4f} pu")
    pf_min = f"{np.nanmin(report.poi_pf):.4f}" if np.isfinite(report.poi_pf).any() else "n/a (no flow)"
    print(
        f"  at the POI bus (meter): import max {report.poi_p_mw.max():.3f} MW, "
        f"apparent power max {report.poi_s_mva.max():.3f} MVA, PF min {pf_min} (intervals >= 1 MVA)"
    )
    sv = result.solver
    print(
        f"  largest linear-vs-AC gap (the model's POI flow with its modelled losses vs AC): "
        f"{sv.ac_max_gap_mw or 0.0:.3f} MW, {sv.ac_max_gap_mva or 0.0:.3f} MVA"
    )
    print("  violating intervals: " + (", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"))
    for v in report.violations[:10]:
        print(f"    {v}")
    if len(report.violations) > 10:
        print(f"    ... {len(report.violations) - 10} more")
    if args.out:
        write_text_atomic(Path(args.out), screening_csv(report))
        print(f"wrote {args.out}")
    return 0


def run(args: argparse.Namespace) -> int:
    """Solve and print; CaseError propagates to main (exit 2); non-convergence exits 1."""
    from dcep_topology import (
        BaseSystemSpec,
        PowerFlowError,
        build_base_network,
        run_powerflow,
        spec_from_case,
        summarize_base_results,
    )

    if args.screen:
        if not args.case:
            raise CaseError.single("", "--screen needs a CASE file")
        return _run_screen(args)
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
