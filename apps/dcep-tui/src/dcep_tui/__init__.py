"""dcep-tui: the Textual terminal UI of dcep."""

from __future__ import annotations

from dcep_tui.app import DcepApp, main, make_app
from dcep_tui.economics_data import EconomicsData, economics_data, format_usd, net_value_by_interval_usd
from dcep_tui.electrical_data import ElectricalData, electrical_data
from dcep_tui.explain_data import binding_frequency, binding_limits, interval_facts
from dcep_tui.overview import OverviewRow, overview_rows, ride_through_minutes_at_floor
from dcep_tui.reliability_data import ReliabilityData, ReserveRow, reliability_data, reserve_rows
from dcep_tui.run import RunOutput, explain_solved, run_case
from dcep_tui.sensitivity import PriceScenario, scale_prices
from dcep_tui.series import Series
from dcep_tui.timeline_data import TimelineData, energy_totals_mwh, interval_rows, timeline_data

__version__ = "0.1.0"

__all__ = [
    "DcepApp",
    "EconomicsData",
    "ElectricalData",
    "OverviewRow",
    "PriceScenario",
    "ReliabilityData",
    "ReserveRow",
    "RunOutput",
    "Series",
    "TimelineData",
    "__version__",
    "binding_frequency",
    "binding_limits",
    "economics_data",
    "electrical_data",
    "energy_totals_mwh",
    "explain_solved",
    "format_usd",
    "interval_facts",
    "interval_rows",
    "main",
    "make_app",
    "net_value_by_interval_usd",
    "overview_rows",
    "reliability_data",
    "reserve_rows",
    "ride_through_minutes_at_floor",
    "run_case",
    "scale_prices",
    "timeline_data",
]
