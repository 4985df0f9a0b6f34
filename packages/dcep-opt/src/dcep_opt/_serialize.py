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


def result_to_dict(
    result: DispatchResult, case: dict[str, Any] | None = None, versions: dict[str, str] | None = None
) -> dict[str, Any]:
    """The ``results.json`` object: ``case``, ``solver``, ``economics``, ``reliability``, ``timeseries``.

    ``timeseries`` is a list of per-interval records keyed by column name (plus ``interval_start``).
    ``case`` (the solved case as JSON, e.g. ``case.model_dump(mode="json")``) is embedded as
    ``case_input`` and ``versions`` (``{distribution: version}``) as ``versions`` when given, so the
    file says what was solved and with which software.
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
    if case is not None:
        out["case_input"] = case
    if versions is not None:
        out["versions"] = dict(versions)
    cleaned: dict[str, Any] = _clean(out)
    return cleaned


def result_to_json(
    result: DispatchResult,
    indent: int | None = 1,
    case: dict[str, Any] | None = None,
    versions: dict[str, str] | None = None,
) -> str:
    """``results.json`` text (strict JSON: no NaN); ``case`` and ``versions`` as in :func:`result_to_dict`."""
    return json.dumps(result_to_dict(result, case, versions), indent=indent, allow_nan=False) + "\n"


#: Decimals written per column unit (by name ending), the stated precision of every CSV dcep writes:
#: power and energy to 1 W / 1 Wh, money to 1/100 cent, fractions and per-unit to 1e-6, minutes to
#: 1 ms; counts of units are integers. Floating-point noise (102.59999999999997) never reaches a file.
CSV_DECIMALS: tuple[tuple[str, int], ...] = (
    ("_units_online", 0),
    ("_units_synced", 0),
    ("_starts", 0),
    ("_stops", 0),
    ("_usd_per_mwh", 4),
    ("_usd_per_mw_h", 4),
    ("_usd", 4),
    ("_mw", 6),
    ("_mwh", 6),
    ("_mvar", 6),
    ("_mva", 6),
    ("_frac", 6),
    ("_pu", 6),
    ("_min", 3),
    ("_s", 3),
)
#: Significant digits for a column whose name ends in none of the above (``mip_gap``, ...): enough
#: for any real figure, few enough that binary noise (...99999997) never shows.
CSV_DEFAULT_SIGNIFICANT = 12


def csv_decimals(column: str) -> int | None:
    """Decimals the CSV writers use for ``column`` (:data:`CSV_DECIMALS`); None: significant digits."""
    return next((d for suffix, d in CSV_DECIMALS if column.endswith(suffix)), None)


def format_csv_number(value: float, decimals: int | None) -> str:
    """``value`` rounded to ``decimals`` (None: :data:`CSV_DEFAULT_SIGNIFICANT` significant digits) in its
    shortest text (``102.6``, ``3``); NaN and infinities as empty cells."""
    if not math.isfinite(value):
        return ""
    if decimals is None:
        return repr(float(f"{value:.{CSV_DEFAULT_SIGNIFICANT}g}") + 0.0)
    rounded = round(value, decimals) + 0.0  # + 0.0 turns -0.0 into 0.0
    return str(int(rounded)) if decimals == 0 else repr(rounded)


def format_csv_cell(column: str, value: Any) -> Any:
    """A CSV cell: floats rounded for ``column``'s unit, None as empty, anything else unchanged."""
    if value is None:
        return ""
    if isinstance(value, float) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") == "f"):
        return format_csv_number(float(value), csv_decimals(column))
    return value


def timeseries_csv(result: DispatchResult) -> str:
    """The time series as CSV: ``interval_start`` then every column, one row per interval.

    Numbers are rounded to the stated precision of their unit (:data:`CSV_DECIMALS`).
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    columns = list(result.timeseries)
    decimals = [csv_decimals(col) for col in columns]
    writer.writerow(["interval_start", *columns])
    for i, label in enumerate(result.interval_starts):
        row: list[Any] = [label]
        for col, places in zip(columns, decimals, strict=True):
            row.append(format_csv_number(float(result.timeseries[col][i]), places))
        writer.writerow(row)
    return buf.getvalue()
