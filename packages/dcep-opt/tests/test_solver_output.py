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


def test_importing_makes_no_highs_object_and_first_use_is_quiet() -> None:
    # the banner is absorbed on the first solver use, not at import (issue 9)
    script = (
        "import dcep_opt\n"
        "import dcep_opt._highs as h\n"
        "assert h._BANNER_DONE is False, 'a Highs object was made at import'\n"
        "dcep_opt.quiet_highs()\n"
        "assert h._BANNER_DONE is True\n"
        "print('done')\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout == "done\n"
    assert "HiGHS" not in out.stderr


def test_one_exporter_for_the_milp_and_the_fixed_lp(make_inputs, make_battery, make_fleet) -> None:
    from dcep_opt import export_highs

    inp = make_inputs([10.0, 80.0, 20.0, 90.0], critical_mw=10.0, battery=make_battery(), fleets=(make_fleet(),))
    solved = solve_dispatch(inp)
    problem = solved.model.problem
    mip = export_highs(problem)
    fixed = export_highs(problem, fix_integers=True)
    n_int = solved.model.n_integer
    assert mip.has_integers and not fixed.has_integers and fixed.n_fixed == n_int > 0
    assert mip.columns == fixed.columns and mip.rows == fixed.rows
    assert len(mip.rows) == solved.model.n_constraints
    assert mip.lp.value.tolist() == fixed.lp.value.tolist()
    for j, var in enumerate(fixed.columns):
        if var.cat == "Integer":
            assert fixed.lp.col_lower[j] == fixed.lp.col_upper[j] == round(var.varValue)
        else:
            assert (fixed.lp.col_lower[j], fixed.lp.col_upper[j]) == (mip.lp.col_lower[j], mip.lp.col_upper[j])
    # the fixed LP re-solved reaches the MILP's objective (the commitment is given)
    from dcep_opt import quiet_highs

    h = quiet_highs(threads=1)
    fixed.lp.pass_to(h)
    h.run()
    assert abs(-h.getInfo().objective_function_value - solved.result.solver.objective_usd) < 1e-4


_THREADS_SCRIPT = _SCRIPT.split("for _ in range(2):")[0] + (
    "import threading\n"
    "from dcep_opt import SolveOptions\n"
    "def solve(threads):\n"
    "    assert solve_dispatch(inp, SolveOptions(threads=threads)).result.solver.status == 'optimal', threads\n"
    "for threads in (2, 1, 2):\n"
    "    solve(threads)\n"
    "worker = threading.Thread(target=solve, args=(1,))\n"  # as the TUI solves: in a worker thread
    "worker.start()\n"
    "worker.join()\n"
    "solve(1)\n"
    "print('done')\n"
)


def test_a_solve_with_other_threads_than_the_last_still_solves() -> None:
    # HiGHS's scheduler is process-wide: a threads=2 solve used to leave later threads=1 solves with
    # "no solution" (found by honouring case.solver.threads in every command); a fresh process
    out = subprocess.run([sys.executable, "-c", _THREADS_SCRIPT], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr[-2000:]
    assert out.stdout == "done\n"
