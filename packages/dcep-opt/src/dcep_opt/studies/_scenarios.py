"""Scenario lists for sweeps: linked parameters (``--link``) and scenario tables (a CSV file).

``--set`` values combine as a grid (every combination, :func:`dcep_opt.grid_overrides`); ``--link``
values move together (the k-th value of every linked path forms scenario k), e.g. a battery's power
and its PCS rating; a scenario table names the paths in its header and gives one scenario per row.
:func:`combine_overrides` crosses such lists (every scenario of one with every scenario of the next).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dcep_models import CaseError, CaseIssue, parse_path
from dcep_opt.studies._sweep import Overrides


def linked_overrides(sets: Sequence[tuple[str, list[Any]]]) -> list[Overrides]:
    """Scenario k sets every path to its k-th value (the lists move together).

    Raises:
        CaseError: (path ``--link``) the value lists differ in length.
    """
    if not sets:
        return []
    lengths = {path: len(values) for path, values in sets}
    if len(set(lengths.values())) != 1:
        detail = ", ".join(f"{p}: {n}" for p, n in lengths.items())
        raise CaseError([CaseIssue("--link", f"linked paths need the same number of values, got {detail}")])
    return [dict(zip(lengths, combo, strict=True)) for combo in zip(*(v for _, v in sets), strict=True)]


def _cell(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text.strip()


def table_overrides(path: str | Path) -> list[Overrides]:
    """One scenario per data row of a CSV file whose header row names the dotted case paths.

    Cells are read as JSON (numbers, ``true``, ``null``), otherwise kept as text; an empty cell
    leaves that path at the case's value.

    Raises:
        CaseError: (path ``--table``) the file cannot be read, has no header or no rows, a header is
            not a case path, or a row has a different number of cells (with its line number).
    """
    where = f"--table {path}"
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CaseError([CaseIssue(where, f"cannot read: {exc.strerror or exc}")]) from exc
    rows = list(csv.reader(io.StringIO(text)))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if len(rows) < 2:
        raise CaseError([CaseIssue(where, "needs a header row of case paths and at least one scenario row")])
    header = [h.strip() for h in rows[0]]
    for h in header:
        parse_path(h)
    out = []
    issues = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            issues.append(CaseIssue(where, f"row {line} has {len(row)} cells, the header {len(header)}"))
            continue
        out.append({h: _cell(c) for h, c in zip(header, row, strict=True) if c.strip()})
    if issues:
        raise CaseError(issues)
    return out


def combine_overrides(*lists: list[Overrides]) -> list[Overrides]:
    """Every combination of one scenario from each non-empty list (later lists vary fastest).

    A path set by two lists takes the later list's value.
    """
    out: list[Overrides] = [{}]
    for scenarios in lists:
        if scenarios:
            out = [{**a, **b} for a in out for b in scenarios]
    return out if any(lists) else []
