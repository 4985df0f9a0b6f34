"""The market adapters: one thin class per market; each market's facts live in ``data/<market>.toml``."""

from __future__ import annotations

from dcep_iso.markets.adapter import DataFileAdapter
from dcep_iso.markets.loader import MarketDataError, load_market_data, shipped_data_file

__all__ = ["DataFileAdapter", "MarketDataError", "load_market_data", "shipped_data_file"]
