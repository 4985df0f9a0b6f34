"""Read a case from JSON text or a file, reporting every problem at once as a CaseError."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, TypeAdapter, ValidationError

from dcep_models.case import Case, canonical_iso_name
from dcep_models.checks import cross_field_issues
from dcep_models.errors import CaseError, CaseIssue
from dcep_models.suggest import did_you_mean


def _loc_to_path(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif parts:
            parts.append(f".{item}")
        else:
            parts.append(str(item))
    return "".join(parts)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside ``X``, ``X | None``, ``list[X]`` (None for plain values)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _fields_at(loc: tuple[int | str, ...]) -> list[str]:
    """Field names of the case model at ``loc`` (list indices skipped); empty when not a model."""
    model: type[BaseModel] | None = Case
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if model is not None else None
        if field is None:
            return []
        model = _inner_model(field.annotation)
    return list(model.model_fields) if model is not None else []


def issues_from_validation(error: ValidationError) -> list[CaseIssue]:
    """Translate pydantic's errors into CaseIssues with dotted JSON paths and plain reasons."""
    issues: list[CaseIssue] = []
    for err in error.errors():
        loc = tuple(err["loc"])
        # pydantic appends the union/function member to loc for some errors; keep field names only
        loc = tuple(part for part in loc if not (isinstance(part, str) and "[" in part))
        path = _loc_to_path(loc)
        kind = err["type"]
        if kind == "missing":
            reason = "required field is missing"
        elif kind == "extra_forbidden":
            hint = did_you_mean(str(loc[-1]), _fields_at(loc[:-1])) if loc else ""
            reason = f"unknown field{hint or ' (check the spelling; unknown fields are not ignored)'}"
        elif kind == "finite_number":
            reason = f"must be a finite number, got {_short(err.get('input'))}"
        else:
            msg = err["msg"].removeprefix("Value error, ")
            reason = f"{msg[0].lower()}{msg[1:]}, got {_short(err.get('input'))}"
        issues.append(CaseIssue(path, reason))
    return issues


def _valid_sections(data: dict[str, Any], failed: set[str]) -> Case | None:
    """A partial case of the top-level sections that passed validation, for the cross-field checks.

    Built with ``Case.model_construct`` (no validation; failed sections are left out), so one pass
    reports field and cross-field problems together. None when the failure is not per section.
    """
    if "*" in failed:
        return None
    values: dict[str, Any] = {}
    for name, field in Case.model_fields.items():
        if name in failed:
            continue
        if name not in data:
            values[name] = field.get_default(call_default_factory=True)
        elif name == "iso":
            values[name] = canonical_iso_name(str(data[name]))
        else:
            try:
                values[name] = TypeAdapter(Any if field.annotation is None else field.annotation).validate_python(
                    data[name]
                )
            except (ValidationError, ValueError):
                return None
    return Case.model_construct(**values)


def parse_case(data: Any, base_dir: Path | None = None, source: str | None = None) -> Case:
    """Validate a decoded case (a dict) and run every cross-field check.

    ``base_dir`` is where relative file paths (price CSVs) are resolved; when None,
    file existence is not checked.

    Raises:
        CaseError: listing every problem found, each with its JSON path.
    """
    if not isinstance(data, dict):
        raise CaseError.single("", f"a case must be a JSON object, got {type(data).__name__}", source)
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        issues = issues_from_validation(exc)
        failed = {str(err["loc"][0]) if err["loc"] else "*" for err in exc.errors()}
        partial = _valid_sections(data, failed)
        if partial is not None:
            issues += cross_field_issues(partial, base_dir, skip=failed)
        raise CaseError(issues, source=source) from None
    issues = cross_field_issues(case, base_dir)
    if issues:
        raise CaseError(issues, source=source)
    if base_dir is not None:
        case._base_dir = base_dir.resolve()
    return case


def load_case(path: str | Path) -> Case:
    """Read and validate a case JSON file.

    Raises:
        CaseError: the file is missing, not JSON, or the case is invalid (every problem listed).
    """
    file = Path(path)
    source = str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CaseError.single("", "case file not found", source) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseError.single("", f"cannot read case file: {exc}", source) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise CaseError.single("", f"not valid JSON: {exc.msg} at {where}", source) from None
    except RecursionError:
        raise CaseError.single("", "not valid JSON for a case: nested too deeply", source) from None
    return parse_case(data, base_dir=file.parent, source=source)
