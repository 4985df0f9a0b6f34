"""`h`: the run on screen as dcep's self-contained HTML report (the writer of ``dcep report --html``)."""

from __future__ import annotations

from pathlib import Path

from dcep_cli.report import ReportFacts, write_html_report
from dcep_cli.versions import package_versions
from dcep_tui.run import RunOutput


def report_path(case_path: Path | None, case_name: str) -> Path:
    """Where `h` writes: ``<case file stem>_report.html`` beside the case file (else in the working folder).

    Never the case file itself or any other JSON/CSV input: the name always ends in ``_report.html``.
    """
    if case_path is not None:
        return case_path.with_name(f"{case_path.stem}_report.html")
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in case_name) or "case"
    return Path.cwd() / f"{stem}_report.html"


def write_report(out: RunOutput, path: Path, case_path: Path | None = None) -> Path:
    """Write the HTML report of ``out`` (the run on screen, no re-solve) to ``path`` and return it.

    Raises:
        OSError: the folder is missing or not writable (nothing is left behind).
    """
    facts = ReportFacts(
        case=out.case,
        inputs=out.inputs,
        result=out.result,
        screening=out.screening,
        screening_error=out.screening_error,
        explanation=out.explanation,
        explain_error=out.explain_error,
        case_path=None if case_path is None else str(case_path),
        versions=package_versions(),
    )
    return write_html_report(path, facts)
