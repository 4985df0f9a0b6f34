"""A small GENERIC case shared by the CLI tests (4 MW critical load, 5 MW / 20 MWh battery, 4 h of 1 h)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

_SMALL_CASE: dict[str, Any] = {
    "name": "cli small",
    "iso": "GENERIC",
    "time": {"start": "2025-08-14T00:00:00-05:00", "horizon_hours": 4, "interval_minutes": 60},
    "topology": {"poi": {"max_import_mw": 20, "max_export_mw": 10, "rating_mva": 25}},
    "resources": {
        "bess": {"power_mw": 5, "energy_mwh": 20, "soc_reserve_frac": 0.25, "degradation_cost_usd_per_mwh": 0},
        "loads": [{"name": "it", "kind": "critical", "power_mw": 4, "power_factor": 1.0}],
    },
    "reliability": {"ride_through_minutes": 15, "generator_redundancy": "N"},
    "prices": {
        "base_price_usd_per_mwh": 30,
        "peak_hours": [2, 3],
        "peak_multiplier": 3.0,
        "offpeak_hours": [0, 1],
        "offpeak_multiplier": 0.5,
    },
}


@pytest.fixture
def small_case() -> dict[str, Any]:
    """A fresh copy of the small case (mutate freely)."""
    return copy.deepcopy(_SMALL_CASE)


@pytest.fixture
def write_case(tmp_path: Path) -> Callable[[dict[str, Any]], Path]:
    """Factory: write a case dict to ``tmp_path/case.json`` and return the path."""

    def write(case: dict[str, Any]) -> Path:
        path = tmp_path / "case.json"
        path.write_text(json.dumps(case))
        return path

    return write
