"""Every name dcep_tui exports resolves (the package installs and imports on its own)."""

from __future__ import annotations

import importlib.metadata

import dcep_tui


def test_all_exports_resolve():
    missing = [name for name in dcep_tui.__all__ if not hasattr(dcep_tui, name)]
    assert missing == []
    # the version is the installed metadata (read from the repository's VERSION at build time), never typed here
    assert dcep_tui.__version__ == importlib.metadata.version("dcep-tui")
