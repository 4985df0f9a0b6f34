"""Plot widgets: thin wrappers of textual-plotext's PlotextPlot fed with :class:`Series`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual_plotext import PlotextPlot

from dcep_opt._results import FloatArray
from dcep_tui.series import Series


class SeriesPlot(PlotextPlot):
    """A titled line (or step) plot of labelled series over elapsed hours, with optional limit lines."""

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

    def show_series(
        self, hours: FloatArray, series: Sequence[Series], limits: Sequence[tuple[str, float]] = ()
    ) -> None:
        """Draw ``series`` against ``hours``, with a flat line for every (label, value) limit."""
        self.series = list(series)
        self._reset()
        plt = self.plt
        plt.xlabel("hours")
        x = [float(v) for v in hours]
        for s in series:
            plt.plot(x, [float(v) for v in s.values], label=s.label, marker="braille")
        for label, value in limits:
            plt.plot([x[0], x[-1]] if x else [0.0, 1.0], [value, value], label=label, marker="braille")
        self.refresh()

    def show_scatter(
        self,
        x: Iterable[float],
        y: Iterable[float],
        label: str,
        outline: tuple[str, Iterable[float], Iterable[float]] | None = None,
    ) -> None:
        """Scatter ``y`` against ``x``; ``outline`` is a (label, x, y) curve drawn as a line (e.g. a limit)."""
        self.series = []
        self._reset()
        plt = self.plt
        plt.scatter([float(v) for v in x], [float(v) for v in y], label=label, marker="dot")
        if outline is not None:
            name, ox, oy = outline
            plt.plot([float(v) for v in ox], [float(v) for v in oy], label=name, marker="braille")
        self.refresh()

    def show_bars(self, labels: Sequence[str], values: Sequence[float]) -> None:
        """Horizontal bars, one per label."""
        self._reset()
        self.plt.bar(list(labels), [float(v) for v in values], orientation="horizontal", width=0.6)
        self.refresh()

    def clear(self) -> None:
        """Remove all data (the title stays)."""
        self.series = []
        self._reset()
        self.refresh()
