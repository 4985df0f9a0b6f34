"""Constraint families of the dispatch model, one module per component (PyPSA's define_* style)."""

from __future__ import annotations

from dcep_opt._families.balance import define_balance, define_load_variables
from dcep_opt._families.bess import define_bess
from dcep_opt._families.generators import define_generators
from dcep_opt._families.grid import define_grid, define_grid_variables
from dcep_opt._families.reliability import define_n_plus_1
from dcep_opt._families.reserves import define_reserves
from dcep_opt._families.tariff import define_tariff

__all__ = [
    "define_balance",
    "define_bess",
    "define_generators",
    "define_grid",
    "define_grid_variables",
    "define_load_variables",
    "define_n_plus_1",
    "define_reserves",
    "define_tariff",
]
