"""Where the advisers' hours go: by activity, by municipality, and how much of their time is
booked (utilisation).

Every adviser hour is accounted for (docs/output.md, "Adviser hours"): available = visit +
council + online + group_event + liaison + travel + idle. Flows are summed to fiscal years
(analysis/fiscal.py); only fiscal years the run covers in full are shown.

    import analysis
    with analysis.open_run("out/oita.h5") as run:
        analysis.hours_by_activity(run)        # FY x activity, mean over replicates
        analysis.workload_chart(run)
        analysis.idle_by_reason(run)           # idle hours by reason (docs/model.md §3.5)
        analysis.hour_accounting([run])        # available, booked, idle by reason, need, unmet
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .fiscal import complete_flow_years, flow_fiscal_year
from .plots import plt, series_style
from .i18n import tr

ACTIVITIES = ("visit", "council", "online", "group_event", "liaison", "travel", "idle")
ACTIVITY_LABELS = {
    "visit": "visits (support)", "council": "council meetings (協議会)", "online": "online meetings",
    "group_event": "group events", "liaison": "advisers' liaison meetings", "travel": "travel", "idle": "not booked",
}
ACTIVITY_COLOURS = {"visit": "#1f77b4", "council": "#2ca02c", "online": "#17becf", "group_event": "#9467bd",
                    "liaison": "#8c564b", "travel": "#ff7f0e", "idle": "#c7c7c7"}


# Why idle hours were idle (docs/model.md §3.5): adviser_hours_idle_<reason>, which add up
# to adviser_hours_idle. Files written before the split lack them (has_idle_reasons); files
# written before region_bound existed lack that one, read as 0.
IDLE_REASONS = ("no_need", "at_limit", "cannot_fit", "not_booked", "region_bound")
IDLE_REASON_LABELS = {
    "no_need": "no need left (need met, or nothing to do)",
    "at_limit": "those with need at the monthly limit",
    "cannot_fit": "cannot fit (too few hours left for the trip)",
    "not_booked": "possible but not booked (by the strategy: e.g. nobody asked)",
    "region_bound": "bound to its region (need left only in other regions)",
}
IDLE_REASON_COLOURS = {"no_need": "#2ca02c", "at_limit": "#1f77b4", "cannot_fit": "#ff7f0e", "not_booked": "#d62728",
                       "region_bound": "#9467bd"}


def _per_fiscal_year(run, x: np.ndarray) -> pd.DataFrame:
    """(R, T) flow -> DataFrame of fiscal-year totals (rows: replicate, columns: complete FYs)."""
    fy = flow_fiscal_year(run.dates)
    years = complete_flow_years(run.dates)
    return pd.DataFrame({y: x[:, fy == y].sum(axis=1) for y in years}, index=run.replicates)


def hours_by_activity(run) -> pd.DataFrame:
    """Adviser hours per fiscal year by activity (mean over replicates): index fiscal year,
    columns the activities of :data:`ACTIVITIES` and ``available``."""
    out = {}
    for a in ACTIVITIES + ("available",):
        out[a] = _per_fiscal_year(run, run.array(f"adviser_hours_{a}").astype(np.float64)).mean(axis=0)
    df = pd.DataFrame(out)
    df.index.name = "fiscal_year"
    return df


def utilisation(run, low: float = 0.05, high: float = 0.95) -> pd.DataFrame:
    """Share of available adviser hours that were booked (1 - idle / available) per fiscal
    year: mean, low and high over replicates. Index fiscal year."""
    idle = _per_fiscal_year(run, run.array("adviser_hours_idle").astype(np.float64))
    avail = _per_fiscal_year(run, run.array("adviser_hours_available").astype(np.float64))
    u = 1.0 - idle / avail.where(avail > 0)
    df = pd.DataFrame({"mean": u.mean(), "low": u.quantile(low), "high": u.quantile(high)})
    df.index.name = "fiscal_year"
    return df


def has_idle_reasons(run) -> bool:
    """Whether the file splits the idle hours by reason (adviser_hours_idle_<reason>)."""
    names = set(run.series_names())
    return all(f"adviser_hours_idle_{r}" in names for r in IDLE_REASONS if r != "region_bound")


def idle_by_reason(run, fiscal_year: int | None = None) -> pd.Series:
    """Idle adviser hours by reason (mean over replicates), over the whole run or, with
    ``fiscal_year``, in that fiscal year (April to March; the records whose flow falls in it,
    analysis/fiscal.py). Index: :data:`IDLE_REASONS`, then ``idle`` (their sum as recorded)."""
    fy = flow_fiscal_year(run.dates) if fiscal_year is not None else None
    out = {}
    names = set(run.series_names())
    for r in IDLE_REASONS + ("",):
        name = f"adviser_hours_idle_{r}" if r else "adviser_hours_idle"
        if name not in names:  # region_bound, in files written before it existed
            out[r] = 0.0
            continue
        x = run.array(name).astype(np.float64)
        if fy is not None:
            x = x[:, fy == fiscal_year]
        out[r or "idle"] = float(x.sum(axis=1).mean())
    return pd.Series(out, name="hours")


def idle_reason_table(runs, fiscal_year: int | None = None) -> pd.DataFrame:
    """Idle hours by reason for each run (mean over replicates): index the runs' scenario
    labels, columns the reasons' shares of the idle hours (0..1) and ``idle`` (hours).
    Runs without the split are left out."""
    from .compare import scenario_label

    rows = {}
    for run in runs:
        if not has_idle_reasons(run):
            continue
        h = idle_by_reason(run, fiscal_year)
        total = h["idle"]
        row = {r: (h[r] / total if total > 0 else np.nan) for r in IDLE_REASONS}
        row["idle"] = total
        rows[scenario_label(run)] = row
    df = pd.DataFrame.from_dict(rows, orient="index", columns=list(IDLE_REASONS) + ["idle"])
    df.index.name = "scenario"
    return df


def idle_reason_chart(runs, ax=None):
    """Horizontal stacked bars, one per run: the share of its idle hours over the whole run by
    reason. Returns the Figure."""
    t = idle_reason_table(runs)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, max(2.5, 0.6 * len(t) + 1.5)))
    left = np.zeros(len(t))
    labels = [str(i) for i in t.index]
    for r in IDLE_REASONS:
        v = t[r].fillna(0.0).to_numpy() * 100
        ax.barh(labels, v, left=left, color=IDLE_REASON_COLOURS[r], label=tr(IDLE_REASON_LABELS[r]))
        left += v
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel(tr("% of idle adviser hours over the whole run (mean over replicates)"))
    ax.set_title(tr("Why advisers are idle"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    return ax.figure


def hours_by_municipality(run, replicates=None) -> pd.DataFrame:
    """Adviser hours spent on each municipality over the whole run by activity (visit,
    council, online, travel; mean over replicates): index municipality code, columns name,
    the activities, total. Most hours first."""
    data = run.array("adviser_hours_by_municipality", replicates=replicates).astype(np.float64)  # (R, T, M, 4)
    per = data.sum(axis=1).mean(axis=0)  # (M, 4)
    ds = run._dataset("adviser_hours_by_municipality")
    axis = run._category_axis(ds)[1] if hasattr(ds, "dims") else ["visit", "council", "online", "travel"]
    m = run.municipalities
    df = pd.DataFrame(per, index=m.index, columns=axis)
    df.insert(0, "name", m["name"].values)
    df["total"] = per.sum(axis=1)
    return df.sort_values("total", ascending=False)


def activity_chart(run, ax=None):
    """Stacked bars: adviser hours per fiscal year by activity, one bar segment (labelled) per
    activity. Returns the Figure."""
    h = hours_by_activity(run)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.5))
    bottom = np.zeros(len(h))
    for a in ACTIVITIES:
        ax.bar([tr("FY{year}", year=y) for y in h.index], h[a], bottom=bottom, color=ACTIVITY_COLOURS[a],
               label=tr(ACTIVITY_LABELS[a]))
        bottom += h[a].to_numpy()
    ax.set_ylabel(tr("hours per fiscal year (mean over replicates)"))
    ax.set_title(tr("Adviser hours by activity"))
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
    ax.grid(axis="y", alpha=0.3)
    return ax.figure


def municipality_chart(run, ax=None, top: int = 30):
    """Horizontal stacked bars: adviser hours per municipality over the run by activity (the
    ``top`` municipalities with most hours, and those with none at the bottom if they fit).
    Returns the Figure."""
    h = hours_by_municipality(run).head(top)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, max(3.0, 0.25 * len(h) + 1.2)))
    left = np.zeros(len(h))
    for a in [c for c in h.columns if c not in ("name", "total")]:
        ax.barh(h["name"], h[a], left=left, color=ACTIVITY_COLOURS.get(a, None), label=tr(ACTIVITY_LABELS.get(a, a)))
        left += h[a].to_numpy()
    ax.invert_yaxis()
    ax.set_xlabel(tr("hours over the whole run (mean over replicates)"))
    ax.set_title(tr("Adviser hours by municipality"))
    ax.legend(loc="lower right", fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    return ax.figure


def utilisation_chart(runs, ax=None, colours=None):
    """Utilisation per fiscal year (share of available hours booked), mean line labelled with
    the scenario name and 5-95 % band, for one or several runs; ``colours``: scenario label ->
    colour (default matplotlib's cycle). Returns the Figure."""
    from .compare import scenario_label

    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4))
    for run in runs:
        u = utilisation(run)
        style = series_style(scenario_label(run), colours)
        line = ax.plot(u.index, u["mean"] * 100, marker="o", label=scenario_label(run), **style)[0]
        ax.fill_between(u.index, u["low"] * 100, u["high"] * 100, color=line.get_color(), alpha=0.2,
                        label="_nolegend_", gid=style["gid"])
    ax.set_ylim(0, 101)
    ax.set_xlabel(tr("fiscal year"))
    ax.set_ylabel(tr("% of available hours booked"))
    ax.set_title(tr("Adviser utilisation"))
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right")
    return ax.figure


