"""`dcep simulate`: the planning-level feasibility simulation, written to CSV files.

    dcep simulate --arch ac_racks|dc_800v --mode training|inference|mixed --hours N
                  [--interval-min M] [--case CASE] [--pf-sweep 0.94,0.97,0.995] --out DIR

Each step updates the load from the workload and rack-architecture assumptions, applies a
conservative rule-based battery dispatch, and solves the AC power flow (dcep-topology's batch
Newton-Raphson, tested against pandapower ``runpp``). The assumptions and their public sources
(80 PLUS Titanium, LBNL 2016, NVIDIA's 800 VDC architecture note, Splitwise/DynamoLLM inference
traces, Choukse et al. 2025 on training power) are documented in ``dcep_topology.workloads``;
the battery rule in ``dcep_topology.simulation``. Every number there is an assumption.

Outputs in DIR (written atomically): ``timeseries.csv`` (or ``timeseries_pf<PF>.csv`` per swept PF),
``violations.csv`` (every violation) and ``summary.csv`` (one row per run: peaks, minima, counts).
Exit status 0 even when limits are violated (violations are results); 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from dcep_cli.atomic import write_text_atomic
from dcep_models import CaseError, load_case
from dcep_topology import ARCHITECTURES, MODES

if TYPE_CHECKING:
    from dcep_topology import SimulationResult

VIOLATION_KINDS = (
    "voltage_low", "voltage_high", "trafo_overload", "trafo_firm",
    "poi_pf", "poi_mva", "poi_import", "poi_export", "not_converged",
)  # fmt: skip


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``simulate`` subcommand."""
    p = sub.add_parser("simulate", help="feasibility simulation: load shape, rule-based BESS, AC power flow per step")
    p.add_argument("--arch", choices=sorted(ARCHITECTURES), default="ac_racks", help="rack power architecture")
    p.add_argument("--mode", choices=MODES, default="mixed", help="workload: training, inference or mixed")
    p.add_argument("--hours", type=float, default=24.0, help="simulated hours (default 24)")
    p.add_argument("--interval-min", type=int, default=60, help="step length, minutes (default 60)")
    p.add_argument("--case", help="case JSON for the network and limits (default: the seed's base case)")
    p.add_argument("--pf-sweep", help="comma-separated load power factors, e.g. 0.94,0.97,0.995")
    p.add_argument("--out", required=True, help="output folder (created if missing)")
    p.set_defaults(func=run)


def _parse_sweep(text: str | None) -> list[float | None]:
    if not text:
        return [None]
    values: list[float | None] = []
    for item in text.split(","):
        try:
            pf = float(item)
        except ValueError:
            raise ValueError(f"--pf-sweep: {item!r} is not a number") from None
        if not 0 < pf <= 1:
            raise ValueError(f"--pf-sweep: power factor must be in (0, 1], got {pf}")
        values.append(pf)
    return values


def _summary_csv(results: list[SimulationResult]) -> str:
    buf = io.StringIO()
    head = ["arch", "mode", "load_pf", "steps", "peak_load_mw", "peak_grid_mw", "peak_grid_s_mva", "min_poi_pf"]
    head += ["min_mv_vm_pu", "max_mv_vm_pu", "max_trafo_loading_percent", "bess_discharge_mwh", "max_linear_gap_mva"]
    head += [f"n_{k}" for k in VIOLATION_KINDS]
    buf.write(",".join(head) + "\n")
    for r in results:
        rep = r.report
        counts = rep.counts()
        dt_h = float(r.hour[1] - r.hour[0]) if len(r.hour) > 1 else 1.0
        row = [
            r.arch, r.mode, f"{r.load_pf:.4f}", str(len(r.hour)),
            *(f"{x:.6f}" for x in (
                r.load_p_mw.max(), rep.grid_p_mw.max(), rep.grid_s_mva.max(), np.nanmin(rep.poi_pf), rep.mv_vm_pu.min(),
                rep.mv_vm_pu.max(), rep.trafo_loading_percent.max(), np.clip(r.bess_p_mw, 0, None).sum() * dt_h,
                rep.max_linear_gap_mva,
            )),
            *(str(counts.get(k, 0)) for k in VIOLATION_KINDS),
        ]  # fmt: skip
        buf.write(",".join(row) + "\n")
    return buf.getvalue()


def run(args: argparse.Namespace) -> int:
    """Simulate and write the CSVs; CaseError propagates to main (exit 2)."""
    from dcep_topology import BaseSystemSpec, PowerFlowError, simulate, spec_from_case, timeseries_csv, violations_csv

    try:
        sweep = _parse_sweep(args.pf_sweep)
        spec = spec_from_case(load_case(args.case)) if args.case else BaseSystemSpec()
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        results = [simulate(spec, args.arch, args.mode, args.hours, args.interval_min, load_pf=pf) for pf in sweep]
    except CaseError:
        raise
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except PowerFlowError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for pf, res in zip(sweep, results, strict=True):
        name = "timeseries.csv" if pf is None else f"timeseries_pf{pf:.3f}.csv"
        write_text_atomic(out / name, timeseries_csv(res))
    write_text_atomic(out / "violations.csv", violations_csv(results))
    write_text_atomic(out / "summary.csv", _summary_csv(results))
    for r in results:
        counts = r.report.counts()
        text = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"
        print(
            f"{r.arch} {r.mode} PF {r.load_pf:.3f}: {len(r.hour)} steps, "
            f"peak grid {r.report.grid_s_mva.max():.2f} MVA, "
            f"max loading {r.report.trafo_loading_percent.max():.1f} %, violating steps: {text}"
        )
    print(f"wrote {out}/")
    return 0
