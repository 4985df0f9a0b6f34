"""ISO-NE: the adapter; its facts live in ``data/isone.toml`` (reference source keys I1-I5, S1)."""

from __future__ import annotations

from dcep_iso.markets.adapter import DataFileAdapter


class ISONEAdapter(DataFileAdapter):
    """ISO-NE: 5-min pricing and settlement since 1 Mar 2017, hourly day-ahead."""

    data_file = "isone.toml"
