"""`dcep migrate` on the seed README's own "Case File Format" example, and `dcep init`.

``data/seed_readme_case.json`` is the example exactly as the seed README prints it (lines 242-281 of
the design document), placeholders ``[...]`` / ``{...}`` included. These tests run against the
installed wheel too (nox -s installed): ``dcep init`` must find its package data there.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from dcep_cli.main import main
from dcep_cli.migrate import read_seed_text

SEED = Path(__file__).parent / "data" / "seed_readme_case.json"


def test_the_seed_example_fails_validation_with_nine_problems_before_migration(tmp_path, capsys):
    data, _ = read_seed_text(SEED.read_text())
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(data))
    assert main(["validate", str(plain)]) == 2
    err = capsys.readouterr().err
    assert "9 problems in case" in err
    for old in (
        "topology.poi.mva_rating",
        "resources.bess.soc_reserve",
        "reliability.voll_per_mwh",
        "prices.base_price",
    ):
        assert f"{old}: unknown field; did you mean" in err


def test_migrated_seed_example_validates_and_runs(tmp_path, capsys):
    before = hashlib.sha256(SEED.read_bytes()).hexdigest()
    new = tmp_path / "migrated.json"
    assert main(["migrate", str(SEED), str(new)]) == 0
    out = capsys.readouterr().out
    for said in (
        "renamed topology.poi.mva_rating -> rating_mva",
        "renamed resources.bess.soc_reserve -> soc_reserve_frac",
        "renamed reliability.voll_per_mwh -> voll_usd_per_mwh",
        "renamed prices.base_price -> base_price_usd_per_mwh",
        "renamed prices.as_prices -> as_prices_usd_per_mw_h",
        "assumed time.start 2025-08-14T00:00:00",
        "assumed time.timezone 'America/Chicago'",
        "assumed resources.loads from the seed's example",
    ):
        assert said in out, said
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == before
    data = json.loads(new.read_text())
    assert data["topology"]["poi"]["rating_mva"] == 75 and data["resources"]["bess"]["soc_reserve_frac"] == 0.25
    assert data["reliability"]["voll_usd_per_mwh"] == 50000 and data["prices"]["base_price_usd_per_mwh"] == 35
    assert main(["validate", str(new)]) == 0
    assert main(["run", str(new), "-q"]) == 0
    assert "Solver status: optimal" in capsys.readouterr().out


def test_migrate_refuses_to_overwrite_its_input(tmp_path, capsys):
    old = tmp_path / "old.json"
    old.write_bytes(SEED.read_bytes())
    assert main(["migrate", str(old), str(old)]) == 2
    assert "is the case file" in capsys.readouterr().err
    assert old.read_bytes() == SEED.read_bytes()


def test_migrate_maps_seed_product_names_and_generator_mappings(tmp_path, capsys):
    data, _ = read_seed_text(SEED.read_text())
    data["prices"]["as_prices"] = {"Reg-Up": 10.0, "Reg-Down": 6.0, "Spin": 7.0}
    data["resources"]["generators"] = {"gas": {"count": 2, "p_max_mw": 15, "heat_rate_mmbtu_per_mwh": 9.5}}
    data["resources"]["loads"] = [{"name": "it", "type": "critical", "mw": 30, "pf": 0.97}]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data))
    new = tmp_path / "new.json"
    # 30 MW of critical load is more than the 25 MW battery can carry through: written, still invalid
    assert main(["migrate", str(old), str(new)]) == 2
    assert "resources.bess.power_mw: ride-through needs the battery to carry 30 MW" in capsys.readouterr().err
    data["resources"]["loads"][0]["mw"] = 20
    old.write_text(json.dumps(data))
    new.unlink()
    assert main(["migrate", str(old), str(new)]) == 0
    got = json.loads(new.read_text())
    assert got["prices"]["as_prices_usd_per_mw_h"] == {"REGUP": 10.0, "REGDN": 6.0, "RRS": 7.0}
    assert got["resources"]["generators"] == [
        {"name": "gas", "count": 2, "p_max_mw": 15, "heat_rate_mmbtu_per_mwh": 9.5}
    ]
    assert got["resources"]["loads"] == [{"name": "it", "kind": "critical", "power_mw": 20, "power_factor": 0.97}]


def test_init_writes_runnable_examples_and_never_overwrites(tmp_path, capsys):
    folder = tmp_path / "demo"
    assert main(["init", str(folder)]) == 0
    written = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert written == [
        "data/README.md",
        "data/ercot/hb_hubavg_rtm_15min_2025-08.csv",
        "ercot_50mw.json",
        "ercot_50mw_real_2025-08-14.json",
    ]
    assert main(["validate", str(folder / "ercot_50mw_real_2025-08-14.json")]) == 0  # reads the shipped prices
    assert "energy " in capsys.readouterr().out
    assert main(["run", str(folder / "ercot_50mw.json"), "-q"]) == 0
    assert "Solver status: optimal" in capsys.readouterr().out
    stamp = (folder / "ercot_50mw.json").stat().st_mtime_ns
    assert main(["init", str(folder)]) == 2
    assert "nothing written" in capsys.readouterr().err
    assert (folder / "ercot_50mw.json").stat().st_mtime_ns == stamp
