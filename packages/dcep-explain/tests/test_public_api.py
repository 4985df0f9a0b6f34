"""Every name in __all__ resolves."""

from __future__ import annotations

import importlib.metadata

import dcep_explain


def test_all_names_resolve():
    assert [n for n in dcep_explain.__all__ if not hasattr(dcep_explain, n)] == []
    # the version is the installed metadata (read from the repository's VERSION at build time), never typed here
    assert dcep_explain.__version__ == importlib.metadata.version("dcep-explain")
