"""Plot widgets: textual-plotext's PlotextPlot over a dated time axis, stacked areas, the P-Q envelope, and
signed money bars (drawn as text so every bar starts at a visible zero line and stays inside the frame)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
from rich.text import Text
from textual.widgets import Static
from textual_plotext import PlotextPlot

from dcep_models import format_usd
from dcep_tui.money import format_usd_short
from dcep_tui.series import FloatArray, Series, TimeAxis


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 x 10^k apart) covering [lo, hi], about ``n`` of them."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return []
    if hi <= lo:
        hi = lo + 1.0
    raw = (hi - lo) / max(n - 1, 1)
    mag = 10.0 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * mag >= raw)
    first = math.floor(lo / step) * step
    ticks = [round(first, 10)]
    while ticks[-1] < hi - 1e-9 * step:
        ticks.append(round(first + len(ticks) * step, 10))
    return ticks


def integer_ticks(hi: float, n: int = 6) -> list[int]:
    """Whole-number ticks from 0 to at least ``hi`` (counts: units online)."""
    top = max(1, math.ceil(hi))
    step = max(1, math.ceil(top / n))
    return list(range(0, top + step, step))


class SeriesPlot(PlotextPlot):
    """A titled plot of labelled series over a dated time axis, with optional limit lines."""

    DEFAULT_CSS = """
    SeriesPlot { height: 14; }
    """

    def __init__(self, title: str, y_label: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.title = title
        self.y_label = y_label
        self.series: list[Series] = []
        self._reset()

    def _reset(self) -> None:
        plt = self.plt
        plt.clear_figure()
        plt.title(self.title)
        plt.ylabel(self.y_label)

    def _time_axis(self, axis: TimeAxis) -> list[float]:
        x = [float(v) for v in axis.hours]
        if axis.ticks:
            self.plt.xticks([h for h, _ in axis.ticks], [label for _, label in axis.ticks])
        if len(x) > 1:
            self.plt.xlim(x[0], x[-1])
        return x

    def show_series(
        self,
        axis: TimeAxis,
        series: Sequence[Series],
        limits: Sequence[tuple[str, float]] = (),
        *,
        integer: bool = False,
        money: bool = False,
    ) -> None:
        """Draw ``series`` over ``axis`` with a flat line per (label, value) limit.

        ``integer`` puts ticks on whole numbers (counts); ``money`` labels the y ticks in dollars and
        draws the zero line.
        """
        self.series = list(series)
        self._reset()
        plt = self.plt
        x = self._time_axis(axis)
        for s in series:
            plt.plot(x, [float(v) for v in s.values], label=s.label, marker="braille")
        for label, value in limits:
            plt.plot([x[0], x[-1]] if x else [0.0, 1.0], [value, value], label=label, marker="braille")
        values = [float(v) for s in series for v in s.values] + [v for _, v in limits]
        if integer:
            counts = integer_ticks(max(values, default=1.0))
            plt.yticks([float(c) for c in counts], [str(c) for c in counts])
            plt.ylim(0, counts[-1])
        elif money and values:
            lo, hi = min(*values, 0.0), max(*values, 0.0)
            ticks = nice_ticks(lo, hi)
            plt.yticks(ticks, [format_usd_short(t) for t in ticks])
            plt.ylim(ticks[0], ticks[-1])
            plt.hline(0.0)
        else:
            self._round_y(values)
        self.refresh()

    def _round_y(self, values: Sequence[float], with_zero: bool = False) -> None:
        """Y ticks at round values (1, 2, 2.5 or 5 x 10^k apart) spanning ``values``."""
        finite = [v for v in values if math.isfinite(v)]
        if not finite:
            return
        lo, hi = min(finite), max(finite)
        if with_zero:
            lo, hi = min(lo, 0.0), max(hi, 0.0)
        ticks = nice_ticks(lo, hi)
        self.plt.yticks(ticks, [f"{t:g}" for t in ticks])
        self.plt.ylim(ticks[0], ticks[-1])

    def show_stack(self, axis: TimeAxis, layers: Sequence[Series], line: Series | None = None) -> None:
        """True stacked areas: each layer filled on top of the ones before it; ``line`` drawn over the stack."""
        self.series = list(layers) + ([line] if line is not None else [])
        self._reset()
        plt = self.plt
        x = self._time_axis(axis)
        tops: list[tuple[str, FloatArray]] = []
        total = np.zeros(len(x))
        for layer in layers:
            total = total + np.clip(np.asarray(layer.values, dtype=float), 0.0, None)
            tops.append((layer.label, total.copy()))
        for label, top in reversed(tops):  # the highest first, so lower layers paint over it
            plt.plot(x, [float(v) for v in top], label=label, marker="braille", fillx=True)
        if line is not None:
            plt.plot(x, [float(v) for v in line.values], label=line.label, marker="braille", color="white")
        heights = [float(v) for v in total] + ([float(v) for v in line.values] if line is not None else [])
        self._round_y(heights, with_zero=True)
        self.refresh()

    def show_envelope(
        self,
        p_mw: Iterable[float],
        q_mvar: Iterable[float],
        limit_mva: float,
        limit_label: str,
        max_import_mw: float,
        max_export_mw: float,
        min_pf: float | None,
    ) -> None:
        """The P-Q plane: operating points, the MVA limit circle, the import/export caps and the PF cone."""
        self.series = []
        self._reset()
        plt = self.plt
        r = limit_mva
        angle = np.linspace(0.0, 2.0 * np.pi, 181)
        circle = [float(v) for v in r * np.cos(angle)], [float(v) for v in r * np.sin(angle)]
        plt.plot(*circle, label=limit_label, marker="braille")
        reach = 1.1 * r
        cap = [-reach, reach]
        plt.plot([max_import_mw] * 2, cap, label=f"import cap {max_import_mw:g} MW", marker="braille")
        plt.plot([-max_export_mw] * 2, cap, label=f"export cap {max_export_mw:g} MW", marker="braille")
        if min_pf is not None and 0 < min_pf < 1:
            phi = math.acos(min_pf)
            c, s = r * math.cos(phi), r * math.sin(phi)
            # one path through the origin: the four rays at +-acos(pf) on the import and the export side
            cone = [(c, s), (0.0, 0.0), (c, -s), (0.0, 0.0), (-c, s), (0.0, 0.0), (-c, -s)]
            plt.plot([p for p, _ in cone], [q for _, q in cone], label=f"PF {min_pf:g} cone", marker="braille")
        plt.scatter([float(v) for v in p_mw], [float(v) for v in q_mvar], label="P,Q (import +)", marker="dot")
        ticks = nice_ticks(-reach, reach)
        labels = [f"{t:g}" for t in ticks]
        plt.xticks(ticks, labels)
        plt.yticks(ticks, labels)
        plt.xlim(ticks[0], ticks[-1])
        plt.ylim(ticks[0], ticks[-1])
        plt.xlabel("P MW")
        self.refresh()

    def clear(self) -> None:
        """Remove all data (the title stays)."""
        self.series = []
        self._reset()
        self.refresh()


class SignedBars(Static):
    """Horizontal money bars from a visible zero line: revenues (+) to the right, costs (-) to the left.

    Every bar is scaled to the larger side so no bar leaves the frame; each line ends with its amount.
    """

    DEFAULT_CSS = """
    SignedBars { height: auto; }
    """

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.title = title
        self.items: list[tuple[str, float]] = []

    def show_bars(self, items: Sequence[tuple[str, float]]) -> None:
        """Draw one bar per (label, USD) item."""
        self.items = [(label, float(v)) for label, v in items]
        self.refresh(layout=True)

    def render(self) -> Text:
        """The bars as text, sized to the widget's width."""
        return bars_text(self.title, self.items, max(self.size.width, 40))


