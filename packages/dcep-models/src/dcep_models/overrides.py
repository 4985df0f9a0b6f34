"""Case overrides by dotted JSON path: the one way studies and commands vary a case.

A scenario is a dict ``{dotted path: value}`` applied to the case's JSON form, e.g.
``{"resources.bess.energy_mwh": 200, "resources.generators[0].count": 3}``; the result is validated
again (a bad path or value is a :class:`CaseError` naming the path).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dcep_models.case import Case
from dcep_models.errors import CaseError
from dcep_models.loading import parse_case

__all__ = ["apply_overrides", "case_data", "parse_path", "set_by_path", "with_overrides"]

_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def parse_path(path: str) -> list[str | int]:
    """Split ``resources.generators[0].count`` into ``["resources", "generators", 0, "count"]``.

    Raises:
        CaseError: an empty or malformed path.
    """
    parts: list[str | int] = []
    pos = 0
    text = path.strip()
    while pos < len(text):
        if text[pos] == "." and parts:
            pos += 1
        m = _TOKEN.match(text, pos)
        if m is None:
            raise CaseError.single(path, f"malformed override path at character {pos + 1}")
        parts.append(int(m.group(2)) if m.group(2) is not None else m.group(1))
        pos = m.end()
    if not parts or not isinstance(parts[0], str):
        raise CaseError.single(path, "override path must start with a field name")
    return parts


def set_by_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set ``value`` at dotted ``path`` inside the case dict ``data`` (in place).

    The last key may be new (schema validation then rejects unknown fields); every container on the
    way must exist.

    Raises:
        CaseError: the path walks through a missing key, a non-container or an index out of range.
    """
    parts = parse_path(path)
    node: Any = data
    for depth, key in enumerate(parts):
        last = depth == len(parts) - 1
        where = path if last else _render(parts[: depth + 1])
        if isinstance(key, int):
            if not isinstance(node, list):
                raise CaseError.single(where, f"is not a list (got {type(node).__name__})")
            if not -len(node) <= key < len(node):
                raise CaseError.single(where, f"index out of range (list has {len(node)} items)")
        elif not isinstance(node, dict):
            kind = "null" if node is None else type(node).__name__
            raise CaseError.single(_render(parts[:depth]), f"cannot set {key!r} inside a {kind}")
        elif not last and key not in node:
            raise CaseError.single(where, "no such field in the case")
        if last:
            node[key] = value
        else:
            node = node[key]


def _render(parts: Sequence[str | int]) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else p)
    return out


def case_data(case: Case) -> dict[str, Any]:
    """The case as a JSON-ready dict (what overrides are applied to)."""
    data: dict[str, Any] = case.model_dump(mode="json")
    return data


def apply_overrides(base: dict[str, Any], overrides: dict[str, Any], base_dir: str | Path | None) -> Case:
    """A validated case: a deep copy of ``base`` with ``overrides`` set by dotted path.

    Raises:
        CaseError: a bad path or an invalid resulting case (every issue, with its path).
    """
    data = copy.deepcopy(base)
    for path, value in overrides.items():
        set_by_path(data, path, value)
    return parse_case(data, base_dir=Path(base_dir) if base_dir is not None else None)


def with_overrides(case: Case, overrides: dict[str, Any]) -> Case:
    """``case`` with ``overrides`` set by dotted path, validated (relative files still resolve).

    Raises:
        CaseError: a bad path or an invalid resulting case.
    """
    return apply_overrides(case_data(case), overrides, case.base_dir)
