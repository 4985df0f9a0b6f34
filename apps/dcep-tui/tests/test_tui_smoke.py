"""Every name dcep_tui exports resolves (the package installs and imports on its own)."""

from __future__ import annotations

import dcep_tui


def test_all_exports_resolve():
    missing = [name for name in dcep_tui.__all__ if not hasattr(dcep_tui, name)]
    assert missing == []
    assert dcep_tui.__version__ == "0.1.0"
