"""A peer in the benchmarks: the same battery + generator fleet + POI day and week in PyPSA and in dcep.

Run it with ``nox -s peer`` (not in ``nox.options.sessions``: CI does not run it). PyPSA 1.4 needs
pandas >= 3, so it lives in the nox session's own venv with highspy and dcep's packages from this
checkout (they resolve together: pandapower 3.1 accepts pandas 3.0, uv picks 3.0.x). dcep's side runs
in a subprocess (``python benchmarks/peer_pypsa.py --dcep-side CASE``; ``--dcep-python 'uv run
--project . python'`` runs it in the dev env instead) and prints its inputs, objective and times as
JSON; the PyPSA side builds its network from that JSON, so both solve the very same numbers, and one
run prints both objectives and both times. It exits 1 when the objectives disagree beyond the gap.

What both models have (and so what is compared), from the real-price ERCOT cases
(``cases/ercot_50mw_real_2025-08-14.json``, a day; ``cases/ercot_50mw_real_7day_2025-08-01.json``,
a week; real 15-min HB_HUBAVG prices, interval 0.25 h):

- one battery (PyPSA StorageUnit): power, energy = max_hours x power, charge and discharge efficiency
  on the stored side (soc[t] = soc[t-1] + eta_ch*h*charge - h/eta_dis*discharge in both, soc at
  interval ends), SOC between soc_min and soc_max of the case (PyPSA: p_nom/max_hours window plus a
  lower-bound row via extra_functionality), initial SOC of the case, end SOC >= initial SOC
  (dcep's hard ``bess-final``; PyPSA: an extra row soc[last] >= initial);
- the gas fleet: dcep commits ``count`` identical units with one integer; PyPSA gets ``count``
  committable Generators with the same p_max, p_min_pu, marginal cost (fuel + VOM), start-up cost,
  initially off (up_time_before = 0). Identical binary units summed = dcep's integer units online;
- the POI: one PyPSA Generator with p_max = import cap, p_min = -export cap, marginal cost = the
  real-time price (import pays it, export earns it), as dcep's import/export with no adder;
- the site load: every load of the case summed into one fixed demand (no shedding).

Switched off in both because only dcep has them (or they differ): reserves/ancillary services,
N+1 redundancy, ride-through floor, POI MVA / power-factor polygon and transformer limits (poi_mva set
far above the caps, loads at pf 1, no reactive support), load curtailment, battery degradation cost,
min up/down times (1 interval) and start delays (0). Sign: both printed as dcep's "net value"
(revenue positive); PyPSA's cost objective is negated. Both use HiGHS with a 1e-4 relative MIP gap,
one thread. Timing on a shared machine is noisy: the ratio is measured in one run. PyPSA's line also
prints HiGHS's own run time inside ``optimize`` (the rest is linopy writing and reading the model):
most of the gap in HiGHS time is the formulation, ``count`` binary units per interval (symmetric) in
PyPSA against one integer "units online" in dcep.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CASES = {
    "day": ROOT / "cases" / "ercot_50mw_real_2025-08-14.json",
    "week": ROOT / "cases" / "ercot_50mw_real_7day_2025-08-01.json",
}
MIP_GAP = 1e-4


def dcep_side(case_path: Path) -> dict[str, Any]:
    """Build the common model from a case in dcep, solve it, return its inputs, objective and times."""
    import numpy as np

    from dcep_models import load_case
    from dcep_opt import (
        BatteryInputs,
        DispatchInputs,
        GridInputs,
        LoadInputs,
        SolveOptions,
        prepare_inputs,
        solve_dispatch,
    )

    full = prepare_inputs(load_case(case_path))
    n = full.n_intervals
    b = full.battery
    assert b is not None and full.fleets, "the peer case needs a battery and a generator fleet"
    demand = np.asarray(full.total_demand_mw, dtype=float)
    fleet = dataclasses.replace(
        full.fleets[0],
        start_time_min=0.0,
        start_intervals=0,
        min_up_intervals=1,
        min_down_intervals=1,
        initial_units_online=0,
        q_max_mvar_per_unit=0.0,
        provides_reserves=False,
        max_starts_per_interval=None,
    )
    battery = BatteryInputs(
        power_mw=b.power_mw,
        energy_mwh=b.energy_mwh,
        pcs_mva=10 * b.power_mw,
        soc_min_mwh=b.soc_min_mwh,
        soc_max_mwh=b.soc_max_mwh,
        soc_initial_mwh=b.soc_initial_mwh,
        soc_final_min_mwh=b.soc_initial_mwh,
        floor_mwh=b.soc_min_mwh,
        charge_efficiency=b.charge_efficiency,
        discharge_efficiency=b.discharge_efficiency,
        degradation_usd_per_mwh=0.0,
        reactive_support=False,
    )
    caps = (full.grid.max_import_mw, full.grid.max_export_mw)
    inputs = DispatchInputs(
        name="peer",
        interval_hours=full.interval_hours,
        energy_price_usd_per_mwh=np.asarray(full.energy_price_usd_per_mwh, dtype=float),
        import_adder_usd_per_mwh=np.zeros(n),
        loads=(LoadInputs("site", "critical", demand, power_factor=1.0),),
        grid=GridInputs(max_import_mw=caps[0], max_export_mw=caps[1], poi_mva=10 * max(caps)),
        battery=battery,
        fleets=(fleet,),
        final_soc_shortfall_usd_per_mwh=None,
        ride_through_minutes=0.0,
        redundancy_units=0,
    )
    t0 = time.perf_counter()
    solved = solve_dispatch(inputs, SolveOptions(mip_gap=MIP_GAP, time_limit_s=600.0), diagnose=False)
    wall_s = time.perf_counter() - t0
    s = solved.result.solver
    ts = solved.result.timeseries
    return {
        "n": n,
        "interval_hours": inputs.interval_hours,
        "price_usd_per_mwh": inputs.energy_price_usd_per_mwh.tolist(),
        "demand_mw": demand.tolist(),
        "battery": dataclasses.asdict(battery),
        "fleet": {k: v for k, v in dataclasses.asdict(fleet).items()},
        "marginal_cost_usd_per_mwh": fleet.marginal_cost_usd_per_mwh,
        "max_import_mw": caps[0],
        "max_export_mw": caps[1],
        "objective_usd": s.objective_usd,
        "status": f"{s.status} ({s.termination})",
        "mip_gap": s.mip_gap,
        "build_s": s.build_s,
        "solve_s": s.solve_s,
        "wall_s": wall_s,
        "gas_mwh": float(np.sum(ts[f"gen_{fleet.name}_mw"]) * inputs.interval_hours),
        "gas_starts": int(np.sum(ts[f"gen_{fleet.name}_starts"])),
    }


def pypsa_side(d: dict[str, Any]) -> dict[str, Any]:
    """The same model in PyPSA (its own venv, pandas >= 3), solved with HiGHS: net value and times."""
    import pandas as pd
    import pypsa

    n_int, h = d["n"], d["interval_hours"]
    b, f = d["battery"], d["fleet"]
    t0 = time.perf_counter()
    net = pypsa.Network()
    snaps = pd.RangeIndex(n_int, name="snapshot")
    net.set_snapshots(snaps)
    # objective, stores and generators all weighted by the interval length, hours
    net.snapshot_weightings = net.snapshot_weightings.astype(float) * 0.0 + h
    net.add("Bus", "site")
    net.add("Load", "site", bus="site", p_set=pd.Series(d["demand_mw"], index=snaps))
    net.add(
        "Generator",
        "poi",
        bus="site",
        p_nom=d["max_import_mw"],
        p_max_pu=1.0,
        p_min_pu=-d["max_export_mw"] / d["max_import_mw"],
        marginal_cost=pd.Series(d["price_usd_per_mwh"], index=snaps),
    )
    for k in range(f["count"]):
        net.add(
            "Generator",
            f"gas{k}",
            bus="site",
            p_nom=f["p_max_mw"],
            p_min_pu=f["p_min_mw"] / f["p_max_mw"],
            marginal_cost=d["marginal_cost_usd_per_mwh"],
            start_up_cost=f["start_cost_usd"],
            committable=True,
            up_time_before=0,
            down_time_before=1,
        )
    net.add(
        "StorageUnit",
        "bess",
        bus="site",
        p_nom=b["power_mw"],
        max_hours=b["soc_max_mwh"] / b["power_mw"],
        efficiency_store=b["charge_efficiency"],
        efficiency_dispatch=b["discharge_efficiency"],
        state_of_charge_initial=b["soc_initial_mwh"],
        cyclic_state_of_charge=False,
    )

    def extra(network: pypsa.Network, _snapshots: Any) -> None:
        m = network.model
        soc = m.variables["StorageUnit-state_of_charge"].sel(name="bess")
        m.add_constraints(soc >= b["soc_min_mwh"], name="bess-soc-min")
        m.add_constraints(soc.isel(snapshot=-1) >= b["soc_initial_mwh"], name="bess-final")

    t1 = time.perf_counter()
    status, condition = net.optimize(
        solver_name="highs",
        extra_functionality=extra,
        include_objective_constant=False,
        progress=False,
        solver_options={"mip_rel_gap": MIP_GAP, "threads": 1, "output_flag": False},
    )
    t2 = time.perf_counter()
    gas = [f"gas{k}" for k in range(f["count"])]
    return {
        "gas_mwh": float(net.generators_t.p[gas].to_numpy().sum() * h),
        "gas_starts": round(float(net.model.solution["Generator-start_up"].sel(name=gas).sum())),
        "objective_usd": -float(net.objective),
        "status": f"{status} ({condition})",
        "network_s": t1 - t0,
        "optimize_s": t2 - t1,
        "wall_s": t2 - t0,
        "highs_s": float(net.model.solver_model.getRunTime()),
        "pypsa": pypsa.__version__,
        "pandas": pd.__version__,
    }


def run_dcep(case_path: Path, python: list[str]) -> dict[str, Any]:
    """dcep solved in a subprocess run by ``python`` (a command prefix); its JSON on stdout's last line."""
    cmd = [*python, __file__, "--dcep-side", str(case_path)]
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dcep-side", type=Path, help="(internal) solve CASE in dcep and print JSON")
    parser.add_argument("--horizons", default="day,week", help="comma list of: day, week")
    parser.add_argument(
        "--dcep-python",
        default=None,
        help="command that runs dcep's side (default: this interpreter), e.g. 'uv run --project . python'",
    )
    args = parser.parse_args()
    if args.dcep_side is not None:
        print(json.dumps(dcep_side(args.dcep_side)))
        return
    python = args.dcep_python.split() if args.dcep_python else [sys.executable]
    logging.getLogger("pypsa").setLevel(logging.ERROR)
    logging.getLogger("linopy").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.filterwarnings("ignore", message="Coordinates across variables not equal")  # linopy, harmless
    print("Peer benchmark: the same battery + gas fleet + POI model in dcep and in PyPSA, HiGHS in both,")
    print(f"relative MIP gap {MIP_GAP:g}, one thread; shared 2-core machine: times are noisy, ratios from one run.")
    for key in args.horizons.split(","):
        d = run_dcep(CASES[key], python)
        p = pypsa_side(d)
        diff = d["objective_usd"] - p["objective_usd"]
        tol = MIP_GAP * max(abs(d["objective_usd"]), abs(p["objective_usd"])) + 0.01
        dcep_s = d["build_s"] + d["solve_s"]
        print(f"\n{key}: {CASES[key].name}, {d['n']} intervals of {d['interval_hours']} h")
        print(f"  dcep   net {d['objective_usd']:>14,.2f} USD  {d['status']}  gap {d['mip_gap']:.1e}")
        print(f"         build {d['build_s']:.2f} s + solve {d['solve_s']:.2f} s = {dcep_s:.2f} s; ", end="")
        print(f"gas {d['gas_mwh']:,.1f} MWh, {d['gas_starts']} starts")
        print(
            f"  PyPSA  net {p['objective_usd']:>14,.2f} USD  {p['status']}  (pypsa {p['pypsa']}, pandas {p['pandas']})"
        )
        print(
            f"         network {p['network_s']:.2f} s + optimize {p['optimize_s']:.2f} s = {p['wall_s']:.2f} s; ",
            end="",
        )
        print(f"gas {p['gas_mwh']:,.1f} MWh, {p['gas_starts']} starts; HiGHS run inside optimize {p['highs_s']:.2f} s")
        verdict = "agree within the MIP gap" if abs(diff) <= tol else "DO NOT agree within the MIP gap"
        print(f"  difference dcep - PyPSA {diff:,.2f} USD (tolerance {tol:,.2f}): {verdict}")
        print(f"  time ratio PyPSA (network+optimize) / dcep (build+solve) = {p['wall_s'] / dcep_s:.2f}x")
        if abs(diff) > tol:
            sys.exit(1)


if __name__ == "__main__":
    main()
