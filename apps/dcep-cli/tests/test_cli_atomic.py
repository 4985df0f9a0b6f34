"""Atomic writes keep the user's umask: the mode is what a plain ``open(path, "w")`` gives."""

from __future__ import annotations

import os
import stat

import pytest

from dcep_cli.atomic import write_text_atomic


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_atomic_write_mode_follows_umask(tmp_path, mask):
    old = os.umask(mask)
    try:
        plain = tmp_path / "plain.txt"
        plain.write_text("x")  # the reference: what the OS gives an ordinary write under this umask
        target = tmp_path / "atomic.txt"
        write_text_atomic(target, "hello")
    finally:
        os.umask(old)
    assert target.read_text() == "hello"
    assert stat.S_IMODE(target.stat().st_mode) == stat.S_IMODE(plain.stat().st_mode) == 0o666 & ~mask
    assert os.umask(old) == old  # the process umask is restored
