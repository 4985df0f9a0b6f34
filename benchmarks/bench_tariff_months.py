"""Month-long retail-tariff cases: build and solve time, status and the bill's totals.

Prints one line per shipped tariff case (a month at 15 min, 2,976 intervals) and, as a baseline
measured in the same run, the same case without its demand charges (TOU energy only), so the
figure to read is the ratio: what the month-coupling peak variables cost the solver.
Usage: uv run python benchmarks/bench_tariff_months.py
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from dcep_models import load_case
from dcep_opt import prepare_inputs, solve_dispatch

CASES = Path(__file__).resolve().parents[1] / "cases"
MONTHS = ["sce_tou8_tariff_2025-07.json", "sdge_altou_tariff_2025-07.json", "fpl_gsldt1_tariff_2025-07.json"]


def main() -> None:
    """Solve each month with and without its demand charges and print the figures."""
    print("tariff months (shared machine: read the ratios)")
    for name in MONTHS:
        inputs = prepare_inputs(load_case(CASES / name))
        assert inputs.tariff is not None
        energy_only = dataclasses.replace(inputs, tariff=dataclasses.replace(inputs.tariff, demand_charges=()))
        t0 = time.perf_counter()
        base = solve_dispatch(energy_only).result
        base_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        full = solve_dispatch(inputs).result
        full_s = time.perf_counter() - t0
        e = full.economics
        demand = sum(line.usd for line in e.tariff_bill if line.kind == "demand") if e else float("nan")
        print(
            f"  {name:34s} {full.solver.status:8s} {full_s:6.1f} s "
            f"(energy-only {base.solver.status} {base_s:5.1f} s, x{full_s / base_s:4.1f}); "
            f"bill ${e.tariff_bill_usd if e else float('nan'):,.2f}, demand charges ${demand:,.2f}"
        )


if __name__ == "__main__":
    main()
