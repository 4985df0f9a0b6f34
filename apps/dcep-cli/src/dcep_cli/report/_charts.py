"""Chart specifications (plain dicts, JSON-ready) for the report's inline script, and the
economics bar chart drawn here as static SVG (signed bars from a zero line, money ticks)."""

from __future__ import annotations

import math
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from dcep_models import format_usd

if TYPE_CHECKING:
    from dcep_cli.report._facts import ReportFacts

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f")
#: Economics lines that are revenue (the rest are costs and count against the net value).
REVENUE_LINES = ("Energy Revenue", "AS Revenue")


def time_axis(starts: list[str], zone: str) -> tuple[list[int], list[str]]:
    """Epoch milliseconds and ``YYYY-MM-DD HH:MM TZ`` labels in the case's zone for each interval start."""
    tz = ZoneInfo(zone)
    stamps = [datetime.fromisoformat(s) for s in starts]
    return [round(s.timestamp() * 1000) for s in stamps], [
        s.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z") for s in stamps
    ]


def _round(values: Any, digits: int = 3) -> list[float]:
    return [round(float(v), digits) for v in values]


def _spec(
    title: str, unit: str, facts: ReportFacts, series: list[dict[str, Any]], stacked: bool, zero: bool = True
) -> dict[str, Any]:
    """A chart for chart.js; ``zero`` keeps 0 on the y axis (off for per-unit voltages)."""
    x, labels = time_axis(facts.result.interval_starts, facts.case.time.timezone)
    for i, s in enumerate(series):
        s.setdefault("color", PALETTE[i % len(PALETTE)])
    return {"title": title, "unit": unit, "x": x, "labels": labels, "stacked": stacked, "zero": zero, "series": series}


def timeline_specs(facts: ReportFacts) -> dict[str, dict[str, Any]]:
    """Supply vs load (stacked areas, MW), prices ($/MWh) and battery SOC (MWh) over the horizon."""
    ts = facts.result.timeseries
    n = facts.result.n_intervals
    zero = [0.0] * n
    supply = [{"name": "Grid import", "values": _round(ts.get("grid_import_mw", zero)), "kind": "area"}]
    supply.append({"name": "BESS discharge", "values": _round(ts.get("bess_discharge_mw", zero)), "kind": "area"})
    for fleet in facts.inputs.fleets:
        supply.append({"name": f"Gen {fleet.name}", "values": _round(ts[f"gen_{fleet.name}_mw"]), "kind": "area"})
    served = [
        float(d) - float(s) - float(u)
        for d, s, u in zip(
            ts["demand_total_mw"], ts.get("shed_total_mw", zero), ts.get("unserved_critical_mw", zero), strict=True
        )
    ]
    uses = [
        sv + float(c) + float(e)
        for sv, c, e in zip(served, ts.get("bess_charge_mw", zero), ts.get("grid_export_mw", zero), strict=True)
    ]
    supply.append({"name": "Load served", "values": _round(served), "kind": "line", "color": "#000000"})
    supply.append(
        {"name": "Load + charge + export", "values": _round(uses), "kind": "line", "color": "#555555", "dash": "6 4"}
    )
    specs = {"chart-supply": _spec("Supply (stacked) vs load, MW", "MW", facts, supply, stacked=True)}
    prices = [{"name": "Energy price", "values": _round(ts["energy_price_usd_per_mwh"], 2), "kind": "line"}]
    if "import_adder_usd_per_mwh" in ts and any(ts["import_adder_usd_per_mwh"]):
        prices.append({"name": "Import adder", "values": _round(ts["import_adder_usd_per_mwh"], 2), "kind": "line"})
    specs["chart-price"] = _spec("Energy price, $/MWh", "$/MWh", facts, prices, stacked=False)
    if facts.inputs.battery is not None:
        soc = [{"name": "State of charge", "values": _round(ts["bess_soc_mwh"]), "kind": "line"}]
        soc.append(
            {"name": "Ride-through floor", "values": _round(ts["bess_floor_mwh"]), "kind": "line", "dash": "6 4"}
        )
        specs["chart-soc"] = _spec("Battery state of charge (end of interval), MWh", "MWh", facts, soc, stacked=False)
    return specs


