"""Market data files: the shipped TOML files load, and a malformed file fails naming file and key."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from dcep_iso import ADAPTERS, get_iso_adapter
from dcep_iso.markets import DataFileAdapter, MarketDataError, load_market_data, shipped_data_file

VALID = """\
name = "TESTISO"
timezone = "America/Chicago"
hubs = ["HUB_A"]
rtm_interval_min = { value = 5, source = "T1", verified = true }
settlement_interval_min = { value = 15, source = "T1", verified = true }
dam_interval_min = { value = 60, source = "T1", verified = true }
price_floor_usd_per_mwh = { value = -250, source = "default", verified = false }

[price_cap_usd_per_mwh]
source = "T2"
verified = true
values = [
    { value = 9000.0 },
    { effective_from = 2022-01-01, value = 5000.0 },
]

[product_defaults]
source = "T3"
verified = false

[[products]]
name = "REGUP"
direction = "up"
deploy_minutes = 5
duration_hours = 1.0
aliases = ["Regulation Up"]

[[products.versions]]
effective_from = 2025-12-05
duration_hours = 0.5
verified = true

[[products]]
name = "NSPIN"
direction = "up"
deploy_minutes = 30.0
duration_hours = 4.0
online_only = false
effective_from = 2020-01-01
aliases = ["Non-Spin"]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "testiso.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_builds_dated_facts_and_versions_inherit(tmp_path):
    data = load_market_data(_write(tmp_path, VALID))
    assert data.name == "TESTISO"
    assert data.hubs == ("HUB_A",) and data.zones == () and data.notes == ()
    # Whole-minute intervals stay int; money is float even when written as an integer.
    assert data.settlement_interval_min.values == ((None, 15),)
    assert type(data.settlement_interval_min.values[0][1]) is int
    assert data.price_floor_usd_per_mwh.values == ((None, -250.0),)
    assert data.price_floor_usd_per_mwh.verified is False
    cap = data.price_cap_usd_per_mwh
    assert cap.at(date(2021, 12, 31)) == 9000.0 and cap.at(date(2022, 1, 1)) == 5000.0
    regup, nspin = data.products
    before, after = regup.versions
    # product_defaults fill what the product omits; a version changes only what it names.
    assert (before.source, before.verified, before.duration_hours, before.deploy_minutes) == ("T3", False, 1.0, 5.0)
    assert (after.effective_from, after.duration_hours, after.verified) == (date(2025, 12, 5), 0.5, True)
    assert after.aliases == ("Regulation Up",) and after.source == "T3" and after.direction == "up"
    assert regup.at(date(2025, 12, 4)) is before and regup.at(date(2025, 12, 5)) is after
    assert nspin.at(date(2019, 12, 31)) is None
    assert nspin.at(date(2020, 1, 1)).online_only is False  # type: ignore[union-attr]


BAD_CASES = [
    # (what to change in VALID: old -> new, key the error must name, words the reason must contain)
    ('hubs = ["HUB_A"]', 'hubs = ["HUB_A"]\nprce_cap = 1', "prce_cap", "unknown key"),
    ("online_only = false", "online_only = false\ndurration_hours = 4", "products.NSPIN.durration_hours", "unknown"),
    ('direction = "up"\ndeploy_minutes = 30.0', "deploy_minutes = 30.0", "products.NSPIN.direction", "missing"),
    ('dam_interval_min = { value = 60, source = "T1", verified = true }\n', "", "dam_interval_min", "missing"),
    ("effective_from = 2020-01-01", 'effective_from = "2020-13-01"', "products.NSPIN.effective_from", "date"),
    ("effective_from = 2020-01-01", "effective_from = 2020-01-01T08:00:00", "products.NSPIN.effective_from", "no time"),
    (
        "{ effective_from = 2022-01-01, value = 5000.0 },",
        "{ effective_from = 2022-01-01, value = 5000.0 }, { effective_from = 2021-06-01, value = 4000.0 },",
        "price_cap_usd_per_mwh.values[2].effective_from",
        "not after",
    ),
    (
        'aliases = ["Non-Spin"]\n',
        'aliases = ["Non-Spin"]\n[[products.versions]]\neffective_from = 2019-06-01\nduration_hours = 2.0\n',
        "products.NSPIN.versions[0].effective_from",
        "not after the previous version's 2020-01-01",
    ),
    ("{ effective_from = 2022-01-01, value = 5000.0 }", "{ value = 5000.0 }", "values[1].effective_from", "missing"),
    ("effective_from = 2025-12-05\n", "", "products.REGUP.versions[0].effective_from", "missing"),
    ('name = "NSPIN"', 'name = "REGUP"', "products[1]", "duplicate product 'REGUP' (also products[0])"),
    ('aliases = ["Non-Spin"]', 'aliases = ["regulation-up"]', "products.NSPIN", "duplicate product"),
    ("deploy_minutes = 5\n", 'deploy_minutes = "5"\n', "products.REGUP.deploy_minutes", "number"),
    (
        'direction = "up"\ndeploy_minutes = 5',
        'direction = "sideways"\ndeploy_minutes = 5',
        "products.REGUP.direction",
        "'up' or 'down'",
    ),
    ("{ value = 15,", "{ value = 7.5,", "settlement_interval_min", "whole number"),
    ("duration_hours = 4.0", "duration_hours = -4.0", "products.NSPIN.duration_hours", "> 0"),
    ('[product_defaults]\nsource = "T3"\nverified = false\n', "", "products.REGUP.source", "missing"),
    (
        '{ value = 5, source = "T1", verified = true }',
        '{ value = 5, values = [{ value = 5 }], source = "T1", verified = true }',
        "rtm_interval_min",
        "exactly one",
    ),
    ("verified = true\nvalues = [", "values = [", "price_cap_usd_per_mwh.verified", "missing"),
    ('aliases = ["Non-Spin"]', 'aliases = "Non-Spin"', "products.NSPIN.aliases", "list of non-empty strings"),
    ("online_only = false", 'online_only = "no"', "products.NSPIN.online_only", "true or false"),
    ("online_only = false", "deployment_fraction = 1.5", "products.NSPIN.deployment_fraction", "fraction in [0, 1]"),
    ("online_only = false", "deployment_fraction = -0.1", "products.NSPIN.deployment_fraction", "fraction in [0, 1]"),
    ('timezone = "America/Chicago"', 'timezone = "Texas/Houston"', "timezone", "unknown IANA time zone"),
    (
        "duration_hours = 0.5\n",
        'duration_hours = 0.5\nname = "RENAMED"\n',
        "products.REGUP.versions[0].name",
        "unknown key",
    ),
]


