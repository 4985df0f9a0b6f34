"""GENERIC: a market with no facts of its own; every parameter comes from the case file."""

from __future__ import annotations

from dcep_iso.markets.adapter import DataFileAdapter


class GenericAdapter(DataFileAdapter):
    """A configurable market: products, intervals and caps from ``case.market``.

    Without overrides (``data/generic.toml``) it offers no products, runs 5-min dispatch and
    settlement with an hourly day-ahead market, and flags no price as out of range.
    """

    data_file = "generic.toml"
