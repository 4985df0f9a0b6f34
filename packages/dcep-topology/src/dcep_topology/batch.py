"""Many power flows at once: pandapower builds the admittances, numpy solves every step together.

:class:`BatchPowerFlow` runs pandapower's ``runpp`` once to obtain its internal bus-branch model
(``Ybus``, ``Yf``, ``Yt``, bus lookup, slack), then solves T load steps with a Newton-Raphson that
is vectorised across steps: each iteration builds T small dense Jacobians and solves them with one
``numpy.linalg.solve`` call. Results are read back exactly as pandapower does (transformer loading
by current against the rated current, divided by the units in parallel).

Supported: PQ injections at any bus, one or more ``ext_grid`` slacks, out-of-service lines,
transformers and buses, open and closed switches (pandapower's branch ranges index its full branch
table; the internal matrices hold only in-service branches, so rows are mapped through
``branch_is``). Out-of-service transformers read 0 and isolated buses NaN, as in ``runpp``'s
results. No PV generators, no controllers, no voltage-dependent loads (the planning network has
none).
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
        # pandapower bus -> internal (ppci) bus; out-of-service or isolated buses map past the end
        lookup = np.asarray(net._pd2ppc_lookups["bus"], dtype=np.int64)[self.bus_index]
        self._bus_live = (lookup >= 0) & (lookup < self._nb)
        self._bus_lookup = np.where(self._bus_live, lookup, 0)
        bus_kv = internal["bus"][:, 9].real  # BASE_KV
        trafo = net.trafo
        self.trafo_index = trafo.index.to_numpy(dtype=np.int64)
        # The branch ranges index pandapower's full branch table (every element, in-service or not);
        # the internal Yf/Yt/branch hold only in-service branches: map through ``branch_is``.
        branch_is = np.asarray(internal["branch_is"], dtype=bool)
        internal_row = np.cumsum(branch_is) - 1
        f, t = net._pd2ppc_lookups["branch"].get("trafo", (0, 0))
        live = branch_is[f:t] if t > f else np.zeros(len(trafo), dtype=bool)
        rows = internal_row[f:t][live]
        self._tr_cols = np.flatnonzero(live)  # columns of in-service transformers in the results
        branch = internal["branch"]
        self._tr_from = branch[rows, 0].real.astype(np.int64)
        self._tr_to = branch[rows, 1].real.astype(np.int64)
        self._yf = np.asarray(internal["Yf"][rows].toarray(), dtype=complex).reshape(len(rows), self._nb)
        self._yt = np.asarray(internal["Yt"][rows].toarray(), dtype=complex).reshape(len(rows), self._nb)
        on = trafo[live] if len(trafo) else trafo
        # pandapower: loading = max(i_side * vn_side * sqrt3 / sn) / parallel / df, i from bus base kV.
        self._scale_from = on["vn_hv_kv"].to_numpy(dtype=float) / bus_kv[self._tr_from] / on["sn_mva"].to_numpy(float)
        self._scale_to = on["vn_lv_kv"].to_numpy(dtype=float) / bus_kv[self._tr_to] / on["sn_mva"].to_numpy(float)
        self._units = (on["parallel"] * on["df"]).to_numpy(dtype=float)

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
        for col in np.flatnonzero(self._bus_live):  # buses merged by switches add up; dead buses carry nothing
            s_bus[:, self._bus_lookup[col]] += (p[:, col] + 1j * q[:, col]) / self._base_mva
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
        n_steps, n_trafo = len(v), len(self.trafo_index)
        current = v @ self._ybus.T
        s_inj = v * np.conj(current) * self._base_mva
        s_ref = s_inj[:, self._ref].sum(axis=1)
        s_from = v[:, self._tr_from] * np.conj(v @ self._yf.T) * self._base_mva
        s_to = v[:, self._tr_to] * np.conj(v @ self._yt.T) * self._base_mva
        vm = np.abs(v)
        ld_from = np.abs(s_from) / vm[:, self._tr_from] * self._scale_from
        ld_to = np.abs(s_to) / vm[:, self._tr_to] * self._scale_to
        # out-of-service transformers read 0 (as pandapower's res_trafo); dead buses NaN (as res_bus)
        loading, p_hv, q_hv, pl = (np.zeros((n_steps, n_trafo)) for _ in range(4))
        loading[:, self._tr_cols] = np.maximum(ld_from, ld_to) * 100.0 / self._units
        p_hv[:, self._tr_cols] = s_from.real
        q_hv[:, self._tr_cols] = s_from.imag
        pl[:, self._tr_cols] = (s_from + s_to).real
        vm_out = np.where(self._bus_live, vm[:, self._bus_lookup], np.nan)
        va_out = np.where(self._bus_live, np.degrees(np.angle(v[:, self._bus_lookup])), np.nan)
        return BatchResult(
            bus_index=self.bus_index,
            trafo_index=self.trafo_index,
            vm_pu=vm_out,
            va_degree=va_out,
            trafo_loading_percent=loading,
            trafo_p_hv_mw=p_hv,
            trafo_q_hv_mvar=q_hv,
            trafo_pl_mw=pl,
            grid_p_mw=s_ref.real,
            grid_q_mvar=s_ref.imag,
            converged=converged,
            iterations=iterations,
        )