def reserve_spec(facts: ReportFacts) -> dict[str, Any] | None:
    """Reserves held per product (stacked, MW), None when the case sells none."""
    ts = facts.result.timeseries
    series = [
        {"name": p.name, "values": _round(ts[f"reserve_{p.name}_mw"]), "kind": "area"}
        for p in facts.inputs.products
        if f"reserve_{p.name}_mw" in ts
    ]
    return _spec("Reserves held by product, MW", "MW", facts, series, stacked=True) if series else None


def screen_specs(facts: ReportFacts) -> dict[str, dict[str, Any]]:
    """AC screen: apparent power at the POI against its rating (MVA), bus voltages (pu)."""
    rep = facts.screening
    if rep is None:
        return {}
    rating = facts.case.topology.poi.rating_mva
    mva = [{"name": "POI apparent power (AC)", "values": _round(rep.poi_s_mva), "kind": "line"}]
    mva.append({"name": "POI rating", "values": [rating] * len(rep.poi_s_mva), "kind": "line", "dash": "6 4"})
    volts = [
        {"name": "POI bus voltage", "values": _round(rep.poi_vm_pu, 4), "kind": "line"},
        {"name": "MV bus voltage", "values": _round(rep.mv_vm_pu, 4), "kind": "line"},
    ]
    return {
        "chart-ac-mva": _spec("AC power flow: POI apparent power, MVA", "MVA", facts, mva, stacked=False),
        "chart-ac-volts": _spec("AC power flow: bus voltages, pu", "pu", facts, volts, stacked=False, zero=False),
    }


def signed_lines(rows: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Each economics line as its contribution to net value: revenue +, cost - (USD)."""
    return [(label, value if label in REVENUE_LINES else -value) for label, value in rows]


def economics_bars_svg(rows: list[tuple[str, float]]) -> str:
    """Horizontal signed bars from a zero line, money ticks; rows are ``(label, contribution USD)``."""
    shown = [(label, v) for label, v in rows if abs(v) >= 0.005]
    if not shown:
        return "<p>No revenue or cost lines.</p>"
    lo, hi = min(0.0, *(v for _, v in shown)), max(0.0, *(v for _, v in shown))
    raw = (hi - lo) / 5 or 1.0
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if raw <= m * mag)
    lo, hi = math.floor(lo / step) * step, math.ceil(hi / step) * step
    width, left, right, row_h, top = 900, 170, 50, 26, 10
    height = top + row_h * len(shown) + 30

    def px(v: float) -> float:
        return left + (v - lo) / ((hi - lo) or 1) * (width - left - right)

    out = [f'<svg class="bars" viewBox="0 0 {width} {height}" role="img" aria-label="Economics by line">']
    tick = lo
    while tick <= hi + step / 2:
        x = px(tick)
        cls = "zero" if abs(tick) < step / 1e6 else "grid"
        out.append(f'<line class="{cls}" x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{height - 26}"/>')
        out.append(
            f'<text class="tick" x="{x:.1f}" y="{height - 10}" text-anchor="middle">{format_usd(tick, 0)}</text>'
        )
        tick += step
    for i, (label, v) in enumerate(shown):
        y = top + i * row_h
        x0, x1 = sorted((px(0.0), px(v)))
        color = "#2ca02c" if v >= 0 else "#d62728"
        out.append(f'<text class="tick" x="{left - 8}" y="{y + 17}" text-anchor="end">{escape(label)}</text>')
        out.append(
            f'<rect x="{x0:.1f}" y="{y + 4}" width="{max(x1 - x0, 1):.1f}" height="{row_h - 8}" fill="{color}">'
            f"<title>{escape(label)}: {format_usd(v)}</title></rect>"
        )
    out.append("</svg>")
    return "".join(out)
