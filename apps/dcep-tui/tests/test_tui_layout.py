"""Every page fits the terminal: the screen itself never scrolls, so the status line stays in view."""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Static, TabbedContent

from dcep_tui import DcepApp, make_app

SIZES = [(80, 24), (120, 35), (160, 50)]
PAGES = ["overview", "electrical", "timeline", "reliability", "economics", "explain"]


def _screen_facts(app: DcepApp) -> dict[str, object]:
    screen = app.screen
    status = app.query_one("#status", Static)
    return {
        "virtual_height": screen.virtual_size.height,
        "height": screen.size.height,
        "virtual_width": screen.virtual_size.width,
        "width": screen.size.width,
        "scrollbar": screen.show_vertical_scrollbar or screen.show_horizontal_scrollbar,
        "max_scroll_y": screen.max_scroll_y,
        "status_in_view": screen.region.contains_region(status.region)
        and app.query_one("#statusbar").region.contains_region(status.region),
        "status_row": status.region.y,
        "status": str(status.content),
    }


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_no_page_scrolls_the_screen(small_case_path, size):
    app = make_app(small_case_path)
    seen: dict[str, dict[str, object]] = {}

    async def run() -> None:
        async with app.run_test(size=size) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            tabs = app.query_one("#pages", TabbedContent)
            for key, page in zip("123456", PAGES, strict=True):
                await pilot.press(key)
                await pilot.pause()
                assert tabs.active == f"tab-{page}"
                seen[page] = _screen_facts(app)

    asyncio.run(run())
    for page, facts in seen.items():
        assert facts["virtual_height"] <= facts["height"], (page, facts)
        assert facts["virtual_width"] <= facts["width"], (page, facts)
        assert not facts["scrollbar"] and facts["max_scroll_y"] == 0, (page, facts)
        # the status line is the row under the header, in view, and says how the solve went
        assert facts["status_in_view"] and facts["status_row"] == 1, (page, facts)
        assert str(facts["status"]).startswith("optimal: 16 intervals solved"), (page, facts)


def test_infeasible_diagnosis_stays_in_view_at_80x24(infeasible_case_path):
    app = make_app(infeasible_case_path)
    seen: dict[str, object] = {}

    async def run() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            seen.update(_screen_facts(app))

    asyncio.run(run())
    assert seen["virtual_height"] <= seen["height"] and seen["status_in_view"]
    assert str(seen["status"]).startswith("No schedule: solver status infeasible") and "n1-cover" in str(seen["status"])
