"""Many power flows at once: pandapower builds the admittances, numpy solves every step together.

:class:`BatchPowerFlow` runs pandapower's ``runpp`` once to obtain its internal bus-branch model
(``Ybus``, ``Yf``, ``Yt``, bus lookup, slack), then solves T load steps with a Newton-Raphson that
is vectorised across steps: each iteration builds T small dense Jacobians and solves them with one
``numpy.linalg.solve`` call. Results are read back exactly as pandapower does (transformer loading
by current against the rated current, divided by the units in parallel).

Supported: PQ injections at any bus, one or more ``ext_grid`` slacks; no PV generators, no
controllers, no voltage-dependent loads (the planning network has none).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandapower as pp
from numpy.typing import NDArray

from dcep_topology.network import PowerFlowError

__all__ = ["BatchPowerFlow", "BatchResult"]

FloatArray = NDArray[np.float64]

# Cap on T * nb * nb complex entries per chunk (~16 MB per Jacobian-sized array).
_CHUNK_ENTRIES = 1_000_000


@dataclass(frozen=True)
class BatchResult:
    """Per-step results, rows are steps (T). Columns follow ``bus_index`` / ``trafo_index``.

    ``grid_p_mw``/``grid_q_mvar`` are the slack injections (import into the site positive).
    """

    bus_index: NDArray[np.int64]
    trafo_index: NDArray[np.int64]
    vm_pu: FloatArray
    va_degree: FloatArray
    trafo_loading_percent: FloatArray
    trafo_p_hv_mw: FloatArray
    trafo_q_hv_mvar: FloatArray
    trafo_pl_mw: FloatArray
    grid_p_mw: FloatArray
    grid_q_mvar: FloatArray
    converged: NDArray[np.bool_]
    iterations: int

    def bus(self, pp_bus: int) -> int:
        """Column of pandapower bus ``pp_bus`` in ``vm_pu``/``va_degree``.

        Raises:
            KeyError: no such bus.
        """
        hits = np.flatnonzero(self.bus_index == pp_bus)
        if len(hits) != 1:
            raise KeyError(f"bus {pp_bus} is not in this result")
        return int(hits[0])


class BatchPowerFlow:
    """Vectorised Newton-Raphson over many load steps of one pandapower network.

    Args:
        net: a pandapower net; it is solved once with ``runpp`` (its element setpoints are only
            used for that first solve; :meth:`solve` replaces every bus injection).

    Raises:
        PowerFlowError: the initial ``runpp`` does not converge.
        ValueError: the net holds elements the batch path does not model (PV generators).
    """

    def __init__(self, net: Any) -> None:
        try:
            pp.runpp(net, algorithm="nr", numba=False, trafo_loading="current")
        except pp.LoadflowNotConverged as exc:
            raise PowerFlowError(f"initial power flow did not converge: {exc}") from exc
        internal = net._ppc["internal"]
        if len(internal["pv"]):
            raise ValueError("BatchPowerFlow: PV buses (net.gen) are not supported; model units as sgen (PQ)")
        self._base_mva = float(internal["baseMVA"])
        self._ybus = np.asarray(internal["Ybus"].toarray(), dtype=complex)
        self._ref = np.asarray(internal["ref"], dtype=np.int64)
        self._pq = np.asarray(internal["pq"], dtype=np.int64)
        self._pvpq = np.asarray(np.r_[internal["pv"], internal["pq"]], dtype=np.int64)
        self._v0 = np.asarray(internal["V"], dtype=complex)  # converged voltages: slack setpoints + warm start
        self._nb = self._ybus.shape[0]
        self.bus_index = net.bus.index.to_numpy(dtype=np.int64)
        self._bus_lookup = np.asarray(net._pd2ppc_lookups["bus"], dtype=np.int64)[self.bus_index]
        bus_kv = internal["bus"][:, 9].real  # BASE_KV
        branch_ranges = net._pd2ppc_lookups["branch"]
        if "trafo" in branch_ranges:
            f, t = branch_ranges["trafo"]
            branch = internal["branch"]
            self._tr_from = branch[f:t, 0].real.astype(np.int64)
            self._tr_to = branch[f:t, 1].real.astype(np.int64)
            self._yf = np.asarray(internal["Yf"][f:t].toarray(), dtype=complex)
            self._yt = np.asarray(internal["Yt"][f:t].toarray(), dtype=complex)
            trafo = net.trafo
            # pandapower: loading = max(i_side * vn_side * sqrt3 / sn) / parallel / df, i from bus base kV.
            self._scale_from = trafo["vn_hv_kv"].to_numpy() / bus_kv[self._tr_from] / trafo["sn_mva"].to_numpy()
            self._scale_to = trafo["vn_lv_kv"].to_numpy() / bus_kv[self._tr_to] / trafo["sn_mva"].to_numpy()
            self._units = (trafo["parallel"] * trafo["df"]).to_numpy(dtype=float)
            self.trafo_index = trafo.index.to_numpy(dtype=np.int64)
        else:
            self._tr_from = self._tr_to = np.zeros(0, dtype=np.int64)
            self._yf = self._yt = np.zeros((0, self._nb), dtype=complex)
            self._scale_from = self._scale_to = self._units = np.zeros(0)
            self.trafo_index = np.zeros(0, dtype=np.int64)

    def result_column(self, pp_bus: int) -> int:
        """Column of pandapower bus ``pp_bus`` in the injection matrices and results.

        Raises:
            KeyError: no such bus.
        """
        hits = np.flatnonzero(self.bus_index == pp_bus)
        if len(hits) != 1:
            raise KeyError(f"bus {pp_bus} is not in this network")
        return int(hits[0])

    def solve(self, p_mw: FloatArray, q_mvar: FloatArray, tol_mva: float = 1e-9, max_iter: int = 20) -> BatchResult:
        """Solve T steps of net bus injections.

        Args:
            p_mw: (T, n_bus) net active injection per pandapower bus (columns in ``bus_index``
                order; generation positive, load negative), MW.
            q_mvar: (T, n_bus) net reactive injection, MVAr.
            tol_mva: largest bus mismatch accepted, MVA.
            max_iter: Newton iterations before a step is declared not converged.

        Returns:
            :class:`BatchResult`; ``converged`` marks the steps that met ``tol_mva``.

        Raises:
            ValueError: arrays of the wrong shape or not finite.
        """
        p = np.asarray(p_mw, dtype=float)
        q = np.asarray(q_mvar, dtype=float)
        if p.ndim != 2 or p.shape != q.shape or p.shape[1] != len(self.bus_index):
            raise ValueError(f"p_mw/q_mvar: need equal shapes (T, {len(self.bus_index)}), got {p.shape} and {q.shape}")
        if not (np.isfinite(p).all() and np.isfinite(q).all()):
            raise ValueError("p_mw/q_mvar: contain NaN or infinite values")
        n_steps = p.shape[0]
        s_bus = np.zeros((n_steps, self._nb), dtype=complex)
        for col, ppc_bus in enumerate(self._bus_lookup):  # buses merged by switches add up
            s_bus[:, ppc_bus] += (p[:, col] + 1j * q[:, col]) / self._base_mva
        chunk = max(1, _CHUNK_ENTRIES // max(1, self._nb * self._nb))
        parts = [
            self._solve_chunk(s_bus[i : i + chunk], tol_mva / self._base_mva, max_iter)
            for i in range(0, n_steps, chunk)
        ]
        v = np.concatenate([x[0] for x in parts]) if parts else np.zeros((0, self._nb), dtype=complex)
        converged = np.concatenate([x[1] for x in parts]) if parts else np.zeros(0, dtype=bool)
        iterations = max((x[2] for x in parts), default=0)
        return self._results(v, converged, iterations)

    def _solve_chunk(self, s_bus: NDArray[np.complex128], tol_pu: float, max_iter: int) -> tuple[Any, Any, int]:
        ybus, pvpq, pq = self._ybus, self._pvpq, self._pq
        n_pvpq = len(pvpq)
        v = np.broadcast_to(self._v0, s_bus.shape).copy()
        for iteration in range(max_iter + 1):
            current = v @ ybus.T
            mismatch = v * np.conj(current) - s_bus
            f = np.concatenate([mismatch[:, pvpq].real, mismatch[:, pq].imag], axis=1)
            err = np.abs(f).max(axis=1) if f.shape[1] else np.zeros(len(v))
            active = err > tol_pu
            if not active.any() or iteration == max_iter:
                return v, ~active, iteration
            va_idx = np.flatnonzero(active)
            va = v[va_idx]
            vnorm = va / np.abs(va)
            # Jacobian blocks (MATPOWER dSbus_dV), one dense matrix per step.
            ds_dvm = va[:, :, None] * np.conj(ybus[None] * vnorm[:, None, :])
            ds_dva = -1j * va[:, :, None] * np.conj(ybus[None] * va[:, None, :])
            diag = np.arange(self._nb)
            ds_dvm[:, diag, diag] += np.conj(current[va_idx]) * vnorm
            ds_dva[:, diag, diag] += 1j * va * np.conj(current[va_idx])
            jac = np.concatenate(
                [
                    np.concatenate([ds_dva[:, pvpq][:, :, pvpq].real, ds_dvm[:, pvpq][:, :, pq].real], axis=2),
                    np.concatenate([ds_dva[:, pq][:, :, pvpq].imag, ds_dvm[:, pq][:, :, pq].imag], axis=2),
                ],
                axis=1,
            )
            dx = np.linalg.solve(jac, -f[va_idx][:, :, None])[:, :, 0]
            vm = np.abs(va)
            ang = np.angle(va)
            ang[:, pvpq] += dx[:, :n_pvpq]
            vm[:, pq] += dx[:, n_pvpq:]
            v[va_idx] = vm * np.exp(1j * ang)
        raise AssertionError("unreachable")  # pragma: no cover

    def _results(self, v: NDArray[np.complex128], converged: NDArray[np.bool_], iterations: int) -> BatchResult:
        cols = self._bus_lookup
        current = v @ self._ybus.T
        s_inj = v * np.conj(current) * self._base_mva
        s_ref = s_inj[:, self._ref].sum(axis=1)
        s_from = v[:, self._tr_from] * np.conj(v @ self._yf.T) * self._base_mva
        s_to = v[:, self._tr_to] * np.conj(v @ self._yt.T) * self._base_mva
        vm = np.abs(v)
        ld_from = np.abs(s_from) / vm[:, self._tr_from] * self._scale_from
        ld_to = np.abs(s_to) / vm[:, self._tr_to] * self._scale_to
        loading = np.maximum(ld_from, ld_to) * 100.0 / self._units
        return BatchResult(
            bus_index=self.bus_index,
            trafo_index=self.trafo_index,
            vm_pu=vm[:, cols],
            va_degree=np.degrees(np.angle(v[:, cols])),
            trafo_loading_percent=loading,
            trafo_p_hv_mw=s_from.real,
            trafo_q_hv_mvar=s_from.imag,
            trafo_pl_mw=(s_from + s_to).real,
            grid_p_mw=s_ref.real,
            grid_q_mvar=s_ref.imag,
            converged=converged,
            iterations=iterations,
        )
