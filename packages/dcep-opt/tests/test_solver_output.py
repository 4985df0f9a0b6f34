"""The solve is quiet: no PuLP deprecation warnings, nothing from HiGHS on the process's stdout."""

from __future__ import annotations

import subprocess
import sys
import warnings

import numpy as np

from dcep_opt import build_model, solve_dispatch


def test_building_and_solving_emit_no_deprecation_warning(make_inputs, make_battery, make_fleet) -> None:
    inp = make_inputs(
        20 + 60 * (np.arange(16) % 4 == 0), interval_hours=0.25, critical_mw=10.0, battery=make_battery(),
        fleets=(make_fleet(),),
    )  # fmt: skip
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        build_model(inp)
        result = solve_dispatch(inp).result
    assert result.solver.status == "optimal"
    assert [str(w.message) for w in caught if issubclass(w.category, DeprecationWarning)] == []


_SCRIPT = """
import numpy as np
from dcep_opt import DispatchInputs, GridInputs, LoadInputs, solve_dispatch
n = 4
inp = DispatchInputs(
    name="quiet", interval_hours=1.0, energy_price_usd_per_mwh=np.full(n, 30.0),
    import_adder_usd_per_mwh=np.zeros(n), loads=(LoadInputs("it", "critical", np.full(n, 5.0)),),
    grid=GridInputs(max_import_mw=10.0, max_export_mw=0.0, poi_mva=20.0),
)
for _ in range(2):
    assert solve_dispatch(inp).result.solver.status == "optimal"
print("done")
"""


def test_highs_prints_nothing_to_stdout() -> None:
    # a fresh process, so the first Highs object (the one whose constructor prints the banner) is ours
    out = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout == "done\n"
    assert "HiGHS" not in out.stderr
