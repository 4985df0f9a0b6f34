"""`dcep migrate OLD.json NEW.json`: convert a seed-format case into dcep's schema.

Prints every rename and assumption, writes NEW.json (never over OLD.json or its price files), then
validates it as ``dcep validate`` would. Exit 0 converted and valid, 2 bad input or still invalid
(the remaining problems are listed; NEW.json is written so they can be fixed there).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dcep_cli.guard import output_issues
from dcep_models import CaseError, CaseIssue, load_case


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``migrate`` subcommand."""
    p = sub.add_parser("migrate", help="convert a case in the seed README's format into dcep's schema")
    p.add_argument("old", help="seed-format case JSON (read only)")
    p.add_argument("new", help="where to write the converted case")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Read, convert, write, validate. CaseError (exit 2) for unreadable input or an unsafe target."""
    from dcep_cli.atomic import write_text_atomic
    from dcep_cli.migrate import migrate_case, read_seed_text

    old = Path(args.old)
    unsafe = output_issues({"NEW": args.new}, old)
    if unsafe:
        print("error: " + "; ".join(issue.reason for issue in unsafe), file=sys.stderr)
        return 2
    try:
        decoded, notes = read_seed_text(old.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CaseError.single("", "case file not found", str(old)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CaseError.single("", f"cannot read a seed-format case: {exc}", str(old)) from None
    try:
        migration = migrate_case(decoded)
    except ValueError as exc:
        raise CaseError([CaseIssue("", str(exc))], source=str(old)) from None
    new = Path(args.new)
    # a relative price file keeps pointing at the same file from the new folder
    for key in ("energy_csv", "as_csv"):
        rel = migration.data.get("prices", {}).get(key)
        if isinstance(rel, str) and not Path(rel).is_absolute() and old.parent.resolve() != new.parent.resolve():
            migration.data["prices"][key] = str((old.parent / rel).resolve())
            migration.notes.append(f"prices.{key} now {migration.data['prices'][key]} (absolute: NEW is elsewhere)")
    for note in notes + migration.notes:
        print(f"- {note}")
    write_text_atomic(new, json.dumps(migration.data, indent=2) + "\n")
    print(f"wrote {new}")
    try:
        case = load_case(new)
    except CaseError as exc:
        print(f"error: {new} still needs fixing:\n" + "\n".join(f"  - {i}" for i in exc.issues), file=sys.stderr)
        return 2
    print(f"ok: {case.name} validates; run it with: dcep run {new}")
    return 0
