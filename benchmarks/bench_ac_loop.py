"""The AC loop's cost and outcome: plain solve vs solve + AC screen (+ re-solves if needed), same run.

For each case: solve_dispatch alone, then solve_dispatch with the case's planning network (the AC loop:
screen every interval with the batch power flow at the POI bus, tighten what it finds, re-solve; at
most 3 rounds). pandapower is imported before timing so the figures compare solves and screens, not
imports. Prints seconds for both, their ratio, AC rounds, violating intervals left, the largest
linear-vs-AC gaps (MW of POI import, MVA through the polygon) and both objectives. ``--lossless`` also
runs the loop on the model with its transformer losses removed, to show what the loop repairs.

    uv run python benchmarks/bench_ac_loop.py                       # seed and 7-day
    uv run python benchmarks/bench_ac_loop.py --cases all --lossless  # every shipped case, first day only
"""

from __future__ import annotations

import argparse
import dataclasses
import time
from pathlib import Path

from dcep_models import Case, load_case
from dcep_opt import DispatchInputs, prepare_inputs, solve_dispatch
from dcep_topology import spec_from_case

ROOT = Path(__file__).resolve().parents[1]
NAMED = {
    "seed": ROOT / "cases" / "ercot_50mw.json",
    "7day": ROOT / "cases" / "ercot_50mw_real_7day_2025-08-01.json",
}


def _case(path: Path, full: bool) -> Case:
    case = load_case(path)
    if full or case.time.horizon_hours <= 24:
        return case
    return case.model_copy(update={"time": case.time.model_copy(update={"horizon_hours": 24})})


def _row(name: str, case: Case, inputs: DispatchInputs) -> None:
    t0 = time.perf_counter()
    plain = solve_dispatch(inputs).result
    t1 = time.perf_counter()
    looped = solve_dispatch(inputs, ac_network=spec_from_case(case)).result
    t2 = time.perf_counter()
    s = looped.solver
    print(
        f"{name:34s} plain {t1 - t0:6.2f} s  +AC loop {t2 - t1:6.2f} s  x{(t2 - t1) / max(t1 - t0, 1e-9):4.2f}  "
        f"rounds {s.ac_rounds}  violating {s.ac_violations}  gap {s.ac_max_gap_mw or 0:.4f} MW "
        f"{s.ac_max_gap_mva or 0:.3f} MVA  objective {plain.solver.objective_usd:,.2f} / {s.objective_usd:,.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default="seed,7day", help="comma list of seed,7day, or 'all' (shipped cases)")
    parser.add_argument("--lossless", action="store_true", help="also loop on the model without transformer losses")
    args = parser.parse_args()
    import dcep_topology.screening  # noqa: F401  (pandapower imported before any timing)

    if args.cases == "all":
        paths = {p.stem: p for p in sorted((ROOT / "cases").glob("*.json"))}
    else:
        paths = {k: NAMED[k] for k in args.cases.split(",")}
    print("machine shared with other jobs: compare the ratio within a row, not absolute seconds")
    for name, path in paths.items():
        case = _case(path, full=args.cases != "all")
        inputs = prepare_inputs(case)
        _row(name, case, inputs)
        if args.lossless:
            grid = dataclasses.replace(
                inputs.grid, transformer_p_loss_mw_per_mva2=0.0, transformer_q_loss_mvar_per_mva2=0.0
            )
            _row(f"{name} (no losses in the model)", case, dataclasses.replace(inputs, grid=grid))


if __name__ == "__main__":
    main()
