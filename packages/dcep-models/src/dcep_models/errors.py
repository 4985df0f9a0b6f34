"""The one error type for bad case input: every problem, each with its JSON path and reason."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CaseIssue:
    """One problem in a case: where (dotted JSON path) and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}" if self.path else self.reason


class CaseError(ValueError):
    """A case file is malformed or contradictory.

    Holds every problem found at once (``issues``), each naming its JSON path,
    e.g. ``resources.bess.energy_mwh: must be > 0, got -5``.
    """

    def __init__(self, issues: list[CaseIssue], source: str | None = None) -> None:
        if not issues:
            raise ValueError("CaseError needs at least one issue")
        self.issues = list(issues)
        self.source = source
        head = f"{source}: " if source else ""
        count = len(self.issues)
        lines = "\n".join(f"  - {issue}" for issue in self.issues)
        where = "the command line" if all(i.path.startswith("--") for i in self.issues) else "case"
        super().__init__(f"{head}{count} problem{'s' if count != 1 else ''} in {where}\n{lines}")

    @classmethod
    def single(cls, path: str, reason: str, source: str | None = None) -> CaseError:
        """Build an error holding one issue."""
        return cls([CaseIssue(path, reason)], source=source)
