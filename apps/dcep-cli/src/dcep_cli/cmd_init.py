"""`dcep init DIR`: write the seed's example cases and their price data into DIR, to run at once.

The files ship inside dcep-cli (package data), so a person who installed the wheels has something to
run: ``dcep init demo && dcep run demo/ercot_50mw.json``. Existing files are never overwritten
(exit 2, nothing written).
"""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``init`` subcommand."""
    p = sub.add_parser("init", help="write the seed's example cases and their price data into a folder")
    p.add_argument("folder", help="folder to write into (created if missing)")
    p.set_defaults(func=run)


def example_files() -> dict[str, Traversable]:
    """The shipped examples: relative path -> packaged file (cases, price CSVs, the data README)."""
    root = resources.files("dcep_cli").joinpath("examples")
    found: dict[str, Traversable] = {}

    def walk(node: Traversable, prefix: str) -> None:
        for child in node.iterdir():
            rel = f"{prefix}{child.name}"
            if child.is_dir():
                walk(child, rel + "/")
            elif not child.name.startswith((".", "__")):
                found[rel] = child

    walk(root, "")
    return dict(sorted(found.items()))


def run(args: argparse.Namespace) -> int:
    """Copy every example into the folder; CaseError (exit 2) if any target exists."""
    folder = Path(args.folder)
    files = example_files()
    clashes = [f"{folder / rel} exists" for rel in files if (folder / rel).exists()]
    if folder.exists() and not folder.is_dir():
        clashes = [f"{folder} is a file, not a folder"]
    if clashes:
        print(f"error: nothing written ({'; '.join(clashes)}); choose an empty or new folder", file=sys.stderr)
        return 2
    for rel, source in files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    cases = [rel for rel in files if rel.endswith(".json")]
    print(f"wrote {len(files)} files into {folder}: {', '.join(cases)} and their price data")
    print(f"next: dcep run {folder / 'ercot_50mw.json'}")
    return 0
