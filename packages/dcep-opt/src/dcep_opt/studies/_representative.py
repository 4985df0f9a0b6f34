"""Representative days chosen with tsam: typical days (medoids: real days) with weights, extremes kept.

Every time-varying input (energy price, import adder, each load, each reserve price) is a column;
tsam's hierarchical clustering groups the horizon's days and represents each group by its medoid,
a real day of the horizon, so a representative day is the case's own day sliced out
(:func:`dcep_opt.studies._rolling.slice_inputs`), with every column consistent. The day with the
highest and the day with the lowest energy price are kept as their own (weight-1) periods.
A horizon of no more days than asked for is used whole, each day with weight 1.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass

import numpy as np

from dcep_opt._inputs import DispatchInputs
from dcep_opt.studies._rolling import slice_inputs


@dataclass(frozen=True)
class RepresentativeDay:
    """One representative day: its inputs, the horizon day it is (0-based) and the days it stands for."""

    inputs: DispatchInputs
    day: int
    weight_days: float
    extreme: bool = False


def _columns(inputs: DispatchInputs) -> dict[str, np.ndarray]:
    cols = {"price": np.asarray(inputs.energy_price_usd_per_mwh, dtype=float)}
    cols["adder"] = np.asarray(inputs.import_adder_usd_per_mwh, dtype=float)
    for load in inputs.loads:
        cols[f"load:{load.name}"] = np.asarray(load.demand_mw, dtype=float)
    for p in inputs.products:
        cols[f"as:{p.name}"] = np.asarray(p.price_usd_per_mw_h, dtype=float)
    return {k: v for k, v in cols.items() if float(np.ptp(v)) > 0}


def representative_days(
    inputs: DispatchInputs, n_typical: int = 8, keep_extremes: bool = True
) -> list[RepresentativeDay]:
    """The horizon's representative days with their weights (the weights sum to the horizon's days).

    Each day starts at the case's initial SOC and must end at its end-of-horizon target, as a case
    of one day would. ``n_typical`` typical days are clustered; with ``keep_extremes`` the days holding
    the highest and the lowest energy price are appended as periods of their own (tsam's ``append``;
    each stands for the days tsam assigns it, and each horizon day is counted once).

    Raises:
        ValueError: the horizon is not a whole number of days, or ``n_typical`` < 1.
    """
    if n_typical < 1:
        raise ValueError(f"n_typical must be >= 1, got {n_typical}")
    per_day = round(24.0 / inputs.interval_hours)
    n = inputs.n_intervals
    if per_day * inputs.interval_hours != 24.0 or n % per_day:
        raise ValueError(
            f"representative days need whole days of intervals; {n} intervals of {inputs.interval_hours} h"
        )
    n_days = n // per_day

    def day(d: int, weight: float, extreme: bool = False) -> RepresentativeDay:
        return RepresentativeDay(slice_inputs(inputs, d * per_day, (d + 1) * per_day), d, weight, extreme)

    if n_days <= n_typical + (2 if keep_extremes else 0):
        return [day(d, 1.0) for d in range(n_days)]
    import pandas as pd
    import tsam

    cols = _columns(inputs)
    if not cols:  # every day alike: one day stands for all
        return [day(0, float(n_days))]
    index = pd.date_range("2000-01-01", periods=n, freq=pd.Timedelta(hours=inputs.interval_hours))
    frame = pd.DataFrame(cols, index=index)
    extremes = None
    if keep_extremes and "price" in cols:
        extremes = tsam.ExtremeConfig(method="append", max_value=["price"], min_value=["price"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        logging.getLogger("tsam").setLevel(logging.ERROR)
        result = tsam.aggregate(
            frame,
            n_clusters=n_typical,
            period_duration=24,
            temporal_resolution=inputs.interval_hours,
            cluster=tsam.ClusterConfig(method="hierarchical", representation="medoid"),
            extremes=extremes,
            preserve_column_means=False,
        )
    centers = list(result.clustering.cluster_centers or ())
    extreme_ids = {int(c) for c in result.clustering.extreme_cluster_indices or ()}
    counts = result.cluster_counts
    out = [day(int(centers[c]), float(counts[c]), c in extreme_ids) for c in range(len(centers))]
    total = sum(d.weight_days for d in out)
    if abs(total - n_days) > 1e-6:
        raise ValueError(f"tsam weights sum to {total} days, the horizon has {n_days}")
    return out
