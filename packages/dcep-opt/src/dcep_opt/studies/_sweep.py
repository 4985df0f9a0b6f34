"""Scenario sweeps: one dispatch per set of case overrides, run on Dask (or serially, for reference).

A scenario is a dict ``{dotted path: value}`` applied to the base case's JSON form, e.g.
``{"resources.bess.energy_mwh": 200, "resources.generators[0].count": 3}``. Each task rebuilds the
case from the base dict plus its overrides, validates it (a bad override becomes that row's
``error``, never a crash of the sweep), solves, and returns a flat row.

Dask is optional (``pip install dcep-opt[dask]``) and imported only inside :func:`map_tasks`. With no
``scheduler`` an embedded ``LocalCluster(n_workers, threads_per_worker=1, processes=True)`` is
started and closed; ``scheduler="tcp://host:8786"`` connects to a running cluster with
``Client(address)``. Workers must have dcep-opt installed (the task functions are imported there).
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any, TypeVar

from dcep_models import Case, CaseError, CaseIssue, apply_overrides, case_data, parse_path
from dcep_opt._prepare import prepare_inputs
from dcep_opt._runner import solve_dispatch
from dcep_opt._serialize import format_csv_cell
from dcep_opt._solve import SolveOptions
from dcep_opt.studies._pool import TaskPool, task_pool

T = TypeVar("T")
R = TypeVar("R")
Overrides = dict[str, Any]
SweepProgress = Callable[[int, int], None]

#: Row columns that measure time (they differ between runs; everything else is deterministic).
TIMING_COLUMNS = ("build_s", "solve_s", "wall_s")


def result_row(result: Any) -> dict[str, Any]:
    """The flat row of one :class:`DispatchResult`: solver facts, every economics line, reliability."""
    s = result.solver
    row: dict[str, Any] = {
        "status": s.status,
        "termination": s.termination,
        "mip_gap": s.mip_gap,
        "objective_usd": s.objective_usd,
        "best_bound_usd": s.best_bound_usd,
    }
    econ = result.economics
    if econ is not None:
        lines = asdict(econ)
        by_product = lines.pop("as_revenue_by_product_usd")
        base = lines.pop("baseline")
        row.update(lines)
        row["baseline_net_value_usd"] = None if base is None else base["net_value_usd"]
        row["value_over_baseline_usd"] = econ.value_over_baseline_usd
        row.update({f"as_revenue_{name}_usd": value for name, value in sorted(by_product.items())})
    rel = result.reliability
    if rel is not None:
        row["unserved_mwh"] = rel.unserved_mwh
        row["min_ride_through_min"] = rel.min_ride_through_min
        row["ride_through_ok"] = rel.ride_through_ok
        row["n_plus_1_ok"] = rel.n_plus_1_ok
    row["build_s"] = s.build_s
    row["solve_s"] = s.solve_s
    return row


def evaluate_scenario(task: tuple[dict[str, Any], Overrides, str | None]) -> dict[str, Any]:
    """Build, validate and solve one scenario; always returns a row (``error`` set on failure).

    ``task`` is ``(base case dict, overrides, base folder for relative price files or None)``.
    Solver limits are the scenario case's own ``solver`` section.
    """
    base, overrides, base_dir = task
    wall = time.perf_counter()
    row: dict[str, Any] = dict(overrides)
    row["error"] = ""
    try:
        case = apply_overrides(base, overrides, base_dir)
        options = SolveOptions.from_case(case.solver)
        result = solve_dispatch(prepare_inputs(case), options, diagnose=False).result
        row.update(result_row(result))
    except CaseError as exc:
        row["status"] = "invalid"
        row["error"] = "; ".join(str(issue) for issue in exc.issues)
    except Exception as exc:  # one scenario's failure is that row's result, not the sweep's
        row["status"] = "error"
        row["error"] = f"{type(exc).__name__}: {exc}"
    row["wall_s"] = time.perf_counter() - wall
    return row


def map_tasks(
    fn: Callable[[T], R],
    items: Sequence[T],
    scheduler: str | None = None,
    n_workers: int = 2,
    progress: SweepProgress | None = None,
    serial: bool = False,
) -> list[R]:
    """``[fn(item) for item in items]`` in order, on a pool opened for this call (see :func:`task_pool`).

    ``fn`` must be importable on the workers (a module-level function of an installed package).
    ``scheduler`` None starts an embedded ``LocalCluster`` of ``n_workers`` single-threaded processes;
    an address (``tcp://host:8786``) connects to that cluster. ``progress(done, total)`` is called as
    tasks finish.

    Raises:
        ImportError: Dask is needed and not installed (``pip install dcep-opt[dask]``).
        OSError: the scheduler address cannot be reached.
    """
    with task_pool(scheduler, n_workers, serial=serial or len(items) == 0) as pool:
        return pool.map(fn, items, progress)


def run_sweep(
    case: Case,
    overrides: Sequence[Overrides],
    scheduler: str | None = None,
    n_workers: int = 2,
    progress: SweepProgress | None = None,
    serial: bool = False,
    pool: TaskPool | None = None,
) -> list[dict[str, Any]]:
    """Solve ``case`` once per overrides dict and return one flat row per scenario, in order.

    Each row holds the overrides (keyed by path), ``scenario`` (0-based), ``status``,
    ``termination``, ``mip_gap``, ``objective_usd``, ``net_value_usd`` and every economics line (USD),
    ``unserved_mwh``, ``min_ride_through_min``, ``ride_through_ok``, ``n_plus_1_ok``, ``build_s``,
    ``solve_s``, ``wall_s`` and ``error`` (empty unless the scenario was invalid or failed).
    See :func:`map_tasks` for ``scheduler``, ``n_workers`` and ``serial``; an open ``pool`` is used
    instead when given (the base case is then sent to every worker once, not with every task).

    Raises:
        ImportError / OSError: as :func:`map_tasks` (never for a bad scenario).
    """
    base = case_data(case)
    base_dir = str(case.base_dir) if case.base_dir is not None else None
    if pool is not None:
        shared = pool.share(base)
        rows = pool.map(evaluate_scenario, [(shared, dict(o), base_dir) for o in overrides], progress)
    else:
        tasks = [(base, dict(o), base_dir) for o in overrides]
        rows = map_tasks(evaluate_scenario, tasks, scheduler, n_workers, progress, serial)
    return [{"scenario": k, **row} for k, row in enumerate(rows)]


def parse_set_option(text: str) -> tuple[str, list[Any]]:
    """``"resources.bess.energy_mwh=50,100"`` -> ``("resources.bess.energy_mwh", [50, 100])``.

    Each value is read as JSON (numbers, ``true``, ``null``) and otherwise kept as a string.

    Raises:
        CaseError: no ``=`` or no values.
    """
    path, sep, values = text.partition("=")
    if not sep or not path.strip() or not values.strip():
        raise CaseError([CaseIssue("--set", f"expected PATH=V1,V2,..., got {text!r}")])
    out: list[Any] = []
    for raw in values.split(","):
        try:
            out.append(json.loads(raw))
        except json.JSONDecodeError:
            out.append(raw.strip())
    parse_path(path)
    return path.strip(), out


def grid_overrides(sets: Sequence[tuple[str, list[Any]]]) -> list[Overrides]:
    """Every combination (cartesian product) of the ``--set`` value lists, first path varying slowest."""
    paths = [p for p, _ in sets]
    return [dict(zip(paths, combo, strict=True)) for combo in itertools.product(*(v for _, v in sets))]


def rows_to_csv(rows: Sequence[dict[str, Any]]) -> str:
    """CSV of sweep rows: the union of their columns in first-seen order; None and non-finite as empty,
    floats rounded to their unit's stated precision (``dcep_opt._serialize.CSV_DECIMALS``)."""
    columns: list[str] = []
    for row in rows:
        columns.extend(c for c in row if c not in columns)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([format_csv_cell(c, row.get(c)) for c in columns])
    return buf.getvalue()
