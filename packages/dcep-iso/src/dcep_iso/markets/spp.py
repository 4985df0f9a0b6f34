"""SPP: the adapter; its facts live in ``data/spp.toml`` (reference source keys SP1-SP5, S1)."""

from __future__ import annotations

from dcep_iso.markets.adapter import DataFileAdapter


class SPPAdapter(DataFileAdapter):
    """SPP Integrated Marketplace: RTBM 5-min, hourly day-ahead."""

    data_file = "spp.toml"
