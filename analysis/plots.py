"""Charts of tsunagi results (matplotlib). Each function draws on an Axes and returns it."""

from __future__ import annotations

import matplotlib

if "inline" not in matplotlib.get_backend():  # keep a notebook's inline backend: charts show there
    matplotlib.use("Agg")  # else files, never a window: works on servers and in tests
import matplotlib.pyplot as plt  # noqa: E402

from .fonts import use_cjk_font  # noqa: E402
from .report_palette import series_gid  # noqa: E402
from .runfile import RunFile  # noqa: E402

# Japanese (基幹, municipality names) in every chart: Noto Sans CJK from fonts-noto-cjk, with a
# warning naming the package when it is missing (then kanji draw as boxes).
use_cjk_font()

# Plain-language titles for series people read most.
TITLES = {
    "kikan_coverage": "Municipalities with a 基幹相談支援センター (core consultation support centre)",
    "kikan_population_coverage": "Population living where a 基幹相談支援センター exists",
    "kikan_municipalities": "Municipalities with a 基幹相談支援センター (core consultation support centre)",
}


def series_style(label: str, colours=None, series: str | None = None) -> dict:
    """Keyword arguments for the artists of one scenario in a chart: ``gid`` (SVG id
    ``series-<series or label>``) and, when ``colours`` (label -> colour, e.g. a report's
    :class:`~analysis.report_palette.Palette`) is given, its ``color``; without it
    matplotlib's next colour is used."""
    key = series if series is not None else label
    style = {"gid": series_gid(key)}
    if colours is not None:
        style["color"] = colours[key]
    return style


def bands_label(run) -> str:
    """What a band over replicates covers, for a legend: "chance", or "chance and
    parameters" when the replicates drew the fitted parameters (``--parameters``)."""
    return getattr(run, "bands_cover", "chance")


def band_chart(run: RunFile, name: str, ax=None, label: str | None = None, low: float = 0.05, high: float = 0.95):
    """Mean over replicates as a line, with the low-high quantile band shaded.

    ``name`` is a (replicate, time) series; the band defaults to 5-95%.
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.5))
    b = run.band(name, low=low, high=high)
    fraction = run.units(name) == "fraction"
    scale = 100.0 if fraction else 1.0
    # Steps, not slopes: values change on record dates (e.g. openings on 1 April).
    line = ax.plot(b.index, b["mean"] * scale, drawstyle="steps-post",
                   label=label or f"{run.attrs.get('scenario_name', '')} (mean)")[0]
    ax.fill_between(b.index, b["low"] * scale, b["high"] * scale, step="post", color=line.get_color(), alpha=0.25,
                    label=f"{int(low * 100)}-{int(high * 100)}% of replicates ({bands_label(run)})")
    ax.set_ylabel("%" if fraction else run.units(name))
    if fraction:
        ax.set_ylim(0, 100)
    ax.set_title(TITLES.get(name, name))
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")
    return ax


def save_band_chart(path_in, path_out, name: str = "kikan_coverage") -> None:
    """Writes the band chart of one series of a result file as an image (PNG, SVG...)."""
    from .runfile import open_run

    with open_run(path_in) as run:
        fig, ax = plt.subplots(figsize=(8, 4.5))
        band_chart(run, name, ax=ax)
        ax.set_xlabel("record date (state on the day)")
        fig.tight_layout()
        fig.savefig(path_out, dpi=110)
        plt.close(fig)
