"""A valid case built in code (package tests must not read files outside the package)."""

from __future__ import annotations

import copy
from typing import Any

import pytest


def _base_case() -> dict[str, Any]:
    return {
        "name": "unit",
        "iso": "ercot",
        "time": {"start": "2025-08-14T00:00:00", "horizon_hours": 24, "interval_minutes": 15},
        "topology": {
            "poi": {"max_import_mw": 60, "max_export_mw": 20, "rating_mva": 75, "min_power_factor": 0.95},
            "transformers": [{"rating_mva": 80, "count": 2, "redundancy": "N+1"}],
        },
        "resources": {
            "bess": {"power_mw": 25, "energy_mwh": 100, "soc_reserve_frac": 0.25},
            "generators": [{"name": "gas", "count": 4, "p_max_mw": 15, "p_min_mw": 5, "start_time_min": 10}],
            "loads": [{"name": "it", "kind": "critical", "power_mw": 25}],
        },
        "reliability": {"ride_through_minutes": 15},
        "prices": {"base_price_usd_per_mwh": 35, "peak_hours": [17, 18]},
    }


@pytest.fixture
def case_dict() -> dict[str, Any]:
    """A fresh, valid case as a dict (mutate freely)."""
    return copy.deepcopy(_base_case())
