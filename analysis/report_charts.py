"""Charts and tables the report draws for several scenarios at once: the state on the target
date and at the end of the run, and the advisers' hours of every scenario.

Each takes the report's colours (scenario label -> colour, a
:class:`~analysis.report_palette.Palette`) so that a scenario has one colour on every chart,
and tags its artists with the scenario's SVG id (:func:`~analysis.report_palette.series_gid`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .compare import scenario_label, target_table
from .plots import plt, series_style
from .workload import ACTIVITIES, ACTIVITY_COLOURS, ACTIVITY_LABELS, hours_by_activity
from .i18n import tr


def end_date(run) -> pd.Timestamp:
    """The last record date of a run: the state at the end of the run."""
    return run.dates[-1]


def state_on_dates(runs, target: str) -> pd.DataFrame:
    """Coverage of 基幹 and P(every municipality has one) for each scenario on ``target`` (when
    its records cover it) and at the end of its run. Tidy: one row per (scenario, when) with
    columns scenario, when ("target" or "end of run"), date, coverage_mean, coverage_p05,
    coverage_p95 (percent of municipalities, over replicates), probability_all (share of
    replicates), replicates. Values as :func:`analysis.compare.target_table` on that date."""
    rows = []
    for run in runs:
        dates = []
        if run.dates[0] <= pd.Timestamp(target) <= run.dates[-1]:
            dates.append(("target", pd.Timestamp(target)))
        dates.append(("end of run", end_date(run)))
        for when, day in dates:
            t = target_table([run], by=str(day.date())).iloc[0]
            rows.append({"scenario": scenario_label(run), "when": when, "date": day.date(),
                         **{k: t[k] for k in ("coverage_mean", "coverage_p05", "coverage_p95", "probability_all",
                                              "replicates")}})
    return pd.DataFrame(rows)


def state_chart(runs, target: str, colours=None):
    """Two panels: the coverage of 基幹 on ``target`` (left) and at the end of each run
    (right); a dot (mean) and a bar (5-95 % of replicates) per scenario, in its colour, with
    P(every municipality) written beside it. Returns the Figure."""
    table = state_on_dates(runs, target)
    labels = [scenario_label(r) for r in runs]
    ends = sorted({str(d) for d in table.loc[table["when"] == "end of run", "date"]})
    panels = [("target", tr("on the target date, {date}", date=target)),
              ("end of run", tr("at the end of the run, {date}", date=ends[0]) if len(ends) == 1
               else tr("at the end of the run, each run's last record"))]
    panels = [p for p in panels if (table["when"] == p[0]).any()]
    fig, axes = plt.subplots(1, len(panels), figsize=(10, max(2.6, 0.45 * len(labels) + 1.6)), sharey=True,
                             squeeze=False)
    y = {label: i for i, label in enumerate(labels)}
    for ax, (when, title) in zip(axes[0], panels):
        part = table[table["when"] == when]
        for _, row in part.iterrows():
            style = series_style(row["scenario"], colours)
            yy = y[row["scenario"]]
            bar = ax.plot([row["coverage_p05"], row["coverage_p95"]], [yy, yy], lw=4, alpha=0.35,
                          solid_capstyle="butt", **style)[0]
            ax.plot([row["coverage_mean"]], [yy], "o", ms=8, color=bar.get_color(), gid=style["gid"])
            ax.annotate(tr("P(all) {p:.0%}", p=row["probability_all"]), (row["coverage_p95"], yy), xytext=(6, 0),
                        textcoords="offset points", va="center", fontsize=8)
        ax.set_xlim(0, 118)
        ax.set_xticks(range(0, 101, 20))
        ax.set_xlabel(tr("% of municipalities with a 基幹 (dot: mean; bar: 9 of 10 futures)"))
        ax.set_title(title, fontsize=10)
        ax.grid(axis="x", alpha=0.3)
    axes[0][0].set_yticks(range(len(labels)))
    axes[0][0].set_yticklabels(labels, fontsize=8)
    for tick, label in zip(axes[0][0].get_yticklabels(), labels):
        if colours is not None:
            tick.set_color(colours[label])
    axes[0][0].invert_yaxis()
    fig.tight_layout()
    return fig


def hours_table(runs) -> pd.DataFrame:
    """Adviser hours over the complete fiscal years of each run by activity (mean over
    replicates; :func:`analysis.workload.hours_by_activity` summed over fiscal years): index
    scenario, columns the activities and ``available``."""
    rows = {}
    for run in runs:
        rows[scenario_label(run)] = hours_by_activity(run).sum(axis=0)
    df = pd.DataFrame.from_dict(rows, orient="index")
    df.index.name = "scenario"
    return df


def hours_chart(runs, colours=None, columns: int = 3):
    """Small multiples, one panel per scenario (all of them, on one scale): the advisers' hours
    in each fiscal year by activity, stacked. Each panel is headed by its scenario in its
    colour, with a strip of that colour (tagged with the scenario's SVG id). Returns the
    Figure."""
    tables = [(scenario_label(r), hours_by_activity(r)) for r in runs]
    n = len(tables)
    cols = min(columns, n)
    rows = int(np.ceil(n / cols))
    fig, axes = plt.subplots(rows, cols, figsize=(2.6 * cols + 2.4, 2.6 * rows + 0.7), sharey=True, squeeze=False)
    top = max((h[list(ACTIVITIES)].sum(axis=1).max() for _, h in tables if len(h)), default=0.0)
    for k, (label, h) in enumerate(tables):
        ax = axes[k // cols][k % cols]
        bottom = np.zeros(len(h))
        names = [f"{y % 100:02d}" for y in h.index]
        for a in ACTIVITIES:
            ax.bar(names, h[a], bottom=bottom, color=ACTIVITY_COLOURS[a], label=tr(ACTIVITY_LABELS[a]) if k == 0 else
                   "_nolegend_")
            bottom += h[a].to_numpy()
        style = series_style(label, colours)
        ax.add_patch(plt.Rectangle((0.0, 1.0), 1.0, 0.035, transform=ax.transAxes, clip_on=False, lw=0,
                                   facecolor=style.get("color", "#444444"), gid=style["gid"]))
        ax.set_title(label if len(label) <= 34 else label[:33] + "…", fontsize=8.5, pad=9,
                     color=style.get("color", "black"))
        ax.set_xlabel(tr("fiscal year (FY20..)"), fontsize=7.5)
        ax.tick_params(labelsize=7.5)
        ax.grid(axis="y", alpha=0.3)
        if top > 0:
            ax.set_ylim(0, top * 1.05)
    for k in range(n, rows * cols):
        axes[k // cols][k % cols].set_visible(False)
    for r in range(rows):
        axes[r][0].set_ylabel(tr("hours per fiscal year"), fontsize=8)
    handles, names = axes[0][0].get_legend_handles_labels()
    fig.legend(handles, names, loc="upper left", bbox_to_anchor=(1.0, 0.95), fontsize=8)
    fig.suptitle(tr("Adviser hours by activity, each scenario (mean over replicates)"), fontsize=10)
    fig.tight_layout()
    return fig
