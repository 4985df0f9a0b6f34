"""An adapter whose facts come from a packaged TOML data file (``markets/data/<market>.toml``)."""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from dcep_iso.base import ISOAdapter, MarketData
from dcep_iso.markets.loader import load_market_data, shipped_data_file


class DataFileAdapter(ISOAdapter):
    """An :class:`ISOAdapter` reading its market facts from ``markets/data/<data_file>``.

    Subclasses only name the file; the loader validates it and every adapter built from it shares
    the parsed, immutable :class:`MarketData`.
    """

    data_file: ClassVar[str]

    @classmethod
    def market_data(cls) -> MarketData:
        """The market's facts (every dated version), read from its data file.

        Raises:
            MarketDataError: the shipped data file is missing or malformed.
        """
        return _load_shipped(cls.data_file)


@cache
def _load_shipped(file_name: str) -> MarketData:
    return load_market_data(shipped_data_file(file_name))
