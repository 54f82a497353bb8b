"""Comparing scenarios: coverage curves, paired differences, the probability of meeting the
national target, and which municipalities are at risk of missing it.

A "scenario" here is anything that reads like a run: a :class:`~analysis.runfile.RunFile`
or a :class:`~analysis.experiment.Variant` of an experiment file.

    import analysis
    with analysis.open_run("out/oita.h5") as a, analysis.open_run("out/oita_on_request.h5") as b:
        analysis.coverage_chart([a, b])
        analysis.paired_difference(a, b, "kikan_coverage")   # b - a, same seed and replicates
        analysis.target_table([a, b])

The national target is a 基幹相談支援センター in every municipality by the end of FY2026
(2027-03-31): MODEL.md §6 ("probability of reaching 100% 基幹 by 2027-03-31").
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from .plots import TITLES, plt, series_style
from .targets import probability_all_covered, probability_by_municipality
from .i18n import tr

TARGET_DATE = "2027-03-31"  # MODEL.md §6; docs/output.md, "tsunagi summarize"
RISK_THRESHOLD = 0.9  # report's choice, not a source figure: below 9 in 10 replicates = "at risk"

# Names of the 基幹 stages (sim/model/institution.hpp kKikanLadder) as a reader sees them.
STAGE_LABELS = {"none": "none", "exploring": "exploring", "designing": "designing", "budgeted": "budgeted",
                "established": "established", "functioning": "functioning"}
STAGE_COLOURS = ["#e0e0e0", "#fde0a6", "#f9b45b", "#e8743b", "#5aa469", "#2a6f3f"]  # none .. functioning


def scenario_label(run) -> str:
    """Name shown for a run or variant in legends and tables: its scenario_name."""
    return str(run.attrs.get("scenario_name") or run.path)


def _scale(run, name: str) -> tuple[float, str]:
    """(factor, axis label): fractions are shown in percent."""
    units = run.units(name)
    return (100.0, "%") if units == "fraction" else (1.0, units)


def coverage_chart(runs, name: str = "kikan_coverage", ax=None, low: float = 0.05, high: float = 0.95,
                   target: str | None = TARGET_DATE, colours=None):
    """Mean over replicates (a step line per scenario, labelled with its name) and the
    low-high band (default 5-95 %, i.e. a 90 % band) of a (replicate, time) series, several
    scenarios on one chart, with the target date marked. ``colours``: scenario label ->
    colour (a report's palette); default matplotlib's cycle. Returns the Figure."""
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.8))
    for run in runs:
        b = run.band(name, low=low, high=high)
        k, unit = _scale(run, name)
        style = series_style(scenario_label(run), colours)
        line = ax.plot(b.index, b["mean"] * k, drawstyle="steps-post", label=scenario_label(run), lw=2, **style)[0]
        ax.fill_between(b.index, b["low"] * k, b["high"] * k, step="post", color=line.get_color(), alpha=0.2,
                        label="_nolegend_", gid=style["gid"])
    if target is not None:
        ax.axvline(pd.Timestamp(target), color="black", ls="--", lw=1, label="_nolegend_")
        ax.annotate(tr("target {date}", date=target), (pd.Timestamp(target), 0.02), xycoords=("data", "axes fraction"),
                    rotation=90, ha="right", va="bottom", fontsize=8)
    ax.set_ylabel(unit)
    if unit == "%":
        ax.set_ylim(0, 101)
    ax.set_title(tr("{title}: mean and {width}% band over replicates", title=tr(TITLES.get(name, name)),
                    width=int(round((high - low) * 100))),
                 fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")
    return ax.figure


def _t_interval(diff: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean over axis 0 and its t interval; NaN bounds with one replicate."""
    n = diff.shape[0]
    mean = diff.mean(axis=0)
    if n < 2:
        nan = np.full_like(mean, np.nan)
        return mean, nan, nan
    half = stats.t.ppf(0.5 + level / 2, n - 1) * diff.std(axis=0, ddof=1) / np.sqrt(n)
    return mean, mean - half, mean + half


def paired_difference(base, other, name: str = "kikan_coverage", level: float = 0.95) -> pd.DataFrame:
    """``other`` minus ``base`` of a (replicate, time) series, replicate by replicate.

    Both runs must have the same seed and the same replicate numbers: replicate r then draws
    the same random numbers in both (docs/output.md, /replicate; model.md §7), so the
    difference is the scenarios' effect with little noise. Returns a DataFrame indexed by
    date: mean, lower, upper (``level`` t interval of the mean; NaN with one replicate), n.
    """
    if base.attrs.get("seed") != other.attrs.get("seed"):
        raise ValueError(f"{other.path}: seed {other.attrs.get('seed')} differs from {base.path}'s "
                         f"{base.attrs.get('seed')}; paired differences need common random numbers")
    if not np.array_equal(base.replicates, other.replicates):
        raise ValueError(f"{other.path} and {base.path} hold different replicate numbers; paired differences "
                         "need the same replicates")
    if not base.dates.equals(other.dates):
        raise ValueError(f"{other.path} and {base.path} have different record dates")
    diff = other.array(name).astype(np.float64) - base.array(name).astype(np.float64)
    mean, lower, upper = _t_interval(diff, level)
    return pd.DataFrame({"mean": mean, "lower": lower, "upper": upper, "n": diff.shape[0]}, index=base.dates)


def difference_chart(diffs: dict, name: str = "kikan_coverage", ax=None, percent: bool = True, colours=None,
                     series: dict | None = None):
    """Mean paired difference (line, labelled with the dict key) and its interval (shaded) for
    each entry of ``diffs`` (label -> DataFrame with mean, lower, upper by date, from
    :func:`paired_difference` or :meth:`ExperimentFile.differences`). ``series`` maps a key
    to the scenario it is the difference of (its colour in ``colours`` and its SVG id; default
    the key itself). Returns the Figure."""
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.2))
    k = 100.0 if percent else 1.0
    for label, d in diffs.items():
        d = d.set_index("date") if "date" in d.columns else d
        style = series_style(label, colours, (series or {}).get(label))
        line = ax.plot(d.index, d["mean"] * k, drawstyle="steps-post", label=label, lw=2, **style)[0]
        ax.fill_between(d.index, d["lower"] * k, d["upper"] * k, step="post", color=line.get_color(), alpha=0.2,
                        label="_nolegend_", gid=style["gid"])
    ax.axhline(0, color="black", lw=0.8, label="_nolegend_")
    ax.set_ylabel(tr("percentage points") if percent else tr("difference"))
    ax.set_title(tr("{title}: difference from the baseline (mean and 95% interval)", title=tr(TITLES.get(name, name))),
                 fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(loc="best")
    return ax.figure


def target_table(runs, by: str = TARGET_DATE, name: str = "kikan_coverage") -> pd.DataFrame:
    """One row per scenario: P(every municipality has a 基幹 by ``by``), and the coverage on
    that day from the last record on or before it.

    A DataFrame indexed by scenario label (index name "scenario") with columns
    ``probability_all`` (share of replicates in which every municipality has a 基幹 by
    ``by``, 0..1, :func:`~analysis.targets.probability_all_covered`), ``coverage_mean``,
    ``coverage_p05``, ``coverage_p95`` (series ``name`` on that day, in percent: mean, 5 %
    and 95 % quantiles over replicates) and ``replicates``."""
    rows = []
    for run in runs:
        t = int(run.dates.searchsorted(pd.Timestamp(by), side="right")) - 1
        x = run.array(name).astype(np.float64)[:, t] * 100.0
        rows.append({"scenario": scenario_label(run),
                     "probability_all": probability_all_covered(run, "kikan", by=by),
                     "coverage_mean": x.mean(), "coverage_p05": np.quantile(x, 0.05),
                     "coverage_p95": np.quantile(x, 0.95), "replicates": x.shape[0]})
    return pd.DataFrame(rows).set_index("scenario")


def at_risk(run, by: str = TARGET_DATE, threshold: float = RISK_THRESHOLD) -> pd.DataFrame:
    """Municipalities that have a 基幹 by ``by`` in fewer than ``threshold`` of the replicates,
    least likely first: columns name, probability (index: code)."""
    p = probability_by_municipality(run, "kikan", by=by)
    return p[p["probability"] < threshold].sort_values(["probability", "name"])


def establishment_chart(run, ax=None, by: str = TARGET_DATE, threshold: float = RISK_THRESHOLD,
                        max_rows: int = 60):
    """Municipality x time map of the 基幹 stage (the median stage over replicates, coloured by
    stage), municipalities ordered by when they get a 基幹; the names of municipalities at
    risk of missing ``by`` (see :func:`at_risk`) are red and starred. With more than
    ``max_rows`` municipalities only the ``max_rows`` least likely to have one by ``by`` are
    drawn (a national run has 1,741). Returns the Figure."""
    stage = run.array("kikan_stage")  # (R, T, M)
    labels = run.labels("kikan_stage")
    m = run.municipalities
    shown = ""
    if stage.shape[2] > max_rows:
        p = probability_by_municipality(run, "kikan", by=by)["probability"].to_numpy()
        keep = np.sort(np.argsort(p, kind="stable")[:max_rows])
        stage, m = stage[:, :, keep], m.iloc[keep]
        shown = tr(", the {shown} least likely of {total}", shown=max_rows, total=len(p))
    median = np.median(stage, axis=0).round().astype(int).T  # (M, T)
    first = np.where((median >= labels.index("established")).any(axis=1),
                     (median >= labels.index("established")).argmax(axis=1), median.shape[1])
    order = np.lexsort((-median.mean(axis=1), first))
    risky = set(at_risk(run, by, threshold).index)
    n = len(m)
    if ax is None:
        _, ax = plt.subplots(figsize=(10, max(3.0, 0.22 * n + 1.5)))
    from matplotlib.colors import BoundaryNorm, ListedColormap

    colours = (STAGE_COLOURS + ["#333333"] * len(labels))[: len(labels)]
    cmap = ListedColormap(colours)
    dates = run.dates
    x = np.append(dates.values, dates.values[-1] + np.timedelta64(31, "D"))
    mesh = ax.pcolormesh(x, np.arange(n + 1), median[order], cmap=cmap,
                         norm=BoundaryNorm(np.arange(len(labels) + 1) - 0.5, len(labels)), shading="flat",
                         rasterized=True)  # one image, not a path per cell, in SVG and PDF
    names = [f"★ {m['name'].iloc[i]}" if m.index[i] in risky else m["name"].iloc[i] for i in order]
    ax.set_yticks(np.arange(n) + 0.5)
    ax.set_yticklabels(names, fontsize=7 if n > 30 else 8)
    for tick, i in zip(ax.get_yticklabels(), order):
        if m.index[i] in risky:
            tick.set_color("#c0392b")
            tick.set_fontweight("bold")
    ax.invert_yaxis()
    ax.axvline(pd.Timestamp(by), color="black", ls="--", lw=1)
    cbar = ax.figure.colorbar(mesh, ax=ax, ticks=np.arange(len(labels)), fraction=0.04, pad=0.01)
    cbar.ax.set_yticklabels([tr(STAGE_LABELS.get(s, s)) for s in labels], fontsize=8)
    ax.set_title(tr("基幹 stage by municipality (median of {n} replicates{shown}); ★ = at risk of missing {by}",
                    n=stage.shape[0], shown=shown, by=by))
    return ax.figure

