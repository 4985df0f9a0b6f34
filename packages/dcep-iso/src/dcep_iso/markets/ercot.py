"""ERCOT: the adapter; its facts live in ``data/ercot.toml`` (reference source keys S1-S15)."""

from __future__ import annotations

from dcep_iso.markets.adapter import DataFileAdapter


class ERCOTAdapter(DataFileAdapter):
    """ERCOT nodal market: SCED 5-min, 15-min settlement point prices, hourly DAM."""

    data_file = "ercot.toml"
