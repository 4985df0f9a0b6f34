"""The report's section bodies (HTML strings). Money goes through dcep_models.format_usd."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from dcep_cli.report._charts import economics_bars_svg, signed_lines
from dcep_cli.run_summary import economics_rows
from dcep_models import format_usd, plural

if TYPE_CHECKING:
    from dcep_cli.report._facts import ReportFacts


def _table(rows: list[tuple[str, str]], head: tuple[str, str] | None = None) -> str:
    top = f"<tr><th>{escape(head[0])}</th><th>{escape(head[1])}</th></tr>" if head else ""
    body = "".join(f'<tr><td>{escape(k)}</td><td class="num">{escape(v)}</td></tr>' for k, v in rows)
    return f"<table>{top}{body}</table>"


def _verdict(ok: bool | None, yes: str = "met", no: str = "NOT met") -> str:
    if ok is None:
        return '<span class="note">not asked for</span>'
    return f'<span class="ok">{yes}</span>' if ok else f'<span class="bad">{no}</span>'


def _tile(label: str, value_html: str, note: str = "") -> str:
    small = f'<div class="note">{escape(note)}</div>' if note else ""
    return f'<div class="tile">{escape(label)}<b>{value_html}</b>{small}</div>'


def overview(facts: ReportFacts) -> str:
    """Headline: net value, value vs baseline, unserved energy, AC violations, verdicts, SOC."""
    r, s = facts.result, facts.result.solver
    tiles = [_tile("Solver", escape(s.status), f"termination: {s.termination}")]
    e, rel = r.economics, r.reliability
    if e is not None:
        tiles.append(
            _tile("Net value", escape(format_usd(e.net_value_usd)), f"over {facts.case.time.horizon_hours:g} h")
        )
        if e.value_over_baseline_usd is not None and e.baseline is not None:
            tiles.append(
                _tile(
                    "Value vs baseline", escape(format_usd(e.value_over_baseline_usd)), f"baseline: {e.baseline.name}"
                )
            )
    if rel is not None:
        tiles.append(_tile("Unserved energy", f"{rel.unserved_mwh:.3f} MWh"))
    if facts.screening is not None:
        n_bad = len({v.interval for v in facts.screening.violations})
        cls = "ok" if n_bad == 0 else "bad"
        tiles.append(
            _tile("AC violations", f'<span class="{cls}">{plural(n_bad, "interval")}</span>', "pandapower screen")
        )
    else:
        tiles.append(_tile("AC violations", "not screened", facts.screening_error or ""))
    if rel is not None:
        rt = "" if rel.min_ride_through_min is None else f"min {rel.min_ride_through_min:.1f} of "
        tiles.append(
            _tile("Ride-through", _verdict(rel.ride_through_ok), f"{rt}{rel.ride_through_required_min:g} min required")
        )
        tiles.append(_tile(f"{rel.redundancy} generation", _verdict(rel.n_plus_1_ok, "held", "NOT held")))
    b = facts.inputs.battery
    if b is not None and r.timeseries:
        final = float(r.timeseries["bess_soc_mwh"][-1])
        tiles.append(
            _tile(
                "Battery SOC initial -> final",
                f"{b.soc_initial_mwh:.1f} -> {final:.1f} MWh",
                f"{b.soc_initial_mwh / b.energy_mwh:.0%} -> {final / b.energy_mwh:.0%} of {b.energy_mwh:g} MWh",
            )
        )
    notes = ""
    if r.diagnosis is not None:
        notes += f'<p class="bad">{escape(r.diagnosis.message)}</p>'
    notes += "".join(f'<p class="note">warning: {escape(w)}</p>' for w in r.warnings)
    return f'<div class="headline">{"".join(tiles)}</div>{notes}'


def electrical(facts: ReportFacts) -> str:
    """AC screen (pandapower) of every interval: violations by kind and the worst of each."""
    rep = facts.screening
    if rep is None:
        return f"<p>AC screen not available: {escape(facts.screening_error or 'not run')}</p>"
    n = len(rep.poi_s_mva)
    rows = [
        ("Intervals screened (AC power flow each)", str(n)),
        ("Converged", f"{int(rep.converged.sum())} of {n}"),
        (
            "Max POI apparent power",
            f"{float(rep.poi_s_mva.max()):.2f} MVA (rating {facts.case.topology.poi.rating_mva:g})",
        ),
        ("Min POI power factor", f"{float(rep.poi_pf.min()):.3f}"),
        ("Min / max MV bus voltage", f"{float(rep.mv_vm_pu.min()):.4f} / {float(rep.mv_vm_pu.max()):.4f} pu"),
        ("Largest linear-vs-AC gap", f"{rep.max_linear_gap_mva:.3f} MVA at interval {rep.max_linear_gap_interval}"),
    ]
    counts = rep.counts()
    verdict = (
        '<p class="ok">No AC limit violated in any interval.</p>'
        if not counts
        else '<p class="bad">Violations: '
        + escape(", ".join(f"{k} in {plural(v, 'interval')}" for k, v in sorted(counts.items())))
        + "</p>"
    )
    worst = "".join(
        f"<tr><td>{v.interval}</td><td>{escape(facts.result.interval_starts[v.interval])}</td><td>{escape(v.kind)}</td>"
        f'<td>{escape(v.element)}</td><td class="num">{v.value:.4g}</td><td class="num">{v.limit:.4g}</td></tr>'
        for v in rep.violations[:20]
    )
    listing = (
        "<table><tr><th>interval</th><th>start</th><th>kind</th><th>element</th><th>value</th><th>limit</th></tr>"
        + worst
        + "</table>"
        if worst
        else ""
    )
    return verdict + _table(rows) + listing


def timeline_notes(facts: ReportFacts) -> str:
    """How to read the timeline charts."""
    return (
        '<p class="note">Drag across a chart to zoom, double-click (or All) to zoom out; hover for values. '
        f"Times are local to {escape(facts.case.time.timezone)}.</p>"
    )


def reliability(facts: ReportFacts) -> str:
    """Ride-through and redundancy verdicts, unserved and curtailed energy, reserves held."""
    rel = facts.result.reliability
    if rel is None:
        return "<p>No schedule, so no reliability figures.</p>"
    rows = [
        ("Ride-through requirement", f"{rel.ride_through_required_min:g} min"),
        (
            "Minimum ride-through held",
            "n/a" if rel.min_ride_through_min is None else f"{rel.min_ride_through_min:.1f} min",
        ),
        ("Unserved energy", f"{rel.unserved_mwh:.3f} MWh"),
        ("Curtailed energy", f"{rel.curtailed_mwh:.3f} MWh"),
        ("Emergency floor draw", f"{rel.floor_draw_mwh:.3f} MWh"),
    ]
    ts, h = facts.result.timeseries, facts.inputs.interval_hours
    for p in facts.inputs.products:
        col = ts.get(f"reserve_{p.name}_mw")
        if col is not None:
            rows.append(
                (
                    f"Reserve {p.name} ({p.direction}, {p.duration_hours:g} h backing)",
                    f"{float(col.sum()) * h:.2f} MW-h",
                )
            )
    verdicts = (
        f"<p>Ride-through: {_verdict(rel.ride_through_ok)}; "
        f"{escape(rel.redundancy)} generation: {_verdict(rel.n_plus_1_ok, 'held', 'NOT held')}.</p>"
    )
    return verdicts + _table(rows)


def economics(facts: ReportFacts) -> str:
    """The economics table (every line, money in one format) and the signed bars."""
    e = facts.result.economics
    if e is None:
        return "<p>No schedule, so no economics.</p>"
    rows = [(label, format_usd(v)) for label, v in economics_rows(e)]
    rows += [(f"  AS {name}", format_usd(v)) for name, v in sorted(e.as_revenue_by_product_usd.items())]
    rows.append(("Net value", format_usd(e.net_value_usd)))
    if e.baseline is not None and e.value_over_baseline_usd is not None:
        rows.append((f"Baseline ({e.baseline.name}) net value", format_usd(e.baseline.net_value_usd)))
        rows.append(("Value over baseline", format_usd(e.value_over_baseline_usd)))
    note = f'<p class="note">Baseline: {escape(e.baseline.definition)}</p>' if e.baseline is not None else ""
    bars = economics_bars_svg(signed_lines(economics_rows(e)))
    return (
        _table(rows, ("line (revenues and costs, USD over the horizon)", "USD"))
        + note
        + "<p>Contribution to net value (revenues +, costs -):</p>"
        + bars
    )


def explainer(facts: ReportFacts) -> str:
    """Binding limits ranked (dcep-explain) and the narrative of the most valuable interval."""
    exp = facts.explanation
    if exp is None:
        return f"<p>Explanation not available: {escape(facts.explain_error or 'not run')}</p>"
    fams = exp.family_table()[:12]
    head = "<tr><th>limit</th><th>intervals</th><th>rows</th><th>max value</th><th>meaning</th></tr>"
    body = "".join(
        f'<tr><td>{escape(f.name)}</td><td class="num">{f.intervals}</td><td class="num">{f.members}</td>'
        f'<td class="num">{escape(format_usd(f.max_value_usd_per_mwh, unit="MWh"))}</td>'
        f"<td>{escape(f.meaning)}</td></tr>"
        for f in fams
    )
    h, n = facts.inputs.interval_hours, facts.inputs.n_intervals
    active = exp.active_limits()
    best = max(range(n), key=lambda t: abs(active[t].value_usd_per_mwh(h)) if active[t] is not None else -1.0)
    stories = "".join(f"<li><b>{escape(s.subject)}</b>: {escape(s.text)}</li>" for s in exp.narratives(best))
    return (
        "<p>Binding limits ranked by how many intervals they bind (value = USD/MWh of relaxing the limit by one "
        "unit):</p>"
        f"<table>{head}{body}</table>"
        f"<h3>Interval {best} ({escape(facts.result.interval_starts[best])}), where a limit is worth the most</h3>"
        f"<ul>{stories}</ul>"
    )


def assumptions(facts: ReportFacts) -> str:
    """What the case assumed and where its data came from, the solver facts and the software versions."""
    c, inp, s = facts.case, facts.inputs, facts.result.solver
    t, poi = c.time, c.topology.poi
    pr = c.prices
    source = (
        f"CSV {pr.energy_csv}" + (f" (location {pr.location})" if pr.location else "")
        if pr.energy_csv
        else f"synthetic: base {format_usd(pr.base_price_usd_per_mwh or 0.0, unit='MWh')}, "
        f"peak hours {pr.peak_hours} x{pr.peak_multiplier:g}, "
        f"off-peak hours {pr.offpeak_hours} x{pr.offpeak_multiplier:g}"
    )
    rows = [
        ("Case file", facts.case_path or "(in memory)"),
        ("Market", c.iso),
        ("Start, time zone", f"{t.start_aware.isoformat()} ({t.timezone})"),
        ("Horizon", f"{t.horizon_hours:g} h in {plural(t.n_intervals, 'interval')} of {t.interval_minutes} min"),
        ("POI", f"import {poi.max_import_mw:g} MW, export {poi.max_export_mw:g} MW, {poi.rating_mva:g} MVA"),
        ("Energy prices", source),
        ("AS prices", f"CSV {pr.as_csv}" if pr.as_csv else f"flat {pr.as_prices_usd_per_mw_h or 'none'}"),
        ("AS products sold", ", ".join(f"{p.name} ({p.duration_hours:g} h)" for p in inp.products) or "none"),
        ("Critical load", f"{c.critical_load_mw:g} MW"),
        (
            "Ride-through",
            f"{c.reliability.ride_through_minutes:g} min; VoLL {format_usd(inp.voll_usd_per_mwh, unit='MWh')}",
        ),
        (
            "Solver",
            f"HiGHS via PuLP: {s.status}, gap {'n/a' if s.mip_gap is None else f'{s.mip_gap:.4%}'}, "
            f"{s.n_variables} variables ({s.n_integer} integer), {s.solve_s:.2f} s",
        ),
    ]
    if inp.battery is not None:
        b = inp.battery
        rows.append(("Battery", f"{b.power_mw:g} MW / {b.energy_mwh:g} MWh, floor {b.floor_mwh:.2f} MWh"))
    for f in inp.fleets:
        rows.append(
            (
                f"Generators {f.name}",
                f"{f.count} x {f.p_max_mw:g} MW, fuel {format_usd(f.fuel_usd_per_mwh, unit='MWh')}",
            )
        )
    for name, version in sorted(facts.versions.items()):
        rows.append((f"software: {name}", version))
    return _table(rows)
