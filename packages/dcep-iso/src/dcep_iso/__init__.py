"""dcep-iso: US ISO/RTO market adapters (products as data, intervals, caps) and price series."""

from __future__ import annotations

import importlib.metadata as _metadata

from dcep_iso.base import DEFAULT_AS_OF, ISOAdapter, MarketData, MarketInterval, ReserveRequirement, UnknownProductError
from dcep_iso.four_cp import demand_at, four_cp_charge_usd, import_adder_usd_per_mwh
from dcep_iso.price_csv import PriceDataError, RawSeries, read_price_csv
from dcep_iso.products import ASProduct, DatedProduct, DatedValue, ProductRule, reserve_mwh_per_mw
from dcep_iso.registry import ADAPTERS, adapter_for_case, available_isos, get_iso_adapter, rule_from_spec
from dcep_iso.resample import resample
from dcep_iso.series import PriceSeries, build_price_series
from dcep_iso.summary import ProductLine, product_lines
from dcep_iso.tariff import (
    BillLine,
    DemandCharge,
    TariffError,
    TariffSchedule,
    bill_lines,
    build_tariff,
    load_urdb_rate,
    tariff_schedule,
)

__version__ = _metadata.version("dcep-iso")  # from VERSION, via the package metadata

__all__ = [
    "ADAPTERS",
    "DEFAULT_AS_OF",
    "ASProduct",
    "BillLine",
    "DatedProduct",
    "DatedValue",
    "DemandCharge",
    "ISOAdapter",
    "MarketData",
    "MarketInterval",
    "PriceDataError",
    "PriceSeries",
    "ProductLine",
    "ProductRule",
    "RawSeries",
    "ReserveRequirement",
    "TariffError",
    "TariffSchedule",
    "UnknownProductError",
    "__version__",
    "adapter_for_case",
    "available_isos",
    "bill_lines",
    "build_price_series",
    "build_tariff",
    "demand_at",
    "four_cp_charge_usd",
    "get_iso_adapter",
    "import_adder_usd_per_mwh",
    "load_urdb_rate",
    "product_lines",
    "read_price_csv",
    "resample",
    "reserve_mwh_per_mw",
    "rule_from_spec",
    "tariff_schedule",
]
