"""Read one market's facts from its TOML data file into a validated :class:`MarketData`.

The file layout is documented in the package README ("Where the market facts live"). Every problem
(unknown key, missing field, wrong type, bad or unsorted date, duplicate product) raises
:class:`MarketDataError` naming the file and the dotted key, before any adapter is built.
"""

from __future__ import annotations

import math
import tomllib
from datetime import date, datetime
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dcep_iso.base import MarketData
from dcep_iso.products import DatedProduct, DatedValue, ProductRule, normalise_product_key

#: Scalar facts every file must give: key -> whether the value is a whole number (minutes).
_SCALARS: dict[str, bool] = {
    "rtm_interval_min": True,
    "settlement_interval_min": True,
    "dam_interval_min": True,
    "price_cap_usd_per_mwh": False,
    "price_floor_usd_per_mwh": False,
}
_TOP_KEYS = {"name", "timezone", "hubs", "zones", "notes", "product_defaults", "products", *_SCALARS}
_SCALAR_KEYS = {"value", "values", "source", "verified", "note"}
_VALUE_KEYS = {"effective_from", "value"}
#: ProductRule fields a file may set, and the check each value must pass.
_RULE_FIELDS = {
    "name": "str",
    "direction": "direction",
    "deploy_minutes": "minutes",
    "duration_hours": "hours",
    "storage_eligible": "bool",
    "generator_eligible": "bool",
    "load_eligible": "bool",
    "online_only": "bool",
    "symmetric": "bool",
    "deployment_fraction": "fraction",
    "effective_from": "date",
    "source": "str",
    "verified": "bool",
    "aliases": "strs",
    "note": "str",
}
#: Fields every product must end up with (from its own table or from ``product_defaults``).
_RULE_REQUIRED = ("name", "direction", "deploy_minutes", "duration_hours", "source", "verified")


class MarketDataError(ValueError):
    """A market data file that cannot be read or breaks the layout; the message names file and key."""

    def __init__(self, file: str, key: str, reason: str) -> None:
        super().__init__(f"{file}: {key}: {reason}" if key else f"{file}: {reason}")
        self.file = file
        self.key = key
        self.reason = reason


def shipped_data_file(file_name: str) -> Traversable:
    """The packaged data file ``markets/data/<file_name>`` (works from a wheel or a checkout)."""
    return files("dcep_iso.markets").joinpath("data", file_name)


