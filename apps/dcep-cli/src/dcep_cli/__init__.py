"""dcep-cli."""

from __future__ import annotations

import importlib.metadata as _metadata

__version__ = _metadata.version("dcep-cli")  # from VERSION, via the package metadata

__all__ = ["__version__"]
