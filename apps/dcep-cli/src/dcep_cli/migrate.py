"""Convert a case written in the seed README's "Case File Format" into dcep's schema.

The seed's names lacked units (``mva_rating``, ``soc_reserve``, ``voll_per_mwh``, ``base_price``,
``as_prices``), had no start time and allowed placeholders (``[...]``, ``{...}``). Every change is
recorded as a sentence in :attr:`Migration.notes` so the user sees what was renamed and what was
assumed. Placeholder or empty sections that dcep needs (loads, generators, transformers, AS prices)
are filled from the seed's own example as dcep ships it (``dcep init`` writes the same file), and
said so.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

#: Seed name -> dcep name, per section (dotted parent path; ``*`` is every list item).
RENAMES: dict[str, dict[str, str]] = {
    "topology.poi": {"mva_rating": "rating_mva", "min_pf": "min_power_factor", "voltage": "voltage_kv"},
    "topology.transformers.*": {"mva_rating": "rating_mva", "mva": "rating_mva", "impedance": "impedance_pct"},
    "resources.bess": {
        "soc_reserve": "soc_reserve_frac",
        "soc_min": "soc_min_frac",
        "soc_max": "soc_max_frac",
        "soc_initial": "soc_initial_frac",
        "soc_final_min": "soc_final_min_frac",
        "mva_rating": "pcs_mva",
        "pcs_mva_rating": "pcs_mva",
        "degradation_cost": "degradation_cost_usd_per_mwh",
        "degradation_per_mwh": "degradation_cost_usd_per_mwh",
    },
    "resources.generators.*": {"pmax_mw": "p_max_mw", "pmin_mw": "p_min_mw", "start_cost": "start_cost_usd"},
    "resources.loads.*": {"mw": "power_mw", "pf": "power_factor", "type": "kind"},
    "reliability": {"voll_per_mwh": "voll_usd_per_mwh", "voll": "voll_usd_per_mwh"},
    "prices": {"base_price": "base_price_usd_per_mwh", "as_prices": "as_prices_usd_per_mw_h"},
}
#: Each market's time zone (where a seed case without ``time.timezone`` is read).
MARKET_ZONES: dict[str, str] = {
    "ERCOT": "America/Chicago",
    "SPP": "America/Chicago",
    "MISO": "America/Chicago",
    "CAISO": "America/Los_Angeles",
    "PJM": "America/New_York",
    "NYISO": "America/New_York",
    "ISO-NE": "America/New_York",
    "ISONE": "America/New_York",
    "GENERIC": "America/Chicago",
}
#: AS product spellings of the seed's README (Reg-Up, Reg-Down, Spin) -> product keys.
PRODUCT_NAMES: dict[str, str] = {
    "REGUP": "REGUP",
    "REGDOWN": "REGDN",
    "REGDN": "REGDN",
    "SPIN": "RRS",
    "SPINNING": "RRS",
}
_PLACEHOLDER = re.compile(r"(\[\s*\.\.\.\s*\]|\{\s*\.\.\.\s*\})")


@dataclass
class Migration:
    """The converted case (a JSON-ready dict) and one sentence per change or assumption."""

    data: dict[str, Any]
    notes: list[str] = field(default_factory=list)


def seed_example() -> dict[str, Any]:
    """The seed's example case as dcep ships it (``dcep_cli/examples/ercot_50mw.json``)."""
    text = resources.files("dcep_cli").joinpath("examples", "ercot_50mw.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def read_seed_text(text: str) -> tuple[Any, list[str]]:
    """Decode seed-format JSON; the README's ``[...]`` / ``{...}`` placeholders become empty.

    Raises:
        json.JSONDecodeError: the text is not JSON even after the placeholders are emptied.
    """
    notes = []
    if _PLACEHOLDER.search(text):
        notes.append("placeholders [...] / {...} read as empty")
        text = _PLACEHOLDER.sub(lambda m: "[]" if m.group(0).startswith("[") else "{}", text)
    return json.loads(text), notes


def _nodes(data: dict[str, Any], dotted: str) -> list[tuple[str, dict[str, Any]]]:
    nodes: list[tuple[str, Any]] = [("", data)]
    for part in dotted.split("."):
        nxt: list[tuple[str, Any]] = []
        for where, node in nodes:
            if part == "*" and isinstance(node, list):
                nxt += [(f"{where}[{i}]", item) for i, item in enumerate(node)]
            elif isinstance(node, dict) and part in node:
                nxt.append((f"{where}.{part}" if where else part, node[part]))
        nodes = nxt
    return [(w, n) for w, n in nodes if isinstance(n, dict)]


def _fill(data: dict[str, Any], seed: dict[str, Any], section: str, key: str, notes: list[str]) -> None:
    holder = data.setdefault(section, {})
    if not holder.get(key):
        holder[key] = copy.deepcopy(seed[section][key])
        notes.append(
            f"assumed {section}.{key} from the seed's example (was empty or a placeholder): "
            + json.dumps(holder[key], separators=(", ", ": "))[:160]
        )


def migrate_case(old: Any) -> Migration:
    """Convert a decoded seed-format case into dcep's schema (the result is not validated here).

    Raises:
        ValueError: ``old`` is not a JSON object.
    """
    if not isinstance(old, dict):
        raise ValueError(f"a case must be a JSON object, got {type(old).__name__}")
    data: dict[str, Any] = copy.deepcopy(old)
    notes: list[str] = []
    gens = data.get("resources", {}).get("generators")
    if isinstance(gens, dict) and gens:
        fleets = [gens] if "count" in gens or "p_max_mw" in gens else [{"name": k, **v} for k, v in gens.items()]
        data["resources"]["generators"] = fleets
        notes.append("resources.generators: a mapping in the seed format, now a list of fleets")
    elif isinstance(gens, dict):
        data["resources"]["generators"] = []
    for parent, names in RENAMES.items():
        for where, node in _nodes(data, parent):
            for old_name, new_name in names.items():
                if old_name in node and new_name not in node:
                    node[new_name] = node.pop(old_name)
                    notes.append(f"renamed {where}.{old_name} -> {new_name}")
    seed = seed_example()
    _fill(data, seed, "topology", "transformers", notes)
    resources_ = data.setdefault("resources", {})
    for key in ("generators", "loads"):
        if not resources_.get(key):
            _fill(data, seed, "resources", key, notes)
    prices = data.setdefault("prices", {})
    as_prices = prices.get("as_prices_usd_per_mw_h")
    if isinstance(as_prices, dict) and as_prices:
        renamed: dict[str, Any] = {
            PRODUCT_NAMES.get(re.sub(r"[-_ ]", "", str(k)).upper(), str(k)): v for k, v in as_prices.items()
        }
        if renamed != as_prices:
            notes.append(f"AS product names {sorted(as_prices)} -> {sorted(renamed)}")
        prices["as_prices_usd_per_mw_h"] = renamed
    else:
        _fill(data, seed, "prices", "as_prices_usd_per_mw_h", notes)
    if "base_price_usd_per_mwh" in prices and "peak_multiplier" not in prices and "peak_hours" in prices:
        prices["peak_multiplier"] = seed["prices"]["peak_multiplier"]
        notes.append(f"assumed prices.peak_multiplier {prices['peak_multiplier']} (the seed example's)")
    time = data.setdefault("time", {})
    iso = str(data.get("iso", "ERCOT")).upper()
    if "timezone" not in time:
        time["timezone"] = MARKET_ZONES.get(iso, "America/Chicago")
        notes.append(f"assumed time.timezone {time['timezone']!r} (the {iso} market's)")
    if "start" not in time:
        time["start"] = seed["time"]["start"]
        notes.append(
            f"assumed time.start {time['start']} local time (the seed example's day; the seed format had no "
            "start and synthetic prices do not depend on the date)"
        )
    return Migration(data, notes)
