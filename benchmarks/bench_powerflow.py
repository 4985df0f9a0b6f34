"""Batch power flow vs pandapower's runpp loop: a year of 15-minute steps (35,040) on the planning network.

Prints, in one run: the runpp time per call (measured on a sample of calls and extrapolated to
35,040; the full loop would take minutes), the batch time for all 35,040 steps, the speed-up, and
the largest disagreement in voltage (pu) and transformer loading (percentage points) over the
sampled steps. Target: speed-up >= 100x, |dV| <= 1e-6 pu, |d loading| <= 1e-4 pp.

    python benchmarks/bench_powerflow.py [--sample 200] [--steps 35040]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from dcep_topology import (
    BaseSystemSpec,
    BatchPowerFlow,
    TransformerGroupSpec,
    build_base_network,
    element_index,
    run_powerflow,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=200, help="runpp calls timed (extrapolated)")
    parser.add_argument("--steps", type=int, default=35_040, help="steps solved by the batch path")
    args = parser.parse_args()

    spec = BaseSystemSpec(grid_short_circuit_mva=5000.0, transformers=(TransformerGroupSpec("T1", 80.0, 2),))
    net = build_base_network(spec)
    rng = np.random.default_rng(2024)
    n = args.steps
    load_p = rng.uniform(20.0, 120.0, n)
    load_q = load_p * rng.uniform(0.0, 0.4, n)
    bess_p = rng.uniform(-25.0, 25.0, n)
    bess_q = rng.uniform(-10.0, 10.0, n)

    t0 = time.perf_counter()
    batch = BatchPowerFlow(net)
    col = batch.result_column(element_index(net, "bus", "mv"))
    p = np.zeros((n, len(batch.bus_index)))
    q = np.zeros_like(p)
    p[:, col] = bess_p - load_p
    q[:, col] = bess_q - load_q
    res = batch.solve(p, q)
    batch_s = time.perf_counter() - t0

    sample = np.linspace(0, n - 1, min(args.sample, n)).astype(int)
    load, bess = element_index(net, "load", "dc_load"), element_index(net, "sgen", "bess")
    dv = dl = 0.0
    t0 = time.perf_counter()
    for t in sample:
        net.load.loc[load, ["p_mw", "q_mvar"]] = [load_p[t], load_q[t]]
        net.sgen.loc[bess, ["p_mw", "q_mvar"]] = [bess_p[t], bess_q[t]]
        run_powerflow(net)
        dv = max(dv, float(np.abs(net.res_bus.vm_pu.to_numpy() - res.vm_pu[t]).max()))
        dl = max(dl, float(np.abs(net.res_trafo.loading_percent.to_numpy() - res.trafo_loading_percent[t]).max()))
    loop_s = (time.perf_counter() - t0) / len(sample)  # includes the comparison, which is negligible
    loop_total_s = loop_s * n

    print(f"steps                         {n}")
    print(f"runpp per call                {loop_s * 1e3:.2f} ms (timed over {len(sample)} calls)")
    print(
        f"runpp loop, extrapolated      {loop_total_s:.1f} s for {n} steps "
        f"({len(sample)} timed x {n / len(sample):.1f})"
    )
    print(f"batch (incl. build + 1 runpp) {batch_s:.3f} s for {n} steps; all converged: {bool(res.converged.all())}")
    print(f"speed-up                      {loop_total_s / batch_s:.0f}x (target >= 100x)")
    print(f"max |dV| vs runpp             {dv:.2e} pu (target <= 1e-6) over {len(sample)} sampled steps")
    print(f"max |d loading| vs runpp      {dl:.2e} pp (target <= 1e-4)")


if __name__ == "__main__":
    main()
