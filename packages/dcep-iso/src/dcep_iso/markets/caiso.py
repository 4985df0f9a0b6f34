"""CAISO: the adapter; its facts live in ``data/caiso.toml`` (reference source keys C1-C5, S1)."""

from __future__ import annotations

from dcep_iso.markets.adapter import DataFileAdapter


class CAISOAdapter(DataFileAdapter):
    """CAISO: IFM hourly, FMM 15-min, RTD 5-min."""

    data_file = "caiso.toml"