def hour_accounting(runs) -> pd.DataFrame:
    """The advisers' hours over the whole run for each run (mean over replicates): what was
    available, what went to the municipalities (support and travel) and to meetings, what
    stayed idle and why, and the municipalities' need and the part no engagement met
    (docs/model.md §3.2, §3.5). It says why a lever buys what it buys: more advisers help
    only where need is unmet for lack of hours.

    A DataFrame with one row per run, indexed by its scenario label (index name
    "scenario"), every column in hours summed over the whole run, mean over replicates:

    * ``available``: adviser hours available (``adviser_hours_available``)
    * ``support``: hours spent with municipalities (visits, council meetings, online)
    * ``travel``: travel hours to and from them
    * ``meetings``: group events and the advisers' liaison meetings
    * ``idle``: hours not booked; available = support + travel + meetings + idle
    * ``needed``: the municipalities' need for adviser hours (``adviser_hours_needed``)
    * ``unmet``: the part of that need no engagement met
    * ``idle_no_need``, ``idle_at_limit``, ``idle_cannot_fit``, ``idle_not_booked``,
      ``idle_region_bound``: the idle hours by reason (:data:`IDLE_REASONS`, adding up to
      ``idle``); only for files that record the split (:func:`has_idle_reasons`)

    A column whose series the file lacks is NaN (``meetings``: 0)."""
    from .compare import scenario_label

    rows = {}
    for run in runs:
        names = set(run.series_names())
        row = {}
        for col, name in (("available", "adviser_hours_available"), ("support", "adviser_hours_support"),
                          ("travel", "adviser_hours_travel"), ("meetings", None), ("idle", "adviser_hours_idle"),
                          ("needed", "adviser_hours_needed"), ("unmet", "adviser_hours_unmet")):
            if col == "meetings":
                row[col] = sum(float(run.array(n).astype(np.float64).sum(axis=1).mean())
                               for n in ("adviser_hours_group_event", "adviser_hours_liaison") if n in names)
            else:
                row[col] = float(run.array(name).astype(np.float64).sum(axis=1).mean()) if name in names else np.nan
        if has_idle_reasons(run):
            h = idle_by_reason(run)
            for r in IDLE_REASONS:
                row[f"idle_{r}"] = h[r]
        rows[scenario_label(run)] = row
    df = pd.DataFrame.from_dict(rows, orient="index")
    df.index.name = "scenario"
    return df

