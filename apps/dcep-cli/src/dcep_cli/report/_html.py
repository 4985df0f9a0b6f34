"""The report page: sections as HTML strings, one inline stylesheet, one inline script, no links out."""

from __future__ import annotations

import json
from datetime import datetime
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

from dcep_cli.report import _sections as sec
from dcep_cli.report._charts import reserve_spec, screen_specs, timeline_specs
from dcep_cli.report._facts import ReportFacts

#: Section ids in page order (the six TUI pages plus assumptions); the browser test checks each.
SECTION_IDS: tuple[str, ...] = (
    "overview",
    "electrical",
    "timeline",
    "reliability",
    "economics",
    "explainer",
    "assumptions",
)
_TITLES = {
    "overview": "1 Overview",
    "electrical": "2 Electrical feasibility (AC screen)",
    "timeline": "3 Dispatch timeline",
    "reliability": "4 Reliability and reserves",
    "economics": "5 Economics",
    "explainer": "6 Decision explainer (binding limits)",
    "assumptions": "Assumptions and data sources",
}

_STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header{background:#16324f;color:#fff;padding:16px 28px}header h1{margin:0 0 4px;font-size:22px}
nav{padding:6px 28px;background:#e8eef4;position:sticky;top:0;z-index:2}nav a{margin-right:14px;color:#16324f}
main{padding:0 28px 40px;max-width:1100px}section{background:#fff;border:1px solid #dde3ea;border-radius:6px;
padding:8px 18px 14px;margin:18px 0}h2{font-size:18px;margin:8px 0 10px;color:#16324f}
table{border-collapse:collapse;margin:6px 0}td,th{padding:3px 10px;border-bottom:1px solid #eee;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}.headline{display:flex;flex-wrap:wrap;gap:10px}
.tile{border:1px solid #dde3ea;border-radius:6px;padding:8px 12px;min-width:150px}.tile b{display:block;font-size:18px}
.ok{color:#1a7f37}.bad{color:#c62828}.note{color:#555}.chart{position:relative;margin:10px 0 16px}
.chart svg{width:100%;height:auto;user-select:none}.chart-bar{display:flex;gap:8px;align-items:center}
.chart-title{font-weight:600;margin-right:auto}.chart-bar button{font-size:12px}
.chart-tip{position:absolute;top:28px;background:#fff;border:1px solid #999;padding:4px 8px;white-space:pre;
font-size:12px;pointer-events:none;box-shadow:0 1px 4px rgba(0,0,0,.2)}
.chart-legend span{margin-right:14px;font-size:12px}
.chart-legend i{display:inline-block;width:12px;height:10px;margin-right:4px}
svg .grid{stroke:#e3e3e3}svg .zero{stroke:#333;stroke-width:1.5}svg .axis{stroke:#666}svg .frame{fill:none;stroke:#bbb}
svg .cursor{stroke:#888;stroke-dasharray:3 3}svg .tick{font-size:11px;fill:#444}
"""


def _chart(spec_id: str, spec: dict[str, Any]) -> str:
    data = json.dumps(spec, separators=(",", ":")).replace("</", "<\\/")
    return (
        f'<script id="{spec_id}-data" type="application/json">{data}</script>'
        f'<div class="chart" id="{spec_id}" data-spec="{spec_id}-data"></div>'
    )


def _section(key: str, body: str) -> str:
    return f'<section id="{key}"><h2>{escape(_TITLES[key])}</h2>{body}</section>'


def render_html_report(facts: ReportFacts) -> str:
    """The whole report as one HTML document (inline CSS, data and script; nothing fetched)."""
    result = facts.result
    has_schedule = result.solver.has_solution and bool(result.timeseries)
    timeline = timeline_specs(facts) if has_schedule else {}
    screens = screen_specs(facts) if has_schedule else {}
    reserves = reserve_spec(facts) if has_schedule else None
    charts_timeline = "".join(_chart(k, v) for k, v in timeline.items())
    charts_ac = "".join(_chart(k, v) for k, v in screens.items())
    chart_reserve = _chart("chart-reserves", reserves) if reserves else ""
    bodies = {
        "overview": sec.overview(facts),
        "electrical": sec.electrical(facts) + charts_ac,
        "timeline": (charts_timeline or "<p>No schedule to plot.</p>") + sec.timeline_notes(facts),
        "reliability": sec.reliability(facts) + chart_reserve,
        "economics": sec.economics(facts),
        "explainer": sec.explainer(facts),
        "assumptions": sec.assumptions(facts),
    }
    script = resources.files("dcep_cli.report").joinpath("chart.js").read_text(encoding="utf-8")
    nav = "".join(f'<a href="#{k}">{escape(_TITLES[k])}</a>' for k in SECTION_IDS)
    made = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    t = facts.case.time
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<title>dcep report: {escape(facts.case.name)}</title><style>{_STYLE}</style></head><body>"
        f"<header><h1>{escape(facts.case.name)}</h1><div>{escape(facts.case.iso)} | "
        f"{t.start_aware:%Y-%m-%d %H:%M %Z} | {t.horizon_hours:g} h at {t.interval_minutes} min | "
        f"report made {escape(made)} by dcep</div></header>"
        f"<nav>{nav}</nav><main>"
        + "".join(_section(k, bodies[k]) for k in SECTION_IDS)
        + f"</main><script>{script}</script></body></html>\n"
    )


def write_html_report(path: str | Path, facts: ReportFacts) -> Path:
    """Write the report to ``path`` atomically and return it.

    Raises:
        OSError: the folder is missing or not writable (nothing is left behind).
    """
    from dcep_cli.atomic import write_text_atomic

    write_text_atomic(path, render_html_report(facts))
    return Path(path)
