"""A dispatch report a lender can open: one self-contained HTML file (no server, no network).

``write_html_report`` is what ``dcep report CASE --html out.html`` and the TUI's report key call;
``render_html_report`` returns the text. The page holds the six TUI pages' content: overview
headline, electrical feasibility (AC screen), dispatch timeline, reliability and reserves, economics,
decision explainer, plus assumptions and data sources. Charts are inline SVG drawn by a small inline
script (zoom by dragging, hover for values, dates in the case's time zone).
"""

from __future__ import annotations

from dcep_cli.report._facts import ReportFacts, solve_for_report
from dcep_cli.report._html import SECTION_IDS, render_html_report, write_html_report

__all__ = ["SECTION_IDS", "ReportFacts", "render_html_report", "solve_for_report", "write_html_report"]
