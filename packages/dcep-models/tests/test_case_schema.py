"""The case schema accepts a valid case and derives its quantities correctly."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from dcep_models import case_json_schema, parse_case


def test_valid_case_derives_intervals_and_canonical_iso(case_dict):
    case = parse_case(case_dict)
    assert case.iso == "ERCOT"  # "ercot" canonicalised
    assert case.time.n_intervals == 96  # 24 h * 60 / 15
    assert case.time.interval_hours == 0.25
    assert case.critical_load_mw == 25


def test_iso_names_are_case_and_hyphen_insensitive(case_dict):
    for spelling, canonical in (("iso-ne", "ISO-NE"), ("ISONE", "ISO-NE"), ("Generic", "GENERIC"), ("spp", "SPP")):
        case_dict["iso"] = spelling
        if canonical == "GENERIC":
            case_dict["prices"].pop("as_prices_usd_per_mw_h", None)
        assert parse_case(case_dict).iso == canonical


def test_naive_start_is_read_in_case_timezone(case_dict):
    case = parse_case(case_dict)
    assert case.time.start_aware == datetime(2025, 8, 14, tzinfo=ZoneInfo("America/Chicago"))
    # CDT is UTC-5 in August
    assert case.time.start_aware.utcoffset().total_seconds() == -5 * 3600


def test_interval_starts_cross_dst_in_elapsed_time(case_dict):
    # 2025-03-09 02:00 CST jumps to 03:00 CDT: 24 elapsed hours end at 01:00 local next day
    # (a start with its UTC offset means elapsed hours; a naive midnight start would be an error)
    case_dict["time"]["start"] = "2025-03-09T00:00:00-06:00"
    starts = parse_case(case_dict).time.interval_starts()
    assert len(starts) == 96
    utc = ZoneInfo("UTC")
    assert (starts[-1].astimezone(utc) - starts[0].astimezone(utc)).total_seconds() == 95 * 15 * 60
    assert starts[8].hour == 3  # 00:00 + 2 h of elapsed time is 03:00 CDT
    assert starts[-1].replace(tzinfo=None) == datetime(2025, 3, 10, 0, 45)


def test_transformer_firm_rating_drops_largest_unit(case_dict):
    case = parse_case(case_dict)
    t = case.topology.transformers[0]
    assert t.installed_mva == 160
    assert t.firm_mva == 80  # N+1 of two 80 MVA units
    assert case.topology.transformer_firm_mva == 80


def test_generator_marginal_cost_is_heat_rate_times_fuel_plus_vom(case_dict):
    case_dict["resources"]["generators"][0].update(
        heat_rate_mmbtu_per_mwh=9.5, fuel_price_usd_per_mmbtu=3.0, vom_usd_per_mwh=4.0
    )
    gen = parse_case(case_dict).resources.generators[0]
    assert gen.marginal_cost_usd_per_mwh == 9.5 * 3.0 + 4.0
    assert gen.fleet_p_max_mw == 60


def test_json_schema_lists_sections_and_forbids_unknown_fields():
    schema = case_json_schema()
    assert set(schema["required"]) >= {"name", "iso", "time", "topology", "resources", "prices"}
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["Bess"]["additionalProperties"] is False
    assert schema["$defs"]["Bess"]["properties"]["energy_mwh"]["exclusiveMinimum"] == 0


def test_every_file_field_is_found_by_referenced_files(tmp_path):
    """Fields naming a file must end in a FILE_FIELD_SUFFIXES ending (so the CLI never writes over them)."""
    import json as _json

    from dcep_models import FILE_FIELD_SUFFIXES, case_json_schema, load_case, referenced_files

    def names(node):
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                yield key
                yield from names(value)
            for value in node.values():
                if isinstance(value, (dict, list)):
                    yield from names(value)
        elif isinstance(node, list):
            for value in node:
                yield from names(value)

    words = {"csv", "file", "path", "json"}
    fileish = {n for n in names(case_json_schema()) if words & set(n.split("_")) and n != "energy_column"}
    assert {"energy_csv", "as_csv"} <= fileish
    assert all(n.endswith(FILE_FIELD_SUFFIXES) for n in fileish), fileish

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "e.csv").write_text("timestamp,price\n")
    (tmp_path / "a.csv").write_text("timestamp,REGUP\n")
    case = {
        "name": "refs",
        "iso": "ERCOT",
        "time": {"start": "2025-08-14T00:00:00", "horizon_hours": 1, "interval_minutes": 60},
        "topology": {"poi": {"max_import_mw": 20, "max_export_mw": 10, "rating_mva": 25}},
        "resources": {"loads": [{"name": "it", "kind": "critical", "power_mw": 4}]},
        "reliability": {"ride_through_minutes": 0},
        "prices": {"energy_csv": "data/e.csv", "as_csv": "a.csv"},
    }
    path = tmp_path / "c.json"
    path.write_text(_json.dumps(case))
    got = referenced_files(load_case(path))
    assert got == [
        ("prices.energy_csv", tmp_path.resolve() / "data" / "e.csv"),
        ("prices.as_csv", tmp_path.resolve() / "a.csv"),
    ]
