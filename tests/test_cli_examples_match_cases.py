"""The examples `dcep init` ships (package data of dcep-cli) are byte-identical to the repository's
cases and price data: one source, copied, and this test ties the copies to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcep_cli.cmd_init import example_files

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("rel", [r for r in example_files() if r != "data/README.md"])
def test_shipped_example_equals_the_repository_copy(rel):
    assert example_files()[rel].read_bytes() == (ROOT / "cases" / rel).read_bytes()
