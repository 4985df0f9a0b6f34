"""`dcep markets [CASE] [--iso NAME] [--date YYYY-MM-DD]`: what each market lets a battery sell."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from dcep_iso import ISOAdapter, adapter_for_case, available_isos, get_iso_adapter, product_lines
from dcep_models import Bess, load_case


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``markets`` subcommand."""
    p = sub.add_parser(
        "markets",
        help="market facts: intervals, caps, AS products, durations and the energy each holds back",
    )
    p.add_argument("case", nargs="?", help="case JSON: its market (with overrides), date and battery")
    p.add_argument("--iso", help="market to show instead of the case's (ERCOT, CAISO, PJM, ...), or 'all'")
    p.add_argument("--date", type=date.fromisoformat, help="operating day whose rules apply (default: case start)")
    p.set_defaults(func=run)


def _fmt(value: float | None, spec: str = ".2f") -> str:
    return "-" if value is None else format(value, spec)


def _print_market(adapter: ISOAdapter, bess: Bess | None) -> None:
    iv = adapter.market_interval
    floor = f"{adapter.price_floor_usd_per_mwh:g}" + ("" if adapter.price_floor_verified else "*")
    cap = f"{adapter.price_cap_usd_per_mwh:g}" + ("" if adapter.price_cap_verified else "*")
    print(f"{adapter.name}  rules as of {adapter.as_of.isoformat()}  zone {adapter.timezone}")
    print(
        f"  intervals: real-time {iv.rtm_interval_min} min, settlement {iv.settlement_interval_min} min, "
        f"day-ahead {iv.dam_interval_min} min"
    )
    print(f"  energy price range: {floor} to {cap} $/MWh")
    if adapter.hubs:
        print(f"  hubs: {', '.join(adapter.hubs)}")
    if adapter.overridden:
        print(f"  case overrides: {', '.join(adapter.overridden)}")
    lines = product_lines(adapter, bess)
    if not lines:
        print("  no ancillary-service products")
        return
    battery = "  offer MW  held MWh" if bess else ""
    head = f"  {'product':8} {'dir':6} {'deploy':>7} {'hours':>6} {'MWh/MW':>7}  {'who':10} {'since':10} {'source':14}"
    print((head + battery).rstrip())
    for ln in lines:
        who = ("S" if ln.storage_eligible else "-") + ("L" if ln.load_eligible else "-")
        who += " online" if ln.online_only else " any"
        direction = "sym" if ln.symmetric else ln.direction
        source = ln.source + ("" if ln.verified else "*")
        tail = f"  {_fmt(ln.offer_mw):>8}  {_fmt(ln.held_mwh):>8}" if bess else ""
        row = (
            f"  {ln.name:8} {direction:6} {ln.deploy_minutes:>5g} m {ln.duration_hours:>6g} {ln.mwh_per_mw:>7.3f}  "
            f"{who:10} {ln.effective_from or '-':10} {source:14}{tail}"
        )
        print(row.rstrip())
    print(
        "  S storage / L load eligible; * documented default, not verified (override it in the case's market section)"
    )


def run(args: argparse.Namespace) -> int:
    """Print one market (the case's, or --iso) or all of them; exit 2 on an unknown market."""
    try:
        return _run(args)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _run(args: argparse.Namespace) -> int:
    case = load_case(args.case) if args.case else None
    bess = case.resources.bess if case else None
    day = args.date or (case.time.start_aware.date() if case else None)
    if args.iso and args.iso.lower() == "all":
        names = available_isos()
    elif args.iso:
        names = [args.iso]
    elif case:
        names = []
    else:
        names = available_isos()
    if not names and case is not None:
        adapter = adapter_for_case(case)
        _print_market(adapter if args.date is None else get_iso_adapter(case.iso, day), bess)
        return 0
    for i, name in enumerate(names):
        if i:
            print()
        _print_market(get_iso_adapter(name, day), bess)
    return 0
