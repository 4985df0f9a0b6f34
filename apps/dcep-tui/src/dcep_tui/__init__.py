"""dcep-tui: the Textual terminal UI of dcep."""

from __future__ import annotations

from dcep_tui.app import DcepApp, main, make_app
from dcep_tui.overview import OverviewRow, overview_rows, ride_through_minutes_at_floor

__version__ = "0.1.0"

__all__ = [
    "DcepApp",
    "OverviewRow",
    "__version__",
    "main",
    "make_app",
    "overview_rows",
    "ride_through_minutes_at_floor",
]
