"""DispatchResult to JSON (the ``results.json`` layout) and the time series to CSV. No PuLP here."""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import asdict
from typing import Any

from dcep_opt._results import DispatchResult


def _clean(value: Any) -> Any:
    """JSON-safe: NaN and infinities become None, numpy scalars become floats."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def result_to_dict(result: DispatchResult) -> dict[str, Any]:
    """The ``results.json`` object: ``case``, ``solver``, ``economics``, ``reliability``, ``timeseries``.

    ``timeseries`` is a list of per-interval records keyed by column name (plus ``interval_start``).
    """
    s = result.solver
    solver = {
        "status": s.status,
        "termination": s.termination,
        "objective_usd": s.objective_usd,
        "best_bound_usd": s.best_bound_usd,
        "mip_gap": s.mip_gap,
        "build_s": s.build_s,
        "solve_s": s.solve_s,
        "highs_status": s.highs_status,
        "n_variables": s.n_variables,
        "n_constraints": s.n_constraints,
        "n_integer": s.n_integer,
        "mip_nodes": s.mip_nodes,
        "rounds": s.rounds,
        "bess_mode_binaries": s.bess_mode_binaries,
        "grid_dir_binaries": s.grid_dir_binaries,
        "time_limit_s": s.time_limit_s,
        "mip_gap_target": s.mip_gap_target,
        "ac_rounds": s.ac_rounds,
        "ac_violations": s.ac_violations,
        "ac_max_gap_mw": s.ac_max_gap_mw,
        "ac_max_gap_mva": s.ac_max_gap_mva,
    }
    economics: dict[str, Any] | None = None
    if result.economics is not None:
        economics = asdict(result.economics)
        economics["value_over_baseline_usd"] = result.economics.value_over_baseline_usd
    reliability = asdict(result.reliability) if result.reliability is not None else None
    columns = list(result.timeseries)
    records = []
    for i, label in enumerate(result.interval_starts):
        row: dict[str, Any] = {"interval_start": label}
        for col in columns:
            row[col] = float(result.timeseries[col][i])
        records.append(row)
    out: dict[str, Any] = {
        "case": result.case_name,
        "interval_hours": result.interval_hours,
        "n_intervals": result.n_intervals,
        "solver": solver,
        "economics": economics,
        "reliability": reliability,
        "diagnosis": asdict(result.diagnosis) if result.diagnosis is not None else None,
        "warnings": list(result.warnings),
        "timeseries": records,
    }
    cleaned: dict[str, Any] = _clean(out)
    return cleaned


def result_to_json(result: DispatchResult, indent: int | None = 1) -> str:
    """``results.json`` text (strict JSON: no NaN)."""
    return json.dumps(result_to_dict(result), indent=indent, allow_nan=False) + "\n"


def timeseries_csv(result: DispatchResult) -> str:
    """The time series as CSV: ``interval_start`` then every column, one row per interval."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    columns = list(result.timeseries)
    writer.writerow(["interval_start", *columns])
    for i, label in enumerate(result.interval_starts):
        row: list[Any] = [label]
        for col in columns:
            value = float(result.timeseries[col][i])
            row.append("" if not math.isfinite(value) else repr(value))
        writer.writerow(row)
    return buf.getvalue()
