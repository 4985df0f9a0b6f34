"""MISO: the adapter; its facts live in ``data/miso.toml`` (reference source keys M1-M8, S1)."""

from __future__ import annotations

from dcep_iso.markets.adapter import DataFileAdapter


class MISOAdapter(DataFileAdapter):
    """MISO: 5-min real-time dispatch and settlement (since 1 Jul 2018), hourly day-ahead."""

    data_file = "miso.toml"
