"""Case flows (scenarios with a [cases] table): waiting, people lost, and where cases go.

Series (docs/output.md, "Case flows"): ``case_waiting`` (stock, per agency), ``case_wait_mean``
(period statistic, days, per agency), ``case_entered`` (flow, per agency), ``case_exits``
(flow, per exit kind), ``case_new_by_need``, ``case_lost_total`` and, with
``output.case_log``, the case log ``/cases/log`` (need, last agency and exit of every case
that left), which is what the flow diagram draws when it is there.

    import analysis
    with analysis.open_run("out/oita_cases.h5") as run:
        analysis.waiting_chart(run); analysis.lost_chart([run]); analysis.flow_diagram(run)
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from .compare import scenario_label
from .fiscal import complete_flow_years, flow_fiscal_year
from .plots import plt, series_style
from .i18n import tr

AGENCY_LABELS = {
    "plan_provider": "plan providers (指定特定相談支援)", "commissioned": "委託相談支援", "kikan": "基幹相談支援センター",
    "houkatsu": "地域包括支援センター", "jiritsu": "自立相談支援機関", "child_family": "こども家庭センター",
    "hub": "重層 hub (多機関協働)", "conference": "case conference (支援会議)",
}
EXIT_LABELS = {
    "resolved": "resolved", "handed_over": "handed over", "moved_away": "moved away", "died": "died",
    "unresolved": "unresolved", "dropped_out": "lost at a hand-over", "gave_up": "gave up waiting",
}
# The households' main needs (sim/model/case_types.hpp kNeedNames) as a reader sees them.
NEED_LABELS = {
    "disability": "disability", "elderly": "elderly", "child_family": "child and family", "hardship": "hardship",
    "mental_health": "mental health", "withdrawal": "withdrawal (ひきこもり)", "8050": "8050", "double_care": "double care",
    "multi_problem": "several problems at once",
}
LOST = ("dropped_out", "gave_up")


def has_cases(run) -> bool:
    """True when the file holds case series (the scenario had a [cases] table)."""
    return "case_waiting" in run.series_names()


def mean_wait(run) -> pd.DataFrame:
    """Mean wait in days by agency and record date: the municipalities' period means weighted
    by the cases that entered the agency in the period (an approximation: the weights of the
    writer are the cases that started, which the file does not hold), then averaged over
    replicates. Index date, columns agency; NaN where no case started anywhere."""
    wait = run.array("case_wait_mean").astype(np.float64)  # (R, T, M, A)
    entered = run.array("case_entered").astype(np.float64)
    w = np.where(np.isnan(wait), 0.0, entered)
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "mean of empty slice" where no case started
        per_rep = np.nansum(np.nan_to_num(wait) * w, axis=2) / w.sum(axis=2)  # (R, T, A)
        out = np.nanmean(np.where(np.isfinite(per_rep), per_rep, np.nan), axis=0)
    return pd.DataFrame(out, index=run.dates, columns=pd.Index(run.axes["agency"], name="agency"))


def waiting_chart(run, ax=None, agencies=None):
    """Two panels: cases waiting at each agency (all municipalities, mean over replicates) and
    their mean wait in days; one labelled line per agency that ever has a queue. Returns the
    Figure."""
    waiting = run.category_total("case_waiting")
    wait = mean_wait(run)
    agencies = agencies or [a for a in waiting.columns if waiting[a].max() > 0]
    if ax is None:
        fig, (ax, ax2) = plt.subplots(1, 2, figsize=(12, 4.2))
    else:
        fig, ax2 = ax.figure, None
    for a in agencies:
        ax.plot(waiting.index, waiting[a], label=tr(AGENCY_LABELS.get(a, a)))
        if ax2 is not None:
            ax2.plot(wait.index, wait[a], label=tr(AGENCY_LABELS.get(a, a)))
    ax.set_title(tr("Cases waiting (on the record date)"))
    ax.set_ylabel(tr("cases, all municipalities"))
    if agencies:
        ax.legend(fontsize=7)
    else:
        ax.text(0.5, 0.5, tr("no agency had a queue"), transform=ax.transAxes, ha="center")
    ax.grid(alpha=0.3)
    if ax2 is not None:
        ax2.set_title(tr("Mean wait of cases that started in the month"))
        ax2.set_ylabel(tr("days"))
        ax2.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def lost_per_year(run) -> pd.DataFrame:
    """People lost per fiscal year (complete years only), mean over replicates: columns
    dropped_out (lost at a hand-over), gave_up (gave up waiting), new (new cases) and
    lost_share (lost / new)."""
    exits = run.array("case_exits").astype(np.float64)  # (R, T, M, E)
    labels = run.axes["exit"]
    fy = flow_fiscal_year(run.dates)
    rows = {}
    new = run.array("case_new_total").astype(np.float64)
    for y in complete_flow_years(run.dates):
        sel = fy == y
        row = {k: exits[..., labels.index(k)][:, sel].sum(axis=(1, 2)).mean() for k in LOST}
        row["new"] = new[:, sel].sum(axis=1).mean()
        rows[y] = row
    df = pd.DataFrame.from_dict(rows, orient="index")
    if len(df):
        df["lost_share"] = (df["dropped_out"] + df["gave_up"]) / df["new"]
    df.index.name = "fiscal_year"
    return df


def lost_chart(runs, ax=None, low: float = 0.05, high: float = 0.95, colours=None):
    """Cases lost per month (lost at a hand-over or gave up, ``case_lost_total``): mean line
    per scenario (labelled with its name) and 5-95 % band; ``colours``: scenario label ->
    colour (default matplotlib's cycle). Returns the Figure."""
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4))
    for run in runs:
        b = run.band("case_lost_total", low=low, high=high).iloc[1:]  # the first record holds no flow
        style = series_style(scenario_label(run), colours)
        line = ax.plot(b.index, b["mean"], label=scenario_label(run), **style)[0]
        ax.fill_between(b.index, b["low"], b["high"], color=line.get_color(), alpha=0.2, label="_nolegend_",
                        gid=style["gid"])
    ax.set_ylabel(tr("cases lost in the month before the record"))
    ax.set_title(tr("People lost: dropped at a hand-over or gave up waiting"))
    ax.grid(alpha=0.3)
    ax.legend(loc="upper right")
    return ax.figure


