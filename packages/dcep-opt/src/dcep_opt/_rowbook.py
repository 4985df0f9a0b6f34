"""The rows of a dispatch model as plain records until someone asks for PuLP objects.

A build adds 40,000-50,000 rows a week; making each one a ``pulp.LpAffineExpression`` and a
``pulp.LpConstraint`` as it is added was more than half of the build (7-day case, same run: 0.36 s
of CPU with the objects, 0.15 s recording the rows only). The solves that need no PuLP row object (every
dispatch solve, the year's pilots and windows) hand HiGHS the matrix straight from these records
(``dcep_opt._highs.export_records``) and keep the row solution here; the first read of
``DispatchModel.problem`` or ``ModelIndex.constraints`` makes every recorded row the PuLP object it
would have been (same name, expression, sense, right-hand side, dual and slack), in the order the rows
were added. ``tests/test_rowbook.py`` checks both ways give the same objects and the same HiGHS model.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import pulp

Key = tuple[Hashable, ...]
Term = tuple[pulp.LpVariable, float]

__all__ = ["RowBook"]


class RowBook:
    """Rows in the order they were added: terms, sense (PuLP's int), right-hand side, family and key.

    ``made`` rows (the first ``made`` of them) are PuLP objects already; the rest are records only.
    ``row_value`` / ``row_dual``: HiGHS's row activities and duals from the last solve of the records
    (None: not solved that way), applied to the objects when they are made.
    """

    __slots__ = ("family", "key", "made", "number", "rhs", "row_dual", "row_value", "sense", "terms")

    def __init__(self) -> None:
        self.terms: list[list[Term]] = []
        self.sense: list[int] = []
        self.rhs: list[float] = []
        self.family: list[str] = []
        self.key: list[Key] = []
        self.number: dict[str, dict[Key, int]] = {}
        self.made = 0
        self.row_value: list[float] | None = None
        self.row_dual: list[float] | None = None

    def __len__(self) -> int:
        return len(self.terms)

    def add(self, family: str, key: Key, terms: list[Term], sense: int, rhs: float) -> bool:
        """Record a row; False (nothing recorded) when ``family`` already has a row at ``key``."""
        rows = self.number.get(family)
        if rows is None:
            rows = self.number[family] = {}
        elif key in rows:
            return False
        rows[key] = len(self.terms)
        self.terms.append(terms)
        self.sense.append(sense)
        self.rhs.append(rhs)
        self.family.append(family)
        self.key.append(key)
        return True

    def row(self, family: str, key: Key) -> int | None:
        """The row number of ``family`` at ``key`` (None: no such row)."""
        return self.number.get(family, {}).get(key)

    @property
    def all_made(self) -> bool:
        """Every row is a PuLP object already."""
        return self.made == len(self.terms)

    def shift(self, number: int, terms: list[Term], rhs_delta: float) -> None:
        """Add ``terms`` to the left-hand side of record ``number`` and ``rhs_delta`` to its right-hand side."""
        self.terms[number] = self.terms[number] + terms
        self.rhs[number] += rhs_delta

    def keep_solution(self, row_value: Any, row_dual: Any) -> None:
        """HiGHS's row activities and duals for the rows in record order (applied when they are made)."""
        self.row_value = list(row_value)
        self.row_dual = list(row_dual) if len(row_dual) else None

    def dual(self, number: int) -> float | None:
        """The kept dual of record ``number`` (None: no solve kept one)."""
        return None if self.row_dual is None or number >= len(self.row_dual) else self.row_dual[number]

    def nonzeros(self) -> int:
        """Terms over every row (a variable named twice in a row counts twice)."""
        return sum(map(len, self.terms))