@pytest.mark.parametrize(("old", "new", "key", "reason"), BAD_CASES, ids=[c[2] + ":" + c[3] for c in BAD_CASES])
def test_malformed_file_names_file_and_key(tmp_path, old, new, key, reason):
    assert old in VALID, old
    path = _write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(MarketDataError) as info:
        load_market_data(path)
    message = str(info.value)
    assert message.startswith(f"{path}: "), message
    assert key in info.value.key, message
    assert reason in message, message


def test_not_toml_and_missing_file_name_the_file(tmp_path):
    broken = _write(tmp_path, VALID.replace('name = "TESTISO"', "name = "))
    with pytest.raises(MarketDataError, match=r"testiso\.toml: cannot read market data: .*line 1"):
        load_market_data(broken)
    with pytest.raises(MarketDataError, match=r"nowhere\.toml: cannot read market data"):
        load_market_data(tmp_path / "nowhere.toml")


def test_every_market_reads_its_shipped_file():
    names = set()
    for market, cls in ADAPTERS.items():
        assert issubclass(cls, DataFileAdapter)
        data = load_market_data(shipped_data_file(cls.data_file))
        assert data.name == market
        names.add(cls.data_file)
    # No orphan data files: every file in markets/data belongs to one market.
    shipped = {p.name for p in shipped_data_file("").iterdir() if p.name.endswith(".toml")}
    assert shipped == names


def test_shipped_facts_at_their_dates():
    # Dated facts from reference/iso-markets.md, read back through the adapters.
    assert get_iso_adapter("ERCOT", as_of=date(2021, 12, 31)).price_cap_usd_per_mwh == 9000.0
    assert get_iso_adapter("ERCOT", as_of=date(2022, 1, 1)).price_cap_usd_per_mwh == 5000.0
    assert not get_iso_adapter("ERCOT", as_of=date(2023, 6, 9)).offers("ECRS")
    assert get_iso_adapter("ERCOT", as_of=date(2025, 12, 4)).get_product("ECRS").duration_hours == 2.0
    assert get_iso_adapter("ERCOT", as_of=date(2025, 12, 5)).get_product("ECRS").duration_hours == 1.0
    assert get_iso_adapter("ERCOT").get_product("Non-Spin").duration_hours == 4.0
    assert get_iso_adapter("PJM", as_of=date(2018, 3, 31)).market_interval.settlement_interval_min == 60
    assert get_iso_adapter("PJM", as_of=date(2018, 4, 1)).market_interval.settlement_interval_min == 5
    assert get_iso_adapter("MISO", as_of=date(2025, 9, 30)).price_cap_usd_per_mwh == 10000.0
    assert get_iso_adapter("CAISO", as_of=date(2026, 4, 30)).product_names == [
        "REGUP",
        "REGDN",
        "SPIN",
        "NSPIN",
        "RAMPUP",
        "RAMPDN",
    ]
    generic = get_iso_adapter("GENERIC")
    assert generic.as_products == [] and generic.timezone == "UTC"
    assert math.isinf(generic.price_cap_usd_per_mwh) and generic.price_floor_usd_per_mwh == -math.inf


def test_deployment_fraction_is_data_and_defaults_to_zero(tmp_path):
    # issue 8: no shipped file gives a sourced deployment fraction, so every shipped product is energy-neutral
    for cls in ADAPTERS.values():
        data = load_market_data(shipped_data_file(cls.data_file))
        for product in data.products:
            assert all(rule.deployment_fraction == 0.0 for rule in product.versions), product
    path = _write(tmp_path, VALID.replace("online_only = false", "online_only = false\ndeployment_fraction = 0.25", 1))
    nspin = next(p for p in load_market_data(path).products if p.versions[0].name == "NSPIN")
    assert nspin.versions[0].deployment_fraction == 0.25
