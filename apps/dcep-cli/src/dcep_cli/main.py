"""`dcep`: the thin runner that composes the packages.

Each subcommand lives in its own module exposing ``register(subparsers)``; the module sets
``func`` on its parser. Bad input (CaseError) is printed without a traceback, exit status 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from dcep_models import CaseError

#: Subcommand modules, in the order ``dcep --help`` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "dcep_cli.cmd_run",
    "dcep_cli.cmd_validate",
    "dcep_cli.cmd_schema",
    "dcep_cli.cmd_powerflow",
    "dcep_cli.cmd_simulate",
    "dcep_cli.cmd_markets",
    "dcep_cli.cmd_explain",
    "dcep_cli.cmd_reliability_cost",
    "dcep_cli.cmd_year",
    "dcep_cli.cmd_size",
    "dcep_cli.cmd_value",
    "dcep_cli.cmd_sweep",
    "dcep_cli.cmd_outage",
    "dcep_cli.cmd_report",
    "dcep_cli.cmd_init",
    "dcep_cli.cmd_migrate",
)

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand registered."""
    parser = argparse.ArgumentParser(prog="dcep", description="dcep: the data-center energy platform")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the process exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return int(args.func(args) or EXIT_OK)
    except CaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
