"""Small in-memory cases and CSV writers shared by the dcep-iso tests."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from dcep_models import Case, parse_case

BASE: dict[str, Any] = {
    "name": "iso test site",
    "iso": "ERCOT",
    "time": {"start": "2025-08-14T00:00:00", "timezone": "America/Chicago", "horizon_hours": 2, "interval_minutes": 15},
    "topology": {"poi": {"max_import_mw": 20, "max_export_mw": 10, "rating_mva": 25}},
    "resources": {
        "bess": {"power_mw": 10, "energy_mwh": 40},
        "loads": [{"name": "it", "kind": "critical", "power_mw": 8}],
    },
    "prices": {"base_price_usd_per_mwh": 30.0},
}


def _make_case(tmp_path: Path | None = None, **sections: Any) -> Case:
    """BASE with top-level sections replaced (``time`` and ``prices`` are merged)."""
    data = copy.deepcopy(BASE)
    for key, value in sections.items():
        if key in ("time", "prices") and isinstance(value, dict):
            merged = {**data[key], **value}
            if key == "prices" and ("energy_csv" in value):
                merged.pop("base_price_usd_per_mwh", None)
            data[key] = merged
        else:
            data[key] = value
    return parse_case(data, base_dir=tmp_path)


def _write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    """Write a small CSV (header + rows) and return its path."""
    lines = [",".join(header)] + [",".join(str(c) for c in r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def make_case():
    """Build a case from BASE with sections replaced: ``make_case(tmp_path, iso="PJM", ...)``."""
    return _make_case


@pytest.fixture
def write_csv():
    """Write a CSV: ``write_csv(path, header, rows) -> path``."""
    return _write_csv