def bars_text(title: str, items: Sequence[tuple[str, float]], width: int) -> Text:
    """Signed bars of ``items`` in ``width`` columns: label, bar area with a zero line, amount."""
    out = Text()
    out.append(title + "\n", style="bold")
    if not items:
        return out
    label_w = max(len(label) for label, _ in items)
    amounts = [format_usd(v) for _, v in items]
    amount_w = max(len(a) for a in amounts)
    area = max(10, width - label_w - amount_w - 4)
    neg = max((-v for _, v in items if v < 0), default=0.0)
    pos = max((v for _, v in items if v > 0), default=0.0)
    scale = (neg + pos) or 1.0
    left = round(area * neg / scale)
    right = area - left - 1
    for (label, value), amount in zip(items, amounts, strict=True):
        n_left = round(left * -value / neg) if value < 0 and neg > 0 else 0
        n_right = round(right * value / pos) if value > 0 and pos > 0 else 0
        out.append(f"{label:<{label_w}} ")
        out.append(" " * (left - n_left))
        out.append("█" * n_left, style="red")
        out.append("│")
        out.append("█" * n_right, style="green")
        out.append(" " * (right - n_right))
        out.append(f" {amount:>{amount_w}}\n")
    lo = format_usd_short(-neg) if neg > 0 else ""
    hi = format_usd_short(pos) if pos > 0 else ""
    axis = " " * (label_w + 1) + lo.ljust(max(left, len(lo))) + "0" + hi.rjust(max(right, len(hi)))
    out.append(axis[: width - 1])
    return out
