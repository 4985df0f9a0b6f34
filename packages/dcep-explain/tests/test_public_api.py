"""Every name in __all__ resolves."""

from __future__ import annotations

import dcep_explain


def test_all_names_resolve():
    assert [n for n in dcep_explain.__all__ if not hasattr(dcep_explain, n)] == []
    assert dcep_explain.__version__ == "0.1.0"
