"""`dcep schema`: print the case file's JSON Schema."""

from __future__ import annotations

import argparse
import json

from dcep_models import case_json_schema


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``schema`` subcommand."""
    p = sub.add_parser("schema", help="print the JSON Schema of a case file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the schema as indented JSON."""
    print(json.dumps(case_json_schema(), indent=2))
    return 0
