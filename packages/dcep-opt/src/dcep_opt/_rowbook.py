"""The rows of a dispatch model as plain records until someone asks for PuLP objects.

A build adds 40,000-50,000 rows a week; making each one a ``pulp.LpAffineExpression`` and a
``pulp.LpConstraint`` as it is added was more than half of the build (7-day case, same run: 0.36 s
of CPU with the objects, 0.15 s recording the rows only). The solves that need no PuLP row object (every
dispatch solve, the year's pilots and windows) hand HiGHS the matrix straight from these records
(``dcep_opt._highs.export_records``) and keep the row solution here; the first read of
``DispatchModel.problem`` or ``ModelIndex.constraints`` makes every recorded row the PuLP object it
would have been (same name, expression, sense, right-hand side, dual and slack), in the order the rows
were added. ``tests/test_rowbook.py`` checks both ways give the same objects and the same HiGHS model.

Rows that repeat one pattern in every interval (a polygon's faces, a loss curve's tangents: over half
of a week's rows) are recorded as one :class:`RowBlock`: the pattern's coefficients once, and for each
term slot the variable of every interval. They export as numpy arrays, with no Python work per term.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter
from typing import Any

import numpy as np
import pulp

Key = tuple[Hashable, ...]
Term = tuple[pulp.LpVariable, float]

__all__ = ["PatternRow", "RowBlock", "RowBook"]

_START = attrgetter("start")


@dataclass(frozen=True)
class PatternRow:
    """One row of a pattern repeated in every interval ``t``: family ``family`` at key ``head + (t,)``,
    ``sum(coef * slots[slot][t] for slot, coef in terms) <sense> rhs`` (sense as PuLP's int)."""

    family: str
    head: Key
    terms: tuple[tuple[int, float], ...]
    sense: int
    rhs: float


class RowBlock:
    """Rows ``start ..``: for each interval of ``intervals`` in order, each row of ``pattern`` in order.

    ``slots[s][t]`` is the variable of slot ``s`` at interval ``t`` (indexed by interval, not by position
    in ``intervals``).
    """

    __slots__ = ("coef", "intervals", "pattern", "row_length", "slot_of_term", "slots", "start")

    def __init__(
        self,
        start: int,
        intervals: Sequence[int],
        slots: Sequence[Sequence[pulp.LpVariable]],
        pattern: Sequence[PatternRow],
    ) -> None:
        self.start = start
        self.intervals = np.asarray(intervals, dtype=np.int64)
        self.slots = slots
        self.pattern = tuple(pattern)
        self.row_length = np.array([len(p.terms) for p in self.pattern], dtype=np.int64)
        self.slot_of_term = np.array([s for p in self.pattern for s, _c in p.terms], dtype=np.int64)
        self.coef = np.array([c for p in self.pattern for _s, c in p.terms], dtype=float)

    def __len__(self) -> int:
        return len(self.intervals) * len(self.pattern)

    def terms(self, number: int) -> list[Term]:
        """The terms of the block's row ``number`` (counted from the block's first row)."""
        at, f = divmod(number, len(self.pattern))
        t = int(self.intervals[at])
        return [(self.slots[s][t], c) for s, c in self.pattern[f].terms]

    def ids_and_values(self) -> tuple[np.ndarray, np.ndarray]:
        """Every term's variable ``id`` and coefficient, row by row in block order."""
        n_slots = len(self.slots)
        ids = np.empty((n_slots, len(self.intervals)), dtype=np.int64)
        for s, slot in enumerate(self.slots):
            ids[s] = np.fromiter(map(id, map(slot.__getitem__, self.intervals.tolist())), dtype=np.int64)
        return ids[self.slot_of_term].T.ravel(), np.tile(self.coef, len(self.intervals))

    def lengths(self) -> np.ndarray:
        """Terms per row, in block order."""
        return np.tile(self.row_length, len(self.intervals))


class RowBook:
    """Rows in the order they were added: terms, sense (PuLP's int), right-hand side, family and key.

    ``made`` rows (the first ``made`` of them) are PuLP objects already; the rest are records only.
    A row of a :class:`RowBlock` has ``terms`` None (its block holds them: :meth:`row_terms`).
    ``row_value`` / ``row_dual``: HiGHS's row activities and duals from the last solve of the records
    (None: not solved that way), applied to the objects when they are made.
    """

    __slots__ = (
        "blocks",
        "family",
        "key",
        "made",
        "number",
        "rhs",
        "row_dual",
        "row_value",
        "sense",
        "terms",
    )

    def __init__(self) -> None:
        self.terms: list[list[Term] | None] = []
        self.sense: list[int] = []
        self.rhs: list[float] = []
        self.family: list[str] = []
        self.key: list[Key] = []
        self.number: dict[str, dict[Key, int]] = {}
        self.blocks: list[RowBlock] = []
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

    def add_block(
        self, intervals: Sequence[int], slots: Sequence[Sequence[pulp.LpVariable]], pattern: Sequence[PatternRow]
    ) -> Key | None:
        """Record the rows of ``pattern`` in every interval of ``intervals`` as one block; the key of the
        first row a family has already (nothing recorded then), else None."""
        start = len(self.terms)
        block = RowBlock(start, intervals, slots, pattern)
        ts = block.intervals.tolist()
        width = len(block.pattern)
        keys = [(*p.head, t) for t in ts for p in block.pattern]
        n = len(keys)
        new: dict[str, dict[Key, int]] = {}
        for f, p in enumerate(block.pattern):
            rows = dict(zip(keys[f::width], range(start + f, start + n, width), strict=True))
            merged = new.setdefault(p.family, {})
            size = len(merged) + len(rows)
            merged.update(rows)
            if len(merged) < size or len(rows) < len(ts):
                return _first_repeat(zip([q.family for q in block.pattern] * len(ts), keys, strict=True))
        for family, rows in new.items():
            known = self.number.get(family)
            if known and not known.keys().isdisjoint(rows):
                return next(k for k in rows if k in known)
        for family, rows in new.items():
            self.number.setdefault(family, {}).update(rows)
        self.terms.extend(repeat(None, n))
        self.sense.extend([p.sense for p in block.pattern] * len(ts))
        self.rhs.extend([p.rhs for p in block.pattern] * len(ts))
        self.family.extend([p.family for p in block.pattern] * len(ts))
        self.key.extend(keys)
        self.blocks.append(block)
        return None

    def row(self, family: str, key: Key) -> int | None:
        """The row number of ``family`` at ``key`` (None: no such row)."""
        return self.number.get(family, {}).get(key)

    def row_terms(self, number: int) -> list[Term]:
        """The terms of record ``number`` (a block row's from its block)."""
        terms = self.terms[number]
        if terms is not None:
            return terms
        block = self.blocks[bisect.bisect_right(self.blocks, number, key=_START) - 1]
        return block.terms(number - block.start)

    def segments(self) -> list[tuple[int, int, RowBlock | None]]:
        """The records in order as ``(first, stop, block)`` runs: a block, or rows kept one by one (None)."""
        out: list[tuple[int, int, RowBlock | None]] = []
        at = 0
        for block in self.blocks:
            if block.start > at:
                out.append((at, block.start, None))
            out.append((block.start, block.start + len(block), block))
            at = block.start + len(block)
        if len(self.terms) > at:
            out.append((at, len(self.terms), None))
        return out

    @property
    def all_made(self) -> bool:
        """Every row is a PuLP object already."""
        return self.made == len(self.terms)

    def shift(self, number: int, terms: list[Term], rhs_delta: float) -> None:
        """Add ``terms`` to the left-hand side of record ``number`` and ``rhs_delta`` to its right-hand side.

        Raises:
            ValueError: the row belongs to a block (a block's rows all follow its pattern).
        """
        kept = self.terms[number]
        if kept is None:
            raise ValueError(
                f"row {self.family[number]} {self.key[number]} repeats a pattern and cannot be edited alone"
            )
        self.terms[number] = kept + terms
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
        kept = sum(len(terms) for terms in self.terms if terms is not None)
        return kept + sum(int(block.lengths().sum()) for block in self.blocks if block.start >= self.made)


def _first_repeat(pairs: Any) -> Key:
    """The key of the first (family, key) pair met twice in ``pairs``."""
    seen: set[tuple[str, Key]] = set()
    for pair in pairs:
        if pair in seen:
            return pair[1]
        seen.add(pair)
    raise AssertionError("no repeated key")