def load_market_data(path: str | Path | Traversable) -> MarketData:
    """Parse and validate one market data file (TOML).

    Values keep their units from the key names: intervals in minutes (whole numbers), caps and floors
    in $/MWh, deploy times in minutes, durations in hours.

    Raises:
        MarketDataError: the file is missing or not TOML, or a key is unknown, missing, of the wrong
            type or out of range, a date is bad or out of order, or two products share a name/alias.
    """
    where = str(path)
    try:
        text = (Path(path) if isinstance(path, str) else path).read_bytes()
        raw = tomllib.loads(text.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise MarketDataError(where, "", f"cannot read market data: {exc}") from None
    return _Reader(where).market(raw)


class _Reader:
    """Validates one parsed file; every error carries the file name."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, key: str, reason: str) -> MarketDataError:
        return MarketDataError(self.file, key, reason)

    def table(self, value: object, key: str, allowed: set[str], required: tuple[str, ...] = ()) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, f"must be a table, got {_kind(value)}")
        for name in value:
            if name not in allowed:
                raise self.fail(_join(key, name), f"unknown key; allowed: {', '.join(sorted(allowed))}")
        for name in required:
            if name not in value:
                raise self.fail(_join(key, name), "missing")
        return value

    def check(self, value: object, key: str, kind: str) -> Any:
        """``value`` if it passes check ``kind``, converted (numbers to float/int, ISO text to date)."""
        if kind in ("str", "direction", "tz"):
            if not isinstance(value, str) or not value.strip():
                raise self.fail(key, f"must be a non-empty string, got {_kind(value)}")
            if kind == "direction" and value not in ("up", "down"):
                raise self.fail(key, f"must be 'up' or 'down', got {value!r}")
            if kind == "tz":
                try:
                    ZoneInfo(value)
                except (ValueError, ZoneInfoNotFoundError):
                    raise self.fail(key, f"unknown IANA time zone {value!r}") from None
            return value
        if kind == "bool":
            if not isinstance(value, bool):
                raise self.fail(key, f"must be true or false, got {_kind(value)}")
            return value
        if kind == "strs":
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise self.fail(key, "must be a list of non-empty strings")
            return tuple(value)
        if kind == "date":
            return self.day(value, key)
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            raise self.fail(key, f"must be a number, got {_kind(value)}")
        if kind == "interval":
            if not math.isfinite(value) or value <= 0 or value != int(value):
                raise self.fail(key, f"must be a whole number of minutes > 0, got {value!r}")
            return int(value)
        if kind == "minutes" and not (math.isfinite(value) and value >= 0):
            raise self.fail(key, f"must be a finite number of minutes >= 0, got {value!r}")
        if kind == "fraction" and not (0.0 <= value <= 1.0):
            raise self.fail(key, f"must be a fraction in [0, 1], got {value!r}")
        if kind == "hours" and not (math.isfinite(value) and value > 0):
            raise self.fail(key, f"must be a finite number of hours > 0, got {value!r}")
        return float(value)

    def day(self, value: object, key: str) -> date:
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                raise self.fail(key, f"must be a date YYYY-MM-DD, got {value!r}") from None
        if isinstance(value, datetime) or not isinstance(value, date):
            raise self.fail(key, f"must be a date YYYY-MM-DD (no time), got {_kind(value)}")
        return value

    def market(self, raw: dict[str, Any]) -> MarketData:
        self.table(raw, "", _TOP_KEYS, ("name", "timezone", *_SCALARS))
        scalars = {key: self.dated_value(raw[key], key, whole) for key, whole in _SCALARS.items()}
        return MarketData(
            name=self.check(raw["name"], "name", "str"),
            products=self.products(raw.get("products", []), raw.get("product_defaults", {})),
            hubs=self.check(raw.get("hubs", []), "hubs", "strs"),
            zones=self.check(raw.get("zones", []), "zones", "strs"),
            timezone=self.check(raw["timezone"], "timezone", "tz"),
            notes=self.check(raw.get("notes", []), "notes", "strs"),
            **scalars,
        )

    def dated_value(self, raw: object, key: str, whole: bool) -> DatedValue:
        """A scalar fact: ``value = x`` (always in force) or ``values = [{effective_from, value}, ...]``."""
        table = self.table(raw, key, _SCALAR_KEYS, ("source", "verified"))
        if ("value" in table) == ("values" in table):
            raise self.fail(key, "give exactly one of 'value' or 'values'")
        kind = "interval" if whole else "float"
        if table.get("note") is not None:
            self.check(table["note"], _join(key, "note"), "str")
        entries = table["values"] if "values" in table else [{"value": table["value"]}]
        if not isinstance(entries, list) or not entries:
            raise self.fail(_join(key, "values"), "must be a non-empty list of {effective_from, value} tables")
        values: list[tuple[date | None, float]] = []
        for i, entry in enumerate(entries):
            at = f"{key}.values[{i}]" if "values" in table else key
            self.table(entry, at, _VALUE_KEYS, ("value",))
            since = None
            if "effective_from" in entry:
                since = self.day(entry["effective_from"], _join(at, "effective_from"))
            elif i > 0:
                raise self.fail(_join(at, "effective_from"), "missing (only the first value may be undated)")
            if values and since is not None:
                self.check_order(values[-1][0], since, _join(at, "effective_from"))
            values.append((since, self.check(entry["value"], _join(at, "value"), kind)))
        return DatedValue(
            tuple(values),
            source=self.check(table["source"], _join(key, "source"), "str"),
            verified=self.check(table["verified"], _join(key, "verified"), "bool"),
        )

    def check_order(self, before: date | None, since: date, key: str) -> None:
        if before is not None and since <= before:
            raise self.fail(key, f"{since} is not after the previous version's {before}")

    def fields(self, raw: object, key: str, allowed: set[str]) -> dict[str, Any]:
        table = self.table(raw, key, allowed)
        return {name: self.check(value, _join(key, name), _RULE_FIELDS[name]) for name, value in table.items()}

    def products(self, raw: object, raw_defaults: object) -> tuple[DatedProduct, ...]:
        """``[[products]]``: each a ProductRule's fields, over ``product_defaults``, plus later versions."""
        defaults = self.fields(raw_defaults, "product_defaults", set(_RULE_FIELDS) - {"name", "effective_from"})
        if not isinstance(raw, list):
            raise self.fail("products", f"must be an array of tables ([[products]]), got {_kind(raw)}")
        out: list[DatedProduct] = []
        seen: dict[str, str] = {}
        for i, entry in enumerate(raw):
            name = entry.get("name") if isinstance(entry, dict) else None
            key = f"products.{name}" if isinstance(name, str) and name.strip() else f"products[{i}]"
            table = self.table(entry, key, {*_RULE_FIELDS, "versions"})
            own = {k: v for k, v in table.items() if k != "versions"}
            first = {**defaults, **self.fields(own, key, set(_RULE_FIELDS))}
            versions = self.versions(first, table.get("versions", []), key)
            for rule in versions:
                for alias in (rule.name, *rule.aliases):
                    norm = normalise_product_key(alias)
                    if seen.get(norm, rule.name) != rule.name:
                        raise self.fail(key, f"duplicate product: alias {alias!r} already names {seen[norm]!r}")
                    seen[norm] = rule.name
            for j, other in enumerate(out):
                if other.versions[0].name == versions[0].name:
                    raise self.fail(f"products[{i}]", f"duplicate product {versions[0].name!r} (also products[{j}])")
            out.append(DatedProduct(versions))
        return tuple(out)

    def versions(self, first: dict[str, Any], raw_versions: object, key: str) -> tuple[ProductRule, ...]:
        """The product's first rule and each ``[[products.versions]]`` (only what changes, dated)."""
        for name in _RULE_REQUIRED:
            if name not in first:
                raise self.fail(_join(key, name), "missing (give it in the product or in product_defaults)")
        if not isinstance(raw_versions, list):
            raise self.fail(_join(key, "versions"), "must be an array of tables ([[products.versions]])")
        rules = [ProductRule(**first)]
        current = first
        for j, raw in enumerate(raw_versions):
            at = f"{key}.versions[{j}]"
            changes = self.fields(raw, at, set(_RULE_FIELDS) - {"name"})
            if "effective_from" not in changes:
                raise self.fail(_join(at, "effective_from"), "missing (a later version needs its start date)")
            self.check_order(current.get("effective_from"), changes["effective_from"], _join(at, "effective_from"))
            current = {**current, **changes}
            rules.append(ProductRule(**current))
        return tuple(rules)


def _join(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name


def _kind(value: object) -> str:
    return f"{type(value).__name__} {value!r}"
