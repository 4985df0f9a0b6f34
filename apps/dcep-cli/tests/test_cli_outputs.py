"""What `dcep run` writes: results JSON with the solved case and the software versions, a CSV
rounded per unit, and Parquet (the dcep-cli[parquet] extra, installed by the nox sessions)."""

from __future__ import annotations

import csv
import json
from importlib import metadata

import pandas as pd
import pytest

import dcep_opt
from dcep_cli.main import main
from dcep_models import load_case


def test_results_json_embeds_the_case_it_solved_and_versions(tmp_path, small_case, write_case):
    path = write_case(small_case)
    out = tmp_path / "results.json"
    assert main(["run", str(path), "-q", "-o", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["case_input"] == load_case(path).model_dump(mode="json")
    assert data["case_input"]["resources"]["bess"]["energy_mwh"] == 20  # the input, defaults filled in
    assert data["versions"]["dcep-opt"] == metadata.version("dcep-opt")
    assert data["versions"]["highspy"] == metadata.version("highspy")


def test_parquet_holds_the_same_series_as_the_csv(tmp_path, small_case, write_case):
    path = write_case(small_case)
    table, frame_file = tmp_path / "ts.csv", tmp_path / "ts.parquet"
    assert main(["run", str(path), "-q", "--csv", str(table), "--parquet", str(frame_file)]) == 0
    frame = pd.read_parquet(frame_file)
    rows = list(csv.DictReader(table.open()))
    assert len(frame) == len(rows) == 4
    assert str(frame.index.tz) == "UTC"
    assert frame.index[0].isoformat() == "2025-08-14T05:00:00+00:00"  # 00:00 at UTC-5
    for col in ("grid_import_mw", "bess_soc_mwh", "energy_price_usd_per_mwh"):
        assert frame[col].tolist() == pytest.approx([float(r[col]) for r in rows], abs=1e-4)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_parquet_onto_the_case_is_refused_before_solving(tmp_path, small_case, write_case, monkeypatch, capsys):
    monkeypatch.setattr(dcep_opt, "solve_dispatch", lambda *a, **k: pytest.fail("solved before checking"))
    path = write_case(small_case)
    before = path.read_bytes()
    assert main(["run", str(path), "-q", "--parquet", str(path)]) == 2
    assert "--parquet" in capsys.readouterr().err and path.read_bytes() == before