def flows(run) -> tuple[pd.DataFrame, str]:
    """Where cases went, for the flow diagram: (links, source). With a case log, links are
    need -> last agency -> exit counts per replicate (source "log"); without one, the run's
    totals by need, agency entered and exit, with no links between them (source "totals").
    Columns of links: stage (0 or 1), source, target, cases."""
    f = run._file
    if "cases/log" in f and f["cases/log"].shape[0] > 0:
        log = f["cases/log"][("need", "last_agency", "exit")]
        need = np.asarray(run.axes["need"], dtype=object)[log["need"]]
        agency = np.asarray(run.axes["agency"], dtype=object)[log["last_agency"]]
        exit_ = np.asarray(run.axes["exit"], dtype=object)[log["exit"]]
        n_rep = len(run.replicates)
        a = pd.DataFrame({"source": need, "target": agency}).value_counts().rename("cases").reset_index()
        b = pd.DataFrame({"source": agency, "target": exit_}).value_counts().rename("cases").reset_index()
        a["stage"], b["stage"] = 0, 1
        links = pd.concat([a, b], ignore_index=True)
        links["cases"] = links["cases"] / n_rep
        return links[["stage", "source", "target", "cases"]], "log"
    need = run.category_total("case_new_by_need").sum()
    exits = run.category_total("case_exits").sum()
    rows = [(0, k, None, v) for k, v in need.items()] + [(1, None, k, v) for k, v in exits.items()]
    return pd.DataFrame(rows, columns=["stage", "source", "target", "cases"]), "totals"


def _column(ax, x, totals: pd.Series, height: float, labels: dict) -> dict:
    """Draws one column of stacked blocks; returns label -> (bottom, top) in axes units."""
    gap = 0.01
    scale = (height - gap * (len(totals) - 1)) / max(totals.sum(), 1e-12)
    pos, y = {}, 1.0
    for k, v in totals.items():
        h = v * scale
        ax.add_patch(plt.Rectangle((x - 0.015, y - h), 0.03, h, color="#4c72b0"))
        ax.text(x + (0.02 if x < 0.9 else -0.02), y - h / 2, f"{tr(labels.get(k, k))} ({v:,.0f})", va="center",
                ha="left" if x < 0.9 else "right", fontsize=7)
        pos[k] = [y - h, y]
        y -= h + gap
    return pos


