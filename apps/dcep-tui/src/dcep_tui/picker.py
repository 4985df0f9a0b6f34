"""`o`: a file picker over a folder of case files (JSON), as a modal screen returning the chosen path."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Static


class CaseTree(DirectoryTree):
    """A directory tree showing folders and ``.json`` files only."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        """Folders (except hidden ones) and JSON files."""
        return [p for p in paths if not p.name.startswith(".") and (p.is_dir() or p.suffix.lower() == ".json")]


class CasePicker(ModalScreen[Path | None]):
    """Pick a case file under ``folder``: Enter on a JSON file returns its path, Esc returns None."""

    DEFAULT_CSS = """
    CasePicker { align: center middle; }
    CasePicker > Vertical { width: 80%; height: 80%; border: round $accent; background: $surface; }
    CasePicker #picker-help { height: 1; }
    CasePicker CaseTree { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"Open a case from {self.folder} (Enter opens, Esc cancels)", id="picker-help", markup=False)
            yield CaseTree(self.folder, id="case-tree")

    def on_mount(self) -> None:
        self.query_one(CaseTree).focus()

    @on(DirectoryTree.FileSelected)
    def _chosen(self, event: DirectoryTree.FileSelected) -> None:
        self.dismiss(Path(event.path))

    def action_cancel(self) -> None:
        """Close the picker without choosing."""
        self.dismiss(None)
