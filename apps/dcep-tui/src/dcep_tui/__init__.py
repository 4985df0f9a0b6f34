"""dcep-tui: the Textual terminal UI of dcep."""

from __future__ import annotations

import importlib.metadata as _metadata

from dcep_tui.app import DcepApp, main, make_app
from dcep_tui.economics_data import EconomicsData, economics_data, net_value_by_interval_usd
from dcep_tui.electrical_data import ElectricalData, electrical_binding, electrical_data, rating_text
from dcep_tui.explain_data import binding_at, binding_names, interval_facts
from dcep_tui.money import format_usd_short
from dcep_tui.overview import Headline, OverviewRow, headline, overview_rows, ride_through_minutes_at_floor
from dcep_tui.page_base import CaseLoaded, ResultPage, RunFinished
from dcep_tui.reliability_data import ReliabilityData, ReserveRow, reliability_data, reserve_rows
from dcep_tui.run import RunOutput, explain_solved, run_case
from dcep_tui.sensitivity import PriceScenario, scale_prices
from dcep_tui.series import Series, TimeAxis, time_axis, time_ticks, zoom_slice
from dcep_tui.timeline_data import TimelineData, energy_totals_mwh, interval_rows, timeline_data

__version__ = _metadata.version("dcep-tui")  # from VERSION, via the package metadata

__all__ = [
    "CaseLoaded",
    "DcepApp",
    "EconomicsData",
    "ElectricalData",
    "Headline",
    "OverviewRow",
    "PriceScenario",
    "ReliabilityData",
    "ReserveRow",
    "ResultPage",
    "RunFinished",
    "RunOutput",
    "Series",
    "TimeAxis",
    "TimelineData",
    "__version__",
    "binding_at",
    "binding_names",
    "economics_data",
    "electrical_binding",
    "electrical_data",
    "energy_totals_mwh",
    "explain_solved",
    "format_usd_short",
    "headline",
    "interval_facts",
    "interval_rows",
    "main",
    "make_app",
    "net_value_by_interval_usd",
    "overview_rows",
    "rating_text",
    "reliability_data",
    "reserve_rows",
    "ride_through_minutes_at_floor",
    "run_case",
    "scale_prices",
    "time_axis",
    "time_ticks",
    "timeline_data",
    "zoom_slice",
]
