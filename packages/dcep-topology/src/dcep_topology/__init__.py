"""dcep-topology: electrical limits, pandapower networks and screening for dcep."""

from __future__ import annotations

from dcep_topology.linear import mva_polygon, mva_polygon_error, pf_q_limit_ratio, polygon_apparent_power_mva

__version__ = "0.1.0"

__all__ = ["__version__", "mva_polygon", "mva_polygon_error", "pf_q_limit_ratio", "polygon_apparent_power_mva"]
