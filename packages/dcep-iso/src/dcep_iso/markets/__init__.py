"""One module per market: its facts as data."""

from __future__ import annotations

__all__: list[str] = []
