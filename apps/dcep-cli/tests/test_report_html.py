"""`dcep report --html`: one self-contained HTML file with every section, checked by parsing it.

The figures in the page are compared with the dispatch result and with hand sums; nothing is fetched
(no src/href to another origin, no external script or stylesheet). The headless-browser check is in
tests/browser (nox -s report_browser).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from itertools import pairwise
from typing import Any

import pytest

from dcep_cli.main import main
from dcep_cli.report import SECTION_IDS, render_html_report, solve_for_report
from dcep_cli.report._charts import REVENUE_LINES, signed_lines, time_axis
from dcep_cli.run_summary import economics_rows
from dcep_models import format_usd, parse_case

CASE: dict[str, Any] = {
    "name": "report small",
    "iso": "ERCOT",
    "time": {"start": "2025-08-14T00:00:00", "timezone": "America/Chicago", "horizon_hours": 4, "interval_minutes": 60},
    "topology": {
        "poi": {"max_import_mw": 20, "max_export_mw": 10, "rating_mva": 25, "voltage_kv": 138},
        "transformers": [
            {"name": "T1", "hv_kv": 138, "mv_kv": 34.5, "rating_mva": 30, "impedance_pct": 8, "resistance_pct": 0.3}
        ],
    },
    "resources": {
        "bess": {"power_mw": 5, "energy_mwh": 20, "soc_reserve_frac": 0.25},
        "generators": [
            {
                "name": "gas",
                "count": 2,
                "p_max_mw": 3,
                "p_min_mw": 1,
                "heat_rate_mmbtu_per_mwh": 9.5,
                "fuel_price_usd_per_mmbtu": 3.5,
                "start_time_min": 10,
            }
        ],
        "loads": [{"name": "it", "kind": "critical", "power_mw": 4}],
    },
    "reliability": {"ride_through_minutes": 15},
    "prices": {
        "base_price_usd_per_mwh": 30,
        "peak_hours": [2, 3],
        "peak_multiplier": 3.0,
        "as_prices_usd_per_mw_h": {"REGUP": 6.0},
    },
}


class _Page(HTMLParser):
    """Collects ids, tags, attributes pointing elsewhere, scripts and text."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, str] = {}
        self.tags: list[str] = []
        self.links: list[str] = []
        self.json_blocks: dict[str, str] = {}
        self.text: list[str] = []
        self._in_json: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        if a.get("id"):
            self.ids[a["id"] or ""] = tag
        for key in ("src", "href"):
            if a.get(key) and not (a[key] or "").startswith("#"):
                self.links.append(a[key] or "")
        if tag == "link":
            self.links.append(str(a))
        if tag == "script" and a.get("type") == "application/json":
            self._in_json = a.get("id")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json = None

    def handle_data(self, data: str) -> None:
        if self._in_json:
            self.json_blocks[self._in_json] = self.json_blocks.get(self._in_json, "") + data
        else:
            self.text.append(data)


@pytest.fixture(scope="module")
def facts():
    return solve_for_report(parse_case(CASE))


@pytest.fixture(scope="module")
def page(facts) -> _Page:
    parser = _Page()
    parser.feed(render_html_report(facts))
    return parser


def test_every_section_is_there_in_order(page):
    assert [i for i in page.ids if i in SECTION_IDS] == list(SECTION_IDS)
    assert all(page.ids[i] == "section" for i in SECTION_IDS)


def test_nothing_is_fetched_from_anywhere(page):
    assert page.links == []
    assert page.tags.count("script") == 1 + len(page.json_blocks)  # one inline script, the rest is data


def test_headline_figures_match_the_result(facts, page):
    text = " ".join(page.text)
    e, r = facts.result.economics, facts.result.reliability
    assert f"Net value{format_usd(e.net_value_usd)}" in text.replace(" ", "").replace("Netvalue", "Net value")
    assert format_usd(e.value_over_baseline_usd) in text
    assert f"{r.unserved_mwh:.3f} MWh" in text
    b = facts.inputs.battery
    final = float(facts.result.timeseries["bess_soc_mwh"][-1])
    assert f"{b.soc_initial_mwh:.1f} -> {final:.1f} MWh" in text
    assert facts.screening is not None and facts.explanation is not None
    assert "$-" not in text


