"""PJM: the adapter; its facts live in ``data/pjm.toml`` (reference source keys P1-P8, S1, X1)."""

from __future__ import annotations

from dcep_iso.markets.adapter import DataFileAdapter


class PJMAdapter(DataFileAdapter):
    """PJM: 5-min real-time dispatch and settlement since 1 Apr 2018, hourly day-ahead."""

    data_file = "pjm.toml"
