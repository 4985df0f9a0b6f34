"""The time series as Parquet (``--parquet``), via pyarrow: the optional ``dcep-cli[parquet]`` extra."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from dcep_cli.atomic import _umask
from dcep_models import CaseError

if TYPE_CHECKING:
    from dcep_opt import DispatchResult


def require_pyarrow(option: str = "--parquet") -> None:
    """Fail before any solve when pyarrow is missing.

    Raises:
        CaseError: naming ``option`` and the extra to install.
    """
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise CaseError.single(option, "needs pyarrow: pip install 'dcep-cli[parquet]'") from None


def write_parquet_atomic(path: str | Path, result: DispatchResult) -> None:
    """Write ``result.to_frame()`` (UTC ``interval_start`` index, full float precision) to ``path``
    via a temporary file in the same folder and a rename.

    Raises:
        OSError: the folder is missing or not writable (nothing is left behind).
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    os.close(fd)
    try:
        result.to_frame().to_parquet(tmp, engine="pyarrow")
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