def test_chart_data_are_the_result_in_local_time(facts, page):
    supply = json.loads(page.json_blocks["chart-supply-data"])
    # 4 intervals from local midnight in Chicago (CDT, UTC-5): 05:00 UTC on 2025-08-14
    assert supply["labels"] == [f"2025-08-14 {h:02d}:00 CDT" for h in range(4)]
    assert supply["x"][0] == 1755147600000 and all(b - a == 3_600_000 for a, b in pairwise(supply["x"]))
    by_name = {s["name"]: s["values"] for s in supply["series"]}
    ts = facts.result.timeseries
    assert by_name["Grid import"] == pytest.approx(list(ts["grid_import_mw"]), abs=5e-4)
    # supply stack = load served + charge + export, interval by interval (energy balance, lossless bus)
    stacked = [sum(v[i] for k, v in by_name.items() if k.startswith(("Grid", "BESS", "Gen"))) for i in range(4)]
    assert stacked == pytest.approx(by_name["Load + charge + export"], abs=0.05)
    assert {
        "chart-price-data",
        "chart-soc-data",
        "chart-ac-mva-data",
        "chart-ac-volts-data",
        "chart-reserves-data",
    } <= set(page.json_blocks)


def test_economics_bars_add_up_to_the_net_value(facts):
    lines = signed_lines(economics_rows(facts.result.economics))
    assert {label for label, v in lines if v > 0} <= set(REVENUE_LINES)
    assert sum(v for _, v in lines) == pytest.approx(facts.result.economics.net_value_usd, abs=0.01)


def test_time_axis_across_fall_back_keeps_elapsed_time():
    starts = ["2024-11-03T00:00:00-05:00", "2024-11-03T01:00:00-05:00", "2024-11-03T01:00:00-06:00"]
    x, labels = time_axis(starts, "America/Chicago")
    assert labels == ["2024-11-03 00:00 CDT", "2024-11-03 01:00 CDT", "2024-11-03 01:00 CST"]
    assert [b - a for a, b in pairwise(x)] == [3_600_000, 3_600_000]


def test_cli_writes_the_report_and_refuses_to_overwrite_the_case(tmp_path, capsys):
    case = tmp_path / "case.json"
    case.write_text(json.dumps(CASE))
    before = case.read_bytes()
    assert main(["report", str(case), "--html", str(case), "-q"]) == 2
    assert case.read_bytes() == before
    out = tmp_path / "report.html"
    assert main(["report", str(case), "--html", str(out), "-q"]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    html = out.read_text()
    assert html.startswith("<!DOCTYPE html>") and re.search(r"<section id=\"economics\">", html)


def test_report_of_an_infeasible_case_says_why_in_every_section(tmp_path, capsys):
    data = json.loads(json.dumps(CASE))
    data["topology"]["poi"]["max_import_mw"] = 0  # islanded with 6 MW of gas for a 4 MW load...
    data["resources"]["generators"] = []  # ...and now no gas: the battery must carry 4 h alone
    data["reliability"]["voll_usd_per_mwh"] = 1e6
    data["resources"]["bess"]["soc_final_min_frac"] = 0.95  # and end fuller than it started
    data["reliability"]["final_soc_shortfall_usd_per_mwh"] = None  # as a hard rule (the default is soft)
    case = tmp_path / "case.json"
    case.write_text(json.dumps(data))
    out = tmp_path / "report.html"
    assert main(["report", str(case), "--html", str(out), "-q"]) == 1  # no schedule, report still written
    parser = _Page()
    parser.feed(out.read_text())
    text = " ".join(parser.text)
    assert [i for i in parser.ids if i in SECTION_IDS] == list(SECTION_IDS)
    assert "infeasible" in text and "No schedule to plot." in text and "No schedule, so no economics." in text
    assert parser.json_blocks == {}
