"""Browser tests need Playwright and a chromium binary: the `report_browser` nox session installs both
(chromium from apt in .ci/run). Elsewhere (e.g. `pytest tests` in the crosstests session) they are not
collected, rather than failing on the import; that session checks the report structurally instead."""

from __future__ import annotations

import importlib.util

collect_ignore_glob = [] if importlib.util.find_spec("playwright") is not None else ["test_*.py"]
