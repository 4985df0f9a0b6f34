"""The files a case reads besides itself (price CSVs, AS series, tariff files, ...).

One rule finds them all: any string field whose name ends in ``_csv``, ``_file``, ``_json`` or
``_path``, anywhere in the case. A new file-valued field named that way is covered without an edit
here; a test walks the schema to hold every such field to the rule.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dcep_models.case import Case

#: Field-name endings that mean "a path to a file, relative to the case file".
FILE_FIELD_SUFFIXES: tuple[str, ...] = ("_csv", "_file", "_json", "_path")


def _walk(node: Any, where: str, out: list[tuple[str, str]]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            path = f"{where}.{key}" if where else str(key)
            if isinstance(value, str) and str(key).endswith(FILE_FIELD_SUFFIXES):
                out.append((path, value))
            else:
                _walk(value, path, out)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            _walk(value, f"{where}[{i}]", out)


def referenced_files(case: Case) -> list[tuple[str, Path]]:
    """Every file the case refers to: ``(JSON path, path resolved against the case's folder)``.

    Example: ``[("prices.energy_csv", Path("/cases/data/ercot_2024.csv"))]``. Files need not exist.
    """
    found: list[tuple[str, str]] = []
    _walk(case.model_dump(mode="json"), "", found)
    return [(path, case.resolve_path(value)) for path, value in found]
