"""The HTML report in a real headless browser (Debian's chromium driven by Playwright for Python).

Run by ``nox -s report_browser`` (in CI by default): chromium comes from apt (``.ci/run``), never
downloaded by Playwright. The page must load with no console errors or page errors, show every
section, draw every chart, answer a hover with the interval's local time, and zoom on a drag.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from dcep_cli.main import main
from dcep_cli.report import SECTION_IDS

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("DCEP_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "seed.html"
    assert main(["report", str(ROOT / "cases" / "ercot_50mw.json"), "--html", str(out), "-q"]) == 0
    return out


def test_report_in_headless_chromium(report: Path) -> None:
    problems: list[str] = []
    requests: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on(
            "console",
            lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None,
        )
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(report.as_uri())
        page.wait_for_selector("body[data-charts-ready]")
        n_charts = int(page.get_attribute("body", "data-charts-ready") or 0)
        assert n_charts == 6  # supply, price, SOC, reserves, AC MVA, AC voltage
        for section in SECTION_IDS:
            box = page.locator(f"section#{section}")
            assert box.is_visible(), section
            assert box.bounding_box()["height"] > 60, section  # type: ignore[index]
        drawn = page.eval_on_selector_all("div.chart svg", "els => els.map(e => e.querySelectorAll('.series').length)")
        assert len(drawn) == 6 and all(k >= 1 for k in drawn), drawn

        supply = page.locator("#chart-supply svg")
        box = supply.bounding_box()
        assert box is not None
        supply.hover(position={"x": box["width"] * 0.5, "y": box["height"] * 0.5})
        tip = page.locator("#chart-supply .chart-tip")
        assert tip.is_visible()
        assert "2025-08-14" in tip.inner_text() and "CDT" in tip.inner_text() and "Grid import" in tip.inner_text()

        first_tick = lambda: page.eval_on_selector(  # noqa: E731
            "#chart-supply svg", "s => Array.from(s.querySelectorAll('text.tick')).map(t => t.textContent)"
        )
        before = first_tick()
        box = supply.bounding_box()  # after the hover scrolled it into view
        assert box is not None
        page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.5)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.5, steps=5)
        page.mouse.up()
        zoomed = first_tick()
        assert zoomed != before  # the x axis now spans the dragged window
        page.dblclick("#chart-supply svg")
        assert first_tick() == before

        page.screenshot(path=str(report.with_suffix(".png")), full_page=True)
        browser.close()
    assert problems == [], problems
    assert [u for u in requests if not u.startswith("file://")] == []
    print(json.dumps({"screenshot": str(report.with_suffix(".png")), "charts": n_charts}))


def test_day_button_zooms_a_two_day_report_to_one_day(tmp_path: Path) -> None:
    case = json.loads((ROOT / "cases" / "ercot_50mw.json").read_text())
    case["time"]["horizon_hours"] = 48
    path = tmp_path / "two_days.json"
    path.write_text(json.dumps(case))
    out = tmp_path / "two_days.html"
    assert main(["report", str(path), "--html", str(out), "-q"]) == 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(out.as_uri())
        page.wait_for_selector("body[data-charts-ready]")
        ticks = (
            "s => Array.from(s.querySelectorAll('text.tick')).map(t => t.textContent)"
            ".filter(t => /^\\d\\d-\\d\\d /.test(t))"
        )
        whole = page.eval_on_selector("#chart-price svg", ticks)
        assert whole[0] == "08-14 00:00" and any(t.startswith("08-15") for t in whole), whole
        page.click("#chart-price button:has-text('Day')")
        day = page.eval_on_selector("#chart-price svg", ticks)
        assert day[0] == "08-14 00:00" and all(t.startswith("08-14") for t in day), day  # 24 h from the start
        browser.close()
    assert errors == []
