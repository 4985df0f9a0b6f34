"""JSON Schema of the case file."""

from __future__ import annotations

from typing import Any

from dcep_models.case import Case


def case_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that a case file follows."""
    schema = Case.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "dcep case"
    return schema
