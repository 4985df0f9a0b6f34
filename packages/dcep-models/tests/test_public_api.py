"""Every name in __all__ resolves (the package's public surface is importable)."""

from __future__ import annotations

import importlib.metadata

import dcep_models


def test_all_names_resolve():
    missing = [name for name in dcep_models.__all__ if not hasattr(dcep_models, name)]
    assert missing == []
    # the version is the installed metadata (read from the repository's VERSION at build time), never typed here
    assert dcep_models.__version__ == importlib.metadata.version("dcep-models")
