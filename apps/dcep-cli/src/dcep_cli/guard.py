"""Refuse, before any solve, output paths that would destroy input or each other.

Every command that writes files calls :func:`check_outputs` right after loading the case: an output
equal to the case file, to any file the case reads (price CSVs, AS series, tariff files; see
``dcep_models.referenced_files``) or to another output of the same command, an output whose folder is
missing, or an output that is a folder, is a :class:`~dcep_models.CaseError` naming the option
(exit 2), so nothing is solved and nothing is written.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from dcep_models import Case, CaseError, CaseIssue, referenced_files


def _same(a: Path, b: Path) -> bool:
    """Whether two paths name the same file (symlinks and hard links included)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.realpath(a) == os.path.realpath(b)


def _inputs(
    case_path: str | Path | None, case: Case | None, extra: Mapping[str, str | Path | None]
) -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    if case_path is not None:
        found.append(("the case file", Path(case_path)))
    if case is not None:
        found.extend((f"the file the case reads at {where}", path) for where, path in referenced_files(case))
    found.extend((f"the {option} input", Path(path)) for option, path in extra.items() if path)
    return found


def output_issues(
    outputs: Mapping[str, str | Path | None],
    case_path: str | Path | None = None,
    case: Case | None = None,
    inputs: Mapping[str, str | Path | None] | None = None,
) -> list[CaseIssue]:
    """Problems with the output paths ``{option: path}`` (None entries are skipped); empty when fine.

    ``inputs`` are further files the command reads, by option (``{"--baseline": path}``).
    """
    issues: list[CaseIssue] = []
    given = [(option, Path(path)) for option, path in outputs.items() if path is not None and str(path) != ""]
    sources = _inputs(case_path, case, inputs or {})
    for i, (option, path) in enumerate(given):
        for what, source in sources:
            if _same(path, source):
                issues.append(
                    CaseIssue(option, f"{path} is {what}; writing there would destroy it (choose another path)")
                )
                break
        for other_option, other in given[:i]:
            if _same(path, other):
                issues.append(CaseIssue(option, f"{path} is also the {other_option} output; give each its own path"))
        if path.is_dir():
            issues.append(CaseIssue(option, f"{path} is a folder; give a file path"))
            continue
        folder = path.parent if str(path.parent) else Path(".")
        if not folder.is_dir():
            issues.append(CaseIssue(option, f"folder {folder} does not exist (create it first)"))
        elif not os.access(folder, os.W_OK | os.X_OK):
            issues.append(CaseIssue(option, f"folder {folder} is not writable"))
    return issues


def check_outputs(
    outputs: Mapping[str, str | Path | None],
    case_path: str | Path | None = None,
    case: Case | None = None,
    inputs: Mapping[str, str | Path | None] | None = None,
) -> None:
    """Raise if any output path is unsafe (see module docstring); call before solving.

    Raises:
        CaseError: every problem, each naming its option (``--output``, ``--csv``, ...).
    """
    issues = output_issues(outputs, case_path, case, inputs)
    if issues:
        raise CaseError(issues)
