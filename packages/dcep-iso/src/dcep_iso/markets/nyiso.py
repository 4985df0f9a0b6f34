"""NYISO: the adapter; its facts live in ``data/nyiso.toml`` (reference source keys N2-N8, S1)."""

from __future__ import annotations

from dcep_iso.markets.adapter import DataFileAdapter


class NYISOAdapter(DataFileAdapter):
    """NYISO: RTD 5-min, hourly day-ahead; reserves by region (NYCA, EAST, SENY, NYC, LI)."""

    data_file = "nyiso.toml"