def flow_diagram(run, ax=None):
    """Where cases go: the households' main need (left), the agency they left from (middle)
    and how they left (right), with bands proportional to the cases going each way (a Sankey
    diagram; mean per replicate over the run). Needs the case log (``output.case_log``);
    without it the three columns show totals (new cases by need, cases entered by agency,
    exits by kind) and no bands, since the totals do not say who went where. The columns
    are the axes' children: one Rectangle per category. Returns the Figure."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    links, source = flows(run)
    if ax is None:
        _, ax = plt.subplots(figsize=(11, 6.5))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    if source == "log":
        left = links[links.stage == 0].groupby("source")["cases"].sum().sort_values(ascending=False)
        mid = links[links.stage == 0].groupby("target")["cases"].sum().sort_values(ascending=False)
        right = links[links.stage == 1].groupby("target")["cases"].sum().sort_values(ascending=False)
    else:
        left = links[links.stage == 0].set_index("source")["cases"].sort_values(ascending=False)
        mid = run.category_total("case_entered").sum().sort_values(ascending=False)
        right = links[links.stage == 1].set_index("target")["cases"].sort_values(ascending=False)
    cols = [(0.05, left, NEED_LABELS), (0.5, mid, AGENCY_LABELS), (0.95, right, EXIT_LABELS)]
    pos = [_column(ax, x, t[t > 0], 0.95, lab) for x, t, lab in cols]
    if source == "log":
        for stage, (xa, xb) in enumerate([(0.065, 0.485), (0.515, 0.935)]):
            out_y = {k: v[1] for k, v in pos[stage].items()}
            in_y = {k: v[1] for k, v in pos[stage + 1].items()}
            sa = 0.95 / max(cols[stage][1].sum(), 1e-12)
            sb = 0.95 / max(cols[stage + 1][1].sum(), 1e-12)
            rank_a = {k: i for i, k in enumerate(pos[stage])}
            rank_b = {k: i for i, k in enumerate(pos[stage + 1])}
            part = links[links.stage == stage].copy()
            part["ra"], part["rb"] = part.source.map(rank_a), part.target.map(rank_b)
            part = part.sort_values(["ra", "rb"])  # bands leave and arrive in column order: few crossings
            for _, r in part.iterrows():
                if r.source not in out_y or r.target not in in_y:
                    continue
                ha, hb = r.cases * sa, r.cases * sb
                y0, y1 = out_y[r.source], in_y[r.target]
                verts = [(xa, y0), ((xa + xb) / 2, y0), ((xa + xb) / 2, y1), (xb, y1), (xb, y1 - hb),
                         ((xa + xb) / 2, y1 - hb), ((xa + xb) / 2, y0 - ha), (xa, y0 - ha), (xa, y0)]
                codes = [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4, Path.LINETO, Path.CURVE4, Path.CURVE4,
                         Path.CURVE4, Path.CLOSEPOLY]
                colour = "#c0392b" if r.target in LOST else "#7f8c8d"
                ax.add_patch(PathPatch(Path(verts, codes), facecolor=colour, alpha=0.25, lw=0))
                out_y[r.source] -= ha
                in_y[r.target] -= hb
    for x, title in ((0.05, "main need"), (0.5, "agency it left from" if source == "log" else "cases entered"),
                     (0.95, "how it left")):
        ax.text(x, 1.015, tr(title), ha="center", fontsize=9, fontweight="bold")
    what = tr("cases that left, mean per replicate") if source == "log" else tr("totals over the run, no case log in the file")
    ax.set_title(tr("Where cases go ({what})", what=what), fontsize=10, pad=18)
    return ax.figure


# -- per agency, for runs and experiments; queues that keep growing ------------------------------

AGENCIES = tuple(AGENCY_LABELS)


def has_case_totals(run) -> bool:
    """True when the file holds the case totals: a run with case flows, or an experiment
    variant, which keeps each agency's series as totals (``case_waiting[hub]``,
    docs/experiments.md ``category_series``)."""
    return "case_waiting_total" in run.series_names()


def agency_totals(run, name: str = "case_waiting") -> dict:
    """category -> (replicate, time) array of ``name`` summed over municipalities, in the
    order of the series' category axis (agency, exit kind): from the per-municipality series
    of a run, or the ``NAME[category]`` totals of an experiment variant."""
    names = run.series_names()
    if name in names:
        x = run.array(name).astype(np.float64)  # (R, T, M, C)
        labels = run._category_axis(run._dataset(name))[1]
        return {c: np.nansum(x[..., i], axis=2) for i, c in enumerate(labels)}
    prefix = name + "["
    return {n[len(prefix):-1]: run.array(n).astype(np.float64) for n in names
            if n.startswith(prefix) and n.endswith("]")}


def _trend(years: np.ndarray, y: np.ndarray) -> float:
    return float(np.polyfit(years, y, 1)[0]) if len(years) >= 2 else 0.0


def growing_queues(run, window_years: float = 2.0, min_growth: float = 5.0, min_share: float = 0.25) -> pd.DataFrame:
    """Waiting lists that keep growing, by the rule of ``tsunagi run`` (sim/output/
    queue_stability.hpp, docs/output.md "Unstable queues"): over the last ``window_years`` of
    records (at least 3 records over a year), the least-squares trend of the replicate mean
    is at least ``min_growth`` cases a year; continued over the run's length (first record
    to last), at least ``min_share`` of the mean level over the window; and, with 2 or more
    replicates, more than twice the standard error of the replicates' own trends.

    Per municipality for a run with per-municipality case series; for an experiment variant
    (totals only) the municipality is "all". Columns: municipality, agency,
    growth_per_year, waiting_end; largest growth first; empty when none grows."""
    columns = ["municipality", "agency", "growth_per_year", "waiting_end"]
    years = np.asarray((run.dates - run.dates[0]).days, dtype=np.float64) / 365.25
    keep = years >= years[-1] - window_years - 1e-9
    if keep.sum() < 3 or years[-1] - years[keep][0] < 1.0 - 1e-9:
        return pd.DataFrame(columns=columns)
    x = years[keep]
    cells = []  # (municipality, agency, (R, n) waiting)
    if "case_waiting" in run.series_names():
        w = run.array("case_waiting").astype(np.float64)[:, keep]  # (R, n, M, A)
        names = list(run.municipalities["name"])
        for a, agency in enumerate(run.axes["agency"]):
            for m, muni in enumerate(names):
                cells.append((muni, agency, w[:, :, m, a]))
    else:
        for agency, w in agency_totals(run, "case_waiting").items():
            cells.append(("all", agency, w[:, keep]))
    rows = []
    for muni, agency, w in cells:
        w = np.nan_to_num(w)
        mean = w.mean(axis=0)
        g = _trend(x, mean)
        if g < min_growth or g * (years[-1] - years[0]) < min_share * mean.mean():
            continue
        if w.shape[0] >= 2:
            slopes = np.array([_trend(x, row) for row in w])
            if g <= 2 * slopes.std(ddof=1) / np.sqrt(len(slopes)):
                continue
        rows.append((muni, agency, g, mean[-1]))
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values("growth_per_year", ascending=False, kind="stable").reset_index(drop=True)


def agency_comparison(runs, name: str = "case_waiting", day=None, level: float = 0.95,
                      fiscal_year: int | None = None) -> pd.DataFrame:
    """``name`` per category (agency, or exit kind for case_exits; summed over
    municipalities) in each run on ``day`` (the last
    record on or before it; default the last record), and each later run's paired difference
    from runs[0] with its ``level`` t interval (runs with the same seed and replicates).

    For a stock, the state at that record; for a flow, the flow of that record's period, or,
    with ``fiscal_year``, the total over that fiscal year's records (``day`` is then ignored).
    Index: the categories with a non-zero value in some run; columns ``<label>`` (mean over
    replicates) for every run and ``<label> minus <base>``, ``... lower``, ``... upper`` for
    the others."""
    from .compare import _t_interval

    base = runs[0]
    if fiscal_year is not None:
        rows_of_year = flow_fiscal_year(base.dates) == fiscal_year
        rows_of_year[0] = False  # the first record holds no flow
        when = f"FY{fiscal_year}"
        pick = lambda a: a[:, rows_of_year].sum(axis=1)  # noqa: E731
    else:
        when = base.dates[-1] if day is None else base.dates[base.dates <= pd.Timestamp(day)][-1]
        t = int(np.flatnonzero(base.dates == when)[0])
        pick = lambda a: a[:, t]  # noqa: E731
    totals = [agency_totals(r, name) for r in runs]
    labels = [scenario_label(r) for r in runs]
    rows = {}
    for agency in totals[0]:
        values = [pick(tot[agency]) for tot in totals if agency in tot]
        if len(values) != len(runs) or not any(np.any(v != 0) for v in values):
            continue
        row = {label: float(v.mean()) for label, v in zip(labels, values)}
        for label, v in zip(labels[1:], values[1:]):
            if len(v) == len(values[0]):
                mean, lower, upper = _t_interval((v - values[0])[:, None], level)
                row[f"{label} minus {labels[0]}"] = float(mean[0])
                row[f"{label} minus {labels[0]} lower"] = float(lower[0])
                row[f"{label} minus {labels[0]} upper"] = float(upper[0])
        rows[agency] = row
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "agency"
    out.attrs["date"] = when
    return out
