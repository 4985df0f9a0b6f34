"""`dcep-tui`: the Textual terminal UI. This first screen is the system overview of a case."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.widgets import DataTable, Footer, Header, Static

from dcep_models import Case, CaseError, load_case
from dcep_tui.overview import overview_rows


class DcepApp(App[None]):
    """The dcep terminal UI for one case."""

    TITLE = "dcep"
    BINDINGS: ClassVar[list[BindingType]] = [("q", "quit", "Quit")]

    def __init__(self, case: Case) -> None:
        super().__init__()
        self.case = case

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"System overview: {self.case.name}", id="title")
        yield DataTable(id="overview", zebra_stripes=True, cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#overview", DataTable)
        table.add_columns("Section", "Item", "Value")
        for row in overview_rows(self.case):
            table.add_row(row.section, row.label, row.value)


def make_app(case_path: str) -> DcepApp:
    """Build the app for a case file (shared by the CLI entry point and the tests).

    Raises:
        CaseError: the case file is missing or invalid.
    """
    return DcepApp(load_case(case_path))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``dcep-tui CASE``; bad input exits 2 without a traceback."""
    parser = argparse.ArgumentParser(prog="dcep-tui", description="dcep terminal UI")
    parser.add_argument("case", help="case JSON file")
    args = parser.parse_args(argv)
    try:
        app = make_app(args.case)
    except CaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    app.run()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
