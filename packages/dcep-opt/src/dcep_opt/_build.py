"""Build the dispatch MILP from :class:`DispatchInputs` (never from a Case): the builder never solves."""

from __future__ import annotations

import time
from dataclasses import dataclass

from dcep_opt._families import (
    define_balance,
    define_bess,
    define_generators,
    define_grid,
    define_grid_variables,
    define_load_variables,
    define_n_plus_1,
    define_reserves,
    define_tariff,
)
from dcep_opt._inputs import DispatchInputs
from dcep_opt._model import DispatchModel, ModelOptions
from dcep_opt._pulprows import gc_paused
from dcep_opt._registry import CONSTRAINT_FAMILIES

__all__ = ["CONSTRAINT_FAMILIES", "BuiltModel", "build_model"]


@dataclass
class BuiltModel:
    """A built model and how long building took (wall-clock and process CPU seconds)."""

    model: DispatchModel
    build_s: float
    build_cpu_s: float = 0.0


def build_model(inputs: DispatchInputs, options: ModelOptions | None = None) -> BuiltModel:
    """Create every variable and constraint family and the objective (maximise net value, USD).

    Raises:
        ValueError: from the polygon helpers if a rating is negative (inputs are validated upstream).
    """
    start, start_cpu = time.perf_counter(), time.process_time()
    with gc_paused():
        m = DispatchModel(inputs, options)
        define_load_variables(m)
        define_grid_variables(m)
        define_bess(m)
        define_generators(m)
        define_balance(m)
        define_grid(m)
        define_reserves(m)
        define_n_plus_1(m)
        define_tariff(m)
        m.finalise()
    return BuiltModel(model=m, build_s=time.perf_counter() - start, build_cpu_s=time.process_time() - start_cpu)
