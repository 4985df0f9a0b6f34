"""Every dcep component's version comes from the one VERSION file at the repository root."""

from __future__ import annotations

import importlib
import importlib.metadata
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COMPONENTS = sorted(
    p for base in ("packages", "apps") for p in (ROOT / base).iterdir() if (p / "pyproject.toml").is_file()
)


def test_seven_components() -> None:
    assert len(COMPONENTS) == 7


@pytest.mark.parametrize("path", COMPONENTS, ids=lambda p: p.name)
def test_component_version_is_the_version_file(path: Path) -> None:
    version = (ROOT / "VERSION").read_text().strip()
    meta = tomllib.loads((path / "pyproject.toml").read_text())
    assert "version" not in meta["project"] and meta["project"]["dynamic"] == ["version"]
    assert (path / meta["tool"]["hatch"]["version"]["path"]).resolve() == ROOT / "VERSION"
    assert importlib.metadata.version(path.name) == version
    assert importlib.import_module(path.name.replace("-", "_")).__version__ == version


def test_the_workspace_root_carries_the_same_version() -> None:
    root = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert root["project"]["version"] == (ROOT / "VERSION").read_text().strip()
